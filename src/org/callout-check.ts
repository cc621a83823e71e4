/*
 * Whether a named credential is authorised and works: anonymous Apex (Tooling API executeAnonymous) makes a GET
 * callout through it, and an assertion turns any status but 200 into a failed run whose exceptionMessage carries the
 * status (`ECI_CALLOUT_STATUS=<n>`) and the start of the answer's body (`ECI_CALLOUT_BODY=…`), where RingCentral
 * names a missing permission. Read-only: the Apex writes nothing.
 */
import { Messages } from '@salesforce/core';
import type { AnonymousApexResult, OrgReads } from './port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'callout-check');

export type CalloutCheckReason =
  | 'ok'
  | 'not-authorised'
  | 'missing-permission'
  | 'http-status'
  | 'missing'
  | 'callout-error'
  | 'compile-error';

export type CalloutCheckResult = {
  namedCredential: string;
  status: 'pass' | 'fail';
  reason: CalloutCheckReason;
  /** The callout's HTTP status, when the callout was answered. */
  httpStatus?: number;
  detail: string;
  /** What to do (absent on pass). */
  action?: string;
  /** The permission RingCentral says the app lacks (reason missing-permission). */
  permission?: string;
};

/**
 * A resource each guide named credential can GET once authorised: RingCentral's needs ReadAccounts, one of the six;
 * the ECI one's scope is `refresh_token web api content`, so a REST resource `api` allows (the resource list of the
 * API version), not /services/oauth2/userinfo, which needs `openid`.
 */
export function calloutCheckPath(namedCredential: string, apiVersion: string): string {
  switch (namedCredential) {
    case 'Ring_Central':
      return '/restapi/v1.0/account/~/extension/~';
    case 'ECI_Named_Credential':
      return `/services/data/v${apiVersion}/`;
    default:
      return '/';
  }
}

/**
 * The URL a callout reaches: the named credential's URL and the path, with exactly one slash between them (the ECI
 * named credential's URL ends with "/", as the guide shows it). What the check reports.
 */
export function calloutUrl(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The markers before the status and the body in the assertion message. */
export const CALLOUT_STATUS_MARKER = 'ECI_CALLOUT_STATUS=';
export const CALLOUT_BODY_MARKER = 'ECI_CALLOUT_BODY=';
/** How much of a refused answer's body the assertion message carries (RingCentral's error JSON is far shorter). */
const CALLOUT_BODY_CHARS = 2000;
/** Where a RingCentral app's permissions are changed. */
export const RINGCENTRAL_CONSOLE_URL = 'https://developers.ringcentral.com/console/my-apps';
const CALLOUT_TIMEOUT_MS = 20_000;

const NAME = /^[A-Za-z]\w*$/;
const PATH = /^\/[A-Za-z0-9/._~%?=&+,:@!$*()-]*$/;
/** Two slashes in a row would reach another resource, or none. */
const DOUBLE_SLASH = /\/\//;

/**
 * The anonymous Apex of the check: a GET of `callout:<namedCredential><path>`, asserting HTTP 200.
 * Names and paths are checked, not escaped: nothing from outside can change the Apex.
 */
export function calloutCheckApex(namedCredential: string, path: string): string {
  if (!NAME.test(namedCredential)) throw messages.createError('error.InvalidName', [namedCredential]);
  if (!PATH.test(path) || DOUBLE_SLASH.test(path)) throw messages.createError('error.InvalidPath', [path]);
  return [
    'HttpRequest req = new HttpRequest();',
    `req.setEndpoint('callout:${namedCredential}${path}');`,
    "req.setMethod('GET');",
    `req.setTimeout(${CALLOUT_TIMEOUT_MS});`,
    'HttpResponse res = new Http().send(req);',
    `System.assertEquals(200, res.getStatusCode(), '${CALLOUT_STATUS_MARKER}' + res.getStatusCode() + ' ${CALLOUT_BODY_MARKER}' + String.valueOf(res.getBody()).left(${CALLOUT_BODY_CHARS}));`,
  ].join('\n');
}

/**
 * Runs the check of one named credential. A refused API call (e.g. a user without "Author Apex") is not a result of
 * the check: it is thrown as OrgPort throws it (SfError, data.errorCode), so the caller can report the check as
 * skipped.
 */
export async function checkNamedCredentialCallout(
  org: Pick<OrgReads, 'apiVersion' | 'executeAnonymous'>,
  namedCredential: string,
  options: {
    path?: string;
    /** the named credential's URL, when known: the check then names the URL it reached */ endpoint?: string;
    /** ask the org again, not what this run already asked (a wait for the person's consent) */ fresh?: boolean;
  } = {},
): Promise<CalloutCheckResult> {
  const path = options.path ?? calloutCheckPath(namedCredential, org.apiVersion);
  const result = await org.executeAnonymous(calloutCheckApex(namedCredential, path), { fresh: options.fresh });
  return interpretCalloutCheck(namedCredential, options.endpoint ? calloutUrl(options.endpoint, path) : path, result);
}

/** What an executeAnonymous answer to calloutCheckApex means; `path` is what the messages name (the path, or the whole URL). */
export function interpretCalloutCheck(
  namedCredential: string,
  path: string,
  result: AnonymousApexResult,
): CalloutCheckResult {
  const nc = namedCredential;
  const failed = (
    reason: Exclude<CalloutCheckReason, 'ok'>,
    detail: string,
    action: string,
    httpStatus?: number,
  ): CalloutCheckResult => ({
    namedCredential: nc,
    status: 'fail',
    reason,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    detail,
    action,
  });
  if (!result.compiled) {
    return failed(
      'compile-error',
      messages.getMessage('compile-error', [nc, result.line, result.column, result.compileProblem ?? '']),
      messages.getMessage('compile-error.action'),
    );
  }
  if (result.success)
    return {
      namedCredential: nc,
      status: 'pass',
      reason: 'ok',
      httpStatus: 200,
      detail: messages.getMessage('pass', [nc, path]),
    };

  const exception = result.exceptionMessage ?? '';
  const status = new RegExp(`${CALLOUT_STATUS_MARKER}(\\d{3})`).exec(exception)?.[1];
  if (status) {
    const httpStatus = Number(status);
    const permission = httpStatus === 403 ? missingPermission(exception) : undefined;
    if (permission) {
      return {
        ...failed(
          'missing-permission',
          messages.getMessage('missing-permission', [nc, permission, path]),
          messages.getMessage('missing-permission.action', [RINGCENTRAL_CONSOLE_URL, permission]),
          httpStatus,
        ),
        permission,
      };
    }
    return httpStatus === 401 || httpStatus === 403
      ? failed(
          'not-authorised',
          messages.getMessage('not-authorised', [nc, path, httpStatus]),
          messages.getMessage('not-authorised.action', [nc]),
          httpStatus,
        )
      : failed(
          'http-status',
          messages.getMessage('http-status', [path, nc, httpStatus]),
          messages.getMessage('http-status.action', [nc]),
          httpStatus,
        );
  }
  if (
    /named credential.*(might not exist|does not exist|not found)|unable to find (the )?named credential/i.test(
      exception,
    )
  ) {
    return failed('missing', messages.getMessage('missing', [nc, exception]), messages.getMessage('missing.action'));
  }
  if (/CalloutException/.test(exception) && /oauth|token|authenticat/i.test(exception)) {
    return failed(
      'not-authorised',
      messages.getMessage('not-authorised.noStatus', [nc, exception]),
      messages.getMessage('not-authorised.action', [nc]),
    );
  }
  return failed(
    'callout-error',
    messages.getMessage('callout-error', [nc, exception || 'unknown error']),
    messages.getMessage('callout-error.action', [nc]),
  );
}

/**
 * The permission a RingCentral 403 names (CMN-401: the app lacks it; CMN-408: the user's role lacks it): in
 * `permissionName` at the top or in `errors[]`, or as a `parameters` entry. Read with patterns, not JSON.parse: the
 * body may be cut short.
 */
export function missingPermission(exception: string): string | undefined {
  const at = exception.indexOf(CALLOUT_BODY_MARKER);
  if (at < 0) return undefined;
  const body = exception.slice(at + CALLOUT_BODY_MARKER.length);
  if (!/"errorCode"\s*:\s*"CMN-40[18]"/.test(body)) return undefined;
  const named =
    /"permissionName"\s*:\s*"([A-Za-z]+)"/.exec(body) ??
    /"parameterName"\s*:\s*"permissionName"\s*,\s*"parameterValue"\s*:\s*"([A-Za-z]+)"/.exec(body);
  return named?.[1];
}
