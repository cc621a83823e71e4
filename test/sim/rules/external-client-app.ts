/*
 * What the parts of an External Client App share (FACTS §2): each settings or policies component names its app in
 * externalClientApplication, which must exist; an app has at most one component of each part type.
 */
import { err } from '../metadata-store.js';
import type { ComponentError, SimState } from '../types.js';
import type { MetadataRecord } from '../validate.js';

export function checkAppPart(state: SimState, type: string, fullName: string, incoming: MetadataRecord): ComponentError[] {
  const app = String(incoming.externalClientApplication ?? '');
  if (!state.metadata.get('ExternalClientApplication', app)) {
    return [err('FIELD_INTEGRITY_EXCEPTION', `In field: externalClientApplication - no ExternalClientApplication named ${app} found`, ['externalClientApplication'])];
  }
  const other = state.metadata
    .list(type)
    .find((c) => String(c.record.externalClientApplication).toLowerCase() === app.toLowerCase() && c.fullName.toLowerCase() !== fullName.toLowerCase());
  if (other) return [err('DUPLICATE_VALUE', `The external client app ${app} already has a ${type}: ${other.fullName}`, ['externalClientApplication'])];
  return [];
}

/** Names in a comma-separated list, trimmed. */
export const commaList = (v: unknown): string[] =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
