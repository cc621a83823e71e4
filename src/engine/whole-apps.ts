import { externalClientAppOf } from '../org/platform-rules.js';
import type { PlanItem } from '../model/component.js';

/** The External Client App a plan item belongs to, if it is one of the family. */
const appOf = (item: PlanItem): string | undefined =>
  item.component.kind === 'metadata'
    ? externalClientAppOf(item.component.type, item.component.fullName, item.component.fields)
    : undefined;

/**
 * What a plan sends to the org: what it creates, updates or deletes and, where any component of an External Client App
 * is created or updated, every component of that app the plan holds, unchanged ones too (each merged with what the org
 * has, as an update is): the platform takes an app whole, in one deploy (org/platform-rules.ts externalClientAppOf).
 */
export function itemsToSend(items: readonly PlanItem[]): PlanItem[] {
  const changed = new Set(
    items
      .filter((i) => i.action === 'create' || i.action === 'update')
      .map(appOf)
      .filter((app): app is string => app !== undefined),
  );
  return items.filter((i) => i.action !== 'unchanged' || changed.has(appOf(i) ?? ''));
}
