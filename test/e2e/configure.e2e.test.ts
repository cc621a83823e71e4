/*
 * `sf eci ringcentral configure`, run by the real sf CLI against the simulated org: the whole guide in one command
 * on an org where the Voice Connector app and ECI are installed; the second run that writes nothing; the dry run;
 * a failed step with its dependants skipped (exit 68) and the re-run that finishes; a missing prerequisite; the
 * sandbox-to-production switch; --no-prompt without a secret; and no secret in any output. Assertions are on what
 * a user sees: the org's state, the printed output and JSON, the exit code.
 */
import { expect } from 'chai';
import { SimulatedOrg, type SimSeed } from '../sim/index.js';
import {
  installVoiceConnector,
  type VoiceConnectorInstall,
  type VoiceConnectorIds,
} from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CONFIGURE = ['eci', 'ringcentral', 'configure'];
const RC_SECRET = 'RcSandboxSecret-5e1d7a90';
const RC_PROD_SECRET = 'RcProdSecret-0b44c2f8';
const CLIENT_ID = 'RcClient01';
const PROD_CLIENT_ID = 'RcProdClient02';
const CONTACT = 'admin@acme.example';
const INTEGRATION_USER = 'eci.integration@acme.example';
/** The flags of a full run, integration user included. */
const FULL = [
  '--client-id',
  CLIENT_ID,
  '--contact-email',
  CONTACT,
  '--integration-username',
  INTEGRATION_USER,
  '--integration-email',
  CONTACT,
];
const WITH_SECRET = { env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET } };

/** The guide's tasks in the order configure reports them. */
const STEP_IDS = [
  'integration-user',
  'ringcentral-auth-provider',
  'ringcentral-named-credential',
  'eci-connected-app',
  'eci-auth-provider',
  'voice-connector-site',
  'eci-named-credential',
  'guest-user-permissions',
];
const TITLES: Record<string, string> = {
  'integration-user': 'Log In as the Integration User',
  'ringcentral-auth-provider': 'Add RingCentral as an Authorized Provider',
  'ringcentral-named-credential': 'Add RingCentral Named Credentials',
  'eci-connected-app': 'Set Up the Connected App',
  'eci-auth-provider': 'Add ECI as an Authorized Provider',
  'voice-connector-site': 'Set Up the Salesforce Site',
  'eci-named-credential': 'Add ECI Named Credentials',
  'guest-user-permissions': 'Assign the Guest User Permission Set',
};

type Step = {
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
type NextStep = { title: string; url?: string; detail?: string };

const statuses = (r: RunResult): Record<string, string> =>
  Object.fromEntries((r.json.result ?? r.json.data).steps.map((s: Step) => [s.id, s.status]));
const step = (r: RunResult, id: string): Step => (r.json.result ?? r.json.data).steps.find((s: Step) => s.id === id);
const allStatus = (status: string): Record<string, string> => Object.fromEntries(STEP_IDS.map((id) => [id, status]));

describe('e2e: sf eci ringcentral configure', function () {
  this.timeout(240_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;
  const outputs: string[] = [];
  /** Every secret the runs handled or the org generated, to look for in every captured output at the end. */
  const secrets = new Set<string>([RC_SECRET, RC_PROD_SECRET]);
  const started = Date.now();

  async function sf(alias: string, args: string[], opts: Parameters<SfCli['run']>[1] = {}): Promise<RunResult> {
    const r = await cli.run([...CONFIGURE, '-o', alias, ...args], opts);
    outputs.push(r.stdout, r.stderr);
    return r;
  }

  /**
   * A fresh org with the Voice Connector app and ECI installed (each part can be left out), logged in as `alias`. It lets
   * the API read External Client App consumer secrets unless the seed says otherwise: the org keeps the app's secret
   * (the simulator's default), and without that setting the ECI auth provider cannot be given it (see its own describe).
   */
  async function freshOrg(
    alias: string,
    opts: { seed?: SimSeed; install?: VoiceConnectorInstall } = {},
  ): Promise<void> {
    await org?.stop();
    org = await SimulatedOrg.start({
      seed: { ...opts.seed, settings: { clientSecretInRestApiAccess: true, ...opts.seed?.settings } },
    });
    ids = installVoiceConnector(org, opts.install);
    await cli.login(org, alias);
  }

  /** The generated consumer key and secret of whichever ECI app the org holds, remembered for the leak check. */
  function appCredentials(): { consumerKey: string; consumerSecret: string } {
    const eca = org.consumerCredentials('ECI_Connected_App');
    const ca = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })?.oauthConfig as
      | Record<string, unknown>
      | undefined;
    const source = (eca ?? ca)!;
    const creds = { consumerKey: String(source.consumerKey), consumerSecret: String(source.consumerSecret) };
    expect(creds.consumerKey).to.match(/^[A-Za-z0-9]{20,}$/);
    expect(creds.consumerSecret).to.match(/^[A-Za-z0-9]{20,}$/);
    secrets.add(creds.consumerKey).add(creds.consumerSecret);
    return creds;
  }

  const user = (username: string): Record<string, unknown> | undefined =>
    org.records('User').find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
  const setsOf = (userId: unknown): unknown[] =>
    org
      .records('PermissionSetAssignment')
      .filter((a) => a.AssigneeId === userId)
      .map((a) => a.PermissionSetId);
  const guestId = (): unknown => org.records('Site')[0]?.GuestUserId;
  const consentUrl = (nc: string, provider: string): string => {
    const row = org.records('NamedCredential').find((n) => n.DeveloperName === nc)!;
    return `${org.instanceUrl}/services/auth/xds/${org.orgId}/${provider}?startURL=/${String(row.Id)}&scope=${encodeURIComponent(String(org.getMetadata('NamedCredential', nc)?.oauthScope))}`;
  };

  /** Everything the guide makes, as the org holds it, given the kind of ECI app expected. */
  function expectConfigured(appKind: 'ExternalClientApplication' | 'ConnectedApp'): void {
    expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })).to.include({
      providerType: 'OpenIdConnect',
      consumerKey: CLIENT_ID,
      consumerSecret: RC_SECRET,
      tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
    });
    expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.include({
      authProvider: 'Ring_Central',
      endpoint: 'https://platform.ringcentral.com',
      protocol: 'Oauth',
    });

    const other = appKind === 'ConnectedApp' ? 'ExternalClientApplication' : 'ConnectedApp';
    expect(org.listMetadataNames(appKind)).to.deep.equal(['ECI_Connected_App']);
    expect(org.listMetadataNames(other)).to.deep.equal([]);
    const app = appCredentials();
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
      providerType: 'Salesforce',
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    expect(org.getMetadata('NamedCredential', 'ECI_Named_Credential')).to.include({
      authProvider: 'ECI_Auth_Provider',
      protocol: 'Oauth',
    });

    expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
      active: true,
      indexPage: 'SiteLogin',
      siteAdmin: org.username,
    });
    expect(setsOf(guestId())).to.have.members([ids.voiceConnectorPermission, ids.conversationInsightsIntegrationUser]);

    const integration = user(INTEGRATION_USER)!;
    expect(integration).to.include({ IsActive: true, Email: CONTACT, ProfileId: ids.adminProfileId });
    expect(setsOf(integration.Id)).to.have.members([ids.conversationInsightsIntegrationUser, ids.eciAccess]);
  }

  before(async () => {
    cli = await SfCli.create();
    await cli.linkPlugin(REPO_ROOT);
  });

  after(async () => {
    await org?.stop();
    await cli?.cleanup();
    // eslint-disable-next-line no-console
    console.log(`      configure e2e: ${cli.timings.length} sf runs, ${Date.now() - started} ms in all`);
  });

  describe('on an org with the Voice Connector prerequisites (new Connected Apps refused, the default)', () => {
    before(() => freshOrg('cfg'));

    it('--dry-run plans every step, exits 0, writes nothing and makes nothing', async () => {
      const r = await sf('cfg', [...FULL, '--dry-run', '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ dryRun: true, outcome: 'complete' });
      expect(statuses(r)).to.deep.equal(allStatus('planned'));
      expect(step(r, 'guest-user-permissions').components.map((c) => [c.name, c.action])).to.deep.equal([
        ['vcon__VoiceConnectorPermission → VoiceConnector Site Guest User', 'create'],
        ['ConversationInsightsIntegrationUser → VoiceConnector Site Guest User', 'create'],
      ]);
      // What the same run makes is not reported as missing: no "stops until you run …" for a planned dependency.
      expect(r.json.warnings.join('\n')).to.not.match(/stops until|ECI_CONSUMER_KEY/);
      expect(org.writes()).to.deep.equal([]);
      for (const type of ['AuthProvider', 'NamedCredential', 'ConnectedApp', 'ExternalClientApplication', 'CustomSite'])
        expect(org.listMetadataNames(type), type).to.deep.equal([]);
      expect(user(INTEGRATION_USER)).to.equal(undefined);
      expect(
        org.records('PermissionSetAssignment').filter((a) => a.PermissionSetId !== ids.adminProfileSetId),
      ).to.deep.equal([]);
    });

    it('--json makes everything: both auth providers and named credentials, the External Client App, the site, the guest sets, the integration user', async () => {
      const r = await sf('cfg', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.status).to.equal(0);
      expect(r.json.result).to.include({ dryRun: false, outcome: 'complete', environment: 'production' });
      expect(statuses(r)).to.deep.equal(allStatus('created'));
      expectConfigured('ExternalClientApplication');
      expect(r.json.warnings.join(' ')).to.include('External Client App');
      // The app by one deploy of all its parts, never a CRUD write of an External Client App type.
      expect(org.calls.filter((c) => c.operation === 'deploy').map((c) => c.fullNames?.length)).to.deep.equal([5]);
      expect(
        org.calls.filter((c) => c.operation === 'upsertMetadata' && /ExternalClient|ExtlClnt/.test(c.type ?? '')),
      ).to.deep.equal([]);
      // The ECI auth provider holds the secret the org kept (none was deployed).
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!.consumerSecret).to.equal(
        org.consumerCredentials('ECI_Connected_App')!.consumerSecret,
      );
    });

    it('a second run: every step unchanged, zero writes', async () => {
      const before = org.writes().length;
      const r = await sf('cfg', [...FULL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal(allStatus('unchanged'));
      expect(org.writes().length).to.equal(before);
    });
  });

  describe('on an org seeded to allow Connected Apps', () => {
    before(() => freshOrg('cfg-ca', { seed: { settings: { connectedAppCreationAllowed: true } } }));

    it('makes a Connected App, and the ECI auth provider with its generated key and secret', async () => {
      const r = await sf('cfg-ca', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal(allStatus('created'));
      expectConfigured('ConnectedApp');
    });
  });

  describe('for a person (no --json, output piped)', () => {
    let r: RunResult;
    before(async () => {
      await freshOrg('cfg-human');
      r = await sf('cfg-human', ['--client-id', CLIENT_ID, '--contact-email', CONTACT], WITH_SECRET);
    });

    it('exits 0 and shows each step with its status, and the plain progress lines on stderr', () => {
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      for (const id of STEP_IDS.filter((s) => s !== 'integration-user')) {
        expect(r.stdout).to.include(`== ${TITLES[id]}: created`);
        expect(r.stderr).to.match(new RegExp(`✔ ${TITLES[id]}: done`));
      }
      expect(r.stdout).to.include(`== ${TITLES['integration-user']}: skipped`);
      expect(r.stdout).to.include('no --integration-username was given');
      expect(r.stdout).to.match(/created\s+AuthProvider\s+Ring_Central/);
      expect(r.stdout).to.include('Every task matches the guide.');
      expect(r.stderr).to.include('Configuring RingCentral with Einstein Conversation Insights');
      expect(r.stderr).to.match(/ms in all/);
      appCredentials();
    });

    it('ends with the next steps in order: redirect URI (or the app creation link), both consents with their exact URLs, the 10-minute wait', () => {
      const next = r.stdout.slice(r.stdout.indexOf('Next steps'));
      expect(next, r.stdout).to.not.equal('');
      const callback = `${org.instanceUrl}/services/authcallback/Ring_Central`;
      const positions = [
        next.indexOf('OAuth Redirect URI'),
        next.indexOf(callback),
        next.indexOf(`No RingCentral app yet?`),
        next.indexOf(`redirectUri=${encodeURIComponent(callback)}`),
        next.indexOf(consentUrl('Ring_Central', 'Ring_Central')),
        next.indexOf(consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')),
        next.indexOf('up to 10 minutes'),
      ];
      expect(
        positions.every((p) => p >= 0),
        `${positions.join(',')}\n${next}`,
      ).to.equal(true);
      expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
    });
  });

  describe('a failure injected in one step', () => {
    before(() => freshOrg('cfg-fail'));
    const REFUSAL = 'An unexpected error occurred. Please include this ErrorId: 1234-5678';

    it("exits 68 (partial): the site fails with Salesforce's message, guest permissions are skipped, everything else is done", async () => {
      org.failNext(
        { operation: 'upsertMetadata', type: 'CustomSite' },
        { statusCode: 'UNKNOWN_EXCEPTION', message: REFUSAL },
      );
      const r = await sf('cfg-fail', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(68);
      expect(r.json.status).to.equal(68);
      expect(r.json.result.outcome).to.equal('partial');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('created'),
        'voice-connector-site': 'failed',
        'guest-user-permissions': 'skipped',
      });
      expect(step(r, 'voice-connector-site').reason).to.include(REFUSAL);
      expect(step(r, 'guest-user-permissions').reason).to.include(TITLES['voice-connector-site']);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.equal(undefined);
      expect(org.getMetadata('NamedCredential', 'ECI_Named_Credential')).to.not.equal(undefined);
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.not.equal(undefined);
      expect(user(INTEGRATION_USER)).to.not.equal(undefined);
    });

    it('a re-run exits 0: what was done is unchanged, the site and guest permissions are made', async () => {
      const r = await sf('cfg-fail', [...FULL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('unchanged'),
        'voice-connector-site': 'created',
        'guest-user-permissions': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });
  });

  describe("an org that keeps the app's consumer secret from its REST API (External Client App setting off)", () => {
    before(() => freshOrg('cfg-eci', { seed: { settings: { clientSecretInRestApiAccess: false } } }));

    it('exit 68: the ECI auth provider stops with the exact setting, nothing wrong written; the rest done; a re-run with the setting on completes', async () => {
      const first = await sf('cfg-eci', [...FULL, '--json'], WITH_SECRET);
      expect(first.code, first.stdout + first.stderr).to.equal(68);
      expect(first.json.result.outcome).to.equal('partial');
      expect(statuses(first)).to.deep.equal({
        ...allStatus('created'),
        'eci-auth-provider': 'failed',
        'eci-named-credential': 'skipped',
      });
      const failed = step(first, 'eci-auth-provider');
      expect(failed.reason)
        .to.include('Allow access to External Client App consumer secrets via REST API')
        .and.include('enableClientSecretInRestApiAccess');
      expect(failed.actions!.join(' ')).to.include('ECI_CONSUMER_KEY').and.include('ECI_CONSUMER_SECRET');
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal(['ECI_Connected_App']);

      // Still off: the same, and nothing written.
      const before = org.writes().length;
      const second = await sf('cfg-eci', [...FULL, '--json']);
      expect(second.code, second.stdout + second.stderr).to.equal(68);
      expect(statuses(second)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'failed',
        'eci-named-credential': 'skipped',
      });
      expect(org.writes().length).to.equal(before);
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);

      org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
      const third = await sf('cfg-eci', [...FULL, '--json']);
      expect(third.code, third.stdout + third.stderr).to.equal(0);
      expect(statuses(third)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'created',
        'eci-named-credential': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });

    it('the key and secret copied from Setup into ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET finish it too', async () => {
      await freshOrg('cfg-eci-env', { seed: { settings: { clientSecretInRestApiAccess: false } } });
      const first = await sf('cfg-eci-env', [...FULL, '--json'], WITH_SECRET);
      expect(first.code, first.stdout + first.stderr).to.equal(68);
      const app = appCredentials();
      const again = await sf('cfg-eci-env', [...FULL, '--json'], {
        env: { ECI_CONSUMER_KEY: app.consumerKey, ECI_CONSUMER_SECRET: app.consumerSecret },
      });
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(statuses(again)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'created',
        'eci-named-credential': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });
  });

  describe('a missing prerequisite: checked before any write (issue 8, item 12)', () => {
    it('Sites not enabled: nothing written, the checklist with the Sites setup action, exit 78; once enabled the run finishes', async () => {
      await freshOrg('cfg-nosites', { seed: { settings: { sitesDomain: null } } });
      const r = await sf('cfg-nosites', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(78);
      expect(r.json.name).to.equal('PrerequisitesMissingError');
      expect(r.json.data.outcome).to.equal('blocked');
      const missing = (r.json.data.prerequisites as Array<{ id: string; status: string; action: string }>).filter(
        (p) => p.status === 'missing',
      );
      expect(missing.map((p) => p.id)).to.deep.equal(['sites-enabled']);
      expect(r.json.actions.join('\n')).to.include('Register My Salesforce Site Domain');
      expect(org.writes()).to.deep.equal([]);
      org.settings.sitesDomain = 'acme-dev.my.salesforce-sites.com';
      const again = await sf('cfg-nosites', [...FULL, '--json'], WITH_SECRET);
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(org.listMetadataNames('CustomSite')).to.deep.equal(['VoiceConnector']);
    });

    it('no SiteLogin page: the checklist names it with its Setup URL (shown to a person too), nothing written, exit 78', async () => {
      await freshOrg('cfg-nologin', { install: { siteLoginPage: false } });
      const r = await sf('cfg-nologin', [...FULL], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(78);
      expect(r.stdout).to.include('Before the guide can run');
      expect(r.stdout).to.include('Visualforce page named SiteLogin');
      expect(r.stdout).to.include(`${org.instanceUrl}/lightning/setup/ApexPages/home`);
      expect(org.writes()).to.deep.equal([]);
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });
  });

  describe('the graduate switch: sandbox to production', () => {
    before(() => freshOrg('cfg-grad'));

    it('--environment sandbox configures the devtest endpoints', async () => {
      const r = await sf(
        'cfg-grad',
        ['--client-id', CLIENT_ID, '--contact-email', CONTACT, '--environment', 'sandbox', '--json'],
        WITH_SECRET,
      );
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'sandbox', server: 'https://platform.devtest.ringcentral.com' });
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.include({
        authorizeUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/authorize',
        tokenUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        userInfoUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/userinfo',
      });
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.include({
        endpoint: 'https://platform.devtest.ringcentral.com',
      });
      appCredentials();
    });

    it('--environment production with the production client id moves both in place (with --force), and says to authorize again and enter the new secret in Setup', async () => {
      const ncId = org.records('NamedCredential').find((n) => n.DeveloperName === 'Ring_Central')!.Id;
      const r = await sf(
        'cfg-grad',
        // Moving a setup is an update of what exists: it needs the admin's yes (--force), as every update does.
        ['--client-id', PROD_CLIENT_ID, '--contact-email', CONTACT, '--environment', 'production', '--force', '--json'],
        {
          env: { RINGCENTRAL_CLIENT_SECRET: RC_PROD_SECRET },
        },
      );
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'production', outcome: 'complete' });
      expect(statuses(r)).to.include({
        'ringcentral-auth-provider': 'updated',
        'ringcentral-named-credential': 'updated',
        'eci-connected-app': 'unchanged',
        'voice-connector-site': 'unchanged',
      });

      const [provider] = step(r, 'ringcentral-auth-provider').components;
      expect(provider).to.include({ type: 'AuthProvider', name: 'Ring_Central', action: 'update' });
      expect(provider.changes.map((c) => c.field)).to.have.members([
        'authorizeUrl',
        'consumerKey',
        'tokenUrl',
        'userInfoUrl',
      ]);
      expect(provider.changes.find((c) => c.field === 'tokenUrl')).to.deep.include({
        current: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        desired: 'https://platform.ringcentral.com/restapi/oauth/token',
      });
      const [nc] = step(r, 'ringcentral-named-credential').components;
      expect(nc).to.include({ type: 'NamedCredential', name: 'Ring_Central', action: 'update' });
      expect(nc.changes).to.deep.equal([
        {
          field: 'endpoint',
          current: 'https://platform.devtest.ringcentral.com',
          desired: 'https://platform.ringcentral.com',
        },
      ]);

      // In place: the same components, now on production.
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })).to.include({
        consumerKey: PROD_CLIENT_ID,
        authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
        tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
        userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
      });
      expect(org.records('NamedCredential').find((n) => n.DeveloperName === 'Ring_Central')).to.include({
        Id: ncId,
        Endpoint: 'https://platform.ringcentral.com',
      });

      const next: NextStep[] = r.json.result.nextSteps;
      const text = next.map((s) => `${s.title} ${s.url ?? ''} ${s.detail ?? ''}`);
      const secret = next.findIndex((s) => /new client secret/.test(s.title) && /Ring Central/.test(s.title));
      const reauthorize = next.findIndex((s) => /"Ring Central" named credential again/.test(s.title));
      expect(secret, text.join('\n')).to.be.greaterThan(-1);
      expect(reauthorize, text.join('\n')).to.be.greaterThan(secret);
      // Authorizing again is the consent itself, once, with its exact URL; no app to create, nothing new in Salesforce to wait for.
      expect(next[reauthorize].url).to.equal(consentUrl('Ring_Central', 'Ring_Central'));
      expect(next.filter((s) => s.url === consentUrl('Ring_Central', 'Ring_Central'))).to.have.length(1);
      expect(text.join('\n')).to.not.match(/No RingCentral app yet|up to 10 minutes/);
      expect(next[secret].url).to.equal(`${org.instanceUrl}/lightning/setup/AuthProviders/home`);
      expect(next[secret].detail).to.include('does not let the API change a stored consumer secret');
    });
  });

  describe('--no-prompt without any secret, on an org without the RingCentral auth provider', () => {
    before(() => freshOrg('cfg-nosecret'));

    it('the RingCentral auth provider fails with the MissingSecret action, its named credential is skipped, the rest runs: exit 68, no wait for input', async () => {
      const r = await sf('cfg-nosecret', [...FULL, '--no-prompt', '--json'], { timeoutMs: 30_000 });
      expect(r.code, r.stdout + r.stderr).to.equal(68);
      expect(r.json.result.outcome).to.equal('partial');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('created'),
        'ringcentral-auth-provider': 'failed',
        'ringcentral-named-credential': 'skipped',
      });
      const failed = step(r, 'ringcentral-auth-provider');
      expect(failed.reason).to.include('RingCentral client secret');
      expect(failed.actions!.join(' ')).to.include('RINGCENTRAL_CLIENT_SECRET').and.include('--client-secret-stdin');
      expect(step(r, 'ringcentral-named-credential').reason).to.include(TITLES['ringcentral-auth-provider']);
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['ECI_Auth_Provider']);
      expect(org.listMetadataNames('NamedCredential')).to.deep.equal(['ECI_Named_Credential']);
      appCredentials();
    });
  });

  // Last (mocha runs a describe's own tests before its nested ones, so this one sits in its own describe).
  describe('across every run above', () => {
    it('printed neither the RingCentral client secrets nor the generated consumer keys and secrets in any stdout, stderr or JSON', () => {
      expect(secrets.size).to.be.greaterThan(6);
      expect(outputs.length).to.be.greaterThan(20);
      const all = outputs.join('\n');
      for (const secret of secrets)
        expect(all.includes(secret), `a secret was printed (${secret.slice(0, 4)}…)`).to.equal(false);
    });
  });
});
