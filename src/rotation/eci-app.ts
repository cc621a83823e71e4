/*
 * Rotating the ECI app's consumer key and secret. A local External Client App: stage a new pair next to the app's own
 * (both work), switch (the new pair becomes the app's; the former stays valid, Rotated, for up to 30 days), let a
 * person enter the new pair in the ECI auth provider (the API cannot change its stored secret; Setup shows the app's
 * current pair, never a staged one) and authorize the ECI named credential again (a token is bound to the key it was
 * issued to), prove it by read-only checks, and only then retire the former pair. A refused switch rolls back (the
 * staged pair is retired; the app's own never changed). Every stage is written down before the call that reaches it,
 * and the org's own state (the staged credential and its state) decides where a re-run goes on.
 */
import { Messages, SfError } from '@salesforce/core';
import { metadataRef } from '../model/component.js';
import { Secret } from '../model/secret.js';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import { ECI_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import {
  findOAuthConsumer,
  readStagedCredential,
  retireStaged,
  rotateToStaged,
  stageCredential,
  STAGED_CREDENTIALS_API,
  type StagedCredential,
} from '../org/credential-rotation.js';
import { errorCodeOf } from '../org/answers.js';
import type { AppConsumer } from '../org/credentials.js';
import { setupUrl } from '../guide/setup-urls.js';
import { secretAccessLine, withSecretAccess, type SecretAccessReport } from '../steps/secret-access.js';
import type { StepContext, StepOutcome } from '../steps/step.js';
import { eciConsentUrl, eciSteps } from './eci-app-steps.js';
import { calloutWorks, readProvider, savedSince } from './provider-state.js';
import type { EciProof, RotationDetails, RotationInputs, RotationProgress } from './types.js';
import { checkUntil } from './wait.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'rotate');

const APP = ECI_CONNECTED_APP.fullName;

export const proven = (p: EciProof): boolean => p.keyHanded && p.saved !== false && p.callout.status === 'pass';

/**
 * The ECI app's rotation, as a task of the run. Every credentials resource needs the org's REST secrets setting: with
 * the admin's consent it is on for this run's calls only (--wait included) and back off right after.
 */
export async function rotateEciApp(inputs: RotationInputs, ctx: StepContext): Promise<StepOutcome<RotationDetails>> {
  const [connectedApp] = await ctx.org.readMetadata([metadataRef('ConnectedApp', APP)]);
  if (connectedApp.exists)
    return outcome('handed-over', eciSteps(ctx, { connectedApp: true, consentUrl: await eciConsentUrl(ctx) }));
  if (ctx.dryRun || !ctx.secretAccess) return rotateExternalClientApp(inputs, ctx);
  const done = await withSecretAccess(ctx, () => rotateExternalClientApp(inputs, ctx));
  const page = setupUrl(ctx.facts.myDomainUrl, 'ExternalClientApplicationSettings');
  const line = done.report && secretAccessLine(done.report, page, 'rotation');
  if ('error' in done) throw withSecretAccessReport(done.error, done.report, line);
  if (!done.report) return done.value;
  const details = { ...done.value.details, secretAccess: done.report };
  return { ...done.value, details, warnings: [...done.value.warnings, line!] };
}

/**
 * The error a rotation under the switched setting ended in, carrying what was done with the setting (its data, and
 * its line among the actions): an interrupted run still reports it.
 */
function withSecretAccessReport(error: unknown, report?: SecretAccessReport, line?: string): unknown {
  if (!report || !line || !(error instanceof SfError)) return error;
  error.actions = [...(error.actions ?? []), line];
  const data = (error.data ?? {}) as Record<string, unknown>;
  return error.setData({ ...data, secretAccess: report, secretAccessLine: line });
}

/** A local External Client App's rotation: stage, switch, prove, retire (each stage written down before its call). */
async function rotateExternalClientApp(
  inputs: RotationInputs,
  ctx: StepContext,
): Promise<StepOutcome<RotationDetails>> {
  const consumer = await orgSays(() => findOAuthConsumer(ctx.org, APP));
  if (!consumer) throw messages.createError('error.NoEciApp', [APP]);
  let staged = await orgSays(() => readStagedCredential(ctx.org, consumer));
  if (ctx.dryRun) return outcome('planned', eciSteps(ctx, { staged }));
  const log = inputs.log;
  const orgId = ctx.facts.orgId;
  const pending = await log.read(orgId, 'eci-app');
  const warnings: string[] = [];
  if (staged?.state === 'Active' && !pending) warnings.push(messages.getMessage('warning.AdoptedStaged'));
  if (!staged && pending?.stage === 'switched') warnings.push(messages.getMessage('warning.FormerGone'));
  else if (!staged) staged = await stage(ctx, consumer, log);
  if (staged?.state === 'Active') staged = await switchTo(ctx, consumer, staged, log);
  const progress = (await log.read(orgId, 'eci-app')) ?? switched(consumer, staged, undefined);
  const proof = await checkUntil(() => prove(ctx, consumer, progress), proven, ctx.org, inputs.wait);
  if (!proven(proof))
    return outcome('waiting', eciSteps(ctx, { staged, proof, consentUrl: await eciConsentUrl(ctx) }), warnings, staged);
  if (staged) await retireStaged(ctx.org, consumer, staged.id);
  await log.clear(orgId, 'eci-app');
  return outcome('rotated', eciSteps(ctx, { staged, proof, retired: true }), warnings);
}

/** A new pair staged next to the app's own: written down before the call (an answer lost finds it staged). */
async function stage(ctx: StepContext, consumer: AppConsumer, log: RotationInputs['log']): Promise<StagedCredential> {
  const at = new Date().toISOString();
  await log.write(ctx.facts.orgId, { target: 'eci-app', stage: 'staging', at, consumer });
  const staged = await orgSays(() => stageCredential(ctx.org, consumer));
  await log.write(ctx.facts.orgId, { target: 'eci-app', stage: 'staged', at, consumer, stagedId: staged.id });
  return staged;
}

/**
 * The staged pair made the app's. A refused switch rolls back: the staged pair is retired and the app keeps its own.
 * An answer lost leaves the outcome to the org: the staged credential's state says whether the switch landed.
 */
async function switchTo(
  ctx: StepContext,
  consumer: AppConsumer,
  staged: StagedCredential,
  log: RotationInputs['log'],
): Promise<StagedCredential> {
  const provider = await readProvider(ctx.org, ECI_AUTH_PROVIDER.fullName);
  const base = { target: 'eci-app' as const, at: new Date().toISOString(), consumer, stagedId: staged.id };
  await log.write(ctx.facts.orgId, { ...base, stage: 'rotating' });
  try {
    await rotateToStaged(ctx.org, consumer, staged.id);
  } catch (error) {
    await rollBackIfNotSwitched(ctx, consumer, staged, error as SfError, log);
  }
  const former = await readStagedCredential(ctx.org, consumer);
  await log.write(ctx.facts.orgId, switched(consumer, former, provider.modifiedAt));
  return former ?? staged;
}

async function rollBackIfNotSwitched(
  ctx: StepContext,
  consumer: AppConsumer,
  staged: StagedCredential,
  error: SfError,
  log: RotationInputs['log'],
): Promise<void> {
  const now = await readStagedCredential(ctx.org, consumer);
  if (now?.state === 'Rotated') return;
  if (now?.id === staged.id) await retireStaged(ctx.org, consumer, staged.id);
  await log.clear(ctx.facts.orgId, 'eci-app');
  throw messages.createError('error.SwitchRefused', [error.message]);
}

function switched(
  consumer: AppConsumer,
  former: StagedCredential | undefined,
  providerModifiedAt: string | undefined,
): RotationProgress {
  return {
    target: 'eci-app',
    stage: 'switched',
    at: new Date().toISOString(),
    consumer,
    ...(former ? { stagedId: former.id } : {}),
    ...(providerModifiedAt ? { providerModifiedAt } : {}),
  };
}

/** Read-only: the provider holds the app's key now (saved since the switch), and the ECI callout works. */
async function prove(ctx: StepContext, consumer: AppConsumer, progress: RotationProgress): Promise<EciProof> {
  const [provider, appKey, callout] = await Promise.all([
    readProvider(ctx.org, ECI_AUTH_PROVIDER.fullName),
    currentKey(ctx, consumer),
    calloutWorks(ctx.org, ECI_NAMED_CREDENTIAL.fullName),
  ]);
  const held = provider.state.exists ? provider.state.fields.consumerKey : undefined;
  return {
    keyHanded: appKey?.matches(held) ?? false,
    saved: savedSince(provider, progress.providerModifiedAt),
    callout,
  };
}

/** The app's current consumer key (the credentials resource lists it with the consumer). */
async function currentKey(ctx: StepContext, consumer: AppConsumer): Promise<Secret | undefined> {
  const listed = await ctx.org.restGet<{ consumers?: Array<{ id?: string; key?: string }> }>(
    `/apps/oauth/credentials/${consumer.appId}`,
    STAGED_CREDENTIALS_API,
  );
  const key = listed.consumers?.find((c) => c.id === consumer.consumerId)?.key;
  return key ? new Secret(key) : undefined;
}

/** A refusal of the credentials resources in the plugin's words: the setting, the permissions, the API version. */
async function orgSays<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = errorCodeOf(error) ?? '';
    if (/FUNCTIONALITY_NOT_ENABLED|INSUFFICIENT_ACCESS|NOT_AUTHORIZED/.test(code))
      throw messages.createError('error.StagingNotAllowed', [(error as Error).message]);
    if (code === 'NOT_FOUND') throw messages.createError('error.StagingUnavailable', [STAGED_CREDENTIALS_API]);
    throw error;
  }
}

function outcome(
  status: RotationDetails['status'],
  steps: RotationDetails['steps'],
  warnings: string[] = [],
  former?: StagedCredential,
): StepOutcome<RotationDetails> {
  const validUntil = status === 'waiting' && former?.state === 'Rotated' ? former.expirationDate : undefined;
  return {
    components: [],
    nextSteps: [],
    warnings,
    details: { target: 'eci-app', status, steps, ...(validUntil ? { formerValidUntil: validUntil } : {}) },
  };
}
