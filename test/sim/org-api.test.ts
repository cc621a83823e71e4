import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { SimulatedOrg } from './index.js';
import { MetadataStore } from './metadata-store.js';
import { md, rest, ringCentralAuthProvider, salesforceAuthProvider, startConnected } from './helpers.js';

describe('sim: SimulatedOrg test API', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
  });
  afterEach(async () => {
    await org.stop();
  });

  it('exposes the instance URL, token and identities of the brief', () => {
    expect(org.instanceUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(org.accessToken).to.equal('00D000000000001AAA!FAKE');
    expect(org.orgId).to.equal('00D000000000001AAA');
    expect(org.userId).to.match(/^005[0-9A-Za-z]{15}$/);
    expect(org.username).to.equal('admin@sim.example');
    expect(org.settings.connectedAppCreationAllowed).to.equal(false);
  });

  describe('calls log', () => {
    it('logs every call with api, operation, type, fullNames and write', async () => {
      org.calls.length = 0;
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      await md(conn).read('AuthProvider', ['Ring_Central']);
      await md(conn).list([{ type: 'AuthProvider' }]);
      await md(conn).delete('AuthProvider', ['Ring_Central']);
      await conn.query('SELECT Id FROM Profile');
      await conn.sobject('PermissionSet').create({ Name: 'A', Label: 'A' });
      const summary = org.calls.map((c) => [c.api, c.operation, c.type, c.fullNames, c.write]);
      expect(summary).to.deep.equal([
        ['soap-metadata', 'upsertMetadata', 'AuthProvider', ['Ring_Central'], true],
        ['soap-metadata', 'readMetadata', 'AuthProvider', ['Ring_Central'], false],
        ['soap-metadata', 'listMetadata', 'AuthProvider', undefined, false],
        ['soap-metadata', 'deleteMetadata', 'AuthProvider', ['Ring_Central'], true],
        ['rest', 'query', 'Profile', undefined, false],
        ['rest', 'sobject.create', 'PermissionSet', [org.records('PermissionSet')[0].Id], true],
      ]);
      expect(org.calls.every((c) => typeof c.at === 'number' && c.at > 0)).to.equal(true);
      expect(org.calls[4].soql).to.equal('SELECT Id FROM Profile');
    });

    it('writes() keeps only the writes, including refused ones', async () => {
      org.calls.length = 0;
      await md(conn).read('AuthProvider', ['X']);
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('Bad Name')]);
      await rest(org, 'PATCH', `/services/data/v66.0/sobjects/User/${org.userId}`, { Title: 'Boss' });
      expect(org.writes().map((c) => c.operation)).to.deep.equal(['upsertMetadata', 'sobject.update']);
    });

    it('tooling and oauth calls are tagged with their api', async () => {
      org.calls.length = 0;
      await rest(org, 'GET', `/services/data/v66.0/tooling/query?q=${encodeURIComponent('SELECT Id FROM ApexPage')}`);
      await rest(org, 'GET', '/services/oauth2/userinfo');
      expect(org.calls.map((c) => [c.api, c.operation])).to.deep.equal([
        ['tooling', 'query'],
        ['oauth', 'userinfo'],
      ]);
    });
  });

  describe('failNext', () => {
    it('makes the next matching metadata component fail with the given error, once', async () => {
      org.failNext(
        { operation: 'upsertMetadata', type: 'AuthProvider', fullName: 'B' },
        { statusCode: 'UNKNOWN_EXCEPTION', message: 'boom' },
      );
      const res = await md(conn).upsert('AuthProvider', [salesforceAuthProvider('A'), salesforceAuthProvider('B')]);
      expect(res[0].success).to.equal(true);
      expect(res[1]).to.deep.equal({
        created: false,
        fullName: 'B',
        success: false,
        errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'boom', fields: [], extendedErrorDetails: [] }],
      });
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['A']);
      const [again] = await md(conn).upsert('AuthProvider', [salesforceAuthProvider('B')]);
      expect(again.success).to.equal(true);
    });

    it('does not fire for another operation or type', async () => {
      org.failNext({ operation: 'deleteMetadata' }, { statusCode: 'UNKNOWN_EXCEPTION', message: 'boom' });
      const [r] = await md(conn).upsert('AuthProvider', [salesforceAuthProvider('A')]);
      expect(r.success).to.equal(true);
      const [d] = await md(conn).delete('AuthProvider', ['A']);
      expect(d.success).to.equal(false);
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['A']);
    });

    it('works for sObject writes too (operation sobject.create)', async () => {
      org.failNext(
        { operation: 'sobject.create', type: 'PermissionSetAssignment' },
        { statusCode: 'DUPLICATE_VALUE', message: 'duplicate value found' },
      );
      const ps = org.insertRecord('PermissionSet', { Name: 'P', Label: 'P' });
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSetAssignment', {
        AssigneeId: org.userId,
        PermissionSetId: ps,
      });
      expect(r.status).to.equal(400);
      expect(r.json[0]).to.include({ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found' });
      expect(org.records('PermissionSetAssignment')).to.deep.equal([]);
    });
  });

  describe('seeding', () => {
    it('seedMetadata validates like a write (order, enums, required, rules)', () => {
      expect(() =>
        org.seedMetadata('AuthProvider', { fullName: 'X', providerType: 'Salesforce', friendlyName: 'X' }),
      ).to.throw(/friendlyName invalid at this location/);
      expect(() =>
        org.seedMetadata('AuthProvider', { fullName: 'X', friendlyName: 'X', providerType: 'Nope' }),
      ).to.throw(/not a valid value for the enum/);
      expect(() => org.seedMetadata('AuthProvider', { fullName: 'X', providerType: 'Salesforce' })).to.throw(
        /REQUIRED_FIELD_MISSING/,
      );
      org.seedMetadata('AuthProvider', ringCentralAuthProvider());
      expect(org.getMetadata('AuthProvider', 'Ring_Central')?.providerType).to.equal('OpenIdConnect');
    });

    it('a seeded component is what readMetadata answers', async () => {
      org.seedMetadata('AuthProvider', ringCentralAuthProvider());
      const read = await md(conn).readOne('AuthProvider', 'Ring_Central');
      expect(read.consumerKey).to.equal('rcClientId');
    });

    it('insertRecord checks fields like the platform, returns ids with the key prefix', () => {
      const ps = org.insertRecord('PermissionSet', { Name: 'P', Label: 'P' });
      expect(ps).to.match(/^0PS[0-9A-Za-z]{15}$/);
      const psa = org.insertRecord('PermissionSetAssignment', { AssigneeId: org.userId, PermissionSetId: ps });
      expect(psa).to.match(/^0Pa[0-9A-Za-z]{15}$/);
      const site = org.insertRecord('Site', {
        Name: 'VoiceConnector',
        MasterLabel: 'VoiceConnector',
        GuestUserId: org.userId,
      });
      expect(site).to.match(/^0DM/);
      expect(() => org.insertRecord('PermissionSet', { Label: 'no name' })).to.throw(/REQUIRED_FIELD_MISSING/);
      expect(() => org.insertRecord('User', { Nope: 1 })).to.throw(/INVALID_FIELD/);
    });

    it('start({seed}) applies settings, records and metadata', async () => {
      const seeded = await SimulatedOrg.start({
        seed: {
          settings: { connectedAppCreationAllowed: true },
          records: { PermissionSet: [{ Name: 'Seeded', Label: 'Seeded' }] },
          metadata: [{ type: 'AuthProvider', record: salesforceAuthProvider('ECI_Auth_Provider') }],
        },
      });
      try {
        expect(seeded.settings.connectedAppCreationAllowed).to.equal(true);
        expect(seeded.records('PermissionSet').map((p) => p.Name)).to.deep.equal(['Seeded']);
        expect(seeded.listMetadataNames('AuthProvider')).to.deep.equal(['ECI_Auth_Provider']);
      } finally {
        await seeded.stop();
      }
    });

    it('settings are mutable by tests', () => {
      org.settings.connectedAppCreationAllowed = true;
      expect(org.state.settings.connectedAppCreationAllowed).to.equal(true);
    });
  });

  it('secretFields may name nested elements with dotted paths (e.g. oauthConfig.consumerSecret)', () => {
    const store = new MetadataStore();
    store.register({
      type: 'ConnectedApp',
      keyPrefix: '0H4',
      folder: 'connectedApps',
      suffix: 'connectedApp',
      secretFields: ['oauthConfig.consumerSecret'],
    });
    const record = { fullName: 'X', oauthConfig: { consumerKey: 'k', consumerSecret: 's' } };
    expect(store.withoutSecrets('ConnectedApp', record)).to.deep.equal({
      fullName: 'X',
      oauthConfig: { consumerKey: 'k' },
    });
    expect(record.oauthConfig.consumerSecret).to.equal('s'); // the stored record is untouched
  });
});
