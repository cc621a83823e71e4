import { Messages } from '@salesforce/core';
import { apply, plan, planResults } from '../engine/engine.js';
import { SECRET_MASK, type Secret } from '../model/secret.js';
import { metadataRef, type ComponentResult, type NextStep, type PlanItem } from '../model/component.js';
import { ECI_AUTH_PROVIDER, eciAuthProvider, eciCallbackUrl } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP, type ConsumerCredentials } from '../guide/eci-connected-app.js';
import {
  appConsumer,
  appConsumerKey,
  appConsumerKeyOrFail,
  externalClientAppId,
  NO_WAIT,
  readAppCredentials,
  type AppCredentials,
  type Wait,
} from '../org/credentials.js';
import { myDomainLoginUrl } from '../org/my-domain.js';
import { settled } from '../org/read-plan.js';
import { readSecretAccess } from '../org/secret-access.js';
import { setupUrl } from '../guide/setup-urls.js';
import { credentialsProblem } from '../org/credentials.js';
import { credentialsFailure } from './eci-credentials-failures.js';
import { EXPECTED_PARTS } from './eci-connected-app.js';
import { secretAccessLine, withSecretAccess, type SecretAccessReport, type SecretRead } from './secret-access.js';
import type { GuideStep, StepContext, StepOutcome } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

const APP = ECI_CONNECTED_APP.fullName;

export type EciAuthProviderStepInputs = {
  /** From ECI_CONSUMER_KEY, when set. */
  consumerKey?: Secret;
  /** From ECI_CONSUMER_SECRET or --consumer-secret-stdin, when given. */
  consumerSecret?: Secret;
  /** The admin allows turning the REST secrets setting on for the read (--allow-secret-read-via-rest). */
  secretReadViaRest?: boolean;
  /** How long to wait for an External Client App made in this run to be listed (tests pass a short one). */
  newAppWait?: Wait;
};

/** Where the key and secret came from: the app created in this run, the environment, or the org's OAuth credentials API. */
export type EciCredentialsSource = 'connected-app' | 'environment' | 'org' | 'none';

export type EciAuthProviderDetails = {
  /** The auth provider's callback URL: the ECI connected app's callback URL. */
  callbackUrl: string;
  credentialsSource: EciCredentialsSource;
  /** When the run turned the REST secrets setting on to read the key and secret: that it did, and turned it back. */
  secretAccess?: SecretAccessReport;
};

/** A new External Client App is listed within seconds to minutes (public notes): about half a minute of tries. */
export const NEW_APP_WAIT: Wait = { tries: 6, delayMs: 5000 };

type Outcome = StepOutcome<EciAuthProviderDetails>;
type Credentials = Partial<ConsumerCredentials>;
const complete = (c: Credentials): c is ConsumerCredentials => Boolean(c.consumerKey && c.consumerSecret);

/** The key and secret the run starts with: the app made in this run (in memory), or the environment. */
function startingCredentials(
  inputs: EciAuthProviderStepInputs,
  ctx: StepContext,
): { credentials: Credentials; source: EciCredentialsSource } {
  const handedOver = ctx.handoff.eciAppCredentials;
  if (handedOver) return { credentials: handedOver, source: 'connected-app' };
  const credentials = { consumerKey: inputs.consumerKey, consumerSecret: inputs.consumerSecret };
  return { credentials, source: credentials.consumerKey || credentials.consumerSecret ? 'environment' : 'none' };
}

/**
 * The ECI app's key and secret from the org: the app's id first (waited for when this run made the app; no setting
 * needed, so an org without the app never has the setting switched), then, under the REST secrets setting the admin
 * allowed the run to switch, its OAuth consumer and the key and secret.
 */
async function credentialsFromOrg(
  inputs: EciAuthProviderStepInputs,
  ctx: StepContext,
): Promise<SecretRead<AppCredentials>> {
  const wait = ctx.handoff.eciExternalClientAppCreated ? (inputs.newAppWait ?? NEW_APP_WAIT) : NO_WAIT;
  try {
    await externalClientAppId(ctx.org, APP, wait);
  } catch (error) {
    return { error };
  }
  return withSecretAccess(ctx, async () => readAppCredentials(ctx.org, APP, await appConsumer(ctx.org, APP, wait)));
}

/**
 * The key the provider must be given: one given (or handed over) that differs from the provider's, or, with none given,
 * the app's own as its metadata shows it (an app made anew, a refreshed sandbox, its key rotated).
 */
async function keyToWrite(ctx: StepContext, item: PlanItem, given: Credentials): Promise<Secret | undefined> {
  if (!item.current.exists) return undefined;
  const key = given.consumerKey ?? (await appConsumerKey(ctx.org, APP, EXPECTED_PARTS));
  return key && !key.matches(item.current.fields.consumerKey) ? key : undefined;
}

/** The API cannot change a stored consumer secret: a new key needs its secret entered in Setup by a person. */
function rotatedSecretStep(myDomainUrl: string): NextStep {
  return {
    title: messages.getMessage('rotatedSecret.title', [ECI_AUTH_PROVIDER.friendlyName]),
    url: setupUrl(myDomainUrl, 'AuthProviders'),
    detail: messages.getMessage('rotatedSecret.detail', [ECI_AUTH_PROVIDER.friendlyName]),
  };
}

/** What the step says besides its components: where the key and secret came from, what was done for the read. */
type Said = {
  source: EciCredentialsSource;
  nextSteps?: NextStep[];
  secretAccess?: SecretAccessReport;
  warnings?: string[];
  secretAccessNeeded?: boolean;
};

function outcomeOf(ctx: StepContext, components: ComponentResult[], said: Said): Outcome {
  const access = said.secretAccess
    ? [secretAccessLine(said.secretAccess, setupUrl(ctx.facts.myDomainUrl, 'ExternalClientApplicationSettings'))]
    : [];
  return {
    components,
    nextSteps: said.nextSteps ?? [],
    warnings: [...(said.warnings ?? []), ...access],
    details: {
      callbackUrl: eciCallbackUrl(ctx.facts.myDomainUrl),
      credentialsSource: said.source,
      ...(said.secretAccess ? { secretAccess: said.secretAccess } : {}),
    },
    ...(said.secretAccessNeeded ? { secretAccessNeeded: true } : {}),
  };
}

/** A dry run of a create without a key and secret: what a real run would do for them. */
async function dryRunNeeds(inputs: EciAuthProviderStepInputs, ctx: StepContext): Promise<Omit<Said, 'source'>> {
  // Within configure's dry run a newly planned app hands its key and secret over, or is read after it is made.
  if (ctx.dependenciesToCreate?.includes('eci-connected-app')) return {};
  const settingOff = inputs.secretReadViaRest && (await readSecretAccess(ctx.org).catch(() => undefined)) === false;
  return {
    warnings: [messages.getMessage('warning.CredentialsNeededToCreate', [ECI_CONNECTED_APP.label])],
    ...(settingOff ? { secretAccessNeeded: true } : {}),
  };
}

/**
 * The provider planned with its key and secret, written (or planned). One holding another key than its app is given
 * the app's key (the diff never compares credentials: the change is added here); its secret only Setup can change, so
 * a person's step says so.
 */
async function finish(ctx: StepContext, item: PlanItem, credentials: Credentials, said: Said): Promise<Outcome> {
  const key = await keyToWrite(ctx, item, credentials);
  if (key && item.component.kind === 'metadata') {
    item.component = { ...item.component, fields: { ...item.component.fields, consumerKey: key } };
    item.changes.push({ field: 'consumerKey', current: SECRET_MASK, desired: SECRET_MASK });
    item.action = 'update';
  }
  ctx.onPlan?.([item]);
  const components = ctx.dryRun ? planResults([item]) : await apply([item], ctx.org, ctx.onProgress);
  const secretStep = key && components[0].status !== 'failed' ? [rotatedSecretStep(ctx.facts.myDomainUrl)] : [];
  return outcomeOf(ctx, components, { ...said, nextSteps: secretStep });
}

/**
 * Whether the app the org does not list as an External Client App is a Connected App: one made before Spring '26, or
 * by a run that ended before it handed the app's key and secret over. No API gives a Connected App's secret.
 */
async function holdsConnectedApp(ctx: StepContext, error: unknown): Promise<boolean> {
  if (credentialsProblem(error) !== 'not-listed') return false;
  const [app] = await ctx.org.readMetadata([metadataRef('ConnectedApp', APP)]).catch(() => [undefined]);
  return app?.exists === true;
}

/**
 * Guide task "Add ECI as an Authorized Provider": a Salesforce-type auth provider with the ECI app's key and secret and
 * its endpoints on the org's My Domain. The key and secret come, in this order, from the app created earlier in the
 * same run (in memory), from ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET (or --consumer-secret-stdin), or from the org's
 * OAuth credentials API (only when the provider must be created; with the admin's consent the REST secrets setting is
 * turned on for that read and back off right after).
 */
export const EciAuthProviderStep: GuideStep<EciAuthProviderStepInputs, EciAuthProviderDetails> = {
  id: 'eci-auth-provider',
  title: 'Add ECI as an Authorized Provider',
  dependsOn: ['eci-connected-app'],
  // The provider, the My Domain of its endpoints (userinfo, only behind a custom domain), with the consent flag the REST
  // secrets setting and, without a key given, the app's id (plain SOQL on ExternalClientApplication: no setting, and
  // its answer or refusal stops nothing else) at once; then for an existing provider its app's key as the metadata
  // shows it (the connected app step reads the same), for a missing one the app's OAuth consumer (the credentials
  // resource, which no batch may hold). The secret itself is never read ahead.
  async reads(inputs, facts, org) {
    const appId = inputs.consumerKey ? undefined : externalClientAppId(org, APP).catch(() => undefined);
    const [[provider]] = await settled([
      org.readMetadata([metadataRef('AuthProvider', ECI_AUTH_PROVIDER.fullName)]),
      myDomainLoginUrl(org, facts.myDomainUrl),
      inputs.secretReadViaRest ? readSecretAccess(org) : Promise.resolve(undefined),
    ] as const);
    if (!appId) return;
    if (provider.exists) await appConsumerKeyOrFail(org, APP, EXPECTED_PARTS);
    else if (await appId) await appConsumer(org, APP);
  },
  async execute(inputs, ctx) {
    const loginUrl = await myDomainLoginUrl(ctx.org, ctx.facts.myDomainUrl);
    const { credentials, source } = startingCredentials(inputs, ctx);
    const [item] = await plan([eciAuthProvider(credentials, loginUrl)], ctx.org);
    if (item.action !== 'create' || complete(credentials)) return finish(ctx, item, credentials, { source });
    if (ctx.dryRun) {
      ctx.onPlan?.([item]);
      return outcomeOf(ctx, planResults([item]), { source, ...(await dryRunNeeds(inputs, ctx)) });
    }

    const read = await credentialsFromOrg(inputs, ctx);
    if ('error' in read) {
      const connectedApp = await holdsConnectedApp(ctx, read.error);
      const failed = credentialsFailure(planResults([item])[0], read.error, ctx, read.report, connectedApp);
      return outcomeOf(ctx, [failed], { source, secretAccess: read.report });
    }
    item.component = eciAuthProvider(read.value, loginUrl);
    return finish(ctx, item, read.value, { source: 'org', secretAccess: read.report });
  },
};
