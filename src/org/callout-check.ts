/*
 * Whether a named credential is authorised and works: anonymous Apex (Tooling API executeAnonymous) makes a GET
 * callout through it, and an assertion turns any status but 200 into a failed run whose exceptionMessage carries the
 * status (`ECI_CALLOUT_STATUS=<n>`). Read-only: the Apex writes nothing.
 */
import { Messages } from '@salesforce/core';
import type { AnonymousApexResult, OrgAccess } from './org-access.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'callout-check');

export type CalloutCheckReason = 'ok' | 'not-authorised' | 'http-status' | 'missing' | 'callout-error' | 'compile-error';

export type CalloutCheckResult = {
  namedCredential: string;
  status: 'pass' | 'fail';
  reason: CalloutCheckReason;
  /** The callout's HTTP status, when the callout was answered. */
  httpStatus?: number;
  detail: string;
  /** What to do (absent on pass). */
  action?: string;
};

/** A resource each guide named credential can GET once authorised (RingCentral's needs ReadAccounts, one of the six). */
export const CALLOUT_CHECK_PATHS: Readonly<Record<string, string>> = {
  Ring_Central: '/restapi/v1.0/account/~/extension/~',
  ECI_Named_Credential: '/services/oauth2/userinfo',
};

/** The marker before the status in the assertion message. */
export const CALLOUT_STATUS_MARKER = 'ECI_CALLOUT_STATUS=';
const CALLOUT_TIMEOUT_MS = 20_000;

const NAME = /^[A-Za-z]\w*$/;
const PATH = /^\/[A-Za-z0-9/._~%?=&+,:@!$*()-]*$/;

/**
 * The anonymous Apex of the check: a GET of `callout:<namedCredential><path>`, asserting HTTP 200.
 * Names and paths are checked, not escaped: nothing from outside can change the Apex.
 */
export function calloutCheckApex(namedCredential: string, path: string): string {
  if (!NAME.test(namedCredential)) throw messages.createError('error.InvalidName', [namedCredential]);
  if (!PATH.test(path)) throw messages.createError('error.InvalidPath', [path]);
  return [
    'HttpRequest req = new HttpRequest();',
    `req.setEndpoint('callout:${namedCredential}${path}');`,
    "req.setMethod('GET');",
    `req.setTimeout(${CALLOUT_TIMEOUT_MS});`,
    'HttpResponse res = new Http().send(req);',
    `System.assertEquals(200, res.getStatusCode(), '${CALLOUT_STATUS_MARKER}' + res.getStatusCode());`,
  ].join('\n');
}

/**
 * Runs the check of one named credential. A refused API call (e.g. a user without "Author Apex") is not a result of
 * the check: it is thrown as OrgAccess throws it (SfError, data.errorCode), so the caller can report the check as
 * skipped.
 */
export async function checkNamedCredentialCallout(
  org: OrgAccess,
  namedCredential: string,
  path = CALLOUT_CHECK_PATHS[namedCredential] ?? '/'
): Promise<CalloutCheckResult> {
  const result = await org.executeAnonymous(calloutCheckApex(namedCredential, path));
  return interpretCalloutCheck(namedCredential, path, result);
}

/** What an executeAnonymous answer to calloutCheckApex means. */
export function interpretCalloutCheck(namedCredential: string, path: string, result: AnonymousApexResult): CalloutCheckResult {
  const nc = namedCredential;
  const failed = (reason: Exclude<CalloutCheckReason, 'ok'>, detail: string, action: string, httpStatus?: number): CalloutCheckResult => ({
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
      messages.getMessage('compile-error.action')
    );
  }
  if (result.success) return { namedCredential: nc, status: 'pass', reason: 'ok', httpStatus: 200, detail: messages.getMessage('pass', [nc, path]) };

  const exception = result.exceptionMessage ?? '';
  const status = new RegExp(`${CALLOUT_STATUS_MARKER}(\\d{3})`).exec(exception)?.[1];
  if (status) {
    const httpStatus = Number(status);
    return httpStatus === 401 || httpStatus === 403
      ? failed('not-authorised', messages.getMessage('not-authorised', [nc, path, httpStatus]), messages.getMessage('not-authorised.action', [nc]), httpStatus)
      : failed('http-status', messages.getMessage('http-status', [path, nc, httpStatus]), messages.getMessage('http-status.action', [nc]), httpStatus);
  }
  if (/named credential.*(might not exist|does not exist|not found)|unable to find (the )?named credential/i.test(exception)) {
    return failed('missing', messages.getMessage('missing', [nc, exception]), messages.getMessage('missing.action'));
  }
  if (/CalloutException/.test(exception) && /oauth|token|authenticat/i.test(exception)) {
    return failed('not-authorised', messages.getMessage('not-authorised.noStatus', [nc, exception]), messages.getMessage('not-authorised.action', [nc]));
  }
  return failed('callout-error', messages.getMessage('callout-error', [nc, exception || 'unknown error']), messages.getMessage('callout-error.action', [nc]));
}
