import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag, exportFlags, orgFlags, validateFlag } from '../../../cli/flags.js';
import { guideChoicesFromFlags, guideFlags } from '../../../cli/guide-flags.js';
import { everyGuideStep, logGuideReport } from '../../../cli/guide-report.js';
import { checkHandOver, openAndWait, type WaitSummary } from '../../../cli/hand-over.js';
import { errorCodesSection, environmentSection } from '../../../cli/help.js';
import {
  exportedRecords,
  exportUsernames,
  guideRunTarget,
  offlineRecords,
  RECORD_STEPS,
  renderExport,
  type ExportResult,
} from '../../../cli/export.js';
import { runModeOf, writesNothing } from '../../../cli/run/mode.js';
import { endIfCut, endWithOutcome, outcomeOf } from '../../../cli/run/outcome.js';
import { runPipeline, type PipelineRun } from '../../../cli/run/pipeline.js';
import { updateConsent } from '../../../cli/update-consent.js';
import type { PrerequisiteCheck } from '../../../guide/prerequisites.js';
import { ringCentralPlatform, type RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import type { ValidationSummary } from '../../../model/component.js';
import { EXIT } from '../../../model/exit-codes.js';
import type { GuideChoices } from '../../../steps/guide-inputs.js';
import { guideInputs } from '../../../steps/guide-inputs.js';
import { guideDetails, scheduleGuide } from '../../../steps/index.js';
import type { StepReport } from '../../../steps/run-steps.js';
import { ringCentralTargetOf, runHandOver } from '../../../verify/hand-over.js';
import {
  NO_RETRY_WAIT,
  stillOpen,
  type PersonStep,
  type PersonStepCheck,
  type PersonStepTarget,
} from '../../../verify/person-steps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.configure');
const exportMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

export type ConfigureResult = {
  dryRun: boolean;
  /**
   * complete: every step done or unchanged; partial: some failed or were skipped (exit 68); failed: none done;
   * blocked: a prerequisite of the guide is missing (exit 78), nothing written (a dry run still shows the plan).
   */
  outcome: 'complete' | 'partial' | 'failed' | 'blocked';
  environment: RingCentralEnvironment | 'custom';
  server: string;
  steps: StepReport[];
  /** What the guide presumes, checked before anything is written: each met or missing, with what to do and its Setup URL. */
  prerequisites: PrerequisiteCheck[];
  /** What only a person can do and is not done yet (open, or not-checked with the reason), in the order to do them. */
  nextSteps: PersonStep[];
  /** Every step only a person can do, done ones included, each with its state (open, done, not-checked). */
  personSteps: PersonStep[];
  /** With --wait: how long it waited, and whether the time ran out before every person's step was done. */
  wait?: WaitSummary;
  /** With --open: the URLs opened in the browser, in order. */
  opened?: string[];
  /** Where the previous versions of the components this run updated were saved (secrets left out). */
  backupFile?: string;
  /** With --output-dir: the source-format project written from the plan. */
  export?: ExportResult;
  /** With --validate: the check-only deploy's ID and how many components Salesforce accepted or would refuse. */
  validation?: ValidationSummary;
};

export default class Configure extends SfCommand<ConfigureResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly errorCodes = errorCodesSection([
    'success',
    'failed',
    'partial',
    'prerequisites',
    'interrupted',
    'terminated',
  ]);
  public static override readonly envVariablesSection = environmentSection([
    'RINGCENTRAL_CLIENT_SECRET',
    'ECI_CONSUMER_KEY',
    'ECI_CONSUMER_SECRET',
    'ECI_CALL_TIMEOUT_MS',
  ]);

  public static override readonly flags = {
    ...orgFlags,
    // Optional with --output-dir and --my-domain: a pipeline can export without an org.
    'target-org': Flags.optionalOrg(),
    // Checked in code (with --output-dir, without --target-org), so that a misuse is an SfError like every bad input.
    'my-domain': Flags.string({ summary: exportMessages.getMessage('flags.my-domain.summary') }),
    ...guideFlags,
    force: Flags.boolean({
      summary: messages.getMessage('flags.force.summary'),
      description: messages.getMessage('flags.force.description'),
      default: false,
    }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    'dry-run': dryRunFlag,
    validate: validateFlag,
    open: Flags.boolean({
      summary: messages.getMessage('flags.open.summary'),
      description: messages.getMessage('flags.open.description'),
      default: false,
      exclusive: ['dry-run', 'validate'],
    }),
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      min: 1,
      max: 60,
      helpValue: '<minutes>',
      exclusive: ['dry-run', 'validate'],
    }),
    ...exportFlags,
  };

  public async run(): Promise<ConfigureResult> {
    const { flags } = await this.parse(Configure);
    // Every input of every step is checked before the first call to the org.
    const choices = await guideChoicesFromFlags(flags);
    const target = guideRunTarget(flags);
    const offline = target.kind === 'offline';
    const mode = runModeOf(flags);
    const run = await runPipeline({
      command: this,
      target,
      mode,
      schedule: scheduleGuide(guideInputs(choices)).filter((s) => !offline || !RECORD_STEPS.includes(s.step.id)),
      progress: {
        kind: 'stages',
        title: messages.getMessage(writesNothing(mode) ? 'progress.TitleDryRun' : 'progress.Title'),
      },
      noPrompt: flags['no-prompt'],
      force: flags.force,
      consent: (plan) => updateConsent(plan, Boolean(choices.platform)),
      validate: { connectedAppFallback: choices.appType === 'auto' },
      exportRecords: (reports) => (offline ? offlineRecords(choices.integrationUser) : exportedRecords(reports)),
      exportUsernames,
    });
    const { result, initial } = await this.resultOf(run, choices, offline);
    logGuideReport(this, result, run.exported ? renderExport(run.exported) : []);
    endIfCut(run, result);
    await this.handOver(run, result, initial, choices, flags);
    if (result.wait?.timedOut) process.exitCode = EXIT.failed;
    endWithOutcome(outcomeOf(run.reports), result, () =>
      messages.createError('error.NothingDone', [
        run.reports
          .filter((r) => r.status === 'failed' || r.status === 'skipped')
          .map((r) => `${r.title}: ${r.reason ?? r.status}`)
          .join('\n'),
      ]),
    );
    return result;
  }

  /** The result: every task of the guide, and (unless the run was cut short) what only a person can still do. */
  private async resultOf(
    run: PipelineRun,
    choices: GuideChoices,
    offline: boolean,
  ): Promise<{ result: ConfigureResult; initial: PersonStepCheck[] }> {
    const steps = run.blocked ? run.reports : everyGuideStep(run.reports, offline);
    const platform =
      guideDetails(run.reports, 'ringcentral-auth-provider')?.platform ??
      choices.platform ??
      ringCentralPlatform('production');
    const checked =
      run.blocked || run.stoppedBy
        ? { personSteps: [], initial: [] }
        : await checkHandOver(runHandOver(steps, run.dryRun), this.personStepTarget(run, steps, choices), run.dryRun);
    const result: ConfigureResult = {
      dryRun: run.dryRun,
      outcome: run.blocked ? 'blocked' : outcomeOf(run.reports),
      environment: platform.environment,
      server: platform.server,
      steps,
      prerequisites: run.prerequisites,
      nextSteps: stillOpen(checked.personSteps),
      personSteps: checked.personSteps,
      ...(run.backupFile ? { backupFile: run.backupFile } : {}),
      ...(run.exported ? { export: run.exported } : {}),
      ...(run.validation ? { validation: run.validation } : {}),
    };
    return { result, initial: checked.initial };
  }

  private personStepTarget(run: PipelineRun, steps: readonly StepReport[], choices: GuideChoices): PersonStepTarget {
    return {
      org: run.ctx.org,
      ringCentral: ringCentralTargetOf(steps, choices.clientId),
      appChangedAt: run.startedAt,
      ringCentralOptions: NO_RETRY_WAIT,
    };
  }

  /** --open and --wait, on the person's steps the result lists. */
  private async handOver(
    run: PipelineRun,
    result: ConfigureResult,
    initial: PersonStepCheck[],
    choices: GuideChoices,
    flags: { open: boolean; wait?: number },
  ): Promise<void> {
    if (!flags.open && flags.wait === undefined) return;
    const target = this.personStepTarget(run, result.steps, choices);
    const handed = await openAndWait(this, {
      personSteps: result.personSteps,
      initial,
      target,
      open: flags.open,
      wait: flags.wait,
    });
    result.personSteps = handed.personSteps;
    result.nextSteps = stillOpen(handed.personSteps);
    if (handed.wait) result.wait = handed.wait;
    if (handed.opened) result.opened = handed.opened;
  }
}
