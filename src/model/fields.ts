import { Secret, SECRET_MASK } from './secret.js';
import type { FieldValue, Fields } from './component.js';

/**
 * How the plugin's fields compare and merge with the org's: the one place of the merge policy, used by the diff
 * (what a plan shows) and by the org layer (what an update sends).
 * - only the fields a step declares count; every other field is the admin's and is kept;
 * - a list (scopes, profiles) must contain the desired entries; entries the admin added stay.
 */

export const isFields = (v: FieldValue | undefined): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Secret);

/** Stable text of a value for comparison and display. Secrets render as a mask. */
export function renderValue(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Secret) return SECRET_MASK;
  if (Array.isArray(value)) return value.map(renderValue).join(', ');
  if (isFields(value)) {
    return `{ ${Object.keys(value)
      .sort()
      .map((k) => `${k}: ${renderValue(value[k])}`)
      .join('; ')} }`;
  }
  return String(value);
}

/** Does `current` hold everything `desired` asks for (recursively, lists as subsets)? */
export function satisfies(desired: FieldValue, current: FieldValue | undefined): boolean {
  if (current === undefined) return false;
  if (Array.isArray(desired)) {
    const have = Array.isArray(current) ? current : [current];
    return desired.every((d) => have.some((c) => satisfies(d, c)));
  }
  if (isFields(desired)) {
    return isFields(current) && Object.keys(desired).every((k) => satisfies(desired[k], current[k]));
  }
  return renderValue(desired) === renderValue(current);
}

/** The value an update writes: the desired one, with a list keeping the entries the org has. */
export function mergeValue(current: FieldValue | undefined, desired: FieldValue): FieldValue {
  if (Array.isArray(desired)) {
    const have = current === undefined ? [] : Array.isArray(current) ? current : [current];
    return [...have, ...desired.filter((d) => !have.some((c) => satisfies(d, c)))];
  }
  if (isFields(desired) && isFields(current)) return mergeFields(current, desired);
  return desired;
}

/** The component to write on update: the org's current fields with the desired ones laid over them. */
export function mergeFields(current: Fields, desired: Fields): Fields {
  const out: Fields = { ...current };
  for (const [name, want] of Object.entries(desired)) out[name] = mergeValue(current[name], want);
  return out;
}

/** A copy without the given dotted paths (e.g. `oauthConfig.consumerKey`). */
export function omitPaths(fields: Fields, paths: readonly string[]): Fields {
  const out: Fields = { ...fields };
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    if (!(head in out)) continue;
    if (rest.length === 0) delete out[head];
    else if (isFields(out[head])) out[head] = omitPaths(out[head], [rest.join('.')]);
  }
  return out;
}

/** The value at a dotted path (e.g. `oauthConfig.consumerKey`), if any. */
export function valueAt(fields: Fields, path: string): FieldValue | undefined {
  const [head, ...rest] = path.split('.');
  const value = fields[head];
  if (rest.length === 0) return value;
  return isFields(value) ? valueAt(value, rest.join('.')) : undefined;
}

/** Secrets a set of fields carries, for redacting server messages. */
export function secretsIn(fields: Fields): Secret[] {
  const found: Secret[] = [];
  const walk = (v: FieldValue): void => {
    if (v instanceof Secret) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isFields(v)) Object.values(v).forEach(walk);
  };
  Object.values(fields).forEach(walk);
  return found;
}
