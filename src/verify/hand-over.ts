import type { NextStep } from '../model/component.js';
import { propagationStep, reauthorizeStep, ringCentralAppCreationStep } from '../guide/next-steps.js';
import { guideDetails } from '../steps/index.js';
import type { StepReport } from '../steps/run-steps.js';
import { identifyPersonSteps, type PersonStepId, type PersonStepTarget } from './person-steps.js';

/**
 * The steps only a person can do after a run of the guide, gathered from every step, in the order to do them: the
 * RingCentral redirect URI, then the named credentials' consent, then the wait for a new app to work; each once.
 */
export function runHandOver(steps: readonly StepReport[], dryRun: boolean): Array<NextStep & { id: PersonStepId }> {
  return identifyPersonSteps(steps, ordered(steps, dryRun));
}

function ordered(steps: readonly StepReport[], dryRun: boolean): NextStep[] {
  // The integration user's own hand-over ("run the remaining steps as this user") is for the step command alone:
  // configure has just run them; the ECI consent step says to give it as the integration user.
  const all = steps.filter((s) => s.id !== 'integration-user').flatMap((s) => s.nextSteps);
  const rcNamedCredential = steps.find((s) => s.id === 'ringcentral-named-credential');
  const endpointMoved = rcNamedCredential?.components.some(
    (c) => c.action === 'update' && c.changes.some((ch) => ch.field === 'endpoint'),
  );
  const rcProvider = steps.find((s) => s.id === 'ringcentral-auth-provider');
  const callbackUrl = guideDetails(steps, 'ringcentral-auth-provider')?.callbackUrl;
  const appCreated = steps.some(
    (s) => (s.id === 'eci-connected-app' || s.id === 'ringcentral-auth-provider') && s.status === 'created',
  );
  // A first configuration may have no RingCentral app yet: offer the pre-filled creation link then only, right
  // after the redirect URI it stands in for (the consents need the app).
  const creation =
    callbackUrl && rcProvider?.components.some((c) => c.action === 'create')
      ? ringCentralAppCreationStep(callbackUrl)
      : undefined;
  const redirect = rcProvider?.nextSteps[0];
  // A moved endpoint turns the RingCentral consent into a second one: say so where the consent is, with its URL.
  const rcConsent = endpointMoved ? rcNamedCredential?.nextSteps[0] : undefined;
  const listed = all.flatMap((s): NextStep[] =>
    s === redirect && creation
      ? [s, creation]
      : s === rcConsent
        ? [{ ...reauthorizeStep('Ring Central'), ...(s.url ? { url: s.url } : {}) }]
        : [s],
  );
  const extra: NextStep[] = [
    ...(creation && !listed.includes(creation) ? [creation] : []),
    ...(endpointMoved && !rcConsent ? [reauthorizeStep('Ring Central')] : []),
    ...(appCreated && !dryRun ? [propagationStep()] : []),
  ];
  const seen = new Set<string>();
  return [...listed, ...extra].filter((s) => {
    const key = `${s.title}|${s.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The RingCentral app to check the redirect URI of: the client id, and the platform and callback URL the step used. */
export function ringCentralTargetOf(
  steps: readonly StepReport[],
  clientId: string | undefined,
): PersonStepTarget['ringCentral'] {
  const details = guideDetails(steps, 'ringcentral-auth-provider');
  return clientId && details?.platform && details.callbackUrl
    ? { clientId, platform: details.platform, callbackUrl: details.callbackUrl }
    : undefined;
}
