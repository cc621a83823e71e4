/*
 * The ECI app's key and secret on a DEFAULT Spring '26 org (REST access to consumer secrets off, the usage list
 * strict), through the real sf CLI: configure without consent stops at the ECI auth provider with exit 68 and the
 * three ways out; with --allow-secret-read-via-rest a run cut by Ctrl-C between switching the setting on and back off
 * leaves it on and recorded, the next run of another command (verify) turns it off; and configure with consent
 * finishes in one run, the ECI auth provider holding the key and secret the org made, the setting as it began. The
 * process boundary is what is tested: the record on disk outlives the process that wrote it.
 */
import { expect } from 'chai';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli } from './harness.js';

const ALIAS = 'eca-default';
const CONFIGURE = [
  'eci',
  'ringcentral',
  'configure',
  '-o',
  ALIAS,
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--json',
];
const ENV = { env: { RINGCENTRAL_CLIENT_SECRET: 'RcSecret-E2e-Default-90b3' } };
const FLAG = '--allow-secret-read-via-rest';
const SETTING = 'Allow access to External Client App consumer secrets via REST API';

type Step = { id: string; status: string; reason?: string; actions?: string[]; details: Record<string, unknown> };
const steps = (json: { result?: { steps: Step[] }; data?: { steps: Step[] } }): Step[] =>
  (json.result ?? json.data)!.steps;

describe('e2e: configure on a default Spring ’26 org, the ECI app’s key and secret', function () {
  this.timeout(240_000);
  const fixture = simulatedOrgAndCli();

  it('without consent exit 68 and the three ways out; Ctrl-C mid-switch repaired by verify; with consent one run finishes', async () => {
    const org = await fixture.freshOrg(ALIAS, { prepare: (o) => installVoiceConnector(o) });
    const { cli } = fixture;

    const refused = await cli.run(CONFIGURE, ENV);
    expect(refused.code, refused.stdout + refused.stderr).to.equal(68);
    const failed = steps(refused.json).find((s) => s.id === 'eci-auth-provider')!;
    expect(failed.reason).to.include(SETTING);
    expect(failed.actions!.join('\n'))
      .to.include(FLAG)
      .and.include('ExternalClientApplicationSettings')
      .and.include('ECI_CONSUMER_KEY');
    expect(org.settings.clientSecretInRestApiAccess).to.equal(false);

    // Ctrl-C right as the switch lands: the settings deploy's second status poll (the first answers InProgress).
    let pid = 0;
    org.faults.add(
      { operation: 'checkDeployStatus', nth: 2 },
      { kind: 'then', run: () => process.kill(pid, 'SIGINT') },
    );
    const cut = await cli.run([...CONFIGURE, FLAG], { ...ENV, onSpawn: (p) => (pid = p) });
    expect(cut.code, cut.stdout + cut.stderr).to.equal(130);
    expect(org.settings.clientSecretInRestApiAccess, 'left on by the cut run').to.equal(true);

    const verify = await cli.run(['eci', 'ringcentral', 'verify', '-o', ALIAS, '--json']);
    expect(JSON.stringify(verify.json.warnings)).to.include('It is off again now');
    expect(org.settings.clientSecretInRestApiAccess).to.equal(false);

    const done = await cli.run([...CONFIGURE, FLAG], ENV);
    expect(done.code, done.stdout + done.stderr).to.equal(0);
    const provider = steps(done.json).find((s) => s.id === 'eci-auth-provider')!;
    expect(provider.status).to.equal('created');
    expect(provider.details.secretAccess).to.deep.include({ turnedOn: true, restored: true });
    const app = org.consumerCredentials('ECI_Connected_App')!;
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.deep.include({
      consumerKey: app.consumerKey,
      consumerSecret: app.consumerSecret,
    });
    expect(org.settings.clientSecretInRestApiAccess, 'as it began').to.equal(false);
    for (const r of [refused, cut, verify, done])
      expect(r.stdout + r.stderr)
        .to.not.include(app.consumerSecret)
        .and.not.include(app.consumerKey);
  });
});
