import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreviousVersion } from '../org/port.js';

/**
 * The way back from an update: every component a run changed, as it was before, written to a JSON file
 * under the CLI's data folder (`<data dir>/eci-ringcentral/backups/`). Secrets, consumer keys and write-once fields are never in
 * it (the org layer leaves them out). Returns the file's path, or undefined when the run changed nothing existing.
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
    note: 'The components this run updated, as they were before; secrets and consumer keys left out.',
    components: previous,
  };
  await writeFile(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  return file;
}
