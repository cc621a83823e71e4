/*
 * `sf eci ringcentral site` in process against the simulated org: the dry run, the unchanged re-run, the admin's own
 * choices kept, the site contact and record owner, each missing prerequisite fixed and re-run, another site at the
 * domain's root. Assertions are on what a user sees: the org's state, the command's output and JSON, its exit code.
 * The site made by the real sf CLI is in test/e2e/site.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { GUIDE_SITE, installVoiceConnector, voiceConnectorSiteRecord } from '../sim/voice-connector-seed.js';
import { commandOf, type RunResult } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const CMD = ['eci', 'ringcentral', 'site', '-o', 'vc'];

describe('in process: sf eci ringcentral site', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;

  async function freshOrg(opts: Parameters<typeof installVoiceConnector>[1] = {}): Promise<void> {
    org = await fixture.freshOrg('vc', { prepare: (o) => installVoiceConnector(o, opts) });
  }

  const expectRefused = (r: RunResult, name: string, action: RegExp): void => {
    expect(r.code, r.stdout + r.stderr).to.not.equal(0);
    expect(r.json?.name, r.stdout).to.equal(name);
    expect(r.json.actions.join('\n')).to.match(action);
    expect(org.writes()).to.deep.equal([]);
  };

  describe('on an org with Sites enabled and no site', () => {
    before(() => freshOrg());

    it('--dry-run shows the plan and writes nothing', async () => {
      const r = await sf(['--dry-run']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/will create\s+CustomSite\s+VoiceConnector/);
      expect(r.stdout).to.include('indexPage: (not set) → SiteLogin');
      expect(org.writes()).to.deep.equal([]);
    });

    it('a second run is unchanged and writes nothing', async () => {
      expect((await sf([])).code).to.equal(0);
      const before = org.writes().length;
      const r = await sf(['--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components.map((c: { status: string }) => c.status)).to.deep.equal(['unchanged']);
      expect(r.json.result.siteUrl).to.equal(`https://${String(org.settings.sitesDomain)}`);
      expect(org.writes().length).to.equal(before);
    });

    it("keeps the admin's own choices for what the guide leaves at its defaults, and repairs a changed clickjack protection level", async () => {
      const stored = org.getMetadata('CustomSite', 'VoiceConnector')!;
      const { guestProfile, ...rest } = stored;
      void guestProfile;
      org.seedMetadata('CustomSite', {
        ...rest,
        fullName: 'VoiceConnector',
        indexPage: 'SiteLogin',
        allowStandardSearch: true,
        clickjackProtectionLevel: 'NoFraming',
      });
      // Repairing what an admin changed is an update: it needs the admin's yes (--force where nothing can ask).
      const r = await sf(['--force', '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.components[0]).to.include({ status: 'updated' });
      expect(r.json.result.components[0].changes).to.deep.equal([
        { field: 'clickjackProtectionLevel', current: 'NoFraming', desired: 'SameOriginOnly' },
      ]);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
        clickjackProtectionLevel: 'SameOriginOnly',
        allowStandardSearch: true,
      });
    });
  });

  describe('with a named site contact and record owner', () => {
    before(async () => {
      await freshOrg();
      const profileId = String(org.records('Profile').find((p) => p.Name === 'System Administrator')!.Id);
      const user = {
        LastName: 'Owner',
        Alias: 'owner',
        ProfileId: profileId,
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      };
      org.insertRecord('User', { ...user, Username: 'contact@acme.example', Email: 'contact@acme.example' });
      org.insertRecord('User', {
        ...user,
        Username: 'owner@acme.example',
        Email: 'owner@acme.example',
        IsActive: false,
      });
    });

    it('defaults the record owner to the site contact', async () => {
      const r = await sf(['--site-contact', 'contact@acme.example', '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
        siteAdmin: 'contact@acme.example',
        siteGuestRecordDefaultOwner: 'contact@acme.example',
      });
    });

    it('refuses an inactive record owner before writing; after activating the user a re-run finishes the job', async () => {
      const writes = org.writes().length;
      const r = await sf(['--site-contact', 'contact@acme.example', '--record-owner', 'owner@acme.example', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('InactiveUserError');
      expect(r.json.message).to.include('owner@acme.example');
      expect(r.json.actions.join(' ')).to.include('--record-owner');
      expect(org.writes().length).to.equal(writes);

      const owner = org.records('User').find((u) => u.Username === 'owner@acme.example')!;
      org.state.records.update('User', String(owner.Id), { IsActive: true }, { system: true });
      const again = await sf([
        '--site-contact',
        'contact@acme.example',
        '--record-owner',
        'owner@acme.example',
        '--force',
        '--json',
      ]);
      expect(again.code, again.stdout).to.equal(0);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
        siteGuestRecordDefaultOwner: 'owner@acme.example',
      });
    });

    it('refuses an unknown username, and a value that is no username, naming the flag', async () => {
      const unknown = await sf(['--site-contact', 'nobody@acme.example', '--json']);
      expect(unknown.code).to.not.equal(0);
      expect(unknown.json.name).to.equal('UnknownUserError');
      expect(unknown.json.message).to.include('nobody@acme.example').and.include('--site-contact');
      const invalid = await sf(['--record-owner', 'owner', '--json']);
      expect(invalid.json.name).to.equal('InvalidUsernameError');
    });
  });

  describe('prerequisites, each fixed and re-run', () => {
    it('a missing site domain: stops with the Sites setup action; after registering it the run creates the site', async () => {
      await freshOrg();
      org.settings.sitesDomain = null;
      expectRefused(await sf(['--json']), 'PrerequisitesMissingError', /Register My Salesforce Site Domain/);
      org.settings.sitesDomain = 'acme-dev.my.salesforce-sites.com';
      const r = await sf(['--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(r.json.result.siteUrl).to.equal('https://acme-dev.my.salesforce-sites.com');
      expect(org.records('Site')).to.have.length(1);
    });

    it('a missing SiteLogin page: stops with the action; after creating the page the run creates the site', async () => {
      await freshOrg({ siteLoginPage: false });
      expectRefused(await sf(['--json']), 'PrerequisitesMissingError', /Visualforce page named SiteLogin/);
      org.insertRecord('ApexPage', {
        Name: 'SiteLogin',
        MasterLabel: 'SiteLogin',
        NamespacePrefix: null,
        ApiVersion: 66,
      });
      const r = await sf(['--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({ indexPage: 'SiteLogin' });
    });
  });

  describe("another site at the site domain's root", () => {
    before(async () => {
      await freshOrg();
      org.seedMetadata('CustomSite', voiceConnectorSiteRecord({ fullName: 'Partners', masterLabel: 'Partners' }));
    });

    it('says so before writing, naming --url-path-prefix', async () => {
      expectRefused(await sf(['--json']), 'RootSiteTakenError', /--url-path-prefix voiceconnector/);
    });

    it('refuses a prefix Salesforce would not accept, before any call to the org', async () => {
      const calls = org.calls.length;
      const r = await sf(['--url-path-prefix', 'voice-connector', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('InvalidUrlPathPrefixError');
      expect(org.calls.length).to.equal(calls);
    });

    it('with --url-path-prefix makes the site under it; a re-run without the flag keeps it and writes nothing', async () => {
      const r = await sf(['--url-path-prefix', 'voiceconnector', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({
        urlPathPrefix: 'voiceconnector',
        siteUrl: `https://${String(org.settings.sitesDomain)}/voiceconnector`,
      });
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
        ...GUIDE_SITE,
        urlPathPrefix: 'voiceconnector',
      });
      const before = org.writes().length;
      const again = await sf(['--json']);
      expect(again.json.result.components[0].status).to.equal('unchanged');
      expect(org.writes().length).to.equal(before);
    });
  });
});
