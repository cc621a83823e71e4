/*
 * `sf eci ringcentral teardown` in process against the simulated org: configure → teardown (default, then
 * --include-eci) → configure ends configured, and verify passes; after --include-eci --include-auth-providers,
 * configure fails on the URL suffix with an action; no secret in any output. Teardown through the real sf CLI is in
 * test/e2e/teardown.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { FakeRingCentral } from '../sim/ringcentral.js';
import type { RunResult } from '../support/cli-run.js';
import {
  type Check,
  CLIENT_ID,
  configuredRuns,
  fullConfigure,
  INTEGRATION_USER,
  SECRET,
} from '../support/configured-org.js';
import { inProcessOrgAndCli } from './in-process.js';

type Item = { type: string; name: string; status: string; error?: { message: string } };

describe('in process: configure, teardown, configure again', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  const runs = configuredRuns(fixture, 't');
  const { sf, outputs } = runs;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  before(() => ({ org, rc } = runs));
  const teardown = (extra: string[]): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'teardown', '-o', 't', '--json', ...extra]);
  const items = (r: RunResult): Item[] => (r.json.result ?? r.json.data).components;
  const configure = (extra: string[] = []): Promise<RunResult> => sf([...fullConfigure('t', rc), ...extra]);
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

  before(async () => {
    rc.app(CLIENT_ID)!.redirectUris.push(`${org.instanceUrl}/services/authcallback/Ring_Central`);
    await verifyPasses();
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
