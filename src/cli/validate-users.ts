import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

// Salesforce usernames and emails: local@domain.tld, no spaces; checked before any call to the org.
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateUsername(value: string, flag: string): string {
  const username = value.trim();
  if (!EMAIL_LIKE.test(username) || username.length > 80) throw messages.createError('error.InvalidUsername', [value, flag], [flag]);
  return username;
}

export function validateEmail(value: string): string {
  const email = value.trim();
  if (!EMAIL_LIKE.test(email)) throw messages.createError('error.InvalidEmail', [value]);
  return email;
}
