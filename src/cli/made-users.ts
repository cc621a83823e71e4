import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MadeUser } from '../steps/step.js';

/**
 * The plugin's own record of the users it created, per org, under the CLI's data folder
 * (`<data dir>/eci-ringcentral/made-users/<org id>.json`): ids and usernames only, nothing secret. Teardown takes a
 * user listed here (with the guide's profile and permission set) as made for this setup; any other user it only
 * touches when the admin names it a second time.
 */
export type MadeUserRecord = MadeUser & { createdAt: string };

const fileOf = (dataDir: string, orgId: string): string =>
  join(dataDir, 'eci-ringcentral', 'made-users', `${orgId.replace(/[^\w-]/g, '_')}.json`);

/** The users recorded for this org; none when there is no record (another machine, a cleaned data folder). */
export async function madeUsers(dataDir: string, orgId: string): Promise<MadeUserRecord[]> {
  try {
    const body = JSON.parse(await readFile(fileOf(dataDir, orgId), 'utf8')) as { users?: MadeUserRecord[] };
    return Array.isArray(body.users) ? body.users.filter((u) => typeof u?.id === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds users a run created to the org's record. */
export async function recordMadeUsers(
  dataDir: string,
  orgId: string,
  users: readonly MadeUser[],
  now = new Date(),
): Promise<void> {
  if (users.length === 0 || !orgId) return;
  const known = await madeUsers(dataDir, orgId);
  const added = users
    .filter((u) => !known.some((k) => k.id === u.id))
    .map((u) => ({ id: u.id, username: u.username, createdAt: now.toISOString() }));
  if (added.length === 0) return;
  const file = fileOf(dataDir, orgId);
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify({ orgId, users: [...known, ...added] }, null, 2)}\n`, { mode: 0o600 });
}
