/*
 * The secrets audit finds what it is meant to find: a planted secret in an output and in a file (masked in its
 * report), and the plumbing that feeds it without any test's help (the simulated org's token, the in-process
 * runner's outputs and data folder, the e2e harness's CLI home at cleanup and every sf run's output).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import { InProcess } from '../commands/in-process.js';
import { SfCli } from '../e2e/harness.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { mask, SecretsAudit, secretsAudit } from './secrets-audit.js';

const PLANTED = 'PlantedSecret-0c5e77a9';

describe('the secrets audit', function () {
  this.timeout(60_000);

  it('finds a planted secret in an output and in a file, and names both with the secret masked', async () => {
    const audit = new SecretsAudit();
    audit.registerSecret(PLANTED, 'a planted test secret');
    audit.registerSecret('short', 'too short to search for');
    audit.registerSecret('x'.repeat(513), 'padding the plugin refuses as a secret');
    audit.registerSecret('abababababab', 'too few distinct characters');
    audit.recordOutput('stdout of a clean run', `nothing to see here: short ${'x'.repeat(600)} abababababab`);
    audit.recordOutput('stderr of a leaking run', `Error: refused ${PLANTED} by the server`);
    const dir = await mkdtemp(join(tmpdir(), 'eci-audit-test-'));
    try {
      await writeFile(join(dir, 'sf.log'), `{"msg":"token ${PLANTED}"}\n`);
      await writeFile(join(dir, 'clean.json'), '{}');
      expect(await audit.recordFiles(dir, 'a planted home')).to.equal(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const summary = audit.run();
    expect(summary.outputs).to.equal(4);
    expect(summary.secrets).to.equal(1);
    expect(summary.checks).to.equal(4);
    expect(summary.hits.map((h) => h.output).sort()).to.deep.equal([
      'file sf.log of a planted home',
      'stderr of a leaking run',
    ]);
    const verdict = audit.verdict();
    expect(verdict).to.include({ outputs: 4, passed: 2 });
    expect(verdict.error?.message).to.include(mask(PLANTED)).and.include('a planted test secret');
    expect(verdict.error?.message).to.include('stderr of a leaking run').and.include('file sf.log of a planted home');
    expect(verdict.error?.message).to.not.include(PLANTED);
  });

  it('passes outputs without a secret, and a folder no cleanup recorded is audited at the end', async () => {
    const audit = new SecretsAudit();
    audit.registerSecret(PLANTED, 'a planted test secret');
    audit.recordOutput('stdout', 'clean');
    const dir = await mkdtemp(join(tmpdir(), 'eci-audit-test-'));
    try {
      audit.watchDir(dir, 'a forgotten home');
      await writeFile(join(dir, 'backup.json'), PLANTED);
      expect(audit.verdict()).to.deep.equal({ outputs: 1, passed: 1 });
      await audit.recordLeftoverDirs();
      expect(audit.run().hits.map((h) => h.output)).to.deep.equal([
        'file backup.json of a forgotten home (never cleaned up)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the suite audit is fed without the tests: an in-process run, its data folder, the simulators', async () => {
    const audit = secretsAudit();
    const env = await InProcess.start({ env: { RINGCENTRAL_CLIENT_SECRET: PLANTED } });
    const rc = await FakeRingCentral.start({
      apps: [
        {
          clientId: 'AuditClient01',
          clientSecret: 'AuditRcSecret-91d2',
          environment: 'production',
          redirectUris: [],
          authCodeFlow: true,
        },
      ],
    });
    await rc.stop();
    expect(audit.knows(env.org.accessToken), "the org's access token").to.equal(true);
    expect(audit.knows(PLANTED), 'the env secret of start()').to.equal(true);
    expect(audit.knows('AuditRcSecret-91d2'), 'the RingCentral app secret').to.equal(true);
    const r = await env.run(CreateAuthProvider, ['-o', env.username, '--client-id', '', '--json']);
    expect(r.error?.name).to.equal('InvalidClientIdError');
    expect(audit.sources().some((s) => s.startsWith('error of in-process -o'))).to.equal(true);
    // A file planted in the run's data folder is found when the test's cleanup removes the folder.
    await writeFile(join(env.dataDir!, 'planted-backup.json'), JSON.stringify({ consumerSecret: PLANTED }));
    await env.stop();
    const hits = audit.run().hits.filter((h) => h.output.includes('planted-backup.json'));
    expect(hits).to.have.length(1);
    expect(hits[0].secret).to.equal(mask(PLANTED));
    // Planted on purpose: removed so the suite's own verdict judges the real outputs only.
    expect(audit.drop((s) => s.includes('planted-backup.json'))).to.equal(1);
  });

  it('the e2e harness records every sf run and audits the CLI home at cleanup', async () => {
    const audit = secretsAudit();
    const cli = await SfCli.create();
    const r = await cli.run(['--version']);
    expect(r.code).to.equal(0);
    expect(audit.sources()).to.include('stdout of sf --version');
    audit.registerSecret(PLANTED, 'a planted test secret');
    await writeFile(join(cli.home, 'planted.log'), `token=${PLANTED}`);
    await cli.cleanup();
    const hits = audit.run().hits.filter((h) => h.output.includes('planted.log'));
    expect(hits.map((h) => h.output)).to.deep.equal([`file planted.log of the CLI home ${cli.home}`]);
    expect(audit.drop((s) => s.includes('planted.log'))).to.equal(1);
  });
});
