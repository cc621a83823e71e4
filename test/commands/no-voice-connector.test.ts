/*
 * Prerequisites before any write, in process, as a new user would try it: an org where
 * the Voice Connector app was never installed. `configure` used to create both auth providers, both named
 * credentials and the app, then fail on the site; now it writes nothing, prints the checklist with each item's Setup
 * URL, exits 78, and --json carries the checklist. Once the app is installed, the same command finishes.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { inProcessOrgAndCli } from './in-process.js';

const CMD = ['eci', 'ringcentral', 'configure', '-o', 'novc'];
const ARGS = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example'];
const SECRET = 'RcSecret-E2E-Prereq-77b1';
const WITH_SECRET = { env: { RINGCENTRAL_CLIENT_SECRET: SECRET } };

type Check = { id: string; status: string; title: string; action?: string; setupUrl: string };

describe('in process: prerequisites on an org without the Voice Connector', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  let org: SimulatedOrg;

  before(async () => {
    org = await fixture.freshOrg('novc', {
      seed: { settings: { connectedAppCreationAllowed: true } },
      // The org has Sites and the SiteLogin page, but neither the Voice Connector app nor ECI's permission sets.
      prepare: (o) => installVoiceConnector(o, { voiceConnectorPermission: false, eciPermissionSets: false }),
    });
  });

  it('configure writes nothing, prints the checklist with each Setup URL, exits 78', async () => {
    const r = await fixture.cli.run([...CMD, ...ARGS], WITH_SECRET);
    expect(r.code, r.stdout + r.stderr).to.equal(78);
    expect(r.stdout).to.include('Before the guide can run (nothing was written)');
    expect(r.stdout).to.include('The Voice Connector app is installed');
    expect(r.stdout).to.include(`${org.instanceUrl}/lightning/setup/ImportedPackage/home`);
    expect(r.stdout).to.include(`${org.instanceUrl}/lightning/setup/PermSets/home`);
    expect(r.stdout + r.stderr).to.not.include(SECRET);
    expect(org.writes()).to.deep.equal([]);
  });

  it('--json carries the checklist; --dry-run shows the same checklist with the plan', async () => {
    const json = await fixture.cli.run([...CMD, ...ARGS, '--json'], WITH_SECRET);
    expect(json.code).to.equal(78);
    expect(json.json.name).to.equal('PrerequisitesMissingError');
    const missing = (json.json.data.prerequisites as Check[]).filter((c) => c.status === 'missing');
    expect(missing.map((c) => c.id)).to.deep.equal(['voice-connector-app', 'eci-permission-sets']);
    expect(missing.every((c) => c.action?.includes(c.setupUrl))).to.equal(true);
    const dry = await fixture.cli.run([...CMD, ...ARGS, '--dry-run'], WITH_SECRET);
    expect(dry.code).to.equal(78);
    expect(dry.stdout).to.match(/will create\s+AuthProvider\s+Ring_Central/);
    expect(dry.stdout).to.include('This plan cannot run yet').and.include('The Voice Connector app is installed');
    expect(org.writes()).to.deep.equal([]);
  });

  it('once the Voice Connector and ECI are installed, the same command finishes', async () => {
    org.insertRecord('PermissionSet', {
      Name: 'VoiceConnectorPermission',
      Label: 'Voice Connector Permission',
      NamespacePrefix: 'vcon',
    });
    org.insertRecord('PermissionSet', {
      Name: 'ConversationInsightsIntegrationUser',
      Label: 'Conversation Insights Integration User',
    });
    const r = await fixture.cli.run([...CMD, ...ARGS, '--json'], WITH_SECRET);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(org.listMetadataNames('CustomSite')).to.deep.equal(['VoiceConnector']);
  });
});
