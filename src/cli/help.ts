import type { HelpSection } from '@oclif/core';
import { Messages } from '@salesforce/core';
import { toHelpSection } from '@salesforce/sf-plugins-core';
import { EXIT, type ExitName } from '../model/exit-codes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'help');

/** The environment variables a command may read (each described in the help bundle). */
export type EnvironmentVariable =
  | 'RINGCENTRAL_CLIENT_SECRET'
  | 'ECI_CONSUMER_KEY'
  | 'ECI_CONSUMER_SECRET'
  | 'ECI_CALL_TIMEOUT_MS'
  | 'BROWSER';

/** A command's ERROR CODES help section: the codes it can end with, from the one exit-code table. */
export function errorCodesSection(names: readonly ExitName[]): HelpSection {
  return toHelpSection(
    messages.getMessage('header.ErrorCodes'),
    Object.fromEntries(names.map((n) => [String(EXIT[n]), messages.getMessage(`exit.${n}`)])),
  );
}

/** A command's ENVIRONMENT VARIABLES help section: its own, then the call deadline every command's org calls keep. */
export function environmentSection(names: readonly EnvironmentVariable[] = []): HelpSection {
  const all = [...names, 'ECI_CALL_TIMEOUT_MS' as const];
  return toHelpSection(
    messages.getMessage('header.Environment'),
    Object.fromEntries(all.map((n) => [n, messages.getMessage(`env.${n}`)])),
  );
}
