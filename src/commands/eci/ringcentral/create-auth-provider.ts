import { Messages, type Org } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { clientIdFlag, clientSecretStdinFlag, dryRunFlag, platformFromFlags, resolveRingCentralPlatform, ringCentralPlatformFlags } from '../../../cli/flags.js';
import { secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import { validateClientId } from '../../../cli/validate.js';
import { PROVIDERS, validateProvider } from '../../../cli/validate-credentials.js';
import { Secret } from '../../../engine/secret.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import type { RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import { RINGCENTRAL_CLIENT_SECRET, RingCentralAuthProviderStep } from '../../../steps/ringcentral-auth-provider.js';
import {
  ECI_CONSUMER_KEY_ENV,
  ECI_CONSUMER_SECRET,
  EciAuthProviderStep,
  type EciCredentialsSource,
} from '../../../steps/eci-auth-provider.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.create-auth-provider');
const credentials = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

export type CreateAuthProviderResult = {
  dryRun: boolean;
  provider: 'ringcentral' | 'eci';
  /** RingCentral only. */
  environment?: RingCentralEnvironment | 'custom';
  /** RingCentral only. */
  server?: string;
  /** The auth provider's callback URL: the RingCentral app's OAuth redirect URI, or the ECI app's callback URL. */
  callbackUrl: string;
  /** ECI only: where the consumer key and secret came from (never the values). */
  credentialsSource?: EciCredentialsSource;
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class CreateAuthProvider extends SfCommand<CreateAuthProviderResult> {
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
    // Required for --provider ringcentral only: checked in code.
    'client-id': clientIdFlag({ required: false }),
    'client-secret-stdin': clientSecretStdinFlag,
    ...ringCentralPlatformFlags,
    'consumer-secret-stdin': Flags.boolean({
      summary: messages.getMessage('flags.consumer-secret-stdin.summary'),
      description: messages.getMessage('flags.consumer-secret-stdin.description'),
      default: false,
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<CreateAuthProviderResult> {
    const { flags } = await this.parse(CreateAuthProvider);
    const dryRun = flags['dry-run'];

    // Every input is checked before the first call to the org.
    const provider = validateProvider(flags.provider);
    if (provider === 'eci') return this.runEci(flags);
    if (flags['consumer-secret-stdin']) throw messages.createError('error.FlagNotForProvider', ['--consumer-secret-stdin', 'eci']);
    if (flags['client-id'] === undefined) throw messages.createError('error.ClientIdRequired');
    const clientId = validateClientId(flags['client-id']);
    const platformFlag = platformFromFlags(flags);
    const clientSecret = await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']);

    const ctx = await stepContextFor(this, {
      org: flags['target-org'],
      apiVersion: flags['api-version'],
      dryRun,
      secrets: new Map([[RINGCENTRAL_CLIENT_SECRET.envVar, clientSecret]]),
    });
    const platform = await resolveRingCentralPlatform(platformFlag, ctx.org, (m) => this.warn(m));
    const outcome = await RingCentralAuthProviderStep.execute({ clientId, clientSecret, platform }, ctx);

    const result: CreateAuthProviderResult = {
      dryRun,
      provider: 'ringcentral',
      environment: platform.environment,
      server: platform.server,
      callbackUrl: outcome.details.callbackUrl,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun, [messages.getMessage('info.CallbackUrl', [result.callbackUrl])]);
    throwIfFailed(result);
    return result;
  }

  /** `--provider eci`: the Salesforce-type auth provider of the ECI app. */
  private async runEci(flags: EciFlags): Promise<CreateAuthProviderResult> {
    const dryRun = flags['dry-run'];
    const ringCentralOnly = (['client-id', 'client-secret-stdin', 'environment', 'server'] as const).find((f) => Boolean(flags[f]));
    if (ringCentralOnly) throw messages.createError('error.FlagNotForProvider', [`--${ringCentralOnly}`, 'ringcentral']);
    const keyValue = process.env[ECI_CONSUMER_KEY_ENV]?.trim();
    const consumerKey = keyValue ? new Secret(keyValue) : undefined;
    const consumerSecret = await secretFromEnvOrStdin(ECI_CONSUMER_SECRET, flags['consumer-secret-stdin']);

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const outcome = await EciAuthProviderStep.execute({ consumerKey, consumerSecret }, ctx);
    const result: CreateAuthProviderResult = {
      dryRun,
      provider: 'eci',
      callbackUrl: outcome.details.callbackUrl,
      credentialsSource: outcome.details.credentialsSource,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun, [
      messages.getMessage('info.EciCallbackUrl', [result.callbackUrl]),
      ...(outcome.details.credentialsSource === 'none' ? [] : [credentials.getMessage(`source.${outcome.details.credentialsSource}`)]),
    ]);
    throwIfFailed(result);
    return result;
  }
}

type EciFlags = {
  'target-org': Org;
  'api-version'?: string;
  'client-id'?: string;
  'client-secret-stdin': boolean;
  environment?: string;
  server?: string;
  'consumer-secret-stdin': boolean;
  'dry-run': boolean;
};
