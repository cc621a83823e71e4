import { Messages } from '@salesforce/core';
import type { FieldChange } from '../model/component.js';
import type { StepReport } from '../steps/run-steps.js';
import type { ConsentRequest } from './run/consent.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'update-consent');

/** An update of an existing component that a run would make, field by field (old → new). */
export type PendingUpdate = { step: string; type: string; name: string; changes: FieldChange[] };

/**
 * The updates of existing components in a plan: every one needs the admin's consent, whatever the flags say. A flag
 * given on every CI run (--server, --environment, --client-id) is no consent to overwrite what the admin edited since:
 * a changed client id, endpoint or server is drift like any other, shown old → new.
 */
export function updatesNeedingConsent(plan: readonly StepReport[]): PendingUpdate[] {
  return plan.flatMap((report) =>
    report.components
      .filter((c) => c.action === 'update')
      .map((c) => ({ step: report.title, type: c.type, name: c.name, changes: c.changes })),
  );
}

/** The updates as the admin reads them: one line per component, then old → new per field. */
export function renderUpdates(updates: readonly PendingUpdate[]): string[] {
  return updates.flatMap((u) => [
    `  ${u.type} ${u.name} (${u.step})`,
    ...u.changes.map((c) => `      ${c.field}: ${c.current ?? '(not set)'} → ${c.desired}`),
  ]);
}

/** The yes a plan with updates needs, listing each field's old → new (the plan pass's reports). */
export function updateConsent(plan: readonly StepReport[]): ConsentRequest {
  const pending = updatesNeedingConsent(plan);
  const list = renderUpdates(pending);
  return {
    pending: pending.length,
    shown: [messages.getMessage('consent.Heading'), ...list],
    question: messages.getMessage('consent.Question', [pending.length]),
    declined: () => messages.createError('error.UpdatesDeclined'),
    needsForce: () =>
      messages.createError('error.UpdatesNeedForce', [pending.length, list.join('\n')]).setData({ updates: pending }),
  };
}
