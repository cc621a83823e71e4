/*
 * The simulated org's (and the RingCentral stand-in's) latency option, which `npm run bench` uses to answer like
 * Salesforce: every answer, an injected fault's too, is held back `ms` plus a uniform 0..`jitterMs`. The assertions
 * are on the delay each answer was given (logged per call) and on the answer never coming before it: not timed.
 */
import { expect } from 'chai';
import { SimulatedOrg } from './index.js';
import { FakeRingCentral } from './ringcentral.js';
import { connect } from './helpers.js';

async function queries(org: SimulatedOrg, n: number): Promise<void> {
  const conn = await connect(org);
  org.calls.length = 0;
  for (let i = 0; i < n; i++) await conn.query(`SELECT Id FROM Profile WHERE Name = 'P${i}'`);
}

describe('sim: latency option', () => {
  let org: SimulatedOrg | undefined;
  afterEach(async () => {
    await org?.stop();
    org = undefined;
  });

  it('holds every answer back a fixed delay without jitter', async () => {
    org = await SimulatedOrg.start({ latency: { ms: 20 } });
    await queries(org, 4);
    expect(org.calls).to.have.length(4);
    for (const c of org.calls) {
      expect(c.latencyMs).to.equal(20);
      expect(c.doneAt! - c.at).to.be.at.least(19); // setTimeout may fire 1 ms early by the clock
    }
  });

  it('with jitter, delays each answer within [latency, latency + jitter], not all alike', async () => {
    org = await SimulatedOrg.start({ latency: { ms: 10, jitterMs: 40 } });
    await queries(org, 12);
    const delays = org.calls.map((c) => c.latencyMs!);
    expect(delays).to.have.length(12);
    for (const d of delays) expect(d).to.be.within(10, 50);
    expect(new Set(delays.map((d) => Math.round(d))).size).to.be.greaterThan(1);
    for (const c of org.calls) expect(c.doneAt! - c.at).to.be.at.least(Math.floor(c.latencyMs!) - 1);
  });

  it('holds back an injected error answer too', async () => {
    org = await SimulatedOrg.start({ latency: { ms: 15, jitterMs: 5 } });
    const conn = await connect(org);
    org.faults.add({ operation: 'query' }, { kind: 'answer', status: 503, body: 'down', contentType: 'text/plain' });
    org.calls.length = 0;
    await conn.query('SELECT Id FROM Profile').then(
      () => undefined,
      () => undefined,
    );
    const faulted = org.calls.find((c) => c.status === 503)!;
    expect(faulted.latencyMs).to.be.within(15, 20);
    expect(faulted.doneAt! - faulted.at).to.be.at.least(14);
  });

  it('without the option, answers at once (no delay logged)', async () => {
    org = await SimulatedOrg.start();
    await queries(org, 2);
    expect(org.calls.map((c) => c.latencyMs)).to.deep.equal([undefined, undefined]);
  });

  it('the RingCentral stand-in takes the same option', async () => {
    const rc = await FakeRingCentral.start({ latency: { ms: 30 } });
    try {
      const started = Date.now();
      const r = await fetch(`${rc.url}/restapi/oauth/token`, { method: 'POST', body: 'grant_type=nothing' });
      expect(r.status).to.be.at.least(400);
      expect(Date.now() - started).to.be.at.least(29);
      expect(rc.calls).to.have.length(1);
    } finally {
      await rc.stop();
    }
  });
});
