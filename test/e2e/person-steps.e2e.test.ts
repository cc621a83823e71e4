/*
 * The person's steps end to end, with the real sf CLI on the simulated org and the RingCentral stand-in: configure
 * lists only what is still open; verify --wait passes as soon as the test does the person's step in the simulator
 * and times out (exit 1) with what is open when nobody does; --open calls the opener with the open URLs in order,
 * one at a time. The opener is the `open` package itself, pointed through $BROWSER at a script that records its
 * argument: what crosses the process boundary is what a browser would receive.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli, type RunResult } from './harness.js';

const CLIENT_ID = 'PersonStepsClient01';
const SECRET = 'RcPersonSecret-3f9a11';
const INTEGRATION_USER = 'eci.integration@sim.example';
const CONSOLE_URL = 'https://developers.ringcentral.com/console/my-apps';

type PersonStep = { id: string; title: string; url?: string; state: 'open' | 'done' | 'not-checked'; checked?: string };

describe("e2e: the person's steps (configure hand-over, verify --wait, --open)", function () {
  this.timeout(240_000);
  let cli: SfCli;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  let dir: string;
  let browser: string;
  let record: string;
  const outputs: string[] = [];

  async function sf(args: string[], env: Record<string, string> = {}, timeoutMs = 150_000): Promise<RunResult> {
    const r = await cli.run(args, { env: { RINGCENTRAL_CLIENT_SECRET: SECRET, BROWSER: 'none', ...env }, timeoutMs });
    outputs.push(r.stdout, r.stderr);
    return r;
  }
  const CONFIGURE = [
    'eci',
    'ringcentral',
    'configure',
    '-o',
    'p',
    '--client-id',
    CLIENT_ID,
    '--server',
    '',
    '--contact-email',
    'admin@sim.example',
    '--integration-username',
    INTEGRATION_USER,
    '--integration-email',
    'admin@sim.example',
  ];
  const configure = (extra: string[] = [], env?: Record<string, string>): Promise<RunResult> =>
    sf([...CONFIGURE.map((a) => a || rc.url), ...extra], env);
  const verify = (extra: string[] = [], env?: Record<string, string>, timeoutMs?: number): Promise<RunResult> =>
    sf(
      ['eci', 'ringcentral', 'verify', '-o', 'p', '--integration-username', INTEGRATION_USER, ...extra],
      env,
      timeoutMs,
    );
  const callbackUrl = (): string => `${org.instanceUrl}/services/authcallback/Ring_Central`;
  const consentUrl = (nc: string, provider: string): string => {
    const row = org.records('NamedCredential').find((n) => n.DeveloperName === nc)!;
    // As Setup's own link: with the credential's scope (issue 8).
    return `${org.instanceUrl}/services/auth/xds/${org.orgId}/${provider}?startURL=/${String(row.Id)}&scope=${encodeURIComponent(String(org.getMetadata('NamedCredential', nc)?.oauthScope))}`;
  };
  const recorded = async (): Promise<string[]> =>
    (await readFile(record, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  /** Resolves once the recording browser was given `count` URLs. */
  async function openedCount(count: number, timeoutMs = 50_000): Promise<string[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const urls = await recorded();
      if (urls.length >= count) return urls;
      if (Date.now() > until)
        throw new Error(`the browser was given ${urls.length} URL(s), not ${count}: ${urls.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  /** Resolves once the org has run `count` more callout checks than `since`. */
  async function calloutsAfter(since: number, count: number): Promise<void> {
    const until = Date.now() + 50_000;
    while (org.calls.filter((c) => c.operation === 'executeAnonymous').length < since + count) {
      if (Date.now() > until) throw new Error('no callout check came');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const calloutCount = (): number => org.calls.filter((c) => c.operation === 'executeAnonymous').length;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eci-browser-'));
    record = join(dir, 'opened.txt');
    browser = join(dir, 'record-url');
    await writeFile(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${record}'\n`);
    await chmod(browser, 0o755);
    // A Connected App for ECI keeps this test to the person's steps (the External Client App's deploy has its own tests).
    org = await SimulatedOrg.start({ seed: { settings: { connectedAppCreationAllowed: true } } });
    installVoiceConnector(org);
    rc = await FakeRingCentral.start({
      apps: [
        {
          clientId: CLIENT_ID,
          clientSecret: SECRET,
          redirectUris: ['https://dummyurl.com'],
          authCodeFlow: true,
          environment: 'production',
        },
      ],
    });
    cli = await SfCli.create();
    await cli.login(org, 'p');
    await cli.linkPlugin(REPO_ROOT);
  });

  after(async () => {
    await rc?.stop();
    await org?.stop();
    await cli?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("a first configure hands over every person's step, each open, in order; --open gives the browser the first one only", async () => {
    const r = await configure(['--json', '--open'], { BROWSER: browser });
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
    expect(await recorded()).to.deep.equal([CONSOLE_URL]);
    expect(r.json.result.opened).to.deep.equal([CONSOLE_URL]);
  });

  it('once the person\'s steps are done, configure hands nothing over (each step done in --json, no "Next steps" for a person)', async () => {
    rc.app(CLIENT_ID)!.redirectUris = [callbackUrl()];
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const json = await configure(['--json']);
    expect(json.code, json.stdout + json.stderr).to.equal(0);
    expect(json.json.result.nextSteps).to.deep.equal([]);
    expect((json.json.result.personSteps as PersonStep[]).map((s) => [s.id, s.state])).to.deep.equal([
      ['ringcentral-redirect-uri', 'done'],
      ['consent:Ring_Central', 'done'],
      ['consent:ECI_Named_Credential', 'done'],
    ]);
    const human = await configure();
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.not.include('Next steps');
  });

  it('with one consent missing, configure hands over exactly that one, with its URL', async () => {
    org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await configure(['--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const next: PersonStep[] = r.json.result.nextSteps;
    expect(next.map((s) => [s.id, s.state, s.url])).to.deep.equal([
      ['consent:ECI_Named_Credential', 'open', consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')],
    ]);
  });

  it('verify --wait 1 passes (exit 0) as soon as the consent is completed while it waits', async () => {
    const since = calloutCount();
    const running = verify(['--wait', '1', '--json']);
    // The first full run makes two callouts, the person's steps one more: then the person gives the consent.
    await calloutsAfter(since, 3);
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.passed).to.equal(true);
    expect(r.json.result.wait).to.include({ minutes: 1, timedOut: false });
    expect(r.json.result.wait.seconds).to.be.lessThan(60);
    expect((r.json.result.personSteps as PersonStep[]).every((s) => s.state === 'done')).to.equal(true);
  });

  it('configure --wait 1 waits after configuring, and exits 0 once the consent is completed', async () => {
    rc.app(CLIENT_ID)!.redirectUris = [callbackUrl()];
    org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const since = calloutCount();
    const running = configure(['--wait', '1', '--json']);
    // Its hand-over checks both consents, the wait one more: then the person gives the missing one.
    await calloutsAfter(since, 3);
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.wait).to.include({ minutes: 1, timedOut: false });
    expect(r.json.result.nextSteps).to.deep.equal([]);
  });

  it('verify --wait 1 times out when nobody acts: exit 1, the live lines, and the open step', async () => {
    org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await verify(['--wait', '1'], {}, 150_000);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(r.stderr).to.include('Waiting up to 1 minute(s)');
    expect(r.stderr).to.match(/… .*ECI Named Credential.*: open/);
    expect(r.stderr).to.include('Time is up after 1 minute(s)');
    const tail = r.stdout.slice(r.stdout.indexOf('are up; still to do'));
    expect(tail, r.stdout).to.include(consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider'));
    expect(tail).to.not.include(CONSOLE_URL);
  });

  it('verify --open --wait 1 opens the open steps one at a time, in order, each once the one before is done', async () => {
    await rm(record, { force: true });
    rc.app(CLIENT_ID)!.redirectUris = ['https://dummyurl.com'];
    org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const running = verify(['--open', '--wait', '1', '--json'], { BROWSER: browser });
    expect(await openedCount(1)).to.deep.equal([CONSOLE_URL]);
    // Still one: the next waits until this one is done.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await recorded()).to.have.length(1);
    rc.app(CLIENT_ID)!.redirectUris = [callbackUrl()];
    expect(await openedCount(2)).to.deep.equal([CONSOLE_URL, consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')]);
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const r = await running;
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.opened).to.deep.equal([CONSOLE_URL, consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')]);
    expect(await recorded()).to.have.length(2);
  });

  it('without a browser (BROWSER=none) --open only prints, and says why', async () => {
    await rm(record, { force: true });
    org.settings.authorizedNamedCredentials = ['Ring_Central'];
    const r = await verify(['--open']);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include('No browser here (BROWSER=none)');
    expect(await recorded()).to.deep.equal([]);
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
