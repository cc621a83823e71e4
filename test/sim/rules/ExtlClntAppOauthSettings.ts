/* ExtlClntAppOauthSettings: part of an existing External Client App; its scopes are ConnectedAppOauthAccessScope names. */
import { err, type MetadataRules } from '../metadata-store.js';
import { WSDL } from '../validate.js';
import { checkAppPart, commaList } from './external-client-app.js';

const SCOPES = new Set(WSDL.simpleTypes.ConnectedAppOauthAccessScope?.enum ?? []);

export const ExtlClntAppOauthSettingsRules: MetadataRules = {
  type: 'ExtlClntAppOauthSettings',
  keyPrefix: '0xO',
  folder: 'extlClntAppOauthSettings',
  suffix: 'ecaOauth',
  validateWrite({ incoming, fullName, state }) {
    const errors = checkAppPart(state, 'ExtlClntAppOauthSettings', fullName, incoming);
    for (const scope of commaList(incoming.commaSeparatedOauthScopes)) {
      if (!SCOPES.has(scope)) errors.push(err('FIELD_INTEGRITY_EXCEPTION', `'${scope}' is not a valid OAuth scope`, ['commaSeparatedOauthScopes']));
    }
    return errors;
  },
};
