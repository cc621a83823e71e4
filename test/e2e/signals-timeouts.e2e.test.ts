/*
 * What only the process boundary shows, through the real sf CLI against the simulated org: a call that never answers
 * ends the run within its deadline (the report printed, the exit code set, the process gone although the socket is
 * still open), and SIGTERM, as CI cancels a job, ends the run like Ctrl-C: no stack trace, what was done reported,
 * exit 143, and a re-run finishes.
 */
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { faultStats } from '../support/fault-stats.js';
import { SF_BIN, simulatedOrgAndCli } from './harness.js';

const RC_SECRET = 'RcSecret-Signals-3c9d11';
const CONFIGURE = [
  'eci',
  'ringcentral',
  'configure',
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--json',
];
// The External Client App path: a re-run reads the app's key and secret back (a Connected App's secret no API gives).
const SEED = { settings: { clientSecretInRestApiAccess: true } };

type Ended = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

describe('e2e: deadlines and signals end the run, through the real sf CLI', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  let org: SimulatedOrg;
  /** The process of the current run, for a fault to signal. */
  let child: ReturnType<typeof spawn> | undefined;

  /** Runs sf and answers how it ended; a run that outlives `limitMs` is killed and fails the test. */
  function sf(args: string[], env: Record<string, string> = {}, limitMs = 60_000): Promise<Ended> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [SF_BIN, ...args], {
        cwd: fixture.cli.home,
        env: fixture.cli.env({ RINGCENTRAL_CLIENT_SECRET: RC_SECRET, ...env }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child = c;
      let stdout = '';
      let stderr = '';
      c.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => {
        c.kill('SIGKILL');
        reject(new Error(`sf ${args.join(' ')} still running after ${limitMs} ms\n${stdout}\n${stderr}`));
      }, limitMs);
      c.on('close', (code, signal) => {
        clearTimeout(timer);
        fixture.cli.record(`sf ${args.join(' ')}`, stdout + stderr, { RINGCENTRAL_CLIENT_SECRET: RC_SECRET });
        resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
      });
      c.stdin.end('');
    });
  }

  const json = (r: Ended): { status: number; name?: string; message?: string; result?: unknown; data?: unknown } =>
    JSON.parse(r.stdout) as never;
  const noStack = (r: Ended): void => {
    expect(r.stdout + r.stderr).to.not.match(/\n\s+at .+:\d+:\d+/);
    expect(r.stdout + r.stderr).to.not.include('ExitError');
  };

  beforeEach(async () => {
    org = await fixture.freshOrg('sig', { seed: SEED, prepare: (o) => installVoiceConnector(o) });
  });

  it('a write that never answers: the report and exit 68 within the deadline, although the socket stays open; a re-run finishes', async () => {
    faultStats.count('fault', 1, 'timeout');
    org.faults.add({ write: true, nth: 2 }, { kind: 'hang', ms: 120_000 });
    const r = await sf([...CONFIGURE, '-o', 'sig'], { ECI_CALL_TIMEOUT_MS: '1500' });
    expect(r.code, r.stderr).to.equal(68);
    expect(r.ms).to.be.lessThan(30_000);
    const out = json(r);
    expect(JSON.stringify(out.result)).to.include('did not answer').and.include('may or may not have been saved');
    noStack(r);
    org.faults.clear();
    const again = await sf([...CONFIGURE, '-o', 'sig']);
    expect(again.code, again.stdout).to.equal(0);
    faultStats.pass('fault', 1, 'timeout');
  });

  it('a metadata read that never answers: tried three times, then an error that says so and exit 1, nothing written', async () => {
    faultStats.count('fault', 1, 'timeout');
    org.faults.add({ operation: 'readMetadata', times: 1000 }, { kind: 'hang', ms: 120_000 });
    const r = await sf([...CONFIGURE, '-o', 'sig'], { ECI_CALL_TIMEOUT_MS: '1000' });
    expect(r.code, r.stdout + r.stderr).to.be.oneOf([1, 68]);
    expect(r.ms).to.be.lessThan(30_000);
    expect(r.stdout).to.include('did not answer');
    expect(org.writes()).to.deep.equal([]);
    noStack(r);
    faultStats.pass('fault', 1, 'timeout');
  });

  it('SIGTERM mid-run: exit 143, no stack, what was done is reported, no write after it; a re-run finishes', async () => {
    faultStats.count('interruption');
    let writesAtSignal = 0;
    org.faults.add(
      { write: true, nth: 3 },
      {
        kind: 'then',
        run: () => {
          writesAtSignal = org.writes().length;
          child?.kill('SIGTERM');
        },
      },
    );
    const r = await sf([...CONFIGURE, '-o', 'sig']);
    expect(r.code, r.stdout + r.stderr).to.equal(143);
    const out = json(r);
    expect(out.name).to.equal('InterruptedError');
    expect(out.message).to.include('SIGTERM').and.include('Done before it');
    noStack(r);
    // The calls in flight finish; no new one starts (at most one per independent chain was on its way).
    expect(org.writes().length).to.be.within(writesAtSignal, writesAtSignal + 4);
    org.faults.clear();
    const again = await sf([...CONFIGURE, '-o', 'sig']);
    expect(again.code, again.stdout).to.equal(0);
    faultStats.pass('interruption');
  });

  it('SIGTERM while the org is read: exit 143 at once, no stack, nothing written', async () => {
    faultStats.count('interruption');
    org.faults.add({ operation: 'readMetadata' }, { kind: 'then', run: () => child?.kill('SIGTERM') });
    const r = await sf([...CONFIGURE, '-o', 'sig']);
    expect(r.code, r.stdout + r.stderr).to.equal(143);
    expect(json(r).message).to.include('SIGTERM');
    noStack(r);
    expect(org.writes()).to.deep.equal([]);
    faultStats.pass('interruption');
  });

  it('SIGTERM during verify: it exits at once with 143, no stack', async () => {
    faultStats.count('interruption');
    org.faults.add({ operation: 'readMetadata' }, { kind: 'then', run: () => child?.kill('SIGTERM') });
    const r = await sf(['eci', 'ringcentral', 'verify', '-o', 'sig', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(143);
    noStack(r);
    faultStats.pass('interruption');
  });
});
