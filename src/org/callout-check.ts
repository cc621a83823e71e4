/*
 * Whether named credentials are authorised and work: anonymous Apex (Tooling API executeAnonymous) makes a GET
 * callout through each, and one assertion at the end turns any status but 200 into a failed run whose exceptionMessage
 * carries, per named credential (`ECI_CALLOUT[<name>]`), the status (`ECI_CALLOUT_STATUS=<n>`) and the start of the
 * answer's body (`ECI_CALLOUT_BODY=…`, where RingCentral names a missing permission), or the callout's exception.
 * One call checks them all. Read-only: the Apex writes nothing.
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

/** One callout of a check: through which named credential, to which path. */
export type CalloutProbe = { namedCredential: string; path: string };

/** What the assertion message names each callout's outcome by: `ECI_CALLOUT[<named credential>]`. */
export const calloutMarker = (namedCredential: string): string => `ECI_CALLOUT[${namedCredential}]`;

/** One callout of the Apex: its outcome (the status, the start of a refused answer's body, or the exception) kept. */
function calloutBlock({ namedCredential, path }: CalloutProbe, i: number): string[] {
  if (!NAME.test(namedCredential)) throw messages.createError('error.InvalidName', [namedCredential]);
  if (!PATH.test(path) || DOUBLE_SLASH.test(path)) throw messages.createError('error.InvalidPath', [path]);
  const mark = calloutMarker(namedCredential);
  return [
    `HttpRequest req${i} = new HttpRequest();`,
    `req${i}.setEndpoint('callout:${namedCredential}${path}');`,
    `req${i}.setMethod('GET');`,
    `req${i}.setTimeout(${CALLOUT_TIMEOUT_MS});`,
    'try {',
    `  HttpResponse res${i} = new Http().send(req${i});`,
    `  Integer status${i} = res${i}.getStatusCode();`,
    `  allOk = allOk && status${i} == 200;`,
    `  out += ' ${mark} ${CALLOUT_STATUS_MARKER}' + status${i} + (status${i} == 200 ? '' : ' ${CALLOUT_BODY_MARKER}' + String.valueOf(res${i}.getBody()).left(${CALLOUT_BODY_CHARS}));`,
    `} catch (Exception e${i}) {`,
    '  allOk = false;',
    `  out += ' ${mark} ' + e${i}.getTypeName() + ': ' + e${i}.getMessage();`,
    '}',
  ];
}

/**
 * The anonymous Apex of the check: a GET of `callout:<namedCredential><path>` per probe, each outcome kept, and one
 * assertion at the end that fails when any answered other than HTTP 200, its message naming every outcome: one call
 * checks every named credential. Names and paths are checked, not escaped: nothing from outside can change the Apex.
 */
export function calloutChecksApex(probes: readonly CalloutProbe[]): string {
  return [
    "String out = '';",
    'Boolean allOk = true;',
    ...probes.flatMap(calloutBlock),
    'System.assert(allOk, out);',
  ].join('\n');
}

/** The Apex that checks one named credential. */
export const calloutCheckApex = (namedCredential: string, path: string): string =>
  calloutChecksApex([{ namedCredential, path }]);

/** A probe, with the URL the messages name when the named credential's URL is known. */
export type CalloutCheckProbe = { namedCredential: string; path?: string; endpoint?: string };

/**
 * Checks named credentials in ONE anonymous Apex call, each result in the order asked. A refused API call (e.g. a user
 * without "Author Apex") is not a result of the check: it is thrown as OrgPort throws it (SfError, data.errorCode), so
 * the caller can report the checks as skipped.
 */
export async function checkNamedCredentialCallouts(
  org: Pick<OrgReads, 'apiVersion' | 'executeAnonymous'>,
  checks: readonly CalloutCheckProbe[],
  options: { fresh?: boolean } = {},
): Promise<CalloutCheckResult[]> {
  const probes = checks.map((c) => ({
    namedCredential: c.namedCredential,
    path: c.path ?? calloutCheckPath(c.namedCredential, org.apiVersion),
  }));
  const result = await org.executeAnonymous(calloutChecksApex(probes), { fresh: options.fresh });
  return probes.map((p, i) => {
    const endpoint = checks[i].endpoint;
    return interpretCalloutCheck(
      p.namedCredential,
      endpoint ? calloutUrl(endpoint, p.path) : p.path,
      outcomeOf(p.namedCredential, result),
    );
  });
}

/**
 * The check of one named credential (see checkNamedCredentialCallouts).
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
  const [result] = await checkNamedCredentialCallouts(
    org,
    [
      {
        namedCredential,
        ...(options.path ? { path: options.path } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      },
    ],
    { fresh: options.fresh },
  );
  return result;
}

/**
 * One named credential's part of the answer: passed when its callout answered 200; otherwise what the assertion
 * message says of it alone (its status and body, or its exception). A run that failed before the assertion (its
 * message names no callout) is every callout's outcome.
 */
function outcomeOf(namedCredential: string, result: AnonymousApexResult): AnonymousApexResult {
  if (!result.compiled || result.success) return result;
  const text = result.exceptionMessage ?? '';
  const mark = calloutMarker(namedCredential);
  const at = text.indexOf(mark);
  if (at < 0) return result;
  const next = text.indexOf(' ECI_CALLOUT[', at + mark.length);
  const own = text.slice(at + mark.length, next < 0 ? undefined : next).trim();
  if (own === `${CALLOUT_STATUS_MARKER}200`) return { ...result, success: true, exceptionMessage: null };
  return { ...result, exceptionMessage: own };
}

/** What an executeAnonymous answer (one named credential's outcome) means; `path` is what the messages name (the path, or the whole URL). */
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
