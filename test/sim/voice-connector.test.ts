import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { startConnected } from './helpers.js';
import { DUPLICATE_USERNAME_MESSAGE, LICENSE_MISMATCH_MESSAGE } from './objects/voice-connector.js';
import { PREFIX_TAKEN_MESSAGE, ROOT_SITE_TAKEN_MESSAGE, SITES_NOT_ENABLED_MESSAGE } from './rules/CustomSite.js';
import {
  addExperienceCloudSite,
  installVoiceConnector,
  voiceConnectorSiteRecord,
  type VoiceConnectorIds,
} from './voice-connector-seed.js';

type UpsertResult = {
  fullName: string;
  success: boolean | string;
  created: boolean | string;
  errors?: { statusCode: string; message: string } | Array<{ statusCode: string; message: string }>;
};

const firstError = (r: UpsertResult): { statusCode: string; message: string } | undefined =>
  Array.isArray(r.errors) ? r.errors[0] : r.errors;

describe('sim: Voice Connector rules (site, guest user, permission sets, users)', () => {
  let org: SimulatedOrg;
  let conn: Connection;
  let ids: VoiceConnectorIds;

  const upsertSite = async (over: Record<string, unknown> = {}): Promise<UpsertResult> =>
    (await conn.metadata.upsert('CustomSite', voiceConnectorSiteRecord(over) as never)) as unknown as UpsertResult;

  async function createError(
    sobject: string,
    record: Record<string, unknown>,
  ): Promise<{ errorCode?: string; message: string }> {
    try {
      await conn.sobject(sobject).create(record);
    } catch (e) {
      return e as { errorCode?: string; message: string };
    }
    throw new Error('expected the create to be refused');
  }

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
    ids = installVoiceConnector(org);
  });
  afterEach(async () => {
    await org.stop();
  });

  describe('CustomSite', () => {
    it('creating a site creates its Site record, an active guest user with the Guest license, and its URL', async () => {
      const r = await upsertSite();
      expect(String(r.success), JSON.stringify(r)).to.equal('true');
      expect(String(r.created)).to.equal('true');
      const [site] = org.records('Site');
      expect(site).to.include({
        Name: 'VoiceConnector',
        MasterLabel: 'VoiceConnector',
        Status: 'Active',
        SiteType: 'Visualforce',
        AdminId: org.userId,
      });
      const guest = org.records('User').find((u) => u.Id === site.GuestUserId)!;
      expect(guest).to.include({ IsActive: true, UserType: 'Guest' });
      const profile = org.records('Profile').find((p) => p.Id === guest.ProfileId)!;
      expect(profile.Name).to.equal('VoiceConnector Profile');
      expect(org.records('UserLicense').find((l) => l.Id === profile.UserLicenseId)?.Name).to.equal(
        'Guest User License',
      );
      const soql = await conn.query<{ GuestUserId: string }>(
        "SELECT GuestUserId FROM Site WHERE Name='VoiceConnector'",
      );
      expect(soql.records[0].GuestUserId).to.equal(site.GuestUserId);
      const detail = await conn.query<{ SecureUrl: string }>(
        `SELECT SecureUrl FROM SiteDetail WHERE DurableId = '${String(site.Id)}'`,
      );
      expect(detail.records[0].SecureUrl).to.equal(`https://${String(org.settings.sitesDomain)}`);
    });

    it('readMetadata returns the read-only guestProfile; a write that carries it is refused; an update keeps one guest user', async () => {
      await upsertSite();
      const read = (await conn.metadata.read('CustomSite', 'VoiceConnector')) as unknown as Record<string, unknown>;
      expect(read.guestProfile).to.equal('VoiceConnector Profile');
      // guestProfile in its WSDL place (before indexPage): the simulator refuses elements out of sequence
      const withGuestProfile = Object.fromEntries(
        Object.entries(voiceConnectorSiteRecord()).flatMap(([k, v]) =>
          k === 'indexPage'
            ? [
                ['guestProfile', 'VoiceConnector Profile'],
                [k, v],
              ]
            : [[k, v]],
        ),
      );
      const refused = (await conn.metadata.upsert('CustomSite', withGuestProfile as never)) as unknown as UpsertResult;
      expect(firstError(refused)?.message).to.include('guestProfile');
      const updated = await upsertSite({ active: false });
      expect(String(updated.created)).to.equal('false');
      expect(org.records('Site')).to.have.length(1);
      expect(org.records('Site')[0].Status).to.equal('Inactive');
      expect(org.records('User').filter((u) => u.UserType === 'Guest')).to.have.length(1);
    });

    it('requires every WSDL-required field', async () => {
      const record = voiceConnectorSiteRecord();
      delete record.referrerPolicyOriginWhenCrossOrigin;
      const r = (await conn.metadata.upsert('CustomSite', record as never)) as unknown as UpsertResult;
      expect(firstError(r)).to.include({ statusCode: 'REQUIRED_FIELD_MISSING' });
    });

    it('only one active site per domain may have an empty URL path prefix (the root site)', async () => {
      org.seedMetadata('CustomSite', voiceConnectorSiteRecord({ fullName: 'Main_Site', masterLabel: 'Main Site' }));
      const refused = await upsertSite();
      expect(String(refused.success)).to.equal('false');
      expect(firstError(refused)).to.include({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: ROOT_SITE_TAKEN_MESSAGE('Main_Site'),
      });
      expect(String((await upsertSite({ active: false })).success)).to.equal('true'); // an inactive site does not take the root
      // urlPathPrefix comes after siteType in the WSDL sequence: at the end of this record is its place
      const prefixed = await upsertSite({ urlPathPrefix: 'voiceconnector' });
      expect(String(prefixed.success), JSON.stringify(prefixed)).to.equal('true');
      const site = org.records('Site').find((s) => s.Name === 'VoiceConnector')!;
      const detail = await conn.query<{ DurableId: string; SecureUrl: string; IsRegistrationEnabled: boolean }>(
        `SELECT DurableId, SecureUrl, IsRegistrationEnabled FROM SiteDetail WHERE DurableId = '${String(site.Id)}'`,
      );
      expect(detail.records[0]).to.include({
        DurableId: site.Id,
        SecureUrl: `https://${String(org.settings.sitesDomain)}/voiceconnector`,
        IsRegistrationEnabled: false,
      });
    });

    it('an Experience Cloud site (a ChatterNetwork/ChatterNetworkPicasso pair on .my.site.com) takes no root of the Sites domain', async () => {
      addExperienceCloudSite(org);
      expect(org.records('Site').map((s) => s.SiteType)).to.deep.equal(['ChatterNetwork', 'ChatterNetworkPicasso']);
      const root = await upsertSite();
      expect(String(root.success), JSON.stringify(root)).to.equal('true');
      // a Salesforce Site does take the root
      expect(firstError(await upsertSite({ fullName: 'Other_Site', masterLabel: 'Other' }))?.message).to.equal(
        ROOT_SITE_TAKEN_MESSAGE('VoiceConnector'),
      );
    });

    it('a URL path prefix is used once per domain, compared without case', async () => {
      org.seedMetadata(
        'CustomSite',
        voiceConnectorSiteRecord({ fullName: 'Partners', masterLabel: 'Partners', urlPathPrefix: 'VoiceConnector' }),
      );
      const refused = await upsertSite({ urlPathPrefix: 'voiceconnector' });
      expect(firstError(refused)).to.include({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: PREFIX_TAKEN_MESSAGE('voiceconnector', 'Partners'),
      });
      expect(String((await upsertSite({ urlPathPrefix: 'voiceconnector_eci' })).success)).to.equal('true');
      expect(String((await upsertSite({ urlPathPrefix: 'voiceconnector_eci' })).success)).to.equal('true'); // its own prefix again
    });

    it('refuses a missing page and an unknown or inactive user, naming the field', async () => {
      expect(firstError(await upsertSite({ indexPage: 'NoSuchPage' }))?.message).to.equal(
        'In field: indexPage - no ApexPage named NoSuchPage found',
      );
      expect(firstError(await upsertSite({ siteAdmin: 'ghost@sim.example' }))?.message).to.equal(
        'In field: siteAdmin - no User named ghost@sim.example found',
      );
      const stdProfile = String(org.records('Profile').find((p) => p.Name === 'Standard User')!.Id);
      org.insertRecord('User', {
        Username: 'old@sim.example',
        LastName: 'Old',
        Alias: 'old',
        Email: 'old@sim.example',
        ProfileId: stdProfile,
        IsActive: false,
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      });
      expect(firstError(await upsertSite({ siteGuestRecordDefaultOwner: 'old@sim.example' }))?.message).to.include(
        'siteGuestRecordDefaultOwner',
      );
      expect(org.records('Site')).to.have.length(0);
    });

    it('without a registered sites domain: the write is refused and Site is not a known object', async () => {
      org.settings.sitesDomain = null;
      expect(firstError(await upsertSite())?.message).to.equal(SITES_NOT_ENABLED_MESSAGE);
      const e = await conn.query('SELECT Id FROM Site').then(
        () => undefined,
        (error: { errorCode?: string; message: string }) => error,
      );
      expect(e?.errorCode).to.equal('INVALID_TYPE');
      expect(e?.message).to.include("sObject type 'Site' is not supported");
    });
  });

  describe('PermissionSetAssignment', () => {
    it('assigns once; a second assignment of the same set fails with DUPLICATE_VALUE', async () => {
      const ok = await conn
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: org.userId, PermissionSetId: ids.eciAccess });
      expect((ok as { success: boolean }).success).to.equal(true);
      const dup = await createError('PermissionSetAssignment', {
        AssigneeId: org.userId,
        PermissionSetId: ids.eciAccess,
      });
      expect(dup.errorCode).to.equal('DUPLICATE_VALUE');
      expect(org.records('PermissionSetAssignment')).to.have.length(1);
    });

    it('refuses a set licensed for another user license, and API Enabled for the guest user', async () => {
      await upsertSite();
      const guestId = String(org.records('Site')[0].GuestUserId);
      const sfLicense = String(org.records('UserLicense').find((l) => l.Name === 'Salesforce')!.Id);
      const licensed = org.insertRecord('PermissionSet', { Name: 'Licensed', Label: 'Licensed', LicenseId: sfLicense });
      const mismatch = await createError('PermissionSetAssignment', { AssigneeId: guestId, PermissionSetId: licensed });
      expect(mismatch).to.include({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
      expect(mismatch.message).to.include(LICENSE_MISMATCH_MESSAGE);
      const api = org.insertRecord('PermissionSet', { Name: 'Api', Label: 'Api', PermissionsApiEnabled: true });
      expect(
        (await createError('PermissionSetAssignment', { AssigneeId: guestId, PermissionSetId: api })).message,
      ).to.include('API Enabled');
      // the guide's sets carry no license: the guest user takes them
      await conn
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: guestId, PermissionSetId: ids.voiceConnectorPermission });
      expect(org.records('PermissionSetAssignment')).to.have.length(1);
    });

    it("refuses a profile's own permission set", async () => {
      expect(
        (
          await createError('PermissionSetAssignment', {
            AssigneeId: org.userId,
            PermissionSetId: ids.adminProfileSetId,
          })
        ).message,
      ).to.include('associated with a profile');
    });
  });

  describe('User and permission sets', () => {
    const newUser = (username: string): Record<string, unknown> => ({
      Username: username,
      LastName: 'Integration',
      Alias: 'eciint',
      Email: 'admin@sim.example',
      ProfileId: ids.adminProfileId,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    });

    it('refuses a username taken in another org with DUPLICATE_USERNAME', async () => {
      org.settings.usernamesInOtherOrgs = ['taken@elsewhere.example'];
      const e = await createError('User', newUser('Taken@elsewhere.example'));
      expect(e.errorCode).to.equal('DUPLICATE_USERNAME');
      expect(e.message).to.include(DUPLICATE_USERNAME_MESSAGE.slice(0, 40));
      const ok = await conn.sobject('User').create(newUser('free@sim.example'));
      expect((ok as { success: boolean }).success).to.equal(true);
    });

    it('finds permission sets by label with namespaces, and object access through ObjectPermissions', async () => {
      const sets = await conn.query<{ Name: string; NamespacePrefix: string | null }>(
        "SELECT Name, NamespacePrefix FROM PermissionSet WHERE Label IN ('Voice Connector Permission', 'Conversation Insights Integration User') AND IsOwnedByProfile = false ORDER BY Name",
      );
      expect(sets.records.map((s) => [s.Name, s.NamespacePrefix])).to.deep.equal([
        ['ConversationInsightsIntegrationUser', null],
        ['VoiceConnectorPermission', 'vcon'],
      ]);
      const access = await conn.query(
        `SELECT Id FROM ObjectPermissions WHERE ParentId IN ('${ids.adminProfileSetId}') AND SobjectType = 'VoiceCall' AND PermissionsRead = true`,
      );
      expect(access.totalSize).to.equal(1);
    });
  });
});
