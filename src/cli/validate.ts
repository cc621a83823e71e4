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

/** Flags whose values are the plugin's own choices or oclif's to check (an org, an option list, a folder). */
const NOT_CHECKED = new Set(['target-org', 'api-version', 'flags-dir', 'environment', 'provider', 'app-type']);

/**
 * Salesforce's own field limits for the values the flags become (User.Username 80, User.Email 128, User.FirstName 40,
 * User.LastName 80, ConnectedApp.contactEmail 80, PermissionSet.Name 80, Profile.Name 255); other text 255.
 */
const FLAG_MAX_LENGTH: Readonly<Record<string, number>> = {
  'client-id': 256,
  server: 2048,
  'contact-email': 80,
  email: 128,
  'integration-email': 128,
  username: 80,
  'integration-username': 80,
  'site-contact': 80,
  'record-owner': 80,
  'first-name': 40,
  'integration-first-name': 40,
  'last-name': 80,
  'integration-last-name': 80,
  'permission-set': 80,
  'guest-permission-set': 80,
  'integration-permission-set': 80,
  profile: 255,
  'output-dir': 4096,
  'my-domain': 2048,
};

/**
 * Every text flag a command was given, checked once before the first call to the org: an empty or blank value is
 * refused (never silently taken for "not given"), and so is one with a line break or longer than Salesforce keeps. Runs after the
 * command's own checks, so that a value with a more precise error (a malformed email) gets that one.
 */
export function checkFlagValues(flags: Readonly<Record<string, unknown>>): void {
  for (const [flag, value] of Object.entries(flags)) {
    if (NOT_CHECKED.has(flag)) continue;
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue;
      if (text.trim().length === 0) throw messages.createError('error.EmptyFlagValue', [flag], [flag]);
      // No name, address or URL of this guide holds a line break or another control character.
      if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
        throw messages.createError('error.FlagValueControlCharacter', [flag], [flag]);
      const max = FLAG_MAX_LENGTH[flag] ?? 255;
      if (text.length > max) throw messages.createError('error.FlagValueTooLong', [flag, text.length, max], [flag]);
    }
  }
}

/**
 * A site URL path prefix (`--url-path-prefix`): letters, digits and underscores, as Salesforce accepts it; a leading
 * "/" (as Setup shows the site's URL) is dropped. Undefined when the flag was not given.
 */
export function optionalUrlPathPrefix(value: string | undefined, flag = 'url-path-prefix'): string | undefined {
  if (value === undefined) return undefined;
  const prefix = value.trim().replace(/^\/+/, '');
  if (!URL_PATH_PREFIX.test(prefix))
    throw messages.createError(
      'error.InvalidUrlPathPrefix',
      [prefix.length ? JSON.stringify(prefix) : 'an empty value', flag],
      [flag],
    );
  return prefix;
}
