import { DEFAULT_RETRY, type RetryPolicy } from '../model/backoff.js';
import { deployPollMs, retryPolicy } from './fault-policy.js';

/**
 * The org layer's waits in one place: the retry backoff of a passing fault and the pace of a deploy's status polls.
 * A run uses the defaults, or what ECI_RETRY_DELAY_MS and ECI_DEPLOY_POLL_MS say (fault-policy.ts reads them); a test
 * shortens them (setOrgTimings, or the variables for a whole process) so that it never sleeps for real.
 */
export type OrgTimings = {
  retry: RetryPolicy;
  /**
   * The wait before each status poll of a deploy, the last repeated: the first poll soon, then a backoff up to one
   * second, Salesforce's own pace (source-deploy-retrieve polls every second). A poll lands in every second SDR would
   * poll in, so a deploy is never noticed later than SDR would notice it, and a short one sooner.
   */
  deployPollsMs: readonly number[];
  /** How long a deploy is polled before the admin is given its ID to look it up. */
  deployWaitMs: number;
  /** The waits before a setup change refused by another deploy's administration lock is sent again (admin-lock.ts). */
  adminLockWaitsMs: readonly number[];
};

export const DEFAULT_TIMINGS: OrgTimings = {
  retry: DEFAULT_RETRY,
  deployPollsMs: [250, 250, 500, 1000],
  deployWaitMs: 10 * 60_000,
  adminLockWaitsMs: [1000, 2000, 4000, 8000, 15_000],
};

/** The defaults, with what the environment variables shorten. */
function fromEnvironment(env: NodeJS.ProcessEnv = process.env): OrgTimings {
  return {
    ...DEFAULT_TIMINGS,
    retry: retryPolicy(env),
    ...(env.ECI_DEPLOY_POLL_MS ? { deployPollsMs: [deployPollMs(env)] } : {}),
  };
}

let current: OrgTimings | undefined;

export const orgTimings = (): OrgTimings => current ?? fromEnvironment();

/** Replaces some of the waits (tests); answers the function that puts the previous ones back. */
export function setOrgTimings(timings: Partial<OrgTimings>): () => void {
  const previous = current;
  current = { ...orgTimings(), ...timings };
  return () => {
    current = previous;
  };
}
