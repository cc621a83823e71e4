/*
 * What `sf eci ringcentral configure` reports and makes, as its tests check it (in process, test/commands, and through
 * the real CLI, test/e2e): its flags, the guide's tasks in the order it reports them, a run's statuses, and everything
 * the guide makes, read back from the simulated org.
 */
import { expect } from 'chai';
import type { SimulatedOrg, SimSeed } from '../sim/index.js';
import {
  assignedSetIds,
  installVoiceConnector,
  userNamed,
  type VoiceConnectorInstall,
  type VoiceConnectorIds,
} from '../sim/voice-connector-seed.js';
import { commandOf, type OrgAndCli, type RunOptions, type RunResult } from './cli-run.js';

export const CONFIGURE = ['eci', 'ringcentral', 'configure'];
export const RC_SECRET = 'RcSandboxSecret-5e1d7a90';
export const RC_PROD_SECRET = 'RcProdSecret-0b44c2f8';
export const CLIENT_ID = 'RcClient01';
export const PROD_CLIENT_ID = 'RcProdClient02';
export const CONTACT = 'admin@acme.example';
export const INTEGRATION_USER = 'eci.integration@acme.example';
/** The flags of a full run, integration user included. */
export const FULL = [
  '--client-id',
  CLIENT_ID,
  '--contact-email',
  CONTACT,
  '--integration-username',
  INTEGRATION_USER,
  '--integration-email',
  CONTACT,
];
export const WITH_SECRET = { env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET } };

/** The guide's tasks in the order configure reports them. */
export const STEP_IDS = [
  'integration-user',
  'ringcentral-auth-provider',
  'ringcentral-named-credential',
  'eci-connected-app',
  'eci-auth-provider',
  'voice-connector-site',
  'eci-named-credential',
  'guest-user-permissions',
];
export const TITLES: Record<string, string> = {
  'integration-user': 'Log In as the Integration User',
  'ringcentral-auth-provider': 'Add RingCentral as an Authorized Provider',
  'ringcentral-named-credential': 'Add RingCentral Named Credentials',
  'eci-connected-app': 'Set Up the Connected App',
  'eci-auth-provider': 'Add ECI as an Authorized Provider',
  'voice-connector-site': 'Set Up the Salesforce Site',
  'eci-named-credential': 'Add ECI Named Credentials',
  'guest-user-permissions': 'Assign the Guest User Permission Set',
};

export type Step = {
  id: string;
  title: string;
  status: string;
  reason?: string;
  actions?: string[];
  components: Array<{
    type: string;
    name: string;
    status: string;
    action: string;
    changes: Array<{ field: string; current?: string; desired: string }>;
  }>;
};
export type NextStep = { title: string; url?: string; detail?: string };

export const statuses = (r: RunResult): Record<string, string> =>
  Object.fromEntries((r.json.result ?? r.json.data).steps.map((s: Step) => [s.id, s.status]));
export const step = (r: RunResult, id: string): Step =>
  (r.json.result ?? r.json.data).steps.find((s: Step) => s.id === id);
export const allStatus = (status: string): Record<string, string> =>
  Object.fromEntries(STEP_IDS.map((id) => [id, status]));

/** Checks of what the org holds; `org` and `ids` are read at each call (a describe's fresh org). */
export function guideChecks(
  org: () => SimulatedOrg,
  ids: () => VoiceConnectorIds,
  /** Every secret the runs handled or the org generated, to look for in every captured output at the end. */
  secrets: Set<string>,
): {
  appCredentials(): { consumerKey: string; consumerSecret: string };
  user(username: string): Record<string, unknown> | undefined;
  consentUrl(nc: string, provider: string): string;
  expectConfigured(appKind: 'ExternalClientApplication' | 'ConnectedApp'): void;
} {
  /** The generated consumer key and secret of whichever ECI app the org holds, remembered for the leak check. */
  function appCredentials(): { consumerKey: string; consumerSecret: string } {
    const eca = org().consumerCredentials('ECI_Connected_App');
    const ca = org().getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })?.oauthConfig as
      | Record<string, unknown>
      | undefined;
    const source = (eca ?? ca)!;
    const creds = { consumerKey: String(source.consumerKey), consumerSecret: String(source.consumerSecret) };
    expect(creds.consumerKey).to.match(/^[A-Za-z0-9]{20,}$/);
    expect(creds.consumerSecret).to.match(/^[A-Za-z0-9]{20,}$/);
    secrets.add(creds.consumerKey).add(creds.consumerSecret);
    return creds;
  }

  const user = (username: string): Record<string, unknown> | undefined => userNamed(org(), username);
  const setsOf = (userId: unknown): unknown[] => assignedSetIds(org(), userId);
  const guestId = (): unknown => org().records('Site')[0]?.GuestUserId;
  const consentUrl = (nc: string, provider: string): string => {
    const o = org();
    const row = o.records('NamedCredential').find((n) => n.DeveloperName === nc)!;
    return `${o.instanceUrl}/services/auth/xds/${o.orgId}/${provider}?startURL=/${String(row.Id)}&scope=${encodeURIComponent(String(o.getMetadata('NamedCredential', nc)?.oauthScope))}`;
  };

  /** Everything the guide makes, as the org holds it, given the kind of ECI app expected. */
  function expectConfigured(appKind: 'ExternalClientApplication' | 'ConnectedApp'): void {
    const o = org();
    expect(o.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })).to.include({
      providerType: 'OpenIdConnect',
      consumerKey: CLIENT_ID,
      consumerSecret: RC_SECRET,
      tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
    });
    expect(o.getMetadata('NamedCredential', 'Ring_Central')).to.include({
      authProvider: 'Ring_Central',
      endpoint: 'https://platform.ringcentral.com',
      protocol: 'Oauth',
    });

    const other = appKind === 'ConnectedApp' ? 'ExternalClientApplication' : 'ConnectedApp';
    expect(o.listMetadataNames(appKind)).to.deep.equal(['ECI_Connected_App']);
    expect(o.listMetadataNames(other)).to.deep.equal([]);
    const app = appCredentials();
    expect(o.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
      providerType: 'Salesforce',
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    expect(o.getMetadata('NamedCredential', 'ECI_Named_Credential')).to.include({
      authProvider: 'ECI_Auth_Provider',
      protocol: 'Oauth',
    });

    expect(o.getMetadata('CustomSite', 'VoiceConnector')).to.include({
      active: true,
      indexPage: 'SiteLogin',
      siteAdmin: o.username,
    });
    expect(setsOf(guestId())).to.have.members([
      ids().voiceConnectorPermission,
      ids().conversationInsightsIntegrationUser,
    ]);

    const integration = user(INTEGRATION_USER)!;
    expect(integration).to.include({ IsActive: true, Email: CONTACT, ProfileId: ids().adminProfileId });
    expect(setsOf(integration.Id)).to.have.members([ids().conversationInsightsIntegrationUser, ids().eciAccess]);
  }

  return { appCredentials, user, consentUrl, expectConfigured };
}

/**
 * A fresh org for configure, logged in as `alias`: the Voice Connector app and ECI installed (each part can be left
 * out), and the API allowed to read External Client App consumer secrets unless the seed says otherwise (the org keeps
 * the app's secret, the simulator's default; without that setting the ECI auth provider cannot be given it).
 */
export async function freshConfigureOrg(
  fixture: OrgAndCli,
  alias: string,
  opts: ConfigureOrgOptions = {},
): Promise<{ org: SimulatedOrg; ids: VoiceConnectorIds }> {
  let ids: VoiceConnectorIds | undefined;
  const org = await fixture.freshOrg(alias, {
    seed: { ...opts.seed, settings: { clientSecretInRestApiAccess: true, ...opts.seed?.settings } },
    prepare: (o) => (ids = installVoiceConnector(o, opts.install)),
  });
  return { org, ids: ids! };
}

export type ConfigureOrgOptions = { seed?: SimSeed; install?: VoiceConnectorInstall };

/**
 * What a file of configure's tests shares: `sf(alias, args)` runs configure and keeps every output; `secrets` gathers
 * every secret the runs handled or the org generated, to look for in those outputs at the end; the checks read the
 * org of the last freshOrg.
 */
export function configureRuns(fixture: OrgAndCli): ReturnType<typeof guideChecks> & {
  readonly outputs: string[];
  readonly secrets: Set<string>;
  sf(alias: string, args: string[], opts?: RunOptions): Promise<RunResult>;
  freshOrg(alias: string, opts?: ConfigureOrgOptions): Promise<{ org: SimulatedOrg; ids: VoiceConnectorIds }>;
} {
  const outputs: string[] = [];
  const secrets = new Set<string>([RC_SECRET, RC_PROD_SECRET]);
  const configure = commandOf(fixture, CONFIGURE, outputs);
  let current: { org: SimulatedOrg; ids: VoiceConnectorIds } | undefined;
  return {
    ...guideChecks(
      () => current!.org,
      () => current!.ids,
      secrets,
    ),
    outputs,
    secrets,
    sf: (alias, args, opts) => configure(['-o', alias, ...args], opts),
    freshOrg: async (alias, opts) => (current = await freshConfigureOrg(fixture, alias, opts)),
  };
}
