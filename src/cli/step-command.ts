import { Messages, SfError, type Org } from '@salesforce/core';
import type { Interfaces } from '@oclif/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ComponentResult, NextStep } from '../model/component.js';
import type { Secret, SecretIntake } from '../model/secret.js';
import { OrgAccess, type KnownFacts } from '../org/org-access.js';
import { readPhaseOf, type BoundStep, type StepContext, type StepOutcome } from '../steps/step.js';
import { dryRunFlag, orgFlags } from './flags.js';
import { onCtrlC } from './interrupt.js';
import { checkFlagValues } from './validate.js';
import { writeBackup } from './backup.js';
import { renderComponents, renderNextSteps } from './render.js';
import { missingSecretError, promptForSecret } from './secrets.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** What every step command's result has: whether it was a dry run, each component's result, the person's steps. */
export type StepCommandResult = {
  dryRun: boolean;
  components: ComponentResult[];
  nextSteps: NextStep[];
  /** Where the previous versions of the components this run updated were saved (secrets left out). */
  backupFile?: string;
};

/** The flags every step command has: the org, its API version and --dry-run. */
export type StepCommandFlags = { 'target-org': Org; 'api-version'?: string; 'dry-run': boolean };

/** A step command's parsed flags: its own and the shared ones. */
export type FlagsOf<C extends { flags: Interfaces.FlagInput }> = Interfaces.InferredFlags<C['flags']> &
  StepCommandFlags;

export type ContextOptions = {
  org: Org;
  apiVersion?: string;
  dryRun: boolean;
  /** Never ask (configure --no-prompt, verify): a missing secret is then an SfError that says how to give it. */
  noPrompt?: boolean;
  /** Called around a prompt, so that a progress display does not draw over it. */
  pause?: () => void;
  resume?: () => void;
};

/**
 * Connects to the org and builds the context steps run in. The one place that decides to prompt for a secret: only
 * for a write that needs one its inputs lack, only in a terminal, never with --json or --no-prompt.
 */
export async function stepContextFor(
  command: SfCommand<unknown>,
  options: ContextOptions,
  readPhase?: (org: OrgAccess, facts: KnownFacts) => Promise<void>,
): Promise<StepContext> {
  const org = await OrgAccess.connect(options.org, options.apiVersion);
  // A deploy's progress (polled) shows as the spinner's status; with no spinner running (--json, stages) it goes nowhere.
  org.onDeployStatus = (status) => {
    command.spinner.status = status;
  };
  command.spinner.start(messages.getMessage('progress.Reading'));
  // The read phase (issue 10) starts with the facts' own read: it needs only what the connection knows.
  const [facts] = await Promise.all([org.facts(), readPhase?.(org, org.knownFacts())]);
  return {
    org,
    facts,
    dryRun: options.dryRun,
    handoff: new Map(),
    async requireSecret(intake: SecretIntake): Promise<Secret> {
      command.spinner.stop();
      if (options.noPrompt || !process.stdin.isTTY || command.jsonEnabled()) throw missingSecretError(intake);
      options.pause?.();
      try {
        return await promptForSecret(intake, (opts) => command.secretPrompt(opts));
      } finally {
        options.resume?.();
        command.spinner.start(messages.getMessage('progress.Writing'));
      }
    },
  };
}

/** Writes the previous versions of what the run updated, and says where; undefined when nothing existing changed. */
export async function saveBackup(command: SfCommand<unknown>, ctx: StepContext): Promise<string | undefined> {
  const file = await writeBackup(command.config.dataDir, ctx.facts, ctx.org.previousVersions());
  if (file) command.logToStderr(messages.getMessage('info.Backup', [file]));
  return file;
}

/**
 * A step that failed on a component ends in an SfError (non-zero exit) that carries the whole result, so `--json`
 * still shows what was done. A refusal the catalogue knows (org/platform-rules.ts) ends in its own named error with
 * its actions; any other says that a re-run finishes the job.
 */
export function throwIfFailed(result: { components: ComponentResult[] }): void {
  const failed = result.components.filter((c) => c.status === 'failed');
  if (failed.length === 0) return;
  const named = failed.find((c) => c.error?.name);
  let error: SfError;
  if (named?.error?.name) {
    error = new SfError(named.error.message, named.error.name, named.error.actions);
  } else {
    const detail = failed.map((c) => `${c.type} ${c.name}: ${c.error?.message ?? 'failed'}`).join('\n');
    error = messages.createError('error.ComponentsFailed', [detail]);
    // A refusal the plugin recognises says what to do; "fix and run again" alone would loop.
    const known = failed.flatMap((c) => c.error?.actions ?? []);
    if (known.length) error.actions = [...known, ...(error.actions ?? [])];
  }
  error.setData(result);
  throw error;
}

/**
 * The one shape of a step command (as plugin-org's sandbox commands share a base): the shared flags and `run()`
 * live here; a command says only what differs: its flags, the step with its inputs (every input checked before the
 * first call to the org), its result and its lines.
 */
export abstract class StepCommand<
  Result extends StepCommandResult,
  Details extends object = object,
> extends SfCommand<Result> {
  public static override readonly baseFlags = {
    ...SfCommand.baseFlags,
    ...orgFlags,
    'dry-run': dryRunFlag,
  };

  /** The whole run; each command's `run()` is this one call (the schema generator reads the result type from it). */
  protected async runStep(): Promise<Result> {
    const { flags } = (await this.parse(this.constructor as typeof StepCommand)) as unknown as {
      flags: StepCommandFlags;
    };
    const dryRun = flags['dry-run'];
    const bound = await this.stepFromFlags(flags);
    checkFlagValues(flags);
    // Everything the step reads, at once, before it runs (issue 10).
    const ctx = await stepContextFor(
      this,
      { org: flags['target-org'], apiVersion: flags['api-version'], dryRun },
      (org, facts) => readPhaseOf([bound], org, facts),
    );
    const stopOnCtrlC = onCtrlC(() => ctx.org.interrupt());
    let outcome: StepOutcome<Details>;
    let backupFile: string | undefined;
    try {
      outcome = await bound.execute(ctx);
    } finally {
      stopOnCtrlC();
      backupFile = await saveBackup(this, ctx);
    }
    const result = {
      dryRun,
      ...this.result(outcome),
      components: outcome.components,
      nextSteps: outcome.nextSteps,
      ...(backupFile ? { backupFile } : {}),
    } as Result;

    this.spinner.stop();
    outcome.warnings.forEach((w) => this.warn(w));
    this.log(renderComponents(outcome.components, dryRun).join('\n'));
    const lines = this.lines(result, outcome);
    if (lines.length) this.log(['', ...lines].join('\n'));
    const next = renderNextSteps(outcome.nextSteps);
    if (next.length) this.log(next.join('\n'));
    throwIfFailed(result);
    await this.afterSuccess(result, flags);
    return result;
  }

  /** The step to run and its inputs, from the flags (parsed as the command declares them). */
  protected abstract stepFromFlags(flags: StepCommandFlags): BoundStep<Details> | Promise<BoundStep<Details>>;

  /** The command's own result fields, from the step's outcome. */
  protected abstract result(outcome: StepOutcome<Details>): Omit<Result, keyof StepCommandResult>;

  /** Lines printed after the components (e.g. the callback URL to register). */
  protected lines(result: Result, outcome: StepOutcome<Details>): string[] {
    void result;
    void outcome;
    return [];
  }

  /** What a command does once its step succeeded (e.g. open the consent URL). */
  protected afterSuccess(result: Result, flags: StepCommandFlags): Promise<void> {
    void result;
    void flags;
    return Promise.resolve();
  }
}
