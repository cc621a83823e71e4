/*
 * Export (issue 11) with the real sf CLI: `configure --output-dir` on an empty simulated org writes a source-format
 * project and nothing to the org; `sf project deploy start` of that project (run in its folder, the secrets in the
 * environment, filled in by its replacements) against a SECOND empty org yields the same components that `configure`
 * makes on a third one. The exported values that belong to the planned-against org (its My Domain) are the one
 * documented difference: they are compared with each org's own My Domain put in their place.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli, type RunResult, type SfCli } from './harness.js';

const CONFIGURE = ['eci', 'ringcentral', 'configure'];
const RC_SECRET = 'RcExportSecret-7c1e44aa';
const ECI_KEY = 'EciExportKey3f9a1c2b7d6e5f40a1b2c3d4e5f6a7b8';
const ECI_SECRET = 'EciExportSecret9d8c7b6a5f4e3d2c1b0a99887766';
const FULL = [
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--integration-username',
  'eci.integration@acme.example',
  '--integration-email',
  'admin@acme.example',
];
const TYPES = ['AuthProvider', 'NamedCredential', 'ConnectedApp', 'ExternalClientApplication', 'CustomSite'];
const SEED = { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } };

async function emptyOrg(cli: SfCli, alias: string): Promise<SimulatedOrg> {
  const org = await SimulatedOrg.start({ seed: SEED });
  installVoiceConnector(org);
  await cli.login(org, alias);
  return org;
}

/** Every component of the guide's types as the org holds it, secrets included, the org's My Domain as a marker. */
function componentsOf(org: SimulatedOrg, myDomain: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of TYPES)
    for (const name of org.listMetadataNames(type))
      out[`${type}:${name}`] = JSON.parse(
        JSON.stringify(org.getMetadata(type, name, { includeSecrets: true }))
          .split(myDomain)
          .join('<MY_DOMAIN>'),
      );
  return out;
}

/** Only the files and values the export's orgSpecific list names are changed, each for the target org's. */
async function retarget(project: string, exported: RunResult, from: SimulatedOrg, to: SimulatedOrg): Promise<void> {
  const listed = (exported.json.result as { export: { orgSpecific: Array<{ path: string; value: string }> } }).export
    .orgSpecific;
  expect(listed.length).to.be.greaterThan(0);
  for (const path of new Set(listed.map((o) => o.path))) {
    const file = join(project, path);
    let text = await readFile(file, 'utf8');
    for (const { value } of listed.filter((o) => o.path === path))
      text = text
        .split(`>${value}<`)
        .join(`>${value.split(from.instanceUrl).join(to.instanceUrl).split(from.username).join(to.username)}<`);
    await writeFile(file, text);
  }
}

describe('e2e: export with --output-dir, then sf project deploy start', function () {
  this.timeout(300_000);
  const fixture = simulatedOrgAndCli();
  let tmp: string;
  const orgs: SimulatedOrg[] = [];
  const outputs: string[] = [];

  const run = async (args: string[], opts: Parameters<SfCli['run']>[1] = {}): Promise<RunResult> => {
    const r = await fixture.cli.run(args, { timeoutMs: 120_000, ...opts });
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'eci-export-e2e-'));
  });
  after(async () => {
    await Promise.all(orgs.map((o) => o.stop()));
    await rm(tmp, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(
      `      export e2e: ${fixture.cli.timings.map((t) => `${t.args.slice(0, 3).join(' ')} ${t.ms} ms`).join(', ')}`,
    );
  });

  it('the deployed export equals what configure makes, with an org and without; no secret in any file or output', async () => {
    const project = join(tmp, 'eci-project');
    const source = await emptyOrg(fixture.cli, 'exp-source');
    orgs.push(source);
    const exported = await run([...CONFIGURE, '-o', 'exp-source', ...FULL, '--output-dir', project, '--json'], {
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    expect(exported.code, exported.stdout + exported.stderr).to.equal(0);
    expect(source.writes(), 'writes to the planned-against org').to.deep.equal([]);
    const result = exported.json.result as { export: { files: Array<{ path: string }>; environment: string[] } };
    expect(result.export.files).to.have.length(6);
    expect(result.export.environment).to.have.members([
      'RINGCENTRAL_CLIENT_SECRET',
      'ECI_CONSUMER_KEY',
      'ECI_CONSUMER_SECRET',
    ]);

    // The values the export lists as the planned-against org's are what a pipeline sets per org: put in the target's.
    const target = await emptyOrg(fixture.cli, 'exp-target');
    orgs.push(target);
    await retarget(project, exported, source, target);

    // The deploy of the project, as a pipeline runs it: in its folder, the secrets from the environment.
    const deployed = await run(
      ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'exp-target', '--json'],
      {
        cwd: project,
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET, ECI_CONSUMER_KEY: ECI_KEY, ECI_CONSUMER_SECRET: ECI_SECRET },
      },
    );
    expect(deployed.code, deployed.stdout + deployed.stderr).to.equal(0);
    expect(deployed.json.result.status).to.equal('Succeeded');

    // The reference: configure itself on a third empty org.
    const reference = await emptyOrg(fixture.cli, 'exp-reference');
    orgs.push(reference);
    const configured = await run([...CONFIGURE, '-o', 'exp-reference', ...FULL, '--json'], {
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    expect(configured.code, configured.stdout + configured.stderr).to.equal(0);

    const got = componentsOf(target, target.instanceUrl);
    const want = componentsOf(reference, reference.instanceUrl);
    expect(Object.keys(got).sort()).to.deep.equal(Object.keys(want).sort());
    // The secrets are the ones given: the environment's in the deployed org; configure chose its own app key and secret.
    const app = (c: Record<string, unknown>): Record<string, unknown> =>
      (c['ConnectedApp:ECI_Connected_App'] as { oauthConfig: Record<string, unknown> }).oauthConfig;
    const eci = (c: Record<string, unknown>): Record<string, unknown> =>
      c['AuthProvider:ECI_Auth_Provider'] as Record<string, unknown>;
    expect(app(got)).to.include({ consumerKey: ECI_KEY, consumerSecret: ECI_SECRET });
    expect(eci(got)).to.include({ consumerKey: ECI_KEY, consumerSecret: ECI_SECRET });
    expect(got['AuthProvider:Ring_Central']).to.include({ consumerSecret: RC_SECRET });
    expect(eci(want).consumerKey).to.equal(app(want).consumerKey);
    for (const c of [got, want]) {
      for (const part of [app(c), eci(c)]) {
        delete part.consumerKey;
        delete part.consumerSecret;
      }
    }
    expect(got).to.deep.equal(want);

    // A pipeline without an org: the export planned for the target's My Domain and site contact deploys as it is.
    const offlineProject = join(tmp, 'offline-project');
    // Logged in last: every simulated org has the same admin username, and sf keeps one login per username.
    const offlineTarget = await emptyOrg(fixture.cli, 'exp-offline');
    orgs.push(offlineTarget);
    const planned = await run([
      ...CONFIGURE,
      ...FULL,
      '--my-domain',
      offlineTarget.instanceUrl,
      '--site-contact',
      offlineTarget.username,
      '--output-dir',
      offlineProject,
      '--json',
    ]);
    expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
    expect(planned.json.result.export.files).to.have.length(6);
    const deployedOffline = await run(
      ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'exp-offline', '--json'],
      {
        cwd: offlineProject,
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET, ECI_CONSUMER_KEY: ECI_KEY, ECI_CONSUMER_SECRET: ECI_SECRET },
      },
    );
    expect(deployedOffline.code, deployedOffline.stdout + deployedOffline.stderr).to.equal(0);
    const gotOffline = componentsOf(offlineTarget, offlineTarget.instanceUrl);
    expect(app(gotOffline)).to.include({ consumerKey: ECI_KEY, consumerSecret: ECI_SECRET });
    for (const part of [app(gotOffline), eci(gotOffline)]) {
      delete part.consumerKey;
      delete part.consumerSecret;
    }
    expect(gotOffline).to.deep.equal(want);

    // No secret in any exported file, nor in anything sf printed.
    for (const dir of [project, offlineProject])
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
        for (const secret of [RC_SECRET, ECI_KEY, ECI_SECRET]) expect(text, entry.name).to.not.include(secret);
      }
    for (const text of outputs) for (const secret of [RC_SECRET, ECI_SECRET]) expect(text).to.not.include(secret);
  });

  it('a deploy without the secrets in the environment is refused by sf before anything is sent', async () => {
    const project = join(tmp, 'no-secrets');
    const source = await emptyOrg(fixture.cli, 'exp-nosecret-source');
    orgs.push(source);
    const exported = await run([...CONFIGURE, '-o', 'exp-nosecret-source', ...FULL, '--output-dir', project, '--json']);
    expect(exported.code, exported.stdout + exported.stderr).to.equal(0);
    const target = await emptyOrg(fixture.cli, 'exp-nosecret-target');
    orgs.push(target);
    const deployed = await run(
      ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', 'exp-nosecret-target', '--json'],
      {
        cwd: project,
        env: { ECI_CONSUMER_KEY: ECI_KEY, ECI_CONSUMER_SECRET: ECI_SECRET },
      },
    );
    expect(deployed.code).to.not.equal(0);
    expect(deployed.stdout + deployed.stderr).to.include('RINGCENTRAL_CLIENT_SECRET');
    expect(target.writes()).to.deep.equal([]);
    expect(target.listMetadataNames('AuthProvider')).to.deep.equal([]);
  });
});
