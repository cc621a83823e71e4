/*
 * REST routes: API versions, SOQL query (data and tooling), sObject CRUD, describe, sObject collections
 * (composite/sobjects), and the OAuth/identity endpoints the CLI uses at login.
 * Shapes follow Salesforce's: errors are arrays of {message, errorCode[, fields]}; composite results carry
 * {id, success, errors:[{statusCode, message, fields}]}.
 */
import { normalizeId } from './ids.js';
import { RecordWriteError, type ObjectDef, type Row } from './records.js';
import { parseSoql, SoqlError } from './soql.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';
import { DAILY_API_REQUESTS, type ComponentError } from './types.js';
import { apiVersions, versionOk } from './versions.js';
import { normalizePath } from './server.js';

export const json = (status: number, body: unknown): SimResponse => ({ status, body });

export const restErrors = (
  status: number,
  errors: Array<{ statusCode?: string; errorCode?: string; message: string; fields?: string[] }>,
): SimResponse =>
  json(
    status,
    errors.map((e) => ({
      message: e.message,
      errorCode: e.errorCode ?? e.statusCode,
      ...(e.fields ? { fields: e.fields } : {}),
    })),
  );

export const notFound = (): SimResponse =>
  restErrors(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);

const V = String.raw`\/services\/data\/v(\d+\.\d+)`;
const T = String.raw`(\/tooling)?`;

const apiOf = (req: SimRequest): 'data' | 'tooling' => (req.params[1] ? 'tooling' : 'data');

function sobjectBase(req: SimRequest): string {
  return `/services/data/v${req.params[0]}${apiOf(req) === 'tooling' ? '/tooling' : ''}/sobjects`;
}

function describeObject(ctx: SimContext, req: SimRequest, def: ObjectDef): Row {
  const base = sobjectBase(req);
  return {
    name: def.name,
    label: def.label ?? def.name,
    labelPlural: `${def.label ?? def.name}s`,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: !!def.createable,
    updateable: !!def.updateable,
    deletable: !!def.deletable,
    queryable: true,
    retrieveable: true,
    searchable: false,
    fields: def.fields.map((f) => ({
      name: f.name,
      label: f.label ?? f.name,
      type: f.type,
      referenceTo: f.referenceTo ?? [],
      relationshipName: f.relationshipName ?? null,
      createable: f.createable !== false,
      updateable: (f.updateable ?? f.createable) !== false,
      nillable: !f.required && f.type !== 'boolean' && f.name !== 'Id',
      defaultedOnCreate: f.defaultValue !== undefined || f.createable === false,
      unique: !!f.unique,
      custom: false,
      length: f.length ?? (f.type === 'id' || f.type === 'reference' ? 18 : 255),
      picklistValues: (f.picklistValues ?? []).map((v) => ({ active: true, defaultValue: false, label: v, value: v })),
    })),
    childRelationships: ctx.state.records
      .objects()
      .flatMap((o) =>
        o.fields
          .filter((f) => f.referenceTo?.includes(def.name))
          .map((f) => ({ childSObject: o.name, field: f.name, relationshipName: null })),
      ),
    urls: {
      sobject: `${base}/${def.name}`,
      describe: `${base}/${def.name}/describe`,
      rowTemplate: `${base}/${def.name}/{ID}`,
    },
  };
}

function objectOr404(ctx: SimContext, req: SimRequest, name: string): ObjectDef | SimResponse {
  const def = ctx.state.records.describe(name, apiOf(req));
  if (!def) return restErrors(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  return def;
}
const isResponse = (x: unknown): x is SimResponse => typeof x === 'object' && x !== null && 'status' in x;

function parseBody(req: SimRequest): Row | Row[] | SimResponse {
  try {
    return JSON.parse(req.body || 'null') as Row;
  } catch (e) {
    return restErrors(400, [
      { errorCode: 'JSON_PARSER_ERROR', message: `Unexpected character in request body: ${(e as Error).message}` },
    ]);
  }
}

function writeErrorResponse(e: unknown): SimResponse {
  if (e instanceof RecordWriteError) return restErrors(e.status, e.errors);
  throw e;
}

function runQuery(ctx: SimContext, req: SimRequest, operation: string): SimResponse {
  const q = req.query.get('q');
  const api = apiOf(req);
  ctx.call.operation = req.query.get('columns') === 'true' ? `${operation}.columns` : operation;
  if (!q) return restErrors(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
  ctx.call.soql = q;
  ctx.call.reads = [`${api === 'tooling' ? 'tooling ' : ''}query ${q}`];
  try {
    ctx.call.type = parseSoql(q).from.name;
  } catch {
    /* reported below */
  }
  try {
    if (req.query.get('columns') === 'true') return json(200, ctx.soql.columns(q, { api, version: req.params[0] }));
    return json(200, ctx.soql.query(q, { api, version: req.params[0] }));
  } catch (e) {
    if (e instanceof SoqlError) return restErrors(400, [{ errorCode: e.errorCode, message: e.message }]);
    throw e;
  }
}

/** The Limits resource: the org's daily API requests (others are not simulated). */
export function limits(ctx: SimContext): Row {
  return { DailyApiRequests: { Max: DAILY_API_REQUESTS, Remaining: DAILY_API_REQUESTS - ctx.state.apiRequests } };
}

function projectRow(def: ObjectDef, row: Row, base: string, fields?: string[]): Row {
  const out: Row = { attributes: { type: def.name, url: `${base}/${def.name}/${String(row.Id)}` } };
  const names = fields ?? def.fields.map((f) => f.name);
  for (const n of names) {
    const f = def.fields.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (f) out[f.name] = row[f.name] ?? null;
  }
  return out;
}

type CollectionResult = { id?: string; success: boolean; errors: ComponentError[] };

/** Runs per-record writes with allOrNone semantics. */
function collection(ctx: SimContext, allOrNone: boolean, items: Array<() => string>): CollectionResult[] {
  const snap = ctx.state.records.snapshot();
  const results: CollectionResult[] = items.map((run) => {
    try {
      return { id: run(), success: true, errors: [] };
    } catch (e) {
      if (e instanceof RecordWriteError) return { success: false, errors: e.errors };
      throw e;
    }
  });
  if (allOrNone && results.some((r) => !r.success)) {
    ctx.state.records.restore(snap);
    return results.map((r) =>
      r.success
        ? {
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: [],
              },
            ],
          }
        : r,
    );
  }
  return results;
}

const MAX_COLLECTION = 200;

function injected(ctx: SimContext, operation: string, type: string, id?: string): never | void {
  const f = ctx.failures.take(operation, type, id);
  if (f) throw new RecordWriteError(400, [f]);
}

/** Composite API limits (REST API Developer Guide, "Send Multiple Requests Using Composite"): up to 25 subrequests a
 * call, of them up to 5 query operations (Query, QueryAll, and "Query More" of a result's next batch). */
export const COMPOSITE_MAX_SUBREQUESTS = 25;
export const COMPOSITE_MAX_QUERIES = 5;
const REFERENCE_ID = /^[A-Za-z]\w*$/;

type CompositeSubrequest = { method?: unknown; url?: unknown; referenceId?: unknown; body?: unknown };

/**
 * POST /services/data/vXX.X/composite: the subrequests run in order in one call. The simulator implements what the
 * plugin needs, GET of the Query resource, and refuses everything else rather than pretend to (stricter than the
 * platform). Each subrequest answers its own httpStatusCode and body under its referenceId; with allOrNone true a
 * failed one rolls back the others (each then answers PROCESSING_HALTED).
 */
function composite(ctx: SimContext, req: SimRequest): SimResponse {
  const parsed = parseBody(req);
  if (isResponse(parsed)) return parsed;
  const body = (parsed ?? {}) as { allOrNone?: unknown; compositeRequest?: unknown };
  const list = body.compositeRequest;
  if (!Array.isArray(list) || list.length === 0)
    return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'compositeRequest is required' }]);
  if (body.allOrNone !== undefined && typeof body.allOrNone !== 'boolean')
    return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'allOrNone must be a boolean' }]);
  // The exact words of the platform for these refusals are not documented: the simulator's own, with the limit.
  if (list.length > COMPOSITE_MAX_SUBREQUESTS)
    return restErrors(400, [
      {
        errorCode: 'LIMIT_EXCEEDED',
        message: `A composite request can have at most ${COMPOSITE_MAX_SUBREQUESTS} subrequests; ${list.length} given`,
      },
    ]);
  const subs = list as CompositeSubrequest[];
  const refs = new Set<string>();
  const version = Number(req.params[0]);
  const soqls: string[] = [];
  for (const sub of subs) {
    if (typeof sub !== 'object' || sub === null || typeof sub.method !== 'string' || typeof sub.url !== 'string')
      return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'Each subrequest needs a method and a url' }]);
    if (typeof sub.referenceId !== 'string' || !REFERENCE_ID.test(sub.referenceId) || refs.has(sub.referenceId))
      return restErrors(400, [
        {
          errorCode: 'INVALID_INPUT',
          message: `referenceId ${String(sub.referenceId)}: required, unique, letters, digits and underscores, a letter first`,
        },
      ]);
    refs.add(sub.referenceId);
    const { path, query } = normalizePath(sub.url);
    const m = /^\/services\/data\/v(\d+\.\d+)\/query\/?$/.exec(path);
    if (sub.method.toUpperCase() !== 'GET' || !m)
      return restErrors(400, [
        {
          errorCode: 'NOT_SUPPORTED',
          message: `simulator: only GET of the Query resource is supported in a composite request (${sub.method} ${path})`,
        },
      ]);
    if (!versionOk(m[1], ctx.state.settings.maxApiVersion) || Number(m[1]) > version)
      return restErrors(400, [
        { errorCode: 'INVALID_INPUT', message: `subrequest API version ${m[1]} is not available in v${req.params[0]}` },
      ]);
    soqls.push(query.get('q') ?? '');
  }
  if (soqls.length > COMPOSITE_MAX_QUERIES)
    return restErrors(400, [
      {
        errorCode: 'LIMIT_EXCEEDED',
        message: `A composite request can have at most ${COMPOSITE_MAX_QUERIES} query operations; ${soqls.length} given`,
      },
    ]);
  const types: string[] = [];
  const results = subs.map((sub, i) => {
    const { path, query } = normalizePath(sub.url as string);
    const version = /v(\d+\.\d+)/.exec(path)![1];
    const q = soqls[i];
    try {
      types.push(parseSoql(q).from.name);
    } catch {
      /* answered below */
    }
    void query;
    let answer: SimResponse;
    if (!q) answer = restErrors(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
    else
      try {
        answer = json(200, ctx.soql.query(q, { api: 'data', version }));
      } catch (e) {
        if (!(e instanceof SoqlError)) throw e;
        answer = restErrors(400, [{ errorCode: e.errorCode, message: e.message }]);
      }
    return {
      body: answer.body,
      httpHeaders: {},
      httpStatusCode: answer.status,
      referenceId: sub.referenceId as string,
    };
  });
  ctx.call.type = [...new Set(types)].join(',');
  ctx.call.soql = soqls.join(' ; ');
  if (body.allOrNone === true && results.some((r) => r.httpStatusCode >= 400)) {
    for (const r of results)
      if (r.httpStatusCode < 400)
        Object.assign(r, {
          httpStatusCode: 400,
          body: [
            {
              errorCode: 'PROCESSING_HALTED',
              message: 'The transaction was rolled back since another operation in the same transaction failed.',
            },
          ],
        });
  }
  return json(200, { compositeResponse: results });
}

export const restRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/services\/data\/?$/,
    api: 'rest',
    operation: 'versions',
    auth: 'none',
    handle: (ctx) => json(200, apiVersions(ctx.state.settings.maxApiVersion)),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/?$`),
    api: 'rest',
    operation: 'resources',
    auth: 'bearer',
    handle: (_ctx, req) => {
      const b = `/services/data/v${req.params[0]}`;
      return json(200, {
        tooling: `${b}/tooling`,
        metadata: `${b}/metadata`,
        query: `${b}/query`,
        queryAll: `${b}/queryAll`,
        sobjects: `${b}/sobjects`,
        composite: `${b}/composite`,
        limits: `${b}/limits`,
        identity: `/id/${_ctx.state.orgId}/${_ctx.state.userId}`,
      });
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/limits\\/?$`),
    api: 'rest',
    operation: 'limits',
    auth: 'bearer',
    handle: (ctx) => json(200, limits(ctx)),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/query\\/?$`),
    api: 'rest',
    operation: 'query',
    auth: 'bearer',
    handle: (ctx, req) => runQuery(ctx, req, 'query'),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/queryAll\\/?$`),
    api: 'rest',
    operation: 'queryAll',
    auth: 'bearer',
    handle: (ctx, req) => runQuery(ctx, req, 'queryAll'),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/sobjects\\/?$`),
    api: 'rest',
    operation: 'describeGlobal',
    auth: 'bearer',
    handle: (ctx, req) =>
      json(200, {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: ctx.state.records.objects(apiOf(req)).map((d) => {
          const { fields: _f, childRelationships: _c, ...rest } = describeObject(ctx, req, d);
          return rest;
        }),
      }),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/describe\\/?$`),
    api: 'rest',
    operation: 'sobject.describe',
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      const def = objectOr404(ctx, req, req.params[2]);
      return isResponse(def) ? def : json(200, describeObject(ctx, req, def));
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'sobject.info',
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      const def = objectOr404(ctx, req, req.params[2]);
      if (isResponse(def)) return def;
      const { fields: _f, childRelationships: _c, ...objectDescribe } = describeObject(ctx, req, def);
      return json(200, { objectDescribe, recentItems: [] });
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'sobject.create',
    write: true,
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      const def = objectOr404(ctx, req, req.params[2]);
      if (isResponse(def)) return def;
      const body = parseBody(req);
      if (isResponse(body)) return body;
      if (!body || Array.isArray(body) || typeof body !== 'object') {
        return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object' }]);
      }
      try {
        injected(ctx, 'sobject.create', def.name);
        const id = ctx.state.records.insert(def.name, body);
        ctx.call.fullNames = [id];
        return json(201, { id, success: true, errors: [] });
      } catch (e) {
        return writeErrorResponse(e);
      }
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'sobject.get',
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      ctx.call.fullNames = [req.params[3]];
      const def = objectOr404(ctx, req, req.params[2]);
      if (isResponse(def)) return def;
      const row = ctx.state.records.get(def.name, req.params[3]);
      if (!row) return notFound();
      const fields = req.query
        .get('fields')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = fields?.find((f) => !ctx.state.records.field(def, f));
      if (unknown)
        return restErrors(400, [
          { errorCode: 'INVALID_FIELD', message: `No such column '${unknown}' on sobject of type ${def.name}` },
        ]);
      return json(200, projectRow(def, row, sobjectBase(req), fields));
    },
  },
  {
    method: 'PATCH',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'sobject.update',
    write: true,
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      ctx.call.fullNames = [req.params[3]];
      const def = objectOr404(ctx, req, req.params[2]);
      if (isResponse(def)) return def;
      const body = parseBody(req);
      if (isResponse(body)) return body;
      if (!body || Array.isArray(body) || typeof body !== 'object') {
        return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object' }]);
      }
      try {
        injected(ctx, 'sobject.update', def.name, req.params[3]);
        ctx.state.records.update(def.name, req.params[3], body);
        return { status: 204 };
      } catch (e) {
        return writeErrorResponse(e);
      }
    },
  },
  {
    method: 'DELETE',
    path: new RegExp(`^${V}${T}\\/sobjects\\/(\\w+)\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'sobject.delete',
    write: true,
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[2];
      ctx.call.fullNames = [req.params[3]];
      const def = objectOr404(ctx, req, req.params[2]);
      if (isResponse(def)) return def;
      try {
        injected(ctx, 'sobject.delete', def.name, req.params[3]);
        ctx.state.records.delete(def.name, req.params[3]);
        return { status: 204 };
      } catch (e) {
        return writeErrorResponse(e);
      }
    },
  },
  {
    method: ['POST', 'PATCH'],
    path: new RegExp(`^${V}\\/composite\\/sobjects\\/?$`),
    api: 'rest',
    operation: 'composite',
    write: true,
    auth: 'bearer',
    handle: (ctx, req) => {
      const update = req.method === 'PATCH';
      ctx.call.operation = update ? 'composite.update' : 'composite.create';
      const body = parseBody(req);
      if (isResponse(body)) return body;
      const records = (body as Row | null)?.records;
      if (!Array.isArray(records))
        return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'records: a JSON array is required' }]);
      if (records.length > MAX_COLLECTION) {
        return restErrors(400, [
          {
            errorCode: 'EXCEEDED_ID_LIMIT',
            message: `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
          },
        ]);
      }
      const allOrNone = (body as Row).allOrNone === true;
      const types = new Set<string>();
      const items = (records as Row[]).map((rec) => () => {
        const { attributes, id, Id, ...fields } = rec;
        const type = (attributes as Row | undefined)?.type;
        if (typeof type !== 'string')
          throw new RecordWriteError(400, [
            { statusCode: 'INVALID_TYPE', message: 'Must send a concrete entity type.', fields: [] },
          ]);
        types.add(type);
        if (update) {
          const rid = (id ?? Id) as string | undefined;
          if (!rid)
            throw new RecordWriteError(400, [
              { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] },
            ]);
          injected(ctx, 'sobject.update', type, rid);
          ctx.state.records.update(type, rid, fields);
          return normalizeId(rid) ?? rid;
        }
        if (id !== undefined || Id !== undefined)
          throw new RecordWriteError(400, [
            { statusCode: 'INVALID_FIELD', message: 'Cannot specify Id in an insert call', fields: ['Id'] },
          ]);
        injected(ctx, 'sobject.create', type);
        return ctx.state.records.insert(type, fields);
      });
      const results = collection(ctx, allOrNone, items);
      ctx.call.type = [...types].join(',');
      ctx.call.fullNames = results.flatMap((r) => (r.id ? [r.id] : []));
      return json(200, results);
    },
  },
  {
    method: 'DELETE',
    path: new RegExp(`^${V}\\/composite\\/sobjects\\/?$`),
    api: 'rest',
    operation: 'composite.delete',
    write: true,
    auth: 'bearer',
    handle: (ctx, req) => {
      const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
      ctx.call.fullNames = ids;
      if (!ids.length)
        return restErrors(400, [{ errorCode: 'MISSING_ARGUMENT', message: 'ids: a list of ids is required' }]);
      if (ids.length > MAX_COLLECTION) {
        return restErrors(400, [
          {
            errorCode: 'EXCEEDED_ID_LIMIT',
            message: `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
          },
        ]);
      }
      const results = collection(
        ctx,
        req.query.get('allOrNone') === 'true',
        ids.map((id) => () => {
          const found = ctx.state.records.getById(id);
          if (!found)
            throw new RecordWriteError(404, [
              { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
            ]);
          injected(ctx, 'sobject.delete', found.def.name, id);
          ctx.state.records.delete(found.def.name, id);
          return found.row.Id as string;
        }),
      );
      return json(
        200,
        results.map((r, i) => ({ id: r.id ?? ids[i], success: r.success, errors: r.errors })),
      );
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^${V}\\/composite\\/?$`),
    api: 'rest',
    operation: 'composite.request',
    // Only GET subrequests of the Query resource are taken (see composite): the call reads, whatever its method.
    write: false,
    auth: 'bearer',
    handle: composite,
  },
  {
    method: 'POST',
    path: new RegExp(`^${V}\\/composite\\/sobjects\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'composite.retrieve',
    auth: 'bearer',
    handle: (ctx, req) => {
      ctx.call.type = req.params[1];
      const def = ctx.state.records.describe(req.params[1], 'data');
      if (!def) return notFound();
      const body = parseBody(req);
      if (isResponse(body)) return body;
      const { ids, fields } = (body ?? {}) as { ids?: string[]; fields?: string[] };
      if (!Array.isArray(ids) || !Array.isArray(fields))
        return restErrors(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'ids and fields are required' }]);
      const base = `/services/data/v${req.params[0]}/sobjects`;
      return json(
        200,
        ids.map((id) => {
          const row = ctx.state.records.get(def.name, id);
          return row ? projectRow(def, row, base, fields) : null;
        }),
      );
    },
  },
];

/* ------------------------------------------------------------------ OAuth and identity */

function identity(ctx: SimContext): { urls: Row; user: Row } {
  const { state } = ctx;
  const user = state.records.get('User', state.userId) ?? {};
  const base = state.instanceUrl;
  return {
    urls: {
      enterprise: `${base}/services/Soap/c/{version}/${state.orgId}`,
      metadata: `${base}/services/Soap/m/{version}/${state.orgId}`,
      partner: `${base}/services/Soap/u/{version}/${state.orgId}`,
      rest: `${base}/services/data/v{version}/`,
      sobjects: `${base}/services/data/v{version}/sobjects/`,
      search: `${base}/services/data/v{version}/search/`,
      query: `${base}/services/data/v{version}/query/`,
      recent: `${base}/services/data/v{version}/recent/`,
      tooling_soap: `${base}/services/Soap/T/{version}/${state.orgId}`,
      tooling_rest: `${base}/services/data/v{version}/tooling/`,
      profile: `${base}/${state.userId}`,
      feeds: `${base}/services/data/v{version}/chatter/feeds`,
      groups: `${base}/services/data/v{version}/chatter/groups`,
      users: `${base}/services/data/v{version}/chatter/users`,
      feed_items: `${base}/services/data/v{version}/chatter/feed-items`,
      feed_elements: `${base}/services/data/v{version}/chatter/feed-elements`,
      // The org's My Domain (not in the "Using Identity URLs" page, seen in real answers): the instance URL, unless the
      // CLI reaches the org through a custom domain (settings.myDomainUrl).
      custom_domain: state.settings.myDomainUrl ?? base,
    },
    user,
  };
}

export const oauthRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/services\/oauth2\/userinfo\/?$/,
    api: 'oauth',
    operation: 'userinfo',
    auth: 'bearer',
    handle: (ctx) => {
      const { state } = ctx;
      const { urls, user } = identity(ctx);
      return json(200, {
        sub: `${state.instanceUrl}/id/${state.orgId}/${state.userId}`,
        user_id: state.userId,
        organization_id: state.orgId,
        preferred_username: state.username,
        nickname: user.CommunityNickname ?? 'admin',
        name: user.Name ?? 'Admin User',
        email: user.Email ?? state.username,
        email_verified: true,
        given_name: user.FirstName ?? 'Admin',
        family_name: user.LastName ?? 'User',
        zoneinfo: user.TimeZoneSidKey ?? 'America/Los_Angeles',
        photos: {},
        profile: `${state.instanceUrl}/${state.userId}`,
        picture: '',
        address: {},
        is_salesforce_integration_user: false,
        urls,
        active: user.IsActive !== false,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey ?? 'en_US',
        locale: user.LocaleSidKey ?? 'en_US',
        utcOffset: -28800000,
        updated_at: String(user.LastModifiedDate ?? state.now()),
        is_app_installed: true,
      });
    },
  },
  {
    method: 'GET',
    path: /^\/id\/(\w+)\/(\w+)\/?$/,
    api: 'oauth',
    operation: 'identity',
    auth: 'bearer',
    handle: (ctx, req) => {
      const { state } = ctx;
      if (normalizeId(req.params[0]) !== state.orgId || normalizeId(req.params[1]) !== state.userId) {
        return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'Bad_Id' };
      }
      const { urls, user } = identity(ctx);
      return json(200, {
        id: `${state.instanceUrl}/id/${state.orgId}/${state.userId}`,
        asserted_user: true,
        user_id: state.userId,
        organization_id: state.orgId,
        username: state.username,
        nick_name: user.CommunityNickname ?? 'admin',
        display_name: user.Name ?? 'Admin User',
        email: user.Email ?? state.username,
        email_verified: true,
        first_name: user.FirstName ?? 'Admin',
        last_name: user.LastName ?? 'User',
        timezone: user.TimeZoneSidKey ?? 'America/Los_Angeles',
        photos: {},
        addr_street: null,
        active: user.IsActive !== false,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey ?? 'en_US',
        locale: user.LocaleSidKey ?? 'en_US',
        utcOffset: -28800000,
        last_modified_date: String(user.LastModifiedDate ?? state.now()),
        is_app_installed: true,
        urls,
      });
    },
  },
  {
    method: 'POST',
    path: /^\/services\/oauth2\/token\/?$/,
    api: 'oauth',
    operation: 'token',
    auth: 'none',
    // The org is reached with an access token only: there is nothing to refresh with.
    handle: () => json(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' }),
  },
  {
    method: 'POST',
    path: /^\/services\/oauth2\/revoke\/?$/,
    api: 'oauth',
    operation: 'revoke',
    auth: 'none',
    handle: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: '' }),
  },
];

export { projectRow };
