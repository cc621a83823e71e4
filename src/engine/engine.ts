import { writeOnceFields } from '../org/platform-rules.js';
import type { OrgPort } from '../org/port.js';
import { diffFields } from './diff.js';
import type {
  ComponentResult,
  CurrentState,
  DesiredComponent,
  MetadataComponent,
  PlanItem,
  RecordComponent,
} from '../model/component.js';
import { apply, result, typeOf, type ApplyOrg, type ProgressEvent } from './apply.js';

export { apply, type ProgressEvent };

/** What the engine needs of the org: reads for planning, writes for applying. */
export type EngineOrg = Pick<OrgPort, 'readMetadata' | 'readRecords'> & ApplyOrg;

/** What a caller already knows of some components (see RunOptions.known): they are not read. */
export type KnownStates = ReadonlyMap<DesiredComponent, CurrentState>;

/** Reads the org (all components at once, batched by the org layer) and diffs each with its desired state. */
export async function plan(
  components: readonly DesiredComponent[],
  org: EngineOrg,
  known: KnownStates = new Map(),
): Promise<PlanItem[]> {
  const toRead = components.filter((c) => !known.has(c));
  const metadata = toRead.filter((c): c is MetadataComponent => c.kind === 'metadata');
  const records = toRead.filter((c): c is RecordComponent => c.kind === 'record');
  const [metadataStates, recordStates] = await Promise.all([
    metadata.length ? org.readMetadata(metadata) : Promise.resolve([]),
    records.length ? org.readRecords(records) : Promise.resolve([]),
  ]);
  const states = new Map<DesiredComponent, CurrentState>(known);
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
  /**
   * What the caller already knows of some components, so they are not read: records it read with others in one query
   * (all of a user's assignments), or that cannot exist yet (the assignments of a user this run just created).
   */
  known?: KnownStates;
};

/** Plan, then (unless a dry run) apply: the one path every step command and `configure` take. */
export async function run(
  components: readonly DesiredComponent[],
  org: EngineOrg,
  options: RunOptions,
): Promise<ComponentResult[]> {
  const items = await plan(components, org, options.known);
  if (options.dryRun) {
    options.onPlan?.(items);
    return planResults(items);
  }
  await options.prepare?.(items);
  options.onPlan?.(items);
  return apply(items, org, options.onProgress);
}
