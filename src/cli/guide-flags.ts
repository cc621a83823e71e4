import { platformFromFlags } from './flags.js';
import { validateClientId } from './validate.js';
import { checkFlagValues, optionalText, optionalUrlPathPrefix, permissionSetNames } from './validate.js';
import { validateAppType, validateContactEmail, validateProfiles } from './validate-credentials.js';
import { optionalUsername, validateEmail, validateUsername } from './validate-users.js';
import type { RingCentralEnvironment, RingCentralPlatform } from '../guide/ringcentral-environment.js';
import type { EciAppType } from '../steps/eci-connected-app.js';
import type { IntegrationUserStepInputs } from '../steps/integration-user.js';

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
