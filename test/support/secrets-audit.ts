/*
 * The secrets audit of the whole suite: every secret and token a test gives or the simulators mint is
 * searched for in every output the suite captured and every file its runs wrote. Nothing here depends on a test
 * remembering to call it:
 *  - the simulators register their secrets with test/sim/secrets.ts (the org's access token, every consumer key and
 *    secret it stores or generates, every client secret of the simulated RingCentral), which the suite's audit reads;
 *  - the e2e harness (test/e2e/harness.ts) registers the secret-named variables of every run's environment and
 *    records every `sf` run's stdout and stderr, and every file of its CLI home when it is cleaned up;
 *  - the in-process runner (test/commands/in-process.ts) does the same for its runs (printed output, result JSON,
 *    error message, actions and data) and its data folder (backup files);
 *  - a root hook (test/support/audit-hooks.ts, loaded by .mocharc's `require`) runs the audit after all tests and
 *    fails the suite on any hit, naming the output or file and the secret (masked).
 * The registry lives on globalThis so that every copy of this module (and the CJS reporter) sees the same one.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VALIDATION_PLACEHOLDER } from '../../src/engine/validate.js';
import { simulatorSecrets } from '../sim/secrets.js';

/** The plugin's own limit of a secret (src/cli/secrets.ts): a longer value is refused, never held as a secret. */
const SECRET_MAX_LENGTH = 512;
/** Values shorter than this are not searched for: they would match by chance (no test secret is this short). */
export const MIN_SECRET_LENGTH = 8;
/** No file of a run comes near this; a larger one fails the audit rather than going unread. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export type AuditHit = { output: string; secret: string; label: string };

export type AuditSummary = {
  /** outputs and files audited (each against every registered secret) */
  outputs: number;
  secrets: number;
  /** (output, secret) pairs compared */
  checks: number;
  hits: AuditHit[];
};

/** `RcSe…(25 chars)`: enough to tell which secret, never enough to use it. */
export const mask = (secret: string): string => `${secret.slice(0, 4)}…(${secret.length} chars)`;

/** Names of environment variables whose values are secrets (RINGCENTRAL_CLIENT_SECRET, SF_ACCESS_TOKEN, …). */
export const SECRET_ENV_NAME = /SECRET|TOKEN|PASSWORD|CONSUMER_KEY/i;

/** The variables the plugin and sf read secrets from: the only ones taken from the test process's own environment. */
export const PLUGIN_SECRET_ENV = [
  'RINGCENTRAL_CLIENT_SECRET',
  'ECI_CONSUMER_SECRET',
  'ECI_CONSUMER_KEY',
  'SF_ACCESS_TOKEN',
];

export class SecretsAudit {
  private readonly secrets = new Map<string, string>();
  /** Where more secrets come from, read before each look (the simulators' registry, for the suite's audit). */
  private readonly secretSources: Array<() => ReadonlyMap<string, string>>;

  public constructor(sources: Array<() => ReadonlyMap<string, string>> = []) {
    this.secretSources = sources;
  }
  /** Each output with the secrets found in it so far and how many of the secrets (in order) it was searched for. */
  private readonly outputs: Array<{ source: string; text: string; searched: number; hits: AuditHit[] }> = [];
  private readonly dirs = new Map<string, string>();

  /**
   * A secret or token to search for; `label` says what it is (never the value). Not taken for one: a value too short
   * to tell from chance, and the hostile inputs of the bad-input tests that the plugin refuses as a secret (longer
   * than SECRET_MAX_LENGTH, more than one line) or that are padding (`xxxx…`: fewer than four distinct characters),
   * which the refused flag values of the same tests contain; nor --validate's placeholder, a constant of the code that a
   * check-only deploy carries in place of a credential it does not have (never saved).
   */
  public registerSecret(value: unknown, label: string): void {
    if (typeof value !== 'string') return;
    const v = value.trim();
    if (v.length < MIN_SECRET_LENGTH || v.length > SECRET_MAX_LENGTH || /[\r\n]/.test(v)) return;
    if (new Set(v).size < 4 || this.secrets.has(v) || v === VALIDATION_PLACEHOLDER) return;
    this.secrets.set(v, label);
  }

  /** The secret-named variables of an environment a test gave to a run. */
  public registerEnv(env: Record<string, string | undefined> | undefined, where: string): void {
    for (const [k, v] of Object.entries(env ?? {}))
      if (SECRET_ENV_NAME.test(k)) this.registerSecret(v, `${k} (${where})`);
  }

  /** The plugin's secret variables as the test process has them now (a test that set process.env itself). */
  public registerProcessEnv(where: string): void {
    for (const k of PLUGIN_SECRET_ENV) this.registerSecret(process.env[k], `${k} (${where})`);
  }

  /** One captured output (a run's stdout, stderr, printed text or JSON). */
  public recordOutput(source: string, text: string | undefined): void {
    if (text) this.outputs.push({ source, text, searched: 0, hits: [] });
  }

  /** A folder runs write into (a CLI home, a data folder): audited by recordFiles, or at the end if still there. */
  public watchDir(dir: string, source: string): void {
    this.dirs.set(dir, source);
  }

  /** Records every file under `dir` as an output (before the folder is removed). */
  public async recordFiles(dir: string, source = this.dirs.get(dir) ?? dir): Promise<number> {
    this.dirs.delete(dir);
    if (!existsSync(dir)) return 0;
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    let n = 0;
    for (const e of entries) {
      if (!e.isFile()) continue;
      const path = join(e.parentPath, e.name);
      try {
        if ((await stat(path)).size > MAX_FILE_BYTES) throw new Error(`${path}: too large to audit`);
        // latin1: every byte one character, so a secret in any ASCII-compatible encoding is found.
        this.recordOutput(`file ${relative(dir, path)} of ${source}`, (await readFile(path)).toString('latin1'));
        n++;
      } catch (error) {
        // Removed while we read: nothing left to leak. Anything else is an audit that could not look.
        if ((error as { code?: string }).code !== 'ENOENT') throw error;
      }
    }
    return n;
  }

  /** Folders no cleanup recorded (a test that forgot to clean up): their files count all the same. */
  public async recordLeftoverDirs(): Promise<void> {
    for (const [dir, source] of [...this.dirs]) await this.recordFiles(dir, `${source} (never cleaned up)`);
  }

  /**
   * Every recorded output against every registered secret. Each output is searched once for each secret: a later run
   * searches only what came since (new outputs, new secrets), so the suite's several looks cost one.
   */
  public run(): AuditSummary {
    this.readSources();
    const secrets = [...this.secrets];
    for (const o of this.outputs) {
      for (const [secret, label] of secrets.slice(o.searched))
        if (o.text.includes(secret)) o.hits.push({ output: o.source, secret: mask(secret), label });
      o.searched = secrets.length;
    }
    const hits = this.outputs.flatMap((o) => o.hits);
    return {
      outputs: this.outputs.length,
      secrets: this.secrets.size,
      checks: this.outputs.length * this.secrets.size,
      hits,
    };
  }

  /** Names of the outputs recorded so far. */
  public sources(): string[] {
    return this.outputs.map((o) => o.source);
  }

  /** Whether a value is registered. */
  public knows(value: string): boolean {
    this.readSources();
    return this.secrets.has(value.trim());
  }

  /** Forgets the outputs whose name matches (the audit's own test plants secrets and removes them again). */
  public drop(match: (source: string) => boolean): number {
    const before = this.outputs.length;
    const kept = this.outputs.filter((o) => !match(o.source));
    this.outputs.splice(0, this.outputs.length, ...kept);
    return before - kept.length;
  }

  private readSources(): void {
    for (const source of this.secretSources) for (const [value, label] of source()) this.registerSecret(value, label);
  }

  /** The audit's verdict: the figures of the summary line and, on any hit, the error that fails the run. */
  public verdict(): { outputs: number; passed: number; error?: Error } {
    const summary = this.run();
    const failed = new Set(summary.hits.map((h) => h.output)).size;
    return {
      outputs: summary.outputs,
      passed: summary.outputs - failed,
      ...(summary.hits.length
        ? {
            error: new Error(
              `secrets audit: ${summary.hits.length} secret(s) found in ${failed} of ${summary.outputs} outputs ` +
                `(${summary.secrets} secrets registered):\n${SecretsAudit.describe(summary.hits)}`,
            ),
          }
        : {}),
    };
  }

  /** The hits, one line each, for a failure message (secrets masked). */
  public static describe(hits: AuditHit[]): string {
    const lines = hits.slice(0, 50).map((h) => `  ${h.label} ${h.secret} in ${h.output}`);
    if (hits.length > 50) lines.push(`  … and ${hits.length - 50} more`);
    return lines.join('\n');
  }
}

const KEY = Symbol.for('eci.secrets-audit');
const store = globalThis as unknown as { [KEY]?: SecretsAudit };

/** The suite's one audit, which also searches for every secret the simulators registered. */
export function secretsAudit(): SecretsAudit {
  store[KEY] ??= new SecretsAudit([simulatorSecrets]);
  return store[KEY];
}
