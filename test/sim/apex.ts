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
 *   System.assertEquals(200, res.getStatusCode(), 'ECI_CALLOUT_STATUS=' + res.getStatusCode());
 *  - the named credential must exist in the metadata store (NamedCredential), else the platform's CalloutException
 *    for an unknown named credential (line 5, where the callout is sent);
 *  - it answers 200 when the credential is authorised (settings.authorizedNamedCredentials, seedable, default []),
 *    otherwise 401 as an endpoint does for a request without a token: the assertion fails (line 6) with
 *    "ECI_CALLOUT_STATUS=401" in its message.
 * Any other Apex is a compile problem: the simulator never pretends to run Apex it does not understand.
 */
import { restErrors } from './rest.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';

const CALLOUT_CHECK = new RegExp(
  [
    String.raw`^HttpRequest req = new HttpRequest\(\);`,
    String.raw`req\.setEndpoint\('callout:([A-Za-z]\w*)(\/[^'\\\s]*)'\);`,
    String.raw`req\.setMethod\('GET'\);`,
    String.raw`req\.setTimeout\((\d+)\);`,
    String.raw`HttpResponse res = new Http\(\)\.send\(req\);`,
    String.raw`System\.assertEquals\(200, res\.getStatusCode\(\), 'ECI_CALLOUT_STATUS=' \+ res\.getStatusCode\(\)\);\s*$`,
  ].join(String.raw`\r?\n`)
);

export const NOT_UNDERSTOOD = 'The simulated org runs only the plugin\'s named-credential callout check; it does not compile other anonymous Apex.';
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
  ran({ line, column: 1, success: false, exceptionMessage: message, exceptionStackTrace: `AnonymousBlock: line ${line}, column 1` });

/** Whether the named credential holds a token in the org (seeded: settings.authorizedNamedCredentials). */
function authorized(ctx: SimContext, name: string): boolean {
  const list = ctx.state.settings.authorizedNamedCredentials;
  return Array.isArray(list) && list.some((n) => typeof n === 'string' && n.toLowerCase() === name.toLowerCase());
}

export function executeAnonymous(ctx: SimContext, body: string): AnonymousResult {
  const m = CALLOUT_CHECK.exec(body.trim());
  if (!m) return ran({ line: 1, column: 1, compiled: false, compileProblem: NOT_UNDERSTOOD, success: false });
  const name = m[1];
  ctx.call.type = 'NamedCredential';
  ctx.call.fullNames = [name];
  const stored = ctx.state.metadata.get('NamedCredential', name);
  if (!stored) return thrown(5, unknownNamedCredentialMessage(name));
  const status = authorized(ctx, stored.fullName) ? 200 : 401;
  return status === 200 ? ran() : thrown(6, `System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=${status}: Expected: 200, Actual: ${status}`);
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
      if (body === null) return restErrors(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'anonymousBody: the Apex to execute is required' }]);
      return { status: 200, body: executeAnonymous(ctx, body) };
    },
  },
];
