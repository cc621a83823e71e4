import { Messages } from '@salesforce/core';
import { apply, plan, planResults } from '../engine/engine.js';
import { SECRET_MASK, type Secret } from '../model/secret.js';
import type { NextStep } from '../model/component.js';
import { ECI_AUTH_PROVIDER, eciAuthProvider, eciCallbackUrl } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP, type ConsumerCredentials } from '../guide/eci-connected-app.js';
import { readAppConsumerKey, readAppConsumerKeyOrFail, readAppCredentials } from '../org/credentials.js';
import { metadataRef } from '../model/component.js';
import type { GuideStep } from './step.js';
import { setupUrl } from '../guide/setup-urls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

export type EciAuthProviderStepInputs = {
  /** From ECI_CONSUMER_KEY, when set. */
  consumerKey?: Secret;
  /** From ECI_CONSUMER_SECRET or --consumer-secret-stdin, when given. */
  consumerSecret?: Secret;
};

/** Where the key and secret came from: the app created in this run, the environment, or the org's OAuth credentials API. */
export type EciCredentialsSource = 'connected-app' | 'environment' | 'org' | 'none';

export type EciAuthProviderDetails = {
  /** The auth provider's callback URL: the ECI connected app's callback URL. */
  callbackUrl: string;
  credentialsSource: EciCredentialsSource;
};

/** The API cannot change a stored consumer secret: a new key needs its secret entered in Setup. */
function rotatedSecretStep(myDomainUrl: string): NextStep {
  return {
    title: messages.getMessage('rotatedSecret.title', [ECI_AUTH_PROVIDER.friendlyName]),
    url: setupUrl(myDomainUrl, 'AuthProviders'),
    detail: messages.getMessage('rotatedSecret.detail', [ECI_AUTH_PROVIDER.friendlyName]),
  };
}

/**
 * Guide task "Add ECI as an Authorized Provider": a Salesforce-type auth provider with the ECI app's key and
 * secret. They come, in this order, from the app created earlier in the same run (in memory), from
 * ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET (or --consumer-secret-stdin), or from the org's OAuth credentials API
 * (only when the provider must be created).
 */
export const EciAuthProviderStep: GuideStep<EciAuthProviderStepInputs, EciAuthProviderDetails> = {
  id: 'eci-auth-provider',
  title: 'Add ECI as an Authorized Provider',
  dependsOn: ['eci-connected-app'],
  // The provider; an existing one without a key given is checked against its app's key (Connect REST, a chain of
  // three GETs). The secret (read only to create the provider, after the app is made) is never read ahead.
  // The app's key is read only for a provider that exists: read ahead of it, on a fresh org the app's credentials would
  // be read before the app is made and again after it.
  async reads(inputs, _facts, org) {
    const [provider] = await org.readMetadata([metadataRef('AuthProvider', ECI_AUTH_PROVIDER.fullName)]);
    if (provider.exists && !inputs.consumerKey) await readAppConsumerKeyOrFail(org, ECI_CONNECTED_APP.fullName);
  },
  async execute(inputs, ctx) {
    const handedOver = ctx.handoff.eciAppCredentials;
    let credentials: Partial<ConsumerCredentials> = handedOver ?? {
      consumerKey: inputs.consumerKey,
      consumerSecret: inputs.consumerSecret,
    };
    let source: EciCredentialsSource = handedOver
      ? 'connected-app'
      : inputs.consumerKey || inputs.consumerSecret
        ? 'environment'
        : 'none';
    const warnings: string[] = [];

    const items = await plan([eciAuthProvider(credentials, ctx.facts.myDomainUrl)], ctx.org);
    const [item] = items;

    if (item.action === 'create' && !(credentials.consumerKey && credentials.consumerSecret)) {
      if (ctx.dryRun) {
        // Within configure's dry run a newly planned app would hand its key and secret over: nothing to warn about.
        if (!ctx.dependenciesToCreate?.includes('eci-connected-app'))
          warnings.push(messages.getMessage('warning.CredentialsNeededToCreate', [ECI_CONNECTED_APP.label]));
      } else {
        // Both from one place: a key from one app and a secret from another would never work.
        credentials = await readAppCredentials(ctx.org, ECI_CONNECTED_APP.fullName);
        source = 'org';
        item.component = eciAuthProvider(credentials, ctx.facts.myDomainUrl);
      }
    }

    // Without a key given, the provider must hold its app's: one the app no longer has (the app made anew, a refreshed
    // sandbox, its key rotated) is given the app's key; its secret only Setup can change (a person's step).
    if (item.current.exists && !credentials.consumerKey) {
      const appKey = await readAppConsumerKey(ctx.org, ECI_CONNECTED_APP.fullName);
      if (appKey && !appKey.matches(item.current.fields.consumerKey)) {
        credentials = { consumerKey: appKey };
        source = 'org';
        item.component = eciAuthProvider(credentials, ctx.facts.myDomainUrl);
      }
    }

    // The diff never compares secrets; a consumer key that differs from the provider's is found here.
    let keyChanged = false;
    if (
      item.current.exists &&
      credentials.consumerKey &&
      !credentials.consumerKey.matches(item.current.fields.consumerKey)
    ) {
      keyChanged = true;
      item.changes.push({
        field: 'consumerKey',
        ...(item.current.fields.consumerKey ? { current: SECRET_MASK } : {}),
        desired: SECRET_MASK,
      });
      item.action = 'update';
    }

    ctx.onPlan?.(items);
    const components = ctx.dryRun ? planResults(items) : await apply(items, ctx.org, ctx.onProgress);
    const failed = components[0].status === 'failed';
    return {
      components,
      nextSteps: keyChanged && !failed ? [rotatedSecretStep(ctx.facts.myDomainUrl)] : [],
      warnings,
      details: { callbackUrl: eciCallbackUrl(ctx.facts.myDomainUrl), credentialsSource: source },
    };
  },
};
