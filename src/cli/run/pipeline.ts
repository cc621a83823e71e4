import { Messages, type SfError } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { PlanCollector, validatePlans, withValidation, type ValidateOptions } from '../../engine/validate.js';
import { missingPrerequisites, type PrerequisiteCheck } from '../../guide/prerequisites.js';
import type { ValidationSummary } from '../../model/component.js';
import { runGuideSteps, type RunHooks, type StepReport } from '../../steps/run-steps.js';
import { isBadInput, type BoundStep, type StepContext, type StepOutcome } from '../../steps/step.js';
import type { SecretAccessPurpose } from '../../steps/secret-access.js';
import type { OrgReads } from '../../org/port.js';
import { writeBackup } from '../backup.js';
import { recordMadeUsers } from '../made-users.js';
import {
  offlineStepContext,
  resolveExportTarget,
  writeExport,
  type ExportResult,
  type ExportTarget,
} from '../export.js';
import { obtainConsent, type ConsentRequest } from './consent.js';
import { stoppedBeforeWrites } from './stopped.js';
import { openRunContext } from './context.js';
import { onStopSignal, type StopSignal } from './interrupt.js';
import { startRunProgress, type ProgressKind, type RunProgress } from './run-progress.js';
import type { ExportedRecord } from '../export.js';
import { writesNothing, type RunMode, type RunTarget } from './mode.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'run');

/**
 * The one run every command that plans and writes goes through:
 *   mode ► context and read phase ► prerequisites gate ► plan ► consent ► secrets ► progress ► apply | validate |
 *   export ► backup ► (the command's hand-over and outcome: hand-over.ts, outcome.ts).
 * A step command is a run of one step, `configure` a run of the guide's schedule, `teardown` a run of one task whose
 * plan deletes. Nothing is written before the plan is made and, where it changes what the admin configured, agreed to.
 */

export type RunRequest = {
  command: SfCommand<unknown>;
  target: RunTarget;
  mode: RunMode;
  schedule: readonly BoundStep[];
  progress: ProgressKind;
  noPrompt?: boolean;
  force?: boolean;
  /** Reads the command makes after the run (its hand-over's checks), declared to go with the read phase. */
  reads?: (org: OrgReads) => Promise<unknown>;
  /** What of the plan needs the admin's yes (updates, deletes); absent: the run asks nothing. */
  consent?: (plan: readonly StepReport[]) => ConsentRequest;
  validate?: ValidateOptions;
  /** What the export lists as records to make by command (an export without an org plans no records); none: none. */
  exportRecords?: (reports: readonly StepReport[]) => ExportedRecord[];
  /** The usernames the exported files may name (the site contact, the record owner): listed as org-specific. */
  exportUsernames?: (reports: readonly StepReport[]) => string[];
  /** The admin allows switching the REST secrets setting for a read of the ECI app's secret (a flag). */
  allowSecretReadViaRest?: boolean;
  /** What the setting would be turned on for (the read, by default). */
  secretAccessPurpose?: SecretAccessPurpose;
  /** What the run's choices need of the API version: an SfError before any call when it speaks an earlier one. */
  apiVersionNeeds?: ReadonlyArray<{ what: string; version: number }>;
};

export type PipelineRun = {
  ctx: StepContext;
  dryRun: boolean;
  reports: StepReport[];
  /** Each step's outcome by step id, for a command's own result fields. */
  outcomes: ReadonlyMap<string, StepOutcome>;
  /** The error each failed step ended with, by step id: a run of one step ends with it. */
  errors: ReadonlyMap<string, SfError>;
  prerequisites: PrerequisiteCheck[];
  /** A prerequisite is missing: nothing was written (a dry run still planned). */
  blocked: boolean;
  validation?: ValidationSummary;
  exported?: ExportResult;
  backupFile?: string;
  /** The signal that stopped the run, if one did. */
  stoppedBy?: StopSignal;
  startedAt: number;
};

/** The outcome of a step of the run, typed as the bound step that made it. */
export const outcomeOfStep = <D extends object>(run: PipelineRun, bound: BoundStep<D>): StepOutcome<D> | undefined =>
  run.outcomes.get(bound.step.id) as StepOutcome<D> | undefined;

/** The signal that stopped a run, and the org to tell (once connected). */
type StopState = { signal?: StopSignal; org?: StepContext['org'] };

/**
 * The run. From its first call to its last, Ctrl-C and SIGTERM stop it between calls (run/interrupt.ts): a signal
 * before anything was written ends it at once with the signal's error; one while the steps write lets the calls in
 * flight finish and the command reports what was done (outcome.ts endIfCut).
 */
export async function runPipeline(request: RunRequest): Promise<PipelineRun> {
  const stop: StopState = {};
  const release = onStopSignal((signal) => {
    stop.signal = signal;
    stop.org?.interrupt();
  });
  try {
    return await runStages(request, stop);
  } catch (error) {
    // Cut short before the steps wrote anything: the signal's error, not that of the call it stopped.
    if (stop.signal) throw stoppedBeforeWrites(stop.signal);
    throw error;
  } finally {
    release();
  }
}

async function runStages(request: RunRequest, stop: StopState): Promise<PipelineRun> {
  const { command, mode } = request;
  const dryRun = writesNothing(mode);
  const exportTarget = mode.outputDir !== undefined ? await resolveExportTarget(mode.outputDir) : undefined;
  const display: { progress?: RunProgress } = {};
  const ctx = await openContext(request, dryRun, display);
  stop.org = ctx.org;
  command.spinner.stop();
  const prerequisites = ctx.prerequisites ?? [];
  const run = newRun(ctx, dryRun, prerequisites);
  if (stop.signal) throw stoppedBeforeWrites(stop.signal);
  if (run.blocked) return planBlocked(request, run);

  const collector = exportTarget || mode.validate ? new PlanCollector() : undefined;
  if (!dryRun) {
    const planned = await planPass(request, ctx, collector);
    if (stop.signal) throw stoppedBeforeWrites(stop.signal);
    if (exportTarget && collector) run.exported = await exportPlan(request, exportTarget, collector, run, planned);
  } else if (collector) {
    ctx.onPlan = collector.onPlan;
    if (mode.validate) ctx.onAlternativePlan = collector.onAlternativePlan;
  }

  display.progress = await startRunProgress(
    command,
    request.progress,
    request.schedule.map((s) => s.step),
    dryRun,
  );
  try {
    run.reports = await runGuideSteps(request.schedule, ctx, collecting(run, display.progress.hooks));
    if (mode.validate && collector && !ctx.org.interrupted) await validate(request, run, collector);
  } finally {
    run.stoppedBy = stop.signal;
    display.progress.stop(run.reports);
    run.backupFile = await saveBackup(command, ctx);
    await recordMadeUsers(
      command.config.dataDir,
      ctx.facts.orgId,
      [...run.outcomes.values()].flatMap((o) => o.madeUsers ?? []),
    );
  }
  if (exportTarget && collector && dryRun) run.exported = await exportPlan(request, exportTarget, collector, run);
  return run;
}

/** Writes the previous versions of what the run changed, and says where; undefined when nothing existing changed. */
async function saveBackup(command: SfCommand<unknown>, ctx: StepContext): Promise<string | undefined> {
  const file = await writeBackup(command.config.dataDir, ctx.facts, ctx.org.previousVersions());
  if (file) command.logToStderr(messages.getMessage('info.Backup', [file]));
  return file;
}

function openContext(request: RunRequest, dryRun: boolean, display: { progress?: RunProgress }): Promise<StepContext> {
  const { target } = request;
  if (target.kind === 'offline')
    return Promise.resolve(offlineStepContext(target.myDomain, target.siteContact, target.apiVersion));
  return openRunContext(request.command, {
    org: target.org,
    apiVersion: target.apiVersion,
    dryRun,
    noPrompt: request.noPrompt,
    steps: request.schedule,
    ...(request.reads ? { reads: request.reads } : {}),
    pause: () => display.progress?.pause(),
    resume: () => display.progress?.resume(),
    allowSecretReadViaRest: request.allowSecretReadViaRest,
    ...(request.secretAccessPurpose ? { secretAccessPurpose: request.secretAccessPurpose } : {}),
    apiVersionNeeds: request.apiVersionNeeds,
  });
}

function newRun(ctx: StepContext, dryRun: boolean, prerequisites: PrerequisiteCheck[]): PipelineRun {
  return {
    ctx,
    dryRun,
    reports: [],
    outcomes: new Map(),
    errors: new Map(),
    prerequisites,
    blocked: missingPrerequisites(prerequisites).length > 0,
    startedAt: Date.now(),
  };
}

/** The runner's hooks, besides progress: each step's outcome and error are kept for the command. */
function collecting(run: PipelineRun, progress: RunHooks): RunHooks {
  return {
    ...progress,
    onOutcome: (step, outcome) => (run.outcomes as Map<string, StepOutcome>).set(step.id, outcome),
    onError: (step, error) => (run.errors as Map<string, SfError>).set(step.id, error),
  };
}

/** What the guide presumes is missing: nothing is written; a dry run still shows the plan (reads only). */
async function planBlocked(request: RunRequest, run: PipelineRun): Promise<PipelineRun> {
  if (run.dryRun) run.reports = await runGuideSteps(request.schedule, run.ctx, collecting(run, {}));
  return run;
}

/**
 * The plan (reads only, each once), then the admin's yes to what it changes, then the secrets a write will need:
 * asked now, before progress draws, in the one place that decides to ask (the context's requireSecret). A secret no
 * prompt can ask for is left to the step that needs it, which reports it while the rest of the guide goes on.
 */
async function planPass(
  request: RunRequest,
  ctx: StepContext,
  collector: PlanCollector | undefined,
): Promise<StepReport[]> {
  const needed = new Map<string, Parameters<StepContext['requireSecret']>[0]>();
  let secretAccessNeeded = false;
  const badInputs: SfError[] = [];
  const planned = await runGuideSteps(
    request.schedule,
    { ...ctx, dryRun: true, ...(collector ? { onPlan: collector.onPlan } : {}) },
    {
      onOutcome: (_step, outcome) => {
        outcome.secretsNeeded?.forEach((s) => needed.set(s.envVar, s));
        secretAccessNeeded ||= outcome.secretAccessNeeded === true;
      },
      onError: (_step, error) => isBadInput(error) && badInputs.push(error),
    },
  );
  // A flag value the org does not have stops the run here, before its first write, whichever step it is for.
  if (badInputs.length) throw badInputs[0];
  if (request.consent)
    await obtainConsent(request.command, request.consent(planned), {
      force: request.force ?? false,
      noPrompt: request.noPrompt ?? false,
    });
  // The switch of the REST secrets setting the plan needs, confirmed now (a need found later is asked when it comes).
  if (secretAccessNeeded) await ctx.secretAccess?.confirm();
  for (const intake of needed.values())
    await ctx.requireSecret(intake).catch((error: SfError) => {
      if (error.name !== 'MissingSecretError') throw error;
    });
  return planned;
}

/** Every plan of the run in ONE check-only deploy; each component gets Salesforce's answer. */
async function validate(request: RunRequest, run: PipelineRun, collector: PlanCollector): Promise<void> {
  const validation = await validatePlans(collector.items, run.ctx.org, {
    ...request.validate,
    alternatives: collector.alternatives,
  });
  run.validation = validation.summary;
  run.reports = run.reports.map((r) => ({ ...r, components: withValidation(r.components, validation) }));
}

/** The collected plan as a source-format project: of the run itself in a dry run, of the plan pass with --deploy. */
function exportPlan(
  request: RunRequest,
  target: ExportTarget,
  collector: PlanCollector,
  run: PipelineRun,
  planned?: readonly StepReport[],
): Promise<ExportResult> {
  const reports = planned ?? run.reports;
  return writeExport(target, collector, {
    facts: run.ctx.facts,
    records: request.exportRecords?.(reports) ?? [],
    apiVersion: run.ctx.org.apiVersion,
    deployed: planned !== undefined,
    usernames: request.exportUsernames?.(reports) ?? [],
  });
}
