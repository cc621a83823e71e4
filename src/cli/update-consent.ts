import type { FieldChange } from '../model/component.js';
import type { StepReport } from '../steps/run-steps.js';

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
 * The updates of existing components in a plan that need the admin's consent (issue 9): every one, except those the
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
