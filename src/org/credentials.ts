import { Messages, SfError } from '@salesforce/core';
import { errorCodeOf } from './answers.js';
import { Secret } from '../model/secret.js';
import { metadataRef } from '../model/component.js';
import { valueAt } from '../model/fields.js';
import { OAUTH_CREDENTIALS_API } from './platform-rules.js';
import { readExternalClientApp, type ExpectedParts } from './external-client-app.js';
import type { OrgPort, OrgReads } from './port.js';
import { soqlList, soqlLiteral } from './soql.js';
import { sleep } from '../model/backoff.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

/**
 * Org reads of the credentials steps (named credentials, the ECI app, the ECI auth provider), all through
 * OrgPort: whether an auth provider exists, a named credential's Id, which profiles exist, and an External Client
 * App's OAuth consumer and its key and secret from the Connect REST API.
 */

/** Whether an AuthProvider with this URL suffix exists. */
export async function authProviderExists(org: Pick<OrgPort, 'readMetadata'>, urlSuffix: string): Promise<boolean> {
  const [state] = await org.readMetadata([metadataRef('AuthProvider', urlSuffix)]);
  return state.exists;
}

/** The record Id of a named credential (what its consent URL's startURL names), or undefined when there is none. */
export async function namedCredentialId(
  org: Pick<OrgPort, 'query'>,
  developerName: string,
): Promise<string | undefined> {
  const rows = await org.query<{ Id: string }>(
    `SELECT Id FROM NamedCredential WHERE DeveloperName = ${soqlLiteral(developerName)}`,
  );
  return rows[0]?.Id;
}

/** The names among `names` that are not profiles of the org (profile names compare without case, as in Setup). */
export async function missingProfiles(org: Pick<OrgPort, 'query'>, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await org.query<{ Name: string }>(`SELECT Name FROM Profile WHERE Name IN (${soqlList(names)})`);
  const found = new Set(rows.map((r) => r.Name.toLowerCase()));
  return names.filter((n) => !found.has(n.toLowerCase()));
}

/** An app's OAuth consumer credentials, held as Secrets from the moment they arrive. */
export type AppCredentials = { consumerKey: Secret; consumerSecret: Secret };

/** An External Client App's OAuth consumer: the app's record id and its consumer's id (what the resources take). */
export type AppConsumer = { appId: string; consumerId: string };

/**
 * Why an app's key and secret could not be read: `not-listed`, the org lists no such External Client App or consumer
 * (not made, or not provisioned yet); `refused`, the org keeps them from its REST API (a setting, a permission).
 */
export type CredentialsProblem = 'not-listed' | 'refused';

/** How long to wait for a new app to appear: how many tries, and the pause between two. */
export type Wait = { tries: number; delayMs: number };
export const NO_WAIT: Wait = { tries: 1, delayMs: 0 };

const PROBLEMS: Record<CredentialsProblem, string> = {
  'not-listed': 'AppNotListedError',
  refused: 'SecretNotReadableError',
};

/** The problem an error of this module names, if it is one. */
export function credentialsProblem(error: unknown): CredentialsProblem | undefined {
  const problem = (error instanceof SfError ? (error.data as { problem?: string } | undefined) : undefined)?.problem;
  return problem === 'not-listed' || problem === 'refused' ? problem : undefined;
}

function problemError(problem: CredentialsProblem, app: string, cause?: SfError): SfError {
  const error = new SfError(
    messages.getMessage(`problem.${problem}`, [app, cause?.message ?? '']),
    PROBLEMS[problem],
    [],
    cause,
  );
  return error.setData({ problem, errorCode: errorCodeOf(cause) });
}

/**
 * What a failed credentials request means: not found (404) is `not-listed`; any other refusal or permission fault is
 * `refused` (the org keeps the app's credentials from the API: Salesforce publishes neither status nor words for it,
 * so its message is never parsed); anything else (a broken connection, a read not known yet) goes on as it is.
 */
function classified(error: unknown, app: string): unknown {
  if (!(error instanceof SfError)) return error;
  const { fault, errorCode } = (error.data ?? {}) as { fault?: string; errorCode?: string };
  if (errorCode === 'NOT_FOUND') return problemError('not-listed', app, error);
  return fault === 'permission' || fault === 'refused' ? problemError('refused', app, error) : error;
}

/** Asks `find` until it answers, at most `wait.tries` times, `wait.delayMs` apart (each later time asking anew). */
async function waitFor<T>(wait: Wait, find: (fresh: boolean) => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const found = await find(attempt > 1);
    if (found !== undefined || attempt >= wait.tries) return found;
    await sleep(wait.delayMs);
  }
}

/** The query of an External Client App's record id by its API name. */
export const externalClientAppIdQuery = (app: string): string =>
  `SELECT Id FROM ExternalClientApplication WHERE DeveloperName = ${soqlLiteral(app)}`;

/**
 * The External Client App's record id (`0xI…`), what the credentials resources take as the app's id, by SOQL on
 * ExternalClientApplication (plain SOQL, as public tools query it; the object is documented "for internal use only").
 * Needs no setting. Right after the app is made the org may not list it yet: `wait` tries again. A `not-listed`
 * SfError when it still does not.
 */
export async function externalClientAppId(
  org: Pick<OrgReads, 'query'>,
  app: string,
  wait: Wait = NO_WAIT,
): Promise<string> {
  const soql = externalClientAppIdQuery(app);
  const id = await waitFor(
    wait,
    async (fresh) => (await org.query<{ Id: string }>(soql, fresh ? { fresh } : undefined))[0]?.Id,
  );
  if (!id) throw problemError('not-listed', app);
  return id;
}

/** The app's first OAuth consumer (an app has one), or undefined while the org does not list it. */
async function consumerOf(
  org: Pick<OrgReads, 'restGet'>,
  app: string,
  appId: string,
  fresh: boolean,
): Promise<string | undefined> {
  try {
    const { consumers = [] } = await org.restGet<{ consumers?: Array<{ id?: string }> }>(
      `/apps/oauth/credentials/${appId}`,
      OAUTH_CREDENTIALS_API,
      fresh ? { fresh } : undefined,
    );
    return consumers[0]?.id;
  } catch (error) {
    const mapped = classified(error, app);
    if (credentialsProblem(mapped) === 'not-listed') return undefined;
    throw mapped;
  }
}

/**
 * The OAuth consumer of the External Client App `app`, found without the usage list (Connect REST lists there only
 * the apps "that have OAuth usage data": not an app made a minute ago): the app's record id (externalClientAppId),
 * then its consumers from `/apps/oauth/credentials/<appId>` (API 60.0+; the org must allow REST access to consumer
 * secrets). Right after the app is made the org may not list either yet: `wait` tries again, asking anew. Errors:
 * `not-listed`, `refused` (credentialsProblem), or the read's own.
 */
export async function appConsumer(
  org: Pick<OrgReads, 'query' | 'restGet'>,
  app: string,
  wait: Wait = NO_WAIT,
): Promise<AppConsumer> {
  const appId = await externalClientAppId(org, app, wait);
  const consumerId = await waitFor(wait, (fresh) => consumerOf(org, app, appId, fresh));
  if (!consumerId) throw problemError('not-listed', app);
  return { appId, consumerId };
}

/**
 * The consumer key and secret of an External Client App's consumer (`…/<appId>/<consumerId>?part=keyandsecret`).
 * The org must allow it ("Allow access to External Client App consumer secrets via REST API") and the user must
 * hold "View Client Secret"; otherwise a `refused` SfError.
 */
export async function readAppCredentials(
  org: Pick<OrgReads, 'restGet'>,
  app: string,
  consumer: AppConsumer,
): Promise<AppCredentials> {
  let value: { key?: string; secret?: string };
  try {
    value = await org.restGet<{ key?: string; secret?: string }>(
      `/apps/oauth/credentials/${consumer.appId}/${consumer.consumerId}?part=keyandsecret`,
      OAUTH_CREDENTIALS_API,
    );
  } catch (error) {
    throw classified(error, app);
  }
  // Wrapped at once: from here on the values print as a mask wherever they go.
  const consumerKey = new Secret(value.key ?? '');
  const consumerSecret = new Secret(value.secret ?? '');
  if (consumerKey.isEmpty || consumerSecret.isEmpty) throw problemError('refused', app);
  return { consumerKey, consumerSecret };
}

/**
 * The consumer key of the app as the org's metadata shows it, no secret and no REST setting needed: a Connected App's
 * `oauthConfig.consumerKey`, else an External Client App's global OAuth settings' `consumerKey` (its parts read by the
 * names `expected`, else found by their app). Undefined when neither says; a read that failed (or is not known yet, in
 * a read phase) rejects.
 */
export async function appConsumerKeyOrFail(
  org: Pick<OrgReads, 'readMetadata' | 'listMetadata'>,
  app: string,
  expected: ExpectedParts = {},
): Promise<Secret | undefined> {
  const [connectedApp] = await org.readMetadata([metadataRef('ConnectedApp', app)]);
  const fromConnectedApp = connectedApp.exists ? valueAt(connectedApp.fields, 'oauthConfig.consumerKey') : undefined;
  if (typeof fromConnectedApp === 'string' && fromConnectedApp) return new Secret(fromConnectedApp);
  if (connectedApp.exists) return undefined;
  const key = (await readExternalClientApp(org, app, expected)).parts.ExtlClntAppGlobalOauthSettings?.fields
    .consumerKey;
  return typeof key === 'string' && key ? new Secret(key) : undefined;
}

/** As appConsumerKeyOrFail, but undefined when the org does not say (no app, not readable): nothing is concluded. */
export async function appConsumerKey(
  org: Pick<OrgReads, 'readMetadata' | 'listMetadata'>,
  app: string,
  expected: ExpectedParts = {},
): Promise<Secret | undefined> {
  try {
    return await appConsumerKeyOrFail(org, app, expected);
  } catch {
    return undefined;
  }
}
