import { Messages } from '@salesforce/core';
import { unprovenUserError, type TeardownDetails, type TeardownItemResult } from '../teardown/task.js';
import type { TeardownKept, TeardownNotFound } from '../teardown/types.js';
import type { ConsentRequest } from './run/consent.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.teardown');

/** The removals, one line each (what, type, name, label) with Salesforce's words under a failure; what was not found. */
export function renderTeardown(
  items: readonly TeardownItemResult[],
  notFound: readonly TeardownNotFound[],
  kept: readonly TeardownKept[],
  planned: boolean,
  summary = true,
): string[] {
  const word = (r: TeardownItemResult): string =>
    r.status === 'planned'
      ? messages.getMessage('plan.will', [messages.getMessage(`action.${r.action}`)])
      : messages.getMessage(`status.${r.status}`);
  const rows = items.map((r) => [word(r), r.type, r.name, r.label]);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row[i].length)));
  const pad = (t: string, w: number): string => t + ' '.repeat(Math.max(0, w - t.length));
  const lines = [messages.getMessage(planned ? 'heading.Plan' : 'heading.Result')];
  items.forEach((r, i) => {
    lines.push(`  ${rows[i].map((cell, j) => (j < 3 ? pad(cell, widths[j]) : cell)).join('  ')}`);
    if (r.error) lines.push(`      ${r.error.statusCode ? `${r.error.statusCode}: ` : ''}${r.error.message}`);
  });
  if (items.length === 0) lines.push(`  ${messages.getMessage('info.NothingToDo')}`);
  lines.push(...keptLines(kept));
  if (!summary) return lines;
  if (notFound.length) {
    lines.push('', messages.getMessage('heading.NotFound'));
    for (const n of notFound)
      lines.push(`  ${n.type} ${n.name} (${n.label}): ${messages.getMessage(`reason.${n.reason}`)}`);
  }
  if (planned && items.length) lines.push('', messages.getMessage('info.DryRun'));
  return lines;
}

/** What the scope covers and is left in place on purpose, each with why and how to remove it anyway. */
function keptLines(kept: readonly TeardownKept[]): string[] {
  if (kept.length === 0) return [];
  return [
    '',
    messages.getMessage('heading.Kept'),
    ...kept.flatMap((k) => [`  ${k.type} ${k.name} (${k.label})`, `      ${messages.getMessage(`kept.${k.reason}`)}`]),
  ];
}

/**
 * The warnings that go with what cannot come back: deleted auth providers' URL suffixes can never be used again in this
 * org; a deleted Connected App cannot be made again since Spring '26.
 */
export function teardownWarning(items: readonly TeardownItemResult[], suffixes: readonly string[]): string | undefined {
  const warnings = [
    ...(suffixes.length ? [messages.getMessage('consent.Suffix', [suffixes.join(', ')])] : []),
    ...items
      .filter((i) => i.type === 'ConnectedApp' && i.action === 'delete')
      .map((i) => messages.getMessage('consent.ConnectedApp', [i.name])),
  ];
  return warnings.length ? warnings.join('\n') : undefined;
}

/**
 * Removing needs a yes: every removal is listed, with the suffix warning. A user the plan changes without being able
 * to show it was made for this setup is refused, whatever the answer, until the admin names it a second time.
 */
export function teardownConsent({
  items,
  notFound,
  kept,
  retiredSuffixes: suffixes,
  unprovenUser,
}: TeardownDetails): ConsentRequest {
  const lines = renderTeardown(items, notFound, kept, true, false);
  const warning = teardownWarning(items, suffixes);
  return {
    pending: items.length,
    shown: lines,
    ...(warning ? { warning } : {}),
    question: messages.getMessage('consent.Question', [items.length]),
    declined: () => messages.createError('error.Declined'),
    ...(unprovenUser ? { refusal: () => unprovenUserError(unprovenUser) } : {}),
    needsForce: () =>
      messages.createError('error.NeedsForce', [
        items.length,
        [...lines.slice(1), ...(warning ? [warning] : [])].join('\n'),
      ]),
  };
}

/** The removals that failed or were kept, each with Salesforce's words: what "nothing removed" lists. */
export function teardownProblems(items: readonly TeardownItemResult[]): string {
  return items
    .filter((c) => c.status === 'failed' || c.status === 'skipped' || c.status === 'unknown')
    .map(
      (c) =>
        `${c.type} ${c.name}: ${c.error?.statusCode ? `${c.error.statusCode}: ` : ''}${c.error?.message ?? c.status}`,
    )
    .join('\n');
}
