import { Messages } from '@salesforce/core';
import {
  readSecretAccess,
  SECRET_ACCESS_FIELD,
  SECRET_ACCESS_SETTING,
  switchSecretAccess,
} from '../org/secret-access.js';
import type { StepContext } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'secret-access');

/** What the setting is turned on for: the read of the ECI app's key and secret, or a rotation's calls (--wait too). */
export type SecretAccessPurpose = 'read' | 'rotation';

/** What a run did with the REST secrets setting for a read: in the output and in --json. */
export type SecretAccessReport = {
  /** `ExternalClientAppSettings.enableClientSecretInRestApiAccess`. */
  setting: string;
  /** The run turned it on for the read. */
  turnedOn: boolean;
  /** The run put it back as it was (off); false: it is still on, and the next run of any command puts it back. */
  restored: boolean;
};

/** The outcome of a read made under the setting: its value or its error, and what was done with the setting. */
export type SecretRead<T> = { value: T; report?: SecretAccessReport } | { error: unknown; report?: SecretAccessReport };

/**
 * Runs `read` (the ECI app's key and secret over REST). With the admin's consent, and only when the org has the
 * setting off, it is turned on by a settings deploy for the read and back off right after, in the same run; the switch
 * is recorded on disk before it is made and the record goes once the setting is back, so a run that is cut short
 * (a fault, Ctrl-C) leaves it noticed and undone by the next run. Without consent, or with the setting on already or
 * not known, `read` runs as it is.
 */
export async function withSecretAccess<T>(ctx: StepContext, read: () => Promise<T>): Promise<SecretRead<T>> {
  const consent = ctx.secretAccess;
  const current = consent ? await readSecretAccess(ctx.org).catch(() => undefined) : undefined;
  if (!consent || current !== false || !(await consent.confirm())) return settle(read);
  try {
    await switchOn(ctx);
  } catch (error) {
    return { error };
  }
  const outcome = await settle(read);
  const restored = await switchBack(ctx);
  return { ...outcome, report: { setting: SECRET_ACCESS_FIELD, turnedOn: true, restored } };
}

async function settle<T>(read: () => Promise<T>): Promise<SecretRead<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    return { error };
  }
}

/**
 * Records the switch, then makes it. The record goes only with a switch Salesforce refused: one whose answer was lost,
 * or whose deploy was still running when the wait ended, may yet land, and the next run puts it back.
 */
async function switchOn(ctx: StepContext): Promise<void> {
  await ctx.secretAccess!.recordPending(false);
  try {
    await switchSecretAccess(ctx.org, true);
  } catch (error) {
    if ((error as Error).name === 'SwitchRefusedError') await ctx.secretAccess!.clearPending();
    throw error;
  }
}

/** Puts the setting back (off); whether it is. Its record goes only then: otherwise the next run puts it back. */
async function switchBack(ctx: StepContext): Promise<boolean> {
  try {
    await switchSecretAccess(ctx.org, false);
    await ctx.secretAccess!.clearPending();
    return true;
  } catch {
    return false;
  }
}

/** The sentence the output shows for a report: turned on and back off, or still on and how it goes back. */
export function secretAccessLine(
  report: SecretAccessReport,
  setupUrl: string,
  purpose: SecretAccessPurpose = 'read',
): string {
  const key = (name: string): string => (purpose === 'rotation' ? `${name}.rotation` : name);
  return report.restored
    ? messages.getMessage(key('info.TurnedOnAndOff'), [SECRET_ACCESS_SETTING.label, report.setting])
    : messages.getMessage(key('warning.StillOn'), [SECRET_ACCESS_SETTING.label, report.setting, setupUrl]);
}
