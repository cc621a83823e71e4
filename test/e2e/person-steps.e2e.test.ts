/*
 * The person's steps end to end, with the real sf CLI (and its real clock) on the simulated org and the RingCentral
 * stand-in: a first configure hands over every step, and --open gives the browser the first one; verify --wait passes
 * as soon as the test does the person's step in the simulator; without a browser --open only prints. The opener is the
 * `open` package itself, pointed through $BROWSER at a script that records its argument: what crosses the process
 * boundary is what a browser would receive. The rest is tested in process (test/commands/person-steps.test.ts).
 */
import { expect } from 'chai';
import {
  CLIENT_ID,
  CONSOLE_URL,
  personStepsFixture,
  SECRET,
  type PersonStep,
} from '../support/person-steps-fixture.js';
import { simulatedOrgAndCli } from './harness.js';

describe("e2e: the person's steps (configure hand-over, verify --wait, --open)", function () {
  this.timeout(240_000);
  const ps = personStepsFixture(simulatedOrgAndCli());
  const calloutCount = (): number => ps.org.calls.filter((c) => c.operation === 'executeAnonymous').length;
  /** Resolves once the org has run `count` more callout checks than `since`. */
  async function calloutsAfter(since: number, count: number): Promise<void> {
    const until = Date.now() + 50_000;
    while (calloutCount() < since + count) {
      if (Date.now() > until) throw new Error('no callout check came');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("a first configure hands over every person's step, each open, in order; --open gives the browser the first one only", async () => {
    const r = await ps.configure(['--json', '--open'], { BROWSER: ps.browser });
    expect(
      r.code,
      JSON.stringify(
        r.json?.result?.steps?.map((s: { id: string; status: string; reason?: string }) => [s.id, s.status, s.reason]),
      ),
    ).to.equal(0);
    const next: PersonStep[] = r.json.result.nextSteps;
    expect(next.map((s) => [s.id, s.state])).to.deep.equal([
      ['ringcentral-redirect-uri', 'open'],
      ['ringcentral-redirect-uri', 'open'],
      ['consent:Ring_Central', 'open'],
      ['consent:ECI_Named_Credential', 'open'],
      ['propagation', 'open'],
    ]);
    expect(r.json.result.personSteps).to.deep.equal(next);
    expect(await ps.recorded()).to.deep.equal([CONSOLE_URL]);
    expect(r.json.result.opened).to.deep.equal([CONSOLE_URL]);
  });

  it('verify --wait 1 passes (exit 0) as soon as the consent is completed while it waits', async () => {
    // The redirect URI registered and one consent given; the other is given while verify waits.
    ps.rc.app(CLIENT_ID)!.redirectUris = [ps.callbackUrl()];
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const since = calloutCount();
    const running = ps.verify(['--wait', '1', '--json']);
    // The first full run checks both callouts in one call, the wait one more: then the person gives the consent.
    await calloutsAfter(since, 2);
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.passed).to.equal(true);
    expect(r.json.result.wait).to.include({ minutes: 1, timedOut: false });
    expect(r.json.result.wait.seconds).to.be.lessThan(60);
    expect((r.json.result.personSteps as PersonStep[]).every((s) => s.state === 'done')).to.equal(true);
  });

  it('without a browser (BROWSER=none) --open only prints, and says why', async () => {
    await ps.forget();
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await ps.verify(['--open']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include('No browser here (BROWSER=none)');
    expect(await ps.recorded()).to.deep.equal([]);
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(ps.outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
