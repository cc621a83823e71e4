import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { API_VERSION_NEEDED, OAUTH_CREDENTIALS_API } from '../org/platform-rules.js';
import { SECRET_ACCESS_FIELD } from '../org/secret-access.js';
import type { EciAppType } from '../steps/eci-connected-app.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'secret-access');

/**
 * --allow-secret-read-via-rest: the admin's explicit consent to turn "Allow access to External Client App consumer
 * secrets via REST API" on for the read of the ECI app's key and secret, and back off right after (configure,
 * create-auth-provider --provider eci). Never on by default.
 */
export const allowSecretReadViaRestFlag = Flags.boolean({
  summary: messages.getMessage('flags.allow-secret-read-via-rest.summary'),
  description: messages.getMessage('flags.allow-secret-read-via-rest.description'),
  default: false,
});

/** What the app type chosen needs of the API version, checked before any call (the run's context). */
export function apiVersionNeeds(choices: { appType?: EciAppType }): Array<{ what: string; version: number }> {
  return choices.appType === 'external-client-app'
    ? [{ what: messages.getMessage('need.ExternalClientApp'), version: OAUTH_CREDENTIALS_API }]
    : [];
}

/** What --allow-secret-read-via-rest needs of the API version (the settings deploy it may make): any command's run. */
export const secretAccessNeed = (): { what: string; version: number } => ({
  what: messages.getMessage('need.Flag', [SECRET_ACCESS_FIELD]),
  version: API_VERSION_NEEDED.ExternalClientAppSettings,
});
