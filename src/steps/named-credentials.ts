import { Messages } from '@salesforce/core';
import { run } from '../engine/engine.js';
import { metadataRef, type MetadataComponent, type NextStep } from '../model/component.js';
import { settled } from '../org/read-plan.js';
import type { OrgReads } from '../org/port.js';
import {
  authProviderOf,
  ECI_NAMED_CREDENTIAL,
  eciNamedCredential,
  namedCredentialConsentUrl,
  RINGCENTRAL_NAMED_CREDENTIAL,
  ringCentralNamedCredential,
  type NamedCredentialProvider,
} from '../guide/named-credentials.js';
import type { RingCentralPlatform } from '../guide/ringcentral-environment.js';
import { authProviderExists, namedCredentialId } from '../org/credentials.js';
import { readRingCentralAuthProvider, resolveRingCentralPlatform } from './ringcentral-platform.js';
import { engineOptions, type GuideStep, type StepContext, type StepOutcome } from './step.js';
import { setupUrl } from '../guide/setup-urls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

export type NamedCredentialDetails = {
  provider: NamedCredentialProvider;
  /** The named credential's API name, e.g. `Ring_Central`. */
  namedCredential: string;
  /** The URL suffix of the auth provider it signs in with. */
  authProvider: string;
  endpoint: string;
  /** Its record Id, once it exists. */
  namedCredentialId?: string;
  /** The URL that starts its OAuth consent ("Start Authentication Flow on Save" has no API). */
  consentUrl?: string;
  /** RingCentral only: the platform its endpoint follows. */
  platform?: RingCentralPlatform;
};

export type RingCentralNamedCredentialStepInputs = {
  /** From --environment / --server; without them, the platform the org's RingCentral auth provider points at. */
  platform?: RingCentralPlatform;
};

type Spec<Inputs> = {
  /** The components `desired` reads (besides the auth provider and the named credential itself). */
  reads?: (org: OrgReads) => Promise<unknown>;
  provider: NamedCredentialProvider;
  id: string;
  title: string;
  dependsOn: readonly string[];
  names: { fullName: string; label: string };
  desired(
    inputs: Inputs,
    ctx: StepContext,
  ): Promise<{ component: MetadataComponent; warnings: string[]; platform?: RingCentralPlatform }>;
};

/** The consent only a person can give, with the exact URL that starts it. */
function consentStep(
  provider: NamedCredentialProvider,
  label: string,
  myDomainUrl: string,
  consentUrl?: string,
): NextStep {
  return {
    title: messages.getMessage('consent.title', [label]),
    url: consentUrl ?? setupUrl(myDomainUrl, 'NamedCredential'),
    detail: messages.getMessage(consentUrl ? `consent.detail.${provider}` : `consent.detailNoId.${provider}`, [label]),
  };
}

function namedCredentialStep<Inputs>(spec: Spec<Inputs>): GuideStep<Inputs, NamedCredentialDetails> {
  return {
    id: spec.id,
    title: spec.title,
    dependsOn: spec.dependsOn,
    // The auth provider, the named credential and its record Id (read for the consent URL once it exists) at once.
    reads: (_inputs, _facts, org) =>
      settled([
        spec.reads?.(org) ?? Promise.resolve(),
        authProviderExists(org, authProviderOf(spec.provider).fullName),
        org.readMetadata([metadataRef('NamedCredential', spec.names.fullName)]),
        namedCredentialId(org, spec.names.fullName),
      ] as const),
    async execute(inputs, ctx): Promise<StepOutcome<NamedCredentialDetails>> {
      const { component, warnings, platform } = await spec.desired(inputs, ctx);
      const authProvider = authProviderOf(spec.provider);

      // The platform refuses a named credential whose auth provider is missing; say so before writing anything.
      if (!(await authProviderExists(ctx.org, authProvider.fullName))) {
        const args = [spec.names.label, authProvider.friendlyName, authProvider.fullName];
        if (!ctx.dryRun) throw messages.createError('error.AuthProviderMissing', args, [spec.provider]);
        // Within configure's dry run the auth provider is planned too: nothing to warn about.
        if (!ctx.dependenciesToCreate?.length)
          warnings.push(messages.getMessage('warning.AuthProviderMissing', [...args, spec.provider]));
      }

      const components = await run([component], ctx.org, engineOptions(ctx));
      const [result] = components;
      const exists = result.status !== 'failed' && !(ctx.dryRun && result.action === 'create');
      const id = exists ? await namedCredentialId(ctx.org, spec.names.fullName) : undefined;
      const scope = typeof component.fields.oauthScope === 'string' ? component.fields.oauthScope : undefined;
      const consentUrl = id
        ? namedCredentialConsentUrl(ctx.facts.myDomainUrl, ctx.facts.orgId, authProvider.fullName, id, scope)
        : undefined;
      return {
        components,
        nextSteps:
          result.status === 'failed'
            ? []
            : [consentStep(spec.provider, spec.names.label, ctx.facts.myDomainUrl, consentUrl)],
        warnings,
        details: {
          provider: spec.provider,
          namedCredential: spec.names.fullName,
          authProvider: authProvider.fullName,
          endpoint: typeof component.fields.endpoint === 'string' ? component.fields.endpoint : '',
          ...(id ? { namedCredentialId: id } : {}),
          ...(consentUrl ? { consentUrl } : {}),
          ...(platform ? { platform } : {}),
        },
      };
    },
  };
}

/** Guide task "Add RingCentral Named Credentials". */
export const RingCentralNamedCredentialStep = namedCredentialStep<RingCentralNamedCredentialStepInputs>({
  provider: 'ringcentral',
  id: 'ringcentral-named-credential',
  title: 'Add RingCentral Named Credentials',
  dependsOn: ['ringcentral-auth-provider'],
  names: RINGCENTRAL_NAMED_CREDENTIAL,
  desired: async (inputs, ctx) => {
    const { platform, warnings } = resolveRingCentralPlatform(
      inputs.platform,
      await readRingCentralAuthProvider(ctx.org),
    );
    return { component: ringCentralNamedCredential(platform), warnings, platform };
  },
});

/** Guide task "Add ECI Named Credentials". */
export const EciNamedCredentialStep = namedCredentialStep<Record<string, never>>({
  provider: 'eci',
  id: 'eci-named-credential',
  title: 'Add ECI Named Credentials',
  dependsOn: ['eci-auth-provider'],
  names: ECI_NAMED_CREDENTIAL,
  desired: (_inputs, ctx) => Promise.resolve({ component: eciNamedCredential(ctx.facts.myDomainUrl), warnings: [] }),
});
