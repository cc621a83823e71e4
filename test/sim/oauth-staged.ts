/*
 * Staged OAuth credentials of a local External Client App (Connect REST, API 65.0 and later; Salesforce Help "Stage,
 * Rotate, and Delete OAuth Credentials for an External Client App"):
 *   GET    …/apps/oauth/credentials/<appId>/<consumerId>/staged              → { stagedCredentials: [item], url }; 404 when none
 *   POST   …/apps/oauth/credentials/<appId>/<consumerId>/staged              → 201, the same collection with the new item
 *   GET    …/apps/oauth/credentials/<appId>/<consumerId>/staged/<stagedId>   → item
 *   PATCH  …/staged/<stagedId> with {"command":"rotate"}                    → item (now the former primary, Rotated)
 *   DELETE …/staged/<stagedId>                                               → 204
 * item: { id, key, secret, state: Active | Rotated, createdDate, expirationDate, url (the primary's), stagedCredentialsUrl }.
 *
 * Rules:
 *  - below API 65.0 the resources do not exist: 404;
 *  - only with "Allow access to External Client App consumer secrets via REST API" (settings.clientSecretInRestApiAccess):
 *    otherwise 403 FUNCTIONALITY_NOT_ENABLED, and only for a user with View Client Secret (the Help page's permissions),
 *    otherwise 403 INSUFFICIENT_ACCESS, as the credentials resources refuse (oauth-credentials.ts);
 *  - an app the org has not provisioned yet is not found (objects/external-client-app.ts);
 *  - local External Client Apps only (distributionState Local; not a packaged one, not a Connected App): else 404;
 *  - POST takes no body (an empty JSON object is accepted) and mints a new key and secret, staged Active next to the
 *    primary ones; both pairs work;
 *  - PATCH "rotate" swaps: the staged pair becomes the primary, the former primary stays staged as Rotated (still
 *    usable); only an Active staged credential can be rotated (no way back to a Rotated one); any other body is 400;
 *  - DELETE retires the staged pair at once (tokens issued to its key stop refreshing, tokens.ts);
 *  - a staged credential expires 30 days after it was made ("valid for 30 days unless they're deleted").
 * SIMULATOR'S STRICT READINGS (the source is two public clients, not Salesforce's page): the collection shape, the
 * PATCH body, and ONE staged credential per consumer (a POST while one exists is 400 with the simulator's words).
 */
import { randomBytes } from 'node:crypto';
import { simulatorSecret } from './secrets.js';
import { json, notFound, restErrors } from './rest.js';
import { generated } from './rules/oauth-consumers.js';
import { seenNow } from './objects/external-client-app.js';
import { secretAccessRefusal, viewClientSecretRefusal } from './oauth-credentials.js';
import type { Route, SimContext, SimRequest, SimResponse } from './server.js';
import type { StagedCredential, SimState } from './types.js';

export const STAGED_API_VERSION = 65;
export const STAGED_VALID_DAYS = 30;
export const ONE_STAGED_MESSAGE =
  'This OAuth consumer already has staged credentials. Rotate or delete them before you stage new ones.';
export const NOT_ACTIVE_MESSAGE = 'Only active staged credentials can be rotated.';

const V = String.raw`\/services\/data\/v(\d+\.\d+)`;
const CONSUMER = String.raw`\/apps\/oauth\/credentials\/(\w+)\/(\w+)\/staged`;

type Consumer = { appId: string; consumerId: string; base: string };

/** The consumer a request names, when it is a local External Client App's; else undefined (404). */
function consumerOf(state: SimState, req: SimRequest): Consumer | undefined {
  const [version, appId, consumerId] = req.params;
  const app = state.metadata.list('ExternalClientApplication').find((a) => a.id === appId);
  if (!app || app.record.distributionState !== 'Local' || !seenNow(state, app.fullName)) return undefined;
  const part = state.metadata
    .list('ExtlClntAppGlobalOauthSettings')
    .find((p) => p.id === consumerId && String(p.record.externalClientApplication).toLowerCase() === lower(app));
  return part
    ? { appId, consumerId, base: `/services/data/v${version}/apps/oauth/credentials/${appId}/${consumerId}` }
    : undefined;
}

const lower = (c: { fullName: string }): string => c.fullName.toLowerCase();

/** The consumer's staged credential, unless it expired (then it is gone). */
export function stagedOf(state: SimState, consumerId: string): StagedCredential | undefined {
  const staged = state.staged.get(consumerId);
  if (staged && staged.expirationDate <= state.now()) state.staged.delete(consumerId);
  return state.staged.get(consumerId);
}

const item = (c: Consumer, s: StagedCredential): Record<string, unknown> => ({
  ...s,
  url: c.base,
  stagedCredentialsUrl: `${c.base}/staged/${s.id}`,
});
const collection = (c: Consumer, s: StagedCredential): Record<string, unknown> => ({
  stagedCredentials: [item(c, s)],
  url: `${c.base}/staged`,
});

/**
 * Checks every staged route shares: the version floor, the org setting and View Client Secret (each answers a secret,
 * with the credentials resources' own refusals), a provisioned local External Client App's consumer.
 */
function guarded(handle: (ctx: SimContext, req: SimRequest, c: Consumer) => SimResponse) {
  return (ctx: SimContext, req: SimRequest): SimResponse => {
    if (Number(req.params[0]) < STAGED_API_VERSION) return notFound();
    const refused = secretAccessRefusal(ctx) ?? viewClientSecretRefusal(ctx);
    if (refused) return refused;
    const consumer = consumerOf(ctx.state, req);
    if (!consumer) return notFound();
    ctx.call.type = 'ExtlClntAppGlobalOauthSettings';
    return handle(ctx, req, consumer);
  };
}

/** The staged credential a path names (its own id), or undefined. */
const named = (state: SimState, c: Consumer, id: string): StagedCredential | undefined => {
  const staged = stagedOf(state, c.consumerId);
  return staged?.id === id ? staged : undefined;
};

function stage(ctx: SimContext, req: SimRequest, c: Consumer): SimResponse {
  if (req.body.trim() && req.body.trim() !== '{}')
    return restErrors(400, [{ errorCode: 'INVALID_INPUT', message: 'This resource takes no request body.' }]);
  if (stagedOf(ctx.state, c.consumerId))
    return restErrors(400, [{ errorCode: 'INVALID_OPERATION', message: ONE_STAGED_MESSAGE }]);
  const now = new Date(ctx.state.now());
  const staged: StagedCredential = {
    id: `0St${randomBytes(6).toString('hex').slice(0, 12)}`,
    key: generated(85),
    secret: generated(64),
    state: 'Active',
    createdDate: now.toISOString(),
    expirationDate: new Date(now.getTime() + STAGED_VALID_DAYS * 86_400_000).toISOString(),
  };
  simulatorSecret(staged.key, 'a staged consumer key minted by the simulated org');
  simulatorSecret(staged.secret, 'a staged consumer secret minted by the simulated org');
  ctx.state.staged.set(c.consumerId, staged);
  return json(201, collection(c, staged));
}

function rotate(ctx: SimContext, req: SimRequest, c: Consumer): SimResponse {
  const staged = named(ctx.state, c, req.params[3]);
  if (!staged) return notFound();
  let command: unknown;
  try {
    command = (JSON.parse(req.body || 'null') as { command?: unknown } | null)?.command;
  } catch {
    command = undefined;
  }
  if (command !== 'rotate')
    return restErrors(400, [{ errorCode: 'INVALID_INPUT', message: 'Give {"command":"rotate"} to rotate.' }]);
  if (staged.state !== 'Active')
    return restErrors(400, [{ errorCode: 'INVALID_OPERATION', message: NOT_ACTIVE_MESSAGE }]);
  const part = ctx.state.metadata.list('ExtlClntAppGlobalOauthSettings').find((p) => p.id === c.consumerId)!;
  ctx.state.metadata.beforeChange?.();
  const former = { key: String(part.record.consumerKey), secret: String(part.record.consumerSecret) };
  part.record = { ...part.record, consumerKey: staged.key, consumerSecret: staged.secret };
  part.lastModifiedDate = ctx.state.now();
  const rotated: StagedCredential = { ...staged, ...former, state: 'Rotated' };
  ctx.state.staged.set(c.consumerId, rotated);
  return json(200, item(c, rotated));
}

function retire(ctx: SimContext, req: SimRequest, c: Consumer): SimResponse {
  if (!named(ctx.state, c, req.params[3])) return notFound();
  ctx.state.metadata.beforeChange?.();
  ctx.state.staged.delete(c.consumerId);
  return { status: 204 };
}

const route = (
  method: string,
  tail: string,
  operation: string,
  handle: (ctx: SimContext, req: SimRequest, c: Consumer) => SimResponse,
): Route => ({
  method,
  path: new RegExp(`^${V}${CONSUMER}${tail}\\/?$`),
  api: 'rest',
  operation,
  write: method !== 'GET',
  auth: 'bearer',
  handle: guarded(handle),
});

export const oauthStagedRoutes: Route[] = [
  route('GET', '', 'oauthStagedList', (ctx, _req, c) => {
    const staged = stagedOf(ctx.state, c.consumerId);
    return staged ? json(200, collection(c, staged)) : notFound();
  }),
  route('POST', '', 'oauthStage', stage),
  route('GET', String.raw`\/(\w+)`, 'oauthStagedGet', (ctx, req, c) => {
    const staged = named(ctx.state, c, req.params[3]);
    return staged ? json(200, item(c, staged)) : notFound();
  }),
  route('PATCH', String.raw`\/(\w+)`, 'oauthStagedRotate', rotate),
  route('DELETE', String.raw`\/(\w+)`, 'oauthStagedDelete', retire),
];
