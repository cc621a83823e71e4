import type { Secret } from '../model/secret.js';
import type { MetadataComponent } from '../model/component.js';
import { authCallbackUrl } from './callback-url.js';

/** Guide task "Add ECI as an Authorized Provider": type Salesforce, Name "ECI Auth Provider", URL Suffix "ECI_Auth_Provider". */
export const ECI_AUTH_PROVIDER = { fullName: 'ECI_Auth_Provider', friendlyName: 'ECI Auth Provider' } as const;

export type EciAuthProviderInputs = {
  /**
   * The ECI connected app's consumer key. Held as a Secret like the consumer secret: Setup shows both only
   * after an email verification, so the plugin never prints either. Absent when an existing provider is kept as it is.
   */
  consumerKey?: Secret;
  /** Needed to create the provider; an existing provider keeps its secret (the platform stores it write-once). */
  consumerSecret?: Secret;
};

/**
 * The OAuth endpoints of the ECI auth provider: the org's own My Domain. Left blank, a Salesforce-type provider
 * signs in at login.salesforce.com, where a sandbox's app is unknown; the Mobile SDK guide ("Configure a Salesforce
 * Authentication Provider") allows a sandbox or company-specific custom domain here.
 */
export function eciOAuthEndpoints(myDomainUrl: string): { authorizeUrl: string; tokenUrl: string } {
  const origin = myDomainUrl.replace(/\/+$/, '');
  return { authorizeUrl: `${origin}/services/oauth2/authorize`, tokenUrl: `${origin}/services/oauth2/token` };
}

/**
 * The desired ECI auth provider, with the settings the guide lists, its endpoints on My Domain and
 * PKCE on (an External Client App may require it). Endpoints and PKCE are ordinary fields: an existing provider is
 * updated in place.
 */
export function eciAuthProvider(inputs: EciAuthProviderInputs, myDomainUrl: string): MetadataComponent {
  return {
    kind: 'metadata',
    type: 'AuthProvider',
    fullName: ECI_AUTH_PROVIDER.fullName,
    label: 'ECI auth provider',
    fields: {
      ...(inputs.consumerKey ? { consumerKey: inputs.consumerKey } : {}),
      ...(inputs.consumerSecret ? { consumerSecret: inputs.consumerSecret } : {}),
      ...eciOAuthEndpoints(myDomainUrl),
      friendlyName: ECI_AUTH_PROVIDER.friendlyName,
      isPkceEnabled: true,
      providerType: 'Salesforce',
    },
  };
}

/** The callback URL of the ECI auth provider: the ECI connected app's callback URL. */
export function eciCallbackUrl(myDomainUrl: string): string {
  return authCallbackUrl(myDomainUrl, ECI_AUTH_PROVIDER.fullName);
}
