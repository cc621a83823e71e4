/*
 * ExtlClntAppGlobalOauthSettings: holds the External Client App's callback URL, consumer key and secret.
 *  - part of an External Client App (deploy only) that has OAuth settings (ExtlClntAppOauthSettings, in the org or
 *    earlier in the same deploy): alone it fails, "doesn't have a valid OAuth settings configuration" (FACTS §5);
 *  - key and secret chosen at creation only (8 to 256 alphanumerics, the key unique), else generated; an update that
 *    carries a different key, or any secret, is refused (strict reading); an update keeps the stored ones;
 *  - settings.orgKeepsOwnConsumerSecret (default true, the stricter reading of the public report in FACTS §5): a
 *    consumerSecret deployed with a new part is ignored and the org generates its own 64-character secret (the key
 *    sent is kept, or generated when absent); off, the secret sent is stored. Seeds store what they give;
 *  - the consumer secret is never returned by readMetadata (tests see it with getMetadata includeSecrets, or
 *    org.consumerCredentials(app); the Connect REST credentials API gives it only with clientSecretInRestApiAccess).
 */
import { err, type MetadataRules } from '../metadata-store.js';
import type { MetadataRecord } from '../validate.js';
import { partErrors, partsOf } from './external-client-app.js';
import { checkChosenCredentials, CONSUMER_KEY_ON_UPDATE_MESSAGE, generated } from './oauth-consumers.js';

export const NO_OAUTH_SETTINGS_MESSAGE = (app: string): string =>
  `The external client app ${app} doesn't have a valid OAuth settings configuration. Add its ExtlClntAppOauthSettings first (in the same deploy or before).`;

export const ExtlClntAppGlobalOauthSettingsRules: MetadataRules = {
  type: 'ExtlClntAppGlobalOauthSettings',
  keyPrefix: '0xG',
  folder: 'extlClntAppGlobalOauthSets',
  suffix: 'ecaGlblOauth',
  secretFields: ['consumerSecret'],
  validateWrite(ctx) {
    const { incoming, existing, fullName, state } = ctx;
    const errors = partErrors(ctx);
    if (errors.length) return errors;
    const app = String(incoming.externalClientApplication);
    if (partsOf(state, 'ExtlClntAppOauthSettings', app).length === 0) {
      return [err('FIELD_INTEGRITY_EXCEPTION', NO_OAUTH_SETTINGS_MESSAGE(app), ['externalClientApplication'])];
    }
    if (!existing)
      return checkChosenCredentials(state, incoming.consumerKey, incoming.consumerSecret, {
        type: 'ExtlClntAppGlobalOauthSettings',
        fullName,
      });
    if (incoming.consumerKey !== undefined && incoming.consumerKey !== existing.record.consumerKey) {
      errors.push(err('FIELD_INTEGRITY_EXCEPTION', CONSUMER_KEY_ON_UPDATE_MESSAGE, ['consumerKey']));
    }
    if (incoming.consumerSecret !== undefined)
      errors.push(err('FIELD_INTEGRITY_EXCEPTION', 'You cannot provide a Consumer Secret', ['consumerSecret']));
    return errors;
  },
  toStore({ incoming, existing, state, via }): MetadataRecord {
    const record = structuredClone(incoming);
    const orgSecret = via === 'deploy' && state.settings.orgKeepsOwnConsumerSecret !== false;
    record.consumerKey = existing?.record.consumerKey ?? incoming.consumerKey ?? generated(85);
    record.consumerSecret =
      existing?.record.consumerSecret ?? (orgSecret ? undefined : incoming.consumerSecret) ?? generated(64);
    return record;
  },
};
