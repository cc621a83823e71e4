/*
 * What a test sees of one `sf …` run, whether the real CLI ran it in its own process (test/e2e/harness.ts) or the
 * command ran in the test's process (test/commands/in-process.ts): the exit code, stdout, stderr and the JSON. A test
 * written against these types runs either way; in process is the default, the real CLI is for what only a process has
 * (sf loading the plugin, stdin, a terminal, the CLI's own files and log).
 */
import type { SandboxOf, SimulatedOrg, SimSeed } from '../sim/index.js';

export type RunResult = {
  code: number;
  stdout: string;
  stderr: string;
  /** JSON.parse(stdout) when stdout parses */
  json?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** wall-clock ms of the invocation */
  ms: number;
};

export type RunOptions = {
  /** Environment variables of this run (a secret, as a user exports it). */
  env?: Record<string, string>;
  /** Standard input (the real CLI only). */
  input?: string;
  timeoutMs?: number;
  /** default: the CLI home (the real CLI only) */ cwd?: string;
  /** Called with the child's process id once it is spawned, e.g. to send it SIGINT as Ctrl-C does (the real CLI only). */
  onSpawn?: (pid: number) => void;
};

/** Runs `sf <args>`. */
export type CliRunner = { run(args: string[], opts?: RunOptions): Promise<RunResult> };

/** What most command tests share: a CLI logged in to a fresh simulated org on demand. */
export type OrgAndCli<C extends CliRunner = CliRunner> = {
  /** the CLI (from the describe's `before` hook on) */
  readonly cli: C;
  /** the org of the last freshOrg */
  readonly org: SimulatedOrg;
  /**
   * Stops the org of the last call (if any), starts a new one with `seed` (or a refreshed sandbox of `sandboxOf`: a
   * stopped org's state is still there to copy), lets `prepare` install what the test needs (e.g. installVoiceConnector)
   * and logs the CLI in to it as `alias`.
   */
  freshOrg(
    alias: string,
    opts?: { seed?: SimSeed; prepare?: (org: SimulatedOrg) => unknown; sandboxOf?: SandboxOf },
  ): Promise<SimulatedOrg>;
};

/** `sf <command> <args>` through a fixture; every stdout and stderr is kept in `outputs` (a file's own leak check). */
export function commandOf(
  fixture: OrgAndCli,
  command: string[],
  outputs: string[] = [],
): (args: string[], opts?: RunOptions) => Promise<RunResult> {
  return async (args, opts) => {
    const r = await fixture.cli.run([...command, ...args], opts);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
}
