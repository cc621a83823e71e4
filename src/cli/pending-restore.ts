import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { setupUrl } from '../guide/setup-urls.js';
import type { KnownFacts, OrgPort } from '../org/port.js';
import {
  readSecretAccess,
  SECRET_ACCESS_FIELD,
  SECRET_ACCESS_SETTING,
  switchSecretAccess,
} from '../org/secret-access.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'secret-access');

/**
 * The record of a switch of the REST secrets setting not undone yet: written under the CLI's data folder
 * (`<data dir>/eci-ringcentral/pending/<OrgId>.json`, as the backups are) before the setting is turned on, removed once
 * it is back. It holds which org, which setting, the value to put back and which process switched it: never a secret.
 */
export type PendingRestore = {
  org: { orgId: string; username: string; myDomainUrl: string };
  setting: string;
  restoreTo: boolean;
  switchedAt: string;
  /** The run that switched it: while that process lives, it is its own to undo. */
  pid: number;
  host: string;
};

const folder = (dataDir: string): string => join(dataDir, 'eci-ringcentral', 'pending');
const fileOf = (dataDir: string, orgId: string): string => join(folder(dataDir), `${orgId}.json`);

export async function writePendingRestore(dataDir: string, org: KnownFacts, restoreTo: boolean): Promise<void> {
  await mkdir(folder(dataDir), { recursive: true, mode: 0o700 });
  const record: PendingRestore = {
    org: { orgId: org.orgId, username: org.username, myDomainUrl: org.myDomainUrl },
    setting: SECRET_ACCESS_FIELD,
    restoreTo,
    switchedAt: new Date().toISOString(),
    pid: process.pid,
    host: hostname(),
  };
  await writeFile(fileOf(dataDir, org.orgId), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}

export async function removePendingRestore(dataDir: string, orgId: string): Promise<void> {
  await rm(fileOf(dataDir, orgId), { force: true });
}

/** Every record on disk (an unreadable file is skipped: it is no record this plugin wrote). */
async function pendingRestores(dataDir: string): Promise<PendingRestore[]> {
  const names = await readdir(folder(dataDir)).catch(() => [] as string[]);
  const records = await Promise.all(
    names
      .filter((n) => n.endsWith('.json'))
      .map(async (n) => {
        try {
          return JSON.parse(await readFile(join(folder(dataDir), n), 'utf8')) as PendingRestore;
        } catch {
          return undefined;
        }
      }),
  );
  return records.filter((r): r is PendingRestore => Boolean(r?.org?.orgId));
}

/** Whether the run that switched it still runs on this machine (then it undoes it itself). */
function stillRunning(record: PendingRestore): boolean {
  if (record.host !== hostname() || record.pid === process.pid) return false;
  try {
    process.kill(record.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * At the start of every run of every command on an org: a switch an earlier run left undone on THIS org (stopped by a
 * fault or Ctrl-C between turning the setting on and back off) is undone now, and said; one left on another org is
 * said, with how to undo it. A record whose setting is already back is removed. A failed undo keeps its record.
 */
export async function restorePendingSwitches(command: SfCommand<unknown>, org: OrgPort): Promise<void> {
  const { orgId } = org.knownFacts();
  for (const record of await pendingRestores(command.config.dataDir)) {
    const where = `${record.org.username} (${record.switchedAt})`;
    if (record.org.orgId !== orgId) {
      command.warn(
        messages.getMessage('warning.OtherOrg', [
          record.org.username,
          record.org.orgId,
          SECRET_ACCESS_SETTING.label,
          record.org.username,
        ]),
      );
      continue;
    }
    if (stillRunning(record)) {
      command.warn(messages.getMessage('warning.InProgress', [record.pid, SECRET_ACCESS_SETTING.label]));
      continue;
    }
    await restoreOne(command, org, record, where);
  }
}

async function restoreOne(
  command: SfCommand<unknown>,
  org: OrgPort,
  record: PendingRestore,
  where: string,
): Promise<void> {
  const words = [where, SECRET_ACCESS_SETTING.label, record.setting];
  try {
    const current = await readSecretAccess(org);
    if (current === record.restoreTo) command.warn(messages.getMessage('warning.AlreadyRestored', words));
    else {
      await switchSecretAccess(org, record.restoreTo);
      command.warn(messages.getMessage('warning.Restored', words));
    }
    await removePendingRestore(command.config.dataDir, record.org.orgId);
  } catch (error) {
    const page = setupUrl(record.org.myDomainUrl, 'ExternalClientApplicationSettings');
    command.warn(messages.getMessage('warning.NotRestored', [...words, (error as Error).message, page]));
  }
}
