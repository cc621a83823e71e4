/*
 * `sf eci ringcentral teardown` with the real sf CLI against the simulated org (issue 11): configure → teardown
 * (default, then --include-eci) → configure ends configured, and verify passes; --dry-run removes nothing; after
 * --include-eci --include-auth-providers, configure fails on the URL suffix with an action; no secret in any output.
 */
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CLIENT_ID = 'TeardownClient01';
const SECRET = 'RcTeardownSecret-3f9a61';
const INTEGRATION_USER = 'eci.integration@sim.example';

type Check = { id: string; status: 'pass' | 'fail' | 'skip' };
type Item = { type: string; name: string; status: string; error?: { message: string } };

describe('e2e: sf eci ringcentral teardown', function () {
  this.timeout(240_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  const outputs: string[] = [];

  async function sf(args: string[]): Promise<RunResult> {
    const r = await cli.run(args, { env: { RINGCENTRAL_CLIENT_SECRET: SECRET } });
    outputs.push(r.stdout, r.stderr);
    return r;
  }
  const configure = (extra: string[] = []): Promise<RunResult> =>
    sf([
      'eci',
      'ringcentral',
      'configure',
      '-o',
      't',
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
      ...extra,
    ]);
  const teardown = (extra: string[]): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'teardown', '-o', 't', '--json', ...extra]);
  /** verify, once the person's steps are done (the named credentials re-authorized after they were made again). */
  async function verifyPasses(): Promise<void> {
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const r = await sf([
      'eci',
      'ringcentral',
      'verify',
      '-o',
      't',
      '--json',
      '--integration-username',
      INTEGRATION_USER,
    ]);
    const failing = (r.json.result.checks as Check[]).filter((c) => c.status !== 'pass');
    expect(failing, JSON.stringify(failing, null, 1)).to.deep.equal([]);
    expect(r.code).to.equal(0);
  }
  const items = (r: RunResult): Item[] => (r.json.result ?? r.json.data).components;

  before(async () => {
    org = await SimulatedOrg.start({ seed: { settings: { clientSecretInRestApiAccess: true } } });
    installVoiceConnector(org);
    rc = await FakeRingCentral.start({
      apps: [
        { clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [], authCodeFlow: true, environment: 'production' },
      ],
    });
    rc.app(CLIENT_ID)!.redirectUris.push(`${org.instanceUrl}/services/authcallback/Ring_Central`);
    cli = await SfCli.create();
    await cli.login(org, 't');
    await cli.linkPlugin(REPO_ROOT);
    const configured = await configure();
    expect(configured.code, configured.stdout).to.equal(0);
    await verifyPasses();
  });

  after(async () => {
    await rc?.stop();
    await org?.stop();
    await cli?.cleanup();
  });

  it('default teardown removes the RingCentral named credential only; configure makes it again; verify passes', async () => {
    const r = await teardown(['--force']);
    expect(r.code, r.stdout).to.equal(0);
    expect(items(r).map((i) => `${i.type} ${i.name} ${i.status}`)).to.deep.equal([
      'NamedCredential Ring_Central deleted',
    ]);
    expect(org.listMetadataNames('NamedCredential')).to.deep.equal(['ECI_Named_Credential']);
    expect(org.listMetadataNames('AuthProvider').sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    const again = await configure();
    expect(again.code, again.stdout).to.equal(0);
    expect(org.listMetadataNames('NamedCredential').sort()).to.deep.equal(['ECI_Named_Credential', 'Ring_Central']);
    await verifyPasses();
  });

  it('--include-eci removes the ECI part (site deactivated); configure --force ends configured; verify passes', async () => {
    const r = await teardown(['--include-eci', '--integration-username', INTEGRATION_USER, '--force']);
    expect(r.code, r.stdout).to.equal(0);
    expect(org.listMetadataNames('NamedCredential')).to.deep.equal([]);
    expect(org.getMetadata('CustomSite', 'VoiceConnector')?.active).to.equal(false);
    expect(r.json.result.backupFile).to.be.a('string');
    // Activating the site again is an update of what exists: configure asks for it, --force gives it.
    const refused = await configure();
    expect(refused.code).to.equal(1);
    expect(refused.json.name).to.equal('UpdatesNeedForceError');
    const again = await configure(['--force']);
    expect(again.code, again.stdout).to.equal(0);
    expect(org.getMetadata('CustomSite', 'VoiceConnector')?.active).to.equal(true);
    await verifyPasses();
  });

  it('--dry-run removes nothing; without --force nothing is removed either', async () => {
    const writes = org.writes().length;
    const dry = await teardown(['--include-eci', '--include-auth-providers', '--dry-run']);
    expect(dry.code, dry.stdout).to.equal(0);
    expect(items(dry).every((i) => i.status === 'planned')).to.equal(true);
    expect(dry.json.result.retiredSuffixes.sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    const human = await sf([
      'eci',
      'ringcentral',
      'teardown',
      '-o',
      't',
      '--include-eci',
      '--include-auth-providers',
      '--dry-run',
    ]);
    expect(human.code).to.equal(0);
    expect(human.stdout).to.include('will delete').and.include('AuthProvider').and.include('Dry run');
    expect(human.stderr).to.include('can never be configured by the guide');
    const gated = await teardown(['--include-eci']);
    expect(gated.code).to.equal(1);
    expect(gated.json.name).to.equal('NeedsForceError');
    expect(org.writes().length).to.equal(writes);
  });

  it('after --include-eci --include-auth-providers, configure fails on the URL suffix with an action', async () => {
    const r = await teardown(['--include-eci', '--include-auth-providers', '--force']);
    expect(r.code, r.stdout).to.equal(0);
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    expect(org.listMetadataNames('ConnectedApp')).to.deep.equal([]);
    expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
    const again = await configure(['--force']);
    expect(again.code).to.not.equal(0);
    const text = JSON.stringify(again.json);
    expect(text).to.match(/previously used/i);
    expect(text).to.include('never lets a URL suffix of a deleted auth provider be used again');
  });

  it('no secret in any output', () => {
    expect(outputs.length).to.be.greaterThan(0);
    for (const out of outputs) expect(out).to.not.include(SECRET);
  });
});
