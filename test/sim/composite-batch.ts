/*
 * Composite Batch (REST API Developer Guide, "Composite Batch" and "Batch Request Body"):
 *   POST /services/data/vXX.X/composite/batch  {batchRequests: [{method, url, richInput?}], haltOnError?}
 *   → 200 {hasErrors, results: [{statusCode, result}]}
 * What the platform documents, enforced:
 *  - up to 25 subrequests, run in their order; "Each subrequest counts against rate limits": the call counts one API
 *    request per subrequest (SimCall.apiCalls), the batch itself none more;
 *  - a subrequest's url is `vXX.X/<resource>` (the documented form); XX.X is 34.0 or later and no later than the batch's
 *    own version;
 *  - the resources a batch may hold: limits, sobjects, query, queryAll, search, connect, chatter (34.0+), actions
 *    (35.0+). Tooling, `/apps/oauth/…`, metadata and composite are not among them;
 *  - an invalid method or url refuses the whole call (HTTP 400) before any subrequest runs ("if an error is detected
 *    during deserialization … an invalid method or url field"); a resource outside the list is refused the same way
 *    (the docs do not say how: the stricter reading);
 *  - haltOnError: after a subrequest answered 4xx/5xx, every later one answers 412 BATCH_PROCESSING_HALTED;
 *    hasErrors is true when any subrequest answered 4xx/5xx.
 * The simulator runs GET of Query, QueryAll and Limits; a listed resource it does not implement refuses the call (400
 * NOT_SUPPORTED) rather than pretend.
 */
import { json, limits, restErrors } from './rest.js';
import { parseSoql, SoqlError } from './soql.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';
import { versionOk } from './versions.js';

export const BATCH_MAX_SUBREQUESTS = 25;

/** The resources a batch may hold, and the API version each is batchable from. */
const BATCHABLE: ReadonlyArray<{ resource: RegExp; from: number }> = [
  { resource: /^limits\/?$/, from: 34 },
  { resource: /^sobjects(\/|$)/, from: 34 },
  { resource: /^query\/?$/, from: 34 },
  { resource: /^queryAll\/?$/, from: 34 },
  { resource: /^search\/?$/, from: 34 },
  { resource: /^connect(\/|$)/, from: 34 },
  { resource: /^chatter(\/|$)/, from: 34 },
  { resource: /^actions(\/|$)/, from: 35 },
];

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD']);

type Subrequest = { method: string; version: string; resource: string; query: URLSearchParams };

const refused = (errorCode: string, message: string): SimResponse => restErrors(400, [{ errorCode, message }]);

/** A subrequest as the platform reads it, or the 400 that refuses the whole call. */
function readSubrequest(raw: unknown, batchVersion: number, maxVersion?: number): Subrequest | SimResponse {
  const sub = raw as { method?: unknown; url?: unknown } | null;
  if (typeof sub !== 'object' || sub === null || typeof sub.method !== 'string' || typeof sub.url !== 'string')
    return refused('JSON_PARSER_ERROR', 'Each subrequest needs a method and a url');
  const method = sub.method.toUpperCase();
  if (!METHODS.has(method)) return refused('INVALID_INPUT', `Invalid method for a subrequest: ${sub.method}`);
  const m = /^v(\d+\.\d+)\/([^?]*)(?:\?(.*))?$/.exec(sub.url);
  if (!m) return refused('INVALID_INPUT', `Invalid url for a subrequest: ${sub.url}`);
  const [, version, resource, query = ''] = m;
  const allowed = BATCHABLE.find((b) => b.resource.test(resource));
  if (!allowed) return refused('INVALID_INPUT', `The resource of ${sub.url} can't be used in a batch request`);
  if (!versionOk(version, maxVersion) || Number(version) < allowed.from || Number(version) > batchVersion)
    return refused('INVALID_INPUT', `Subrequest API version ${version} is not available in batch v${batchVersion}.0`);
  return { method, version, resource, query: new URLSearchParams(query) };
}

/** One subrequest's answer, as the resource answers on its own. */
function runSubrequest(ctx: SimContext, sub: Subrequest): SimResponse {
  if (/^limits\/?$/.test(sub.resource)) return json(200, limits(ctx));
  const q = sub.query.get('q');
  if (!q) return restErrors(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
  try {
    return json(200, ctx.soql.query(q, { api: 'data', version: sub.version }));
  } catch (e) {
    if (!(e instanceof SoqlError)) throw e;
    return restErrors(400, [{ errorCode: e.errorCode, message: e.message }]);
  }
}

const simulated = (sub: Subrequest): boolean =>
  sub.method === 'GET' && /^(limits|query|queryAll)\/?$/.test(sub.resource);

/** The calls log's view of a batch: the objects it reads, its queries, and what each subrequest read. */
function describeCall(ctx: SimContext, subs: readonly Subrequest[]): void {
  const soqls = subs.map((s) => s.query.get('q') ?? '').filter(Boolean);
  const types = soqls.flatMap((q) => {
    try {
      return [parseSoql(q).from.name];
    } catch {
      return [];
    }
  });
  ctx.call.type = [...new Set(types)].join(',');
  ctx.call.soql = soqls.join(' ; ');
  ctx.call.reads = subs.map((s) => (s.query.get('q') ? `query ${s.query.get('q')}` : `GET ${s.resource}`));
  ctx.call.apiCalls = subs.length;
}

function batch(ctx: SimContext, req: SimRequest): SimResponse {
  let body: { batchRequests?: unknown; haltOnError?: unknown };
  try {
    body = (JSON.parse(req.body || 'null') ?? {}) as typeof body;
  } catch (e) {
    return refused('JSON_PARSER_ERROR', `Unexpected character in request body: ${(e as Error).message}`);
  }
  const list = body.batchRequests;
  if (!Array.isArray(list) || list.length === 0) return refused('JSON_PARSER_ERROR', 'batchRequests is required');
  if (body.haltOnError !== undefined && typeof body.haltOnError !== 'boolean')
    return refused('JSON_PARSER_ERROR', 'haltOnError must be a boolean');
  // The platform's words for this refusal are not documented: the simulator's own, with the limit.
  if (list.length > BATCH_MAX_SUBREQUESTS)
    return refused(
      'LIMIT_EXCEEDED',
      `A batch request can have at most ${BATCH_MAX_SUBREQUESTS} subrequests; ${list.length} given`,
    );
  const subs: Subrequest[] = [];
  for (const raw of list) {
    const sub = readSubrequest(raw, Number(req.params[0]), ctx.state.settings.maxApiVersion);
    if ('status' in sub) return sub;
    if (!simulated(sub))
      return refused('NOT_SUPPORTED', `simulator: ${sub.method} ${sub.resource} is not simulated in a batch request`);
    subs.push(sub);
  }
  describeCall(ctx, subs);
  let halted = false;
  const results = subs.map((sub) => {
    if (halted)
      return {
        statusCode: 412,
        result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
      };
    const answer = runSubrequest(ctx, sub);
    if (answer.status >= 400 && body.haltOnError === true) halted = true;
    return { statusCode: answer.status, result: answer.body ?? null };
  });
  return json(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
}

export const compositeBatchRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/services\/data\/v(\d+\.\d+)\/composite\/batch\/?$/,
    api: 'rest',
    operation: 'composite.batch',
    // The simulator runs only GET subrequests (see batch): the call reads, whatever its method.
    write: false,
    auth: 'bearer',
    handle: batch,
  },
];
