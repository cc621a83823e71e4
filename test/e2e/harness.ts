/*
 * End-to-end harness for the real `sf` CLI (node_modules/.bin/sf of this repository), one isolated CLI home per
 * SfCli instance. Commands run with an ASYNC spawn: the simulated org usually runs in the same process, and a
 * synchronous spawn would block the event loop that serves the CLI's requests.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SimulatedOrg } from '../sim/index.js';
import type { OrgAndCli as Fixture, RunOptions, RunResult } from '../support/cli-run.js';
import { REPO_ROOT } from '../support/repo.js';
import { assertResultMatchesSchema } from '../support/schema-check.js';
import { secretsAudit } from '../support/secrets-audit.js';

export { REPO_ROOT };
export const SF_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'sf');

/** What SfCli.login needs of an org (SimulatedOrg satisfies it). */
export type OrgEndpoint = { instanceUrl: string; accessToken: string };

export type { RunOptions, RunResult };

const ISOLATION_ENV: Record<string, string> = {
  SF_DISABLE_AUTOUPDATE: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_DISABLE_TELEMETRY: 'true',
  SFDX_DISABLE_TELEMETRY: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SF_HIDE_RELEASE_NOTES: 'true',
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  OCLIF_DISABLE_LINKED_ESM_WARNING: 'true',
};

export class SfCli {
  /** every invocation's duration, for reporting */
  public readonly timings: Array<{ args: string[]; ms: number }> = [];

  private constructor(public readonly home: string) {}

  public static async create(): Promise<SfCli> {
    const cli = new SfCli(await mkdtemp(join(tmpdir(), 'sf-e2e-')));
    // Every file its runs write (sf.log, config, auth files, backups, exports) is audited for secrets, at cleanup()
    // or, if no test cleans up, after the suite (test/support/secrets-audit.ts).
    secretsAudit().watchDir(cli.home, `the CLI home ${cli.home}`);
    return cli;
  }

  /**
   * For a run made outside run() (e.g. in a pseudo-terminal): records its output for the suite's secrets audit and
   * registers the secrets of the environment it was given.
   */
  public record(source: string, text: string, env?: Record<string, string>): void {
    secretsAudit().registerEnv(env, source);
    secretsAudit().recordOutput(source, text);
  }

  /** The environment of every invocation: the caller's, minus SF_/SFDX_ settings that would leak in, plus isolation. */
  public env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (/^(SF_|SFDX_|OCLIF_)/.test(k)) continue; // includes SF_LOG_LEVEL, SF_ACCESS_TOKEN, SF_TARGET_ORG...
      env[k] = v;
    }
    return {
      ...env,
      HOME: this.home,
      USERPROFILE: this.home,
      XDG_CONFIG_HOME: join(this.home, '.config'),
      XDG_DATA_HOME: join(this.home, '.local', 'share'),
      XDG_CACHE_HOME: join(this.home, '.cache'),
      ...ISOLATION_ENV,
      ...extra,
    };
  }

  /** `SF_ACCESS_TOKEN=… sf org login access-token --instance-url … --no-prompt --alias …` */
  public async login(org: OrgEndpoint, alias: string): Promise<void> {
    const r = await this.run(
      ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--no-prompt', '--alias', alias, '--json'],
      {
        env: { SF_ACCESS_TOKEN: org.accessToken },
      },
    );
    if (r.code !== 0) throw new Error(`sf org login access-token failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }

  /** `sf plugins link <dir>` (offline). */
  public async linkPlugin(dir: string): Promise<void> {
    const r = await this.run(['plugins', 'link', resolve(dir), '--no-install'], { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`sf plugins link failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }

  public run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? 60_000;
    const audit = secretsAudit();
    const what = `sf ${args.join(' ').slice(0, 120)}`;
    audit.registerEnv(opts.env, what);
    const recordOutputs = (stdout: string, stderr: string): void => {
      audit.recordOutput(`stdout of ${what}`, stdout);
      audit.recordOutput(`stderr of ${what}`, stderr);
    };
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [SF_BIN, ...args], {
        cwd: opts.cwd ?? this.home,
        env: this.env(opts.env),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      if (child.pid !== undefined) opts.onSpawn?.(child.pid);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => {
        recordOutputs(stdout, stderr);
        child.kill('SIGKILL');
        reject(new Error(`sf ${args.join(' ')} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const ms = Date.now() - started;
        this.timings.push({ args, ms });
        recordOutputs(stdout, stderr);
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        try {
          assertResultMatchesSchema(REPO_ROOT, args, json);
        } catch (error) {
          reject(error);
          return;
        }
        resolvePromise({ code: code ?? -1, stdout, stderr, json, ms });
      });
      child.stdin.end(opts.input ?? '');
    });
  }

  public async cleanup(): Promise<void> {
    await secretsAudit().recordFiles(this.home);
    await rm(this.home, { recursive: true, force: true });
  }
}

/** What most e2e files share: one CLI home with this plugin linked, logged in to a fresh simulated org on demand. */
export type OrgAndCli = Fixture<SfCli>;

/**
 * "A simulated org and a logged-in CLI": call it in a describe; it adds the `before` hook that makes the CLI home and
 * links this plugin, and the `after` hook that stops the org and cleans the home up (which audits its files for
 * secrets). Orgs come from freshOrg, in the tests' own hooks.
 */
export function simulatedOrgAndCli(): OrgAndCli {
  let cli: SfCli | undefined;
  let org: SimulatedOrg | undefined;
  before(async () => {
    cli = await SfCli.create();
    await cli.linkPlugin(REPO_ROOT);
  });
  after(async () => {
    await org?.stop();
    await cli?.cleanup();
  });
  const fixture: OrgAndCli = {
    get cli(): SfCli {
      if (!cli)
        throw new Error('simulatedOrgAndCli: the CLI is made in the before hook of the describe it was called in');
      return cli;
    },
    get org(): SimulatedOrg {
      if (!org) throw new Error('simulatedOrgAndCli: no org yet (call freshOrg first)');
      return org;
    },
    async freshOrg(alias, opts = {}) {
      await org?.stop();
      org = undefined;
      const started = await SimulatedOrg.start({
        seed: opts.seed,
        ...(opts.sandboxOf ? { sandboxOf: opts.sandboxOf } : {}),
      });
      org = started;
      await opts.prepare?.(started);
      await fixture.cli.login(started, alias);
      return started;
    },
  };
  return fixture;
}
