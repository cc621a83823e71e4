import { Messages } from '@salesforce/core';
import { run } from '../engine/engine.js';
import { metadataRef, type ComponentResult, type CurrentState, type Fields, type MetadataComponent } from '../model/component.js';
import { eciCallbackUrl } from '../guide/eci-auth-provider.js';
import {
  ECI_CONNECTED_APP,
  ECI_EXTERNAL_CLIENT_APP,
  eciConnectedApp,
  eciExternalClientApp,
  type ConsumerCredentials,
  type EciAppKind,
} from '../guide/eci-connected-app.js';
import { missingProfiles } from '../org/credentials.js';
import { generateConsumerCredentials } from './consumer-credentials.js';
import type { GuideStep, StepContext } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

/** Handoff key: the consumer key and secret of an app created in this run, for the ECI auth provider step. */
export const ECI_APP_CREDENTIALS = 'eci-connected-app.credentials';

/** `auto`: the guide's Connected App, or the External Client App when the org refuses new Connected Apps. */
export type EciAppType = 'auto' | 'connected-app' | 'external-client-app';

export type EciConnectedAppStepInputs = {
  contactEmail: string;
  profiles: readonly string[];
  appType: EciAppType;
  /** Where a new app's consumer key and secret come from (tests pass their own). */
  generateCredentials?: () => ConsumerCredentials;
};

export type EciConnectedAppDetails = {
  /** The kind of app asked for (inputs.appType). */
  appType: EciAppType;
  /** The profiles given access to the app (inputs.profiles). */
  profiles: readonly string[];
  /** Which kind of app holds the ECI OAuth client. */
  appKind: EciAppKind;
  /** The callback URL the app has: the ECI auth provider's, on the org's My Domain. */
  callbackUrl: string;
  /** Why an External Client App was made instead of the guide's Connected App (Salesforce's words). */
  fallbackReason?: string;
  /** Whether this run created the app with a key and secret the plugin chose (passed on in memory only). */
  credentialsGenerated: boolean;
};

const HEADER_TYPE: Record<EciAppKind, string> = { ConnectedApp: 'ConnectedApp', ExternalClientApplication: 'ExternalClientApplication' };
/** The part of each kind that carries the consumer key and secret. */
const CREDENTIALS_PART: Record<EciAppKind, { type: string; fullName: string }> = {
  ConnectedApp: { type: 'ConnectedApp', fullName: ECI_CONNECTED_APP.fullName },
  ExternalClientApplication: { type: 'ExtlClntAppGlobalOauthSettings', fullName: ECI_EXTERNAL_CLIENT_APP.globalOauthSettings },
};

const key = (type: string, fullName: string): string => `${type}:${fullName}`;

/** Every part either kind of app can have: read once, to choose the kind and keep what the admin set. */
const PARTS: Array<[string, string]> = [
  ['ConnectedApp', ECI_CONNECTED_APP.fullName],
  ['ExternalClientApplication', ECI_EXTERNAL_CLIENT_APP.header],
  ['ExtlClntAppOauthSettings', ECI_EXTERNAL_CLIENT_APP.oauthSettings],
  ['ExtlClntAppGlobalOauthSettings', ECI_EXTERNAL_CLIENT_APP.globalOauthSettings],
  ['ExtlClntAppOauthConfigurablePolicies', ECI_EXTERNAL_CLIENT_APP.oauthPolicies],
];

async function readParts(ctx: StepContext): Promise<Map<string, CurrentState>> {
  const states = await ctx.org.readMetadata(PARTS.map(([type, name]) => metadataRef(type, name)));
  return new Map(PARTS.map(([type, name], i) => [key(type, name), states[i]]));
}

const fieldsOf = (state: CurrentState | undefined): Fields | undefined => (state?.exists ? state.fields : undefined);

function chooseKind(appType: EciAppType, parts: Map<string, CurrentState>): EciAppKind {
  if (appType === 'connected-app') return 'ConnectedApp';
  if (appType === 'external-client-app') return 'ExternalClientApplication';
  // An existing app is updated in place, whatever its kind; a new one is the guide's Connected App first.
  if (parts.get(key('ConnectedApp', ECI_CONNECTED_APP.fullName))?.exists) return 'ConnectedApp';
  if (parts.get(key('ExternalClientApplication', ECI_EXTERNAL_CLIENT_APP.header))?.exists) return 'ExternalClientApplication';
  return 'ConnectedApp';
}

const createRefused = (kind: EciAppKind, results: readonly ComponentResult[]): ComponentResult | undefined =>
  results.find((r) => r.type === HEADER_TYPE[kind] && r.action === 'create' && r.status === 'failed');

/**
 * Guide task "Set Up the Connected App". The platform decides much of how: an existing app is updated in place
 * without its consumer key; a new one gets a key and secret the plugin chooses; since Spring '26 most orgs
 * refuse new Connected Apps, and then (with `auto`) the same app is made as an External Client App.
 */
export const EciConnectedAppStep: GuideStep<EciConnectedAppStepInputs, EciConnectedAppDetails> = {
  id: 'eci-connected-app',
  title: 'Set Up the Connected App',
  dependsOn: [],
  async execute(inputs, ctx) {
    // Every profile must exist before anything is written.
    const missing = await missingProfiles(ctx.org, inputs.profiles);
    if (missing.length > 0) throw messages.createError('error.UnknownProfile', [missing.map((p) => `"${p}"`).join(', ')]);

    const parts = await readParts(ctx);
    const current = (type: string, fullName: string): Fields | undefined => fieldsOf(parts.get(key(type, fullName)));
    const base = { contactEmail: inputs.contactEmail, profiles: inputs.profiles, myDomainUrl: ctx.facts.myDomainUrl };
    let generated: ConsumerCredentials | undefined;
    const credentialsFor = (kind: EciAppKind): ConsumerCredentials | undefined => {
      const holder = CREDENTIALS_PART[kind];
      if (parts.get(key(holder.type, holder.fullName))?.exists) return undefined; // the platform refuses a key on update
      generated ??= (inputs.generateCredentials ?? generateConsumerCredentials)();
      return generated;
    };
    const desired = (kind: EciAppKind): MetadataComponent[] => {
      const credentials = credentialsFor(kind);
      const withCredentials = { ...base, ...(credentials ? { credentials } : {}) };
      if (kind === 'ConnectedApp') return [eciConnectedApp(withCredentials, current('ConnectedApp', ECI_CONNECTED_APP.fullName))];
      return eciExternalClientApp(
        withCredentials,
        Object.fromEntries(PARTS.map(([type, name]) => [name, current(type, name)]))
      );
    };
    const apply = (kind: EciAppKind): Promise<ComponentResult[]> =>
      run(desired(kind), ctx.org, { dryRun: ctx.dryRun, onProgress: ctx.onProgress });

    let kind = chooseKind(inputs.appType, parts);
    let components = await apply(kind);
    let fallbackReason: string | undefined;
    const warnings: string[] = [];

    const refusedConnectedApp = kind === 'ConnectedApp' ? createRefused(kind, components) : undefined;
    if (refusedConnectedApp && inputs.appType === 'auto' && refusedConnectedApp.error?.meaning === 'blocked') {
      fallbackReason = refusedConnectedApp.error?.message ?? '';
      kind = 'ExternalClientApplication';
      components = await apply(kind);
      if (!createRefused(kind, components)) warnings.push(messages.getMessage('warning.FellBack', [fallbackReason]));
    }

    const refused = createRefused(kind, components);
    if (refused) {
      const error =
        fallbackReason !== undefined
          ? messages.createError('error.BothAppKindsRefused', [fallbackReason, refused.error?.message ?? ''])
          : messages.createError(kind === 'ConnectedApp' ? 'error.ConnectedAppRefused' : 'error.ExternalClientAppRefused', [
              refused.error?.message ?? '',
            ]);
      error.setData({ components });
      throw error;
    }

    if (ctx.dryRun && inputs.appType === 'auto' && kind === 'ConnectedApp' && components[0].action === 'create') {
      warnings.push(messages.getMessage('warning.MayFallBack'));
    }

    // The key and secret are passed on (in memory) only once the org holds them.
    const holder = CREDENTIALS_PART[kind];
    const stored = components.find((r) => r.type === holder.type && r.name === holder.fullName)?.status === 'created';
    if (generated && stored) ctx.handoff.set(ECI_APP_CREDENTIALS, generated);

    return {
      components,
      nextSteps: [],
      warnings,
      details: {
        appType: inputs.appType,
        profiles: inputs.profiles,
        appKind: kind,
        callbackUrl: eciCallbackUrl(ctx.facts.myDomainUrl),
        ...(fallbackReason !== undefined ? { fallbackReason } : {}),
        credentialsGenerated: Boolean(generated && stored),
      },
    };
  },
};
