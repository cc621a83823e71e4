import type { Secret } from '../model/secret.js';
import type { FieldValue, Fields, MetadataComponent } from '../model/component.js';
import { eciCallbackUrl } from './eci-auth-provider.js';

/** Guide task "Set Up the Connected App": Connected App Name "ECI Connected App", API Name "ECI_Connected_App". */
export const ECI_CONNECTED_APP = { fullName: 'ECI_Connected_App', label: 'ECI Connected App' } as const;

/** The guide recommends giving Standard User and System Administrator access. */
export const DEFAULT_ECI_APP_PROFILES = ['System Administrator', 'Standard User'] as const;

/** Which kind of app holds the ECI OAuth client: the guide's Connected App, or its successor since Spring '26. */
export type EciAppKind = 'ConnectedApp' | 'ExternalClientApplication';

/**
 * The names of an External Client App's parts: a header and, per plugin, settings and policies files
 * (FACTS.md §2). The suffixes are those Setup gives them.
 */
export const ECI_EXTERNAL_CLIENT_APP = {
  header: ECI_CONNECTED_APP.fullName,
  oauthSettings: `${ECI_CONNECTED_APP.fullName}_oauth`,
  globalOauthSettings: `${ECI_CONNECTED_APP.fullName}_glbloauth`,
  oauthPolicies: `${ECI_CONNECTED_APP.fullName}_oauthPlcy`,
} as const;

/** The consumer key and secret the plugin chooses for a new app (never shown to anyone). */
export type ConsumerCredentials = { consumerKey: Secret; consumerSecret: Secret };

export type EciConnectedAppInputs = {
  contactEmail: string;
  profiles: readonly string[];
  myDomainUrl: string;
  /** Only when the app is created: the platform refuses a consumer key on update. */
  credentials?: ConsumerCredentials;
};

/** The org's current fields of the parts of the app, by fullName, so that the admin's additions are kept. */
export type CurrentAppFields = Readonly<Record<string, Fields | undefined>>;

/** OAuth scopes the guide selects: content, api, web, refresh_token/offline_access. */
const SCOPES = ['Content', 'Api', 'Web', 'RefreshToken'] as const;

const asText = (v: FieldValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The callback URL to have: the org's own `…/services/authcallback/ECI_Auth_Provider`. Callback URLs are one
 * per line; the admin's other lines stay, and a line for the same provider on another host (the guide's
 * `https://dummy_url/…` placeholder) is replaced.
 */
export function callbackUrlKeeping(current: string | undefined, desired: string): string {
  const lines = (current ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.includes(desired)) return current!;
  const provider = desired.slice(desired.indexOf('/services/authcallback/'));
  return [...lines.filter((l) => !l.endsWith(provider)), desired].join('\n');
}

/**
 * A comma-separated list (External Client App profiles, scopes) that contains `desired`: the current one when
 * it already does (whatever its order and spacing), else the current entries followed by the missing ones.
 */
export function commaListKeeping(current: string | undefined, desired: readonly string[]): string {
  const have = (current ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const missing = desired.filter((d) => !have.some((h) => h.toLowerCase() === d.toLowerCase()));
  if (missing.length === 0 && current !== undefined) return current;
  return [...have, ...missing].join(', ');
}

/** The guide's Connected App with its OAuth settings, policies and profiles (FACTS.md §1). */
export function eciConnectedApp(inputs: EciConnectedAppInputs, current?: Fields): MetadataComponent {
  const currentOauth = current?.oauthConfig as Fields | undefined;
  return {
    kind: 'metadata',
    type: 'ConnectedApp',
    fullName: ECI_CONNECTED_APP.fullName,
    label: 'ECI connected app',
    fields: {
      contactEmail: inputs.contactEmail,
      label: ECI_CONNECTED_APP.label,
      oauthConfig: {
        callbackUrl: callbackUrlKeeping(asText(currentOauth?.callbackUrl), eciCallbackUrl(inputs.myDomainUrl)),
        ...(inputs.credentials
          ? { consumerKey: inputs.credentials.consumerKey, consumerSecret: inputs.credentials.consumerSecret }
          : {}),
        isAdminApproved: true,
        isConsumerSecretOptional: false,
        isSecretRequiredForRefreshToken: true,
        scopes: [...SCOPES],
      },
      oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
      profileName: [...inputs.profiles],
    },
    createOnlyFields: ['oauthConfig.consumerKey', 'oauthConfig.consumerSecret'],
  };
}

/**
 * The same app as an External Client App: a header, OAuth settings (scopes), global OAuth settings (callback,
 * consumer key and secret) and OAuth policies (permitted users, IP relaxation, refresh token, profiles), in the
 * order they must be created. Enum spellings are the External Client App ones (`Bypass`, `SpecificLifetime`).
 */
export function eciExternalClientApp(inputs: EciConnectedAppInputs, current: CurrentAppFields = {}): MetadataComponent[] {
  const names = ECI_EXTERNAL_CLIENT_APP;
  const part = (type: string, fullName: string, label: string, fields: Fields, createOnlyFields?: string[]): MetadataComponent => ({
    kind: 'metadata',
    type,
    fullName,
    label,
    fields,
    ...(createOnlyFields ? { createOnlyFields } : {}),
  });
  const app = names.header;
  // The part holding the generated consumer key and secret goes last: if an earlier part is refused, the org
  // holds no credentials nobody has seen, and a re-run generates new ones (the secret is never stored anywhere).
  return [
    part('ExternalClientApplication', app, 'ECI external client app', {
      contactEmail: inputs.contactEmail,
      distributionState: 'Local',
      label: ECI_CONNECTED_APP.label,
    }),
    part('ExtlClntAppOauthSettings', names.oauthSettings, 'ECI external client app OAuth settings', {
      commaSeparatedOauthScopes: commaListKeeping(asText(current[names.oauthSettings]?.commaSeparatedOauthScopes), SCOPES),
      externalClientApplication: app,
      label: `${ECI_CONNECTED_APP.label} OAuth settings`,
    }),
    part('ExtlClntAppOauthConfigurablePolicies', names.oauthPolicies, 'ECI external client app OAuth policies', {
      commaSeparatedProfile: commaListKeeping(asText(current[names.oauthPolicies]?.commaSeparatedProfile), inputs.profiles),
      externalClientApplication: app,
      ipRelaxationPolicyType: 'Bypass',
      label: `${ECI_CONNECTED_APP.label} OAuth policies`,
      permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
      refreshTokenPolicyType: 'SpecificLifetime',
      refreshTokenValidityPeriod: 365,
      refreshTokenValidityUnit: 'Days',
    }),
    part(
      'ExtlClntAppGlobalOauthSettings',
      names.globalOauthSettings,
      'ECI external client app global OAuth settings',
      {
        callbackUrl: callbackUrlKeeping(asText(current[names.globalOauthSettings]?.callbackUrl), eciCallbackUrl(inputs.myDomainUrl)),
        ...(inputs.credentials ? { consumerKey: inputs.credentials.consumerKey, consumerSecret: inputs.credentials.consumerSecret } : {}),
        externalClientApplication: app,
        isConsumerSecretOptional: false,
        // The guide's Connected App does not require PKCE, and the Salesforce auth provider does not send it.
        isPkceRequired: false,
        isSecretRequiredForRefreshToken: true,
        label: `${ECI_CONNECTED_APP.label} global OAuth settings`,
      },
      ['consumerKey', 'consumerSecret']
    ),
  ];
}
