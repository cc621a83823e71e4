import type { FieldChange, Fields } from '../model/component.js';
import { isFields, mergeValue, renderValue, satisfies } from '../model/fields.js';
import { Secret } from '../model/secret.js';

/**
 * The fields that differ, as the admin will read them (the merge policy is model/fields.ts). Write-once fields
 * (secrets, keys) are never compared: the platform does not return them readably. `ignore` holds their dotted paths.
 */
export function diffFields(
  desired: Fields,
  current: Fields,
  ignore: readonly string[] = [],
  prefix = '',
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [name, want] of Object.entries(desired)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (ignore.includes(path) || want instanceof Secret) continue;
    const have = current[name];
    if (isFields(want) && isFields(have)) {
      changes.push(...diffFields(want, have, ignore, path));
    } else if (!satisfies(want, have)) {
      changes.push({
        field: path,
        ...(have === undefined ? {} : { current: renderValue(have) }),
        desired: renderValue(mergeValue(have, want)),
      });
    }
  }
  return changes;
}
