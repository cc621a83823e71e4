/**
 * The calls this process gave up on after their deadline and whose answer has not come yet. jsforce keeps such a
 * request open up to its own 30-minute timeout and offers no way to abort it, so a command that has answered may
 * still be held alive by one: the command's end (cli/run/process-end.ts) ends the process while any is counted.
 */
let pending = 0;

export const abandonedCalls = (): number => pending;

/** Counts a call given up on until it settles, whichever way. */
export function abandon(call: Promise<unknown>): void {
  pending++;
  call.then(
    () => pending--,
    () => pending--,
  );
}
