import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { PrerequisiteCheck } from '../guide/prerequisites.js';
import { ringCentralPlatform, type RingCentralEnvironment } from '../guide/ringcentral-environment.js';
import type { ValidationSummary } from '../model/component.js';
import type { GuideChoices } from '../steps/guide-inputs.js';
import { guideDetails } from '../steps/index.js';
import type { StepReport } from '../steps/run-steps.js';
import { ringCentralTargetOf, runHandOver } from '../verify/hand-over.js';
import { refreshedFrom, withRefreshSteps } from '../verify/refresh.js';
import {
  NO_RETRY_WAIT,
  stillOpen,
  type PersonStep,
  type PersonStepCheck,
  type PersonStepTarget,
} from '../verify/person-steps.js';
import type { ExportResult } from './export.js';
import { everyGuideStep } from './guide-report.js';
import { checkHandOver, openAndWait, type WaitSummary } from './hand-over.js';
import { outcomeOf } from './run/outcome.js';
import type { PipelineRun } from './run/pipeline.js';

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
  /** A refreshed sandbox: the other org's My Domain its ECI URLs pointed at before this run moved them here. */
  refreshedFrom?: string;
};

/** The result and the person's steps' first checks (what --wait starts from). */
export type GuideResult = { result: ConfigureResult; initial: PersonStepCheck[] };

/** The result of a run of the guide: every task, and (unless the run was cut short) what only a person can still do. */
export async function guideResult(run: PipelineRun, choices: GuideChoices, offline: boolean): Promise<GuideResult> {
  const steps = run.blocked ? run.reports : everyGuideStep(run.reports, offline);
  const platform =
    guideDetails(run.reports, 'ringcentral-auth-provider')?.platform ??
    choices.platform ??
    ringCentralPlatform('production');
  // A refreshed sandbox (its ECI URLs were on another org's My Domain): its RingCentral secret goes in again too.
  const refreshed = offline ? undefined : refreshedFrom(run.reports, run.ctx.facts.myDomainUrl);
  const handOver = runHandOver(steps, run.dryRun);
  const checked =
    run.blocked || run.stoppedBy
      ? { personSteps: [], initial: [] }
      : await checkHandOver(
          refreshed ? withRefreshSteps(handOver, run.ctx.facts.myDomainUrl) : handOver,
          { ...personStepTarget(run, steps, choices), created: createdNamedCredentials(steps) },
          run.dryRun,
        );
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
    ...(refreshed ? { refreshedFrom: refreshed } : {}),
  };
  return { result, initial: checked.initial };
}

/** The named credentials this run created (their consent cannot have been given yet). */
const createdNamedCredentials = (steps: readonly StepReport[]): Set<string> =>
  new Set(
    steps
      .flatMap((s) => s.components)
      .flatMap((c) => (c.type === 'NamedCredential' && c.status === 'created' ? [c.name] : [])),
  );

function personStepTarget(run: PipelineRun, steps: readonly StepReport[], choices: GuideChoices): PersonStepTarget {
  return {
    org: run.ctx.org,
    ringCentral: ringCentralTargetOf(steps, choices.clientId),
    appChangedAt: run.startedAt,
    ringCentralOptions: NO_RETRY_WAIT,
  };
}

/** --open and --wait, on the person's steps the result lists; the result takes what they found. */
export async function guideHandOver(
  command: SfCommand<unknown>,
  run: PipelineRun,
  { result, initial }: GuideResult,
  choices: GuideChoices,
  flags: { open: boolean; wait?: number },
): Promise<void> {
  if (!flags.open && flags.wait === undefined) return;
  const target = personStepTarget(run, result.steps, choices);
  const handed = await openAndWait(command, { personSteps: result.personSteps, initial, target, ...flags });
  result.personSteps = handed.personSteps;
  result.nextSteps = stillOpen(handed.personSteps);
  if (handed.wait) result.wait = handed.wait;
  if (handed.opened) result.opened = handed.opened;
}
