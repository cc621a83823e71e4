import { tmpdir } from 'node:os';
import { ConfigFile } from '@salesforce/core';
import { Secret } from '../model/secret.js';

/**
 * A value kept out of sight in a file the plugin writes (a consumer key in a backup): encrypted with the sf CLI's own
 * key, as sf stores its access tokens (the OS keychain, or the generic keychain file with SF_USE_GENERIC_UNIX_KEYCHAIN),
 * through @salesforce/core's ConfigFile, whose encrypted keys are the public way to that key. Readable again on a
 * machine holding the same key, by unseal; unreadable anywhere else. Nothing is written by these helpers themselves.
 */
class Sealer extends ConfigFile {
  protected static override encryptedKeys = ['value'];
}

/** A store that is never written: only its encryption is used. */
const sealer = (): Promise<Sealer> =>
  Sealer.create({ filename: 'eci-ringcentral-sealer.json', rootFolder: tmpdir(), isGlobal: false, isState: false });

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The secret, encrypted with the sf CLI's key. */
export async function seal(secret: Secret): Promise<string> {
  const store = await sealer();
  store.set('value', secret.reveal());
  return text(store.get('value'));
}

/** A sealed value read back (on a machine with the same sf key). */
export async function unseal(sealed: string): Promise<Secret> {
  const store = await sealer();
  store.set('value', sealed);
  return new Secret(text(store.get('value', true)));
}
