/*
 * Waiting for the person's steps: re-run the checks a person or propagation can still turn green until all are done
 * or the time is up. A pure loop: the clock and the sleep are injected, so tests need no timers.
 *
 * Backoff: 5 s, then 1.5 times longer each round up to 30 s, never sooner than a rate limit's Retry-After (RingCentral
 * answers 429 with one), never past the deadline. A round costs one RingCentral GET and one anonymous Apex call
 * (a Salesforce API request) per step still open, so ten minutes cost at most about 25 rounds.
 */
import type { PersonStepCheck } from './person-steps.js';
import { PERSON_WAIT, personWaitMs, sleep } from '../model/backoff.js';

export type WaitClock = { now(): number; sleep(ms: number): Promise<void> };

export const realClock: WaitClock = {
  now: () => Date.now(),
  sleep,
};

export const FIRST_DELAY_MS = PERSON_WAIT.firstDelayMs;
export const MAX_DELAY_MS = PERSON_WAIT.maxDelayMs;

/** How long to wait before round `round` (1 for the first re-check), given the last checks. */
export function nextDelayMs(round: number, last: readonly PersonStepCheck[], remainingMs: number): number {
  const backoff = personWaitMs(round);
  const retryAfter = Math.max(0, ...last.map((c) => (c.retryAfterSeconds ?? 0) * 1000));
  return Math.max(0, Math.min(Math.max(backoff, retryAfter), remainingMs));
}

export type WaitRound = {
  round: number;
  elapsedMs: number;
  /** The latest state of every step waited for. */
  checks: PersonStepCheck[];
  /** The steps whose state changed in this round. */
  changed: PersonStepCheck[];
};

export type WaitOptions = {
  /** The state before waiting (the first run of the checks). */
  initial: readonly PersonStepCheck[];
  /** Runs the checks of the given steps (those not yet done). */
  check: (ids: Array<PersonStepCheck['id']>) => Promise<PersonStepCheck[]>;
  timeoutMs: number;
  clock?: WaitClock;
  onRound?: (round: WaitRound) => void | Promise<void>;
};

export type WaitOutcome = { done: boolean; rounds: number; elapsedMs: number; checks: PersonStepCheck[] };

/** Until every step is done (true) or the time is up (false). A done step is not checked again. */
export async function waitForPersonSteps(options: WaitOptions): Promise<WaitOutcome> {
  const clock = options.clock ?? realClock;
  const started = clock.now();
  let checks = [...options.initial];
  let round = 0;
  const pending = (): Array<PersonStepCheck['id']> => checks.filter((c) => c.state !== 'done').map((c) => c.id);
  while (pending().length > 0) {
    const remaining = options.timeoutMs - (clock.now() - started);
    if (remaining <= 0) break;
    round++;
    const delay = nextDelayMs(round, checks, remaining);
    await clock.sleep(delay);
    const fresh = await options.check(pending());
    const changed = fresh.filter((f) => checks.find((c) => c.id === f.id)?.state !== f.state);
    checks = checks.map((c) => fresh.find((f) => f.id === c.id) ?? c);
    await options.onRound?.({ round, elapsedMs: clock.now() - started, checks, changed });
  }
  return { done: pending().length === 0, rounds: round, elapsedMs: clock.now() - started, checks };
}
