import { EciAuthProviderStep } from './eci-auth-provider.js';
import { EciConnectedAppStep } from './eci-connected-app.js';
import { GuestUserPermissionsStep } from './guest-user-permissions.js';
import { IntegrationUserStep } from './integration-user.js';
import { EciNamedCredentialStep, RingCentralNamedCredentialStep } from './named-credentials.js';
import { RingCentralAuthProviderStep } from './ringcentral-auth-provider.js';
import type { StepReport } from './run-steps.js';
import { bindStep, type BoundStep, type GuideStep, type StepContext, type StepInfo } from './step.js';
import { VoiceConnectorSiteStep } from './voice-connector-site.js';

/**
 * The guide's tasks in the guide's order, by id. Each declares what it depends on, so `configure` runs independent
 * chains in parallel: RingCentral auth provider → named credential; connected app → ECI auth provider → ECI named
 * credential; site → guest permissions; the integration user on its own.
 */
export const GUIDE_STEPS = {
  'integration-user': IntegrationUserStep,
  'ringcentral-auth-provider': RingCentralAuthProviderStep,
  'ringcentral-named-credential': RingCentralNamedCredentialStep,
  'eci-connected-app': EciConnectedAppStep,
  'eci-auth-provider': EciAuthProviderStep,
  'voice-connector-site': VoiceConnectorSiteStep,
  'eci-named-credential': EciNamedCredentialStep,
  'guest-user-permissions': GuestUserPermissionsStep,
} as const;

export type GuideStepId = keyof typeof GUIDE_STEPS;

type InputsOf<S> = S extends { execute(inputs: infer Inputs, ctx: StepContext): unknown } ? Inputs : never;

type DetailsOf<S> = S extends { execute(inputs: never, ctx: StepContext): Promise<{ details: infer D }> } ? D : never;

/** Each guide step's details (what its report tells later steps and the commands), typed from the step itself. */
export type GuideDetails = { [Id in GuideStepId]: DetailsOf<(typeof GUIDE_STEPS)[Id]> };

/**
 * The details of a guide step's report, typed by its id: the one place a report's details are read back. The report
 * of step `id` was made from the outcome of GUIDE_STEPS[id], whose details type GuideDetails names.
 */
export function guideDetails<Id extends GuideStepId>(
  reports: readonly StepReport[],
  id: Id,
): Partial<GuideDetails[Id]> | undefined {
  const report: StepReport<Partial<GuideDetails[Id]>> | undefined = reports.find((r) => r.id === id);
  return report?.details;
}

/** Each guide step's inputs, typed from the step itself. */
export type GuideInputs = { [Id in GuideStepId]: InputsOf<(typeof GUIDE_STEPS)[Id]> };

/** The steps in the guide's order. */
export const GUIDE_ORDER = Object.keys(GUIDE_STEPS) as GuideStepId[];

export const guideStep = (id: GuideStepId): StepInfo => GUIDE_STEPS[id];

function bind<Id extends GuideStepId>(id: Id, inputs: GuideInputs[Id]): BoundStep {
  // TypeScript cannot correlate GUIDE_STEPS[Id] with GuideInputs[Id] for a generic Id; the mapped type guarantees it.
  return bindStep(GUIDE_STEPS[id] as GuideStep<GuideInputs[Id]>, inputs);
}

/** The steps that have inputs, bound to them, in the guide's order (a step without inputs is not run). */
export function scheduleGuide(inputs: Partial<GuideInputs>): BoundStep[] {
  return GUIDE_ORDER.flatMap((id) => (inputs[id] === undefined ? [] : [bind(id, inputs[id])]));
}
