/*
 * The person's steps: how each check's answer becomes open / done / not-checked, the wait loop and its backoff (a fake
 * clock: no timers), and where a browser can be opened.
 */
import { expect } from 'chai';
import type { AnonymousApexResult } from '../../src/org/port.js';
import { noBrowserReason } from '../../src/cli/browser.js';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import {
  checkPersonSteps,
  identifyPersonSteps,
  NO_RETRY_WAIT,
  PROPAGATION_MS,
  stillOpen,
  withStates,
  type PersonStepCheck,
} from '../../src/verify/person-steps.js';
import {
  FIRST_DELAY_MS,
  MAX_DELAY_MS,
  nextDelayMs,
  waitForPersonSteps,
  type WaitClock,
} from '../../src/verify/wait.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import type { StepReport } from '../../src/steps/run-steps.js';

const ran = (over: Partial<AnonymousApexResult>): AnonymousApexResult =>
  ({
    line: -1,
    column: -1,
    compiled: true,
    compileProblem: null,
    success: true,
    exceptionMessage: null,
    exceptionStackTrace: null,
    ...over,
  }) as AnonymousApexResult;
const unauthorised = ran({
  success: false,
  exceptionMessage: 'System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=401: Expected: 200, Actual: 401',
});

/**
 * An org whose callouts answer per named credential (one not named works), in one call as the plugin's Apex asks:
 * every outcome in one assertion message; an Error refuses the whole call.
 */
const orgAnswering = (answers: Record<string, AnonymousApexResult | Error>) => ({
  apiVersion: '66.0',
  calls: 0,
  executeAnonymous(apex: string): Promise<AnonymousApexResult> {
    this.calls++;
    const names = [...apex.matchAll(/callout:(\w+)\//g)].map((m) => m[1]);
    const refused = names.map((n) => answers[n]).find((a): a is Error => a instanceof Error);
    if (refused) return Promise.reject(refused);
    const outcomes = names.map((n) => ({ n, a: (answers[n] as AnonymousApexResult | undefined) ?? ran({}) }));
    if (outcomes.every(({ a }) => a.success)) return Promise.resolve(ran({}));
    const message = outcomes
      .map(({ n, a }) => ` ECI_CALLOUT[${n}] ${a.success ? 'ECI_CALLOUT_STATUS=200' : (a.exceptionMessage ?? '')}`)
      .join('');
    return Promise.resolve(
      ran({ success: false, exceptionMessage: `System.AssertException: Assertion Failed: ${message}` }),
    );
  },
});

describe('person steps', () => {
  describe('consent checks', () => {
    it('done when the callout works, open when it is refused 401, not-checked when the org refuses to run it', async () => {
      const org = orgAnswering({ Ring_Central: ran({}), ECI_Named_Credential: unauthorised });
      const checks = await checkPersonSteps(['consent:Ring_Central', 'consent:ECI_Named_Credential'], { org });
      expect(checks.map((c) => [c.id, c.state])).to.deep.equal([
        ['consent:Ring_Central', 'done'],
        ['consent:ECI_Named_Credential', 'open'],
      ]);
      const refused = await checkPersonSteps(['consent:Ring_Central'], {
        org: orgAnswering({ Ring_Central: new Error('INSUFFICIENT_ACCESS') }),
      });
      expect(refused[0]).to.include({ state: 'not-checked' });
      expect(refused[0].detail).to.include('INSUFFICIENT_ACCESS');
    });

    it('a named credential this run created is open without a callout; the others are checked in one call', async () => {
      const org = orgAnswering({ Ring_Central: ran({}) });
      const checks = await checkPersonSteps(['consent:Ring_Central', 'consent:ECI_Named_Credential'], {
        org,
        created: new Set(['ECI_Named_Credential']),
      });
      expect(checks.map((c) => [c.id, c.state])).to.deep.equal([
        ['consent:Ring_Central', 'done'],
        ['consent:ECI_Named_Credential', 'open'],
      ]);
      expect(checks[1].detail).to.include('created just now');
      expect(org.calls).to.equal(1);
      const none = orgAnswering({});
      await checkPersonSteps(['consent:ECI_Named_Credential'], {
        org: none,
        created: new Set(['Ring_Central', 'ECI_Named_Credential']),
      });
      expect(none.calls, 'both new: nothing to ask').to.equal(0);
    });

    it('a callout that fails otherwise (500) is not-checked, never done', async () => {
      const org = orgAnswering({ Ring_Central: ran({ success: false, exceptionMessage: 'ECI_CALLOUT_STATUS=500' }) });
      expect((await checkPersonSteps(['consent:Ring_Central'], { org }))[0].state).to.equal('not-checked');
    });
  });

  describe('propagation', () => {
    it('done when the ECI callout works or ten minutes passed; open within them; one callout for both checks', async () => {
      const org = orgAnswering({ ECI_Named_Credential: unauthorised });
      const t0 = 1_000_000;
      const within = await checkPersonSteps(['consent:ECI_Named_Credential', 'propagation'], {
        org,
        appChangedAt: t0,
        now: () => t0 + 60_000,
      });
      expect(within.map((c) => c.state)).to.deep.equal(['open', 'open']);
      expect(org.calls).to.equal(1);
      const after = await checkPersonSteps(['propagation'], { org, appChangedAt: t0, now: () => t0 + PROPAGATION_MS });
      expect(after[0].state).to.equal('done');
      const unknown = await checkPersonSteps(['propagation'], { org });
      expect(unknown[0].state).to.equal('not-checked');
      const works = await checkPersonSteps(['propagation'], {
        org: orgAnswering({ ECI_Named_Credential: ran({}) }),
        appChangedAt: t0,
        now: () => t0,
      });
      expect(works[0].state).to.equal('done');
    });
  });

  describe('the redirect URI, against the RingCentral stand-in', () => {
    let rc: FakeRingCentral;
    const callbackUrl = 'https://sim.my.salesforce.com/services/authcallback/Ring_Central';
    before(async () => {
      rc = await FakeRingCentral.start({
        apps: [
          {
            clientId: 'C1',
            clientSecret: 's',
            redirectUris: ['https://dummyurl.com'],
            authCodeFlow: true,
            environment: 'production',
          },
        ],
      });
    });
    after(() => rc.stop());
    const target = () => ({
      org: orgAnswering({}),
      ringCentral: { clientId: 'C1', platform: ringCentralPlatform('production', rc.url), callbackUrl },
    });

    it('open until the callback URL is registered, then done; unknown app: not-checked; no client id: not-checked', async () => {
      expect((await checkPersonSteps(['ringcentral-redirect-uri'], target()))[0].state).to.equal('open');
      rc.app('C1')!.redirectUris.push(callbackUrl);
      expect((await checkPersonSteps(['ringcentral-redirect-uri'], target()))[0].state).to.equal('done');
      const other = { ...target(), ringCentral: { ...target().ringCentral, clientId: 'Nope' } };
      expect((await checkPersonSteps(['ringcentral-redirect-uri'], other))[0].state).to.equal('not-checked');
      expect((await checkPersonSteps(['ringcentral-redirect-uri'], { org: orgAnswering({}) }))[0].state).to.equal(
        'not-checked',
      );
    });
  });

  describe('a RingCentral rate limit', () => {
    let rc: FakeRingCentral;
    before(async () => {
      rc = await FakeRingCentral.start({
        apps: [{ clientId: 'C2', clientSecret: 's', redirectUris: [], authCodeFlow: true, environment: 'production' }],
      });
    });
    after(() => rc.stop());

    it('is not-checked with its Retry-After, not waited for inside the check, and the loop waits at least as long', async () => {
      rc.rateLimitNext({ operation: 'authorize', retryAfter: 40 });
      const target = {
        org: orgAnswering({}),
        ringCentral: {
          clientId: 'C2',
          platform: ringCentralPlatform('production', rc.url),
          callbackUrl: 'https://x/cb',
        },
        ringCentralOptions: NO_RETRY_WAIT,
      };
      const [check] = await checkPersonSteps(['ringcentral-redirect-uri'], target);
      expect(check).to.include({ state: 'not-checked', retryAfterSeconds: 40 });
      expect(nextDelayMs(1, [check], 600_000)).to.equal(40_000);
    });
  });

  describe('hand-over entries', () => {
    const report = (id: string, nextSteps: StepReport['nextSteps']): StepReport => ({
      id,
      title: id,
      status: 'created',
      components: [],
      nextSteps,
      warnings: [],
      details: {},
    });
    const steps = [
      report('ringcentral-auth-provider', [
        { title: 'Register', url: 'https://developers.ringcentral.com/console/my-apps' },
        { title: 'Enter the new client secret', url: 'https://x/setup' },
      ]),
      report('ringcentral-named-credential', [{ title: 'Consent RC', url: 'https://x/rc' }]),
      report('eci-named-credential', [{ title: 'Consent ECI', url: 'https://x/eci' }]),
    ];

    it('names each entry by the check that decides it; an entry no check decides is not-checked with the reason', () => {
      const entries = identifyPersonSteps(steps, [...steps.flatMap((s) => s.nextSteps)]);
      expect(entries.map((e) => e.id)).to.deep.equal([
        'ringcentral-redirect-uri',
        'other',
        'consent:Ring_Central',
        'consent:ECI_Named_Credential',
      ]);
      const checks: PersonStepCheck[] = [
        { id: 'ringcentral-redirect-uri', state: 'done', detail: 'registered' },
        { id: 'consent:Ring_Central', state: 'open', detail: '401' },
        { id: 'consent:ECI_Named_Credential', state: 'not-checked', detail: 'RingCentral did not answer' },
      ];
      const states = withStates(entries, checks);
      expect(states.map((s) => s.state)).to.deep.equal(['done', 'not-checked', 'open', 'not-checked']);
      expect(states[1].checked).to.match(/^Not checked: no read-only check/);
      expect(states[3].checked).to.equal('Not checked: RingCentral did not answer');
      expect(stillOpen(states).map((s) => s.title)).to.deep.equal([
        'Enter the new client secret',
        'Consent RC',
        'Consent ECI',
      ]);
    });
  });

  describe('the wait loop', () => {
    /** A clock whose sleep only advances time. */
    const fakeClock = (): WaitClock & { slept: number[] } => {
      let t = 0;
      const slept: number[] = [];
      return { slept, now: () => t, sleep: (ms) => ((t += ms), slept.push(ms), Promise.resolve()) };
    };
    const open = (id: PersonStepCheck['id']): PersonStepCheck => ({ id, state: 'open', detail: '' });

    it('backs off from 5 s to 30 s, honours Retry-After, never past the deadline', () => {
      expect(nextDelayMs(1, [], 600_000)).to.equal(FIRST_DELAY_MS);
      expect(nextDelayMs(2, [], 600_000)).to.equal(7_500);
      expect(nextDelayMs(20, [], 600_000)).to.equal(MAX_DELAY_MS);
      expect(
        nextDelayMs(1, [{ ...open('ringcentral-redirect-uri'), state: 'not-checked', retryAfterSeconds: 45 }], 600_000),
      ).to.equal(45_000);
      expect(nextDelayMs(20, [], 3_000)).to.equal(3_000);
    });

    it('re-checks only what is not done, and ends as soon as all are done', async () => {
      const clock = fakeClock();
      const asked: string[][] = [];
      let round = 0;
      const outcome = await waitForPersonSteps({
        initial: [open('consent:Ring_Central'), open('consent:ECI_Named_Credential')],
        timeoutMs: 60_000,
        clock,
        check: (ids) => {
          asked.push(ids);
          round++;
          return Promise.resolve(
            ids.map(
              (id) =>
                ({
                  id,
                  state: round >= 2 || id === 'consent:Ring_Central' ? 'done' : 'open',
                  detail: '',
                }) as PersonStepCheck,
            ),
          );
        },
      });
      expect(outcome).to.include({ done: true, rounds: 2 });
      expect(asked).to.deep.equal([
        ['consent:Ring_Central', 'consent:ECI_Named_Credential'],
        ['consent:ECI_Named_Credential'],
      ]);
      expect(clock.slept).to.deep.equal([5_000, 7_500]);
    });

    it('ends when the time is up, with what is still open', async () => {
      const clock = fakeClock();
      const rounds: number[] = [];
      const outcome = await waitForPersonSteps({
        initial: [open('ringcentral-redirect-uri')],
        timeoutMs: 60_000,
        clock,
        check: (ids) => Promise.resolve(ids.map(open)),
        onRound: (r) => void rounds.push(r.round),
      });
      expect(outcome.done).to.equal(false);
      expect(outcome.checks.map((c) => c.state)).to.deep.equal(['open']);
      expect(clock.now()).to.equal(60_000);
      expect(clock.slept.reduce((a, b) => a + b, 0)).to.equal(60_000);
      expect(rounds.length).to.equal(outcome.rounds);
    });

    it('nothing to wait for: no round at all', async () => {
      const outcome = await waitForPersonSteps({
        initial: [{ ...open('propagation'), state: 'done' }],
        timeoutMs: 60_000,
        clock: fakeClock(),
        check: () => Promise.reject(new Error('not called')),
      });
      expect(outcome).to.include({ done: true, rounds: 0 });
    });
  });

  describe('where a browser can be opened', () => {
    it('not in CI, over SSH without a display, on Linux without a display, with BROWSER=none; an explicit BROWSER always', () => {
      expect(noBrowserReason({ CI: 'true', DISPLAY: ':0' }, 'linux')).to.equal('ci');
      expect(noBrowserReason({ SSH_CONNECTION: '1 2 3 4' }, 'darwin')).to.equal('ssh');
      expect(noBrowserReason({}, 'linux')).to.equal('display');
      expect(noBrowserReason({ DISPLAY: ':0' }, 'linux')).to.equal(undefined);
      expect(noBrowserReason({}, 'darwin')).to.equal(undefined);
      expect(noBrowserReason({ BROWSER: 'none' }, 'darwin')).to.equal('none');
      expect(noBrowserReason({ BROWSER: '/tmp/record-url', CI: 'true' }, 'linux')).to.equal(undefined);
      expect(noBrowserReason({ SF_CONTAINER_MODE: 'true' }, 'darwin')).to.equal('container');
    });
  });
});
