/*
 * `sf eci ringcentral verify`: the read-only checklist, run by the real sf CLI against the simulated org and a
 * stand-in of RingCentral's OAuth endpoints. Each failure a check must catch is made behind the plugin's back.
 */
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CLIENT_ID = 'VerifyClient01';
const SECRET = 'RcVerifySecret-91c2e7';
const INTEGRATION_USER = 'eci.integration@sim.example';

type Check = {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  actions?: string[];
  drift?: Array<{ fields: Array<{ field: string }> }>;
};

describe('e2e: sf eci ringcentral verify', function () {
  this.timeout(180_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  const outputs: string[] = [];

  async function sf(
    args: string[],
    env: Record<string, string> = { RINGCENTRAL_CLIENT_SECRET: SECRET },
  ): Promise<RunResult> {
    const r = await cli.run(args, { env });
    outputs.push(r.stdout, r.stderr);
    return r;
  }
  const verify = (extra: string[] = [], env?: Record<string, string>): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'verify', '-o', 'v', '--json', ...extra], env);
  const check = (r: RunResult, id: string): Check => (r.json.result.checks as Check[]).find((c) => c.id === id)!;
  const callbackUrl = (): string => `${org.instanceUrl}/services/authcallback/Ring_Central`;

  before(async () => {
    // The org keeps the External Client App's own secret: configure can hand it to the ECI auth provider only when the
    // org lets its REST API give it (the setting the plugin names when it is off).
    org = await SimulatedOrg.start({ seed: { settings: { clientSecretInRestApiAccess: true } } });
    installVoiceConnector(org);
    rc = await FakeRingCentral.start({
      apps: [
        { clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [], authCodeFlow: true, environment: 'production' },
      ],
    });
    cli = await SfCli.create();
    await cli.login(org, 'v');
    await cli.linkPlugin(REPO_ROOT);
    const configured = await sf([
      'eci',
      'ringcentral',
      'configure',
      '-o',
      'v',
      '--client-id',
      CLIENT_ID,
      '--server',
      rc.url,
      '--contact-email',
      'admin@sim.example',
      '--integration-username',
      INTEGRATION_USER,
      '--integration-email',
      'admin@sim.example',
      '--json',
    ]);
    expect(configured.code, configured.stdout).to.equal(0);
  });

  after(async () => {
    await rc?.stop();
    await org?.stop();
    await cli?.cleanup();
  });

  it("fails where a person still has to act: the redirect URI and the named credentials' consent", async () => {
    const r = await verify();
    expect(r.code).to.equal(1);
    expect(r.json.result.passed).to.equal(false);
    expect(check(r, 'ringcentral-redirect-uri').status).to.equal('fail');
    expect(check(r, 'ringcentral-credentials').status).to.equal('pass');
    expect(check(r, 'callout:Ring_Central').status).to.equal('fail');
    expect(check(r, 'callout:ECI_Named_Credential').status).to.equal('fail');
    expect(check(r, 'step:ringcentral-auth-provider').status).to.equal('pass');
  });

  it("passes, exit 0, once the person's steps are done; and writes nothing", async () => {
    rc.app(CLIENT_ID)!.redirectUris.push(callbackUrl());
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const writes = org.writes().length;
    const r = await verify(['--integration-username', INTEGRATION_USER]);
    const failing = (r.json.result.checks as Check[]).filter((c) => c.status !== 'pass');
    expect(failing, JSON.stringify(failing, null, 1)).to.deep.equal([]);
    expect(r.code).to.equal(0);
    expect(r.json.result).to.deep.include({ passed: true });
    expect(org.writes().length).to.equal(writes);
  });

  it('prints a checklist a person reads', async () => {
    const r = await sf(['eci', 'ringcentral', 'verify', '-o', 'v', '--integration-username', INTEGRATION_USER]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}Add RingCentral as an Authorized Provider/);
    expect(r.stdout).to.match(/PASS {2}The "ECI Named Credential" named credential is authorized and works/);
    expect(r.stdout).to.include('0 failed, 0 skipped');
  });

  it("fails the right check, with the differing field, when a setting is changed behind the plugin's back", async () => {
    const nc = org.getMetadata('NamedCredential', 'Ring_Central', { includeSecrets: true })!;
    const original = nc.oauthScope;
    org.state.metadata.get('NamedCredential', 'Ring_Central')!.record.oauthScope = 'ReadAccounts';
    try {
      const r = await verify();
      expect(r.code).to.equal(1);
      const c = check(r, 'step:ringcentral-named-credential');
      expect(c.status).to.equal('fail');
      expect(c.drift?.[0].fields.map((f) => f.field)).to.deep.equal(['oauthScope']);
      expect(c.actions?.[0]).to.include('sf eci ringcentral create-named-credential');
      expect(check(r, 'step:ringcentral-auth-provider').status).to.equal('pass');
    } finally {
      org.state.metadata.get('NamedCredential', 'Ring_Central')!.record.oauthScope = original;
    }
  });

  it('fails the callback check when the ECI named credential points at another host', async () => {
    const stored = org.state.metadata.get('NamedCredential', 'ECI_Named_Credential')!.record;
    const original = stored.endpoint;
    stored.endpoint = 'https://old-domain.my.salesforce.com/';
    try {
      const r = await verify();
      expect(check(r, 'callback-urls').status).to.equal('fail');
      expect(check(r, 'callback-urls').detail).to.include('https://old-domain.my.salesforce.com/');
    } finally {
      stored.endpoint = original;
    }
  });

  it('fails the credentials check when the RingCentral secret is wrong, without printing it', async () => {
    const r = await verify([], { RINGCENTRAL_CLIENT_SECRET: 'WrongSecret-000' });
    const c = check(r, 'ringcentral-credentials');
    expect(c.status).to.equal('fail');
    expect(c.detail).to.match(/client id|secret/i);
    expect(r.stdout + r.stderr).to.not.include('WrongSecret-000');
    expect(r.code).to.equal(1);
  });

  it('fails the redirect check when the callback URL is not registered', async () => {
    const app = rc.app(CLIENT_ID)!;
    app.redirectUris = ['https://dummyurl.com'];
    try {
      const r = await verify();
      const c = check(r, 'ringcentral-redirect-uri');
      expect(c.status).to.equal('fail');
      expect(c.actions?.join(' ')).to.include('Redirect URI');
    } finally {
      app.redirectUris = [callbackUrl()];
    }
  });

  it('fails the callout check when a named credential is not authorized', async () => {
    org.settings.authorizedNamedCredentials = ['ECI_Named_Credential'];
    try {
      const r = await verify();
      expect(check(r, 'callout:Ring_Central').status).to.equal('fail');
      expect(check(r, 'callout:Ring_Central').detail).to.include('401');
      expect(check(r, 'callout:ECI_Named_Credential').status).to.equal('pass');
    } finally {
      org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    }
  });

  it('skips the credentials check without a secret (not a pass: exit 1), and --allow-skipped accepts it', async () => {
    const strict = await verify([], {});
    expect(check(strict, 'ringcentral-credentials').status).to.equal('skip');
    expect(check(strict, 'ringcentral-credentials').detail).to.include('RINGCENTRAL_CLIENT_SECRET');
    expect(strict.code).to.equal(1);
    const lenient = await verify(['--allow-skipped'], {});
    expect(lenient.code).to.equal(0);
    expect(lenient.json.result.summary.skipped).to.be.greaterThan(0);
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
