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
 * The names the plugin gives the parts of a new External Client App: a header and, per plugin, settings and policies
 * files. An app made in Setup, or parts the org generated on deploy, carry other names: an existing
 * part keeps its own (CurrentExternalClientApp), so an app never gets a second part of a type.
 */
export const ECI_EXTERNAL_CLIENT_APP = {
  header: ECI_CONNECTED_APP.fullName,
  oauthSettings: `${ECI_CONNECTED_APP.fullName}_oauth`,
  globalOauthSettings: `${ECI_CONNECTED_APP.fullName}_glbloauth`,
  oauthPolicies: `${ECI_CONNECTED_APP.fullName}_oauthPlcy`,
  policies: `${ECI_CONNECTED_APP.fullName}_plcy`,
} as const;

/** The types of an External Client App's parts, each naming the app in its `externalClientApplication` field. */
export type EciAppPartType =
  | 'ExtlClntAppOauthSettings'
  | 'ExtlClntAppGlobalOauthSettings'
  | 'ExtlClntAppOauthConfigurablePolicies'
  | 'ExtlClntAppConfigurablePolicies';

/** What the org has of the External Client App: the header's fields and each part it has, under its own name. */
export type CurrentExternalClientApp = {
  header?: Fields;
  parts?: Partial<Record<EciAppPartType, { fullName: string; fields: Fields }>>;
};

/** The consumer key and secret the plugin chooses for a new app (never shown to anyone). */
export type ConsumerCredentials = { consumerKey: Secret; consumerSecret: Secret };

export type EciConnectedAppInputs = {
  contactEmail: string;
  profiles: readonly string[];
  myDomainUrl: string;
  /** Only when the app is created: the platform refuses a consumer key on update. */
  credentials?: ConsumerCredentials;
};

/** OAuth scopes the guide selects: content, api, web, refresh_token/offline_access. */
const SCOPES = ['Content', 'Api', 'Web', 'RefreshToken'] as const;

const asText = (v: FieldValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The callback URL to have: the org's own `…/services/authcallback/ECI_Auth_Provider`. Callback URLs are one
 * per line; the admin's other lines stay, and a line for the same provider on another host (the guide's
 * `https://dummy_url/…` placeholder) is replaced.
 */
export function callbackUrlKeeping(current: string | undefined, desired: string): string {
  const lines = (current ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.includes(desired)) return current!;
  const provider = desired.slice(desired.indexOf('/services/authcallback/'));
  return [...lines.filter((l) => !l.endsWith(provider)), desired].join('\n');
}

/**
 * A comma-separated list (External Client App profiles, scopes) that contains `desired`: the current one when
 * it already does (whatever its order and spacing), else the current entries followed by the missing ones.
 */
export function commaListKeeping(current: string | undefined, desired: readonly string[]): string {
  const have = (current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const missing = desired.filter((d) => !have.some((h) => h.toLowerCase() === d.toLowerCase()));
  if (missing.length === 0 && current !== undefined) return current;
  return [...have, ...missing].join(', ');
}

/** The guide's Connected App with its OAuth settings, policies and profiles. */
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
 * The same app as an External Client App, all five parts for one deploy: the header, OAuth settings (scopes), global
 * OAuth settings (callback URL), OAuth policies (permitted users, IP relaxation, refresh token, profiles) and the
 * configurable policies that turn the OAuth plugin on (sfdx-hardis deploys all five; without the last the org makes a
 * default one). Enum spellings are the External Client App ones (`Bypass`, `SpecificLifetime`).
 *
 * No consumer key or secret: the org may ignore a consumerSecret deployed in the global OAuth settings and keep one of
 * its own (public sources disagree: docs/fidelity-sources.md, Q3). A secret the plugin sent could then differ from the one the
 * org holds, and the ECI auth provider would be given a wrong one. So nothing secret is sent: the org generates the key
 * and secret, and the step reads them back from the org (Connect REST OAuth credentials) for the ECI auth provider.
 * Existing parts keep their names; a part's label is sent when it is created only (parts made in Setup have none).
 */
export function eciExternalClientApp(
  inputs: EciConnectedAppInputs,
  current: CurrentExternalClientApp = {},
): MetadataComponent[] {
  const app = ECI_EXTERNAL_CLIENT_APP.header;
  const parts = current.parts ?? {};
  const part = (type: EciAppPartType, defaultName: string, label: string, fields: Fields): MetadataComponent => ({
    kind: 'metadata',
    type,
    fullName: parts[type]?.fullName ?? defaultName,
    label,
    fields: { ...fields, externalClientApplication: app },
    createOnlyFields: ['label'],
  });
  const have = (type: EciAppPartType, field: string): string | undefined => asText(parts[type]?.fields[field]);
  return [
    {
      kind: 'metadata',
      type: 'ExternalClientApplication',
      fullName: app,
      label: 'ECI external client app',
      fields: { contactEmail: inputs.contactEmail, distributionState: 'Local', label: ECI_CONNECTED_APP.label },
    },
    part('ExtlClntAppOauthSettings', ECI_EXTERNAL_CLIENT_APP.oauthSettings, 'ECI external client app OAuth settings', {
      commaSeparatedOauthScopes: commaListKeeping(
        have('ExtlClntAppOauthSettings', 'commaSeparatedOauthScopes'),
        SCOPES,
      ),
      label: `${ECI_CONNECTED_APP.label} OAuth settings`,
    }),
    part(
      'ExtlClntAppGlobalOauthSettings',
      ECI_EXTERNAL_CLIENT_APP.globalOauthSettings,
      'ECI external client app global OAuth settings',
      {
        callbackUrl: callbackUrlKeeping(
          have('ExtlClntAppGlobalOauthSettings', 'callbackUrl'),
          eciCallbackUrl(inputs.myDomainUrl),
        ),
        isConsumerSecretOptional: false,
        // The guide's Connected App does not require PKCE, and the Salesforce auth provider does not send it.
        isPkceRequired: false,
        isSecretRequiredForRefreshToken: true,
        label: `${ECI_CONNECTED_APP.label} global OAuth settings`,
      },
    ),
    part(
      'ExtlClntAppOauthConfigurablePolicies',
      ECI_EXTERNAL_CLIENT_APP.oauthPolicies,
      'ECI external client app OAuth policies',
      {
        // Profile names, comma-separated, with admin-approved pre-authorization (research Q2, as sfdx-hardis sends them).
        // A list that already holds them is kept as it is: an unchanged part is not deployed again.
        commaSeparatedProfile: commaListKeeping(
          have('ExtlClntAppOauthConfigurablePolicies', 'commaSeparatedProfile'),
          inputs.profiles,
        ),
        ipRelaxationPolicyType: 'Bypass',
        label: `${ECI_CONNECTED_APP.label} OAuth policies`,
        permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
        refreshTokenPolicyType: 'SpecificLifetime',
        refreshTokenValidityPeriod: 365,
        refreshTokenValidityUnit: 'Days',
      },
    ),
    part('ExtlClntAppConfigurablePolicies', ECI_EXTERNAL_CLIENT_APP.policies, 'ECI external client app policies', {
      isEnabled: true,
      isOauthPluginEnabled: true,
      label: `${ECI_CONNECTED_APP.label} policies`,
    }),
  ];
}
