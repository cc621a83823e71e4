/*
 * Connect REST OAuth resources of External Client Apps, read-only:
 *   GET /services/data/vXX.X/apps/oauth/usage (59.0+)                  → { apps: [{ developerName, identifier, label }] }
 *   GET …/apps/oauth/credentials/<appId> (60.0+)                       → { consumers: [{ id, key, name }] }
 *   GET …/apps/oauth/credentials/<appId>/<consumerId>?part=key|secret|keyandsecret → { id, key?, secret? }
 * What the simulator takes as the platform's rules (Salesforce Help, "External Client App OAuth Usage" and "Stage,
 * Rotate, and Delete OAuth Credentials for an External Client App"; the stricter reading wherever they are silent):
 *  - these resources "only work for external client apps": a Connected App is never listed, its id is not found;
 *  - the usage list holds the apps "that have OAuth usage data" only (settings.appsWithOAuthUsage; `['*']`: every app
 *    with an OAuth consumer): an app made a minute ago, with no token issued yet, is not in it;
 *  - the app id is the ExternalClientApplication record id (`0xI…`); a new app is unseen until the org has provisioned
 *    it (objects/external-client-app.ts): its id answers 404 meanwhile;
 *  - "Allow access to External Client App consumer secrets via REST API" (settings.clientSecretInRestApiAccess) must be
 *    on: while it is off EVERY credentials request is refused, 403 FUNCTIONALITY_NOT_ENABLED (Help names it a
 *    prerequisite of the resource and says nothing of which parts it guards: the stricter reading); a secret
 *    (`part=secret|keyandsecret`) also needs the user permission View Client Secret, else 403 INSUFFICIENT_ACCESS.
 *    The words of both refusals are the simulator's: no public page gives them.
 */
import { json, notFound, restErrors } from './rest.js';
import { seenNow } from './objects/external-client-app.js';
import { consumerKeyOwners } from './rules/oauth-consumers.js';
import type { Route, SimContext, SimResponse } from './server.js';
import { userHas } from './user-permissions.js';

const V = String.raw`\/services\/data\/v(\d+\.\d+)`;
export const SECRET_ACCESS_MESSAGE =
  'This feature is not currently enabled for this user: access to consumer secrets via REST API.';
export const VIEW_CLIENT_SECRET_MESSAGE =
  'insufficient access rights: viewing a consumer secret needs View Client Secret';

export const USAGE_SINCE = 59;
export const CREDENTIALS_SINCE = 60;

type App = {
  developerName: string;
  identifier: string;
  label: string;
  consumers: ReturnType<typeof consumerKeyOwners>;
};

/** The org's External Client Apps that have an OAuth consumer. */
function apps(ctx: SimContext): App[] {
  const owners = consumerKeyOwners(ctx.state);
  return ctx.state.metadata
    .list('ExternalClientApplication')
    .map((c) => ({
      developerName: c.fullName,
      identifier: c.id,
      label: String(c.record.label ?? c.fullName),
      consumers: owners.filter(
        (o) => o.type === 'ExtlClntAppGlobalOauthSettings' && o.app.toLowerCase() === c.fullName.toLowerCase(),
      ),
    }))
    .filter((a) => a.consumers.length > 0);
}

const withUsage = (ctx: SimContext, app: App): boolean => {
  const used = ctx.state.settings.appsWithOAuthUsage ?? [];
  return used.includes('*') || used.some((name) => name.toLowerCase() === app.developerName.toLowerCase());
};

/** The app with this id, once provisioned. */
const appById = (ctx: SimContext, id: string): App | undefined =>
  apps(ctx).find((a) => a.identifier === id && seenNow(ctx.state, a.developerName));

/** The refusal every credentials request meets while REST access to consumer secrets is off, if it is. */
export function secretAccessRefusal(ctx: SimContext): SimResponse | undefined {
  if (ctx.state.settings.clientSecretInRestApiAccess) return undefined;
  return restErrors(403, [{ errorCode: 'FUNCTIONALITY_NOT_ENABLED', message: SECRET_ACCESS_MESSAGE }]);
}

function consumer(ctx: SimContext, version: string, appId: string, consumerId: string, part: string): SimResponse {
  if (Number(version) < CREDENTIALS_SINCE) return notFound();
  const refused = secretAccessRefusal(ctx);
  if (refused) return refused;
  const found = appById(ctx, appId)?.consumers.find((c) => c.id === consumerId);
  if (!found) return notFound();
  if (!['key', 'secret', 'keyandsecret'].includes(part))
    return restErrors(400, [{ errorCode: 'INVALID_INPUT', message: `Invalid value for part: ${part}` }]);
  const withoutPermission = part !== 'key' ? viewClientSecretRefusal(ctx) : undefined;
  if (withoutPermission) return withoutPermission;
  return json(200, {
    id: found.id,
    ...(part !== 'secret' ? { key: found.key } : {}),
    ...(part !== 'key' ? { secret: found.secret } : {}),
  });
}

/** The refusal of a request that answers a consumer secret, by a user without View Client Secret, if it is. */
export function viewClientSecretRefusal(ctx: SimContext): SimResponse | undefined {
  if (userHas(ctx.state, 'ViewClientSecret')) return undefined;
  return restErrors(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: VIEW_CLIENT_SECRET_MESSAGE }]);
}

export const oauthCredentialsRoutes: Route[] = [
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/usage\\/?$`),
    api: 'rest',
    operation: 'oauthUsage',
    auth: 'bearer',
    handle: (ctx, req) =>
      Number(req.params[0]) < USAGE_SINCE
        ? notFound()
        : json(200, {
            apps: apps(ctx)
              .filter((a) => withUsage(ctx, a))
              .map(({ developerName, identifier, label }) => ({ developerName, identifier, label })),
          }),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/credentials\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'oauthCredentials',
    auth: 'bearer',
    handle: (ctx, req) => {
      if (Number(req.params[0]) < CREDENTIALS_SINCE) return notFound();
      const refused = secretAccessRefusal(ctx);
      if (refused) return refused;
      const app = appById(ctx, req.params[1]);
      if (!app) return notFound();
      return json(200, { consumers: app.consumers.map((c) => ({ id: c.id, key: c.key, name: app.label })) });
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/credentials\\/(\\w+)\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'oauthCredentialsByConsumer',
    auth: 'bearer',
    handle: (ctx, req) => consumer(ctx, req.params[0], req.params[1], req.params[2], req.query.get('part') ?? 'key'),
  },
];
