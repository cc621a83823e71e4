import { Messages } from '@salesforce/core';
import type { ComponentResult, NextStep, ValidationSummary } from '../model/component.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'render');
const validation = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - text.length));

/** How a component's status reads: in a dry run, what would happen; otherwise what happened. */
function statusWord(r: ComponentResult): string {
  if (r.status === 'planned')
    return messages.getMessage(r.action === 'create' ? 'status.WillCreate' : 'status.WillUpdate');
  return messages.getMessage(`status.${r.status}`);
}

/** One line per component, then its changed fields (current → desired) and any error, indented under it. */
export function renderComponents(
  results: readonly ComponentResult[],
  dryRun: boolean,
  options: { summary?: boolean } = {},
): string[] {
  const rows = results.map((r) => [statusWord(r), r.type, r.name, r.label]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = [messages.getMessage(dryRun ? 'heading.Plan' : 'heading.Result')];
  results.forEach((r, i) => {
    lines.push(`  ${rows[i].map((cell, j) => (j < 3 ? pad(cell, widths[j]) : cell)).join('  ')}`);
    for (const change of r.changes) {
      lines.push(
        change.current === undefined
          ? `      ${messages.getMessage('change.Set', [change.field, change.desired])}`
          : `      ${messages.getMessage('change.Changed', [change.field, change.current, change.desired])}`,
      );
    }
    if (r.error) lines.push(`      ${r.error.statusCode ? `${r.error.statusCode}: ` : ''}${r.error.message}`);
  });
  if (options.summary === false) return lines;
  if (dryRun) lines.push('', messages.getMessage('info.DryRun'));
  else if (results.length > 0 && results.every((r) => r.status === 'unchanged'))
    lines.push('', messages.getMessage('info.NothingChanged'));
  return lines;
}

/** The steps only a person can do, numbered, each with its exact URL. */
export function renderNextSteps(steps: ReadonlyArray<NextStep & { state?: string; checked?: string }>): string[] {
  if (steps.length === 0) return [];
  const lines = ['', messages.getMessage('heading.NextSteps')];
  steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.title}`);
    if (step.url) lines.push(`     ${step.url}`);
    if (step.detail) lines.push(`     ${step.detail}`);
    // A step no check could decide says why (it is listed: not checked is never done).
    if (step.state === 'not-checked' && step.checked) lines.push(`     (${step.checked})`);
  });
  return lines;
}

/** What Salesforce's check-only deploy said, one line per component the plan would write, refusals with their words. */
export function renderValidation(results: readonly ComponentResult[], summary: ValidationSummary): string[] {
  const checked = results.filter((r) => r.validation);
  const heading = summary.deployId
    ? validation.getMessage('heading.Validation', [summary.deployId])
    : validation.getMessage('heading.ValidationNoDeploy');
  if (checked.length === 0) return ['', heading, `  ${validation.getMessage('info.NothingToValidate')}`];
  const rows = checked.map((r) => [validation.getMessage(`status.${r.validation!.status}`), r.type, r.name]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = ['', heading];
  checked.forEach((r, i) => {
    lines.push(
      `  ${rows[i]
        .map((cell, j) => pad(cell, widths[j]))
        .join('  ')
        .trimEnd()}`,
    );
    const v = r.validation!;
    if (v.message)
      lines.push(`      ${v.statusCode && !v.message.startsWith(v.statusCode) ? `${v.statusCode}: ` : ''}${v.message}`);
    if (v.placeholders?.length)
      lines.push(`      ${validation.getMessage('info.Placeholder', [v.placeholders.join(', ')])}`);
  });
  if (summary.refused === 0 && summary.accepted > 0)
    lines.push('', validation.getMessage('info.AllAccepted', [String(summary.accepted)]));
  return lines;
}
