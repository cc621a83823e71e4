/*
 * `sf eci ringcentral guest-permissions`, run by the real sf CLI against the simulated org.
 */
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import {
  installVoiceConnector,
  voiceConnectorSiteRecord,
  type VoiceConnectorIds,
} from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CMD = ['eci', 'ringcentral', 'guest-permissions'];

describe('e2e: sf eci ringcentral guest-permissions', function () {
  this.timeout(180_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;

  const sf = (args: string[]): Promise<RunResult> => cli.run([...CMD, '-o', 'guest', ...args]);

  async function freshOrg(
    opts: { site?: boolean; install?: Parameters<typeof installVoiceConnector>[1] } = {},
  ): Promise<void> {
    await org?.stop();
    org = await SimulatedOrg.start();
    ids = installVoiceConnector(org, opts.install);
    if (opts.site !== false) org.seedMetadata('CustomSite', voiceConnectorSiteRecord());
    await cli.login(org, 'guest');
  }

  const guestId = (): string => String(org.records('Site')[0].GuestUserId);
  const assignedTo = (userId: string): string[] =>
    org
      .records('PermissionSetAssignment')
      .filter((a) => a.AssigneeId === userId)
      .map((a) => String(org.records('PermissionSet').find((p) => p.Id === a.PermissionSetId)!.Label))
      .sort();

  before(async () => {
    cli = await SfCli.create();
    await cli.linkPlugin(REPO_ROOT);
  });

  after(async () => {
    await org?.stop();
    await cli?.cleanup();
  });

  describe('on an org with the site', () => {
    before(() => freshOrg());

    it("assigns the two guide permission sets to the site's guest user", async () => {
      const r = await sf(['--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(assignedTo(guestId())).to.deep.equal([
        'Conversation Insights Integration User',
        'Voice Connector Permission',
      ]);
      expect(r.json.result.guestUser.id).to.equal(guestId());
      expect(r.json.result.components.map((c: { type: string; status: string }) => [c.type, c.status])).to.deep.equal([
        ['PermissionSetAssignment', 'created'],
        ['PermissionSetAssignment', 'created'],
      ]);
      expect(r.json.result.permissionSets.map((s: { name: string }) => s.name)).to.deep.equal([
        'vcon__VoiceConnectorPermission',
        'ConversationInsightsIntegrationUser',
      ]);
    });

    it('a second run is unchanged and writes nothing', async () => {
      const before = org.writes().length;
      const r = await sf([]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/unchanged\s+PermissionSetAssignment/);
      expect(r.stdout).to.include('nothing was written');
      expect(org.writes().length).to.equal(before);
    });
  });

  describe('bad input, each fixed and re-run', () => {
    it('no site yet: says to create it first', async () => {
      await freshOrg({ site: false });
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('NoSiteError');
      expect(r.json.actions.join(' ')).to.include('sf eci ringcentral site');
      org.seedMetadata('CustomSite', voiceConnectorSiteRecord());
      expect((await sf(['--json'])).code).to.equal(0);
      expect(assignedTo(guestId())).to.have.length(2);
    });

    it('an inactive guest user: stops with how to activate it; after activating the run assigns', async () => {
      await freshOrg();
      org.state.records.update('User', guestId(), { IsActive: false }, { system: true });
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('GuestUserInactiveError');
      expect(r.json.actions.join(' ')).to.include('Public Access Settings');
      expect(org.writes()).to.deep.equal([]);
      org.state.records.update('User', guestId(), { IsActive: true }, { system: true });
      expect((await sf(['--json'])).code).to.equal(0);
      expect(assignedTo(guestId())).to.have.length(2);
    });

    it('permission sets not installed: a missing prerequisite of the guide (exit 78), nothing written; after installing the run assigns', async () => {
      await freshOrg({ install: { voiceConnectorPermission: false } });
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      // Checked before anything is written, as a prerequisite of the guide (exit 78).
      expect(r.code).to.equal(78);
      expect(r.json.name).to.equal('PrerequisitesMissingError');
      expect(r.json.message).to.include('Voice Connector Permission').and.include('Voice Connector app');
      expect(org.writes()).to.deep.equal([]);
      org.insertRecord('PermissionSet', {
        Name: 'VoiceConnectorPermission',
        Label: 'Voice Connector Permission',
        NamespacePrefix: 'vcon',
      });
      expect((await sf(['--json'])).code).to.equal(0);
      expect(assignedTo(guestId())).to.deep.equal([
        'Conversation Insights Integration User',
        'Voice Connector Permission',
      ]);
    });

    it('two permission sets with the same label: lists the candidates; --permission-set names the right ones', async () => {
      await freshOrg();
      org.insertRecord('PermissionSet', { Name: 'CIIU_Clone', Label: 'Conversation Insights Integration User' });
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('PermissionSetAmbiguousError');
      expect(r.json.message).to.include('CIIU_Clone').and.include('ConversationInsightsIntegrationUser');
      expect(r.json.actions[0]).to.include('--permission-set vcon__VoiceConnectorPermission');
      expect(org.writes()).to.deep.equal([]);
      const fixed = await sf([
        '--permission-set',
        'vcon__VoiceConnectorPermission',
        '--permission-set',
        'ConversationInsightsIntegrationUser',
        '--json',
      ]);
      expect(fixed.code, fixed.stdout).to.equal(0);
      const assigned = org.records('PermissionSetAssignment').map((a) => a.PermissionSetId);
      expect(assigned).to.have.members([ids.voiceConnectorPermission, ids.conversationInsightsIntegrationUser]);
    });

    it('a packaged set wins over an unpackaged clone with the same label', async () => {
      await freshOrg();
      org.insertRecord('PermissionSet', { Name: 'VC_Clone', Label: 'Voice Connector Permission' });
      const r = await sf(['--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(org.records('PermissionSetAssignment').map((a) => a.PermissionSetId)).to.include(
        ids.voiceConnectorPermission,
      );
    });

    it("a licence mismatch: reports the platform's message and an action; with a fitting set the re-run finishes", async () => {
      await freshOrg();
      const sfLicense = String(org.records('UserLicense').find((l) => l.Name === 'Salesforce')!.Id);
      org.state.records.update(
        'PermissionSet',
        ids.voiceConnectorPermission!,
        { LicenseId: sfLicense },
        { system: true },
      );
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('LicenseMismatchError');
      expect(r.json.message).to.include("The user license doesn't match the user license of the permission set.");
      expect(r.json.actions.join(' ')).to.include('Guest User license');
      expect(r.json.data.components[0]).to.include({ status: 'failed' });
      org.state.records.update('PermissionSet', ids.voiceConnectorPermission!, { LicenseId: null }, { system: true });
      const again = await sf(['--json']);
      expect(again.code, again.stdout).to.equal(0);
      expect(assignedTo(guestId())).to.have.length(2);
    });
  });
});
