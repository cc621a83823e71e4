import { mergeFields, omitPaths } from '../model/fields.js';
import type { CurrentState, Fields, MetadataComponent } from '../model/component.js';
import { readOnlyFields, writeOnceFields } from './platform-rules.js';

/**
 * The fields a write sends, the same for a CRUD upsert and for a deploy: an update sends the org's current fields
 * with the desired ones laid over them (model/fields.ts mergeFields), so settings the admin made and the guide does
 * not name survive; write-once, create-only and read-only fields never go back. A create sends the desired fields.
 */
export function payloadFields(type: string, component: MetadataComponent, current: CurrentState): Fields {
  if (!current.exists) return omitPaths(component.fields, readOnlyFields(type));
  return omitPaths(mergeFields(current.fields, omitPaths(component.fields, component.createOnlyFields ?? [])), [
    ...writeOnceFields(type),
    ...readOnlyFields(type),
  ]);
}
