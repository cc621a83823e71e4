import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { KnownFacts } from '../../org/port.js';
import { SECRET_ACCESS_SETTING } from '../../org/secret-access.js';
import type { SecretAccessPurpose } from '../../steps/secret-access.js';
import type { SecretAccessConsent } from '../../steps/step.js';
import { removePendingRestore, writePendingRestore } from '../pending-restore.js';
import { askedAside, mayPrompt } from './prompting.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'secret-access');

type Options = {
  /** Never ask (--no-prompt): the flag alone is the consent. */
  noPrompt?: boolean;
  /** Called around the question, so that a progress display does not draw over it. */
  pause?: () => void;
  resume?: () => void;
  /** What the setting is turned on for: the question says it. */
  purpose?: SecretAccessPurpose;
};

/**
 * The admin's consent by flag (--allow-secret-read-via-rest) to switch the REST secrets setting for one read: in a
 * terminal it is confirmed once a run (a "no" leaves the setting as it is); with --json, --no-prompt or no terminal the
 * flag alone is the consent, as CI needs. The switch is recorded on disk under the CLI's data folder before it is made
 * and the record removed once the setting is back (pending-restore.ts).
 */
export function secretAccessConsent(
  command: SfCommand<unknown>,
  org: KnownFacts,
  options: Options,
): SecretAccessConsent {
  let answer: Promise<boolean> | undefined;
  const question = options.purpose === 'rotation' ? 'question.Switch.rotation' : 'question.Switch';
  const ask = async (): Promise<boolean> => {
    if (!mayPrompt(command, options.noPrompt)) return true;
    return askedAside(command, options, () =>
      command.confirm({ message: messages.getMessage(question, [SECRET_ACCESS_SETTING.label]), ms: 300_000 }),
    );
  };
  return {
    confirm: () => (answer ??= ask()),
    recordPending: (restoreTo) => writePendingRestore(command.config.dataDir, org, restoreTo),
    clearPending: () => removePendingRestore(command.config.dataDir, org.orgId),
  };
}
