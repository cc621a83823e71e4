import { Messages } from '@salesforce/core';
import type { PrerequisiteCheck } from '../guide/prerequisites.js';
import type { ValidationSummary } from '../model/component.js';
import { GUIDE_ORDER, guideStep } from '../steps/index.js';
import type { StepReport } from '../steps/run-steps.js';
import { renderChecklist } from './prerequisites.js';
import { renderComponents, renderNextSteps, renderValidation } from './render.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.configure');
const exportMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/**
 * Every task of the guide in the guide's order: the reports of the ones that ran; the ones that did not, skipped with
 * the reason (only the integration user's step can be without inputs; an export without an org plans no records).
 */
export function everyGuideStep(reports: readonly StepReport[], offline: boolean): StepReport[] {
  return GUIDE_ORDER.map(
    (id): StepReport =>
      reports.find((r) => r.id === id) ?? {
        ...{ id, title: guideStep(id).title, components: [], nextSteps: [], warnings: [], details: {} },
        status: 'skipped',
        reason: offline
          ? exportMessages.getMessage('skipped.Offline')
          : messages.getMessage('skipped.NoIntegrationUser'),
      },
  );
}

/** What the report of a run of the guide shows. */
export type GuideReport = {
  dryRun: boolean;
  outcome: 'complete' | 'partial' | 'failed' | 'blocked';
  steps: readonly StepReport[];
  nextSteps: ReadonlyArray<Parameters<typeof renderNextSteps>[0][number]>;
  prerequisites: readonly PrerequisiteCheck[];
  validation?: ValidationSummary;
};

/**
 * Each task with its components, reason and actions (a warning two tasks share, the retiring sandbox, said once), then
 * the export's lines. A run a missing prerequisite stopped shows the checklist (after the plan, in a dry run).
 */
export function logGuideReport(
  out: { log(t: string): void; warn(t: string): void },
  report: GuideReport,
  exported: readonly string[] = [],
): void {
  const blocked = report.outcome === 'blocked';
  if (!blocked || report.dryRun) logSteps(out, report);
  if (exported.length) out.log(['', ...exported].join('\n'));
  if (blocked) out.log([...(report.dryRun ? [''] : []), ...renderChecklist(report.prerequisites)].join('\n'));
}

function logSteps(out: { log(t: string): void; warn(t: string): void }, report: GuideReport): void {
  const warned = new Set<string>();
  for (const step of report.steps) {
    out.log(`\n${messages.getMessage('heading.Step', [step.title, messages.getMessage(`status.${step.status}`)])}`);
    step.warnings.filter((w) => !warned.has(w)).forEach((w) => warned.add(w) && out.warn(w));
    if (step.components.length)
      out.log(renderComponents(step.components, report.dryRun, { summary: false }).slice(1).join('\n'));
    if (step.reason && (step.status === 'failed' || step.status === 'skipped')) out.log(`  ${step.reason}`);
    step.actions?.forEach((a) => out.log(`  → ${a}`));
  }
  if (report.validation)
    out.log(
      renderValidation(
        report.steps.flatMap((s) => s.components),
        report.validation,
      ).join('\n'),
    );
  else
    out.log(
      `\n${messages.getMessage(`outcome.${report.outcome === 'blocked' || !report.dryRun ? report.outcome : 'dryRun'}`)}`,
    );
  out.log(renderNextSteps(report.nextSteps).join('\n'));
}
