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

/** A RingCentral server for another brand: an https origin. */
export function validateServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw messages.createError('error.InvalidServer', [value]);
  }
  if (url.protocol !== 'https:' || url.username || url.password) throw messages.createError('error.InvalidServer', [value]);
  return url.origin;
}
