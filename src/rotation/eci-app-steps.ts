import { Messages } from '@salesforce/core';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import { ECI_NAMED_CREDENTIAL, eciNamedCredential, namedCredentialConsentUrl } from '../guide/named-credentials.js';
import { setupUrl } from '../guide/setup-urls.js';
import { namedCredentialId } from '../org/credentials.js';
import type { StagedCredential } from '../org/credential-rotation.js';
import type { StepContext } from '../steps/step.js';
import type { EciProof, RotationStep, RotationStepId, RotationStepStatus } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'rotate');

/** The URL that starts the ECI named credential's OAuth consent (Setup's Named Credentials page without its id). */
export async function eciConsentUrl(ctx: StepContext): Promise<string> {
  const id = await namedCredentialId(ctx.org, ECI_NAMED_CREDENTIAL.fullName).catch(() => undefined);
  const scope = eciNamedCredential(ctx.facts.myDomainUrl).fields.oauthScope as string;
  return id
    ? namedCredentialConsentUrl(ctx.facts.myDomainUrl, ctx.facts.orgId, ECI_AUTH_PROVIDER.fullName, id, scope)
    : setupUrl(ctx.facts.myDomainUrl, 'NamedCredential');
}

export type EciStepsState = {
  connectedApp?: boolean;
  staged?: StagedCredential;
  proof?: EciProof;
  retired?: boolean;
  consentUrl?: string;
};

const step = (
  id: RotationStepId,
  status: RotationStepStatus,
  args: string[] = [],
  person?: { url: string; detail: string },
): RotationStep => ({
  id,
  title: messages.getMessage(`step.${id}`, args),
  status,
  person: person !== undefined,
  ...(person ? { url: person.url, detail: person.detail } : {}),
});

/** The rotation's steps, each with its status from what the org showed (a dry run: all planned). */
export function eciSteps(ctx: StepContext, s: EciStepsState): RotationStep[] {
  const my = ctx.facts.myDomainUrl;
  const enter = {
    url: setupUrl(my, 'AuthProviders'),
    detail: messages.getMessage('detail.enter-credentials', [
      ECI_AUTH_PROVIDER.friendlyName,
      setupUrl(my, 'ManageExternalClientApplication'),
      ECI_CONNECTED_APP.label,
    ]),
  };
  const consent = {
    url: s.consentUrl ?? setupUrl(my, 'NamedCredential'),
    detail: messages.getMessage('detail.consent.eci', [ECI_NAMED_CREDENTIAL.label]),
  };
  const names = [ECI_AUTH_PROVIDER.friendlyName];
  const label = [ECI_NAMED_CREDENTIAL.label];
  if (s.connectedApp)
    return [
      step('connected-app', 'open', [ECI_CONNECTED_APP.label], {
        url: setupUrl(my, 'NavigationMenus'),
        detail: messages.getMessage('detail.connected-app', [ECI_CONNECTED_APP.label]),
      }),
      step('enter-credentials', 'open', names, enter),
      step('consent', 'open', label, consent),
    ];
  const p = s.proof;
  const switched = p !== undefined || s.staged?.state === 'Rotated';
  return [
    step('stage', s.staged || p ? 'done' : 'planned'),
    step('switch', switched ? 'done' : 'planned'),
    step('enter-credentials', p ? (p.keyHanded && p.saved !== false ? 'done' : 'open') : 'planned', names, enter),
    step('consent', consentStatus(p), label, consent),
    step('retire', s.retired ? 'done' : 'planned'),
  ];
}

/** The consent is done once the callout works with the new key; it can be given once the provider holds that key. */
function consentStatus(p: EciProof | undefined): RotationStepStatus {
  if (!p?.keyHanded) return 'planned';
  return p.callout.status === 'pass' ? 'done' : 'open';
}
