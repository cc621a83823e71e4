import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag, platformFromFlags, resolveRingCentralPlatform, ringCentralPlatformFlags } from '../../../cli/flags.js';
import { openInBrowser } from '../../../cli/browser.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import { PROVIDERS, validateProvider } from '../../../cli/validate-credentials.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import type { NamedCredentialProvider } from '../../../guide/named-credentials.js';
import type { RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import { EciNamedCredentialStep, RingCentralNamedCredentialStep, type NamedCredentialDetails } from '../../../steps/named-credential.js';
import type { StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.create-named-credential');

export type CreateNamedCredentialResult = {
  dryRun: boolean;
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
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class CreateNamedCredential extends SfCommand<CreateNamedCredentialResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    // Checked in code (validateProvider) so that a wrong value ends in an SfError with an action.
    provider: Flags.string({
      summary: messages.getMessage('flags.provider.summary'),
      description: messages.getMessage('flags.provider.description'),
      default: 'ringcentral',
      helpValue: PROVIDERS.join('|'),
    }),
    ...ringCentralPlatformFlags,
    open: Flags.boolean({
      summary: messages.getMessage('flags.open.summary'),
      default: false,
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<CreateNamedCredentialResult> {
    const { flags } = await this.parse(CreateNamedCredential);
    const dryRun = flags['dry-run'];

    // Every input is checked before the first call to the org.
    const provider = validateProvider(flags.provider);
    if (provider === 'eci' && (flags.environment ?? flags.server)) {
      throw messages.createError('error.RingCentralOnlyFlag', [flags.server ? '--server' : '--environment']);
    }
    const platformFlag = platformFromFlags(flags);

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const platform = provider === 'ringcentral' ? await resolveRingCentralPlatform(platformFlag, ctx.org, (m) => this.warn(m)) : undefined;
    const outcome: StepOutcome<NamedCredentialDetails> =
      platform
        ? await RingCentralNamedCredentialStep.execute({ platform }, ctx)
        : await EciNamedCredentialStep.execute({}, ctx);
    const { details } = outcome;

    const result: CreateNamedCredentialResult = {
      dryRun,
      provider,
      namedCredential: details.namedCredential,
      authProvider: details.authProvider,
      endpoint: details.endpoint,
      ...(platform ? { environment: platform.environment } : {}),
      ...(details.namedCredentialId ? { namedCredentialId: details.namedCredentialId } : {}),
      ...(details.consentUrl ? { consentUrl: details.consentUrl } : {}),
      opened: false,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun, details.consentUrl ? [messages.getMessage('info.NotUsableYet', [details.namedCredential])] : []);
    throwIfFailed(result);

    if (flags.open && details.consentUrl) {
      try {
        await openInBrowser(details.consentUrl);
        result.opened = true;
        this.log(messages.getMessage('info.Opened'));
      } catch {
        this.warn(messages.getMessage('warning.CannotOpen'));
      }
    }
    return result;
  }
}
