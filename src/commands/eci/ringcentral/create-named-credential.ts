import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { openInBrowser } from '../../../cli/browser.js';
import { environmentSection } from '../../../cli/help.js';
import { platformFromFlags, providerFlag, ringCentralPlatformFlags } from '../../../cli/flags.js';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import { validateProvider } from '../../../cli/validate-credentials.js';
import type { NamedCredentialProvider } from '../../../guide/named-credentials.js';
import type { RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import {
  EciNamedCredentialStep,
  RingCentralNamedCredentialStep,
  type NamedCredentialDetails,
} from '../../../steps/named-credentials.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.create-named-credential');

export type CreateNamedCredentialResult = StepCommandResult & {
  provider: NamedCredentialProvider;
  /** The named credential's API name: `Ring_Central` or `ECI_Named_Credential`. */
  namedCredential: string;
  /** The URL suffix of the auth provider it signs in with. */
  authProvider: string;
  /** Its URL: the RingCentral platform, or the org's My Domain. */
  endpoint: string;
  /** RingCentral only: the environment the endpoint follows. */
  environment?: RingCentralEnvironment | 'custom';
  namedCredentialId?: string;
  /** The URL that starts the OAuth consent; the named credential is not usable until a person completes it. */
  consentUrl?: string;
  /** Whether the consent URL was opened in a browser (--open). */
  opened: boolean;
};

export default class CreateNamedCredential extends StepCommand<CreateNamedCredentialResult, NamedCredentialDetails> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly envVariablesSection = environmentSection(['BROWSER']);

  public static override readonly flags = {
    provider: providerFlag(messages),
    ...ringCentralPlatformFlags,
    open: Flags.boolean({
      summary: messages.getMessage('flags.open.summary'),
      default: false,
      exclusive: ['validate'],
    }),
  };

  public async run(): Promise<CreateNamedCredentialResult> {
    return this.runStep();
  }

  protected stepFromFlags(flags: FlagsOf<typeof CreateNamedCredential>) {
    const provider = validateProvider(flags.provider);
    if (provider === 'eci') {
      if (flags.environment ?? flags.server)
        throw messages.createError('error.RingCentralOnlyFlag', [flags.server ? '--server' : '--environment']);
      return bindStep(EciNamedCredentialStep, {});
    }
    return bindStep(RingCentralNamedCredentialStep, { platform: platformFromFlags(flags) });
  }

  protected result({ details }: StepOutcome<NamedCredentialDetails>) {
    return {
      provider: details.provider,
      namedCredential: details.namedCredential,
      authProvider: details.authProvider,
      endpoint: details.endpoint,
      ...(details.platform ? { environment: details.platform.environment } : {}),
      ...(details.namedCredentialId ? { namedCredentialId: details.namedCredentialId } : {}),
      ...(details.consentUrl ? { consentUrl: details.consentUrl } : {}),
      opened: false,
    };
  }

  protected override lines(result: CreateNamedCredentialResult): string[] {
    return result.consentUrl ? [messages.getMessage('info.NotUsableYet', [result.namedCredential])] : [];
  }

  protected override async afterSuccess(
    result: CreateNamedCredentialResult,
    flags: FlagsOf<typeof CreateNamedCredential>,
  ): Promise<void> {
    if (!flags.open || !result.consentUrl) return;
    try {
      await openInBrowser(result.consentUrl);
      result.opened = true;
      this.log(messages.getMessage('info.Opened'));
    } catch {
      this.warn(messages.getMessage('warning.CannotOpen'));
    }
  }
}
