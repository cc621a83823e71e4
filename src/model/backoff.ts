/**
 * Capped exponential backoff, the one retry schedule of the plugin: the org layer (src/org/fault-policy.ts)
 * and the RingCentral checks (src/ringcentral/checks.ts) both wait by it. It lives here, in the model, because those
 * two layers are side by side and may not import each other (scripts/check-layers.js); both may import the model.
 * Pure but for `sleep`, the one timer every wait of the plugin goes through.
 */

/** Resolves after `ms` milliseconds: every wait of the plugin (backoffs, polls, re-checks). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first and the longest wait between re-checks of what a person does in a browser (verify, rotate --wait). */
export const PERSON_WAIT = { firstDelayMs: 5_000, maxDelayMs: 30_000, factor: 1.5 } as const;

/** The wait before re-check `round` (1 for the first) of what a person does: 5 s, then 1.5 times longer up to 30 s. */
export const personWaitMs = (round: number): number =>
  Math.min(PERSON_WAIT.maxDelayMs, PERSON_WAIT.firstDelayMs * PERSON_WAIT.factor ** Math.max(0, round - 1));

/** How often and how long: tries in all, first wait, cap of a wait (exponential in between). */
export type RetryPolicy = { attempts: number; firstDelayMs: number; maxDelayMs: number };

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 500, maxDelayMs: 8000 };

/** The wait before try `attempt` (2, 3, …): capped exponential backoff. */
export const backoffMs = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 2));

/** Seconds of a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The wait before try `attempt` of an answer that asked to slow down: what its Retry-After asks when it says,
 * else the backoff.
 */
export const retryDelayMs = (policy: RetryPolicy, attempt: number, retryAfter?: string | null): number => {
  const asked = retryAfterSeconds(retryAfter);
  return asked !== undefined ? asked * 1000 : backoffMs(policy, attempt);
};
