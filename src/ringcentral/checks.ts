/*
 * The only code that talks to RingCentral (through @ringcentral/sdk). Two checks that need no RingCentral user login:
 *  - the client id and secret: a token request `grant_type=authorization_code` with a random code and Basic client
 *    auth. RingCentral checks the client first, then the grant type, then the code, so the error tells how far it got;
 *  - the redirect URI: the authorize URL for the client and Salesforce's callback, without following redirects.
 * Each gives a typed result, never throws, and never carries the client secret: it is revealed only into the Basic
 * header of the one request, and every text that comes back from the server is redacted.
 * @ringcentral/sdk is imported lazily, so commands that never call RingCentral do not load it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Messages } from '@salesforce/core';
import type { SDK as RingCentralSdk, SendOptions } from '@ringcentral/sdk';
import {
  DEFAULT_RETRY,
  retryAfterSeconds,
  retryDelayMs,
  sleep as realSleep,
  type RetryPolicy,
} from '../model/backoff.js';
import { redact, Secret } from '../model/secret.js';

export { retryAfterSeconds } from '../model/backoff.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'ringcentral');

export type RingCentralCheckStatus = 'pass' | 'fail' | 'error';
export type RingCentralCheckReason =
  | 'ok'
  | 'invalid-credentials'
  | 'wrong-environment'
  | 'flow-not-allowed'
  | 'redirect-mismatch'
  | 'redirect-missing'
  | 'unreachable'
  | 'rate-limited'
  | 'unexpected';

export type RingCentralCheckResult = {
  /** pass: what was checked is right; fail: RingCentral said it is wrong; error: the check could not decide. */
  status: RingCentralCheckStatus;
  /** RingCentral's error code, e.g. `OAU-251`, when it gave one. */
  code?: string;
  reason: RingCentralCheckReason;
  /** What was found, for a person. Never contains the client secret. */
  detail: string;
  /** What to do about it (absent when the check passed). */
  action?: string;
  /** HTTP status of RingCentral's (last) answer, when there was one. */
  httpStatus?: number;
  /** rate-limited: the seconds RingCentral asked to wait (Retry-After), so a caller asking again waits as long. */
  retryAfterSeconds?: number;
};

export type RingCentralCredentialsInput = {
  /** e.g. `https://platform.ringcentral.com` (ringCentralPlatform().server) */
  server: string;
  clientId: string;
  clientSecret: Secret;
  /** Salesforce's callback URL of the auth provider (sent as the token request's redirect_uri) */
  redirectUri: string;
};

export type RingCentralRedirectUriInput = {
  server: string;
  clientId: string;
  /** Salesforce's callback URL of the auth provider, which must be one of the app's OAuth Redirect URIs */
  redirectUri: string;
};

export type RingCentralCheckOptions = {
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /**
   * A 429 is tried again by the org layer's schedule (src/model/backoff.ts: capped exponential backoff, waiting what
   * Retry-After asks when it says); a wait longer than this is not made, the 429 is reported at once. Default 60.
   */
  maxRetryAfterSeconds?: number;
  /** Tries in all and the backoff between them; default DEFAULT_RETRY (3 tries), the org layer's. */
  retry?: RetryPolicy;
  /** For tests: how to wait (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
};

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RETRY_AFTER_S = 60;

const WRONG_ENVIRONMENT = 'OAU-165';
/** invalid_client: wrong id or secret (or an app of another environment). */
const INVALID_CLIENT_CODES = new Set(['OAU-120', 'OAU-121', 'OAU-123', 'OAU-134', 'OAU-146', 'OAU-151', 'OAU-153']);
/** unauthorized_client: valid credentials, but the app is not set up for the authorization code flow. */
const FLOW_NOT_ALLOWED_CODES = new Set(['OAU-112', 'OAU-125', 'OAU-251']);
/** invalid_grant for our random code: the client and the grant type were accepted. */
const CODE_REFUSED = /^OAU-1(0[6-9]|10)$/;

/** One answer from RingCentral, or none. */
type Answer =
  | {
      kind: 'response';
      status: number;
      error?: string;
      code?: string;
      description?: string;
      retryAfter?: string | null;
    }
  | { kind: 'network'; message: string };

type CheckKind = 'credentials' | 'redirect';

/**
 * Whether the client id and secret are valid on this server and the app allows the authorization code flow.
 * pass: RingCentral refused only the (random) code. fail: invalid-credentials, wrong-environment (OAU-165: a sandbox
 * app on production) or flow-not-allowed. error: unreachable, rate-limited or unexpected.
 */
export async function checkRingCentralCredentials(
  input: RingCentralCredentialsInput,
  options: RingCentralCheckOptions = {},
): Promise<RingCentralCheckResult> {
  const { server, clientId, clientSecret, redirectUri } = input;
  const basic = new Secret(Buffer.from(`${clientId}:${clientSecret.reveal()}`).toString('base64'));
  const secrets = [clientSecret, basic];
  try {
    const sdk = await newSdk(server, clientId);
    const answer = await withRateLimit(
      () =>
        exchange(sdk, options, {
          method: 'POST',
          url: '/restapi/oauth/token',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic.reveal()}` },
          body: {
            grant_type: 'authorization_code',
            code: `eci-verify-${randomBytes(16).toString('hex')}`,
            redirect_uri: redirectUri,
          },
        }),
      options,
    );
    return classifyToken(answer, input, secrets);
  } catch (error) {
    return unexpected('credentials', server, undefined, redact(messageOf(error), secrets));
  }
}

/**
 * Whether `redirectUri` is one of the app's OAuth Redirect URIs: the authorize URL answers 302 (to RingCentral's
 * login page) when it is, OAU-109 when the app has other redirect URIs, OAU-113 when it has none.
 */
export async function checkRingCentralRedirectUri(
  input: RingCentralRedirectUriInput,
  options: RingCentralCheckOptions = {},
): Promise<RingCentralCheckResult> {
  const { server, clientId, redirectUri } = input;
  try {
    const sdk = await newSdk(server, clientId);
    const answer = await withRateLimit(
      () =>
        exchange(sdk, options, {
          method: 'GET',
          url: '/restapi/oauth/authorize',
          query: { response_type: 'code', client_id: clientId, redirect_uri: redirectUri },
          redirect: 'manual',
        }),
      options,
    );
    return classifyAuthorize(answer, input);
  } catch (error) {
    return unexpected('redirect', server, undefined, messageOf(error));
  }
}

/* ------------------------------------------------------------------ classification */

function classifyToken(answer: Answer, input: RingCentralCredentialsInput, secrets: Secret[]): RingCentralCheckResult {
  const { server, clientId } = input;
  const common = commonOutcome('credentials', server, answer, secrets);
  if (common) return common;
  const a = answer as Extract<Answer, { kind: 'response' }>;
  const said = redact(serverText(a), secrets);
  const base = { code: a.code, httpStatus: a.status };
  if (a.code === WRONG_ENVIRONMENT) return fail('credentials', 'wrong-environment', base, [server, clientId, said]);
  if (isInvalidClient(a)) return fail('credentials', 'invalid-credentials', base, [server, clientId, said]);
  if (isFlowNotAllowed(a)) return fail('credentials', 'flow-not-allowed', base, [server, clientId, said]);
  if (
    (a.code && CODE_REFUSED.test(a.code)) ||
    (!a.code && a.error === 'invalid_grant') ||
    (a.status >= 200 && a.status < 300)
  ) {
    return { status: 'pass', reason: 'ok', ...base, detail: messages.getMessage('credentials.ok', [server, clientId]) };
  }
  return unexpected('credentials', server, a.status, said, a.code);
}

function classifyAuthorize(answer: Answer, input: RingCentralRedirectUriInput): RingCentralCheckResult {
  const { server, clientId, redirectUri } = input;
  const common = commonOutcome('redirect', server, answer, []);
  if (common) return common;
  const a = answer as Extract<Answer, { kind: 'response' }>;
  const said = serverText(a);
  const base = { code: a.code, httpStatus: a.status };
  if (a.status >= 300 && a.status < 400) {
    return {
      status: 'pass',
      reason: 'ok',
      ...base,
      detail: messages.getMessage('redirect.ok', [server, redirectUri, clientId]),
    };
  }
  if (a.code === 'OAU-109')
    return fail('redirect', 'redirect-mismatch', base, [server, redirectUri, clientId, said], [redirectUri]);
  if (a.code === 'OAU-113')
    return fail('redirect', 'redirect-missing', base, [clientId, said, server, redirectUri], [redirectUri]);
  if (a.code === WRONG_ENVIRONMENT) return fail('redirect', 'wrong-environment', base, [server, clientId, said]);
  if (isInvalidClient(a)) return fail('redirect', 'invalid-credentials', base, [server, clientId, said]);
  if (isFlowNotAllowed(a)) return fail('redirect', 'flow-not-allowed', base, [server, clientId, said]);
  return unexpected('redirect', server, a.status, said, a.code);
}

const isInvalidClient = (a: { code?: string; error?: string }): boolean =>
  (a.code !== undefined && INVALID_CLIENT_CODES.has(a.code)) || (!a.code && a.error === 'invalid_client');

const isFlowNotAllowed = (a: { code?: string; error?: string }): boolean =>
  (a.code !== undefined && FLOW_NOT_ALLOWED_CODES.has(a.code)) || (!a.code && a.error === 'unauthorized_client');

/** Outcomes both checks share: no answer, still rate limited. */
function commonOutcome(
  kind: CheckKind,
  server: string,
  answer: Answer,
  secrets: Secret[],
): RingCentralCheckResult | undefined {
  const what = messages.getMessage(`check.${kind}`);
  if (answer.kind === 'network') {
    return {
      status: 'error',
      reason: 'unreachable',
      detail: messages.getMessage('unreachable', [server, what, redact(answer.message, secrets)]),
      action: messages.getMessage('unreachable.action'),
    };
  }
  if (answer.status === 429) {
    const { tries = 1, waitedSeconds: waited, askedSeconds: asked, tooLong } = answer as RateLimitedAnswer;
    const note = tooLong
      ? messages.getMessage('rate-limited.tooLong', [asked ?? 0])
      : tries > 1
        ? messages.getMessage('rate-limited.waited', [tries, waited ?? 0])
        : '';
    // What a caller asking again should wait: what RingCentral last asked, else as long as this check waited.
    const again = asked ?? (waited ? waited : undefined);
    return {
      status: 'error',
      reason: 'rate-limited',
      code: answer.code,
      httpStatus: 429,
      ...(again !== undefined ? { retryAfterSeconds: again } : {}),
      detail: messages.getMessage('rate-limited', [server, what, note]),
      action: messages.getMessage('rate-limited.action'),
    };
  }
  return undefined;
}

function fail(
  kind: CheckKind,
  reason: Exclude<RingCentralCheckReason, 'ok' | 'unreachable' | 'rate-limited' | 'unexpected'>,
  base: { code?: string; httpStatus?: number },
  tokens: Array<string | number>,
  actionTokens: Array<string | number> = [],
): RingCentralCheckResult {
  return {
    status: 'fail',
    reason,
    ...base,
    detail: messages.getMessage(`${kind}.${reason}`, tokens),
    action: messages.getMessage(`${kind}.${reason}.action`, actionTokens),
  };
}

function unexpected(
  kind: CheckKind,
  server: string,
  status: number | undefined,
  said: string,
  code?: string,
): RingCentralCheckResult {
  return {
    status: 'error',
    reason: 'unexpected',
    ...(code ? { code } : {}),
    ...(status !== undefined ? { httpStatus: status } : {}),
    detail: messages.getMessage('unexpected', [
      server,
      messages.getMessage(`check.${kind}`),
      status ?? '-',
      said ? ` (${said})` : '',
    ]),
    action: messages.getMessage('unexpected.action'),
  };
}

/** `OAU-146: Invalid client credentials`, or what there is of it. */
function serverText(a: { code?: string; error?: string; description?: string; status: number }): string {
  const text = a.description ?? a.error ?? '';
  if (a.code) return text ? `${a.code}: ${text}` : a.code;
  return text || `HTTP ${a.status}`;
}

/* ------------------------------------------------------------------ HTTP through the SDK */

type Sdk = InstanceType<typeof RingCentralSdk>;
type RateLimitedAnswer = Extract<Answer, { kind: 'response' }> & {
  /** requests sent, the first included */
  tries?: number;
  /** the seconds waited between them in all */
  waitedSeconds?: number;
  /** what the last answer asked to wait (Retry-After), or the wait that was too long to make */
  askedSeconds?: number;
  /** the next wait was longer than maxRetryAfterSeconds: not made */
  tooLong?: boolean;
};

async function newSdk(server: string, clientId: string): Promise<Sdk> {
  // A named import: the typings declare a default export that does not exist at run time.
  const { SDK } = await import('@ringcentral/sdk');
  // The SDK prints a deprecation warning for the sandbox server; the plugin says so in its own words instead.
  // Construction is synchronous, so nothing else runs while console.warn is silenced.
  const warn = console.warn;
  console.warn = (): void => {};
  try {
    // No client secret here: the token request carries its own Basic header, so the SDK never holds the secret.
    // Each instance its own token store (cachePrefix): instances would otherwise share one.
    return new SDK({ server: server.replace(/\/+$/, ''), clientId, cachePrefix: `eci-rc-${randomUUID()}-` });
  } finally {
    console.warn = warn;
  }
}

type RequestInit = SendOptions & { redirect?: 'manual'; signal?: AbortSignal };
type ResponseLike = { status: number; headers: { get(name: string): string | null }; text(): Promise<string> };

/**
 * One request, never retried by the SDK (`retry: true`: it would otherwise send a refused token request twice on
 * 401), with no login needed (`skipAuthCheck`). The SDK throws on any non-2xx with `error.response`.
 */
async function exchange(sdk: Sdk, options: RingCentralCheckOptions, request: RequestInit): Promise<Answer> {
  const init: RequestInit = {
    ...request,
    skipAuthCheck: true,
    retry: true,
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  try {
    return await answerOf(await sdk.platform().send(init));
  } catch (error) {
    const response = (error as { response?: ResponseLike | null }).response;
    if (response && typeof response.status === 'number') return answerOf(response);
    return { kind: 'network', message: networkMessage(error, options) };
  }
}

async function answerOf(response: ResponseLike): Promise<Answer> {
  let body: {
    error?: unknown;
    error_description?: unknown;
    message?: unknown;
    errors?: Array<{ errorCode?: unknown; message?: unknown }>;
  } = {};
  try {
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed;
  } catch {
    /* not JSON: the status decides */
  }
  const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  return {
    kind: 'response',
    status: response.status,
    error: str(body.error),
    code: str(first?.errorCode),
    description: str(body.error_description) ?? str(first?.message) ?? str(body.message),
    retryAfter: response.headers.get('retry-after'),
  };
}

function networkMessage(error: unknown, options: RingCentralCheckOptions): string {
  const e = error as { name?: string; code?: string; message?: string; type?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError' || e?.type === 'aborted') {
    return `no answer within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`;
  }
  const reason = /reason: (.*)$/.exec(e?.message ?? '')?.[1];
  return reason ?? e?.code ?? e?.message ?? String(error);
}

/**
 * A 429 is asked again with the org layer's policy: up to `retry.attempts` tries, each wait what Retry-After asks
 * (else capped exponential backoff), never a wait beyond maxRetryAfterSeconds (then the 429 is reported at once).
 * Other answers, and network failures, are returned as they are: a token request is not idempotent enough to resend
 * on a reset (it may have counted against the client's rate limit already), and the caller reports it.
 */
async function withRateLimit(send: () => Promise<Answer>, options: RingCentralCheckOptions): Promise<Answer> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const maxWaitMs = (options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_S) * 1000;
  const sleep = options.sleep ?? realSleep;
  let waitedMs = 0;
  let tries = 0;
  for (;;) {
    const answer = await send();
    tries++;
    if (answer.kind !== 'response' || answer.status !== 429) return answer;
    const asked = retryAfterSeconds(answer.retryAfter);
    const waitMs = retryDelayMs(policy, tries + 1, answer.retryAfter);
    if (tries >= policy.attempts)
      return { ...answer, tries, waitedSeconds: waitedMs / 1000, askedSeconds: asked } as RateLimitedAnswer;
    if (waitMs > maxWaitMs)
      return { ...answer, tries, tooLong: true, askedSeconds: waitMs / 1000 } as RateLimitedAnswer;
    await sleep(waitMs);
    waitedMs += waitMs;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
