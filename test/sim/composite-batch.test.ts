/*
 * The simulator's Composite Batch resource (REST API Developer Guide, "Composite Batch"): up to 25 subrequests, each
 * `vXX.X/<resource>` from 34.0 to the batch's version, of the resources the guide lists (not Tooling, not the OAuth
 * credentials resources); an invalid one refuses the whole call before any runs; each subrequest counts against the
 * org's API limits; haltOnError stops after a failed one.
 */
import { expect } from 'chai';
import { SimulatedOrg } from './index.js';

type BatchAnswer = { hasErrors: boolean; results: Array<{ statusCode: number; result: unknown }> };

describe('simulator: composite batch', () => {
  let org: SimulatedOrg;
  beforeEach(async () => {
    org = await SimulatedOrg.start();
  });
  afterEach(() => org.stop());

  const post = async (body: unknown, version = '66.0'): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${org.instanceUrl}/services/data/v${version}/composite/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const query = (soql: string, version = '66.0'): object => ({
    method: 'GET',
    url: `v${version}/query?q=${encodeURIComponent(soql)}`,
  });
  const remaining = async (): Promise<number> => {
    const res = await fetch(`${org.instanceUrl}/services/data/v66.0/limits`, {
      headers: { authorization: `Bearer ${org.accessToken}` },
    });
    return ((await res.json()) as { DailyApiRequests: { Remaining: number } }).DailyApiRequests.Remaining;
  };

  it('answers each subrequest in order, a failed one with its own status and errors; hasErrors says so', async () => {
    const r = await post({ batchRequests: [query('SELECT Id FROM User'), query('SELECT Id FROM NoSuchThing')] });
    expect(r.status).to.equal(200);
    const { hasErrors, results } = r.body as BatchAnswer;
    expect(hasErrors).to.equal(true);
    expect(results[0].statusCode).to.equal(200);
    expect((results[0].result as { totalSize: number }).totalSize).to.be.greaterThan(0);
    expect(results[1].statusCode).to.equal(400);
    expect((results[1].result as Array<{ errorCode: string }>)[0].errorCode).to.equal('INVALID_TYPE');
    // A batch of queries reads: no write in the calls log; one entry per query read.
    expect(org.writes()).to.deep.equal([]);
    expect(org.calls.at(-1)?.reads).to.deep.equal(['query SELECT Id FROM User', 'query SELECT Id FROM NoSuchThing']);
  });

  it('takes more than five queries (no cap of its own) and counts each subrequest against the API limits', async () => {
    const before = await remaining();
    const twelve = Array.from({ length: 12 }, () => query('SELECT Id FROM User'));
    const r = await post({ batchRequests: twelve });
    expect(r.status).to.equal(200);
    expect((r.body as BatchAnswer).results).to.have.length(12);
    // 12 subrequests, then the limits resource itself: 13 requests against the daily limit.
    expect(before - (await remaining())).to.equal(13);
  });

  it('with haltOnError, every subrequest after a failed one answers 412 BATCH_PROCESSING_HALTED', async () => {
    const r = await post({
      haltOnError: true,
      batchRequests: [query('SELECT Id FROM NoSuchThing'), query('SELECT Id FROM User')],
    });
    const { results } = r.body as BatchAnswer;
    expect(results.map((x) => x.statusCode)).to.deep.equal([400, 412]);
    expect((results[1].result as Array<{ errorCode: string }>)[0].errorCode).to.equal('BATCH_PROCESSING_HALTED');
  });

  it('refuses the whole call before running any: more than 25, Tooling, the OAuth credentials resources, bad urls and methods, versions out of range', async () => {
    const refused = async (batchRequests: unknown[], version?: string): Promise<string> => {
      const r = await post({ batchRequests }, version);
      expect(r.status, JSON.stringify(batchRequests).slice(0, 120)).to.equal(400);
      return JSON.stringify(r.body);
    };
    expect(await refused(Array.from({ length: 26 }, () => query('SELECT Id FROM User')))).to.match(/at most 25/);
    await refused([{ method: 'GET', url: `v66.0/tooling/query?q=${encodeURIComponent('SELECT Id FROM ApexClass')}` }]);
    await refused([{ method: 'GET', url: 'v66.0/apps/oauth/usage' }]);
    await refused([{ method: 'GET', url: 'v66.0/metadata/deployRequest' }]);
    await refused([{ method: 'GET', url: `/services/data/v66.0/query?q=x` }]);
    await refused([{ method: 'FETCH', url: 'v66.0/limits' }]);
    await refused([query('SELECT Id FROM User', '33.0')]);
    await refused([query('SELECT Id FROM User', '66.0')], '60.0');
    await refused([]);
    // Nothing ran: no subrequest was counted.
    expect(org.calls.filter((c) => c.operation === 'composite.batch').every((c) => c.apiCalls === undefined)).to.equal(
      true,
    );
  });

  it('runs the Limits resource in a batch; a listed resource it does not simulate is refused, never pretended', async () => {
    const r = await post({ batchRequests: [{ method: 'GET', url: 'v66.0/limits' }] });
    expect((r.body as BatchAnswer).results[0].statusCode).to.equal(200);
    const chatter = await post({ batchRequests: [{ method: 'GET', url: 'v66.0/chatter/users/me' }] });
    expect(chatter.status).to.equal(400);
    expect(JSON.stringify(chatter.body)).to.match(/NOT_SUPPORTED/);
  });
});
