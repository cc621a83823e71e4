import type { CurrentState, RecordComponent } from '../model/component.js';
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

/** An assignment a user has: its record, the set, and whether the set grants "API Enabled". */
export type Assignment = { id: string; permissionSetId: string; apiEnabled: boolean };

/** A user named without its Id: by username, or as the guest user of a site. */
export type Assignee = { username: string } | { guestUserOfSite: string };

const assigneeIds = (who: Assignee): string =>
  'username' in who
    ? `SELECT Id FROM User WHERE Username = ${soqlLiteral(who.username)}`
    : `SELECT GuestUserId FROM Site WHERE Name = ${soqlLiteral(who.guestUserOfSite)}`;

/**
 * Every permission set assignment of a user (none when there is no such user yet): one query, the user found by a
 * semi-join, so it needs no earlier answer.
 */
export async function assignmentsOf(org: OrgReads, who: Assignee): Promise<Assignment[]> {
  const rows = await org.query<{
    Id: string;
    PermissionSetId: string;
    PermissionSet?: { PermissionsApiEnabled?: boolean } | null;
  }>(
    `SELECT Id, PermissionSetId, PermissionSet.PermissionsApiEnabled FROM PermissionSetAssignment WHERE AssigneeId IN (${assigneeIds(who)})`,
  );
  return rows.map((r) => ({
    id: r.Id,
    permissionSetId: r.PermissionSetId,
    apiEnabled: r.PermissionSet?.PermissionsApiEnabled === true,
  }));
}

/**
 * Where a user's permissions will come from: its profile's own set, the sets to assign (candidates by label, or by API
 * name: the chosen ones are among them), and what the user is assigned now.
 */
export type AccessSources = {
  profileName: string;
  labels?: readonly string[];
  names?: readonly string[];
  username: string;
};

/** Whether the user will have "API Enabled" and read access to an object, given the ids of the sets it is given. */
export type Access = {
  apiEnabled(chosen: ReadonlySet<string>): boolean;
  objectRead(chosen: ReadonlySet<string>): boolean;
};

/** The sets a user may get: the candidates to assign, or its profile's own. */
function candidateSets(sources: AccessSources): string {
  const chosen = sources.names?.length
    ? `Name IN (${soqlList(sources.names.map((n) => parseQualifiedName(n).name))})`
    : `Label IN (${soqlList(sources.labels ?? [])})`;
  return `(IsOwnedByProfile = false AND ${chosen}) OR (IsOwnedByProfile = true AND Profile.Name = ${soqlLiteral(sources.profileName)})`;
}

/**
 * "API Enabled" and read access to `sobject`, from every source of the user's permissions, in three queries that need
 * no earlier answer (semi-joins on the candidate sets and on the user's assignments), sent with the first round.
 */
export async function accessOf(org: OrgReads, sources: AccessSources, sobject: string): Promise<Access> {
  const grantsRead = `SobjectType = ${soqlLiteral(sobject)} AND PermissionsRead = true`;
  const [api, read, readAssigned, assigned] = await Promise.all([
    org.query<{ Id: string; IsOwnedByProfile: boolean }>(
      `SELECT Id, IsOwnedByProfile FROM PermissionSet WHERE PermissionsApiEnabled = true AND (${candidateSets(sources)})`,
    ),
    org.query<{ ParentId: string; Parent?: { IsOwnedByProfile?: boolean } | null }>(
      `SELECT ParentId, Parent.IsOwnedByProfile FROM ObjectPermissions WHERE ${grantsRead} AND ParentId IN (SELECT Id FROM PermissionSet WHERE ${candidateSets(sources)})`,
    ),
    org.query<{ ParentId: string }>(
      `SELECT ParentId FROM ObjectPermissions WHERE ${grantsRead} AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username = ${soqlLiteral(sources.username)})`,
    ),
    assignmentsOf(org, { username: sources.username }),
  ]);
  return {
    apiEnabled: (chosen) =>
      api.some((r) => r.IsOwnedByProfile || chosen.has(r.Id)) || assigned.some((a) => a.apiEnabled),
    objectRead: (chosen) =>
      read.some((r) => r.Parent?.IsOwnedByProfile === true || chosen.has(r.ParentId)) || readAssigned.length > 0,
  };
}

/** What the org has of each assignment, from all of its user's (a user this run just made has none). */
export function assignmentStates(
  assignments: readonly RecordComponent[],
  current: readonly Assignment[],
): Map<RecordComponent, CurrentState> {
  return new Map(
    assignments.map((c) => {
      const found = current.find((a) => a.permissionSetId === c.match.PermissionSetId);
      return [c, found ? { exists: true, id: found.id, fields: {} } : { exists: false }];
    }),
  );
}
