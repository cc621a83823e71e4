/*
 * `sf eci ringcentral integration-user`, run by the real sf CLI against the simulated org.
 */
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector, type VoiceConnectorIds } from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CMD = ['eci', 'ringcentral', 'integration-user'];
const USERNAME = 'eci.integration@acme.example';

describe('e2e: sf eci ringcentral integration-user', function () {
  this.timeout(180_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;

  const sf = (args: string[]): Promise<RunResult> => cli.run([...CMD, '-o', 'int', ...args]);

  async function freshOrg(install: Parameters<typeof installVoiceConnector>[1] = {}): Promise<void> {
    await org?.stop();
    org = await SimulatedOrg.start();
    ids = installVoiceConnector(org, install);
    await cli.login(org, 'int');
  }

  const user = (username = USERNAME): Record<string, unknown> | undefined =>
    org.records('User').find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
  const setsOf = (userId: unknown): unknown[] =>
    org
      .records('PermissionSetAssignment')
      .filter((a) => a.AssigneeId === userId)
      .map((a) => a.PermissionSetId);

  before(async () => {
    cli = await SfCli.create();
    await cli.linkPlugin(REPO_ROOT);
  });

  after(async () => {
    await org?.stop();
    await cli?.cleanup();
  });

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

    it('creates the user as the guide says: System Administrator, active, both permission sets; and says to run the rest as it', async () => {
      const r = await sf([
        '--username',
        USERNAME,
        '--email',
        'admin@acme.example',
        '--first-name',
        'Voice',
        '--last-name',
        'Integration',
      ]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      const created = user()!;
      const profile = org.records('Profile').find((p) => p.Id === created.ProfileId)!;
      expect(profile.Name).to.equal('System Administrator');
      expect(created).to.include({
        IsActive: true,
        Email: 'admin@acme.example',
        FirstName: 'Voice',
        LastName: 'Integration',
      });
      expect(setsOf(created.Id)).to.have.members([ids.conversationInsightsIntegrationUser, ids.eciAccess]);
      expect(r.stdout).to.match(/created\s+User\s+eci\.integration@acme\.example/);
      expect(r.stdout).to.include(`Run the remaining configuration steps as the integration user ${USERNAME}`);
      expect(r.stdout).to.include(`sf org login web --instance-url ${org.instanceUrl}`);
      expect(r.stdout).to.include('--target-org');
    });

    it('a second run is unchanged and writes nothing, without needing --email', async () => {
      const before = org.writes().length;
      const r = await sf(['--username', USERNAME, '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components.map((c: { status: string }) => c.status)).to.deep.equal([
        'unchanged',
        'unchanged',
        'unchanged',
      ]);
      expect(r.json.result.userId).to.equal(user()!.Id);
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
      const r = await sf(['--username', 'int@acme.example', '--email', 'other@acme.example', '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components[0]).to.include({ type: 'User', status: 'updated' });
      expect(r.json.result.components[0].changes.map((c: { field: string }) => c.field)).to.deep.equal(['ProfileId']);
      expect(user('int@acme.example')).to.include({ ProfileId: ids.adminProfileId, Email: 'keep@acme.example' });
      expect(setsOf(user('int@acme.example')!.Id)).to.have.length(2);
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
      expect(user()).to.equal(undefined);
      const again = await sf([
        '--username',
        'eci.integration.eci@acme.example',
        '--email',
        'admin@acme.example',
        '--json',
      ]);
      expect(again.code, again.stdout).to.equal(0);
      expect(setsOf(user('eci.integration.eci@acme.example')!.Id)).to.have.length(2);
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
      expect(setsOf(user()!.Id)).to.have.length(2);
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
      expect(setsOf(user()!.Id)).to.have.members([ids.conversationInsightsIntegrationUser, service]);
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
      expect(setsOf(user()!.Id)).to.have.members([ids.conversationInsightsIntegrationUser, ids.eciAccess]);
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
