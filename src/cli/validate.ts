import { Messages } from '@salesforce/core';
import { isSecretSafeUrl } from '../model/secure-url.js';
import { URL_PATH_PREFIX } from '../guide/voice-connector-site.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** RingCentral client ids (and Salesforce consumer keys) are letters, digits, `-` and `_`. */
export function validateClientId(value: string | undefined, flag = 'client-id'): string {
  const id = value ?? '';
  if (!/^[A-Za-z0-9_-]+$/.test(id)) {
    throw messages.createError('error.InvalidClientId', [id.length ? JSON.stringify(id) : 'an empty value'], [flag]);
  }
  return id;
}

/**
 * A RingCentral server for another brand: an https origin (plain http only on this machine's loopback, see
 * isSecretSafeUrl): anywhere else the client secret would travel in clear text.
 */
export function validateServerUrl(value: string): string {
  if (!isSecretSafeUrl(value)) throw messages.createError('error.InvalidServer', [value]);
  return new URL(value).origin;
}

/**
 * Permission set API names from a repeatable flag (`--permission-set`), trimmed. An empty or blank value is refused,
 * never silently dropped: it would otherwise turn "these sets" into "the guide's sets".
 */
export function permissionSetNames(values: readonly string[] | undefined, flag = 'permission-set'): string[] {
  return (values ?? []).map((raw) => {
    const name = raw.trim();
    if (!name) throw messages.createError('error.EmptyFlagValue', [flag], [flag]);
    return name;
  });
}

/** A free-text flag (a first or last name), trimmed; blank counts as not given. */
export const optionalText = (value: string | undefined): string | undefined => value?.trim() || undefined;

/**
 * A site URL path prefix (`--url-path-prefix`): letters, digits and underscores, as Salesforce accepts it; a leading
 * "/" (as Setup shows the site's URL) is dropped. Undefined when the flag was not given.
 */
export function optionalUrlPathPrefix(value: string | undefined, flag = 'url-path-prefix'): string | undefined {
  if (value === undefined) return undefined;
  const prefix = value.trim().replace(/^\/+/, '');
  if (!URL_PATH_PREFIX.test(prefix)) throw messages.createError('error.InvalidUrlPathPrefix', [prefix.length ? JSON.stringify(prefix) : 'an empty value', flag], [flag]);
  return prefix;
}
