/*
 * The staged OAuth credentials of a local External Client App (Connect REST, API 65.0 and later; Salesforce Help "Stage,
 * Rotate, and Delete OAuth Credentials for an External Client App"): stage a new key and secret next to the current
 * ones, rotate (the staged pair becomes the app's; the former stays staged as Rotated, still valid), retire a staged
 * pair. The org must allow consumer secrets over REST, and the user needs "External Client App Developer" and "View
 * Client Secret". Keys and secrets are held as Secrets from the moment they arrive.
 */
import { SfError } from '@salesforce/core';
import { Secret } from '../model/secret.js';
import { errorCodeOf } from './answers.js';
import { appConsumer, credentialsProblem, type AppConsumer } from './credentials.js';
import type { OrgPort } from './port.js';

/** The staged resources exist from API 65.0 on (the read resources from 60.0). */
export const STAGED_CREDENTIALS_API = 65;

/** Active: staged next to the app's own; Rotated: the app's former pair after a rotation (valid until retired). */
export type StagedState = 'Active' | 'Rotated' | 'Expired';

export type StagedCredential = {
  id: string;
  state: StagedState;
  key: Secret;
  secret: Secret;
  /** When the org removes it by itself (30 days after it was staged). */
  expirationDate?: string;
};

type RawStaged = { id?: string; state?: string; key?: string; secret?: string; expirationDate?: string };
type Org = Pick<OrgPort, 'restGet' | 'restSend'>;

const base = (c: AppConsumer): string => `/apps/oauth/credentials/${c.appId}/${c.consumerId}/staged`;

function staged(raw: RawStaged | undefined): StagedCredential {
  if (!raw?.id || !raw.key || !raw.secret) throw new SfError('The org answered without a staged credential.');
  return {
    id: raw.id,
    state: (raw.state ?? 'Active') as StagedState,
    // Wrapped at once: from here on the values print as a mask wherever they go.
    key: new Secret(raw.key),
    secret: new Secret(raw.secret),
    ...(raw.expirationDate ? { expirationDate: raw.expirationDate } : {}),
  };
}

/**
 * The app's OAuth consumer (its id by SOQL, then the credentials list: credentials.ts appConsumer). Undefined when the
 * org lists no such External Client App or consumer.
 */
export async function findOAuthConsumer(
  org: Pick<OrgPort, 'query' | 'restGet'>,
  appDeveloperName: string,
): Promise<AppConsumer | undefined> {
  try {
    return await appConsumer(org, appDeveloperName);
  } catch (error) {
    if (credentialsProblem(error) === 'not-listed') return undefined;
    throw error;
  }
}

/** The consumer's staged credential, or undefined when none is staged (the resource answers 404). */
export async function readStagedCredential(org: Org, consumer: AppConsumer): Promise<StagedCredential | undefined> {
  try {
    const answer = await org.restGet<{ stagedCredentials?: RawStaged[] }>(base(consumer), STAGED_CREDENTIALS_API);
    return answer.stagedCredentials?.[0] ? staged(answer.stagedCredentials[0]) : undefined;
  } catch (error) {
    if (errorCodeOf(error) === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** Stages a new key and secret next to the app's own (both work from now on). */
export async function stageCredential(org: Org, consumer: AppConsumer): Promise<StagedCredential> {
  // No body is documented; an empty JSON object, as public clients send (without one the call may hang).
  const answer = await org.restSend<{ stagedCredentials?: RawStaged[] }>(
    'POST',
    base(consumer),
    {},
    STAGED_CREDENTIALS_API,
  );
  return staged(answer?.stagedCredentials?.[0]);
}

/** The staged pair becomes the app's; the app's former pair stays staged, Rotated, until retired. */
export async function rotateToStaged(org: Org, consumer: AppConsumer, stagedId: string): Promise<void> {
  await org.restSend('PATCH', `${base(consumer)}/${stagedId}`, { command: 'rotate' }, STAGED_CREDENTIALS_API);
}

/** Retires a staged pair at once; `gone` when the org no longer had it (retired by an earlier attempt, or expired). */
export async function retireStaged(org: Org, consumer: AppConsumer, stagedId: string): Promise<'retired' | 'gone'> {
  try {
    await org.restSend('DELETE', `${base(consumer)}/${stagedId}`, undefined, STAGED_CREDENTIALS_API);
    return 'retired';
  } catch (error) {
    if (errorCodeOf(error) === 'NOT_FOUND') return 'gone';
    throw error;
  }
}
