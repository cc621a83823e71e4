/*
 * In-process command tests (as the Salesforce plugins test their commands): @salesforce/core's TestContext gives the
 * command an authenticated org without a CLI home, sf-plugins-core's stubSfCommandUx captures what it prints. The
 * connection is not stubbed: the command talks to a SimulatedOrg over loopback, so a test can count the calls a
 * refused flag did NOT make. No process boundary is crossed, so a case costs milliseconds, not a 2.4 s spawn of sf.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import { SimulatedOrg, type SandboxOf, type SimSeed } from '../sim/index.js';
import { REPO_ROOT } from '../e2e/harness.js';
import { secretsAudit } from '../support/secrets-audit.js';

type CommandClass = { run(argv: string[], config: Config): Promise<unknown> };

export type InProcessRun = {
  /** The command's result, or undefined when it threw. */
  result?: unknown;
  /** The SfError (or other error) it ended with. */
  error?: Error & { name: string; actions?: string[]; exitCode?: number; data?: unknown };
  /** Everything it printed through its ux (log, warn, table, styled JSON), joined. */
  output: string;
  /** process.exitCode as the command left it (e.g. 68 for a partial success), before it is restored. */
  exitCode?: number | string;
};

/** A test org logged in to a fresh SimulatedOrg, and a way to run commands against it in this process. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK' as NodeJS.Signals];

export class InProcess {
  private config?: Config;
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
      prepare?: (org: SimulatedOrg) => void;
      env?: Record<string, string>;
      /** Salesforce-like latency of every answer, so that the simulator's timeline shows sequential round trips. */
      latency?: { ms: number; jitterMs?: number };
      /** A refreshed sandbox of this org (test/sim/sandbox.ts) instead of a fresh org. */
      sandboxOf?: SandboxOf;
    } = {},
  ): Promise<InProcess> {
    // setup: false: no global beforeEach/afterEach hooks (they would stub every later test's connections).
    const $$ = new TestContext({ setup: false });
    $$.init();
    const org = await SimulatedOrg.start({
      seed: opts.seed,
      ...(opts.latency ? { latency: opts.latency } : {}),
      ...(opts.sandboxOf ? { sandboxOf: opts.sandboxOf } : {}),
    });
    opts.prepare?.(org);
    const testOrg = new MockTestOrgData();
    testOrg.instanceUrl = org.instanceUrl;
    testOrg.loginUrl = org.instanceUrl;
    testOrg.accessToken = org.accessToken;
    testOrg.username = org.username;
    await $$.stubAuths(testOrg);
    // The requests go to the simulated org for real.
    $$.SANDBOXES.CONNECTION.restore();
    const saved = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
    Object.assign(process.env, opts.env);
    secretsAudit().registerEnv(opts.env, 'an in-process test');
    const env = new InProcess($$, org, testOrg.username);
    env.savedEnv = saved;
    return env;
  }

  public async run(command: CommandClass, argv: string[]): Promise<InProcessRun> {
    // Backups and other data of a run go to a folder of this test, not the user's CLI data folder.
    if (!this.dataHome) {
      this.dataHome = await mkdtemp(join(tmpdir(), 'eci-inprocess-'));
      secretsAudit().watchDir(this.dataHome, `the data folder ${this.dataHome}`);
    }
    // A secret a test put in the environment itself (not through start's env) is one all the same.
    const audit = secretsAudit();
    audit.registerProcessEnv('the environment of an in-process run');
    const xdg = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = this.dataHome;
    this.config ??= await Config.load(REPO_ROOT);
    const ux = stubSfCommandUx(this.$$.SANDBOX);
    const exitCode = process.exitCode;
    // A run adds signal listeners (SfCommand's SIGINT, the progress display's exit hooks); a real run ends its process,
    // an in-process one removes them again.
    const listening = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
    const what = `in-process ${argv.join(' ').slice(0, 120)}`;
    try {
      const result = await command.run(argv, this.config);
      const output = printed(ux);
      audit.recordOutput(`output of ${what}`, output);
      audit.recordOutput(`result of ${what}`, JSON.stringify(result));
      return { result, output, exitCode: process.exitCode ?? undefined };
    } catch (error) {
      const output = printed(ux);
      const e = error as InProcessRun['error'];
      audit.recordOutput(`output of ${what}`, output);
      audit.recordOutput(
        `error of ${what}`,
        JSON.stringify({ name: e?.name, message: e?.message, actions: e?.actions, data: e?.data }),
      );
      return { error: e, output };
    } finally {
      if (xdg === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = xdg;
      process.exitCode = exitCode;
      for (const [signal, before] of listening)
        for (const l of process.listeners(signal)) if (!before.has(l)) process.off(signal, l);
      this.$$.SANDBOX.restore();
    }
  }

  /**
   * The calls the command itself sent: without the ones @salesforce/core makes while it resolves --target-org
   * (the API versions and the Organization row), which the real CLI has cached from its login.
   */
  public commandCalls(): number {
    return this.org.calls.filter((c) => c.operation !== 'versions' && !/FROM Organization$/.test(c.soql ?? '')).length;
  }

  /** The CLI data folder the commands of this test see. */
  public get dataDir(): string | undefined {
    return this.dataHome;
  }

  public async stop(): Promise<void> {
    for (const [k, v] of Object.entries(this.savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    this.$$.restore();
    if (this.dataHome) {
      await secretsAudit().recordFiles(this.dataHome);
      await rm(this.dataHome, { recursive: true, force: true });
    }
    await this.org.stop();
  }
}

function printed(ux: ReturnType<typeof stubSfCommandUx>): string {
  return Object.values(ux)
    .flatMap((stub) => stub.args.flat())
    .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
    .join('\n');
}
