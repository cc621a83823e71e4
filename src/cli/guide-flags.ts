import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DEFAULT_ECI_APP_PROFILES } from '../guide/eci-connected-app.js';
import { ECI_CONSUMER_SECRET, RINGCENTRAL_CLIENT_SECRET } from '../model/secret.js';
import type { GuideChoices } from '../steps/guide-inputs.js';
import { clientIdFlag, clientSecretStdinFlag, platformFromFlags, ringCentralPlatformFlags } from './flags.js';
import { consumerKeyFromEnv, secretFromEnvOrStdin } from './secrets.js';
import { APP_TYPES } from './validate-credentials.js';
import { validateClientId } from './validate.js';
import { checkFlagValues, optionalText, optionalUrlPathPrefix, permissionSetNames } from './validate.js';
import { validateAppType, validateContactEmail, validateProfiles } from './validate-credentials.js';
import { optionalUsername, validateEmail, validateUsername } from './validate-users.js';
import type { RingCentralEnvironment, RingCentralPlatform } from '../guide/ringcentral-environment.js';
import type { EciAppType } from '../steps/eci-connected-app.js';
import type { IntegrationUserStepInputs } from '../steps/integration-user.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'guide-flags');

/** The flags of configure that are the guide's inputs (as guideFlagChoices reads them). */
export const guideFlags = {
  'client-id': clientIdFlag({ required: true }),
  'client-secret-stdin': clientSecretStdinFlag,
  ...ringCentralPlatformFlags,
  'contact-email': Flags.string({ summary: messages.getMessage('flags.contact-email.summary'), required: true }),
  profile: Flags.string({ summary: messages.getMessage('flags.profile.summary'), multiple: true }),
  'app-type': Flags.string({
    summary: messages.getMessage('flags.app-type.summary'),
    default: 'auto',
    helpValue: APP_TYPES.join('|'),
  }),
  'site-contact': Flags.string({ summary: messages.getMessage('flags.site-contact.summary') }),
  'record-owner': Flags.string({ summary: messages.getMessage('flags.record-owner.summary') }),
  'url-path-prefix': Flags.string({ summary: messages.getMessage('flags.url-path-prefix.summary') }),
  'guest-permission-set': Flags.string({
    summary: messages.getMessage('flags.guest-permission-set.summary'),
    multiple: true,
  }),
  'integration-username': Flags.string({
    summary: messages.getMessage('flags.integration-username.summary'),
    description: messages.getMessage('flags.integration-username.description'),
  }),
  'integration-email': Flags.string({
    summary: messages.getMessage('flags.integration-email.summary'),
    dependsOn: ['integration-username'],
  }),
  'integration-first-name': Flags.string({
    summary: messages.getMessage('flags.integration-first-name.summary'),
    dependsOn: ['integration-username'],
  }),
  'integration-last-name': Flags.string({
    summary: messages.getMessage('flags.integration-last-name.summary'),
    dependsOn: ['integration-username'],
  }),
  'integration-permission-set': Flags.string({
    summary: messages.getMessage('flags.integration-permission-set.summary'),
    multiple: true,
    dependsOn: ['integration-username'],
  }),
};

/** The flags `configure` and `verify` share, as parsed (each optional here; configure requires some). */
export type GuideFlagValues = {
  'client-id'?: string;
  environment?: RingCentralEnvironment;
  server?: string;
  'contact-email'?: string;
  profile?: string[];
  'app-type'?: string;
  'site-contact'?: string;
  'record-owner'?: string;
  'url-path-prefix'?: string;
  'guest-permission-set'?: string[];
  'integration-username'?: string;
  'integration-email'?: string;
  'integration-first-name'?: string;
  'integration-last-name'?: string;
  'integration-permission-set'?: string[];
};

/** What the shared flags say, each checked before any call to the org; undefined where the flag was not given. */
export type GuideFlagChoices = {
  clientId?: string;
  platform?: RingCentralPlatform;
  contactEmail?: string;
  profiles?: string[];
  appType?: EciAppType;
  siteContact?: string;
  recordOwner?: string;
  siteUrlPathPrefix?: string;
  guestPermissionSets?: string[];
  integrationUser?: IntegrationUserStepInputs;
};

/** The one place `configure` and `verify` turn the guide's flags into checked values. */
export function guideFlagChoices(flags: GuideFlagValues): GuideFlagChoices {
  const username = flags['integration-username'];
  const choices: GuideFlagChoices = {
    ...(flags['client-id'] === undefined ? {} : { clientId: validateClientId(flags['client-id']) }),
    ...(flags.server || flags.environment ? { platform: platformFromFlags(flags) } : {}),
    ...(flags['contact-email'] === undefined ? {} : { contactEmail: validateContactEmail(flags['contact-email']) }),
    ...(flags.profile ? { profiles: validateProfiles(flags.profile) } : {}),
    ...(flags['app-type'] === undefined ? {} : { appType: validateAppType(flags['app-type']) }),
    ...(flags['site-contact'] === undefined
      ? {}
      : { siteContact: optionalUsername(flags['site-contact'], 'site-contact') }),
    ...(flags['record-owner'] === undefined
      ? {}
      : { recordOwner: optionalUsername(flags['record-owner'], 'record-owner') }),
    ...(flags['url-path-prefix'] === undefined
      ? {}
      : { siteUrlPathPrefix: optionalUrlPathPrefix(flags['url-path-prefix']) }),
    ...(flags['guest-permission-set']
      ? { guestPermissionSets: permissionSetNames(flags['guest-permission-set'], 'guest-permission-set') }
      : {}),
    ...(username === undefined
      ? {}
      : {
          integrationUser: {
            username: validateUsername(username, 'integration-username'),
            email: flags['integration-email'] === undefined ? undefined : validateEmail(flags['integration-email']),
            firstName: optionalText(flags['integration-first-name']),
            lastName: optionalText(flags['integration-last-name']),
            permissionSets: permissionSetNames(flags['integration-permission-set'], 'integration-permission-set'),
          },
        }),
  };
  checkFlagValues(flags);
  return choices;
}

/**
 * Every choice of a whole run of the guide, each checked before the first call to the org: the flags, the guide's
 * defaults where a flag was not given, and the secrets from the environment or standard input.
 */
export async function guideChoicesFromFlags(
  flags: GuideFlagValues & { 'client-secret-stdin'?: boolean },
): Promise<GuideChoices> {
  const chosen = guideFlagChoices(flags);
  return {
    ...chosen,
    clientId: chosen.clientId ?? '',
    contactEmail: chosen.contactEmail ?? '',
    profiles: chosen.profiles ?? [...DEFAULT_ECI_APP_PROFILES],
    appType: chosen.appType ?? 'auto',
    guestPermissionSets: chosen.guestPermissionSets ?? [],
    clientSecret: await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin'] ?? false),
    consumerKey: consumerKeyFromEnv(),
    consumerSecret: await secretFromEnvOrStdin(ECI_CONSUMER_SECRET, false),
  };
}
