/**
 * Ctrl-C and SIGTERM (how CI cancels a job). The first signal stops the run between calls: the call in flight
 * finishes (its answer is kept), no new one starts, and the command says what was done and that a re-run finishes,
 * with the signal's conventional exit code (130, 143). A second signal ends the process at once, for a call that hangs.
 */
import { EXIT } from '../../model/exit-codes.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** The exit code of a run a signal stopped. */
export const exitCodeOf = (signal: StopSignal): number => (signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);

/**
 * While the command talks to the org, these handlers alone answer SIGINT and SIGTERM: SfCommand's own listeners exit
 * at once by throwing oclif's ExitError from the signal handler (a stack trace and exit 1), so they are removed for
 * good. Returns the function that ends the stop: from then on (the report, the hand-over) a signal ends the process
 * at once with its conventional code, nothing being left half-written.
 */
export function onStopSignal(stop: (signal: StopSignal) => void, signals: NodeJS.EventEmitter = process): () => void {
  const others = new Map(SIGNALS.map((s) => [s, signals.listeners(s) as Array<(...args: unknown[]) => void>] as const));
  let first: StopSignal | undefined;
  const handlers = new Map(
    SIGNALS.map((signal) => {
      const handler = (): void => {
        if (first) process.exit(exitCodeOf(first));
        first = signal;
        stop(signal);
      };
      return [signal, handler] as const;
    }),
  );
  for (const [signal, handler] of handlers) {
    others.get(signal)!.forEach((l) => signals.off(signal, l));
    signals.on(signal, handler);
  }
  return () => {
    for (const [signal, handler] of handlers) {
      signals.off(signal, handler);
      signals.on(signal, () => process.exit(exitCodeOf(signal)));
    }
  };
}

/** Whether an error is a prompt given up with Ctrl-C (@inquirer's ExitPromptError). */
export const isPromptExit = (error: unknown): boolean => (error as Error | undefined)?.name === 'ExitPromptError';
