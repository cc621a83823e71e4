import { Messages, SfError } from '@salesforce/core';
import { failedByFault } from '../engine/apply.js';
import { planCreations, run } from '../engine/engine.js';
import {
  metadataRef,
  type ComponentResult,
  type CurrentState,
  type Fields,
  type MetadataComponent,
} from '../model/component.js';
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
import {
  isExternalClientAppsUnavailable,
  readExternalClientApp,
  type ExpectedParts,
  type ExternalClientAppState,
} from '../org/external-client-app.js';
import type { ExternalClientAppPartType } from '../org/platform-rules.js';
import { generateConsumerCredentials } from './consumer-credentials.js';
import type { OrgReads } from '../org/port.js';
import { settled } from '../org/read-plan.js';
import { badInput, engineOptions, type GuideStep, type StepContext } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

/** `auto`: the guide's Connected App, or the External Client App when the org refuses new Connected Apps. */
export type EciAppType = 'auto' | 'connected-app' | 'external-client-app';

export type EciConnectedAppStepInputs = {
  contactEmail: string;
  profiles: readonly string[];
  appType: EciAppType;
  /**
   * An export (--output-dir): with `auto` and neither app in the org, the External Client App at once. A Spring '26 org
   * refuses a new Connected App, and a project's deploy cannot fall back as a run does.
   */
  exporting?: boolean;
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
  /** Whether this run created a Connected App with a key and secret the plugin chose (an External Client App's are the org's). */
  credentialsGenerated: boolean;
};

const NAME = ECI_CONNECTED_APP.fullName;

/** The names this plugin gives the External Client App's parts: read by them first. */
export const EXPECTED_PARTS: ExpectedParts = {
  ExtlClntAppOauthSettings: ECI_EXTERNAL_CLIENT_APP.oauthSettings,
  ExtlClntAppGlobalOauthSettings: ECI_EXTERNAL_CLIENT_APP.globalOauthSettings,
  ExtlClntAppOauthConfigurablePolicies: ECI_EXTERNAL_CLIENT_APP.oauthPolicies,
  ExtlClntAppConfigurablePolicies: ECI_EXTERNAL_CLIENT_APP.policies,
};

/** What the org has of each component of the External Client App, as read with its app (nothing is read again). */
function externalClientAppStates(
  components: readonly MetadataComponent[],
  eca: ExternalClientAppState,
): Map<MetadataComponent, CurrentState> {
  return new Map(
    components.map((c): [MetadataComponent, CurrentState] => {
      if (c.type === 'ExternalClientApplication') return [c, eca.header];
      const part = eca.parts[c.type as ExternalClientAppPartType];
      return [c, part ? { exists: true, fields: part.fields } : { exists: false }];
    }),
  );
}

const fieldsOf = (state: CurrentState | undefined): Fields | undefined => (state?.exists ? state.fields : undefined);

/**
 * The refused create of a new app: its Connected App, or any part of a new External Client App (one deploy). Refused
 * by Salesforce: a call that did not get through (a lost answer, an expired session) is no refusal, and is reported
 * in its own words as the step's failure.
 */
function createRefused(kind: EciAppKind, results: readonly ComponentResult[]): ComponentResult | undefined {
  const refused = (r: ComponentResult | undefined): boolean => r?.status === 'failed' && !failedByFault(r);
  const header = results.find((r) => r.type === kind);
  if (header?.action !== 'create') return undefined;
  return kind === 'ConnectedApp' ? (refused(header) ? header : undefined) : results.find(refused);
}

/** The External Client App's header and, beside it, its parts by the names this plugin gives them (one round). */
const readExternalClientAppAtOnce = (org: OrgReads): Promise<unknown> =>
  settled([
    readExternalClientApp(org, NAME, EXPECTED_PARTS),
    org.readMetadata(Object.entries(EXPECTED_PARTS).map(([type, fullName]) => metadataRef(type, fullName))),
  ] as const);

/** Tolerant read for choosing the kind: an org without External Client Apps simply has none. */
async function readExternalClientAppIfAny(ctx: StepContext): Promise<ExternalClientAppState | undefined> {
  try {
    return await readExternalClientApp(ctx.org, NAME, EXPECTED_PARTS);
  } catch (error) {
    if (isExternalClientAppsUnavailable(error)) return undefined;
    throw error;
  }
}

/**
 * Guide task "Set Up the Connected App". The platform decides much of how: an existing app is updated in place
 * without its consumer key; since Spring '26 most orgs refuse new Connected Apps, and then (with `auto`) the same app
 * is made as an External Client App, all its parts in one deploy. The Connected App is read first, and External Client
 * App types only where that path needs them (an org with them off faults on any read of them). After creating an app
 * of either kind, its consumer key and secret are read back from the org, and what the org holds is handed on.
 */
export const EciConnectedAppStep: GuideStep<EciConnectedAppStepInputs, EciConnectedAppDetails> = {
  id: 'eci-connected-app',
  title: 'Set Up the Connected App',
  dependsOn: [],
  // The profiles and the Connected App first; the External Client App's header and its parts by the names this plugin
  // gives them in one round, where execute reads them: asked for (with the first round), or with `auto` where there is
  // no Connected App (an org with its types off refuses any read of them, and an org with a Connected App never sees one).
  async reads(inputs, _facts, org) {
    const asked = inputs.appType === 'external-client-app';
    const [, [connectedApp]] = await settled([
      missingProfiles(org, inputs.profiles),
      org.readMetadata([metadataRef('ConnectedApp', NAME)]),
      asked ? readExternalClientAppAtOnce(org) : Promise.resolve(),
    ] as const);
    if (inputs.appType === 'auto' && !connectedApp.exists) await readExternalClientAppAtOnce(org);
  },
  async execute(inputs, ctx) {
    // Every profile must exist before anything is written.
    const missing = await missingProfiles(ctx.org, inputs.profiles);
    if (missing.length > 0)
      throw badInput(messages.createError('error.UnknownProfile', [missing.map((p) => `"${p}"`).join(', ')]));

    const [connectedApp] = await ctx.org.readMetadata([metadataRef('ConnectedApp', NAME)]);
    const base = { contactEmail: inputs.contactEmail, profiles: inputs.profiles, myDomainUrl: ctx.facts.myDomainUrl };
    const options = engineOptions(ctx);
    let generated: ConsumerCredentials | undefined;
    let eca: ExternalClientAppState | undefined;

    const applyConnectedApp = async (): Promise<ComponentResult[]> => {
      // A key and secret only for a new app: the platform refuses a key on update.
      if (!connectedApp.exists) generated ??= (inputs.generateCredentials ?? generateConsumerCredentials)();
      const component = eciConnectedApp(
        { ...base, ...(!connectedApp.exists && generated ? { credentials: generated } : {}) },
        fieldsOf(connectedApp),
      );
      // The block can come as a whole-call fault too: the engine reads it as the component's refusal.
      return run([component], ctx.org, options);
    };
    const applyExternalClientApp = async (): Promise<ComponentResult[]> => {
      eca ??= await readExternalClientApp(ctx.org, NAME, EXPECTED_PARTS);
      const components = eciExternalClientApp(base, { header: fieldsOf(eca.header), parts: eca.parts });
      return run(components, ctx.org, { ...options, known: externalClientAppStates(components, eca) });
    };

    let kind: EciAppKind;
    if (inputs.appType === 'connected-app') kind = 'ConnectedApp';
    else if (inputs.appType === 'external-client-app') kind = 'ExternalClientApplication';
    else if (connectedApp.exists) kind = 'ConnectedApp';
    else {
      // No Connected App: an External Client App made before (by an earlier run on a Spring '26 org) is updated in place.
      eca = await readExternalClientAppIfAny(ctx);
      kind = eca?.header.exists || inputs.exporting ? 'ExternalClientApplication' : 'ConnectedApp';
    }

    let components = kind === 'ConnectedApp' ? await applyConnectedApp() : await applyExternalClientApp();
    let fallbackReason: string | undefined;
    const warnings: string[] = [];

    const refusedConnectedApp = kind === 'ConnectedApp' ? createRefused(kind, components) : undefined;
    if (refusedConnectedApp && inputs.appType === 'auto' && refusedConnectedApp.error?.meaning === 'blocked') {
      fallbackReason = refusedConnectedApp.error?.message ?? '';
      kind = 'ExternalClientApplication';
      try {
        components = await applyExternalClientApp();
      } catch (error) {
        if (!isExternalClientAppsUnavailable(error)) throw error;
        throw messages.createError('error.BothAppKindsRefused', [fallbackReason, (error as Error).message]);
      }
      if (!createRefused(kind, components)) warnings.push(messages.getMessage('warning.FellBack', [fallbackReason]));
    }

    const refused = createRefused(kind, components);
    if (refused) {
      const reason = refused.error?.message ?? '';
      let error: SfError;
      // The OAuth settings types' access rules (a setting and a permission) are no refusal of the app kind itself.
      if (refused.error?.name === 'OAuthSettingsAccessError')
        error = new SfError(reason, refused.error.name, refused.error.actions);
      else if (fallbackReason !== undefined)
        error = messages.createError('error.BothAppKindsRefused', [fallbackReason, reason]);
      else if (kind === 'ExternalClientApplication')
        error = messages.createError('error.ExternalClientAppRefused', [reason]);
      else {
        // A block the plugin recognised (with --app-type connected-app) points to auto; any other refusal may still be a
        // block in words the plugin does not know: the way out is to ask for the External Client App.
        const actions =
          refused.error?.meaning === 'blocked'
            ? 'error.ConnectedAppRefused.actions'
            : 'error.ConnectedAppRefusedUnrecognised.actions';
        error = new SfError(
          messages.getMessage('error.ConnectedAppRefused', [reason]),
          'ConnectedAppRefusedError',
          messages.getMessages(actions),
        );
      }
      error.setData({ components });
      throw error;
    }

    if (ctx.dryRun && kind === 'ConnectedApp' && components[0].action === 'create') {
      if (inputs.exporting) warnings.push(messages.getMessage('warning.ExportedConnectedApp'));
      else if (inputs.appType === 'auto') {
        warnings.push(messages.getMessage('warning.MayFallBack'));
        // What a real run makes if the org refuses the Connected App, for --validate to check too.
        const alternative = ctx.onAlternativePlan;
        if (alternative)
          planCreations(eciExternalClientApp(base), (items) => alternative({ type: kind, name: NAME }, items));
      }
    }

    // After creating an app, the ECI auth provider gets the key and secret the org holds: a Connected App stores the
    // ones chosen at its creation; an External Client App's are the org's own, read by that step once it is listed.
    const created = components.find((r) => r.type === kind)?.status === 'created';
    if (created && kind === 'ConnectedApp' && generated) ctx.handoff.eciAppCredentials = generated;
    if (created && kind === 'ExternalClientApplication') ctx.handoff.eciExternalClientAppCreated = true;

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
        credentialsGenerated: Boolean(kind === 'ConnectedApp' && generated && created),
      },
    };
  },
};
