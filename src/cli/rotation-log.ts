import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import type { RotationLog, RotationProgress, RotationTarget } from '../rotation/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.rotate');

/** Where a rotation under way is written down: `<data dir>/eci-ringcentral/rotations/<org id>-<target>.json`. */
export const rotationFile = (dataDir: string, orgId: string, target: RotationTarget): string =>
  join(dataDir, 'eci-ringcentral', 'rotations', `${orgId}-${target}.json`);

const NOTE = 'A rotation under way, so that the next run finishes it: ids and dates only, never a key or a secret.';

/**
 * A rotation's progress between runs, beside the backups in the CLI's data folder (owner-only). Written whole and
 * renamed into place, so that a stop in the middle leaves the former record, never half of one. Only the fields a
 * record has are ever written: no key, no secret.
 */
export function fileRotationLog(dataDir: string): RotationLog {
  return {
    async read(orgId, target) {
      const file = rotationFile(dataDir, orgId, target);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return progressOf(JSON.parse(text) as Partial<RotationProgress>, target);
      } catch {
        throw messages.createError('error.UnreadableProgress', [file]);
      }
    },
    async write(orgId, progress) {
      const file = rotationFile(dataDir, orgId, progress.target);
      await mkdir(join(dataDir, 'eci-ringcentral', 'rotations'), { recursive: true, mode: 0o700 });
      await writeFile(
        `${file}.tmp`,
        `${JSON.stringify({ note: NOTE, ...progressOf(progress, progress.target) }, null, 2)}\n`,
        {
          mode: 0o600,
        },
      );
      await rename(`${file}.tmp`, file);
    },
    async clear(orgId, target) {
      await rm(rotationFile(dataDir, orgId, target), { force: true });
    },
  };
}

/** Exactly the fields of a record (whatever else an object carries is never written, nor believed when read). */
function progressOf(raw: Partial<RotationProgress>, target: RotationTarget): RotationProgress {
  if (raw.target !== target || typeof raw.stage !== 'string' || typeof raw.at !== 'string')
    throw new Error('not a rotation record');
  const ids = raw.consumer
    ? { appId: String(raw.consumer.appId), consumerId: String(raw.consumer.consumerId) }
    : undefined;
  return {
    target,
    stage: raw.stage,
    at: raw.at,
    ...(raw.providerModifiedAt ? { providerModifiedAt: String(raw.providerModifiedAt) } : {}),
    ...(ids ? { consumer: ids } : {}),
    ...(raw.stagedId ? { stagedId: String(raw.stagedId) } : {}),
  };
}
