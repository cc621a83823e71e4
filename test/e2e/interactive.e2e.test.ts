/*
 * What a person at a terminal sees: the commands run in a pseudo-terminal (util-linux `script`, on every Debian
 * machine), so stdin is a TTY, the masked secret prompt appears, and configure draws its stages in place.
 */
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { SF_BIN, simulatedOrgAndCli, type SfCli } from './harness.js';

const SECRET = 'TypedSecret-3c9d2b71';
const PROMPT = 'RingCentral client secret (input is hidden)';

type TtyRun = { code: number; output: string };

/** Runs sf in a pseudo-terminal; when `answer` is given, types it (and Enter) once `waitFor` appears. */
function runInTty(
  cli: SfCli,
  args: string[],
  opts: { env?: Record<string, string>; waitFor?: string; answer?: string } = {},
): Promise<TtyRun> {
  const quoted = [process.execPath, SF_BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    // A pty starts 0x0: give it a real size, or ink redraws by clearing the screen.
    const child = spawn('script', ['-qfec', `stty rows 40 cols 120; exec ${quoted}`, '/dev/null'], {
      cwd: cli.home,
      env: { ...cli.env(opts.env), TERM: 'xterm', COLUMNS: '120', LINES: '40' },
    });
    let output = '';
    let answered = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; output so far:\n${output}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (opts.answer !== undefined && !answered && opts.waitFor && output.includes(opts.waitFor)) {
        answered = true;
        child.stdin.write(`${opts.answer}\r`);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      cli.record(`terminal output of sf ${args.join(' ').slice(0, 120)}`, output, opts.env);
      resolve({ code: code ?? -1, output });
    });
  });
}

describe('e2e: at a terminal', function () {
  this.timeout(120_000);
  const fixture = simulatedOrgAndCli();
  let org: SimulatedOrg;

  beforeEach(async () => {
    // The org keeps the External Client App's own secret; configure completes only where its REST API gives it.
    org = await fixture.freshOrg('tty', {
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (o) => installVoiceConnector(o),
    });
  });

  it('asks for the client secret with a masked prompt when the auth provider must be created, and never echoes it', async () => {
    const r = await runInTty(
      fixture.cli,
      ['eci', 'ringcentral', 'create-auth-provider', '-o', 'tty', '--client-id', 'TtyClient1'],
      { waitFor: PROMPT, answer: SECRET },
    );
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.include(PROMPT);
    expect(r.output).to.include('created');
    expect(r.output).to.not.include(SECRET);
    expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(SECRET);
  });

  it('does not ask when the auth provider exists (the secret is write-once)', async () => {
    org.seedMetadata('AuthProvider', {
      fullName: 'Ring_Central',
      authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
      consumerKey: 'TtyClient1',
      consumerSecret: 'stored-secret-1',
      defaultScopes: 'ReadCallRecording',
      friendlyName: 'Ring Central',
      providerType: 'OpenIdConnect',
      sendAccessTokenInHeader: false,
      sendClientCredentialsInHeader: true,
      sendSecretInApis: true,
      tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
      userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
    });
    const r = await runInTty(fixture.cli, [
      'eci',
      'ringcentral',
      'create-auth-provider',
      '-o',
      'tty',
      '--client-id',
      'TtyClient1',
    ]);
    expect(r.code, r.output).to.equal(0);
    expect(r.output).to.not.include(PROMPT);
    expect(r.output).to.include('unchanged');
  });

  it('configure asks once, before drawing its stages, then draws every guide task', async () => {
    const r = await runInTty(
      fixture.cli,
      [
        'eci',
        'ringcentral',
        'configure',
        '-o',
        'tty',
        '--client-id',
        'TtyClient1',
        '--contact-email',
        'admin@sim.example',
      ],
      { waitFor: PROMPT, answer: SECRET },
    );
    expect(r.code, r.output).to.equal(0);
    // The prompt redraws with each masked keystroke, but all of it comes before the stages are drawn.
    const stages = r.output.indexOf('Add RingCentral as an Authorized Provider');
    expect(stages).to.be.greaterThan(0);
    expect(r.output.lastIndexOf(PROMPT)).to.be.lessThan(stages);
    for (const title of [
      'Add RingCentral as an Authorized Provider',
      'Set Up the Connected App',
      'Assign the Guest User Permission Set',
    ])
      expect(r.output).to.include(title);
    expect(r.output).to.not.include(SECRET);
    expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(SECRET);
  });

  it('--no-prompt never waits, even at a terminal', async () => {
    const r = await runInTty(fixture.cli, [
      'eci',
      'ringcentral',
      'configure',
      '-o',
      'tty',
      '--client-id',
      'TtyClient1',
      '--contact-email',
      'admin@sim.example',
      '--no-prompt',
    ]);
    expect(r.code).to.equal(68);
    expect(r.output).to.not.include(PROMPT);
    expect(r.output).to.include('RINGCENTRAL_CLIENT_SECRET');
  });
});
