/*
 * What configure and verify send, counted, not timed: configure on a fresh org, configure again with nothing to change,
 * and verify, on the app paths (the guide's Connected App; the External Client App of a Spring '26 org whose REST access
 * to consumer secrets is on; and a DEFAULT Spring '26 org, where it is off and configure switches it for the read with
 * --allow-secret-read-via-rest), against the simulated org answering every call after 100 ms, so that the timeline's
 * sequential round trips are those of the plugin's dependency chain, not of the machine. Requests, repeated reads and
 * round trips (besides deploy status polls) are taken from the simulator's timeline; a regression (a read sent twice, a
 * new sequential read) fails here.
 *
 * Where the figures stand against the goals (fresh configure ≤ 7 round trips besides deploy polls, configure again ≤ 2
 * round trips and ≤ 12 requests, verify ≤ 3): configure again and verify are at the chain's bound (one round on the
 * Connected App path; two on the External Client App's, whose header and parts are read once no Connected App is
 * found: an org with a Connected App never sees a read of an External Client App type, which an org with them off
 * refuses). A fresh run pays that second round too. On the External Client App path a fresh run waits for the app's
 * OAuth consumer and its key and secret (two Connect REST GETs, which no batch may hold) after the app's deploy, each
 * after the one before (the app's id comes with the deploy's answer); on a default org the REST secrets setting's two
 * deploys (each polled) add to that: no setup change is sent while a deploy of the run is running (Salesforce locks
 * the org's administration setup meanwhile). The simulated org's instance URL (loopback) is no *.salesforce.com host, so the ECI auth provider's My
 * Domain costs one userinfo GET in the first round.
 */
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import { timeline, type Timeline } from '../sim/timeline.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const INTEGRATION_USER = 'eci.integration@acme.example';

/** What the figures may be at most (measured: the figures of this branch; the goals in the header). */
const BOUNDS = {
  'connected-app': { fresh: { roundTrips: 6 }, noop: { requests: 8, roundTrips: 1 }, verify: { roundTrips: 1 } },
  // A fresh run with a deploy (measured 10 and 11): one more allowed, as the site's chain may run longer while the
  // deploy is polled on a loaded machine.
  'external-client-app': {
    fresh: { roundTrips: 11 },
    noop: { requests: 12, roundTrips: 2 },
    verify: { roundTrips: 2 },
  },
  'default-org': {
    fresh: { roundTrips: 13 },
    noop: { requests: 13, roundTrips: 2 },
    verify: { roundTrips: 2 },
  },
} as const;

/** Each path's org: which app the org allows, whether REST access to consumer secrets is on, and configure's flags. */
const PATHS = {
  'connected-app': { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true }, flags: [] },
  'external-client-app': { settings: { clientSecretInRestApiAccess: true }, flags: [] },
  'default-org': { settings: {}, flags: ['--allow-secret-read-via-rest'] },
} as const;

for (const path of ['connected-app', 'external-client-app', 'default-org'] as const) {
  describe(`in process: what configure and verify send (${path})`, function () {
    this.timeout(180_000);
    let env: InProcess;
    const secret = process.env.RINGCENTRAL_CLIENT_SECRET;
    const args = (e: InProcess): string[] => [
      '-o',
      e.username,
      '--client-id',
      'RcClient01',
      '--contact-email',
      'admin@acme.example',
      '--integration-username',
      INTEGRATION_USER,
      '--integration-email',
      'admin@acme.example',
      ...PATHS[path].flags,
      '--json',
    ];
    /** The command's own calls since `from` (not the API versions and Organization row @salesforce/core asks for). */
    const since = (from: number): Timeline =>
      timeline(
        env.org.calls.slice(from).filter((c) => c.operation !== 'versions' && !/FROM Organization$/.test(c.soql ?? '')),
      );
    let fresh: Timeline;
    let freshCalls: typeof env.org.calls;

    before(async () => {
      process.env.RINGCENTRAL_CLIENT_SECRET = 'RcSecret-Count-11aa';
      env = await InProcess.start({
        seed: { settings: PATHS[path].settings },
        prepare: (org) => void installVoiceConnector(org),
        latency: { ms: 100 },
      });
      const from = env.org.calls.length;
      const first = await env.run(Configure, args(env));
      expect(first.error, first.error?.message).to.equal(undefined);
      fresh = since(from);
      freshCalls = env.org.calls.slice(from);
      expect(
        env.org.listMetadataNames(path === 'connected-app' ? 'ConnectedApp' : 'ExternalClientApplication'),
        'the app path of this suite',
      ).to.deep.equal(['ECI_Connected_App']);
    });
    after(async () => {
      await env.stop();
      if (secret === undefined) delete process.env.RINGCENTRAL_CLIENT_SECRET;
      else process.env.RINGCENTRAL_CLIENT_SECRET = secret;
    });

    it('configure on a fresh org: nothing read twice, the round trips of this branch besides deploy polls', () => {
      expect(fresh.writes).to.be.greaterThan(5);
      expect(fresh.repeatedRequests).to.deep.equal([]);
      expect(fresh.roundTripsBesidesPolls).to.be.at.most(BOUNDS[path].fresh.roundTrips);
      expect(fresh.deployPolls > 0).to.equal(path !== 'connected-app');
    });

    it("configure on a fresh org: the new External Client App's id is the deploy's answer, never queried after it", () => {
      const deployed = freshCalls.findIndex(
        (c) => c.operation === 'deploy' && (c.type ?? '').split(',').includes('ExternalClientApplication'),
      );
      expect(deployed >= 0, 'the app deploy').to.equal(path !== 'connected-app');
      const after = deployed < 0 ? [] : freshCalls.slice(deployed + 1);
      const queried = after.filter((c) => /FROM ExternalClientApplication/.test(c.soql ?? ''));
      expect(queried.map((c) => c.soql)).to.deep.equal([]);
    });

    it('configure again, nothing to change: no write, nothing sent twice, the requests and round trips of this branch', async () => {
      const from = env.org.calls.length;
      const r = await env.run(Configure, args(env));
      expect(r.error, r.error?.message).to.equal(undefined);
      expect((r.result as { outcome: string }).outcome).to.equal('complete');
      const t = since(from);
      expect(t.writes).to.equal(0);
      expect(t.repeatedRequests).to.deep.equal([]);
      expect(t.requests).to.be.at.most(BOUNDS[path].noop.requests);
      expect(t.roundTrips).to.be.at.most(BOUNDS[path].noop.roundTrips);
    });

    it('verify: no write, nothing sent twice, the round trips of this branch (RingCentral aside: another server)', async () => {
      const from = env.org.calls.length;
      const r = await env.run(Verify, ['-o', env.username, '--integration-username', INTEGRATION_USER, '--json']);
      const checks = ((r.result ?? (r.error?.data as object)) as { checks?: Array<{ id: string; status: string }> })
        .checks;
      // Every guide step matches the guide (the person's steps, not done in the simulator, may fail).
      expect(checks?.filter((c) => c.id.startsWith('step:')).map((c) => c.status)).to.deep.equal(
        Array.from({ length: 8 }, () => 'pass'),
      );
      const t = since(from);
      expect(t.writes).to.equal(0);
      expect(t.repeatedRequests).to.deep.equal([]);
      expect(t.roundTrips).to.be.at.most(BOUNDS[path].verify.roundTrips);
    });
  });
}
