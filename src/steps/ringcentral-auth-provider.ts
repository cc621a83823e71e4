import { Messages } from '@salesforce/core';
import { run } from '../engine/engine.js';
import { RINGCENTRAL_CLIENT_SECRET, type Secret } from '../model/secret.js';
import { ringCentralAuthProvider, ringCentralCallbackUrl } from '../guide/ringcentral-auth-provider.js';
import type { RingCentralPlatform } from '../guide/ringcentral-environment.js';
import { ringCentralRedirectUriStep, rotatedSecretStep } from '../guide/next-steps.js';
import { readRingCentralAuthProvider, resolveRingCentralPlatform } from './ringcentral-platform.js';
import { engineOptions, type GuideStep } from './step.js';
import { setupUrl } from '../guide/setup-urls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

export type RingCentralAuthProviderStepInputs = {
  clientId: string;
  /** Given up front (environment, stdin); otherwise asked for only when the provider must be created. */
  clientSecret?: Secret;
  /** From --environment / --server; without them, the platform the org's provider points at (resolveRingCentralPlatform). */
  platform?: RingCentralPlatform;
};

export type RingCentralAuthProviderDetails = {
  /** The Salesforce callback URL to register as the RingCentral app's OAuth redirect URI. */
  callbackUrl: string;
  /** The RingCentral platform the provider points at. */
  platform: RingCentralPlatform;
};

/** Guide task "Add RingCentral as an Authorized Provider". */
export const RingCentralAuthProviderStep: GuideStep<RingCentralAuthProviderStepInputs, RingCentralAuthProviderDetails> =
  {
    id: 'ringcentral-auth-provider',
    title: 'Add RingCentral as an Authorized Provider',
    dependsOn: [],
    reads: (_inputs, _facts, org) => readRingCentralAuthProvider(org),
    async execute(inputs, ctx) {
      const resolved = resolveRingCentralPlatform(inputs.platform, await readRingCentralAuthProvider(ctx.org));
      const { platform } = resolved;
      const desired = (clientSecret?: Secret): ReturnType<typeof ringCentralAuthProvider> =>
        ringCentralAuthProvider({ clientId: inputs.clientId, clientSecret, platform });
      const callbackUrl = ringCentralCallbackUrl(ctx.facts.myDomainUrl);

      const components = await run([desired(inputs.clientSecret)], ctx.org, {
        ...engineOptions(ctx),
        // The secret is needed only to create the provider: an existing one keeps its write-once secret.
        prepare: async ([item]) => {
          if (item.action === 'create' && !inputs.clientSecret)
            item.component = desired(await ctx.requireSecret(RINGCENTRAL_CLIENT_SECRET));
        },
      });

      const [provider] = components;
      const keyChanged =
        provider.action === 'update' &&
        provider.status !== 'failed' &&
        provider.changes.some((c) => c.field === 'consumerKey');
      const warnings: string[] = [...resolved.warnings];
      const secretNeeded = provider.action === 'create' && ctx.dryRun && !inputs.clientSecret;
      if (secretNeeded) {
        warnings.push(
          messages.getMessage('warning.SecretNeededToCreate', [
            RINGCENTRAL_CLIENT_SECRET.name,
            RINGCENTRAL_CLIENT_SECRET.envVar,
            RINGCENTRAL_CLIENT_SECRET.stdinFlag,
          ]),
        );
      }
      // A secret given for an existing provider cannot be applied (write-once): say so rather than drop it silently.
      if (provider.action !== 'create' && inputs.clientSecret && !keyChanged) {
        warnings.push(
          messages.getMessage('warning.SecretNotApplied', [setupUrl(ctx.facts.myDomainUrl, 'AuthProviders')]),
        );
      }
      return {
        components,
        nextSteps: [
          ringCentralRedirectUriStep(callbackUrl),
          ...(keyChanged ? [rotatedSecretStep(ctx.facts.myDomainUrl, 'Ring Central')] : []),
        ],
        warnings,
        details: { callbackUrl, platform },
        ...(secretNeeded ? { secretsNeeded: [RINGCENTRAL_CLIENT_SECRET] } : {}),
      };
    },
  };
