import { abandonedCalls } from '../../org/connect.js';

/**
 * Once the command has answered (its report printed, its exit code set), nothing it gave up on may keep the process
 * alive: a call past its deadline can hold a socket open for half an hour. The timer does not itself keep the
 * process alive, so a run with nothing pending ends as always; one still holding an abandoned call ends at once, with
 * the exit code the command set.
 */
export function endOnceAnswered(options: { graceMs?: number; exit?: (code: number) => void } = {}): void {
  if (abandonedCalls() === 0) return;
  const exit = options.exit ?? ((code: number): void => process.exit(code));
  setTimeout(() => {
    // The code is passed, not left to process.exit: an exit hook of the CLI's would otherwise make it 0.
    if (abandonedCalls() > 0) exit(Number(process.exitCode ?? 0));
  }, options.graceMs ?? 200).unref();
}
