/*
 * Connect REST OAuth resources (API 60.0 and later), read-only:
 *   GET /services/data/vXX.X/apps/oauth/usage                          → { apps: [{ developerName, identifier, label }] }
 *   GET …/apps/oauth/credentials/<appId>                              → { consumers: [{ id, key, name }] }
 *   GET …/apps/oauth/credentials/<appId>/<consumerId>?part=key|secret|keyandsecret → { id, key?, secret? }
 * Apps are the org's Connected Apps and External Client Apps with OAuth. The secret is returned only when the org allows
 * it (External Client App Settings: "Allow access to External Client App consumer secrets via REST API",
 * settings.clientSecretInRestApiAccess, off by default); otherwise 403.
 */
import { json, notFound, restErrors } from './rest.js';
import { consumerKeyOwners } from './rules/oauth-consumers.js';
import type { Route, SimContext } from './server.js';

const V = String.raw`\/services\/data\/v(\d+\.\d+)`;
export const SECRET_ACCESS_MESSAGE =
  'This feature is not currently enabled for this user: access to consumer secrets via REST API.';

const tooOld = (version: string): boolean => Number(version) < 60;

function apps(ctx: SimContext): Array<{
  developerName: string;
  identifier: string;
  label: string;
  consumers: ReturnType<typeof consumerKeyOwners>;
}> {
  const owners = consumerKeyOwners(ctx.state);
  const connected = ctx.state.metadata
    .list('ConnectedApp')
    .filter((c) => c.record.oauthConfig)
    .map((c) => ({
      developerName: c.fullName,
      identifier: c.id,
      label: String(c.record.label ?? c.fullName),
      consumers: owners.filter((o) => o.type === 'ConnectedApp' && o.fullName === c.fullName),
    }));
  const external = ctx.state.metadata
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
  return [...connected, ...external];
}

export const oauthCredentialsRoutes: Route[] = [
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/usage\\/?$`),
    api: 'rest',
    operation: 'oauthUsage',
    auth: 'bearer',
    handle: (ctx, req) =>
      tooOld(req.params[0])
        ? notFound()
        : json(200, {
            apps: apps(ctx).map(({ developerName, identifier, label }) => ({ developerName, identifier, label })),
          }),
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/credentials\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'oauthCredentials',
    auth: 'bearer',
    handle: (ctx, req) => {
      const app = apps(ctx).find((a) => a.identifier === req.params[1]);
      if (tooOld(req.params[0]) || !app) return notFound();
      return json(200, { consumers: app.consumers.map((c) => ({ id: c.id, key: c.key, name: app.label })) });
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^${V}\\/apps\\/oauth\\/credentials\\/(\\w+)\\/(\\w+)\\/?$`),
    api: 'rest',
    operation: 'oauthCredentialsByConsumer',
    auth: 'bearer',
    handle: (ctx, req) => {
      const consumer = apps(ctx)
        .find((a) => a.identifier === req.params[1])
        ?.consumers.find((c) => c.id === req.params[2]);
      if (tooOld(req.params[0]) || !consumer) return notFound();
      const part = req.query.get('part') ?? 'key';
      if (!['key', 'secret', 'keyandsecret'].includes(part))
        return restErrors(400, [{ errorCode: 'INVALID_INPUT', message: `Invalid value for part: ${part}` }]);
      if (part !== 'key' && !ctx.state.settings.clientSecretInRestApiAccess)
        return restErrors(403, [{ errorCode: 'FUNCTIONALITY_NOT_ENABLED', message: SECRET_ACCESS_MESSAGE }]);
      return json(200, {
        id: consumer.id,
        ...(part !== 'secret' ? { key: consumer.key } : {}),
        ...(part !== 'key' ? { secret: consumer.secret } : {}),
      });
    },
  },
];
