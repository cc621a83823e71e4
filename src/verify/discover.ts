import type { Fields, MetadataComponent } from '../engine/types.js';
import { ECI_CONNECTED_APP, ECI_EXTERNAL_CLIENT_APP, DEFAULT_ECI_APP_PROFILES } from '../guide/eci-connected-app.js';
import { ECI_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { platformOfTokenUrl, ringCentralPlatform, type RingCentralPlatform } from '../guide/ringcentral-environment.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import type { OrgAccess } from '../org/org-access.js';

/** What the admin chose (flags), where the guide leaves the value to them. */
export type VerifyOverrides = {
  clientId?: string;
  platform?: RingCentralPlatform;
  contactEmail?: string;
  profiles?: string[];
  siteContact?: string;
  recordOwner?: string;
  guestPermissionSets?: string[];
  integrationUsername?: string;
  integrationPermissionSets?: string[];
};

/** The org's current components that verify reads once, for discovery and the direct checks. */
export type VerifyFacts = {
  ringCentralAuthProvider?: Fields;
  connectedApp?: Fields;
  externalClientApp?: Fields;
  externalClientAppGlobalOauth?: Fields;
  externalClientAppPolicies?: Fields;
  eciNamedCredential?: Fields;
  site?: Fields;
};

const probe = (type: string, fullName: string): MetadataComponent => ({ kind: 'metadata', type, fullName, label: fullName, fields: {} });

/** One batched read (one readMetadata per type, in parallel) of what verify looks at directly. */
export async function readVerifyFacts(org: OrgAccess): Promise<VerifyFacts> {
  const probes = [
    probe('AuthProvider', RINGCENTRAL_AUTH_PROVIDER.fullName),
    probe('ConnectedApp', ECI_CONNECTED_APP.fullName),
    probe('ExternalClientApplication', ECI_EXTERNAL_CLIENT_APP.header),
    probe('ExtlClntAppGlobalOauthSettings', ECI_EXTERNAL_CLIENT_APP.globalOauthSettings),
    probe('ExtlClntAppOauthConfigurablePolicies', ECI_EXTERNAL_CLIENT_APP.oauthPolicies),
    probe('NamedCredential', ECI_NAMED_CREDENTIAL.fullName),
    probe('CustomSite', VOICE_CONNECTOR_SITE.name),
  ];
  const states = await org.readMetadata(probes);
  const fields = (i: number): Fields | undefined => {
    const s = states[i];
    return s.exists ? s.fields : undefined;
  };
  return {
    ringCentralAuthProvider: fields(0),
    connectedApp: fields(1),
    externalClientApp: fields(2),
    externalClientAppGlobalOauth: fields(3),
    externalClientAppPolicies: fields(4),
    eciNamedCredential: fields(5),
    site: fields(6),
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The profiles the ECI app gives access to now (Connected App profileName, or the External Client App policy). */
function profilesOf(facts: VerifyFacts): string[] | undefined {
  const names = facts.connectedApp
    ? (Array.isArray(facts.connectedApp.profileName) ? facts.connectedApp.profileName : []).filter((p): p is string => typeof p === 'string')
    : (text(facts.externalClientAppPolicies?.commaSeparatedProfile) ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}

/**
 * The inputs each guide step is checked with. The guide fixes most values; where it leaves one to the admin
 * (client id, contact email, site contact), the flag decides, else the org's own value: verify then checks
 * everything the guide prescribes around it, without pretending to know the admin's choice.
 */
export function stepInputs(facts: VerifyFacts, o: VerifyOverrides): Record<string, unknown> {
  const provider = facts.ringCentralAuthProvider;
  const platform = o.platform ?? platformOfTokenUrl(provider?.tokenUrl) ?? ringCentralPlatform('production');
  const app = facts.connectedApp ?? facts.externalClientApp;
  return {
    'integration-user': o.integrationUsername && { username: o.integrationUsername, permissionSets: o.integrationPermissionSets ?? [] },
    'ringcentral-auth-provider': { clientId: o.clientId ?? text(provider?.consumerKey) ?? '', platform },
    'ringcentral-named-credential': { platform },
    'eci-connected-app': {
      contactEmail: o.contactEmail ?? text(app?.contactEmail) ?? '',
      // The guide leaves the profiles to the admin (it recommends two): the app's own are the admin's choice.
      profiles: o.profiles ?? profilesOf(facts) ?? [...DEFAULT_ECI_APP_PROFILES],
      appType: facts.connectedApp ? 'connected-app' : facts.externalClientApp ? 'external-client-app' : 'auto',
    },
    'eci-auth-provider': {},
    'voice-connector-site': {
      siteContact: o.siteContact ?? text(facts.site?.siteAdmin),
      recordOwner: o.recordOwner ?? text(facts.site?.siteGuestRecordDefaultOwner),
    },
    'eci-named-credential': {},
    'guest-user-permissions': { permissionSets: o.guestPermissionSets ?? [] },
  };
}
