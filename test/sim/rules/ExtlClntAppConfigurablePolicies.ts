/*
 * ExtlClntAppConfigurablePolicies: which plugins (OAuth, SAML, canvas …) of an External Client App are on.
 *  - part of an External Client App (deploy only), at most one per app;
 *  - isEnabled is required (WSDL); the org generates `<App>_defaultPolicy` when a deploy makes an app without one
 *    (external-client-app.ts completeApps).
 */
import type { MetadataRules } from '../metadata-store.js';
import { partErrors } from './external-client-app.js';

export const ExtlClntAppConfigurablePoliciesRules: MetadataRules = {
  type: 'ExtlClntAppConfigurablePolicies',
  keyPrefix: '0xC',
  folder: 'extlClntAppPolicies',
  suffix: 'ecaPlcy',
  validateWrite: (ctx) => partErrors(ctx),
};
