import { Messages } from '@salesforce/core';
import type { ComponentResult, NextStep } from '../model/component.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'render');

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
