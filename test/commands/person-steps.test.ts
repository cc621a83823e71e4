/*
 * The person's steps in process, on the simulated org and the RingCentral stand-in, with the wait's clock run by the
 * test (test/support/manual-clock.ts): configure lists only what is still open; configure --wait passes as soon as
 * the test does the person's step in the simulator; verify --wait times out (exit 1) with what is open when nobody
 * does; --open calls the opener with the open URLs in order, one at a time. The opener is the `open` package itself,
 * pointed through $BROWSER at a script that records its argument. The same through the real sf CLI (its real clock)
 * is in test/e2e/person-steps.e2e.test.ts.
 */
import { expect } from 'chai';
import { ManualClock } from '../support/manual-clock.js';
import {
  CLIENT_ID,
  CONSOLE_URL,
  personStepsFixture,
  SECRET,
  type PersonStep,
} from '../support/person-steps-fixture.js';
import { inProcessOrgAndCli } from './in-process.js';

describe("in process: the person's steps (configure hand-over, --wait, --open)", function () {
  this.timeout(60_000);
  const ps = personStepsFixture(inProcessOrgAndCli());
  const clock = new ManualClock();
  const calloutCount = (): number => ps.org.calls.filter((c) => c.operation === 'executeAnonymous').length;

  before(async () => {
    clock.install();
    const first = await ps.configure(['--json']);
    expect(first.code, first.stdout + first.stderr).to.equal(0);
  });
  // A run left waiting by a failed assertion ends at once (and gives the test's output back).
  afterEach(() => clock.run());
  after(() => clock.restore());

  it('once the person\'s steps are done, configure hands nothing over (each step done in --json, no "Next steps" for a person)', async () => {
    ps.rc.app(CLIENT_ID)!.redirectUris = [ps.callbackUrl()];
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const json = await ps.configure(['--json']);
    expect(json.code, json.stdout + json.stderr).to.equal(0);
    expect(json.json.result.nextSteps).to.deep.equal([]);
    expect((json.json.result.personSteps as PersonStep[]).map((s) => [s.id, s.state])).to.deep.equal([
      ['ringcentral-redirect-uri', 'done'],
      ['consent:Ring_Central', 'done'],
      ['consent:ECI_Named_Credential', 'done'],
    ]);
    const human = await ps.configure();
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.not.include('Next steps');
  });

  it('with one consent missing, configure hands over exactly that one, with its URL', async () => {
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await ps.configure(['--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const next: PersonStep[] = r.json.result.nextSteps;
    expect(next.map((s) => [s.id, s.state, s.url])).to.deep.equal([
      ['consent:ECI_Named_Credential', 'open', ps.consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')],
    ]);
  });

  it('configure --wait 1 waits after configuring, and exits 0 once the consent is completed', async () => {
    ps.rc.app(CLIENT_ID)!.redirectUris = [ps.callbackUrl()];
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const since = calloutCount();
    clock.hold();
    const running = ps.configure(['--wait', '1', '--json']);
    // One call checks both consents (the run's first round; its hand-over answers from it), the wait one more: then the
    // person gives the missing one.
    await clock.asleep();
    clock.wake();
    await clock.asleep();
    expect(calloutCount() - since).to.be.at.least(2);
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    clock.run();
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.wait).to.include({ minutes: 1, timedOut: false });
    expect(r.json.result.nextSteps).to.deep.equal([]);
  });

  it('verify --wait 1 times out when nobody acts: exit 1, the live lines, and the open step', async () => {
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await ps.verify(['--wait', '1']);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(r.stderr).to.include('Waiting up to 1 minute(s)');
    expect(r.stderr).to.match(/… .*ECI Named Credential.*: open/);
    expect(r.stderr).to.include('Time is up after 1 minute(s)');
    const tail = r.stdout.slice(r.stdout.indexOf('are up; still to do'));
    expect(tail, r.stdout).to.include(ps.consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider'));
    expect(tail).to.not.include(CONSOLE_URL);
  });

  it('verify --open --wait 1 opens the open steps one at a time, in order, each once the one before is done', async () => {
    await ps.forget();
    ps.rc.app(CLIENT_ID)!.redirectUris = ['https://dummyurl.com'];
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central'];
    clock.hold();
    const running = ps.verify(['--open', '--wait', '1', '--json'], { BROWSER: ps.browser });
    await clock.asleep();
    expect(await ps.openedCount(1)).to.deep.equal([CONSOLE_URL]);
    // Still one after a round: the next waits until this one is done.
    clock.wake();
    await clock.asleep();
    expect(await ps.recorded()).to.have.length(1);
    ps.rc.app(CLIENT_ID)!.redirectUris = [ps.callbackUrl()];
    clock.wake();
    await clock.asleep();
    expect(await ps.openedCount(2)).to.deep.equal([
      CONSOLE_URL,
      ps.consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider'),
    ]);
    ps.org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    clock.run();
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.opened).to.deep.equal([
      CONSOLE_URL,
      ps.consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider'),
    ]);
    expect(await ps.recorded()).to.have.length(2);
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(ps.outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
