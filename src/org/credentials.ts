import { Messages } from '@salesforce/core';
import { Secret } from '../model/secret.js';
import { metadataRef } from '../model/component.js';
import type { OrgPort } from './port.js';
import { soqlList, soqlLiteral } from './soql.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

/**
 * Org reads of the credentials steps (named credentials, the ECI app, the ECI auth provider), all through
 * OrgPort: whether an auth provider exists, a named credential's Id, which profiles exist, and an app's
 * OAuth consumer key and secret from the Connect REST API.
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

/** The OAuth Credentials resources of Connect REST exist from API 60.0 on. */
const OAUTH_CREDENTIALS_API = 60;

type UsageApp = { developerName?: string; identifier?: string };
type Consumer = { id?: string };

/**
 * The consumer key and secret of a Connected App or External Client App, from Connect REST
 * (`/apps/oauth/usage` → `/apps/oauth/credentials/<app>` → `…/<consumer>?part=keyandsecret`). The org must allow
 * it (External Client App Settings: "Allow access to consumer secrets via REST API") and the user must be
 * allowed to view consumer secrets; otherwise an SfError says what to do.
 */
export async function readAppCredentials(
  org: Pick<OrgPort, 'restGet'>,
  appDeveloperName: string,
): Promise<AppCredentials> {
  const fail = (cause: string): Error =>
    messages.createError('error.CredentialsUnavailable', [appDeveloperName, cause]);
  const consumer = await consumerPath(org, appDeveloperName, fail);
  let value: { key?: string; secret?: string };
  try {
    value = await org.restGet<{ key?: string; secret?: string }>(
      `${consumer}?part=keyandsecret`,
      OAUTH_CREDENTIALS_API,
    );
  } catch (error) {
    const text = (error as Error).message;
    // Refused (403 FUNCTIONALITY_NOT_ENABLED, "not currently enabled", no access): the org keeps the secret from the API.
    const refused = /FUNCTIONALITY_NOT_ENABLED|not (currently )?enabled|INSUFFICIENT_ACCESS|forbidden/i.test(
      `${(error as { errorCode?: string }).errorCode ?? ''} ${text}`,
    );
    throw fail(refused ? messages.getMessage('cause.SecretNotReadable', [text]) : text);
  }
  // Wrapped at once: from here on the values print as a mask wherever they go.
  const consumerKey = new Secret(value.key ?? '');
  const consumerSecret = new Secret(value.secret ?? '');
  if (consumerKey.isEmpty || consumerSecret.isEmpty) throw fail(messages.getMessage('cause.NoSecret'));
  return { consumerKey, consumerSecret };
}

/** `/apps/oauth/credentials/<app>/<consumer>`: the app's OAuth consumer, found through `/apps/oauth/usage`. */
async function consumerPath(
  org: Pick<OrgPort, 'restGet'>,
  appDeveloperName: string,
  fail: (cause: string) => Error,
): Promise<string> {
  let apps: UsageApp[];
  try {
    apps = (await org.restGet<{ apps?: UsageApp[] }>('/apps/oauth/usage', OAUTH_CREDENTIALS_API)).apps ?? [];
  } catch (error) {
    throw fail((error as Error).message);
  }
  const app = apps.find((a) => a.developerName === appDeveloperName);
  if (!app?.identifier) throw fail(messages.getMessage('cause.AppNotListed'));
  try {
    const { consumers = [] } = await org.restGet<{ consumers?: Consumer[] }>(
      `/apps/oauth/credentials/${app.identifier}`,
      OAUTH_CREDENTIALS_API,
    );
    if (!consumers[0]?.id) throw new Error(messages.getMessage('cause.NoConsumer'));
    return `/apps/oauth/credentials/${app.identifier}/${consumers[0].id}`;
  } catch (error) {
    throw fail((error as Error).message);
  }
}

/**
 * The consumer key of the app (no secret: a key is shown to whoever may see the app), or undefined when the org does
 * not say (not listed yet, no access): then nothing can be concluded from it.
 */
export async function readAppConsumerKey(
  org: Pick<OrgPort, 'restGet'>,
  appDeveloperName: string,
): Promise<Secret | undefined> {
  try {
    return await readAppConsumerKeyOrFail(org, appDeveloperName);
  } catch {
    return undefined;
  }
}

/** As readAppConsumerKey, but a read that failed (or is not known yet, in a read phase) rejects. */
export async function readAppConsumerKeyOrFail(
  org: Pick<OrgPort, 'restGet'>,
  appDeveloperName: string,
): Promise<Secret | undefined> {
  const consumer = await consumerPath(org, appDeveloperName, (cause) => new Error(cause));
  const { key } = await org.restGet<{ key?: string }>(`${consumer}?part=key`, OAUTH_CREDENTIALS_API);
  return key ? new Secret(key) : undefined;
}
