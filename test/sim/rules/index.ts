/*
 * Registry of per-type metadata rule modules. A new type's rules: one file rules/<Type>.ts exporting a
 * MetadataRules object, plus one line here. Types in the WSDL table without rules get generic behaviour.
 */
import type { MetadataRules } from '../metadata-store.js';
import { AuthProviderRules } from './AuthProvider.js';
import { ConnectedAppRules } from './ConnectedApp.js';
import { CustomSiteRules } from './CustomSite.js';
import { ExternalClientApplicationRules } from './ExternalClientApplication.js';
import { ExtlClntAppConfigurablePoliciesRules } from './ExtlClntAppConfigurablePolicies.js';
import { ExtlClntAppGlobalOauthSettingsRules } from './ExtlClntAppGlobalOauthSettings.js';
import { ExtlClntAppOauthConfigurablePoliciesRules } from './ExtlClntAppOauthConfigurablePolicies.js';
import { ExtlClntAppOauthSettingsRules } from './ExtlClntAppOauthSettings.js';
import { NamedCredentialRules } from './NamedCredential.js';

export const METADATA_RULES: MetadataRules[] = [
  AuthProviderRules,
  NamedCredentialRules,
  ConnectedAppRules,
  ExternalClientApplicationRules,
  ExtlClntAppOauthSettingsRules,
  ExtlClntAppGlobalOauthSettingsRules,
  ExtlClntAppOauthConfigurablePoliciesRules,
  ExtlClntAppConfigurablePoliciesRules,
  CustomSiteRules,
];
