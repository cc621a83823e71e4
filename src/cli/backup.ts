import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreviousVersion } from '../org/port.js';
import { seal } from './sealed.js';

/**
 * The way back from an update: every component a run changed, as it was before, written to a JSON file under the
 * CLI's data folder (`<data dir>/eci-ringcentral/backups/`). Secrets and write-once fields are never in it (the org
 * layer leaves them out); a consumer key an update replaced is in it sealed (sealed.ts: encrypted with the sf CLI's
 * key, as sf keeps its tokens), so that it can be put back. Returns the file's path, or undefined when the run
 * changed nothing existing.
 */
export async function writeBackup(
  dataDir: string,
  org: { orgId: string; username: string; myDomainUrl: string },
  previous: readonly PreviousVersion[],
  now = new Date(),
): Promise<string | undefined> {
  if (previous.length === 0) return undefined;
  const dir = join(dataDir, 'eci-ringcentral', 'backups');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${org.orgId}-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  const body = {
    org,
    takenAt: now.toISOString(),
    note: BACKUP_NOTE,
    components: await Promise.all(previous.map(sealedVersion)),
  };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  return file;
}

const BACKUP_NOTE =
  'The components this run updated, as they were before. Secrets are left out; consumer keys are under "sealed", ' +
  "encrypted with this machine's sf CLI key (as sf keeps its access tokens).";

/** A previous version as the file holds it: its consumer keys sealed. */
async function sealedVersion(
  version: PreviousVersion,
): Promise<Omit<PreviousVersion, 'sealed'> & { sealed?: Record<string, string> }> {
  const { sealed, ...rest } = version;
  if (!sealed) return rest;
  const entries = await Promise.all(Object.entries(sealed).map(async ([path, secret]) => [path, await seal(secret)]));
  return { ...rest, sealed: Object.fromEntries(entries) as Record<string, string> };
}
