import { EciAuthProviderStep } from './eci-auth-provider.js';
import { EciConnectedAppStep } from './eci-connected-app.js';
import { GuestUserPermissionsStep } from './guest-user-permissions.js';
import { IntegrationUserStep } from './integration-user.js';
import { EciNamedCredentialStep, RingCentralNamedCredentialStep } from './named-credential.js';
import { RingCentralAuthProviderStep } from './ringcentral-auth-provider.js';
import type { GuideStep } from './step.js';
import { VoiceConnectorSiteStep } from './voice-connector-site.js';

/**
 * The guide's tasks in the guide's order. Each declares what it depends on, so `configure` runs independent
 * chains in parallel: RingCentral auth provider → named credential; connected app → ECI auth provider → ECI named
 * credential; site → guest permissions; the integration user on its own.
 */
export const GUIDE_STEPS = [
  IntegrationUserStep,
  RingCentralAuthProviderStep,
  RingCentralNamedCredentialStep,
  EciConnectedAppStep,
  EciAuthProviderStep,
  VoiceConnectorSiteStep,
  EciNamedCredentialStep,
  GuestUserPermissionsStep,
] as const satisfies ReadonlyArray<GuideStep<never>>;

export type GuideStepId = (typeof GUIDE_STEPS)[number]['id'];
