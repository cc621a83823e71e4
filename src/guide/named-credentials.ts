import type { MetadataComponent } from '../model/component.js';
import { ECI_AUTH_PROVIDER } from './eci-auth-provider.js';
import { RINGCENTRAL_AUTH_PROVIDER } from './ringcentral-auth-provider.js';
import type { RingCentralPlatform } from './ringcentral-environment.js';

/** Guide task "Add RingCentral Named Credentials": Label "Ring Central", Name "Ring_Central". */
export const RINGCENTRAL_NAMED_CREDENTIAL = { fullName: 'Ring_Central', label: 'Ring Central' } as const;

/** Guide task "Add ECI Named Credentials": Label "ECI Named Credential", Name "ECI_Named_Credential". */
export const ECI_NAMED_CREDENTIAL = { fullName: 'ECI_Named_Credential', label: 'ECI Named Credential' } as const;

/** Which of the guide's two named credentials. */
export type NamedCredentialProvider = 'ringcentral' | 'eci';

type LegacyOAuthCredential = {
  fullName: string;
  label: string;
  what: string;
  endpoint: string;
  authProvider: string;
  oauthScope: string;
};

/**
 * A legacy named credential with a Named Principal and OAuth 2.0, as the guide's "New Legacy" form makes it.
 * Since API 56 the legacy fields are accepted only with namedCredentialType Legacy.
 */
function legacyOAuthCredential(c: LegacyOAuthCredential): MetadataComponent {
  return {
    kind: 'metadata',
    type: 'NamedCredential',
    fullName: c.fullName,
    label: c.what,
    fields: {
      authProvider: c.authProvider,
      endpoint: c.endpoint,
      generateAuthorizationHeader: true,
      label: c.label,
      namedCredentialType: 'Legacy',
      oauthScope: c.oauthScope,
      principalType: 'NamedUser',
      protocol: 'Oauth',
    },
  };
}

/** The RingCentral named credential: its URL is the platform the RingCentral app lives on. */
export function ringCentralNamedCredential(platform: RingCentralPlatform): MetadataComponent {
  return legacyOAuthCredential({
    ...RINGCENTRAL_NAMED_CREDENTIAL,
    what: 'RingCentral named credential',
    endpoint: platform.server,
    authProvider: RINGCENTRAL_AUTH_PROVIDER.fullName,
    oauthScope: 'ReadCallRecording',
  });
}

/** The ECI named credential: its URL is the org's own My Domain, with the trailing slash the guide shows. */
export function eciNamedCredential(myDomainUrl: string): MetadataComponent {
  return legacyOAuthCredential({
    ...ECI_NAMED_CREDENTIAL,
    what: 'ECI named credential',
    endpoint: `${myDomainUrl.replace(/\/+$/, '')}/`,
    authProvider: ECI_AUTH_PROVIDER.fullName,
    oauthScope: 'refresh_token web api content',
  });
}

/** The auth provider (URL suffix) a named credential of the guide signs in with. */
export function authProviderOf(provider: NamedCredentialProvider): { fullName: string; friendlyName: string } {
  return provider === 'ringcentral' ? RINGCENTRAL_AUTH_PROVIDER : ECI_AUTH_PROVIDER;
}

/**
 * The URL that starts the OAuth consent of a legacy named credential, as "Start Authentication Flow on Save"
 * does (no API can): `/services/auth/xds/<OrgId>/<AuthProvider suffix>?startURL=/<NamedCredential Id>&scope=<scope>`.
 * The scope is the credential's own (URL-encoded), as Setup's link carries it: without it the consent asks the
 * provider for its default scopes only.
 */
export function namedCredentialConsentUrl(
  myDomainUrl: string,
  orgId: string,
  authProviderSuffix: string,
  namedCredentialId: string,
  scope?: string,
): string {
  const base = `${myDomainUrl.replace(/\/+$/, '')}/services/auth/xds/${orgId}/${authProviderSuffix}?startURL=/${namedCredentialId}`;
  return scope?.trim() ? `${base}&scope=${encodeURIComponent(scope.trim())}` : base;
}
