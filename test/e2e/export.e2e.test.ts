/*
 * Export with the real sf CLI, on default Spring '26 orgs (new Connected Apps refused): `configure --output-dir` on an
 * empty org writes a project and nothing to the org; deployed phase by phase into a SECOND empty org with the exact
 * commands the export prints (phase 1 `sf project deploy start --manifest …`, which makes the External Client App and
 * needs none of its variables; phase 2 once the org has made the app's key and secret), it yields what `configure`
 * makes on a third. Source-deploy-retrieve stops a phase whose `replaceWithEnv` variable is unset before anything is
 * sent. Without an org, the export deploys likewise, its phase 2 finished by the plugin commands it prints. The values
 * that belong to the planned-against org (its My Domain, its username) are the one documented difference.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { ECA_TYPES } from '../sim/rules/external-client-app.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli, type RunResult } from './harness.js';

const CONFIGURE = ['eci', 'ringcentral', 'configure'];
const RC_SECRET = 'RcExportSecret-7c1e44aa';
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
const TYPES = ['AuthProvider', 'NamedCredential', 'ConnectedApp', ...ECA_TYPES, 'CustomSite'];
const APP = 'ECI_Connected_App';

type Export = {
  files: Array<{ path: string }>;
  phases: Array<{ phase: number; command: string; environment: string[] }>;
  finish: string[];
  orgSpecific: Array<{ path: string; value: string }>;
};

/**
 * Every component of the guide's types as the org holds it, the org's My Domain as a marker; the ECI app's key and
 * secret (which each org makes for itself) checked to be the ones its ECI auth provider holds, then left out.
 */
function componentsOf(org: SimulatedOrg): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const type of TYPES)
    for (const name of org.listMetadataNames(type))
      out[`${type}:${name}`] = JSON.parse(
        JSON.stringify(org.getMetadata(type, name, { includeSecrets: true }))
          .split(org.instanceUrl)
          .join('<MY_DOMAIN>'),
      ) as Record<string, unknown>;
  const made = org.consumerCredentials(APP)!;
  const provider = out['AuthProvider:ECI_Auth_Provider'];
  expect(provider).to.include({ consumerKey: made.consumerKey, consumerSecret: made.consumerSecret });
  for (const c of [provider, out[`ExtlClntAppGlobalOauthSettings:${made.part}`]]) {
    delete c.consumerKey;
    delete c.consumerSecret;
  }
  return out;
}

/** Only the files and values the export's orgSpecific list names are changed, each for the target org's. */
async function retarget(project: string, listed: Export['orgSpecific'], from: string, to: string): Promise<void> {
  expect(listed.length).to.be.greaterThan(0);
  for (const path of new Set(listed.map((o) => o.path))) {
    const file = join(project, path);
    let text = await readFile(file, 'utf8');
    for (const { value } of listed.filter((o) => o.path === path))
      text = text.split(`>${value}<`).join(`>${value.split(from).join(to)}<`);
    await writeFile(file, text);
  }
}

/** A printed command as argv for the given org alias. */
const argv = (command: string, alias: string): string[] =>
  command.replace('<org>', alias).split(' ').slice(1).concat('--json');

describe('e2e: export with --output-dir, deployed phase by phase with sf project deploy start', function () {
  this.timeout(300_000);
  const e2e = simulatedOrgAndCli();
  const outputs: string[] = [];
  let tmp: string;
  let reference: Record<string, unknown> | undefined;

  const run = async (args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> => {
    const r = await e2e.cli.run(args, { timeoutMs: 120_000, ...opts });
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const emptyOrg = (alias: string, settings: Record<string, unknown> = {}): Promise<SimulatedOrg> =>
    e2e.freshOrg(alias, { seed: { settings }, prepare: (org) => installVoiceConnector(org) });

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'eci-export-e2e-'));
  });
  after(async () => {
    await rm(tmp, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(
      `      export e2e: ${e2e.cli.timings.map((t) => `${t.args.slice(0, 3).join(' ')} ${t.ms} ms`).join(', ')}`,
    );
  });

  it('the export of an empty org, deployed in its two phases into a second one, equals configure on a third', async () => {
    const project = join(tmp, 'eci-project');
    const source = await emptyOrg('exp-source');
    const exported = await run([...CONFIGURE, '-o', 'exp-source', ...FULL, '--output-dir', project, '--json']);
    expect(exported.code, exported.stdout + exported.stderr).to.equal(0);
    expect(source.writes(), 'writes to the planned-against org').to.deep.equal([]);
    const result = (exported.json.result as { export: Export }).export;
    expect(result.files).to.have.length(10);
    expect(result.phases.map((p) => [p.phase, p.environment])).to.deep.equal([
      [1, ['RINGCENTRAL_CLIENT_SECRET']],
      [2, ['ECI_CONSUMER_KEY', 'ECI_CONSUMER_SECRET']],
    ]);
    const [phase1, phase2] = result.phases.map((p) => p.command);
    const from = { url: source.instanceUrl, user: source.username };

    // The second org: the values the export lists as the planned-against org's are what a pipeline sets per org.
    const target = await emptyOrg('exp-target');
    await retarget(project, result.orgSpecific, from.url, target.instanceUrl);
    // Phase 1, exactly as printed, with only the RingCentral secret: the ECI app's variables do not exist yet.
    const first = await run(argv(phase1, 'exp-target'), {
      cwd: project,
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    expect(target.listMetadataNames('ExternalClientApplication')).to.deep.equal([APP]);
    expect(target.listMetadataNames('AuthProvider')).to.deep.equal(['Ring_Central']);
    // Phase 2 without the variables: source-deploy-retrieve stops it before anything is sent.
    const writes = target.writes().length;
    const unset = await run(argv(phase2, 'exp-target'), { cwd: project });
    expect(unset.code).to.not.equal(0);
    expect(unset.stdout + unset.stderr).to.include('ECI_CONSUMER_KEY');
    expect(target.writes().length).to.equal(writes);
    // Phase 2 with the key and secret the org made, as an admin copies them from Setup.
    const made = target.consumerCredentials(APP)!;
    const second = await run(argv(phase2, 'exp-target'), {
      cwd: project,
      env: { ECI_CONSUMER_KEY: made.consumerKey, ECI_CONSUMER_SECRET: made.consumerSecret },
    });
    expect(second.code, second.stdout + second.stderr).to.equal(0);
    const got = componentsOf(target);

    // The third org: configure itself (the org lets it read the app's secret over REST).
    await emptyOrg('exp-reference', { clientSecretInRestApiAccess: true });
    const configured = await run([...CONFIGURE, '-o', 'exp-reference', ...FULL, '--json'], {
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    expect(configured.code, configured.stdout + configured.stderr).to.equal(0);
    reference = componentsOf(e2e.org);
    expect(Object.keys(got).sort()).to.deep.equal(Object.keys(reference).sort());
    expect(got).to.deep.equal(reference);

    for (const entry of await readdir(project, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
      for (const secret of [RC_SECRET, made.consumerKey, made.consumerSecret])
        expect(text, entry.name).to.not.include(secret);
    }
  });

  it('without an org: the export deploys likewise, its phase 2 finished by the plugin commands it prints', async () => {
    expect(reference, 'the first test made the reference').to.not.equal(undefined);
    const project = join(tmp, 'offline-project');
    // Logged in before the export: every simulated org has the same admin username, and sf keeps one login per username.
    const target = await emptyOrg('exp-offline', { clientSecretInRestApiAccess: true });
    const planned = await run([
      ...CONFIGURE,
      ...FULL,
      '--my-domain',
      target.instanceUrl,
      '--site-contact',
      target.username,
      '--output-dir',
      project,
      '--json',
    ]);
    expect(planned.code, planned.stdout + planned.stderr).to.equal(0);
    const result = (planned.json.result as { export: Export }).export;
    expect(target.writes()).to.deep.equal([]);
    const first = await run(argv(result.phases[0].command, 'exp-offline'), {
      cwd: project,
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    expect(first.code, first.stdout + first.stderr).to.equal(0);
    expect(result.finish).to.have.length(2);
    for (const command of result.finish) {
      const r = await run(argv(command, 'exp-offline'));
      expect(r.code, r.stdout + r.stderr).to.equal(0);
    }
    expect(componentsOf(target)).to.deep.equal(reference);
    for (const text of outputs) expect(text).to.not.include(RC_SECRET);
  });
});
