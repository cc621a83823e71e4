import { Messages } from '@salesforce/core';
import type { FieldChange } from '../model/component.js';
import type { StepReport } from '../steps/run-steps.js';
import type { ConsentRequest } from './run/consent.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'update-consent');

/** An update of an existing component that a run would make, field by field (old → new). */
export type PendingUpdate = { step: string; type: string; name: string; changes: FieldChange[] };

/**
 * Fields an explicit --environment / --server moves (the guide's "graduate" task): the RingCentral auth provider's
 * endpoints and client id, the RingCentral named credential's URL. Those updates are what the admin asked for.
 */
const PLATFORM_MOVE: Readonly<Record<string, readonly string[]>> = {
  'ringcentral-auth-provider': ['authorizeUrl', 'tokenUrl', 'userInfoUrl', 'consumerKey'],
  'ringcentral-named-credential': ['endpoint'],
};

/**
 * The updates of existing components in a plan that need the admin's consent: every one, except those the
 * plan proves are the admin's own request (a platform move asked for with --environment / --server).
 */
export function updatesNeedingConsent(plan: readonly StepReport[], platformAsked: boolean): PendingUpdate[] {
  return plan.flatMap((report) =>
    report.components
      .filter((c) => c.action === 'update')
      .filter((c) => !(platformAsked && c.changes.every((ch) => PLATFORM_MOVE[report.id]?.includes(ch.field))))
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
export function updateConsent(plan: readonly StepReport[], platformAsked: boolean): ConsentRequest {
  const pending = updatesNeedingConsent(plan, platformAsked);
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
