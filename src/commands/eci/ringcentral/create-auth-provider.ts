import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { renderComponents, renderNextSteps } from '../../../cli/render.js';
import { missingSecretError, promptForSecret, secretFromEnvOrStdin, type SecretIntake } from '../../../cli/secrets.js';
import { throwIfFailed } from '../../../cli/step-command.js';
import { validateClientId, validateServerUrl } from '../../../cli/validate.js';
import { run } from '../../../engine/engine.js';
import type { Secret } from '../../../engine/secret.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import { ringCentralAuthProvider, ringCentralCallbackUrl } from '../../../guide/ringcentral-auth-provider.js';
import { ringCentralPlatform, type RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import { ringCentralRedirectUriStep, rotatedSecretStep } from '../../../guide/next-steps.js';
import { OrgAccess } from '../../../org/org-access.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.create-auth-provider');
const shared = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

export const RINGCENTRAL_CLIENT_SECRET: SecretIntake = {
  name: 'RingCentral client secret',
  envVar: 'RINGCENTRAL_CLIENT_SECRET',
  stdinFlag: 'client-secret-stdin',
};

export type CreateAuthProviderResult = {
  dryRun: boolean;
  provider: 'ringcentral';
  environment: RingCentralEnvironment | 'custom';
  server: string;
  /** The Salesforce callback URL to register as the RingCentral app's OAuth redirect URI. */
  callbackUrl: string;
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
    'client-id': Flags.string({
      summary: shared.getMessage('flags.client-id.summary'),
      description: shared.getMessage('flags.client-id.description'),
      required: true,
    }),
    'client-secret-stdin': Flags.boolean({
      summary: shared.getMessage('flags.client-secret-stdin.summary'),
      description: shared.getMessage('flags.client-secret-stdin.description'),
      default: false,
    }),
    environment: Flags.option({
      summary: shared.getMessage('flags.environment.summary'),
      description: shared.getMessage('flags.environment.description'),
      options: ['production', 'sandbox'] as const,
      exclusive: ['server'],
    })(),
    server: Flags.string({
      summary: shared.getMessage('flags.server.summary'),
      description: shared.getMessage('flags.server.description'),
      exclusive: ['environment'],
    }),
    'dry-run': Flags.boolean({
      summary: shared.getMessage('flags.dry-run.summary'),
      default: false,
    }),
  };

  public async run(): Promise<CreateAuthProviderResult> {
    const { flags } = await this.parse(CreateAuthProvider);
    const dryRun = flags['dry-run'];

    // Every input is checked before the first call to the org.
    const clientId = validateClientId(flags['client-id']);
    const platform = ringCentralPlatform(flags.environment ?? 'production', flags.server ? validateServerUrl(flags.server) : undefined);
    if (platform.environment === 'sandbox') this.warn(shared.getMessage('warning.Sandbox'));
    let clientSecret = await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']);

    const org = await OrgAccess.connect(flags['target-org'], flags['api-version']);
    this.spinner.start(messages.getMessage('progress.Reading'));
    const facts = await org.facts();
    const callbackUrl = ringCentralCallbackUrl(facts.myDomainUrl);
    const desired = (secret?: Secret): ReturnType<typeof ringCentralAuthProvider> =>
      ringCentralAuthProvider({ clientId, clientSecret: secret, platform });

    const components = await run([desired(clientSecret)], org, {
      dryRun,
      prepare: async (items) => {
        // The secret is needed only to create the provider: an existing one keeps its write-once secret.
        if (items[0].action !== 'create' || clientSecret) return;
        this.spinner.stop();
        if (!process.stdin.isTTY || this.jsonEnabled()) throw missingSecretError(RINGCENTRAL_CLIENT_SECRET);
        clientSecret = await promptForSecret(RINGCENTRAL_CLIENT_SECRET, (opts) => this.secretPrompt(opts));
        items[0].component = desired(clientSecret);
        this.spinner.start(messages.getMessage('progress.Writing'));
      },
    });
    this.spinner.stop();

    const keyChanged = components[0].action === 'update' && components[0].changes.some((c) => c.field === 'consumerKey');
    const nextSteps = [
      ringCentralRedirectUriStep(callbackUrl),
      ...(keyChanged ? [rotatedSecretStep(facts.myDomainUrl, 'Ring Central')] : []),
    ];
    const result: CreateAuthProviderResult = {
      dryRun,
      provider: 'ringcentral',
      environment: platform.environment,
      server: platform.server,
      callbackUrl,
      components,
      nextSteps,
    };
    if (components[0].action === 'create' && dryRun && !clientSecret) this.warn(messages.getMessage('warning.SecretNeededToCreate'));

    this.log(renderComponents(components, dryRun).join('\n'));
    this.log(`\n${messages.getMessage('info.CallbackUrl', [callbackUrl])}`);
    this.log(renderNextSteps(nextSteps).join('\n'));
    throwIfFailed(result);
    return result;
  }
}
