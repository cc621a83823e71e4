/*
 * `sf eci ringcentral guest-permissions` in process against the simulated org: the re-run that writes nothing, and
 * each refusal (no site, an inactive guest user, permission sets not installed, ambiguous labels, a licence
 * mismatch), fixed and re-run. The command run
 * by the real sf CLI is in test/e2e/guest-permissions.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import {
  assignedSetLabels,
  installVoiceConnector,
  siteGuestUserId,
  voiceConnectorSiteRecord,
  type VoiceConnectorIds,
} from '../sim/voice-connector-seed.js';
import { commandOf } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const CMD = ['eci', 'ringcentral', 'guest-permissions', '-o', 'guest'];

describe('in process: sf eci ringcentral guest-permissions', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;

  async function freshOrg(
    opts: { site?: boolean; install?: Parameters<typeof installVoiceConnector>[1] } = {},
  ): Promise<void> {
    org = await fixture.freshOrg('guest', {
      prepare: (o) => {
        ids = installVoiceConnector(o, opts.install);
        if (opts.site !== false) o.seedMetadata('CustomSite', voiceConnectorSiteRecord());
      },
    });
  }

  describe('on an org with the site', () => {
    before(() => freshOrg());

    it('a second run is unchanged and writes nothing', async () => {
      expect((await sf(['--json'])).code).to.equal(0);
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
      expect(assignedSetLabels(org, siteGuestUserId(org))).to.have.length(2);
    });

    it('an inactive guest user: stops with how to activate it; after activating the run assigns', async () => {
      await freshOrg();
      org.state.records.update('User', siteGuestUserId(org), { IsActive: false }, { system: true });
      const r = await sf(['--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('GuestUserInactiveError');
      expect(r.json.actions.join(' ')).to.include('Public Access Settings');
      expect(org.writes()).to.deep.equal([]);
      org.state.records.update('User', siteGuestUserId(org), { IsActive: true }, { system: true });
      expect((await sf(['--json'])).code).to.equal(0);
      expect(assignedSetLabels(org, siteGuestUserId(org))).to.have.length(2);
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
      expect(assignedSetLabels(org, siteGuestUserId(org))).to.deep.equal([
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
      expect(assignedSetLabels(org, siteGuestUserId(org))).to.have.length(2);
    });
  });
});
