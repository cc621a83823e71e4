import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';

/**
 * How a guide permission set is chosen among the org's permission sets with its label. Labels are not unique
 * (an admin's clone keeps the label), so the one an installed package brings (it has a namespace) wins over
 * unpackaged ones; when that still leaves more than one, the plugin refuses to guess.
 */

export type PermissionSetChoice =
  | { kind: 'found'; set: PermissionSetRef }
  | { kind: 'missing'; label: string }
  | { kind: 'ambiguous'; label: string; candidates: PermissionSetRef[] };

export function choosePermissionSet(label: string, candidates: readonly PermissionSetRef[]): PermissionSetChoice {
  const same = candidates.filter((c) => c.label.toLowerCase() === label.toLowerCase());
  if (same.length === 0) return { kind: 'missing', label };
  const packaged = same.filter((c) => c.namespacePrefix);
  const tier = packaged.length > 0 ? packaged : same;
  if (tier.length === 1) return { kind: 'found', set: tier[0] };
  return {
    kind: 'ambiguous',
    label,
    candidates: [...same].sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b))),
  };
}
