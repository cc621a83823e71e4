import { Messages, SfError } from '@salesforce/core';
import type { ComponentResult, ComponentStatus, NextStep } from '../model/component.js';
import type { OrgReads } from '../org/port.js';
import type { BoundStep, StepContext, StepInfo, StepOutcome } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'engine');

/** One guide task's outcome in a run. */
export type StepReport<Details extends object = object> = {
  id: string;
  title: string;
  /** The strongest status of its components (see stepStatus); `skipped` when it did not run. */
  status: ComponentStatus;
  /** Why the step failed or was skipped. */
  reason?: string;
  /** What to do about a failure. */
  actions?: string[];
  components: ComponentResult[];
  nextSteps: NextStep[];
  warnings: string[];
  /** The step's own facts (its StepOutcome details), e.g. the callback URL. */
  details: Details;
};

/** A step and the inputs it runs with. */
export type ScheduledStep = BoundStep;

export type RunHooks = {
  onStart?(step: StepInfo): void;
  onEnd?(step: StepInfo, report: StepReport): void;
  /** The outcome of a step that ran (its report is made from it). */
  onOutcome?(step: StepInfo, outcome: StepOutcome): void;
  /** The error a step ended with (its report says it in words): a run of one step ends with it as it is. */
  onError?(step: StepInfo, error: SfError): void;
};

/** A step's status from its components: the strongest change wins; any failure fails the step. */
export function stepStatus(components: readonly ComponentResult[]): ComponentStatus {
  const statuses = new Set(components.map((c) => c.status));
  for (const s of ['failed', 'skipped', 'created', 'updated', 'planned'] as const) {
    if (statuses.has(s)) return s === 'skipped' ? 'failed' : s;
  }
  return 'unchanged';
}

/**
 * Runs steps in dependency order, each as soon as the steps it depends on are done, so independent steps run in
 * parallel. A step whose dependency failed or was skipped is skipped with the reason; the others go on, so one
 * refused component never stops the rest of the guide and a re-run finishes what is left.
 */
export async function runGuideSteps(
  scheduled: readonly ScheduledStep[],
  ctx: StepContext,
  hooks: RunHooks = {},
): Promise<StepReport[]> {
  const ids = new Set(scheduled.map((s) => s.step.id));
  const running = new Map<string, Promise<StepReport>>();
  const waiting = new Set(ids);
  const afterWrite = readAhead(scheduled, waiting, ctx);

  const runOne = async ({ step, execute }: ScheduledStep): Promise<StepReport> => {
    // Dependencies outside this run (a subset of steps) are taken as done: the step itself checks the org.
    const deps = await Promise.all(step.dependsOn.filter((d) => ids.has(d)).map((d) => running.get(d)!));
    const blocker = deps.find((d) => d.status === 'failed' || d.status === 'skipped');
    let report: StepReport;
    if (blocker) {
      report = {
        ...empty(step),
        status: 'skipped',
        reason: messages.getMessage('skipped.DependencyFailed', [blocker.title]),
      };
    } else {
      waiting.delete(step.id);
      hooks.onStart?.(step);
      // A dry run writes nothing, so a dependent step must be told what its dependencies would have made.
      const dependenciesToCreate = deps
        .filter((d) => d.status === 'planned' && d.components.some((c) => c.action === 'create'))
        .map((d) => d.id);
      const onProgress: StepContext['onProgress'] = (event) => {
        ctx.onProgress?.(event);
        afterWrite();
      };
      try {
        const outcome = await execute({
          ...ctx,
          onProgress,
          ...(dependenciesToCreate.length ? { dependenciesToCreate } : {}),
        });
        hooks.onOutcome?.(step, outcome);
        const status = stepStatus(outcome.components);
        const failed = outcome.components.find((c) => c.status === 'failed');
        report = {
          id: step.id,
          title: step.title,
          status,
          ...(failed ? { reason: `${failed.type} ${failed.name}: ${failed.error?.message ?? 'failed'}` } : {}),
          ...(failed?.error?.actions ? { actions: failed.error.actions } : {}),
          components: outcome.components,
          nextSteps: outcome.nextSteps,
          warnings: outcome.warnings,
          details: outcome.details,
        };
      } catch (error) {
        const e: SfError = error instanceof SfError ? (error as SfError) : SfError.wrap(error);
        hooks.onError?.(step, e);
        report = {
          ...empty(step),
          status: 'failed',
          reason: e.message,
          ...(e.actions?.length ? { actions: e.actions } : {}),
        };
      }
    }
    hooks.onEnd?.(step, report);
    return report;
  };

  // Schedule in the given order; dependencies listed later still work because each step awaits their promises.
  const ordered = topologicalOrder(scheduled);
  for (const s of ordered) running.set(s.step.id, runOne(s));
  const reports = await Promise.all(ordered.map((s) => running.get(s.step.id)!));
  waiting.clear();
  const byId = new Map(reports.map((r) => [r.id, r]));
  return scheduled.map((s) => byId.get(s.step.id)!);
}

/**
 * When a write lands, the reads of the steps still waiting are sent at once (one read phase, OrgPort.readPhase): what a
 * write changed and a later step needs (the guest user the site makes) goes out beside the writing step's own reads,
 * in one round, instead of after it. Writes answered in the same turn make one read phase.
 */
function readAhead(scheduled: readonly ScheduledStep[], waiting: ReadonlySet<string>, ctx: StepContext): () => void {
  let queued = false;
  // Asked anew each round of the phase: a step that has started since reads for itself.
  const declare = async (reader: OrgReads): Promise<void> => {
    await Promise.allSettled(
      scheduled.filter((s) => waiting.has(s.step.id) && s.reads).map((s) => s.reads!(ctx.facts, reader)),
    );
  };
  return () => {
    if (queued) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      if (scheduled.some((s) => waiting.has(s.step.id) && s.reads)) void ctx.org.readPhase(declare);
    });
  };
}

function empty(step: StepInfo): Omit<StepReport, 'status'> {
  return { id: step.id, title: step.title, components: [], nextSteps: [], warnings: [], details: {} };
}

/** Steps ordered so that each comes after the steps it depends on; a cycle is a programming error. */
export function topologicalOrder(scheduled: readonly ScheduledStep[]): ScheduledStep[] {
  const byId = new Map(scheduled.map((s) => [s.step.id, s]));
  const out: ScheduledStep[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: ScheduledStep): void => {
    const seen = state.get(s.step.id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new SfError(`Steps depend on each other in a cycle at ${s.step.id}.`);
    state.set(s.step.id, 'visiting');
    s.step.dependsOn.forEach((d) => byId.has(d) && visit(byId.get(d)!));
    state.set(s.step.id, 'done');
    out.push(s);
  };
  scheduled.forEach(visit);
  return out;
}
