import type { Secret } from '../model/secret.js';
import type { RingCentralPlatform } from '../guide/ringcentral-environment.js';
import type { EciAppType } from './eci-connected-app.js';
import type { GuideInputs } from './index.js';
import type { IntegrationUserStepInputs } from './integration-user.js';

/**
 * What the admin chose for the whole guide, validated (cli/guide-flags.ts for flags; verify fills in the org's own
 * values where the admin said nothing). Secrets travel here and nowhere else: the one channel into the steps.
 */
export type GuideChoices = {
  clientId: string;
  clientSecret?: Secret;
  /** From --environment / --server; without them each step keeps the platform the org already uses. */
  platform?: RingCentralPlatform;
  contactEmail: string;
  profiles: readonly string[];
  appType: EciAppType;
  consumerKey?: Secret;
  consumerSecret?: Secret;
  /** The admin allows turning the REST secrets setting on to read the ECI app's key and secret (configure's flag). */
  secretReadViaRest?: boolean;
  siteContact?: string;
  recordOwner?: string;
  /** The VoiceConnector site's URL path prefix; without it the site keeps its own (verify: the org's). */
  siteUrlPathPrefix?: string;
  guestPermissionSets: readonly string[];
  /** The integration user is made only when named: many admins run the guide as an existing admin user. */
  integrationUser?: IntegrationUserStepInputs;
  /** The run writes an export (--output-dir): what a project's deploy can take (see EciConnectedAppStepInputs). */
  exporting?: boolean;
};

/** The values that were given (an input left out is not an input set to undefined). */
function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every guide step's inputs from the admin's choices: the one builder `configure` and `verify` share. */
export function guideInputs(c: GuideChoices): Partial<GuideInputs> {
  const platform = c.platform ? { platform: c.platform } : {};
  return {
    ...(c.integrationUser ? { 'integration-user': c.integrationUser } : {}),
    'ringcentral-auth-provider': { clientId: c.clientId, ...given({ clientSecret: c.clientSecret }), ...platform },
    'ringcentral-named-credential': platform,
    'eci-connected-app': {
      contactEmail: c.contactEmail,
      profiles: c.profiles,
      appType: c.appType,
      ...(c.exporting ? { exporting: true } : {}),
    },
    'eci-auth-provider': given({
      consumerKey: c.consumerKey,
      consumerSecret: c.consumerSecret,
      secretReadViaRest: c.secretReadViaRest || undefined,
    }),
    'voice-connector-site': given({
      siteContact: c.siteContact,
      recordOwner: c.recordOwner,
      urlPathPrefix: c.siteUrlPathPrefix,
    }),
    'eci-named-credential': {},
    'guest-user-permissions': { permissionSets: c.guestPermissionSets },
  };
}
