/*
 * Anonymous Apex (Tooling API): GET /services/data/vXX.X/tooling/executeAnonymous?anonymousBody=…
 * answers { line, column, compiled, compileProblem, success, exceptionMessage, exceptionStackTrace }.
 *
 * The simulator runs exactly one program, the plugin's named-credential callout check (src/org/callout-check.ts):
 *   String out = '';
 *   Boolean allOk = true;
 *   then, per callout i through <NamedCredential>:
 *   HttpRequest req<i> = new HttpRequest();
 *   req<i>.setEndpoint('callout:<NamedCredential></path>');
 *   req<i>.setMethod('GET');
 *   req<i>.setTimeout(<ms>);
 *   try {
 *     HttpResponse res<i> = new Http().send(req<i>);
 *     Integer status<i> = res<i>.getStatusCode();
 *     allOk = allOk && status<i> == 200;
 *     out += ' ECI_CALLOUT[<NamedCredential>] ECI_CALLOUT_STATUS=' + status<i> + (status<i> == 200 ? '' :
 *       ' ECI_CALLOUT_BODY=' + String.valueOf(res<i>.getBody()).left(<n>));
 *   } catch (Exception e<i>) {
 *     allOk = false;
 *     out += ' ECI_CALLOUT[<NamedCredential>] ' + e<i>.getTypeName() + ': ' + e<i>.getMessage();
 *   }
 *   and last: System.assert(allOk, out);
 *  - the named credential must exist in the metadata store (NamedCredential), else the platform's CalloutException
 *    for an unknown named credential (caught: its type and message are that callout's outcome);
 *  - the callout reaches the named credential's URL and the path joined with one slash (how Salesforce joins a URL
 *    ending in "/" and a path starting with one is not documented; the simulator assumes one slash); a path with two
 *    slashes in a row reaches no resource: 404;
 *  - without a token (settings.authorizedNamedCredentials, seedable, default []; org.giveConsent), or with one that
 *    cannot be refreshed with what its auth provider holds now (tokens.ts), the endpoint answers 401;
 *  - on a RingCentral platform, settings.ringCentralPermissionError answers 403 with RingCentral's error JSON naming
 *    the permission (errorCode and permissionName at the top and in errors[]);
 *  - on Salesforce (a *.salesforce.com host or the simulated org's own URL) the token has the credential's oauthScope:
 *    /services/oauth2/userinfo needs openid, /services/data/… needs api (or full); else 403;
 *  - otherwise 200. When any callout answered otherwise, the assertion (the last line) fails with `out`: every
 *    callout's outcome.
 * Any other Apex is a compile problem: the simulator never pretends to run Apex it does not understand.
 */
import { restErrors } from './rest.js';
import { calloutTokenRefusal } from './tokens.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';

const HEADER = "String out = '';\nBoolean allOk = true;\n";
const FOOTER = '\nSystem.assert(allOk, out);';
const CALLOUT = new RegExp(
  [
    String.raw`HttpRequest req(\d+) = new HttpRequest\(\);`,
    String.raw`req\1\.setEndpoint\('callout:([A-Za-z]\w*)(\/[^'\\\s]*)'\);`,
    String.raw`req\1\.setMethod\('GET'\);`,
    String.raw`req\1\.setTimeout\((\d+)\);`,
    String.raw`try \{`,
    String.raw`  HttpResponse res\1 = new Http\(\)\.send\(req\1\);`,
    String.raw`  Integer status\1 = res\1\.getStatusCode\(\);`,
    String.raw`  allOk = allOk && status\1 == 200;`,
    String.raw`  out \+= ' ECI_CALLOUT\[\2\] ECI_CALLOUT_STATUS=' \+ status\1 \+ \(status\1 == 200 \? '' : ' ECI_CALLOUT_BODY=' \+ String\.valueOf\(res\1\.getBody\(\)\)\.left\((\d+)\)\);`,
    String.raw`\} catch \(Exception e\1\) \{`,
    String.raw`  allOk = false;`,
    String.raw`  out \+= ' ECI_CALLOUT\[\2\] ' \+ e\1\.getTypeName\(\) \+ ': ' \+ e\1\.getMessage\(\);`,
    String.raw`\}`,
  ].join(String.raw`\r?\n`),
  'y',
);

type Callout = { name: string; path: string; bodyChars: number };

/** The callouts of the plugin's program, in order; undefined for any other Apex. */
function calloutsOf(body: string): Callout[] | undefined {
  const text = body.trim().replace(/\r\n/g, '\n');
  if (!text.startsWith(HEADER) || !text.endsWith(FOOTER)) return undefined;
  const blocks = text.slice(HEADER.length, text.length - FOOTER.length);
  const out: Callout[] = [];
  CALLOUT.lastIndex = 0;
  while (CALLOUT.lastIndex < blocks.length) {
    const m = CALLOUT.exec(blocks);
    if (!m || Number(m[1]) !== out.length) return undefined;
    out.push({ name: m[2], path: m[3], bodyChars: Number(m[5]) });
    if (CALLOUT.lastIndex < blocks.length) {
      if (blocks[CALLOUT.lastIndex] !== '\n') return undefined;
      CALLOUT.lastIndex++;
    }
  }
  return out.length ? out : undefined;
}

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
  const refused = calloutTokenRefusal(ctx.state, record);
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

/** One callout's outcome, as the program appends it to `out`; whether it answered 200. */
function runCallout(ctx: SimContext, c: Callout): { text: string; ok: boolean; url?: string } {
  const stored = ctx.state.metadata.get('NamedCredential', c.name);
  if (!stored) return { text: ` ECI_CALLOUT[${c.name}] ${unknownNamedCredentialMessage(c.name)}`, ok: false };
  const url = `${String(stored.record.endpoint ?? '').replace(/\/+$/, '')}/${c.path.replace(/^\//, '')}`;
  const { status, body } = answer(ctx, { ...stored.record, fullName: stored.fullName }, c.path);
  const shown = status === 200 ? '' : ` ECI_CALLOUT_BODY=${body.slice(0, c.bodyChars)}`;
  return { text: ` ECI_CALLOUT[${c.name}] ECI_CALLOUT_STATUS=${status}${shown}`, ok: status === 200, url };
}

export function executeAnonymous(ctx: SimContext, body: string): AnonymousResult {
  const callouts = calloutsOf(body);
  if (!callouts) return ran({ line: 1, column: 1, compiled: false, compileProblem: NOT_UNDERSTOOD, success: false });
  ctx.call.type = 'NamedCredential';
  ctx.call.fullNames = callouts.map((c) => c.name);
  const outcomes = callouts.map((c) => runCallout(ctx, c));
  const urls = outcomes.flatMap((o) => (o.url ? [o.url] : []));
  if (urls.length) ctx.call.calloutUrls = urls;
  if (outcomes.every((o) => o.ok)) return ran();
  const lastLine = body.trim().split(/\r?\n/).length;
  return thrown(lastLine, `System.AssertException: Assertion Failed: ${outcomes.map((o) => o.text).join('')}`);
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
