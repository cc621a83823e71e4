import { unreadableAnswer } from './answers.js';
import type { OrgReads } from './port.js';
import { soqlList, soqlLiteral } from './soql.js';

/** Reads about users and profiles, through OrgReads. */

export type UserRow = {
  id: string;
  username: string;
  name: string;
  isActive: boolean;
  profileId?: string;
  profileName?: string;
  userType?: string;
};

type UserRecord = {
  Id: string;
  Username: string;
  Name: string;
  IsActive: boolean;
  ProfileId?: string | null;
  UserType?: string | null;
  Profile?: { Name?: string | null } | null;
};

const USER_FIELDS = 'Id, Username, Name, IsActive, ProfileId, UserType, Profile.Name';

const toUser = (r: UserRecord): UserRow => ({
  id: r.Id,
  username: r.Username,
  name: r.Name,
  isActive: r.IsActive === true,
  ...(r.ProfileId ? { profileId: r.ProfileId } : {}),
  ...(r.Profile?.Name ? { profileName: r.Profile.Name } : {}),
  ...(r.UserType ? { userType: r.UserType } : {}),
});

/** Users by username (usernames compare case-insensitively), keyed by lower-cased username. */
export async function findUsersByUsername(org: OrgReads, usernames: readonly string[]): Promise<Map<string, UserRow>> {
  const unique = [...new Set(usernames.map((u) => u.toLowerCase()))];
  if (unique.length === 0) return new Map();
  const rows = await org.query<UserRecord>(`SELECT ${USER_FIELDS} FROM User WHERE Username IN (${soqlList(unique)})`);
  return new Map(rows.map((r) => [r.Username.toLowerCase(), toUser(r)]));
}

export async function findUserById(org: OrgReads, id: string): Promise<UserRow | undefined> {
  const rows = await org.query<UserRecord>(`SELECT ${USER_FIELDS} FROM User WHERE Id = ${soqlLiteral(id)}`);
  return rows[0] ? toUser(rows[0]) : undefined;
}

const LOCALE_FIELDS = ['TimeZoneSidKey', 'LocaleSidKey', 'EmailEncodingKey', 'LanguageLocaleKey'] as const;
export type UserLocale = Record<(typeof LOCALE_FIELDS)[number], string>;

/**
 * The query of a user's Id and locale settings by username: for the running user, the one read of the org facts and of
 * the locale a new user copies.
 */
export const userWithLocaleQuery = (username: string): string =>
  `SELECT Id, ${LOCALE_FIELDS.join(', ')} FROM User WHERE Username = ${soqlLiteral(username)}`;

/** The guest user of a site by the site's name (a semi-join: no earlier read of the site is needed). */
export async function findGuestUserOfSite(org: OrgReads, siteName: string): Promise<UserRow | undefined> {
  const rows = await org.query<UserRecord>(
    `SELECT ${USER_FIELDS} FROM User WHERE Id IN (SELECT GuestUserId FROM Site WHERE Name = ${soqlLiteral(siteName)})`,
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** The locale settings of a user (by username, known without asking the org), which a new user copies. */
export async function readUserLocale(org: OrgReads, username: string): Promise<UserLocale | undefined> {
  const rows = await org.query<{ Id: string } & UserLocale>(userWithLocaleQuery(username));
  const r = rows[0];
  return r ? (Object.fromEntries(LOCALE_FIELDS.map((f) => [f, r[f]])) as UserLocale) : undefined;
}

export async function findProfileByName(
  org: OrgReads,
  name: string,
): Promise<{ id: string; name: string } | undefined> {
  const rows = await org.query<{ Id: string; Name: string }>(
    `SELECT Id, Name FROM Profile WHERE Name = ${soqlLiteral(name)}`,
  );
  return rows[0] ? { id: rows[0].Id, name: rows[0].Name } : undefined;
}

/**
 * The running user's system permissions (UserPermissionAccess, API 41+: one row, the current user's, readable without
 * "View Setup"), by field name. An answer without exactly one row of booleans is not understood: an error, never
 * "has none".
 */
export async function readUserPermissions<F extends string>(
  org: OrgReads,
  fields: readonly F[],
): Promise<Record<F, boolean>> {
  const rows = await org.query<Record<string, unknown>>(`SELECT ${fields.join(', ')} FROM UserPermissionAccess`);
  const row = rows.length === 1 ? rows[0] : undefined;
  if (!row || !fields.every((f) => typeof row[f] === 'boolean'))
    throw unreadableAnswer('query UserPermissionAccess', `one row of ${fields.length} permissions expected`);
  return Object.fromEntries(fields.map((f) => [f, row[f] === true])) as Record<F, boolean>;
}
