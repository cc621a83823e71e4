import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { rejection, rest, startConnected } from './helpers.js';

type SaveResult = {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};

describe('sim: sObject REST', () => {
  let org: SimulatedOrg;
  let conn: Connection;
  let stdProfile: string;

  const newUser = (username: string): Record<string, unknown> => ({
    Username: username,
    LastName: 'Integration',
    FirstName: 'ECI',
    Alias: 'eciint',
    Email: username,
    ProfileId: stdProfile,
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  });

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
    stdProfile = String(org.records('Profile').find((p) => p.Name === 'Standard User')!.Id);
  });
  afterEach(async () => {
    await org.stop();
  });

  it('seeds the admin user, the two profiles and the Organization row', () => {
    const admin = org.records('User').find((u) => u.Id === org.userId)!;
    expect(admin).to.include({ Username: 'admin@sim.example', IsActive: true, Name: 'Admin User' });
    expect(org.records('Profile').map((p) => p.Name)).to.have.members(['System Administrator', 'Standard User']);
    expect(org.records('Organization')[0]).to.include({
      Id: '00D000000000001AAA',
      IsSandbox: false,
      InstanceName: 'SIM1',
    });
  });

  it('create (201 {id, success, errors}), retrieve, update (204), delete (204)', async () => {
    const created = (await conn
      .sobject('PermissionSet')
      .create({ Name: 'ECI_Access', Label: 'ECI Access' })) as SaveResult;
    expect(created.success).to.equal(true);
    expect(created.id).to.match(/^0PS[0-9A-Za-z]{15}$/);
    const raw = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSet', { Name: 'Two', Label: 'Two' });
    expect(raw.status).to.equal(201);
    expect(raw.json).to.have.keys(['id', 'success', 'errors']);

    const got = (await conn.sobject('PermissionSet').retrieve(created.id!)) as Record<string, unknown>;
    expect(got).to.include({ Name: 'ECI_Access', Label: 'ECI Access', IsOwnedByProfile: false });
    expect((got.attributes as { type: string }).type).to.equal('PermissionSet');

    const upd = await rest(org, 'PATCH', `/services/data/v66.0/sobjects/PermissionSet/${created.id}`, {
      Label: 'ECI Access 2',
    });
    expect(upd.status).to.equal(204);
    expect(org.records('PermissionSet').find((p) => p.Id === created.id)?.Label).to.equal('ECI Access 2');

    const del = await rest(org, 'DELETE', `/services/data/v66.0/sobjects/PermissionSet/${created.id}`);
    expect(del.status).to.equal(204);
    expect(org.records('PermissionSet').map((p) => p.Name)).to.deep.equal(['Two']);
  });

  it('computes derived fields (User.Name) and defaults (IsActive)', async () => {
    const r = (await conn.sobject('User').create(newUser('eci@sim.example'))) as SaveResult;
    const u = org.records('User').find((x) => x.Id === r.id)!;
    expect(u).to.include({ Name: 'ECI Integration', IsActive: true, UserType: 'Standard' });
  });

  describe('errors, with Salesforce shapes', () => {
    it('required fields missing -> 400 REQUIRED_FIELD_MISSING with fields', async () => {
      const { LastName: _l, Alias: _a, ...rest0 } = newUser('x@sim.example');
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/User', rest0);
      expect(r.status).to.equal(400);
      expect(r.json).to.deep.equal([
        {
          message: 'Required fields are missing: [LastName, Alias]',
          errorCode: 'REQUIRED_FIELD_MISSING',
          fields: ['LastName', 'Alias'],
        },
      ]);
    });

    it('unknown field -> 400 INVALID_FIELD', async () => {
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSet', {
        Name: 'A',
        Label: 'A',
        Foo__c: 1,
      });
      expect(r.status).to.equal(400);
      expect(r.json[0]).to.include({
        errorCode: 'INVALID_FIELD',
        message: "No such column 'Foo__c' on sobject of type PermissionSet",
      });
    });

    it('non-createable field -> INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSet', {
        Name: 'A',
        Label: 'A',
        IsOwnedByProfile: true,
      });
      expect(r.json[0].errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
      expect(r.json[0].fields).to.deep.equal(['IsOwnedByProfile']);
    });

    it('wrong JSON type -> JSON_PARSER_ERROR; reference to the wrong object or a missing row is refused', async () => {
      expect(
        (
          await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSet', {
            Name: 'A',
            Label: 'A',
            PermissionsApiEnabled: 'yes',
          })
        ).json[0].errorCode,
      ).to.equal('JSON_PARSER_ERROR');
      const wrongType = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSetAssignment', {
        AssigneeId: stdProfile,
        PermissionSetId: stdProfile,
      });
      expect(wrongType.json[0].errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
      const missing = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSetAssignment', {
        AssigneeId: '005000000000099AAA',
        PermissionSetId: '0PS000000000099AAA',
      });
      expect(missing.json[0].errorCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
    });

    it('duplicate unique value -> DUPLICATE_VALUE', async () => {
      await conn.sobject('PermissionSet').create({ Name: 'Dup', Label: 'Dup' });
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/PermissionSet', { Name: 'dup', Label: 'Dup' });
      expect(r.json[0].errorCode).to.equal('DUPLICATE_VALUE');
    });

    it('unknown object or record -> 404 NOT_FOUND', async () => {
      expect((await rest(org, 'GET', '/services/data/v66.0/sobjects/Nope/005000000000001AAA')).status).to.equal(404);
      const r = await rest(org, 'GET', '/services/data/v66.0/sobjects/User/005000000000099AAA');
      expect(r.status).to.equal(404);
      expect(r.json[0].errorCode).to.equal('NOT_FOUND');
    });

    it('objects the API cannot create say so', async () => {
      const r = await rest(org, 'POST', '/services/data/v66.0/sobjects/Organization', { Name: 'x' });
      expect(r.status).to.equal(400);
    });

    it('jsforce throws with the errorCode', async () => {
      const e = await rejection(conn.sobject('PermissionSet').create({ Label: 'no name' }));
      expect(e.errorCode ?? e.name).to.equal('REQUIRED_FIELD_MISSING');
    });
  });

  describe('composite/sobjects (jsforce uses it for arrays)', () => {
    it('creates many, answering per record', async () => {
      const res = (await conn
        .sobject('PermissionSet')
        .create([{ Name: 'A', Label: 'A' }, { Label: 'no name' }])) as SaveResult[];
      expect(res[0].success).to.equal(true);
      expect(res[0].id).to.match(/^0PS/);
      expect(res[1]).to.deep.equal({
        success: false,
        errors: [
          { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
        ],
      });
      expect(org.records('PermissionSet').map((p) => p.Name)).to.deep.equal(['A']);
    });

    it('allOrNone rolls every record back when one fails', async () => {
      const res = (await conn
        .sobject('PermissionSet')
        .create([{ Name: 'A', Label: 'A' }, { Label: 'no name' }], { allOrNone: true })) as SaveResult[];
      expect(res.map((r) => r.success)).to.deep.equal([false, false]);
      expect(res[0].errors[0].statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
      expect(org.records('PermissionSet')).to.deep.equal([]);
    });

    it('updates and deletes many', async () => {
      const [a, b] = (await conn.sobject('PermissionSet').create([
        { Name: 'A', Label: 'A' },
        { Name: 'B', Label: 'B' },
      ])) as SaveResult[];
      const upd = (await conn.sobject('PermissionSet').update([
        { Id: a.id!, Label: 'A2' },
        { Id: b.id!, Label: 'B2' },
      ])) as SaveResult[];
      expect(upd.every((r) => r.success)).to.equal(true);
      expect(org.records('PermissionSet').map((p) => p.Label)).to.deep.equal(['A2', 'B2']);
      const del = (await conn.sobject('PermissionSet').destroy([a.id!, b.id!])) as SaveResult[];
      expect(del.map((r) => r.success)).to.deep.equal([true, true]);
      expect(org.records('PermissionSet')).to.deep.equal([]);
    });
  });

  it('a wrong token -> 401 INVALID_SESSION_ID', async () => {
    const r = await rest(
      org,
      'GET',
      `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM User')}`,
      undefined,
      'wrong',
    );
    expect(r.status).to.equal(401);
    expect(r.json).to.deep.equal([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('paths with a doubled slash (the CLI stores the instance URL with a trailing slash) are normalised', async () => {
    const r = await rest(org, 'GET', `//services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Profile')}`);
    expect(r.status).to.equal(200);
    expect(r.json.totalSize).to.equal(2);
  });

  it('unknown routes answer 404 with a body naming the route, and are logged', async () => {
    const r = await rest(org, 'GET', '/services/apexrest/whatever');
    expect(r.status).to.equal(404);
    expect(r.json[0].message).to.contain('no route for GET /services/apexrest/whatever');
    expect(org.calls.at(-1)).to.include({ operation: 'unknown', status: 404, path: '/services/apexrest/whatever' });
  });

  it('API versions: /services/data lists up to 66.0; an unsupported version is 404', async () => {
    const v = await rest(org, 'GET', '/services/data');
    expect(v.json.at(-1)).to.deep.equal({ label: "Spring '26", url: '/services/data/v66.0', version: '66.0' });
    expect(v.json[0]).to.deep.equal({ label: "Winter '11", url: '/services/data/v20.0', version: '20.0' });
    expect((await rest(org, 'GET', '/services/data/v67.0/sobjects')).status).to.equal(404);
  });

  it('describe lists fields with their flags', async () => {
    const d = (await conn.sobject('PermissionSetAssignment').describe()) as unknown as {
      fields: Array<{ name: string; createable: boolean; referenceTo: string[] }>;
    };
    const assignee = d.fields.find((f) => f.name === 'AssigneeId')!;
    expect(assignee.referenceTo).to.deep.equal(['User']);
    expect(d.fields.find((f) => f.name === 'Id')!.createable).to.equal(false);
  });
});
