import { Messages } from '@salesforce/core';

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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A RingCentral server for another brand: an https origin. Plain http is accepted only on this machine's loopback
 * address (a local stand-in of RingCentral for tests and demos), where nothing crosses a network (as RFC 8252 §8.3
 * allows for OAuth); anywhere else the client secret would travel in clear text.
 */
export function validateServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw messages.createError('error.InvalidServer', [value]);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password) throw messages.createError('error.InvalidServer', [value]);
  return url.origin;
}
