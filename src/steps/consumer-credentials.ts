import { randomBytes } from 'node:crypto';
import { Secret } from '../model/secret.js';
import type { ConsumerCredentials } from '../guide/eci-connected-app.js';
import { CONSUMER_CREDENTIAL_LENGTH } from '../org/platform-rules.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bytes at or above this are dropped, so every character is equally likely (248 = 4 × 62). */
const UNBIASED_LIMIT = 248;

/** A cryptographically random alphanumeric string, as the platform accepts for a consumer key or secret. */
export function randomAlphanumeric(length: number): string {
  if (length < CONSUMER_CREDENTIAL_LENGTH.min || length > CONSUMER_CREDENTIAL_LENGTH.max) {
    throw new RangeError(
      `length must be within ${CONSUMER_CREDENTIAL_LENGTH.min} and ${CONSUMER_CREDENTIAL_LENGTH.max}`,
    );
  }
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * A consumer key and secret for a new ECI app, chosen by the plugin so that nobody has to copy them out of
 * Setup's email-verified "Manage Consumer Details" page. Lengths like the platform's own (key 85, secret 64).
 */
export function generateConsumerCredentials(): ConsumerCredentials {
  return { consumerKey: new Secret(randomAlphanumeric(85)), consumerSecret: new Secret(randomAlphanumeric(64)) };
}
