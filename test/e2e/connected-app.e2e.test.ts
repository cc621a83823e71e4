/*
 * `sf eci ringcentral connected-app` and `create-auth-provider --provider eci`, run by the real sf CLI against the
 * simulated org: the Spring '26 refusal and the External Client App fallback, an org that still allows Connected
 * Apps, the ECI auth provider fed from the org's OAuth credentials API or the environment, and no secret in output.
 */
import { expect } from 'chai';
import { SimulatedOrg, type SimSeed } from '../sim/index.js';
import { CREATION_REFUSED_MESSAGE } from '../sim/rules/ConnectedApp.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const APP = ['eci', 'ringcentral', 'connected-app'];
const PROVIDER = ['eci', 'ringcentral', 'create-auth-provider', '--provider', 'eci'];
const EMAIL = 'admin@acme.example.com';
const ENV_KEY = 'EnvConsumerKey0123456789';
const ENV_SECRET = 'EnvConsumerSecret9876543210';

describe('e2e: sf eci ringcentral connected-app and create-auth-provider --provider eci', function () {
  this.timeout(180_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  const outputs: string[] = [];
  /** Every secret the org came to hold, to look for in every captured output at the end. */
  const secrets = new Set<string>([ENV_SECRET]);

  async function sf(args: string[], opts: Parameters<SfCli['run']>[1] = {}): Promise<RunResult> {
    const r = await cli.run(args, opts);
    outputs.push(r.stdout, r.stderr);
    return r;
  }

  async function freshOrg(alias: string, seed?: SimSeed): Promise<void> {
    await org?.stop();
    org = await SimulatedOrg.start({ seed });
    await cli.login(org, alias);
  }

  const callbackUrl = (): string => `${org.instanceUrl}/services/authcallback/ECI_Auth_Provider`;

  before(async () => {
    cli = await SfCli.create();
    await cli.linkPlugin(REPO_ROOT);
  });

  after(async () => {
    await org?.stop();
    await cli?.cleanup();
  });

  describe('on a Spring \'26 org (new Connected Apps refused, the default)', () => {
    before(() => freshOrg('s26'));

    it('--dry-run writes nothing and says a refusal would lead to an External Client App', async () => {
      const r = await sf([...APP, '-o', 's26', '--contact-email', EMAIL, '--dry-run', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.warnings.join(' ')).to.include('External Client App');
      expect(org.writes()).to.deep.equal([]);
    });

    it('makes the External Client App with the guide\'s settings, and says which and why', async () => {
      const r = await sf([...APP, '-o', 's26', '--contact-email', EMAIL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ appKind: 'ExternalClientApplication', fallbackReason: CREATION_REFUSED_MESSAGE, credentialsGenerated: true, callbackUrl: callbackUrl() });
      expect(r.json.warnings.join(' ')).to.include('External Client App').and.include(CREATION_REFUSED_MESSAGE);
      expect(r.json.result.components.map((c: { type: string; status: string }) => [c.type, c.status])).to.deep.equal([
        ['ExternalClientApplication', 'created'],
        ['ExtlClntAppOauthSettings', 'created'],
        ['ExtlClntAppOauthConfigurablePolicies', 'created'],
        ['ExtlClntAppGlobalOauthSettings', 'created'],
      ]);
      expect(org.getMetadata('ConnectedApp', 'ECI_Connected_App')).to.equal(undefined);
      expect(org.getMetadata('ExternalClientApplication', 'ECI_Connected_App')).to.include({ contactEmail: EMAIL, label: 'ECI Connected App' });
      expect(org.getMetadata('ExtlClntAppOauthSettings', 'ECI_Connected_App_oauth')).to.include({ commaSeparatedOauthScopes: 'Content, Api, Web, RefreshToken' });
      expect(org.getMetadata('ExtlClntAppOauthConfigurablePolicies', 'ECI_Connected_App_oauthPlcy')).to.include({
        commaSeparatedProfile: 'System Administrator, Standard User',
        ipRelaxationPolicyType: 'Bypass',
        permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
        refreshTokenPolicyType: 'SpecificLifetime',
        refreshTokenValidityPeriod: 365,
        refreshTokenValidityUnit: 'Days',
      });
      const global = org.getMetadata('ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbloauth', { includeSecrets: true })!;
      expect(global).to.include({ callbackUrl: callbackUrl(), isConsumerSecretOptional: false, isSecretRequiredForRefreshToken: true });
      expect(global.consumerKey).to.match(/^[A-Za-z0-9]{85}$/);
      expect(global.consumerSecret).to.match(/^[A-Za-z0-9]{64}$/);
      secrets.add(String(global.consumerSecret));
      secrets.add(String(global.consumerKey));
    });

    it('a second run is unchanged and writes nothing', async () => {
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
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
    });

    it('reads the key and secret from the org\'s OAuth credentials API where allowed, and creates the provider', async () => {
      org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
      const r = await sf([...PROVIDER, '-o', 's26', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ provider: 'eci', credentialsSource: 'org', callbackUrl: callbackUrl() });
      const global = org.getMetadata('ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbloauth', { includeSecrets: true })!;
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

    it('--app-type connected-app is refused with the platform\'s words and the way out', async () => {
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

    it('makes the guide\'s Connected App with its OAuth settings, policies and profiles', async () => {
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

    it('updates in place without a consumer key, keeping the admin\'s profiles, key and secret', async () => {
      const before = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      // As an admin's edit in Setup: an update, which carries no consumer key or secret.
      const { consumerKey, consumerSecret, ...oauthConfig } = before.oauthConfig as Record<string, unknown>;
      void consumerKey;
      void consumerSecret;
      org.seedMetadata('ConnectedApp', { ...before, oauthConfig, profileName: ['Standard User'], contactEmail: 'old@acme.example.com' });
      const r = await sf([...APP, '-o', 'ca', '--contact-email', EMAIL, '--profile', 'System Administrator', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.components[0]).to.include({ status: 'updated' });
      const after = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
      expect(after.profileName).to.deep.equal(['Standard User', 'System Administrator']);
      expect(after.contactEmail).to.equal(EMAIL);
      expect((after.oauthConfig as Record<string, unknown>).consumerKey).to.equal((before.oauthConfig as Record<string, unknown>).consumerKey);
      expect(r.json.result.credentialsGenerated).to.equal(false);
    });

    it('the ECI auth provider takes the key and secret from ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET', async () => {
      const r = await sf([...PROVIDER, '-o', 'ca', '--json'], { env: { ECI_CONSUMER_KEY: ENV_KEY, ECI_CONSUMER_SECRET: ENV_SECRET } });
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.credentialsSource).to.equal('environment');
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({ consumerKey: ENV_KEY, consumerSecret: ENV_SECRET });
    });
  });

  describe('bad input', () => {
    before(() => freshOrg('bad'));

    // The flag catalogue (malformed email, unknown app type, empty profile, missing email) runs in process:
    // test/commands/bad-input.test.ts.
    it('refuses an unknown profile before any write', async () => {
      const r = await sf([...APP, '-o', 'bad', '--contact-email', EMAIL, '--profile', 'System Administrator', '--profile', 'Nobody Here', '--json']);
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
