/*
 * `sf eci ringcentral connected-app` and `create-auth-provider --provider eci` in process against the simulated org:
 * the Spring '26 refusal and the External Client App fallback, an org that still allows Connected Apps, an app made
 * in Setup, the ECI auth provider fed from the org's OAuth credentials API or the environment, bad input, and no
 * secret in output. The External Client App made by the real sf CLI is in test/e2e/connected-app.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg, SimSeed } from '../sim/index.js';
import { CREATION_REFUSED_MESSAGE } from '../sim/rules/ConnectedApp.js';
import {
  CALLBACK as SEED_CALLBACK,
  KEY as SEED_KEY,
  SECRET as SEED_SECRET,
  setupMadeAppSeed,
} from '../sim/external-client-app-seed.js';
import { commandOf } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const APP = ['eci', 'ringcentral', 'connected-app'];
const PROVIDER = ['eci', 'ringcentral', 'create-auth-provider', '--provider', 'eci'];
const EMAIL = 'admin@acme.example.com';
const ENV_KEY = 'EnvConsumerKey0123456789';
const ENV_SECRET = 'EnvConsumerSecret9876543210';

describe('in process: sf eci ringcentral connected-app and create-auth-provider --provider eci', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  let org: SimulatedOrg;
  const outputs: string[] = [];
  /** Every secret the org came to hold, to look for in every captured output at the end. */
  const secrets = new Set<string>([ENV_SECRET, SEED_SECRET]);

  const sf = commandOf(fixture, [], outputs);
  const freshOrg = async (alias: string, seed?: SimSeed): Promise<unknown> =>
    (org = await fixture.freshOrg(alias, { seed }));

  const callbackUrl = (): string => `${org.instanceUrl}/services/authcallback/ECI_Auth_Provider`;

  describe("on a Spring '26 org (new Connected Apps refused, the default)", () => {
    before(() => freshOrg('s26'));

    it('--dry-run writes nothing and says a refusal would lead to an External Client App', async () => {
      const r = await sf([...APP, '-o', 's26', '--contact-email', EMAIL, '--dry-run', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.warnings.join(' ')).to.include('External Client App');
      expect(org.writes()).to.deep.equal([]);
    });

    it('a second run is unchanged and writes nothing', async () => {
      expect((await sf([...APP, '-o', 's26', '--contact-email', EMAIL, '--json'])).code).to.equal(0);
      const before = org.writes().length;
      const r = await sf([...APP, '-o', 's26', '--contact-email', EMAIL]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.include('Everything already matches the guide');
      expect(r.stdout).to.include('is an External Client App');
      expect(org.writes().length).to.equal(before);
    });

    it('the ECI auth provider stops before writing when the org does not give the secret, and says how to give it', async () => {
      const r = await sf([...PROVIDER, '-o', 's26', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('CredentialsUnavailableError');
      expect(r.json.actions.join(' ')).to.include('ECI_CONSUMER_KEY').and.include('consumer secrets via REST API');
      expect(r.json.message).to.include('enableClientSecretInRestApiAccess');
      expect(r.json.actions.join(' ')).to.include('ECI_CONSUMER_SECRET').and.include('ExternalClientApp');
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
    });

    it("reads the key and secret from the org's OAuth credentials API where allowed, and creates the provider", async () => {
      org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
      const r = await sf([...PROVIDER, '-o', 's26', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ provider: 'eci', credentialsSource: 'org', callbackUrl: callbackUrl() });
      const global = org.getMetadata('ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbloauth', {
        includeSecrets: true,
      })!;
      expect(org.consumerCredentials('ECI_Connected_App')).to.include({ consumerSecret: global.consumerSecret });
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
        providerType: 'Salesforce',
        friendlyName: 'ECI Auth Provider',
        consumerKey: global.consumerKey,
        consumerSecret: global.consumerSecret,
      });
      expect(r.json.result.components[0].changes.map((c: { field: string }) => c.field)).to.not.include('consumerKey');
    });

    it('a second run of the auth provider is unchanged with no write', async () => {
      const before = org.writes().length;
      const r = await sf([...PROVIDER, '-o', 's26', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result.components[0].status).to.equal('unchanged');
      expect(org.writes().length).to.equal(before);
    });

    it("--app-type connected-app is refused with the platform's words and the way out", async () => {
      await freshOrg('s26-ca');
      const r = await sf([...APP, '-o', 's26-ca', '--contact-email', EMAIL, '--app-type', 'connected-app', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('ConnectedAppRefusedError');
      expect(r.json.message).to.include(CREATION_REFUSED_MESSAGE);
      expect(r.json.actions.join(' ')).to.include('--app-type auto');
      expect(org.listMetadataNames('ConnectedApp')).to.deep.equal([]);
    });
  });

  describe('on an org seeded to allow Connected Apps', () => {
    before(() => freshOrg('ca', { settings: { connectedAppCreationAllowed: true } }));

    it("makes the guide's Connected App with its OAuth settings, policies and profiles", async () => {
      const r = await sf([...APP, '-o', 'ca', '--contact-email', EMAIL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ appKind: 'ConnectedApp', credentialsGenerated: true });
      expect(r.json.result).to.not.have.property('fallbackReason');
      const app = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      expect(app).to.deep.include({
        contactEmail: EMAIL,
        label: 'ECI Connected App',
        oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
        profileName: ['System Administrator', 'Standard User'],
      });
      const oauth = app.oauthConfig as Record<string, unknown>;
      expect(oauth).to.deep.include({
        callbackUrl: callbackUrl(),
        isAdminApproved: true,
        isConsumerSecretOptional: false,
        isSecretRequiredForRefreshToken: true,
        scopes: ['Content', 'Api', 'Web', 'RefreshToken'],
      });
      expect(oauth.consumerSecret).to.match(/^[A-Za-z0-9]{64}$/);
      secrets.add(String(oauth.consumerSecret));
      secrets.add(String(oauth.consumerKey));
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
    });

    it('a second run is unchanged and writes nothing', async () => {
      const before = org.writes().length;
      const r = await sf([...APP, '-o', 'ca', '--contact-email', EMAIL, '--json']);
      expect(r.json.result.components.map((c: { status: string }) => c.status)).to.deep.equal(['unchanged']);
      expect(org.writes().length).to.equal(before);
    });

    it("updates in place without a consumer key, keeping the admin's profiles, key and secret", async () => {
      const before = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      // As an admin's edit in Setup: an update, which carries no consumer key or secret.
      const { consumerKey, consumerSecret, ...oauthConfig } = before.oauthConfig as Record<string, unknown>;
      void consumerKey;
      void consumerSecret;
      org.seedMetadata('ConnectedApp', {
        ...before,
        oauthConfig,
        profileName: ['Standard User'],
        contactEmail: 'old@acme.example.com',
      });
      // An update of what exists: the admin's yes (--force where nothing can ask).
      const r = await sf([
        ...APP,
        '-o',
        'ca',
        '--contact-email',
        EMAIL,
        '--profile',
        'System Administrator',
        '--force',
        '--json',
      ]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.components[0]).to.include({ status: 'updated' });
      const after = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      expect(after.profileName).to.deep.equal(['Standard User', 'System Administrator']);
      expect(after.contactEmail).to.equal(EMAIL);
      expect((after.oauthConfig as Record<string, unknown>).consumerKey).to.equal(
        (before.oauthConfig as Record<string, unknown>).consumerKey,
      );
      expect(r.json.result.credentialsGenerated).to.equal(false);
    });

    it('the ECI auth provider takes the key and secret from ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET', async () => {
      const r = await sf([...PROVIDER, '-o', 'ca', '--json'], {
        env: { ECI_CONSUMER_KEY: ENV_KEY, ECI_CONSUMER_SECRET: ENV_SECRET },
      });
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.credentialsSource).to.equal('environment');
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
        consumerKey: ENV_KEY,
        consumerSecret: ENV_SECRET,
      });
    });
  });

  describe('on an org whose ECI app was made in Setup (parts named otherwise)', () => {
    before(() => freshOrg('setup', setupMadeAppSeed()));

    it('updates the app through its own parts in one deploy, adding no second part of any type', async () => {
      // An update of what exists: the admin's yes (--force where nothing can ask).
      const r = await sf([...APP, '-o', 'setup', '--contact-email', EMAIL, '--force', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.appKind).to.equal('ExternalClientApplication');
      const byName = Object.fromEntries(
        r.json.result.components.map((c: { name: string; status: string }) => [c.name, c.status]),
      );
      expect(byName).to.deep.equal({
        ECI_Connected_App: 'updated',
        ECI_Connected_App_oauth_setup1: 'unchanged',
        ECI_Connected_App_glbl_setup1: 'updated',
        ECI_Connected_App_oauthPlcy_setup1: 'unchanged',
        ECI_Connected_App_plcy_setup1: 'unchanged',
      });
      for (const type of [
        'ExtlClntAppOauthSettings',
        'ExtlClntAppGlobalOauthSettings',
        'ExtlClntAppOauthConfigurablePolicies',
        'ExtlClntAppConfigurablePolicies',
      ]) {
        expect(org.listMetadataNames(type), type).to.have.length(1);
      }
      expect(org.getMetadata('ExternalClientApplication', 'ECI_Connected_App')).to.include({ contactEmail: EMAIL });
      expect(org.getMetadata('ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbl_setup1')).to.include({
        callbackUrl: callbackUrl(),
      });
      expect(SEED_CALLBACK).to.not.equal(callbackUrl()); // the same provider on another host is replaced
      expect(org.consumerCredentials('ECI_Connected_App')).to.include({
        consumerKey: SEED_KEY,
        consumerSecret: SEED_SECRET,
      });
      expect(org.calls.filter((c) => c.operation === 'deploy')).to.have.length(1);
    });
  });

  describe('on an org with External Client Apps off and an existing Connected App', () => {
    before(() =>
      freshOrg('ca-only', { settings: { externalClientAppsEnabled: false, connectedAppCreationAllowed: true } }),
    );

    it('the Connected App path works and never names an External Client App type', async () => {
      const first = await sf([...APP, '-o', 'ca-only', '--contact-email', EMAIL, '--json']);
      expect(first.code, first.stdout + first.stderr).to.equal(0);
      expect(first.json.result.appKind).to.equal('ConnectedApp');
      const app = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      secrets.add(String((app.oauthConfig as Record<string, unknown>).consumerSecret));
      org.settings = { ...org.settings, connectedAppCreationAllowed: false };
      const calls = org.calls.length;
      const again = await sf([...APP, '-o', 'ca-only', '--contact-email', 'ops@acme.example.com', '--force', '--json']);
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(
        again.json.result.components.map((c: { type: string; status: string }) => [c.type, c.status]),
      ).to.deep.equal([['ConnectedApp', 'updated']]);
      expect(org.calls.slice(calls).filter((c) => /ExternalClient|ExtlClnt/.test(c.type ?? ''))).to.deep.equal([]);
      expect(org.calls.slice(calls).filter((c) => c.status !== undefined && c.status >= 500)).to.deep.equal([]);
    });
  });

  describe('bad input', () => {
    before(() => freshOrg('bad'));

    // The flag catalogue (malformed email, unknown app type, empty profile, missing email) runs in process:
    // test/commands/bad-input.test.ts.
    it('refuses an unknown profile before any write', async () => {
      const r = await sf([
        ...APP,
        '-o',
        'bad',
        '--contact-email',
        EMAIL,
        '--profile',
        'System Administrator',
        '--profile',
        'Nobody Here',
        '--json',
      ]);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('UnknownProfileError');
      expect(r.json.message).to.include('"Nobody Here"');
      expect(org.writes()).to.deep.equal([]);
    });

    it('an org that refuses both kinds of app ends in one error naming both, with nothing made', async () => {
      await freshOrg('none', { settings: { externalClientAppsEnabled: false } });
      const r = await sf([...APP, '-o', 'none', '--contact-email', EMAIL, '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('BothAppKindsRefusedError');
      expect(r.json.message).to.include(CREATION_REFUSED_MESSAGE).and.include('not enabled');
      expect(r.json.actions.join(' ')).to.include('External Client App Settings');
      expect(org.listMetadataNames('ConnectedApp')).to.deep.equal([]);
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
    });

    it('create-auth-provider refuses a provider that is neither ringcentral nor eci, and --client-id is required only for ringcentral', async () => {
      const bad = await sf(['eci', 'ringcentral', 'create-auth-provider', '-o', 'bad', '--provider', 'okta', '--json']);
      expect(bad.code).to.not.equal(0);
      expect(bad.json.name).to.equal('InvalidProviderError');
      const noId = await sf(['eci', 'ringcentral', 'create-auth-provider', '-o', 'bad', '--json']);
      expect(noId.code).to.not.equal(0);
      expect(noId.json.name).to.equal('ClientIdRequiredError');
      const wrongFlag = await sf([...PROVIDER, '-o', 'bad', '--client-id', 'Abc', '--json']);
      expect(wrongFlag.json.name).to.equal('FlagNotForProviderError');
    });
  });

  // Last (mocha runs a describe's own tests before its nested ones): every output captured above.
  describe('all of the above', () => {
    it('printed no secret, key or token in any stdout, stderr or JSON', () => {
      expect(secrets.size).to.be.greaterThan(3);
      const all = outputs.join('\n');
      for (const secret of secrets) expect(all.includes(secret), 'a secret was printed').to.equal(false);
    });
  });
});
