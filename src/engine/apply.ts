import { Messages, SfError } from '@salesforce/core';
import { explainRefusal, METADATA_BATCH_SIZE, RECORD_COLLECTION_SIZE, writtenByDeploy } from '../org/platform-rules.js';
import type { DeleteOutcome, OrgPort, WriteOutcome } from '../org/port.js';
import type {
  ComponentResult,
  DesiredComponent,
  MetadataComponent,
  PlanItem,
  RecordComponent,
} from '../model/component.js';
import { componentKey, planItemKey } from './plan-collector.js';
import { itemsToSend } from './whole-apps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'engine');

/** What the engine needs of the org to apply a plan. */
export type ApplyOrg = Pick<
  OrgPort,
  'upsertMetadata' | 'upsertRecord' | 'deployMetadata' | 'deleteMetadata' | 'deleteByDeploy' | 'deleteRecord'
>;

export type ProgressEvent = { component: DesiredComponent; status: ComponentResult['status'] };

/**
 * After a failure: `skip-rest` skips every later component (a guide step's components depend on the ones before
 * them: a named credential on its auth provider); `skip-dependents` skips only those that name it in `after` (a
 * teardown's deletes are independent unless said otherwise, and one refused delete must not keep the rest).
 */
export type FailurePolicy = 'skip-rest' | 'skip-dependents';

export const typeOf = (c: DesiredComponent): string => (c.kind === 'metadata' ? c.type : c.sobject);
export const nameOf = (c: DesiredComponent): string => (c.kind === 'metadata' ? c.fullName : c.name);

export function result(
  item: PlanItem,
  status: ComponentResult['status'],
  error?: ComponentResult['error'],
): ComponentResult {
  return {
    type: typeOf(item.component),
    name: nameOf(item.component),
    label: item.component.label,
    action: item.action,
    status,
    changes: item.changes,
    ...(error ? { error } : {}),
  };
}

/**
 * Writes (or deletes) what the plan says, in order: consecutive metadata components of one type and action go in one
 * call (≤10); consecutive components of types the platform takes only by deploy (the External Client App family) go
 * in one deploy, whatever their types, their deletes in one destructive-changes deploy. Nothing is written for
 * unchanged components, except the rest of an External Client App one of whose parts changes (whole-apps.ts). A
 * failure skips what the failure policy says; a fault of a call (a lost answer, an expired session, Ctrl-C) is that
 * batch's outcome and nothing more is sent, so the results still say what was done. A re-run finishes the rest.
 */
export async function apply(
  items: readonly PlanItem[],
  org: ApplyOrg,
  onProgress?: (event: ProgressEvent) => void,
  policy: FailurePolicy = 'skip-rest',
): Promise<ComponentResult[]> {
  const results = new Map<PlanItem, ComponentResult>();
  const failed = new Set<string>();
  let failure: string | undefined;
  // A fault of a call (not a component's refusal): the connection, the session or Ctrl-C; nothing more is sent.
  let halted: string | undefined;
  const settle = (item: PlanItem, r: ComponentResult): void => {
    if (r.status === 'failed' || r.status === 'skipped') failed.add(planItemKey(item));
    results.set(item, r);
    onProgress?.({ component: item.component, status: r.status });
  };
  for (const batch of batches(items)) {
    if (halted !== undefined) {
      for (const item of batch) settle(item, result(item, 'skipped', { message: halted }));
      continue;
    }
    const blocked = batch.filter((item) => blockedBy(item, policy, failure, failed));
    for (const item of blocked) {
      // What depends on a skipped component is skipped too.
      failed.add(planItemKey(item));
      results.set(item, result(item, 'skipped', { message: skipReason(item, policy, failure) }));
    }
    const go = batch.filter((item) => !blocked.includes(item));
    if (go.length === 0) continue;
    const sent = await send(go, org).then(
      (outcomes) => ({ outcomes }),
      (error: unknown) => ({ fault: faultOf(error) }),
    );
    if ('fault' in sent && !sent.fault.refusal) {
      go.forEach((item) => settle(item, faultResult(item, sent.fault)));
      halted = messages.getMessage('skipped.AfterFault', [sent.fault.message]);
      continue;
    }
    // Salesforce's refusal of the whole call (a SOAP fault) is each component's refusal, read as any other.
    const outcomes = 'fault' in sent ? go.map(() => refusalOutcome(sent.fault)) : sent.outcomes;
    go.forEach((item, i) => {
      const r = outcomeResult(item, outcomes[i]);
      if (r.status === 'failed')
        failure ??= messages.getMessage('skipped.AfterFailure', [item.component.label, nameOf(item.component)]);
      settle(item, r);
    });
  }
  return items.map((item) => results.get(item) ?? result(item, 'unchanged'));
}

/** A call's fault as the org layer gives it (an SfError with its words and actions); anything else is a defect. */
type Fault = {
  name: string;
  message: string;
  actions?: string[];
  errorCode?: string;
  interrupted: boolean;
  /** The call may have changed the org: its answer was lost. */
  outcomeUnknown: boolean;
  /** Salesforce understood the call and refused it (or the user may not make it): no fault of the way there. */
  refusal: boolean;
};

function faultOf(error: unknown): Fault {
  if (!(error instanceof SfError)) throw error;
  const data = error.data as { errorCode?: string; outcomeUnknown?: boolean; fault?: string } | undefined;
  return {
    name: error.name,
    message: error.message,
    ...(error.actions?.length ? { actions: error.actions } : {}),
    ...(data?.errorCode ? { errorCode: data.errorCode } : {}),
    interrupted: data?.errorCode === 'INTERRUPTED',
    outcomeUnknown: data?.outcomeUnknown === true,
    refusal: data?.fault === 'refused' || data?.fault === 'permission',
  };
}

const refusalOutcome = (fault: Fault): WriteOutcome => ({
  success: false,
  message: fault.message,
  ...(fault.errorCode ? { statusCode: fault.errorCode } : {}),
});

/** A component that failed because its call did not get through (not because Salesforce refused it). */
export const failedByFault = (r: ComponentResult): boolean =>
  r.status === 'failed' && (r.error?.meaning === 'fault' || r.error?.meaning === 'outcome-unknown');

/** The batch a fault stopped: not sent when interrupted (skipped), else failed with the fault's words and actions. */
function faultResult(item: PlanItem, fault: Fault): ComponentResult {
  if (fault.interrupted) return result(item, 'skipped', { message: fault.message });
  return result(item, 'failed', {
    message: fault.message,
    name: fault.name,
    ...(fault.errorCode ? { statusCode: fault.errorCode } : {}),
    ...(fault.actions ? { actions: fault.actions } : {}),
    meaning: fault.outcomeUnknown ? 'outcome-unknown' : 'fault',
  });
}

const blockedBy = (item: PlanItem, policy: FailurePolicy, failure: string | undefined, failed: Set<string>): boolean =>
  policy === 'skip-rest'
    ? failure !== undefined
    : (item.after ?? []).some((a) => failed.has(componentKey(a.type, a.name)));

const skipReason = (item: PlanItem, policy: FailurePolicy, failure: string | undefined): string =>
  policy === 'skip-rest' && failure
    ? failure
    : messages.getMessage('skipped.AfterDependency', [(item.after ?? []).map((a) => `${a.type} ${a.name}`).join(', ')]);

/** One call of the batch: a deploy, a CRUD call of one type, a delete of one type, or its records (the org layer puts new
 * ones of one sObject in one call). */
function send(batch: readonly PlanItem[], org: ApplyOrg): Promise<Array<WriteOutcome | DeleteOutcome>> {
  const first = batch[0];
  const component = first.component;
  if (first.action === 'delete') {
    if (component.kind === 'record')
      return org.deleteRecord(component.sobject, component.name, first.current).then((o) => [o]);
    if (writtenByDeploy(component.type))
      return org.deleteByDeploy(
        batch.map((item) => ({
          type: typeOf(item.component),
          fullName: nameOf(item.component),
          current: item.current,
        })),
      );
    return org.deleteMetadata(
      component.type,
      batch.map((item) => ({ fullName: nameOf(item.component), current: item.current })),
    );
  }
  if (component.kind === 'record')
    return Promise.all(batch.map((item) => org.upsertRecord(item.component as RecordComponent, item.current)));
  const metadataItems = batch.map((item) => ({
    component: item.component as MetadataComponent,
    current: item.current,
  }));
  return writtenByDeploy(component.type)
    ? org.deployMetadata(metadataItems)
    : org.upsertMetadata(component.type, metadataItems);
}

/** A write's outcome as a result, with the refusal catalogue applied: a refusal that means "already done" is unchanged. */
function outcomeResult(item: PlanItem, outcome: WriteOutcome | DeleteOutcome): ComponentResult {
  // Sent only because its app deploys whole: written as it was.
  if (outcome.success && item.action === 'unchanged') return result(item, 'unchanged');
  if (outcome.success)
    return result(
      item,
      'gone' in outcome ? (outcome.gone ? 'gone' : 'deleted') : outcome.created ? 'created' : 'updated',
    );
  // Rolled back with the deploy it was part of: not refused itself, so not attempted in effect.
  if ('notSaved' in outcome && outcome.notSaved) return result(item, 'skipped', { message: outcome.message });
  const refusal = explainRefusal({
    type: typeOf(item.component),
    name: nameOf(item.component),
    statusCode: outcome.statusCode,
    message: outcome.message,
  });
  if (refusal?.meaning === 'already-done') return result(item, 'unchanged');
  return result(item, 'failed', {
    message: refusal?.message ?? outcome.message,
    ...(outcome.statusCode ? { statusCode: outcome.statusCode } : {}),
    ...(refusal?.actions?.length ? { actions: refusal.actions } : {}),
    ...(refusal?.name ? { name: refusal.name } : {}),
    ...(refusal ? { meaning: refusal.meaning } : {}),
  });
}

/**
 * Groups the items that need a call: same metadata type in a row (writes or deletes), ≤10; types written by deploy in a row,
 * one deploy; new records of one sObject in a row, together; other records one by one.
 */
function batches(items: readonly PlanItem[]): PlanItem[][] {
  const out: PlanItem[][] = [];
  const sent = new Set(itemsToSend(items));
  for (const item of items) {
    if (!sent.has(item)) continue;
    const last = out.at(-1);
    if (last && sameCall(last, item)) last.push(item);
    else out.push([item]);
  }
  return out;
}

function sameCall(batch: readonly PlanItem[], item: PlanItem): boolean {
  const head = batch[0];
  const [a, b] = [head.component, item.component];
  // New records of one sObject (a user's assignments) are independent: created together.
  if (a.kind === 'record' || b.kind === 'record')
    return (
      a.kind === 'record' &&
      b.kind === 'record' &&
      a.sobject === b.sobject &&
      head.action === 'create' &&
      item.action === 'create' &&
      batch.length < RECORD_COLLECTION_SIZE
    );
  // A create and an update go in one upsert; a delete goes only with deletes; a deploy takes its types together.
  if (a.kind !== 'metadata' || b.kind !== 'metadata' || (head.action === 'delete') !== (item.action === 'delete'))
    return false;
  if (writtenByDeploy(a.type) || writtenByDeploy(b.type)) return writtenByDeploy(a.type) && writtenByDeploy(b.type);
  return a.type === b.type && batch.length < METADATA_BATCH_SIZE;
}
