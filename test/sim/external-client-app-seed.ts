/*
 * The ECI External Client App as deploy components (Metadata API format, SDR's folders and suffixes) and as a seed
 * (an app made in Setup, whose parts may carry other names than `<App>_oauth`, `_glbloauth` …).
 */
import type { DeployComponent, MdRecord } from './helpers.js';
import type { SimSeed } from './index.js';

export const APP = 'ECI_Connected_App';
export const KEY = 'ChosenKey0123456789';
export const SECRET = 'ChosenSecret0123456789';
export const CALLBACK = 'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider';

/** Drops keys set to undefined, recursively: jsforce would send the text "undefined". */
export function clean(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? clean(v as Record<string, unknown>) : v]),
  );
}

export const header = (over: MdRecord = {}): MdRecord =>
  clean({
    fullName: APP,
    contactEmail: 'admin@acme.com',
    distributionState: 'Local',
    label: 'ECI Connected App',
    ...over,
  });
export const oauthSettings = (over: MdRecord = {}): MdRecord =>
  clean({
    fullName: `${APP}_oauth`,
    commaSeparatedOauthScopes: 'Content, Api, Web, RefreshToken',
    externalClientApplication: APP,
    ...over,
  });
export const globalOauth = (over: MdRecord = {}): MdRecord =>
  clean({
    fullName: `${APP}_glbloauth`,
    callbackUrl: CALLBACK,
    consumerKey: KEY,
    consumerSecret: SECRET,
    externalClientApplication: APP,
    isConsumerSecretOptional: false,
    isPkceRequired: false,
    isSecretRequiredForRefreshToken: true,
    ...over,
  });
export const oauthPolicies = (over: MdRecord = {}): MdRecord =>
  clean({
    fullName: `${APP}_oauthPlcy`,
    commaSeparatedProfile: 'System Administrator, Standard User',
    externalClientApplication: APP,
    ipRelaxationPolicyType: 'Bypass',
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
    refreshTokenPolicyType: 'SpecificLifetime',
    refreshTokenValidityPeriod: 365,
    refreshTokenValidityUnit: 'Days',
    ...over,
  });
export const policies = (over: MdRecord = {}): MdRecord =>
  clean({
    fullName: `${APP}_plcy`,
    externalClientApplication: APP,
    isEnabled: true,
    isOauthPluginEnabled: true,
    ...over,
  });

const FILES: Record<string, { folder: string; suffix: string }> = {
  ExternalClientApplication: { folder: 'externalClientApps', suffix: 'eca' },
  ExtlClntAppOauthSettings: { folder: 'extlClntAppOauthSettings', suffix: 'ecaOauth' },
  ExtlClntAppGlobalOauthSettings: { folder: 'extlClntAppGlobalOauthSets', suffix: 'ecaGlblOauth' },
  ExtlClntAppOauthConfigurablePolicies: { folder: 'extlClntAppOauthPolicies', suffix: 'ecaOauthPlcy' },
  ExtlClntAppConfigurablePolicies: { folder: 'extlClntAppPolicies', suffix: 'ecaPlcy' },
};
export const component = (type: string, record: MdRecord): DeployComponent => ({ type, record, ...FILES[type] });

export const ecaHeader = (over?: MdRecord): DeployComponent => component('ExternalClientApplication', header(over));
export const ecaOauth = (over?: MdRecord): DeployComponent =>
  component('ExtlClntAppOauthSettings', oauthSettings(over));
export const ecaGlobalOauth = (over?: MdRecord): DeployComponent =>
  component('ExtlClntAppGlobalOauthSettings', globalOauth(over));
export const ecaOauthPolicies = (over?: MdRecord): DeployComponent =>
  component('ExtlClntAppOauthConfigurablePolicies', oauthPolicies(over));
export const ecaPolicies = (over?: MdRecord): DeployComponent =>
  component('ExtlClntAppConfigurablePolicies', policies(over));

/** All five parts, as sfdx-hardis deploys them (FACTS §5). */
export const fullApp = (): DeployComponent[] => [
  ecaHeader(),
  ecaOauth(),
  ecaGlobalOauth(),
  ecaOauthPolicies(),
  ecaPolicies(),
];

/** An org whose ECI app was made in Setup: the parts carry Setup's names, not the `_oauth`/`_glbloauth` convention. */
export const setupMadeAppSeed = (settings: SimSeed['settings'] = {}): SimSeed => ({
  settings,
  metadata: [
    { type: 'ExternalClientApplication', record: header() },
    { type: 'ExtlClntAppOauthSettings', record: oauthSettings({ fullName: `${APP}_oauth_setup1` }) },
    { type: 'ExtlClntAppGlobalOauthSettings', record: globalOauth({ fullName: `${APP}_glbl_setup1` }) },
    { type: 'ExtlClntAppOauthConfigurablePolicies', record: oauthPolicies({ fullName: `${APP}_oauthPlcy_setup1` }) },
    { type: 'ExtlClntAppConfigurablePolicies', record: policies({ fullName: `${APP}_plcy_setup1` }) },
  ],
});

/** The ECI named credential as the guide makes it (legacy, OAuth through the ECI auth provider). */
export const eciNamedCredentialRecord = (over: MdRecord = {}): MdRecord => ({
  fullName: 'ECI_Named_Credential',
  authProvider: 'ECI_Auth_Provider',
  endpoint: 'https://acme.my.salesforce.com/',
  generateAuthorizationHeader: true,
  label: 'ECI Named Credential',
  namedCredentialType: 'Legacy',
  oauthScope: 'refresh_token web api content',
  principalType: 'NamedUser',
  protocol: 'Oauth',
  ...over,
});

/**
 * A configured ECI part: the app made in Setup, the ECI auth provider holding the app's key and secret, the ECI named
 * credential (not authorised yet: org.giveConsent).
 */
export const eciSetupSeed = (settings: SimSeed['settings'] = {}): SimSeed => {
  const seed = setupMadeAppSeed({ clientSecretInRestApiAccess: true, ...settings });
  seed.metadata!.push(
    {
      type: 'AuthProvider',
      record: {
        fullName: 'ECI_Auth_Provider',
        consumerKey: KEY,
        consumerSecret: SECRET,
        friendlyName: 'ECI Auth Provider',
        providerType: 'Salesforce',
      },
    },
    { type: 'NamedCredential', record: eciNamedCredentialRecord() },
  );
  return seed;
};
