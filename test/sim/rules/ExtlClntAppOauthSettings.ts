/* ExtlClntAppOauthSettings: part of an External Client App (deploy only); its scopes are ConnectedAppOauthAccessScope names. */
import { err, type MetadataRules } from '../metadata-store.js';
import { WSDL } from '../validate.js';
import { commaList, partErrors } from './external-client-app.js';

const SCOPES = new Set(WSDL.simpleTypes.ConnectedAppOauthAccessScope?.enum ?? []);

export const ExtlClntAppOauthSettingsRules: MetadataRules = {
  type: 'ExtlClntAppOauthSettings',
  keyPrefix: '0xO',
  folder: 'extlClntAppOauthSettings',
  suffix: 'ecaOauth',
  validateWrite(ctx) {
    const errors = partErrors(ctx);
    if (errors.length) return errors;
    const { incoming } = ctx;
    for (const scope of commaList(incoming.commaSeparatedOauthScopes)) {
      if (!SCOPES.has(scope))
        errors.push(
          err('FIELD_INTEGRITY_EXCEPTION', `'${scope}' is not a valid OAuth scope`, ['commaSeparatedOauthScopes']),
        );
    }
    return errors;
  },
};
