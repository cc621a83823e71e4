import { Messages, SfError, type Org } from '@salesforce/core';
import type { Interfaces } from '@oclif/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import type { ComponentResult, NextStep, ValidationSummary } from '../model/component.js';
import type { ValidateOptions } from '../engine/validate.js';
import type { BoundStep, StepOutcome } from '../steps/step.js';
import type { PrerequisiteCheck } from '../guide/prerequisites.js';
import { environmentSection, errorCodesSection } from './help.js';
import { renderChecklist } from './prerequisites.js';
import { consentFlags, dryRunFlag, exportFlags, orgFlags, validateFlag } from './flags.js';
import { exportedRecords, exportUsernames, renderExport, type ExportResult } from './export.js';
import { checkFlagValues } from './validate.js';
import { renderComponents, renderNextSteps, renderValidation } from './render.js';
import { updateConsent } from './update-consent.js';
import { endIfCut } from './run/outcome.js';
import { runModeOf } from './run/mode.js';
import { outcomeOfStep, runPipeline, type PipelineRun, type RunRequest } from './run/pipeline.js';
import { EciCommand } from './eci-command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');
const prerequisitesMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'prerequisites');

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
  force: boolean;
  'no-prompt': boolean;
};

/** A step command's parsed flags: its own and the shared ones. */
export type FlagsOf<C extends { flags: Interfaces.FlagInput }> = Interfaces.InferredFlags<C['flags']> &
  StepCommandFlags;

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

const emptyOutcome = (): StepOutcome => ({ components: [], nextSteps: [], warnings: [], details: {} });

/**
 * The one shape of a step command (as plugin-org's sandbox commands share a base): the shared flags and `run()`
 * live here; a command says only what differs: its flags, the step with its inputs (every input checked before the
 * first call to the org), its result and its lines.
 */
export abstract class StepCommand<
  Result extends StepCommandResult,
  Details extends object = object,
> extends EciCommand<Result> {
  public static override readonly errorCodes = errorCodesSection([
    'success',
    'failed',
    'prerequisites',
    'interrupted',
    'terminated',
  ]);
  public static override readonly envVariablesSection = environmentSection();

  public static override readonly baseFlags = {
    ...SfCommand.baseFlags,
    ...orgFlags,
    'dry-run': dryRunFlag,
    validate: validateFlag,
    ...exportFlags,
    ...consentFlags,
  };

  /** The whole run; each command's `run()` is this one call (the schema generator reads the result type from it). */
  protected async runStep(): Promise<Result> {
    const { flags } = (await this.parse(this.constructor as typeof StepCommand)) as unknown as {
      flags: StepCommandFlags;
    };
    const bound = await this.stepFromFlags(flags);
    checkFlagValues(flags);
    const run = await runPipeline({
      command: this,
      target: { kind: 'org', org: flags['target-org'], apiVersion: flags['api-version'] },
      mode: runModeOf(flags),
      schedule: [bound],
      progress: { kind: 'spinner' },
      noPrompt: flags['no-prompt'],
      force: flags.force,
      consent: (plan) => updateConsent(plan),
      validate: this.validationOptions(flags),
      exportRecords: (reports) => exportedRecords(reports),
      exportUsernames,
      ...this.runOptions(flags),
    });
    const error = run.errors.get(bound.step.id);
    if (error && !run.blocked && !run.stoppedBy) throw error;
    const ran = outcomeOfStep(run, bound);
    const outcome = ran ?? (emptyOutcome() as StepOutcome<Details>);
    const components = run.reports[0]?.components ?? [];
    const result = {
      dryRun: run.dryRun,
      // The step's own fields only where it ran (a missing prerequisite stops a real run before it).
      ...(ran ? this.result(ran) : {}),
      components,
      nextSteps: outcome.nextSteps,
      ...(run.ctx.prerequisites ? { prerequisites: run.prerequisites } : {}),
      ...(run.backupFile ? { backupFile: run.backupFile } : {}),
      ...(run.exported ? { export: run.exported } : {}),
      ...(run.validation ? { validation: run.validation } : {}),
    } as Result;
    this.render(run, result, outcome, Boolean(error));
    endIfCut(run, result);
    throwIfFailed(result);
    await this.afterSuccess(result, flags);
    return result;
  }

  private render(run: PipelineRun, result: Result, outcome: StepOutcome<Details>, failed: boolean): void {
    if (run.blocked && (failed || !run.dryRun)) {
      // Nothing is written when what the guide presumes is missing; a step that cannot even plan without it says so.
      this.log(renderChecklist(run.prerequisites).join('\n'));
      return;
    }
    outcome.warnings.forEach((w) => this.warn(w));
    this.log(renderComponents(result.components, run.dryRun, { summary: !run.validation }).join('\n'));
    if (run.validation) this.log(renderValidation(result.components, run.validation).join('\n'));
    const lines = this.lines(result, outcome);
    if (lines.length) this.log(['', ...lines].join('\n'));
    if (run.exported) this.log(['', ...renderExport(run.exported)].join('\n'));
    const next = renderNextSteps(outcome.nextSteps);
    if (next.length) this.log(next.join('\n'));
    if (run.blocked)
      this.log(
        ['', ...renderChecklist(run.prerequisites), prerequisitesMessages.getMessage('heading.NotRunnable')].join('\n'),
      );
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

  /** The run's options a command's own flags set (the REST secrets consent, what they need of the API version). */
  protected runOptions(flags: StepCommandFlags): Pick<RunRequest, 'allowSecretReadViaRest' | 'apiVersionNeeds'> {
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
