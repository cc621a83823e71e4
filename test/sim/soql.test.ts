import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { rejection, rest, startConnected } from './helpers.js';

type Rec = Record<string, unknown> & { attributes: { type: string; url: string } };

describe('sim: SOQL', () => {
  let org: SimulatedOrg;
  let conn: Connection;
  let stdProfile: string;

  const q = async (soql: string): Promise<{ totalSize: number; done: boolean; records: Rec[] }> =>
    (await conn.query(soql)) as unknown as { totalSize: number; done: boolean; records: Rec[] };

  before(async () => {
    ({ org, conn } = await startConnected());
    stdProfile = String(org.records('Profile').find((p) => p.Name === 'Standard User')!.Id);
    const user = (username: string, last: string, active: boolean, title: string | null): void => {
      org.insertRecord('User', {
        Username: username,
        LastName: last,
        Alias: last.slice(0, 8).toLowerCase(),
        Email: username,
        ProfileId: stdProfile,
        IsActive: active,
        Title: title,
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      });
    };
    user('zed@sim.example', 'Zed', true, 'Agent');
    user('amy@sim.example', 'Amy', false, null);
    user('bob@sim.example', "O'Bob", true, 'Agent');
    org.insertRecord('PermissionSet', { Name: 'ECI_Access', Label: 'ECI Access' });
    org.insertRecord('PermissionSet', { Name: 'Other', Label: 'Other', NamespacePrefix: 'ns' });
  });
  after(async () => {
    await org.stop();
  });

  it('answers the real shape: totalSize, done, records with attributes {type, url}', async () => {
    const r = await q('SELECT Id, Name FROM Profile ORDER BY Name');
    expect(r.totalSize).to.equal(2);
    expect(r.done).to.equal(true);
    expect(r.records.map((x) => x.Name)).to.deep.equal(['Standard User', 'System Administrator']);
    expect(r.records[0].attributes).to.deep.equal({
      type: 'Profile',
      url: `/services/data/v66.0/sobjects/Profile/${stdProfile}`,
    });
    expect(Object.keys(r.records[0])).to.deep.equal(['attributes', 'Id', 'Name']);
  });

  it('selects relationship fields as nested records, canonical names whatever the query case', async () => {
    const r = await q(
      "select id, profile.name, Profile.UserLicense.Name from user where username = 'ADMIN@sim.example'",
    );
    expect(r.totalSize).to.equal(1);
    const rec = r.records[0];
    expect(rec.Id).to.equal(org.userId);
    const profile = rec.Profile as Rec;
    expect(profile.attributes.type).to.equal('Profile');
    expect(profile.Name).to.equal('System Administrator');
    expect((profile.UserLicense as Rec).Name).to.equal('Salesforce');
  });

  it('a null reference gives a null relationship', async () => {
    const r = await q("SELECT Name, Profile.Name FROM PermissionSet WHERE Name = 'ECI_Access'");
    expect(r.records[0].Profile).to.equal(null);
  });

  it('WHERE: =, !=, IN, NOT IN, LIKE, AND, OR, NOT, parentheses, booleans, null', async () => {
    const names = async (where: string): Promise<unknown[]> =>
      (await q(`SELECT LastName FROM User WHERE ${where} ORDER BY LastName`)).records.map((x) => x.LastName);
    expect(await names('IsActive = false')).to.deep.equal(['Amy']);
    expect(await names("IsActive = true AND Title = 'Agent'")).to.deep.equal(["O'Bob", 'Zed']);
    expect(await names('Title = null')).to.deep.equal(['Amy', 'User']);
    expect(await names('Title != null')).to.deep.equal(["O'Bob", 'Zed']);
    expect(await names("LastName IN ('zed', 'Amy')")).to.deep.equal(['Amy', 'Zed']);
    expect(await names("LastName NOT IN ('Zed', 'Amy')")).to.deep.equal(["O'Bob", 'User']);
    expect(await names("Username LIKE '%b%@sim.example'")).to.deep.equal(["O'Bob"]);
    expect(await names("LastName = 'O\\'Bob'")).to.deep.equal(["O'Bob"]);
    expect(await names("(LastName = 'Zed' OR LastName = 'Amy') AND IsActive = true")).to.deep.equal(['Zed']);
    expect(await names('NOT (IsActive = true)')).to.deep.equal(['Amy']);
    expect(await names("Profile.Name = 'Standard User' AND IsActive != false")).to.deep.equal(["O'Bob", 'Zed']);
    expect(await names(`ProfileId = '${stdProfile.slice(0, 15)}' AND LastName = 'Zed'`)).to.deep.equal(['Zed']);
  });

  it('ORDER BY DESC, LIMIT, OFFSET', async () => {
    const r = await q('SELECT LastName FROM User ORDER BY LastName DESC LIMIT 2 OFFSET 1');
    expect(r.records.map((x) => x.LastName)).to.deep.equal(['User', "O'Bob"]);
  });

  it('COUNT() gives totalSize and no records', async () => {
    const r = await q('SELECT COUNT() FROM User WHERE IsActive = true');
    expect(r.totalSize).to.equal(3);
    expect(r.records).to.deep.equal([]);
  });

  it('the tooling endpoint answers only tooling objects', async () => {
    const ok = await rest(
      org,
      'GET',
      `/services/data/v66.0/tooling/query?q=${encodeURIComponent('SELECT Id FROM ApexPage')}`,
    );
    expect(ok.status).to.equal(200);
    expect(ok.json.totalSize).to.equal(0);
    const bad = await rest(
      org,
      'GET',
      `/services/data/v66.0/tooling/query?q=${encodeURIComponent('SELECT Id FROM User')}`,
    );
    expect(bad.status).to.equal(400);
    expect(bad.json[0].errorCode).to.equal('INVALID_TYPE');
  });

  describe('errors, as Salesforce answers them (HTTP 400, [{errorCode, message}])', () => {
    const err = async (soql: string): Promise<{ status: number; code: string; message: string }> => {
      const r = await rest(org, 'GET', `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`);
      return { status: r.status, code: r.json[0].errorCode, message: r.json[0].message };
    };

    it('unknown object -> INVALID_TYPE with the caret excerpt', async () => {
      const e = await err('SELECT Id FROM ScratchOrgInfo');
      expect(e.status).to.equal(400);
      expect(e.code).to.equal('INVALID_TYPE');
      expect(e.message).to.equal(
        "\nSELECT Id FROM ScratchOrgInfo\n               ^\nERROR at Row:1:Column:16\nsObject type 'ScratchOrgInfo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      );
    });

    it('unknown field -> INVALID_FIELD', async () => {
      const e = await err('SELECT Id, Label FROM Profile');
      expect(e.code).to.equal('INVALID_FIELD');
      expect(e.message).to.contain("No such column 'Label' on entity 'Profile'");
      expect(e.message).to.contain('ERROR at Row:1:Column:12');
    });

    it('unknown relationship -> INVALID_FIELD', async () => {
      const e = await err('SELECT Owner.Name FROM Profile');
      expect(e.code).to.equal('INVALID_FIELD');
      expect(e.message).to.contain("Didn't understand relationship 'Owner'");
    });

    it('unknown field in WHERE or ORDER BY -> INVALID_FIELD', async () => {
      expect((await err("SELECT Id FROM User WHERE Nick = 'x'")).code).to.equal('INVALID_FIELD');
      expect((await err('SELECT Id FROM User ORDER BY Nick')).code).to.equal('INVALID_FIELD');
    });

    it('syntax error -> MALFORMED_QUERY', async () => {
      expect((await err('SELECT Id FROM')).code).to.equal('MALFORMED_QUERY');
      expect((await err('SELECT Id, FROM User')).code).to.equal('MALFORMED_QUERY');
      expect((await err("SELECT Id FROM User WHERE Name = 'x")).code).to.equal('MALFORMED_QUERY');
    });

    it('a literal of the wrong type -> INVALID_QUERY_FILTER_OPERATOR', async () => {
      expect((await err("SELECT Id FROM User WHERE IsActive = 'true'")).code).to.equal('INVALID_QUERY_FILTER_OPERATOR');
      expect((await err('SELECT Id FROM User WHERE LastName = 5')).code).to.equal('INVALID_QUERY_FILTER_OPERATOR');
      expect((await err("SELECT Id FROM User WHERE Id = 'notanid'")).code).to.equal('INVALID_QUERY_FILTER_OPERATOR');
    });

    it('jsforce surfaces the errorCode', async () => {
      const e = await rejection(Promise.resolve(conn.query('SELECT Id FROM Nope')));
      expect(e.errorCode ?? e.name).to.equal('INVALID_TYPE');
    });
  });

  it('columns=true answers column metadata (what sf data query asks for)', async () => {
    const r = await rest(
      org,
      'GET',
      `/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id, Profile.Name FROM User')}&columns=true`,
    );
    expect(r.status).to.equal(200);
    expect(r.json.entityName).to.equal('User');
    expect(r.json.columnMetadata.map((c: { columnName: string }) => c.columnName)).to.deep.equal(['Id', 'Profile']);
    expect(r.json.columnMetadata[1].joinColumns[0].columnName).to.equal('Name');
  });

  describe("semi-joins and anti-joins, with the platform's rules", () => {
    before(() => {
      const set = org.records('PermissionSet').find((p) => p.Name === 'ECI_Access')!;
      const zed = org.records('User').find((u) => u.Username === 'zed@sim.example')!;
      org.insertRecord('PermissionSetAssignment', { AssigneeId: zed.Id, PermissionSetId: set.Id });
    });
    const refusal = async (soql: string): Promise<string> => {
      const e = await rejection(Promise.resolve(conn.query(soql)));
      expect(e.errorCode ?? e.name, soql).to.equal('MALFORMED_QUERY');
      return e.message;
    };

    it('IN (SELECT …) finds rows through another object: the assignments of a user by username, of a set by label', async () => {
      const r = await q(
        "SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE Username = 'zed@sim.example')",
      );
      expect(r.records.map((x) => (x.PermissionSet as { Name: string }).Name)).to.deep.equal(['ECI_Access']);
      const none = await q(
        "SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE Username = 'nobody@sim.example')",
      );
      expect(none.totalSize).to.equal(0);
      // The subquery may filter through a relationship and hold OR; two semi-joins joined by AND are allowed.
      const two = await q(
        "SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE Profile.Name = 'Standard User' OR Username = 'x') AND PermissionSetId IN (SELECT Id FROM PermissionSet WHERE Label = 'ECI Access')",
      );
      expect(two.totalSize).to.equal(1);
    });

    it('NOT IN (SELECT …) is the anti-join', async () => {
      const r = await q(
        "SELECT Username FROM User WHERE Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment) AND Username LIKE '%@sim.example' ORDER BY Username",
      );
      expect(r.records.map((x) => x.Username)).to.not.include('zed@sim.example');
      expect(r.records.map((x) => x.Username)).to.include('bob@sim.example');
    });

    it('refuses what the platform refuses: OR, NOT, more than two, nesting, non-Id fields, the same object, ORDER BY or LIMIT inside', async () => {
      const sub = "SELECT Id FROM User WHERE Username = 'zed@sim.example'";
      expect(
        await refusal(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (${sub}) OR IsActive = true`),
      ).to.match(/'OR'/);
      await refusal(`SELECT Id FROM PermissionSetAssignment WHERE NOT (AssigneeId IN (${sub}))`);
      await refusal(
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (${sub}) AND AssigneeId IN (${sub}) AND AssigneeId IN (${sub})`,
      );
      await refusal(
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE ProfileId IN (SELECT Id FROM Profile))`,
      );
      expect(
        await refusal('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Name FROM User)'),
      ).to.match(/can only query id fields, cannot use: 'Name'/);
      await refusal('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Profile.Id FROM User)');
      await refusal('SELECT Id FROM User WHERE Id IN (SELECT Id FROM User)');
      await refusal('SELECT Id FROM User WHERE Username IN (SELECT Id FROM User)');
      await refusal('SELECT Id FROM User WHERE Profile.Id IN (SELECT ProfileId FROM PermissionSet)');
      await refusal(
        'SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User ORDER BY Username)',
      );
      await refusal('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User LIMIT 1)');
      // The selected field must refer to the left operand's object: a permission set id is no user.
      await refusal('SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM PermissionSet)');
    });
  });
});
