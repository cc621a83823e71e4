import type { MetadataComponent, PlanItem } from '../model/component.js';

/** A component's key by type and name (names compare as Salesforce compares them: without case). */
export const componentKey = (type: string, name: string): string => `${type}\u0000${name.toLowerCase()}`;

/** A plan item's componentKey. */
export const planItemKey = (item: PlanItem): string =>
  item.component.kind === 'metadata'
    ? componentKey(item.component.type, item.component.fullName)
    : componentKey(item.component.sobject, item.component.name);

/** A metadata item the plan would write. */
export type MetadataToWrite = PlanItem & { component: MetadataComponent; action: 'create' | 'update' };

/**
 * Collects every plan of a run (the StepContext's onPlan), for what looks at the whole plan before or instead of
 * writing it: --validate's check-only deploy and --output-dir's source files. A component planned twice counts once,
 * as last planned.
 */
export class PlanCollector {
  readonly #items = new Map<string, PlanItem>();
  readonly #alternatives = new Map<string, readonly PlanItem[]>();

  public readonly onPlan = (items: readonly PlanItem[]): void => {
    for (const item of items) this.#items.set(planItemKey(item), item);
  };

  /** What a real run would write instead of a component when Salesforce refuses it (see StepContext.onAlternativePlan). */
  public readonly onAlternativePlan = (instead: { type: string; name: string }, items: readonly PlanItem[]): void => {
    this.#alternatives.set(componentKey(instead.type, instead.name), items);
  };

  /** The alternatives by the componentKey of the component they stand in for. */
  public get alternatives(): ReadonlyMap<string, readonly PlanItem[]> {
    return this.#alternatives;
  }

  public get items(): PlanItem[] {
    return [...this.#items.values()];
  }

  /** The metadata to write: what the plan creates or updates. */
  public get metadata(): MetadataToWrite[] {
    return this.items.filter((i): i is MetadataToWrite => i.component.kind === 'metadata' && i.action !== 'unchanged');
  }
}
