/*
 * ExternalClientApplication as an sObject (API 56.0 and later; the Object Reference says "For internal use only", yet
 * public tools query it with plain SOQL: `SELECT Id FROM ExternalClientApplication WHERE DeveloperName = …`): one
 * read-only row per External Client App header, computed from the metadata store. The Id is the header's id (`0xI…`),
 * which the Connect REST OAuth credentials resources take as the app's id.
 *
 * A new app takes a moment to appear (public notes: "allow provisioning to finish and retry"): an app made by a deploy
 * stays unseen for settings.newAppUnseenForReads reads of its row or its OAuth consumer (default 0: seen at once).
 */
import type { ObjectDef, Row } from '../records.js';
import type { SimState } from '../types.js';

/** Reads each new app (lower-case name) still stays unseen for, by org. */
const unseen = new WeakMap<SimState, Map<string, number>>();

/** A deploy made this app: it stays unseen for the org's provisioning reads. */
export function markNewApp(state: SimState, app: string): void {
  const reads = Number(state.settings.newAppUnseenForReads ?? 0);
  if (reads <= 0) return;
  if (!unseen.has(state)) unseen.set(state, new Map());
  unseen.get(state)!.set(app.toLowerCase(), reads);
}

/** Whether the app is seen by this read; a read of an unseen app counts towards its provisioning. */
export function seenNow(state: SimState, app: string): boolean {
  const left = unseen.get(state)?.get(app.toLowerCase()) ?? 0;
  if (left <= 0) return true;
  unseen.get(state)!.set(app.toLowerCase(), left - 1);
  return false;
}

export const ExternalClientApplicationObject: ObjectDef = {
  name: 'ExternalClientApplication',
  keyPrefix: '0xI',
  since: 56,
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'DeveloperName', type: 'string', createable: false },
    { name: 'MasterLabel', type: 'string', createable: false },
    { name: 'DistributionState', type: 'picklist', createable: false },
    { name: 'NamespacePrefix', type: 'string', createable: false },
    { name: 'ContactEmail', type: 'email', createable: false },
  ],
  rows: (state): Row[] =>
    state.metadata
      .list('ExternalClientApplication')
      .filter((c) => seenNow(state, c.fullName))
      .map((c) => ({
        Id: c.id,
        DeveloperName: c.fullName,
        MasterLabel: String(c.record.label ?? c.fullName),
        DistributionState: String(c.record.distributionState ?? 'Local'),
        NamespacePrefix: null,
        ContactEmail: (c.record.contactEmail as string | undefined) ?? null,
        CreatedDate: c.createdDate,
        CreatedById: c.createdById,
        LastModifiedDate: c.lastModifiedDate,
        LastModifiedById: c.lastModifiedById,
        SystemModstamp: c.lastModifiedDate,
      })),
};
