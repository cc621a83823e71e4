import { Messages, SfError, type Org } from '@salesforce/core';
import type { Interfaces } from '@oclif/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ComponentResult, NextStep, ValidationSummary } from '../model/component.js';
import { PlanCollector, validatePlans, withValidation, type ValidateOptions } from '../engine/validate.js';
import type { Secret, SecretIntake } from '../model/secret.js';
import { connectOrg } from '../org/connect.js';
import type { KnownFacts, OrgPort } from '../org/port.js';
import { readPhaseOf, type BoundStep, type StepContext, type StepOutcome } from '../steps/step.js';
import { readPrerequisites } from '../steps/prerequisites.js';
import { missingPrerequisites, type PrerequisiteCheck } from '../guide/prerequisites.js';
import { prerequisitesError, renderChecklist } from './prerequisites.js';
import { dryRunFlag, exportFlags, orgFlags, validateFlag } from './flags.js';
import { exportedRecords, renderExport, resolveExportTarget, writeExport, type ExportResult } from './export.js';
import { onCtrlC } from './interrupt.js';
import { checkFlagValues } from './validate.js';
import { writeBackup } from './backup.js';
import { renderComponents, renderNextSteps, renderValidation } from './render.js';
import { missingSecretError, promptForSecret } from './secrets.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');
const prerequisitesMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'prerequisites');
const validateMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

/** What every step command's result has: whether it was a dry run, each component's result, the person's steps. */
export type StepCommandResult = {
  dryRun: boolean;
  components: ComponentResult[];
  nextSteps: NextStep[];
  /** What the guide presumes for this step, each met or missing (with what to do and its Setup URL). */
  prerequisites?: PrerequisiteCheck[];
  /** Where the previous versions of the components this run updated were saved (secrets left out). */
  backupFile?: string;
  /** With --output-dir: the source-format project written from the plan. */
  export?: ExportResult;
  /** With --validate: the check-only deploy's ID and how many components Salesforce accepted or would refuse. */
  validation?: ValidationSummary;
};

/** The flags every step command has: the org, its API version, --dry-run, --validate and the export's. */
export type StepCommandFlags = {
  'target-org': Org;
  'api-version'?: string;
  'dry-run': boolean;
  validate: boolean;
  'output-dir'?: string;
  deploy?: boolean;
};

/** A step command's parsed flags: its own and the shared ones. */
export type FlagsOf<C extends { flags: Interfaces.FlagInput }> = Interfaces.InferredFlags<C['flags']> &
  StepCommandFlags;

export type ContextOptions = {
  org: Org;
  apiVersion?: string;
  dryRun: boolean;
  /** Never ask (configure --no-prompt, verify): a missing secret is then an SfError that says how to give it. */
  noPrompt?: boolean;
  /** The steps to run: their prerequisites are read beside the org facts (one round trip) and put on the context. */
  steps?: readonly BoundStep[];
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
  readPhase?: (org: OrgPort, facts: KnownFacts) => Promise<void>,
): Promise<StepContext> {
  const org = await connectOrg(options.org, options.apiVersion);
  // A deploy's progress (polled) shows as the spinner's status; with no spinner running (--json, stages) it goes nowhere.
  org.onDeployStatus = (status) => {
    command.spinner.status = status;
  };
  command.spinner.start(messages.getMessage('progress.Reading'));
  // The read phase (issue 10) starts with the facts' own read: it needs only what the connection knows. The steps'
  // reads and their prerequisites' are declared together (the same requests, so each is sent once); a runner with
  // reads of its own (verify) brings its phase.
  const steps = options.steps;
  const phase =
    readPhase ??
    (steps
      ? (o: OrgPort, known: KnownFacts): Promise<void> =>
          readPhaseOf(steps, o, known, (reader) => readPrerequisites(reader, known.myDomainUrl, steps))
      : undefined);
  const [facts] = await Promise.all([org.facts(), phase?.(org, org.knownFacts())]);
  // Answered from the read phase's answers: nothing is sent again.
  const prerequisites = steps ? await readPrerequisites(org, facts.myDomainUrl, steps) : undefined;
  return {
    org,
    facts,
    ...(prerequisites ? { prerequisites } : {}),
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

/** The usernames a step's details name (the site contact, the record owner): org-specific in an export. */
export function exportUsernames(details: object): string[] {
  const d = details as { siteContact?: unknown; recordOwner?: unknown };
  return [d.siteContact, d.recordOwner].filter((u): u is string => typeof u === 'string' && u.length > 0);
}

/** Writes the previous versions of what the run updated, and says where; undefined when nothing existing changed. */
export async function saveBackup(command: SfCommand<unknown>, ctx: StepContext): Promise<string | undefined> {
  const file = await writeBackup(command.config.dataDir, ctx.facts, ctx.org.previousVersions());
  if (file) command.logToStderr(messages.getMessage('info.Backup', [file]));
  return file;
}

/**
 * A --validate run in which Salesforce would refuse a component ends in an SfError (exit 1) that names each refused
 * component with Salesforce's words, and carries the whole result (--json).
 */
export function throwIfRefused(result: { components: ComponentResult[]; validation?: ValidationSummary }): void {
  const refused = result.components.filter((c) => c.validation?.status === 'refused');
  if (refused.length === 0) return;
  const deployId = result.validation?.deployId ?? '';
  const detail = refused.map((c) => `${c.type} ${c.name}: ${c.validation?.message ?? 'refused'}`).join('\n');
  const error = validateMessages.createError('error.ValidationRefused', [refused.length, deployId, detail]);
  error.setData(result);
  throw error;
}

/**
 * Runs what a --validate run does once its dry run is done: the collected plans to Salesforce in one check-only
 * deploy, each result with its outcome.
 */
export async function validateCollected(
  ctx: StepContext,
  collector: PlanCollector,
  options: ValidateOptions = {},
): Promise<{ summary: ValidationSummary; lay: (results: readonly ComponentResult[]) => ComponentResult[] }> {
  const validation = await validatePlans(collector.items, ctx.org, options);
  return { summary: validation.summary, lay: (results) => withValidation(results, validation) };
}

/**
 * A step that failed on a component ends in an SfError (non-zero exit) that carries the whole result, so `--json`
 * still shows what was done. A refusal the catalogue knows (org/platform-rules.ts) ends in its own named error with
 * its actions; any other says that a re-run finishes the job.
 */
export function throwIfFailed(result: { components: ComponentResult[] }): void {
  throwIfRefused(result);
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
    validate: validateFlag,
    ...exportFlags,
  };

  /** The whole run; each command's `run()` is this one call (the schema generator reads the result type from it). */
  protected async runStep(): Promise<Result> {
    const { flags } = (await this.parse(this.constructor as typeof StepCommand)) as unknown as {
      flags: StepCommandFlags;
    };
    const outputDir = flags['output-dir'];
    // --validate is a dry run (no prompt, no write) whose plan Salesforce checks; an export writes files, not the
    // org, unless --deploy asks for both.
    const validate = flags.validate;
    const dryRun = flags['dry-run'] || validate || (outputDir !== undefined && !flags.deploy);
    const bound = await this.stepFromFlags(flags);
    checkFlagValues(flags);
    const target = outputDir !== undefined ? await resolveExportTarget(outputDir) : undefined;
    const ctx = await stepContextFor(this, {
      org: flags['target-org'],
      apiVersion: flags['api-version'],
      dryRun,
      steps: [bound],
    });
    const prerequisites = ctx.prerequisites ?? [];
    const blocked = missingPrerequisites(prerequisites).length > 0;
    if (blocked && !dryRun) {
      // Nothing is written when what the guide presumes is missing: the checklist, exit 78.
      this.spinner.stop();
      this.log(renderChecklist(prerequisites).join('\n'));
      throw prerequisitesError(prerequisites, { dryRun, components: [], nextSteps: [], prerequisites });
    }
    const collector = target || validate ? new PlanCollector() : undefined;
    if (collector) ctx.onPlan = collector.onPlan;
    const stopOnCtrlC = onCtrlC(() => ctx.org.interrupt());
    let outcome: StepOutcome<Details>;
    let backupFile: string | undefined;
    let validation: ValidationSummary | undefined;
    try {
      outcome = await bound.execute(ctx);
      if (validate && collector) {
        const checked = await validateCollected(ctx, collector, this.validationOptions(flags));
        validation = checked.summary;
        outcome = { ...outcome, components: checked.lay(outcome.components) };
      }
    } catch (error) {
      // A dry run shows the plan with the checklist; a step that cannot even plan without the prerequisite says so.
      if (!blocked) throw error;
      this.spinner.stop();
      this.log(renderChecklist(prerequisites).join('\n'));
      throw prerequisitesError(prerequisites, { dryRun, components: [], nextSteps: [], prerequisites });
    } finally {
      stopOnCtrlC();
      backupFile = await saveBackup(this, ctx);
    }
    const exported =
      target && collector
        ? await writeExport(target, collector, {
            facts: ctx.facts,
            records: exportedRecords([{ id: bound.step.id, components: outcome.components }]),
            apiVersion: ctx.org.apiVersion,
            deployed: !dryRun,
            usernames: exportUsernames(outcome.details),
          })
        : undefined;
    const result = {
      dryRun,
      ...this.result(outcome),
      components: outcome.components,
      nextSteps: outcome.nextSteps,
      ...(ctx.prerequisites ? { prerequisites } : {}),
      ...(backupFile ? { backupFile } : {}),
      ...(exported ? { export: exported } : {}),
      ...(validation ? { validation } : {}),
    } as Result;

    this.spinner.stop();
    outcome.warnings.forEach((w) => this.warn(w));
    this.log(renderComponents(outcome.components, dryRun, { summary: !validation }).join('\n'));
    if (validation) this.log(renderValidation(outcome.components, validation).join('\n'));
    const lines = this.lines(result, outcome);
    if (lines.length) this.log(['', ...lines].join('\n'));
    if (exported) this.log(['', ...renderExport(exported)].join('\n'));
    const next = renderNextSteps(outcome.nextSteps);
    if (next.length) this.log(next.join('\n'));
    if (blocked) {
      this.log(
        ['', ...renderChecklist(prerequisites), prerequisitesMessages.getMessage('heading.NotRunnable')].join('\n'),
      );
      throw prerequisitesError(prerequisites, result);
    }
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

  /** How a --validate run reads Salesforce's answers (connected-app: the fallback of --app-type auto). */
  protected validationOptions(flags: StepCommandFlags): ValidateOptions {
    void flags;
    return {};
  }

  /** What a command does once its step succeeded (e.g. open the consent URL). */
  protected afterSuccess(result: Result, flags: StepCommandFlags): Promise<void> {
    void result;
    void flags;
    return Promise.resolve();
  }
}
