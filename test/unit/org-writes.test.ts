/*
 * Writes of one level together, and a write's own answer taken as the new state, over the real HTTP boundary to the
 * simulated org: upserts of one type asked for in the same turn (independent steps) go in one call, new records of one
 * sObject in one sObject Collections call; a created record's Id is known without a read; a callout check is asked
 * once a run until a write it depends on; a read phase leaves alone what a write in flight may change.
 */
import { expect } from 'chai';
import type { MetadataComponent, RecordComponent } from '../../src/model/component.js';
import { calloutCheckApex } from '../../src/org/callout-check.js';
import { Coalescer } from '../../src/org/coalescer.js';
import { ReadCache } from '../../src/org/read-cache.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { setOrgTimings } from '../../src/org/timings.js';
import { SimulatedOrg } from '../sim/index.js';
import { anonymousNamedCredential, connect } from '../sim/helpers.js';

const namedCredential = (fullName: string): MetadataComponent =>
  anonymousNamedCredential(fullName, `https://${fullName.toLowerCase()}.example`);

const assignment = (userId: string, setId: string): RecordComponent => ({
  kind: 'record',
  sobject: 'PermissionSetAssignment',
  name: setId,
  label: 'assignment',
  match: { AssigneeId: userId, PermissionSetId: setId },
  fields: {},
});

describe('the connection-backed org: writes of one level, and what they answer', () => {
  let org: SimulatedOrg;
  let access: SalesforceOrg;
  let start = 0;
  beforeEach(async () => {
    org = await SimulatedOrg.start({ latency: { ms: 30 } });
    access = new SalesforceOrg(await connect(org));
    start = org.calls.length;
  });
  afterEach(() => org.stop());

  /** The org layer's own calls (not the login's). */
  const calls = (): typeof org.calls => org.calls.slice(start);
  const sent = (operation: string): number => calls().filter((c) => c.operation === operation).length;

  it('upserts of one type asked for in the same turn go in one call; each caller gets its own outcomes', async () => {
    const [a, b] = await Promise.all([
      access.upsertMetadata('NamedCredential', [{ component: namedCredential('First'), current: { exists: false } }]),
      access.upsertMetadata('NamedCredential', [{ component: namedCredential('Second'), current: { exists: false } }]),
    ]);
    expect([a, b]).to.deep.equal([[{ success: true, created: true }], [{ success: true, created: true }]]);
    expect(
      calls()
        .filter((c) => c.operation === 'upsertMetadata')
        .map((c) => c.fullNames),
    ).to.deep.equal([['First', 'Second']]);
    // What each saved is its new state: nothing is read back.
    const [first] = await access.readMetadata([namedCredential('First')]);
    expect(first.exists && first.fields.endpoint).to.equal('https://first.example');
    expect(sent('readMetadata')).to.equal(0);
  });

  it('new records of one sObject go in one collection call, each created record known by its Id without a read', async () => {
    const set1 = org.insertRecord('PermissionSet', { Name: 'One', Label: 'One' });
    const set2 = org.insertRecord('PermissionSet', { Name: 'Two', Label: 'Two' });
    const records = [assignment(org.userId, set1), assignment(org.userId, set2)];
    const outcomes = await Promise.all(records.map((r) => access.upsertRecord(r, { exists: false })));
    expect(outcomes).to.deep.equal([
      { success: true, created: true },
      { success: true, created: true },
    ]);
    expect(
      calls()
        .filter((c) => c.write)
        .map((c) => c.operation),
    ).to.deep.equal(['composite.create']);
    const states = await access.readRecords(records);
    expect(states.every((s) => s.exists && s.id?.startsWith('0Pa'))).to.equal(true);
    expect(sent('query')).to.equal(0);
  });

  it('a callout check is asked once a run; a write of its named credential forgets it; fresh asks again', async () => {
    const apex = calloutCheckApex('First', '/');
    await access.executeAnonymous(apex);
    await access.executeAnonymous(apex);
    expect(sent('executeAnonymous')).to.equal(1);
    await access.upsertMetadata('NamedCredential', [
      { component: namedCredential('First'), current: { exists: false } },
    ]);
    await access.executeAnonymous(apex);
    expect(sent('executeAnonymous'), 'asked again after the write').to.equal(2);
    await access.executeAnonymous(apex, { fresh: true });
    expect(sent('executeAnonymous')).to.equal(3);
  });

  it('a read phase leaves alone what a write in flight may change, and asks it once the write has landed', async () => {
    const ncQuery = "SELECT Id FROM NamedCredential WHERE DeveloperName = 'First'";
    const userQuery = `SELECT Id FROM User WHERE Username = '${org.username}'`;
    const writing = access.upsertMetadata('NamedCredential', [
      { component: namedCredential('First'), current: { exists: false } },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    await access.readPhase(async (reader) => {
      await Promise.allSettled([reader.query(ncQuery), reader.query(userQuery)]);
    });
    await writing;
    expect(await access.query(ncQuery)).to.have.length(1);
    const written = calls().find((c) => c.operation === 'upsertMetadata')!;
    const asked = calls().filter((c) => c.soql?.includes('FROM NamedCredential'));
    expect(asked, 'asked once, and only once the write was answered').to.have.length(1);
    expect(asked[0].at).to.be.at.least(written.doneAt!);
  });

  it('a CRUD write asked for while a deploy of the run is running waits for it (the org would refuse it meanwhile)', async () => {
    const [deployed, upserted] = await Promise.all([
      access.deployMetadata([{ component: namedCredential('ByDeploy'), current: { exists: false } }]),
      access.upsertMetadata('NamedCredential', [{ component: namedCredential('ByCrud'), current: { exists: false } }]),
    ]);
    expect(deployed[0]).to.include({ success: true, created: true });
    expect(upserted).to.deep.equal([{ success: true, created: true }]);
    const lastPoll = calls()
      .filter((c) => c.operation === 'checkDeployStatus')
      .at(-1)!;
    const upsert = calls().find((c) => c.operation === 'upsertMetadata')!;
    expect(upsert.at).to.be.at.least(lastPoll.doneAt!);
  });

  it("a setup change refused by another run's deploy (the administration lock) is sent again once the lock is gone", async () => {
    const restore = setOrgTimings({ adminLockWaitsMs: [600, 600] });
    try {
      // Another run's deploy, started and polled once, then left (Ctrl-C): it holds the lock for a moment.
      const other = new SalesforceOrg(await connect(org));
      const stopped = other.deployMetadata([{ component: namedCredential('ByOther'), current: { exists: false } }]);
      while (!org.calls.some((c) => c.operation === 'checkDeployStatus')) await new Promise((r) => setTimeout(r, 5));
      const [outcome] = await access.upsertMetadata('NamedCredential', [
        { component: namedCredential('Mine'), current: { exists: false } },
      ]);
      expect(outcome).to.deep.equal({ success: true, created: true });
      const upserts = calls().filter((c) => c.operation === 'upsertMetadata');
      expect(upserts.length, 'refused once, then accepted').to.be.at.least(2);
      void stopped.catch(() => undefined);
    } finally {
      restore();
    }
  });
});

describe('read cache: what a write in flight may change', () => {
  it('a query of the written sObject may change until the write lands; others may not', async () => {
    const cache = new ReadCache();
    let land!: () => void;
    const write = cache.write(() => new Promise<void>((resolve) => (land = resolve)), { sobject: 'User' });
    expect(cache.mayChange('query SELECT Id FROM User')).to.equal(true);
    expect(cache.mayChange('query SELECT Id FROM NamedCredential')).to.equal(false);
    land();
    await write;
    expect(cache.mayChange('query SELECT Id FROM User')).to.equal(false);
  });
});

describe('coalescer: calls of one turn, together', () => {
  it('one call per key up to the limit, never splitting a caller; a failed call fails only its callers', async () => {
    const sentCalls: Array<[string, number[]]> = [];
    const co = new Coalescer<number, string>(3, (key, items) => {
      sentCalls.push([key, [...items]]);
      return key === 'bad' ? Promise.reject(new Error('refused')) : Promise.resolve(items.map((i) => `${key}${i}`));
    });
    const answers = await Promise.allSettled([
      co.enqueue('a', [1, 2]),
      co.enqueue('a', [3]),
      co.enqueue('a', [4, 5]),
      co.enqueue('b', [6]),
      co.enqueue('bad', [7]),
    ]);
    expect(sentCalls).to.deep.equal([
      ['a', [1, 2, 3]],
      ['a', [4, 5]],
      ['b', [6]],
      ['bad', [7]],
    ]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).to.deep.equal([
      ['a1', 'a2'],
      ['a3'],
      ['a4', 'a5'],
      ['b6'],
      'refused',
    ]);
  });
});
