import { Messages } from '@salesforce/core';
import { explainRefusal, METADATA_BATCH_SIZE, writeOnceFields, writtenByDeploy } from '../org/platform-rules.js';
import type { OrgPort, WriteOutcome } from '../org/port.js';
import { diffFields } from './diff.js';
import type {
  ComponentResult,
  CurrentState,
  DesiredComponent,
  MetadataComponent,
  PlanItem,
  RecordComponent,
} from '../model/component.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'engine');

/** What the engine needs of the org: reads for planning, writes for applying. */
export type EngineOrg = Pick<
  OrgPort,
  'readMetadata' | 'readRecords' | 'upsertMetadata' | 'upsertRecord' | 'deployMetadata'
>;

export type ProgressEvent = { component: DesiredComponent; status: ComponentResult['status'] };

const typeOf = (c: DesiredComponent): string => (c.kind === 'metadata' ? c.type : c.sobject);
const nameOf = (c: DesiredComponent): string => (c.kind === 'metadata' ? c.fullName : c.name);

/** Reads the org (all components at once, batched by the org layer) and diffs each with its desired state. */
export async function plan(components: readonly DesiredComponent[], org: EngineOrg): Promise<PlanItem[]> {
  const metadata = components.filter((c): c is MetadataComponent => c.kind === 'metadata');
  const records = components.filter((c): c is RecordComponent => c.kind === 'record');
  const [metadataStates, recordStates] = await Promise.all([
    metadata.length ? org.readMetadata(metadata) : Promise.resolve([]),
    records.length ? org.readRecords(records) : Promise.resolve([]),
  ]);
  const states = new Map<DesiredComponent, CurrentState>();
  metadata.forEach((c, i) => states.set(c, metadataStates[i]));
  records.forEach((c, i) => states.set(c, recordStates[i]));

  return components.map((component) => {
    const current = states.get(component) ?? { exists: false };
    if (!current.exists) return { component, current, action: 'create', changes: diffFields(component.fields, {}) };
    const changes = diffFields(component.fields, current.fields, [
      ...writeOnceFields(typeOf(component)),
      ...(component.createOnlyFields ?? []),
    ]);
    return { component, current, action: changes.length ? 'update' : 'unchanged', changes };
  });
}

function result(item: PlanItem, status: ComponentResult['status'], error?: ComponentResult['error']): ComponentResult {
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
 * A plan of creations made without reading the org: what a dry run knows cannot exist yet (the assignments of a user
 * or guest user the same run would create). The plan seam sees it as any plan; the answer is its planned results.
 */
export function planCreations(
  components: readonly DesiredComponent[],
  onPlan?: (items: readonly PlanItem[]) => void,
): ComponentResult[] {
  const items = components.map(
    (component): PlanItem => ({ component, current: { exists: false }, action: 'create', changes: [] }),
  );
  onPlan?.(items);
  return planResults(items);
}

/** The plan as results, without writing: `planned` for what would change. */
export function planResults(items: readonly PlanItem[]): ComponentResult[] {
  return items.map((item) => result(item, item.action === 'unchanged' ? 'unchanged' : 'planned'));
}

/**
 * Writes what the plan says, in order: consecutive metadata components of one type go in one call
 * (≤10); consecutive components of types the platform takes only by deploy (the External Client App family) go in
 * one deploy, whatever their types. Nothing is written for unchanged components. Once a write fails, the components after it are
 * skipped: they may depend on it (a named credential on its auth provider), and a re-run finishes them.
 */
export async function apply(
  items: readonly PlanItem[],
  org: EngineOrg,
  onProgress?: (event: ProgressEvent) => void,
): Promise<ComponentResult[]> {
  const results = new Map<PlanItem, ComponentResult>();
  let failure: string | undefined;
  for (const batch of batches(items)) {
    if (failure) {
      batch.forEach((item) => results.set(item, result(item, 'skipped', { message: failure! })));
      continue;
    }
    const first = batch[0].component;
    const metadataItems = (): Array<{ component: MetadataComponent; current: CurrentState }> =>
      batch.map((item) => ({ component: item.component as MetadataComponent, current: item.current }));
    const outcomes: WriteOutcome[] =
      first.kind === 'record'
        ? [await org.upsertRecord(first, batch[0].current)]
        : writtenByDeploy(first.type)
          ? await org.deployMetadata(metadataItems())
          : await org.upsertMetadata(first.type, metadataItems());
    batch.forEach((item, i) => {
      const r = outcomeResult(item, outcomes[i]);
      if (r.status === 'failed')
        failure ??= messages.getMessage('skipped.AfterFailure', [item.component.label, nameOf(item.component)]);
      results.set(item, r);
      onProgress?.({ component: item.component, status: r.status });
    });
  }
  return items.map((item) => results.get(item) ?? result(item, 'unchanged'));
}

/** A write's outcome as a result, with the refusal catalogue applied: a refusal that means "already done" is unchanged. */
function outcomeResult(item: PlanItem, outcome: WriteOutcome): ComponentResult {
  if (outcome.success) return result(item, outcome.created ? 'created' : 'updated');
  // Rolled back with the deploy it was part of: not refused itself, so not attempted in effect.
  if (outcome.notSaved) return result(item, 'skipped', { message: outcome.message });
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
 * Groups the items that need a write into calls: same metadata type in a row, ≤10; types written by deploy in a row,
 * one deploy; records one by one.
 */
function batches(items: readonly PlanItem[]): PlanItem[][] {
  const out: PlanItem[][] = [];
  const byDeploy = (c: DesiredComponent): boolean => c.kind === 'metadata' && writtenByDeploy(c.type);
  for (const item of items) {
    if (item.action === 'unchanged') continue;
    const last = out.at(-1);
    const c = item.component;
    const head = last?.[0].component;
    const sameCall =
      head !== undefined &&
      c.kind === 'metadata' &&
      head.kind === 'metadata' &&
      (byDeploy(c) ? byDeploy(head) : !byDeploy(head) && head.type === c.type && last!.length < METADATA_BATCH_SIZE);
    if (sameCall) last!.push(item);
    else out.push([item]);
  }
  return out;
}

export type RunOptions = {
  dryRun: boolean;
  /** Called between plan and apply, e.g. to ask for a secret that only a create needs. May replace components. */
  prepare?: (items: PlanItem[]) => Promise<void>;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Called with the plan once it is made (and `prepare` has run, outside a dry run), before anything is written:
   * what a caller needs to check the plan with Salesforce (a check-only deploy) or to write it as source files.
   */
  onPlan?: (items: readonly PlanItem[]) => void;
};

/** Plan, then (unless a dry run) apply: the one path every step command and `configure` take. */
export async function run(
  components: readonly DesiredComponent[],
  org: EngineOrg,
  options: RunOptions,
): Promise<ComponentResult[]> {
  const items = await plan(components, org);
  if (options.dryRun) {
    options.onPlan?.(items);
    return planResults(items);
  }
  await options.prepare?.(items);
  options.onPlan?.(items);
  return apply(items, org, options.onProgress);
}
