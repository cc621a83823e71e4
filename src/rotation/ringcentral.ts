/*
 * Rotating the RingCentral client secret. The Metadata API cannot change an auth provider's stored secret ("After it's
 * set, you can't change the value"); Setup's Edit page can. So: RingCentral is asked first whether the client id
 * accepts the new secret (nothing is written when it refuses); then a person enters it in Setup; then the rotation is
 * proven by read-only checks: the provider was saved since the secret was accepted (its lastModifiedDate moved), and
 * a callout through the RingCentral named credential works (its token is refreshed with the provider's secret).
 */
import { Messages } from '@salesforce/core';
import { RINGCENTRAL_CLIENT_SECRET, type Secret } from '../model/secret.js';
import { isSecretSafeUrl } from '../model/secure-url.js';
import { RINGCENTRAL_AUTH_PROVIDER, ringCentralCallbackUrl } from '../guide/ringcentral-auth-provider.js';
import { RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { setupUrl } from '../guide/setup-urls.js';
import type { CalloutCheckResult } from '../org/callout-check.js';
import { checkRingCentralCredentials } from '../ringcentral/checks.js';
import { RINGCENTRAL_CONSOLE_URL } from '../guide/next-steps.js';
import { resolveRingCentralPlatform } from '../steps/ringcentral-platform.js';
import type { StepContext, StepOutcome } from '../steps/step.js';
import { calloutWorks, readProvider, savedSince, type ProviderState } from './provider-state.js';
import { checkUntil } from './wait.js';
import type { RotationDetails, RotationInputs, RotationProgress, RotationStep } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'rotate');

type Proof = { saved?: boolean; callout: CalloutCheckResult };

const PROVIDER = RINGCENTRAL_AUTH_PROVIDER;

/** The RingCentral secret's rotation, as a task of the run. */
export async function rotateRingCentralSecret(
  inputs: RotationInputs,
  ctx: StepContext,
): Promise<StepOutcome<RotationDetails>> {
  const provider = await readProvider(ctx.org, PROVIDER.fullName);
  if (!provider.state.exists) throw messages.createError('error.NoRingCentralProvider');
  const pending = await inputs.log.read(ctx.facts.orgId, 'ringcentral');
  const secret =
    inputs.clientSecret ?? (pending || ctx.dryRun ? undefined : await ctx.requireSecret(RINGCENTRAL_CLIENT_SECRET));
  if (ctx.dryRun) return planned(ctx, pending, !secret);
  const progress = secret ? await accept(ctx, provider, secret, pending, inputs) : pending!;
  const proof = await checkUntil(
    () => prove(ctx, progress),
    (p) => p.saved !== false && p.callout.status === 'pass',
    ctx.org,
    inputs.wait,
  );
  const done = proof.saved !== false && proof.callout.status === 'pass';
  if (done) await inputs.log.clear(ctx.facts.orgId, 'ringcentral');
  return outcome(done ? 'rotated' : 'waiting', [checkedStep(true), ...personSteps(ctx, proof)]);
}

/** RingCentral accepts the secret for the client id, or the run ends here with what to check; nothing is written. */
async function accept(
  ctx: StepContext,
  provider: ProviderState,
  secret: Secret,
  pending: RotationProgress | undefined,
  inputs: RotationInputs,
): Promise<RotationProgress> {
  const fields = provider.state.exists ? provider.state.fields : {};
  const clientId = typeof fields.consumerKey === 'string' ? fields.consumerKey : '';
  const { platform } = resolveRingCentralPlatform(undefined, provider.state);
  if (!isSecretSafeUrl(platform.server)) throw messages.createError('error.InsecureServer', [platform.server]);
  const check = await checkRingCentralCredentials({
    server: platform.server,
    clientId,
    clientSecret: secret,
    redirectUri: ringCentralCallbackUrl(ctx.facts.myDomainUrl),
  });
  if (check.status !== 'pass') {
    const key = check.status === 'fail' ? 'error.SecretRefused' : 'error.RingCentralUnanswered';
    const error = messages.createError(key, [clientId, check.detail], [RINGCENTRAL_CONSOLE_URL, clientId]);
    if (check.action) error.actions = [check.action, ...(error.actions ?? [])];
    throw error;
  }
  // Accepted: a rotation already under way keeps its first date (a Save in Setup since then is the person's).
  const progress: RotationProgress = pending ?? {
    target: 'ringcentral',
    stage: 'accepted',
    at: new Date().toISOString(),
    ...(provider.modifiedAt ? { providerModifiedAt: provider.modifiedAt } : {}),
  };
  await inputs.log.write(ctx.facts.orgId, progress);
  return progress;
}

/** Read-only: saved in Setup since the secret was accepted, and the named credential's callout works. */
async function prove(ctx: StepContext, progress: RotationProgress): Promise<Proof> {
  const [provider, callout] = await Promise.all([
    readProvider(ctx.org, PROVIDER.fullName),
    calloutWorks(ctx.org, RINGCENTRAL_NAMED_CREDENTIAL.fullName),
  ]);
  return { saved: savedSince(provider, progress.providerModifiedAt), callout };
}

const checkedStep = (done: boolean): RotationStep => ({
  id: 'check-secret',
  title: messages.getMessage('step.check-secret'),
  status: done ? 'done' : 'planned',
  person: false,
});

/** The person's steps: enter the secret in Setup, then (if the callout still fails) authorize the credential again. */
function personSteps(ctx: StepContext, proof?: Proof): RotationStep[] {
  const entered = proof !== undefined && proof.saved !== false && proof.callout.status === 'pass';
  const enter: RotationStep = {
    id: 'enter-secret',
    title: messages.getMessage('step.enter-secret', [PROVIDER.friendlyName]),
    status: proof ? (entered ? 'done' : 'open') : 'planned',
    person: true,
    url: setupUrl(ctx.facts.myDomainUrl, 'AuthProviders'),
    detail: messages.getMessage('detail.enter-secret', [PROVIDER.friendlyName]),
  };
  const stillFails = proof?.saved === true && proof.callout.status !== 'pass';
  if (!stillFails) return [enter];
  return [
    enter,
    {
      id: 'consent',
      title: messages.getMessage('step.consent', [RINGCENTRAL_NAMED_CREDENTIAL.label]),
      status: 'open',
      person: true,
      url: setupUrl(ctx.facts.myDomainUrl, 'NamedCredential'),
      detail: messages.getMessage('detail.consent.ringcentral', [proof.callout.detail]),
    },
  ];
}

function planned(
  ctx: StepContext,
  pending: RotationProgress | undefined,
  secretMissing: boolean,
): StepOutcome<RotationDetails> {
  const result = outcome('planned', [checkedStep(pending !== undefined), ...personSteps(ctx)]);
  // The run asks for the secret once, before anything is sent (where a prompt can).
  return secretMissing && !pending ? { ...result, secretsNeeded: [RINGCENTRAL_CLIENT_SECRET] } : result;
}

function outcome(status: RotationDetails['status'], steps: RotationStep[]): StepOutcome<RotationDetails> {
  return { components: [], nextSteps: [], warnings: [], details: { target: 'ringcentral', status, steps } };
}
