/**
 * The one fault policy of the org layer: what a failed call was, whether it may be tried again, and what the admin
 * reads. Every Salesforce call goes through CallPolicy.run (call-policy.ts), which applies it.
 * - Reads (and polls of a deploy's status) are idempotent: a broken connection, a timeout, a 5xx, an outage page or
 *   Salesforce's concurrent-request limit is retried with capped exponential backoff.
 * - Writes are never retried: one whose answer was lost may have landed; a re-run reads what did and finishes.
 * - The org's daily API limit is never retried (it will not pass in seconds) and says how to see it.
 * - Each class has its own words and action; the permissions hint is only for permission errors.
 */

import { DEFAULT_RETRY, type RetryPolicy } from '../model/backoff.js';

export type FaultClass =
  /** the session expired or was revoked */
  | 'session'
  /** the org's 24-hour API request limit */
  | 'daily-limit'
  /** too many long-running requests at once */
  | 'concurrent-limit'
  /** the connection broke or nothing answered in time */
  | 'connection'
  | 'timeout'
  /** an HTML page, an empty or unparsable body where an API answer belonged: a proxy or an outage */
  | 'unreadable'
  /** HTTP 5xx, UNKNOWN_EXCEPTION: Salesforce failed inside */
  | 'server'
  /** HTTP 431: the request's headers are too large (a proxy, a cookie) */
  | 'headers-too-large'
  /** the user lacks a permission, or the org lacks the feature */
  | 'permission'
  /** Salesforce understood and refused */
  | 'refused';

export type Fault = { class: FaultClass; code: string; message: string };

type RawError = { name?: string; errorCode?: string; message?: string; cause?: unknown; code?: string };

const causeCode = (e: RawError): string | undefined => {
  const cause = e.cause as RawError | undefined;
  return cause?.code ?? (cause?.cause as RawError | undefined)?.code ?? e.code;
};

/** What a thrown error of a jsforce call (or of OrgPort's own answer checks) is. */
export function classify(error: unknown): Fault {
  const e = (error ?? {}) as RawError;
  const code = (e.errorCode ?? '').replace(/^sf:/, '');
  const message = e.message ?? String(error);
  const socket = causeCode(e);
  const fault = (c: FaultClass, withCode = code || e.name || 'Error'): Fault => ({ class: c, code: withCode, message });
  if (e.name === 'UnreadableAnswerError') return fault('unreadable', 'UNREADABLE_ANSWER');
  if (e.name === 'CallTimeoutError') return fault('timeout', 'TIMEOUT');
  // An expired session that jsforce tried to refresh ends in the refresh's own failure: still the session's.
  if (
    /INVALID_SESSION_ID|INVALID_AUTH|INVALID_GRANT/i.test(code) ||
    /INVALID_SESSION_ID|Unable to refresh session|authenticating with the refresh token|expired access\/refresh token/i.test(
      message,
    )
  ) {
    return fault('session');
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED')
    return fault(/TotalRequests/i.test(message) ? 'daily-limit' : 'concurrent-limit');
  if (/ConcurrentPerOrg|Concurrent(?:Requests|Limit)/i.test(message)) return fault('concurrent-limit');
  if (
    socket &&
    /^(ECONNRESET|ECONNREFUSED|ENOTFOUND|ENETDOWN|ENETUNREACH|EHOSTDOWN|EPIPE|ETIMEDOUT|UND_ERR_\w+)$/.test(socket)
  ) {
    return fault(socket === 'ETIMEDOUT' || socket === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : 'connection', socket);
  }
  if (e.name === 'TypeError' && /fetch failed|terminated|socket/i.test(message))
    return fault('connection', socket ?? 'FETCH_FAILED');
  if (code === 'ERROR_HTTP_431') return fault('headers-too-large');
  if (/html content/i.test(message)) return fault('unreadable', code || 'HTML_ANSWER');
  if (/^ERROR_HTTP_5\d\d$/.test(code) || code === 'UNKNOWN_EXCEPTION' || code === 'SERVER_UNAVAILABLE')
    return fault('server');
  if (/^ERROR_HTTP_(420|429)$/.test(code)) return fault('concurrent-limit');
  // jsforce reads an answer it could not parse as if it were one, and fails on its shape: that is no refusal.
  if (e.name === 'TypeError')
    return { class: 'unreadable', code: 'UNREADABLE_ANSWER', message: 'an answer of another shape' };
  if (/INSUFFICIENT_ACCESS|INVALID_TYPE|API_DISABLED_FOR_ORG|FUNCTIONALITY_NOT_ENABLED|NOT_AUTHORIZED/.test(code))
    return fault('permission');
  return fault('refused');
}

/** Classes a read may be tried again for; the daily limit and refusals never pass by waiting a few seconds. */
const RETRYABLE: ReadonlySet<FaultClass> = new Set([
  'connection',
  'timeout',
  'unreadable',
  'server',
  'concurrent-limit',
]);

export const isRetryable = (fault: Fault): boolean => RETRYABLE.has(fault.class);

// The retry schedule is the model's (src/model/backoff.ts), shared with the RingCentral checks.
export { backoffMs, DEFAULT_RETRY, type RetryPolicy } from '../model/backoff.js';

/*
 * The org layer's waits, each overridable in milliseconds from the environment (slow networks; tests that meet a
 * fault or a deploy in milliseconds rather than seconds). This is the one place that reads them.
 */

/** A positive number of milliseconds from the environment variable `name`, else `fallback`. */
function msFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const given = Number(env[name]);
  return Number.isFinite(given) && given > 0 ? given : fallback;
}

/**
 * How long one call may take before the plugin stops waiting for it: long enough for a slow Metadata API answer,
 * short enough that a hanging proxy does not hold a run. ECI_CALL_TIMEOUT_MS overrides it (tests, slow networks).
 */
export function callTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return msFromEnv('ECI_CALL_TIMEOUT_MS', 120_000, env);
}

/** The retry schedule of reads: DEFAULT_RETRY, its first wait ECI_RETRY_DELAY_MS when set (the cap scaled alike). */
export function retryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const first = msFromEnv('ECI_RETRY_DELAY_MS', DEFAULT_RETRY.firstDelayMs, env);
  const scale = first / DEFAULT_RETRY.firstDelayMs;
  return { ...DEFAULT_RETRY, firstDelayMs: first, maxDelayMs: DEFAULT_RETRY.maxDelayMs * scale };
}

/** How often a deploy's status is asked: every second, or every ECI_DEPLOY_POLL_MS. */
export function deployPollMs(env: NodeJS.ProcessEnv = process.env): number {
  return msFromEnv('ECI_DEPLOY_POLL_MS', 1000, env);
}
