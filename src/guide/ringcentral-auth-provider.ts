import type { Secret } from '../model/secret.js';
import type { MetadataComponent } from '../model/component.js';
import { authCallbackUrl } from './callback-url.js';
import { ringCentralOAuthEndpoints, type RingCentralPlatform } from './ringcentral-environment.js';

/** Guide task "Add RingCentral as an Authorized Provider": Name "Ring Central", URL Suffix "Ring_Central". */
export const RINGCENTRAL_AUTH_PROVIDER = { fullName: 'Ring_Central', friendlyName: 'Ring Central' } as const;

export type RingCentralAuthProviderInputs = {
  /** The RingCentral app's client id (the auth provider's consumer key). */
  clientId: string;
  /** Needed to create the provider; an existing provider keeps its secret (the platform stores it write-once). */
  clientSecret?: Secret;
  platform: RingCentralPlatform;
};

/** The desired RingCentral auth provider, with every setting the guide lists. */
export function ringCentralAuthProvider(inputs: RingCentralAuthProviderInputs): MetadataComponent {
  const endpoints = ringCentralOAuthEndpoints(inputs.platform);
  return {
    kind: 'metadata',
    type: 'AuthProvider',
    fullName: RINGCENTRAL_AUTH_PROVIDER.fullName,
    label: 'RingCentral auth provider',
    fields: {
      authorizeUrl: endpoints.authorizeUrl,
      consumerKey: inputs.clientId,
      ...(inputs.clientSecret ? { consumerSecret: inputs.clientSecret } : {}),
      defaultScopes: 'ReadCallRecording',
      friendlyName: RINGCENTRAL_AUTH_PROVIDER.friendlyName,
      providerType: 'OpenIdConnect',
      sendAccessTokenInHeader: false,
      sendClientCredentialsInHeader: true,
      sendSecretInApis: true,
      tokenUrl: endpoints.tokenUrl,
      userInfoUrl: endpoints.userInfoUrl,
    },
  };
}

/** The URL the admin pastes into the RingCentral app's OAuth Redirect URI. */
export function ringCentralCallbackUrl(myDomainUrl: string): string {
  return authCallbackUrl(myDomainUrl, RINGCENTRAL_AUTH_PROVIDER.fullName);
}
