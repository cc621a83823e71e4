import { orgTimings } from './timings.js';
import { sleep } from '../model/backoff.js';

/**
 * A sent deploy polled until it is done, at the pace of orgTimings().deployPollsMs: each poll one call of its own
 * (the caller runs it under the fault policy), so one passing fault costs one more poll, never the deploy.
 */
export type PollOptions<S> = {
  /** One status poll. */
  check: () => Promise<S>;
  done: (status: S) => boolean;
  /** Called with each status that is not done yet (the spinner's progress). */
  onProgress?: (status: S) => void;
  /** Polls after this many ms are not sent: the caller gives the admin the deploy's ID instead. */
  waitMs?: number;
};

export type Polled<S> = { status: S; done: boolean; polls: number; polledMs: number };

/** The wait before poll `n` (0-based): the schedule's, its last repeated. */
export const pollDelayMs = (schedule: readonly number[], n: number): number =>
  schedule[Math.min(n, schedule.length - 1)] ?? 1000;

/** Polls until done or the wait is over (done false: the deploy goes on in the org). */
export async function pollUntilDone<S>(options: PollOptions<S>): Promise<Polled<S>> {
  const { deployPollsMs, deployWaitMs } = orgTimings();
  const waitMs = options.waitMs ?? deployWaitMs;
  const started = Date.now();
  for (let n = 0; ; n++) {
    await sleep(pollDelayMs(deployPollsMs, n));
    const status = await options.check();
    const polledMs = Date.now() - started;
    if (options.done(status)) return { status, done: true, polls: n + 1, polledMs };
    if (polledMs >= waitMs) return { status, done: false, polls: n + 1, polledMs };
    options.onProgress?.(status);
  }
}
