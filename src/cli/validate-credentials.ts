import { Messages } from '@salesforce/core';
import type { NamedCredentialProvider } from '../guide/named-credentials.js';
import type { EciAppType } from '../steps/eci-connected-app.js';
import { isEmailAddress } from './validate-users.js';

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
  if (!type) throw messages.createError('error.AppTypeUnknown', [JSON.stringify(value ?? '')]);
  return type;
}

/** The contact email of the ECI app: one address (the one rule of isEmailAddress). */
export function validateContactEmail(value: string | undefined): string {
  const email = (value ?? '').trim();
  // ConnectedApp.contactEmail holds 80 characters.
  if (!isEmailAddress(email, 80)) {
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
