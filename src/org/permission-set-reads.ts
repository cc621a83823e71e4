import { parseQualifiedName, type PermissionSetRef } from '../model/permission-set.js';
import type { OrgReads } from './port.js';
import { soqlList, soqlLiteral } from './soql.js';

/** Reads about permission sets, through OrgReads. Profile-owned permission sets are never candidates. */

type PermissionSetRecord = {
  Id: string;
  Name: string;
  Label: string;
  NamespacePrefix?: string | null;
  LicenseId?: string | null;
};

const FIELDS = 'Id, Name, Label, NamespacePrefix, LicenseId';

const toRef = (r: PermissionSetRecord): PermissionSetRef => ({
  id: r.Id,
  name: r.Name,
  label: r.Label,
  ...(r.NamespacePrefix ? { namespacePrefix: r.NamespacePrefix } : {}),
  ...(r.LicenseId ? { licenseId: r.LicenseId } : {}),
});

/** Every assignable permission set with one of these labels. */
export async function permissionSetsByLabel(org: OrgReads, labels: readonly string[]): Promise<PermissionSetRef[]> {
  if (labels.length === 0) return [];
  const rows = await org.query<PermissionSetRecord>(
    `SELECT ${FIELDS} FROM PermissionSet WHERE Label IN (${soqlList(labels)}) AND IsOwnedByProfile = false`,
  );
  return rows.map(toRef);
}

/** Permission sets by API name (`Name` or `ns__Name`); the names not found are returned apart. */
export async function permissionSetsByName(
  org: OrgReads,
  names: readonly string[],
): Promise<{ found: PermissionSetRef[]; missing: string[] }> {
  if (names.length === 0) return { found: [], missing: [] };
  const parsed = names.map((n) => ({ given: n, ...parseQualifiedName(n) }));
  const rows = await org.query<PermissionSetRecord>(
    `SELECT ${FIELDS} FROM PermissionSet WHERE Name IN (${soqlList([...new Set(parsed.map((p) => p.name))])}) AND IsOwnedByProfile = false`,
  );
  const found: PermissionSetRef[] = [];
  const missing: string[] = [];
  for (const p of parsed) {
    const ns = (p.namespacePrefix ?? '').toLowerCase();
    // A name without namespace may still be a packaged set's; with exactly one match it is unambiguous.
    const matches = rows.filter(
      (r) =>
        r.Name.toLowerCase() === p.name.toLowerCase() &&
        (!p.namespacePrefix || (r.NamespacePrefix ?? '').toLowerCase() === ns),
    );
    const exact = matches.filter((r) => (r.NamespacePrefix ?? '').toLowerCase() === ns);
    const pick = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
    if (pick) found.push(toRef(pick));
    else missing.push(p.given);
  }
  return { found, missing };
}

/** The ids of the permission sets a user has: assigned ones and the one its profile owns. */
export async function assignedPermissionSetIds(org: OrgReads, userId: string): Promise<string[]> {
  const rows = await org.query<{ PermissionSetId: string }>(
    `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlLiteral(userId)}`,
  );
  return rows.map((r) => r.PermissionSetId);
}

export async function profilePermissionSetId(org: OrgReads, profileId: string): Promise<string | undefined> {
  const rows = await org.query<{ Id: string }>(
    `SELECT Id FROM PermissionSet WHERE ProfileId = ${soqlLiteral(profileId)} AND IsOwnedByProfile = true`,
  );
  return rows[0]?.Id;
}

/** Which of these permission sets grant "API Enabled", and which grant read access to an object. */
export async function grants(
  org: OrgReads,
  permissionSetIds: readonly string[],
  sobject: string,
): Promise<{ apiEnabled: boolean; objectRead: boolean }> {
  const ids = [...new Set(permissionSetIds)];
  if (ids.length === 0) return { apiEnabled: false, objectRead: false };
  const list = soqlList(ids);
  const [api, obj] = await Promise.all([
    org.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Id IN (${list}) AND PermissionsApiEnabled = true`),
    org.query<{ Id: string }>(
      `SELECT Id FROM ObjectPermissions WHERE ParentId IN (${list}) AND SobjectType = ${soqlLiteral(sobject)} AND PermissionsRead = true`,
    ),
  ]);
  return { apiEnabled: api.length > 0, objectRead: obj.length > 0 };
}
