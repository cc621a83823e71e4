/*
 * The simulator's Composite API resource (REST API Developer Guide, "Send Multiple Requests Using Composite"): up to
 * 25 subrequests, of them up to 5 query operations; each subrequest answers its own httpStatusCode and body under its
 * referenceId. The simulator takes only GET of the Query resource and refuses the rest rather than pretend.
 */
import { expect } from 'chai';
import { SimulatedOrg } from './index.js';

describe('simulator: composite', () => {
  let org: SimulatedOrg;
  beforeEach(async () => {
    org = await SimulatedOrg.start();
  });
  afterEach(() => org.stop());

  const post = async (body: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${org.instanceUrl}/services/data/v66.0/composite`, {
      method: 'POST',
      headers: { authorization: `Bearer ${org.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const query = (soql: string, referenceId: string): object => ({
    method: 'GET',
    url: `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`,
    referenceId,
  });

  it('answers each query subrequest under its referenceId, a failed one with its own status and errors', async () => {
    const r = await post({
      allOrNone: false,
      compositeRequest: [query('SELECT Id FROM User', 'users'), query('SELECT Id FROM NoSuchThing', 'bad')],
    });
    expect(r.status).to.equal(200);
    const [users, bad] = (r.body as { compositeResponse: Array<Record<string, unknown>> }).compositeResponse;
    expect(users.referenceId).to.equal('users');
    expect(users.httpStatusCode).to.equal(200);
    expect((users.body as { totalSize: number }).totalSize).to.be.greaterThan(0);
    expect(bad.referenceId).to.equal('bad');
    expect(bad.httpStatusCode).to.equal(400);
    expect((bad.body as Array<{ errorCode: string }>)[0].errorCode).to.equal('INVALID_TYPE');
    // A composite of queries reads: it is no write in the calls log.
    expect(org.writes()).to.deep.equal([]);
  });

  it('with allOrNone, a failed subrequest halts the others', async () => {
    const r = await post({
      allOrNone: true,
      compositeRequest: [query('SELECT Id FROM User', 'users'), query('SELECT Id FROM NoSuchThing', 'bad')],
    });
    const [users] = (r.body as { compositeResponse: Array<Record<string, unknown>> }).compositeResponse;
    expect(users.httpStatusCode).to.equal(400);
    expect((users.body as Array<{ errorCode: string }>)[0].errorCode).to.equal('PROCESSING_HALTED');
  });

  it('refuses more than 25 subrequests, more than 5 queries, anything but GET of the Query resource, bad referenceIds', async () => {
    const many = Array.from({ length: 26 }, (_, i) => query('SELECT Id FROM User', `q${i}`));
    expect((await post({ compositeRequest: many })).status).to.equal(400);
    const six = await post({ compositeRequest: many.slice(0, 6) });
    expect(six.status).to.equal(400);
    expect(JSON.stringify(six.body)).to.match(/at most 5 query operations.*LIMIT_EXCEEDED/);
    expect((await post({ compositeRequest: many.slice(0, 5) })).status).to.equal(200);
    const write = await post({
      compositeRequest: [{ method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'a', body: {} }],
    });
    expect(write.status).to.equal(400);
    const same = await post({
      compositeRequest: [query('SELECT Id FROM User', 'x'), query('SELECT Id FROM User', 'x')],
    });
    expect(same.status).to.equal(400);
    const badRef = await post({ compositeRequest: [query('SELECT Id FROM User', '1st')] });
    expect(badRef.status).to.equal(400);
    expect((await post({ compositeRequest: [] })).status).to.equal(400);
  });
});
