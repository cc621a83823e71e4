/*
 * Anonymous Apex (Tooling API): GET /services/data/vXX.X/tooling/executeAnonymous?anonymousBody=…
 * answers { line, column, compiled, compileProblem, success, exceptionMessage, exceptionStackTrace }.
 *
 * The simulator runs exactly one program, the plugin's named-credential callout check (src/org/callout-check.ts):
 *   HttpRequest req = new HttpRequest();
 *   req.setEndpoint('callout:<NamedCredential></path>');
 *   req.setMethod('GET');
 *   req.setTimeout(<ms>);
 *   HttpResponse res = new Http().send(req);
 *   System.assertEquals(200, res.getStatusCode(), 'ECI_CALLOUT_STATUS=' + res.getStatusCode()
 *     [+ ' ECI_CALLOUT_BODY=' + String.valueOf(res.getBody()).left(<n>)]);
 *  - the named credential must exist in the metadata store (NamedCredential), else the platform's CalloutException
 *    for an unknown named credential (line 5, where the callout is sent);
 *  - the callout reaches the named credential's URL and the path joined with one slash (how Salesforce joins a URL
 *    ending in "/" and a path starting with one is not documented; the simulator assumes one slash); a path with two
 *    slashes in a row reaches no resource: 404;
 *  - without a token (settings.authorizedNamedCredentials, seedable, default []; org.giveConsent), or with one that
 *    cannot be refreshed with what its auth provider holds now (tokens.ts), the endpoint answers 401;
 *  - on a RingCentral platform, settings.ringCentralPermissionError answers 403 with RingCentral's error JSON naming
 *    the permission (errorCode and permissionName at the top and in errors[]);
 *  - on Salesforce (a *.salesforce.com host or the simulated org's own URL) the token has the credential's oauthScope:
 *    /services/oauth2/userinfo needs openid, /services/data/… needs api (or full); else 403;
 *  - otherwise 200. A failed assertion (line 6) carries "ECI_CALLOUT_STATUS=<n>" and, with the body part, the start
 *    of the answer's body.
 * Any other Apex is a compile problem: the simulator never pretends to run Apex it does not understand.
 */
import { restErrors } from './rest.js';
import { tokenRefusal } from './tokens.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';

const CALLOUT_CHECK = new RegExp(
  [
    String.raw`^HttpRequest req = new HttpRequest\(\);`,
    String.raw`req\.setEndpoint\('callout:([A-Za-z]\w*)(\/[^'\\\s]*)'\);`,
    String.raw`req\.setMethod\('GET'\);`,
    String.raw`req\.setTimeout\((\d+)\);`,
    String.raw`HttpResponse res = new Http\(\)\.send\(req\);`,
    String.raw`System\.assertEquals\(200, res\.getStatusCode\(\), 'ECI_CALLOUT_STATUS=' \+ res\.getStatusCode\(\)( \+ ' ECI_CALLOUT_BODY=' \+ String\.valueOf\(res\.getBody\(\)\)\.left\((\d+)\))?\);\s*$`,
  ].join(String.raw`\r?\n`),
);

export const NOT_UNDERSTOOD =
  "The simulated org runs only the plugin's named-credential callout check; it does not compile other anonymous Apex.";
export const unknownNamedCredentialMessage = (name: string): string =>
  `System.CalloutException: The callout couldn't access the endpoint. You might not have the required permissions, or the named credential "${name}" might not exist.`;

export type AnonymousResult = {
  line: number;
  column: number;
  compiled: boolean;
  compileProblem: string | null;
  success: boolean;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
};

const ran = (over: Partial<AnonymousResult> = {}): AnonymousResult => ({
  line: -1,
  column: -1,
  compiled: true,
  compileProblem: null,
  success: true,
  exceptionMessage: null,
  exceptionStackTrace: null,
  ...over,
});

const thrown = (line: number, message: string): AnonymousResult =>
  ran({
    line,
    column: 1,
    success: false,
    exceptionMessage: message,
    exceptionStackTrace: `AnonymousBlock: line ${line}, column 1`,
  });

/** Why the named credential gets no token (tokens.ts), or undefined when it has one that refreshes. */
function noToken(ctx: SimContext, record: Record<string, unknown>): string | undefined {
  const name = String(record.fullName);
  if (typeof record.authProvider === 'string') return tokenRefusal(ctx.state, name, record.authProvider);
  const list = ctx.state.settings.authorizedNamedCredentials;
  const held = Array.isArray(list) && list.some((n) => typeof n === 'string' && n.toLowerCase() === name.toLowerCase());
  return held ? undefined : 'invalid_token: no token';
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
};

/** What the endpoint behind the named credential answers to the GET. */
function answer(ctx: SimContext, record: Record<string, unknown>, path: string): { status: number; body: string } {
  if (path.includes('//'))
    return { status: 404, body: '[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]' };
  const refused = noToken(ctx, record);
  if (refused)
    return { status: 401, body: JSON.stringify({ error: refused.split(':')[0], error_description: refused }) };
  const endpoint = String(record.endpoint ?? '');
  const host = hostOf(endpoint);
  if (/(^|\.)ringcentral\.(com|biz)$/.test(host)) {
    const e = ctx.state.settings.ringCentralPermissionError;
    if (e) {
      const message = `In order to call this API endpoint, application needs to have [${e.permissionName}] permission.`;
      return {
        status: 403,
        body: JSON.stringify({
          errorCode: e.errorCode,
          message,
          errors: [{ errorCode: e.errorCode, message, permissionName: e.permissionName }],
          permissionName: e.permissionName,
        }),
      };
    }
    return { status: 200, body: '{}' };
  }
  if (/(^|\.)salesforce\.com$/.test(host) || host === hostOf(ctx.state.instanceUrl)) {
    const scopes = String(record.oauthScope ?? '').split(/\s+/);
    const needs = path.startsWith('/services/oauth2/userinfo')
      ? ['openid']
      : path.startsWith('/services/data/')
        ? ['api', 'full']
        : [];
    if (needs.length && !needs.some((s) => scopes.includes(s)))
      return {
        status: 403,
        body: '[{"errorCode":"INSUFFICIENT_SCOPE","message":"The access token lacks the scope this resource needs"}]',
      };
  }
  return { status: 200, body: '{}' };
}

export function executeAnonymous(ctx: SimContext, body: string): AnonymousResult {
  const m = CALLOUT_CHECK.exec(body.trim());
  if (!m) return ran({ line: 1, column: 1, compiled: false, compileProblem: NOT_UNDERSTOOD, success: false });
  const [, name, path, , withBody, bodyChars] = m;
  ctx.call.type = 'NamedCredential';
  ctx.call.fullNames = [name];
  const stored = ctx.state.metadata.get('NamedCredential', name);
  if (!stored) return thrown(5, unknownNamedCredentialMessage(name));
  ctx.call.calloutUrl = `${String(stored.record.endpoint ?? '').replace(/\/+$/, '')}/${path.replace(/^\//, '')}`;
  const { status, body: answered } = answer(ctx, { ...stored.record, fullName: stored.fullName }, path);
  if (status === 200) return ran();
  const shown = withBody ? ` ECI_CALLOUT_BODY=${answered.slice(0, Number(bodyChars))}` : '';
  return thrown(
    6,
    `System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=${status}${shown}: Expected: 200, Actual: ${status}`,
  );
}

export const apexRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/services\/data\/v(\d+\.\d+)\/tooling\/executeAnonymous\/?$/,
    api: 'rest',
    operation: 'executeAnonymous',
    auth: 'bearer',
    handle: (ctx: SimContext, req: SimRequest): SimResponse => {
      const body = req.query.get('anonymousBody');
      if (body === null)
        return restErrors(400, [
          { errorCode: 'MISSING_ARGUMENT', message: 'anonymousBody: the Apex to execute is required' },
        ]);
      return { status: 200, body: executeAnonymous(ctx, body) };
    },
  },
];
