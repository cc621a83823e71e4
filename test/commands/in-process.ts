/*
 * In-process command runs (as the Salesforce plugins test their commands): @salesforce/core's TestContext gives the
 * command an authenticated org without a CLI home. The connection is not stubbed: the command talks to a SimulatedOrg
 * over loopback, so a test can count the calls a refused flag did NOT make. What the command writes is captured as the
 * sf CLI prints it to a pipe (stdout, stderr, the --json document, the exit code): no process boundary is crossed, so
 * a case costs milliseconds, not a 2.5 s spawn of sf. What only a real process has (sf loading the plugin, stdin, a
 * terminal, the CLI's own files and log) is for the e2e tests (test/e2e/harness.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Config, ux } from '@oclif/core';
import { StateAggregator } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import ConnectedApp from '../../src/commands/eci/ringcentral/connected-app.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import CreateNamedCredential from '../../src/commands/eci/ringcentral/create-named-credential.js';
import GuestPermissions from '../../src/commands/eci/ringcentral/guest-permissions.js';
import IntegrationUser from '../../src/commands/eci/ringcentral/integration-user.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import Teardown from '../../src/commands/eci/ringcentral/teardown.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import { SimulatedOrg, type SandboxOf, type SimSeed } from '../sim/index.js';
import type { CliRunner, OrgAndCli, RunOptions, RunResult } from '../support/cli-run.js';
import { REPO_ROOT } from '../support/repo.js';
import { assertResultMatchesSchema } from '../support/schema-check.js';
import { secretsAudit } from '../support/secrets-audit.js';

type CommandClass = { name: string; run(argv: string[], config: Config): Promise<unknown> };

export type InProcessRun = RunResult & {
  /** The command's result, or undefined when it threw. */
  result?: unknown;
  /** The SfError (or other error) it ended with. */
  error?: Error & { name: string; actions?: string[]; exitCode?: number; data?: unknown };
  /** Everything it printed: stdout, then stderr. */
  output: string;
  /** The exit code it set on success (e.g. 68 for a partial success), as `code`; undefined when it set none. */
  exitCode?: number;
};

export type InProcessRunOptions = Pick<RunOptions, 'env'> & {
  /** Standard input is a terminal (a test that stubs the prompt); otherwise a pipe, as in CI. */
  stdin?: 'terminal' | 'pipe';
};

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK' as NodeJS.Signals];
const COMMANDS = ['eci', 'ringcentral'];

/**
 * The plugin's commands, imported as the tests import them (a dynamic import could load a second copy of src, which a
 * test's stubs would not reach).
 */
const COMMAND_CLASSES: CommandClass[] = [
  Configure,
  ConnectedApp,
  CreateAuthProvider,
  CreateNamedCredential,
  GuestPermissions,
  IntegrationUser,
  Site,
  Teardown,
  Verify,
];

/** The plugin's commands are named after their classes: CreateAuthProvider is `create-auth-provider`. */
const commandId = (command: CommandClass): string => command.name.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();

let config: Promise<Config> | undefined;

/** A test org logged in to a fresh SimulatedOrg, and a way to run commands against it in this process. */
export class InProcess {
  private dataHome?: string;
  private savedEnv: Record<string, string | undefined> = {};

  private constructor(
    private readonly $$: TestContext,
    public readonly org: SimulatedOrg,
    public readonly username: string,
  ) {}

  /** `env`: environment variables set for the test (a secret, as a user exports it), restored by stop(). */
  public static async start(
    opts: {
      seed?: SimSeed;
      prepare?: (org: SimulatedOrg) => unknown;
      env?: Record<string, string>;
      /** The alias `-o` may name the org by. */
      alias?: string;
      /** Salesforce-like latency of every answer, so that the simulator's timeline shows sequential round trips. */
      latency?: { ms: number; jitterMs?: number };
      /** A refreshed sandbox of this org (test/sim/sandbox.ts) instead of a fresh org. */
      sandboxOf?: SandboxOf;
    } = {},
  ): Promise<InProcess> {
    // A process starts without any auth in memory: none of a test that connected without a test context (a unit test).
    StateAggregator.clearInstance();
    // setup: false: no global beforeEach/afterEach hooks (they would stub every later test's connections).
    const $$ = new TestContext({ setup: false });
    $$.init();
    const org = await SimulatedOrg.start({
      seed: opts.seed,
      ...(opts.latency ? { latency: opts.latency } : {}),
      ...(opts.sandboxOf ? { sandboxOf: opts.sandboxOf } : {}),
    });
    await opts.prepare?.(org);
    const testOrg = loggedIn(org);
    await $$.stubAuths(testOrg);
    if (opts.alias) $$.stubAliases({ [opts.alias]: testOrg.username });
    // The requests go to the simulated org for real.
    $$.SANDBOXES.CONNECTION.restore();
    const env = new InProcess($$, org, testOrg.username);
    env.savedEnv = setEnv(opts.env);
    secretsAudit().registerEnv(opts.env, 'an in-process test');
    return env;
  }

  /** `sf eci ringcentral <command> <argv>` in this process. */
  public async run(command: CommandClass, argv: string[], opts: InProcessRunOptions = {}): Promise<InProcessRun> {
    const started = Date.now();
    const what = `in-process ${argv.join(' ').slice(0, 120)}`;
    secretsAudit().registerEnv(opts.env, what);
    const restoreEnv = setEnv({ ...opts.env, XDG_DATA_HOME: await this.dataFolder() });
    // A secret a test put in the environment itself (not through start's env) is one all the same.
    secretsAudit().registerProcessEnv('the environment of an in-process run');
    const loaded = await (config ??= Config.load(REPO_ROOT));
    const ran = await asIfAProcess(opts.stdin === 'terminal', () => command.run(argv, loaded));
    setEnv(restoreEnv);
    recordForAudit(what, ran);
    const json = argv.includes('--json') ? parsed(ran.stdout) : undefined;
    assertResultMatchesSchema(REPO_ROOT, [...COMMANDS, commandId(command), ...argv], json);
    const output = [ran.stdout, ran.stderr].filter(Boolean).join('\n');
    return { ...ran, json, output, ms: Date.now() - started };
  }

  /** `sf <args>` for a command of this plugin (`eci ringcentral <command> …`), as the CLI fixture runs it. */
  public async sf(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    if (
      args[0] !== COMMANDS[0] ||
      args[1] !== COMMANDS[1] ||
      opts.input !== undefined ||
      opts.cwd !== undefined ||
      opts.onSpawn
    )
      throw new Error(`in process: only this plugin's commands, without stdin or a folder (sf ${args.join(' ')})`);
    const command = COMMAND_CLASSES.find((c) => commandId(c) === args[2]);
    if (!command) throw new Error(`in process: no command ${args[2]} (add its class to COMMAND_CLASSES)`);
    return this.run(command, args.slice(3), { env: opts.env });
  }

  /** The calls the commands sent (resolving --target-org asks nothing: the login's cache answers). */
  public commandCalls(): number {
    return this.org.calls.length;
  }

  /** The CLI data folder the commands of this test see. */
  public get dataDir(): string | undefined {
    return this.dataHome;
  }

  /** Backups and other data of a run go to a folder of this test, not the user's CLI data folder. */
  private async dataFolder(): Promise<string> {
    if (!this.dataHome) {
      this.dataHome = await mkdtemp(join(tmpdir(), 'eci-inprocess-'));
      secretsAudit().watchDir(this.dataHome, `the data folder ${this.dataHome}`);
    }
    return this.dataHome;
  }

  public async stop(): Promise<void> {
    setEnv(this.savedEnv);
    this.$$.restore();
    if (this.dataHome) {
      await secretsAudit().recordFiles(this.dataHome);
      await rm(this.dataHome, { recursive: true, force: true });
    }
    await this.org.stop();
  }
}

/**
 * The in-process twin of the e2e harness's simulatedOrgAndCli(): the same fixture (`cli.run(['eci', 'ringcentral',
 * …])`, `org`, `freshOrg`) with every command run in this process, so a test moves between the two by its fixture.
 */
export function inProcessOrgAndCli(): OrgAndCli {
  let env: InProcess | undefined;
  after(async () => {
    await env?.stop();
    env = undefined;
  });
  const current = (): InProcess => {
    if (!env) throw new Error('inProcessOrgAndCli: no org yet (call freshOrg first)');
    return env;
  };
  const cli: CliRunner = { run: (args, opts) => current().sf(args, opts) };
  return {
    cli,
    get org(): SimulatedOrg {
      return current().org;
    },
    async freshOrg(alias, opts = {}) {
      await env?.stop();
      env = undefined;
      env = await InProcess.start({ ...opts, alias });
      return env.org;
    },
  };
}

/** The auth `sf org login access-token` saves: the org's own ids, a session id, no refresh token or client. */
function loggedIn(org: SimulatedOrg): MockTestOrgData {
  const testOrg = new MockTestOrgData();
  testOrg.instanceUrl = org.instanceUrl;
  testOrg.loginUrl = org.instanceUrl;
  testOrg.accessToken = org.accessToken;
  testOrg.username = org.username;
  testOrg.orgId = org.orgId;
  testOrg.userId = org.userId;
  testOrg.refreshToken = undefined as unknown as string;
  testOrg.clientId = undefined as unknown as string;
  // What the login caches, so that resolving --target-org asks the org nothing (as with the real CLI): the org's
  // newest API version, its edition and namespace.
  const saved = testOrg.getConfig.bind(testOrg);
  testOrg.getConfig = async () => ({
    ...(await saved()),
    instanceApiVersion: `${org.settings.maxApiVersion}.0`,
    instanceApiVersionLastRetrieved: new Date().toLocaleString(),
    namespacePrefix: null,
  });
  return testOrg;
}

type Ran = Pick<InProcessRun, 'result' | 'error' | 'stdout' | 'stderr' | 'code' | 'exitCode'>;

/**
 * Runs a command as its own process would end: what it printed, and the exit code it set (sf's, for an error);
 * process.exitCode and the signal listeners it added (SfCommand's SIGINT, the progress display's exit hooks) are put
 * back as they were, as a process's end would drop them.
 */
async function asIfAProcess(stdinIsTerminal: boolean, run: () => Promise<unknown>): Promise<Ran> {
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  const listening = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { value, error, stdout, stderr } = await captured(stdinIsTerminal, run);
  for (const [signal, before] of listening)
    for (const l of process.listeners(signal)) if (!before.has(l)) process.off(signal, l);
  const set = process.exitCode === undefined ? undefined : Number(process.exitCode);
  process.exitCode = exitCode;
  const code = set ?? (error ? 1 : 0);
  if (error) return { error: error as InProcessRun['error'], stdout, stderr, code };
  return { result: value, stdout, stderr, code, exitCode: set };
}

/** A run's outputs for the suite's secrets audit: what it printed, its result, its error. */
function recordForAudit(what: string, ran: Ran): void {
  const audit = secretsAudit();
  audit.recordOutput(`stdout of ${what}`, ran.stdout);
  audit.recordOutput(`stderr of ${what}`, ran.stderr);
  audit.recordOutput(`result of ${what}`, JSON.stringify(ran.result));
  const e = ran.error;
  if (e)
    audit.recordOutput(
      `error of ${what}`,
      JSON.stringify({ name: e.name, message: e.message, actions: e.actions, data: e.data }),
    );
}

/** Sets (or, for undefined, removes) environment variables; returns what restores them. */
function setEnv(vars: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return saved;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type Write = typeof process.stdout.write;
type Kept = { stdout: string[]; stderr: string[] };

/** What a run (and everything it started) writes goes to its own Kept; any other write passes. */
const keeping = new AsyncLocalStorage<Kept>();
let capturing = 0;
let release: (() => void) | undefined;

/**
 * Runs `fn` with what it writes to stdout and stderr kept instead of written, colours taken out; neither stream is a
 * terminal meanwhile (as for a CLI whose output is piped), and stdin is one only when asked. Writes of the test itself
 * (the reporter's, while a run waits) pass.
 */
async function captured<T>(
  stdinIsTerminal: boolean,
  fn: () => Promise<T>,
): Promise<{ value?: T; error?: unknown; stdout: string; stderr: string }> {
  const kept: Kept = { stdout: [], stderr: [] };
  if (capturing++ === 0) release = interceptStreams();
  const stdin = overrideTTY(process.stdin, stdinIsTerminal);
  try {
    return { value: await keeping.run(kept, fn), ...text(kept) };
  } catch (error) {
    return { error, ...text(kept) };
  } finally {
    stdin();
    if (--capturing === 0) release?.();
  }
}

const text = (kept: Kept): { stdout: string; stderr: string } => ({
  stdout: stripVTControlCharacters(kept.stdout.join('')),
  stderr: stripVTControlCharacters(kept.stderr.join('')),
});

/** Routes stdout and stderr writes made within a run to its Kept; returns what undoes it. */
function interceptStreams(): () => void {
  const undo = (['stdout', 'stderr'] as const).map((name) => {
    const stream = process[name];
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      const kept = keeping.getStore();
      if (!kept) return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      kept[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
      return true;
    } as Write;
    const tty = overrideTTY(stream, false);
    return (): void => {
      stream.write = write;
      tty();
    };
  });
  // The spinner (oclif's ux.action) writes through the stream functions it found when it was loaded.
  const action = ux.action as unknown as { stdmockOrigs: { stdout: Write; stderr: Write } };
  const origs = action.stdmockOrigs;
  action.stdmockOrigs = { stdout: process.stdout.write, stderr: process.stderr.write };
  undo.push(() => (action.stdmockOrigs = origs));
  return () => undo.forEach((u) => u());
}

/** Makes `stream.isTTY` what is given; returns what restores it. */
function overrideTTY(stream: { isTTY?: boolean }, value: boolean): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  Object.defineProperty(stream, 'isTTY', { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(stream, 'isTTY', own);
    else delete stream.isTTY;
  };
}
