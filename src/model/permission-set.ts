/** A permission set as the org has it, and how Salesforce names a packaged one (`ns__Name`). */

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
