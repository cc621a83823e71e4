/*
 * Secrets never reach the disk, not even through the CLI's own log at its most verbose level: configure runs with
 * SF_LOG_LEVEL=trace, then every file the CLI wrote in its isolated home is searched for each secret.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli } from './harness.js';

const SECRET = 'RcDiskSecret-5e8f11a0';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('e2e: no secret on disk or in the CLI log', function () {
  this.timeout(120_000);
  const fixture = simulatedOrgAndCli();
  let org: SimulatedOrg;

  before(async () => {
    org = await fixture.freshOrg('disk', {
      seed: { settings: { connectedAppCreationAllowed: true } },
      prepare: (o) => installVoiceConnector(o),
    });
  });

  it('configure at trace log level leaves no secret in any file of the CLI home', async () => {
    const r = await fixture.cli.run(
      [
        'eci',
        'ringcentral',
        'configure',
        '-o',
        'disk',
        '--client-id',
        'DiskClient1',
        '--contact-email',
        'admin@sim.example',
        '--json',
      ],
      {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET, SF_LOG_LEVEL: 'trace' },
      },
    );
    expect(r.code, r.stdout).to.equal(0);
    const app = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true }) as {
      oauthConfig: { consumerKey: string; consumerSecret: string };
    };
    const secrets = [SECRET, app.oauthConfig.consumerKey, app.oauthConfig.consumerSecret];
    expect(secrets.every((s) => typeof s === 'string' && s.length >= 8)).to.equal(true);

    const files = await filesUnder(fixture.cli.home);
    const logs = files.filter((f) => f.endsWith('.log'));
    expect(logs.length, 'the trace log was written').to.be.greaterThan(0);
    const logText = (await Promise.all(logs.map((f) => readFile(f, 'utf8')))).join('\n');
    // The log did record the plugin's API calls (at trace level, sf logs every request it sends).
    expect(logText).to.match(/"method":"(GET|POST)","url":"http:\/\/127\.0\.0\.1:\d+\/\/services\/(data|Soap)/);
    for (const file of files) {
      const content = await readFile(file, 'latin1');
      for (const s of secrets) expect(content.includes(s), `${s.slice(0, 4)}… found in ${file}`).to.equal(false);
    }
    for (const s of secrets) expect(r.stdout + r.stderr).to.not.include(s);
  });

  it("the External Client App path (one deploy, the org's secret read back over REST) at trace level leaves no secret on disk either", async () => {
    org = await fixture.freshOrg('disk-eca', {
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (o) => installVoiceConnector(o),
    });
    const r = await fixture.cli.run(
      [
        'eci',
        'ringcentral',
        'configure',
        '-o',
        'disk-eca',
        '--client-id',
        'DiskClient1',
        '--contact-email',
        'admin@sim.example',
        '--json',
      ],
      {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET, SF_LOG_LEVEL: 'trace' },
      },
    );
    expect(r.code, r.stdout).to.equal(0);
    const app = org.consumerCredentials('ECI_Connected_App')!;
    const secrets = [SECRET, app.consumerKey, app.consumerSecret];
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!.consumerSecret).to.equal(
      app.consumerSecret,
    );
    for (const file of await filesUnder(fixture.cli.home)) {
      const content = await readFile(file, 'latin1');
      for (const s of secrets) expect(content.includes(s), `${s.slice(0, 4)}… found in ${file}`).to.equal(false);
    }
    for (const s of secrets) expect(r.stdout + r.stderr).to.not.include(s);
  });
});
