import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { apiVersionNeeds } from '../../../cli/secret-read-flag.js';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import {
  APP_TYPES,
  validateAppType,
  validateContactEmail,
  validateProfiles,
} from '../../../cli/validate-credentials.js';
import { DEFAULT_ECI_APP_PROFILES, ECI_CONNECTED_APP, type EciAppKind } from '../../../guide/eci-connected-app.js';
import { EciConnectedAppStep, type EciAppType, type EciConnectedAppDetails } from '../../../steps/eci-connected-app.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.connected-app');

export type ConnectedAppResult = StepCommandResult & {
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
};

export default class ConnectedApp extends StepCommand<ConnectedAppResult, EciConnectedAppDetails> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
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
  };

  public async run(): Promise<ConnectedAppResult> {
    return this.runStep();
  }

  protected stepFromFlags(flags: FlagsOf<typeof ConnectedApp>) {
    return bindStep(EciConnectedAppStep, {
      contactEmail: validateContactEmail(flags['contact-email']),
      profiles: validateProfiles(flags.profile ?? [...DEFAULT_ECI_APP_PROFILES]),
      appType: validateAppType(flags['app-type']),
      ...(flags['output-dir'] !== undefined ? { exporting: true } : {}),
    });
  }

  /** An External Client App asked for needs API 60.0: an earlier --api-version is refused before any call. */
  protected override runOptions(flags: FlagsOf<typeof ConnectedApp>) {
    return { apiVersionNeeds: apiVersionNeeds({ appType: validateAppType(flags['app-type']) }) };
  }

  /** With --app-type auto a refused Connected App is what a real run answers with an External Client App. */
  protected override validationOptions(flags: FlagsOf<typeof ConnectedApp>) {
    return { connectedAppFallback: flags['app-type'] === 'auto' };
  }

  protected result({ details }: StepOutcome<EciConnectedAppDetails>) {
    return {
      app: ECI_CONNECTED_APP.fullName,
      appType: details.appType,
      appKind: details.appKind,
      ...(details.fallbackReason !== undefined ? { fallbackReason: details.fallbackReason } : {}),
      callbackUrl: details.callbackUrl,
      profiles: [...details.profiles],
      credentialsGenerated: details.credentialsGenerated,
    };
  }

  protected override lines(result: ConnectedAppResult, outcome: StepOutcome<EciConnectedAppDetails>): string[] {
    const info = result.appKind === 'ConnectedApp' ? 'info.MadeConnectedApp' : 'info.MadeExternalClientApp';
    return [
      messages.getMessage(info, [ECI_CONNECTED_APP.label, ECI_CONNECTED_APP.fullName]),
      messages.getMessage('info.CallbackUrl', [result.callbackUrl]),
      ...(result.credentialsGenerated ? [messages.getMessage('info.CredentialsGenerated')] : []),
      ...(result.dryRun || outcome.components.every((c) => c.status === 'unchanged')
        ? []
        : [messages.getMessage('info.TakesTenMinutes')]),
    ];
  }
}
