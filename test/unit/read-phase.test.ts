/*
 * The read phase of the org layer, over the real HTTP boundary to the simulated org: the reads a run
 * declares are sent at once (queries in one Composite Batch, at most 25 a call), each answer is remembered under
 * the key of the ordinary read and checked as a direct answer is; a write's own answer is the new state of what it
 * wrote, and it forgets only what else it may have changed.
 */
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { metadataRef } from '../../src/model/component.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { settled } from '../../src/org/read-plan.js';
import type { SimulatedOrg } from '../sim/index.js';
import { anonymousNamedCredential, startConnected } from '../sim/helpers.js';

const QUERIES = Array.from(
  { length: 27 },
  (_, i) => `SELECT Id, Username FROM User WHERE Username = 'u${i}@x.example'`,
);

const namedCredential = anonymousNamedCredential;

describe('the connection-backed org: the read phase', () => {
  let org: SimulatedOrg;
  let access: SalesforceOrg;
  let start = 0;
  beforeEach(async () => {
    const started = await startConnected();
    org = started.org;
    access = new SalesforceOrg(started.conn);
    // The API versions, asked once by the connection itself: not the org layer's reads.
    await started.conn.request('/services/data');
    start = org.calls.length;
  });
  afterEach(() => org.stop());

  const calls = (): typeof org.calls => org.calls.slice(start).filter((c) => c.operation !== 'versions');
  const sent = (operation: string): number => calls().filter((c) => c.operation === operation).length;

  it('sends 27 queries as 2 Composite Batch calls (25 + 2) and answers each from them, as a direct query would', async () => {
    await access.prefetch(QUERIES.map((soql) => ({ kind: 'query', soql })));
    expect(calls().map((c) => c.operation)).to.deep.equal(['composite.batch', 'composite.batch']);
    expect(
      calls().map((c) => c.apiCalls),
      'each subrequest counts against the API limits',
    ).to.deep.equal([25, 2]);
    const before = org.calls.length;
    const rows = await Promise.all(QUERIES.map((q) => access.query(q)));
    expect(org.calls.length, 'answered from the read phase').to.equal(before);
    expect(rows.every((r) => Array.isArray(r) && r.length === 0)).to.equal(true);
  });

  it('a failed subrequest is that query’s error in Salesforce’s words, never an empty answer; the others answer', async () => {
    await access.prefetch([
      { kind: 'query', soql: 'SELECT Id FROM NoSuchThing' },
      { kind: 'query', soql: QUERIES[0] },
    ]);
    const error = (await access.query('SELECT Id FROM NoSuchThing').then(
      () => undefined,
      (e: SfError) => e,
    )) as SfError<{ errorCode?: string }> | undefined;
    expect(error, 'an error, not []').to.not.equal(undefined);
    expect(error?.data?.errorCode).to.equal('INVALID_TYPE');
    expect(await access.query(QUERIES[0])).to.deep.equal([]);
    // Salesforce's refusal stays the answer for the run: nothing is sent again.
    expect(sent('query') + sent('composite.batch')).to.equal(1);
  });

  it('a subrequest whose body is no query result is unreadable, never "absent": the query is asked again directly', async () => {
    org.insertRecord('User', {
      Username: 'u0@x.example',
      LastName: 'Zero',
      Email: 'u0@x.example',
      Alias: 'u0',
      ProfileId: org.records('Profile')[0].Id,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    });
    org.faults.add(
      { operation: 'composite.batch' },
      {
        kind: 'answer',
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          hasErrors: false,
          results: [
            { statusCode: 200, result: { hello: 'not a query result' } },
            { statusCode: 200, result: { totalSize: 0, done: true, records: [] } },
          ],
        }),
      },
    );
    await access.prefetch([
      { kind: 'query', soql: QUERIES[0] },
      { kind: 'query', soql: QUERIES[1] },
    ]);
    const rows = await access.query<{ Username: string }>(QUERIES[0]);
    expect(rows.map((r) => r.Username)).to.deep.equal(['u0@x.example']);
    expect(sent('query'), 'asked again on its own').to.equal(1);
  });

  it('a read phase declares dependent reads in the next round, the facts among the first, never a read twice', async () => {
    org.seedMetadata('NamedCredential', {
      fullName: 'First',
      endpoint: 'https://a.example',
      label: 'First',
      namedCredentialType: 'Legacy',
      principalType: 'Anonymous',
      protocol: 'NoAuthentication',
    });
    await access.readPhase(async (reader) => {
      const [[first], users] = await settled([
        reader.readMetadata([metadataRef('NamedCredential', 'First')]),
        reader.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${org.username}'`),
      ] as const);
      // Needs both answers: the second round.
      if (first.exists && users[0]) await reader.query(`SELECT Id FROM User WHERE Id = '${users[0].Id}'`);
    });
    // The first round: the metadata read, and one batch of the declared query with the facts' own.
    expect(calls().map((c) => c.operation)).to.deep.equal(['composite.batch', 'readMetadata', 'query']);
    const before = org.calls.length;
    await access.facts();
    await access.readMetadata([metadataRef('NamedCredential', 'First')]);
    await access.query(`SELECT Id FROM User WHERE Id = '${org.userId}'`);
    expect(org.calls.length).to.equal(before);
  });

  it("a write's answer is the new state of what it wrote; it forgets the queries of its sObject, keeps the rest", async () => {
    const userQuery = `SELECT Id FROM User WHERE Username = '${org.username}'`;
    const ncQuery = `SELECT Id FROM NamedCredential WHERE DeveloperName = 'Second'`;
    await access.prefetch([
      { kind: 'metadata', type: 'NamedCredential', fullName: 'Second' },
      { kind: 'metadata', type: 'AuthProvider', fullName: 'Ring_Central' },
      { kind: 'query', soql: userQuery },
      { kind: 'query', soql: ncQuery },
    ]);
    const [outcome] = await access.upsertMetadata('NamedCredential', [
      { component: namedCredential('Second', 'https://b.example'), current: { exists: false } },
    ]);
    expect(outcome.success).to.equal(true);
    const before = org.calls.length;
    const [[second], [provider], , nc] = await Promise.all([
      access.readMetadata([metadataRef('NamedCredential', 'Second')]),
      access.readMetadata([metadataRef('AuthProvider', 'Ring_Central')]),
      access.query(userQuery),
      access.query(ncQuery),
    ]);
    expect(second.exists, 'saved, as its write answered').to.equal(true);
    expect(second.exists && second.fields.endpoint).to.equal('https://b.example');
    expect(nc).to.have.length(1);
    expect(provider.exists).to.equal(false);
    expect(
      org.calls.slice(before).map((c) => `${c.operation} ${c.type}`),
      'only the queries of its sObject are read again',
    ).to.deep.equal(['query NamedCredential']);
  });
});
