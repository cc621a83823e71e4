/**
 * How a guide permission set is chosen among the org's permission sets with its label. Labels are not unique
 * (an admin's clone keeps the label), so the one an installed package brings (it has a namespace) wins over
 * unpackaged ones; when that still leaves more than one, the plugin refuses to guess.
 */

export type PermissionSetRef = {
  id: string;
  /** API name, without namespace. */
  name: string;
  label: string;
  namespacePrefix?: string;
  licenseId?: string;
};

/** `ns__Name` for a packaged set, `Name` otherwise: what `--permission-set` takes. */
export function qualifiedName(set: Pick<PermissionSetRef, 'name' | 'namespacePrefix'>): string {
  return set.namespacePrefix ? `${set.namespacePrefix}__${set.name}` : set.name;
}

/** Splits `ns__Name` into namespace and name (a custom set's name has no double underscore). */
export function parseQualifiedName(value: string): { namespacePrefix?: string; name: string } {
  const at = value.indexOf('__');
  return at > 0 ? { namespacePrefix: value.slice(0, at), name: value.slice(at + 2) } : { name: value };
}

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
  return { kind: 'ambiguous', label, candidates: [...same].sort((a, b) => qualifiedName(a).localeCompare(qualifiedName(b))) };
}
