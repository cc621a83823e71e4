/**
 * Ctrl-C. The first one stops the run between calls: the call in flight finishes (its answer is
 * kept), no new one starts, and the command says what was done and that a re-run finishes, with exit code 130.
 * A second Ctrl-C ends the process at once, for a call that hangs.
 */
import { EXIT } from '../model/exit-codes.js';

export function onCtrlC(stop: () => void, signals: NodeJS.EventEmitter = process): () => void {
  // SfCommand's own SIGINT listener exits at once by throwing oclif's ExitError from the signal handler (a stack
  // trace and exit 1): while the command talks to the org, this handler alone answers Ctrl-C.
  const others = signals.listeners('SIGINT') as Array<(...args: unknown[]) => void>;
  others.forEach((l) => signals.off('SIGINT', l));
  let count = 0;
  const handler = (): void => {
    count++;
    if (count === 1) stop();
    else process.exit(EXIT.interrupted);
  };
  signals.on('SIGINT', handler);
  return () => {
    signals.off('SIGINT', handler);
    others.forEach((l) => signals.on('SIGINT', l));
  };
}

/** Whether an error is a prompt given up with Ctrl-C (@inquirer's ExitPromptError). */
export const isPromptExit = (error: unknown): boolean => (error as Error | undefined)?.name === 'ExitPromptError';
