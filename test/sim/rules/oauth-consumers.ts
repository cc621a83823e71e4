/*
 * Consumer keys and secrets shared by ConnectedApp and ExtlClntAppGlobalOauthSettings (FACTS §2): the caller may
 * choose them at creation only, 8 to 256 alphanumerics, the key unique; otherwise the platform generates them.
 */
import { randomBytes } from 'node:crypto';
import { err } from '../metadata-store.js';
import type { ComponentError, SimState } from '../types.js';

export const CONSUMER_KEY_ON_UPDATE_MESSAGE = 'You cannot provide a Consumer Key';
export const CONSUMER_KEY_TAKEN_MESSAGE = 'The consumer key is already taken.';

const ALNUM_8_256 = /^[A-Za-z0-9]{8,256}$/;

/** Errors of a chosen key and secret on create (undefined values are fine: the platform generates them). */
export function checkChosenCredentials(
  state: SimState,
  key: unknown,
  secret: unknown,
  owner: { type: string; fullName: string },
): ComponentError[] {
  const errors: ComponentError[] = [];
  if (key !== undefined && !(typeof key === 'string' && ALNUM_8_256.test(key))) {
    errors.push(
      err('FIELD_INTEGRITY_EXCEPTION', 'Consumer Key: must be 8 to 256 alphanumeric characters', ['consumerKey']),
    );
  } else if (
    typeof key === 'string' &&
    consumerKeyOwners(state).some(
      (o) => o.key === key && !(o.type === owner.type && o.fullName.toLowerCase() === owner.fullName.toLowerCase()),
    )
  ) {
    errors.push(err('DUPLICATE_VALUE', CONSUMER_KEY_TAKEN_MESSAGE, ['consumerKey']));
  }
  if (secret !== undefined && !(typeof secret === 'string' && ALNUM_8_256.test(secret))) {
    errors.push(
      err('FIELD_INTEGRITY_EXCEPTION', 'Consumer Secret: must be 8 to 256 alphanumeric characters', ['consumerSecret']),
    );
  }
  return errors;
}

/** A key or secret as the platform generates one. */
export function generated(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Every OAuth consumer of the org: its key, secret and the component that holds them. */
export function consumerKeyOwners(
  state: SimState,
): Array<{ type: string; fullName: string; id: string; app: string; key?: string; secret?: string }> {
  const fromConnectedApps = state.metadata.list('ConnectedApp').map((c) => {
    const oauth = (c.record.oauthConfig ?? {}) as Record<string, unknown>;
    return {
      type: c.type,
      fullName: c.fullName,
      id: c.id,
      app: c.fullName,
      key: oauth.consumerKey as string | undefined,
      secret: oauth.consumerSecret as string | undefined,
    };
  });
  const fromExternalApps = state.metadata.list('ExtlClntAppGlobalOauthSettings').map((c) => ({
    type: c.type,
    fullName: c.fullName,
    id: c.id,
    app: String(c.record.externalClientApplication),
    key: c.record.consumerKey as string | undefined,
    secret: c.record.consumerSecret as string | undefined,
  }));
  return [...fromConnectedApps, ...fromExternalApps];
}
