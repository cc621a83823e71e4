import { Messages } from '@salesforce/core';
import type { NamedCredentialProvider } from '../guide/named-credentials.js';
import type { EciAppType } from '../steps/eci-connected-app.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

export const PROVIDERS: readonly NamedCredentialProvider[] = ['ringcentral', 'eci'];
export const APP_TYPES: readonly EciAppType[] = ['auto', 'connected-app', 'external-client-app'];

/** `ringcentral` or `eci`, exactly (the value names one of the guide's two providers). */
export function validateProvider(value: string | undefined): NamedCredentialProvider {
  const provider = PROVIDERS.find((p) => p === value);
  if (!provider) throw messages.createError('error.InvalidProvider', [JSON.stringify(value ?? '')]);
  return provider;
}

export function validateAppType(value: string | undefined): EciAppType {
  const type = APP_TYPES.find((t) => t === value);
  if (!type) throw messages.createError('error.InvalidAppType', [JSON.stringify(value ?? '')]);
  return type;
}

/**
 * A contact email Salesforce accepts on a Connected App: one address, local part and a dotted domain, no
 * spaces. Kept deliberately plain: the platform checks deliverability by itself when it sends mail.
 */
export function validateContactEmail(value: string | undefined): string {
  const email = (value ?? '').trim();
  if (email.length > 80 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(email)) {
    throw messages.createError('error.InvalidContactEmail', [JSON.stringify(value ?? '')]);
  }
  return email;
}

/** Profile names as given (repeatable flag), trimmed and without duplicates; an empty name is refused. */
export function validateProfiles(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const name = raw.trim();
    if (!name) throw messages.createError('error.EmptyProfile');
    if (!out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out;
}
