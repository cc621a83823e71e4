/*
 * `--validate` with the real sf CLI on the simulated org. The org once had a "Ring_Central" auth provider, deleted since: its URL suffix can never be used
 * again, which a dry run cannot see and Salesforce's check-only deploy can. Assertions are on what a user sees: the
 * printed refusal with Salesforce's words, the JSON, the exit code, and the simulated org's state (nothing saved).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { deleteAuthProviderOnce } from '../sim/deleted-auth-provider-seed.js';
import { SUFFIX_USED_MESSAGE } from '../sim/rules/AuthProvider.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli } from './harness.js';

const RC_SECRET = 'RcSecret-ValidateE2e-93c1d0';
const CONFIGURE = [
  'eci',
  'ringcentral',
  'configure',
  '-o',
  'val',
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--validate',
];
const TYPES = ['AuthProvider', 'NamedCredential', 'ConnectedApp', 'CustomSite', 'ExternalClientApplication'];

type Component = { type: string; name: string; status: string; validation?: { status: string; message?: string } };

describe('e2e: --validate', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  let org: SimulatedOrg;

  before(async () => {
    org = await fixture.freshOrg('val', {
      prepare: (o) => {
        installVoiceConnector(o);
        deleteAuthProviderOnce(o, 'Ring_Central');
      },
    });
  });

  const orgContent = (): string =>
    JSON.stringify({
      metadata: TYPES.map((t) => org.listMetadataNames(t)),
      assignments: org.records('PermissionSetAssignment').length,
      sites: org.records('Site').length,
    });

  it('configure --validate reports the seeded refusal per component with its message, exits 1, and saves nothing', async () => {
    const before = orgContent();
    const env = { env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET } };

    const json = await fixture.cli.run([...CONFIGURE, '--json'], env);
    expect(json.code, json.stdout + json.stderr).to.equal(1);
    expect(json.json?.name).to.equal('ValidationRefusedError');
    const data = json.json.data as {
      dryRun: boolean;
      validation: Record<string, unknown>;
      steps: Array<{ components: Component[] }>;
    };
    expect(data.dryRun).to.equal(true);
    const components = data.steps.flatMap((s) => s.components);
    const refused = components.filter((c) => c.validation?.status === 'refused');
    expect(refused.map((c) => `${c.type} ${c.name}`)).to.deep.equal([
      'AuthProvider Ring_Central',
      'NamedCredential Ring_Central',
    ]);
    expect(refused[0].validation?.message).to.equal(SUFFIX_USED_MESSAGE);
    expect(components.find((c) => c.type === 'CustomSite')?.validation?.status).to.equal('accepted');
    expect(data.validation).to.deep.include({ refused: 2 });
    expect(data.validation.deployId).to.match(/^0Af/);

    // The same in words, as an admin reads it.
    const human = await fixture.cli.run(CONFIGURE, env);
    expect(human.code).to.equal(1);
    expect(human.stdout).to.match(/refused\s+AuthProvider\s+Ring_Central/);
    expect(human.stdout).to.include(SUFFIX_USED_MESSAGE);
    expect(human.stdout).to.match(/not validated\s+PermissionSetAssignment/);
    expect(human.stderr).to.include('Salesforce would refuse 2');

    // Nothing saved: no write reached the org (the check-only deploys are not writes), and its content is the same.
    expect(org.writes()).to.deep.equal([]);
    // Per run: the plan's check-only deploy, and the External Client App that auto makes for the refused Connected App.
    expect(org.calls.filter((c) => c.operation === 'deploy')).to.have.length(4);
    expect(orgContent()).to.equal(before);
    for (const r of [json, human]) expect(r.stdout + r.stderr).to.not.include(RC_SECRET);
  });
});
