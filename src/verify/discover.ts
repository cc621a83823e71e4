import { metadataRef, type Fields } from '../model/component.js';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP, ECI_EXTERNAL_CLIENT_APP, DEFAULT_ECI_APP_PROFILES } from '../guide/eci-connected-app.js';
import { ECI_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import type { RingCentralPlatform } from '../guide/ringcentral-environment.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import { isExternalClientAppsUnavailable, readExternalClientApp } from '../org/external-client-app.js';
import type { OrgReads } from '../org/port.js';
import { EXPECTED_PARTS } from '../steps/eci-connected-app.js';
import { guideInputs } from '../steps/guide-inputs.js';
import { resolveRingCentralPlatform } from '../steps/ringcentral-platform.js';
import type { GuideInputs } from '../steps/index.js';

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
  eciAuthProvider?: Fields;
  connectedApp?: Fields;
  externalClientApp?: Fields;
  externalClientAppGlobalOauth?: Fields;
  externalClientAppPolicies?: Fields;
  eciNamedCredential?: Fields;
  site?: Fields;
};

/**
 * One batched read (one readMetadata per type, in parallel) of what verify looks at directly. External Client App
 * types are read only when there is no Connected App (an org with them off faults on any read of them), and an org
 * without them (INVALID_TYPE, INSUFFICIENT_ACCESS) simply has no External Client App.
 */
export async function readVerifyFacts(org: OrgReads): Promise<VerifyFacts> {
  const refs = [
    metadataRef('AuthProvider', RINGCENTRAL_AUTH_PROVIDER.fullName),
    metadataRef('ConnectedApp', ECI_CONNECTED_APP.fullName),
    metadataRef('NamedCredential', ECI_NAMED_CREDENTIAL.fullName),
    metadataRef('CustomSite', VOICE_CONNECTOR_SITE.name),
    metadataRef('AuthProvider', ECI_AUTH_PROVIDER.fullName),
  ];
  const states = await org.readMetadata(refs);
  const fields = (i: number): Fields | undefined => {
    const s = states[i];
    return s.exists ? s.fields : undefined;
  };
  const connectedApp = fields(1);
  const eca = connectedApp
    ? undefined
    : await readExternalClientApp(org, ECI_EXTERNAL_CLIENT_APP.header, EXPECTED_PARTS).catch((error: unknown) => {
        if (isExternalClientAppsUnavailable(error)) return undefined;
        throw error;
      });
  const header = eca?.header.exists ? eca.header.fields : undefined;
  return {
    ringCentralAuthProvider: fields(0),
    connectedApp,
    externalClientApp: header,
    externalClientAppGlobalOauth: header ? eca?.parts.ExtlClntAppGlobalOauthSettings?.fields : undefined,
    externalClientAppPolicies: header ? eca?.parts.ExtlClntAppOauthConfigurablePolicies?.fields : undefined,
    eciNamedCredential: fields(2),
    site: fields(3),
    eciAuthProvider: fields(4),
  };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The profiles the ECI app gives access to now (Connected App profileName, or the External Client App policy). */
function profilesOf(facts: VerifyFacts): string[] | undefined {
  const names = facts.connectedApp
    ? (Array.isArray(facts.connectedApp.profileName) ? facts.connectedApp.profileName : []).filter(
        (p): p is string => typeof p === 'string',
      )
    : (text(facts.externalClientAppPolicies?.commaSeparatedProfile) ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
  return names.length ? names : undefined;
}

/**
 * The inputs each guide step is checked with. The guide fixes most values; where it leaves one to the admin
 * (client id, contact email, site contact), the flag decides, else the org's own value: verify then checks
 * everything the guide prescribes around it, without pretending to know the admin's choice.
 */
export function stepInputs(facts: VerifyFacts, o: VerifyOverrides): Partial<GuideInputs> {
  const app = facts.connectedApp ?? facts.externalClientApp;
  return guideInputs({
    clientId: o.clientId ?? text(facts.ringCentralAuthProvider?.consumerKey) ?? '',
    // The one platform rule (flags, else the org's provider): the RingCentral steps and checks see the same platform.
    platform: resolveRingCentralPlatform(
      o.platform,
      facts.ringCentralAuthProvider ? { exists: true, fields: facts.ringCentralAuthProvider } : { exists: false },
    ).platform,
    contactEmail: o.contactEmail ?? text(app?.contactEmail) ?? '',
    // The guide leaves the profiles to the admin (it recommends two): the app's own are the admin's choice.
    profiles: o.profiles ?? profilesOf(facts) ?? [...DEFAULT_ECI_APP_PROFILES],
    appType: facts.connectedApp ? 'connected-app' : facts.externalClientApp ? 'external-client-app' : 'auto',
    siteContact: o.siteContact ?? text(facts.site?.siteAdmin),
    recordOwner: o.recordOwner ?? text(facts.site?.siteGuestRecordDefaultOwner),
    guestPermissionSets: o.guestPermissionSets ?? [],
    ...(o.integrationUsername
      ? { integrationUser: { username: o.integrationUsername, permissionSets: o.integrationPermissionSets ?? [] } }
      : {}),
  });
}
