import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import {
  clientIdFlag,
  clientSecretStdinFlag,
  platformFromFlags,
  providerFlag,
  ringCentralPlatformFlags,
} from '../../../cli/flags.js';
import { environmentSection } from '../../../cli/help.js';
import { allowSecretReadViaRestFlag } from '../../../cli/secret-read-flag.js';
import { consumerKeyFromEnv, secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import { validateClientId } from '../../../cli/validate.js';
import { validateProvider } from '../../../cli/validate-credentials.js';
import type { RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import { ECI_CONSUMER_SECRET, RINGCENTRAL_CLIENT_SECRET } from '../../../model/secret.js';
import {
  EciAuthProviderStep,
  type EciAuthProviderDetails,
  type EciCredentialsSource,
} from '../../../steps/eci-auth-provider.js';
import {
  RingCentralAuthProviderStep,
  type RingCentralAuthProviderDetails,
} from '../../../steps/ringcentral-auth-provider.js';
import type { SecretAccessReport } from '../../../steps/secret-access.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.create-auth-provider');
const credentials = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

export type CreateAuthProviderResult = StepCommandResult & {
  provider: 'ringcentral' | 'eci';
  /** RingCentral only. */
  environment?: RingCentralEnvironment | 'custom';
  /** RingCentral only. */
  server?: string;
  /** The auth provider's callback URL: the RingCentral app's OAuth redirect URI, or the ECI app's callback URL. */
  callbackUrl: string;
  /** ECI only: where the consumer key and secret came from (never the values). */
  credentialsSource?: EciCredentialsSource;
  /** ECI only: when the run turned the REST secrets setting on to read them, and whether it turned it back off. */
  secretAccess?: SecretAccessReport;
};

type Details = RingCentralAuthProviderDetails | EciAuthProviderDetails;

/** Flags of one provider only, and the provider they belong to. */
const RINGCENTRAL_ONLY = ['client-id', 'client-secret-stdin', 'environment', 'server'] as const;
const ECI_ONLY = ['consumer-secret-stdin', 'allow-secret-read-via-rest'] as const;

export default class CreateAuthProvider extends StepCommand<CreateAuthProviderResult, Details> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly envVariablesSection = environmentSection([
    'RINGCENTRAL_CLIENT_SECRET',
    'ECI_CONSUMER_KEY',
    'ECI_CONSUMER_SECRET',
  ]);

  public static override readonly flags = {
    provider: providerFlag(messages),
    // Required for --provider ringcentral only: checked in code.
    'client-id': clientIdFlag({ required: false }),
    'client-secret-stdin': clientSecretStdinFlag,
    ...ringCentralPlatformFlags,
    'consumer-secret-stdin': Flags.boolean({
      summary: messages.getMessage('flags.consumer-secret-stdin.summary'),
      description: messages.getMessage('flags.consumer-secret-stdin.description'),
      default: false,
    }),
    'allow-secret-read-via-rest': allowSecretReadViaRestFlag,
  };

  public async run(): Promise<CreateAuthProviderResult> {
    return this.runStep();
  }

  protected async stepFromFlags(flags: FlagsOf<typeof CreateAuthProvider>) {
    if (validateProvider(flags.provider) === 'eci') {
      // `--provider eci`: the Salesforce-type auth provider of the ECI app.
      const ringCentralOnly = RINGCENTRAL_ONLY.find((f) => Boolean(flags[f]));
      if (ringCentralOnly)
        throw messages.createError('error.FlagNotForProvider', [`--${ringCentralOnly}`, 'ringcentral']);
      return bindStep(EciAuthProviderStep, {
        consumerKey: consumerKeyFromEnv(),
        consumerSecret: await secretFromEnvOrStdin(ECI_CONSUMER_SECRET, flags['consumer-secret-stdin']),
        ...(flags['allow-secret-read-via-rest'] ? { secretReadViaRest: true } : {}),
      });
    }
    const eciOnly = ECI_ONLY.find((f) => Boolean(flags[f]));
    if (eciOnly) throw messages.createError('error.FlagNotForProvider', [`--${eciOnly}`, 'eci']);
    if (flags['client-id'] === undefined) throw messages.createError('error.ClientIdRequired');
    const clientId = validateClientId(flags['client-id']);
    const platform = platformFromFlags(flags);
    const clientSecret = await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']);
    return bindStep(RingCentralAuthProviderStep, { clientId, clientSecret, platform });
  }

  protected result({ details }: StepOutcome<Details>) {
    if ('platform' in details) {
      return {
        provider: 'ringcentral' as const,
        environment: details.platform.environment,
        server: details.platform.server,
        callbackUrl: details.callbackUrl,
      };
    }
    return {
      provider: 'eci' as const,
      callbackUrl: details.callbackUrl,
      credentialsSource: details.credentialsSource,
      ...(details.secretAccess ? { secretAccess: details.secretAccess } : {}),
    };
  }

  /** The REST secrets consent of --provider eci (the run checks the API version it needs). */
  protected override runOptions(flags: FlagsOf<typeof CreateAuthProvider>) {
    const allowSecretReadViaRest = flags['allow-secret-read-via-rest'] && flags.provider === 'eci';
    return { allowSecretReadViaRest };
  }

  protected override lines(result: CreateAuthProviderResult): string[] {
    if (result.provider === 'ringcentral') return [messages.getMessage('info.CallbackUrl', [result.callbackUrl])];
    const source = result.credentialsSource;
    return [
      messages.getMessage('info.EciCallbackUrl', [result.callbackUrl]),
      ...(source && source !== 'none' ? [credentials.getMessage(`source.${source}`)] : []),
    ];
  }
}
