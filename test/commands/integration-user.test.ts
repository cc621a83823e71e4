/*
 * `sf eci ringcentral integration-user` in process against the simulated org: the dry run, the unchanged re-run, an
 * existing user, and each refusal fixed and re-run. The command run by the real sf CLI (creating the user, what a
 * person reads) is in test/e2e/integration-user.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import {
  assignedSetIds,
  installVoiceConnector,
  userNamed,
  type VoiceConnectorIds,
  type VoiceConnectorInstall,
} from '../sim/voice-connector-seed.js';
import { commandOf } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const CMD = ['eci', 'ringcentral', 'integration-user', '-o', 'int'];
const USERNAME = 'eci.integration@acme.example';

describe('in process: sf eci ringcentral integration-user', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;
  const freshOrg = async (install?: VoiceConnectorInstall): Promise<unknown> =>
    (org = await fixture.freshOrg('int', { prepare: (o) => (ids = installVoiceConnector(o, install)) }));

  describe('on an org without the user', () => {
    before(() => freshOrg());

    it('--dry-run plans the user and its two assignments and writes nothing', async () => {
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--dry-run', '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components.map((c: { type: string; status: string }) => [c.type, c.status])).to.deep.equal([
        ['User', 'planned'],
        ['PermissionSetAssignment', 'planned'],
        ['PermissionSetAssignment', 'planned'],
      ]);
      expect(org.writes()).to.deep.equal([]);
    });

    it('a second run is unchanged and writes nothing, without needing --email', async () => {
      expect((await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json'])).code).to.equal(0);
      const before = org.writes().length;
      const r = await sf(['--username', USERNAME, '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components.map((c: { status: string }) => c.status)).to.deep.equal([
        'unchanged',
        'unchanged',
        'unchanged',
      ]);
      expect(r.json.result.userId).to.equal(userNamed(org, USERNAME)!.Id);
      expect(org.writes().length).to.equal(before);
    });
  });

  describe('an existing user', () => {
    before(() => freshOrg());

    it('is found and kept, made System Administrator and given the sets; its email stays', async () => {
      const std = String(org.records('Profile').find((p) => p.Name === 'Standard User')!.Id);
      org.insertRecord('User', {
        Username: 'int@acme.example',
        LastName: 'Int',
        Alias: 'int',
        Email: 'keep@acme.example',
        ProfileId: std,
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      });
      const r = await sf(['--username', 'int@acme.example', '--email', 'other@acme.example', '--force', '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components[0]).to.include({ type: 'User', status: 'updated' });
      expect(r.json.result.components[0].changes.map((c: { field: string }) => c.field)).to.deep.equal(['ProfileId']);
      expect(userNamed(org, 'int@acme.example')).to.include({
        ProfileId: ids.adminProfileId,
        Email: 'keep@acme.example',
      });
      expect(assignedSetIds(org, userNamed(org, 'int@acme.example')!.Id)).to.have.length(2);
    });
  });

  describe('bad input, each fixed and re-run', () => {
    it('a username taken in another org: names the cause and another username; the re-run with it finishes', async () => {
      await freshOrg();
      org.settings.usernamesInOtherOrgs = [USERNAME];
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('UsernameTakenError');
      expect(r.json.message)
        .to.include(USERNAME)
        .and.include('another Salesforce org')
        .and.include('Duplicate Username');
      expect(r.json.actions.join(' ')).to.include('eci.integration.eci@acme.example');
      expect(r.json.data.components.map((c: { status: string }) => c.status)).to.deep.equal([
        'failed',
        'skipped',
        'skipped',
      ]);
      expect(userNamed(org, USERNAME)).to.equal(undefined);
      const again = await sf([
        '--username',
        'eci.integration.eci@acme.example',
        '--email',
        'admin@acme.example',
        '--json',
      ]);
      expect(again.code, again.stdout).to.equal(0);
      expect(assignedSetIds(org, userNamed(org, 'eci.integration.eci@acme.example')!.Id)).to.have.length(2);
    });

    it('permission sets not installed: a missing prerequisite of the guide (exit 78), nothing written; after installing the run finishes', async () => {
      await freshOrg({ eciPermissionSets: false });
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      // Checked before anything is written, as a prerequisite of the guide (exit 78).
      expect(r.code).to.equal(78);
      expect(r.json.name).to.equal('PrerequisitesMissingError');
      expect(r.json.message).to.include('Conversation Insights Integration User');
      expect(org.writes()).to.deep.equal([]);
      org.insertRecord('PermissionSet', {
        Name: 'ConversationInsightsIntegrationUser',
        Label: 'Conversation Insights Integration User',
      });
      org.insertRecord('PermissionSet', {
        Name: 'EinsteinConversationInsightsIncluded',
        Label: 'Einstein Conversation Insights Included',
      });
      expect((await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json'])).code).to.equal(0);
      expect(assignedSetIds(org, userNamed(org, USERNAME)!.Id)).to.have.length(2);
    });

    it('no ECI access permission set: names every label Salesforce documents, writes nothing; with one installed the run finishes', async () => {
      await freshOrg();
      org.state.records.delete('PermissionSet', String(ids.eciAccess));
      // The label the plugin used to guess is not an ECI access set.
      org.insertRecord('PermissionSet', {
        Name: 'EinsteinConversationInsights',
        Label: 'Einstein Conversation Insights',
      });
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('PrerequisitesMissingError');
      for (const label of [
        'Conversation Insights for Sales',
        'Sales Engagement Conversation Insights',
        'Einstein Conversation Insights Included',
        'Einstein Conversation Insights Standard',
        'Sales Cloud Bundle Included',
        'Conversation Insights for Service',
      ]) {
        expect(r.json.message).to.include(`"${label}"`);
      }
      expect(org.writes()).to.deep.equal([]);
      const service = org.insertRecord('PermissionSet', {
        Name: 'ConversationInsightsForService',
        Label: 'Conversation Insights for Service',
      });
      const ok = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(ok.code, ok.stdout).to.equal(0);
      expect(assignedSetIds(org, userNamed(org, USERNAME)!.Id)).to.have.members([
        ids.conversationInsightsIntegrationUser,
        service,
      ]);
    });

    it('two permission sets with the same label: lists them; --permission-set settles it', async () => {
      await freshOrg();
      org.insertRecord('PermissionSet', { Name: 'ECI_Clone', Label: 'Einstein Conversation Insights Included' });
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('PermissionSetAmbiguousError');
      expect(r.json.message).to.include('ECI_Clone').and.include('EinsteinConversationInsightsIncluded');
      expect(org.writes()).to.deep.equal([]);
      const fixed = await sf([
        '--username',
        USERNAME,
        '--email',
        'admin@acme.example',
        '--permission-set',
        'ConversationInsightsIntegrationUser',
        '--permission-set',
        'EinsteinConversationInsightsIncluded',
        '--json',
      ]);
      expect(fixed.code, fixed.stdout).to.equal(0);
      expect(assignedSetIds(org, userNamed(org, USERNAME)!.Id)).to.have.members([
        ids.conversationInsightsIntegrationUser,
        ids.eciAccess,
      ]);
    });

    it('no Voice Call access from the profile or the sets: stops before writing', async () => {
      await freshOrg();
      for (const o of org.records('ObjectPermissions')) org.state.records.delete('ObjectPermissions', String(o.Id));
      const r = await sf(['--username', USERNAME, '--email', 'admin@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('NoVoiceCallAccessError');
      expect(org.writes()).to.deep.equal([]);
    });

    it('refuses a missing --email for a new user, and an invalid username, before writing', async () => {
      await freshOrg();
      const noEmail = await sf(['--username', USERNAME, '--json']);
      expect(noEmail.json.name).to.equal('EmailNeededError');
      const invalid = await sf(['--username', 'not-a-username', '--json']);
      expect(invalid.json.name).to.equal('InvalidUsernameError');
      expect(org.writes()).to.deep.equal([]);
    });
  });
});
