/*
 * ExtlClntAppGlobalOauthSettings: holds the External Client App's callback URL, consumer key and secret.
 *  - part of an existing External Client App;
 *  - key and secret chosen at creation only (8 to 256 alphanumerics, the key unique), else generated; an update that
 *    carries a different key, or any secret, is refused; an update keeps the stored ones;
 *  - the consumer secret is never returned by readMetadata.
 */
import { err, type MetadataRules } from '../metadata-store.js';
import type { MetadataRecord } from '../validate.js';
import { checkAppPart } from './external-client-app.js';
import { checkChosenCredentials, CONSUMER_KEY_ON_UPDATE_MESSAGE, generated } from './oauth-consumers.js';

export const ExtlClntAppGlobalOauthSettingsRules: MetadataRules = {
  type: 'ExtlClntAppGlobalOauthSettings',
  keyPrefix: '0xG',
  folder: 'extlClntAppGlobalOauthSets',
  suffix: 'ecaGlblOauth',
  secretFields: ['consumerSecret'],
  validateWrite({ incoming, existing, fullName, state }) {
    const errors = checkAppPart(state, 'ExtlClntAppGlobalOauthSettings', fullName, incoming);
    if (!existing) return [...errors, ...checkChosenCredentials(state, incoming.consumerKey, incoming.consumerSecret, { type: 'ExtlClntAppGlobalOauthSettings', fullName })];
    if (incoming.consumerKey !== undefined && incoming.consumerKey !== existing.record.consumerKey) {
      errors.push(err('FIELD_INTEGRITY_EXCEPTION', CONSUMER_KEY_ON_UPDATE_MESSAGE, ['consumerKey']));
    }
    if (incoming.consumerSecret !== undefined) errors.push(err('FIELD_INTEGRITY_EXCEPTION', 'You cannot provide a Consumer Secret', ['consumerSecret']));
    return errors;
  },
  toStore({ incoming, existing }): MetadataRecord {
    const record = structuredClone(incoming);
    record.consumerKey = existing?.record.consumerKey ?? incoming.consumerKey ?? generated(85);
    record.consumerSecret = existing?.record.consumerSecret ?? incoming.consumerSecret ?? generated(64);
    return record;
  },
};
