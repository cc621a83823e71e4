import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { checkNamedCredentialCallouts } from '../org/callout-check.js';
import type { OrgReads } from '../org/port.js';

/** The guide's named credentials, in the order one callout check asks them (the same check, the same request). */
export const GUIDE_NAMED_CREDENTIALS = [RINGCENTRAL_NAMED_CREDENTIAL.fullName, ECI_NAMED_CREDENTIAL.fullName] as const;

/**
 * The consent checks (a callout through each of the guide's named credentials, in one call), declared for a read
 * phase: sent with the first round, so that a run that changes neither has the answers before its steps end. A run
 * that writes one forgets the answer (the org layer's read cache) and asks again.
 */
export async function consentCalloutReads(org: OrgReads): Promise<void> {
  await checkNamedCredentialCallouts(
    org,
    GUIDE_NAMED_CREDENTIALS.map((namedCredential) => ({ namedCredential })),
  ).catch(() => undefined);
}
