import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag } from '../../../cli/flags.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import { APP_TYPES, validateAppType, validateContactEmail, validateProfiles } from '../../../cli/validate-credentials.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import { DEFAULT_ECI_APP_PROFILES, ECI_CONNECTED_APP, type EciAppKind } from '../../../guide/eci-connected-app.js';
import { EciConnectedAppStep, type EciAppType } from '../../../steps/eci-connected-app.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.connected-app');

export type ConnectedAppResult = {
  dryRun: boolean;
  /** The app's API name, ECI_Connected_App, whichever kind it is. */
  app: string;
  appType: EciAppType;
  /** The kind of app that holds the ECI OAuth client. */
  appKind: EciAppKind;
  /** Why an External Client App was made instead of a Connected App, in Salesforce's words. */
  fallbackReason?: string;
  /** The app's callback URL: the ECI auth provider's, on the org's My Domain. */
  callbackUrl: string;
  profiles: string[];
  /** Whether this run created the app with a consumer key and secret the plugin chose (never shown). */
  credentialsGenerated: boolean;
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class ConnectedApp extends SfCommand<ConnectedAppResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'contact-email': Flags.string({
      summary: messages.getMessage('flags.contact-email.summary'),
      required: true,
    }),
    profile: Flags.string({
      summary: messages.getMessage('flags.profile.summary'),
      description: messages.getMessage('flags.profile.description'),
      multiple: true,
    }),
    // Checked in code (validateAppType) so that a wrong value ends in an SfError with an action.
    'app-type': Flags.string({
      summary: messages.getMessage('flags.app-type.summary'),
      description: messages.getMessage('flags.app-type.description'),
      default: 'auto',
      helpValue: APP_TYPES.join('|'),
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<ConnectedAppResult> {
    const { flags } = await this.parse(ConnectedApp);
    const dryRun = flags['dry-run'];

    // Every input is checked before the first call to the org.
    const contactEmail = validateContactEmail(flags['contact-email']);
    const profiles = validateProfiles(flags.profile ?? [...DEFAULT_ECI_APP_PROFILES]);
    const appType = validateAppType(flags['app-type']);

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const outcome = await EciConnectedAppStep.execute({ contactEmail, profiles, appType }, ctx);
    const { details } = outcome;

    const result: ConnectedAppResult = {
      dryRun,
      app: ECI_CONNECTED_APP.fullName,
      appType,
      appKind: details.appKind,
      ...(details.fallbackReason !== undefined ? { fallbackReason: details.fallbackReason } : {}),
      callbackUrl: details.callbackUrl,
      profiles,
      credentialsGenerated: details.credentialsGenerated,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    const extra = [
      messages.getMessage(details.appKind === 'ConnectedApp' ? 'info.MadeConnectedApp' : 'info.MadeExternalClientApp', [
        ECI_CONNECTED_APP.label,
        ECI_CONNECTED_APP.fullName,
      ]),
      messages.getMessage('info.CallbackUrl', [details.callbackUrl]),
      ...(details.credentialsGenerated ? [messages.getMessage('info.CredentialsGenerated')] : []),
      ...(dryRun || outcome.components.every((c) => c.status === 'unchanged') ? [] : [messages.getMessage('info.TakesTenMinutes')]),
    ];
    logOutcome(this, outcome, dryRun, extra);
    throwIfFailed(result);
    return result;
  }
}
