import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

/**
 * The one rule for an email address (and a Salesforce username, which must look like one): a local part, `@`, and a
 * dotted domain of letters, digits and hyphens; no spaces. Deliverability is the platform's to check when it mails.
 */
const EMAIL_ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Whether a value is an email address by the rule above, within a field's length (Salesforce's own limit). */
export const isEmailAddress = (value: string, maxLength: number): boolean =>
  value.length <= maxLength && EMAIL_ADDRESS.test(value);

/** Salesforce's field limits: User.Username 80, User.Email 128. */
const USERNAME_MAX = 80;
const EMAIL_MAX = 128;

export function validateUsername(value: string, flag: string): string {
  const username = value.trim();
  if (!isEmailAddress(username, USERNAME_MAX))
    throw messages.createError('error.InvalidUsername', [value, flag], [flag]);
  return username;
}

export function validateEmail(value: string): string {
  const email = value.trim();
  if (!isEmailAddress(email, EMAIL_MAX)) throw messages.createError('error.InvalidEmail', [value]);
  return email;
}

/** A username flag that may be left out: undefined stays undefined, a given value is checked. */
export const optionalUsername = (value: string | undefined, flag: string): string | undefined =>
  value === undefined ? undefined : validateUsername(value, flag);
