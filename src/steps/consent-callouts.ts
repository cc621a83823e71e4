import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { checkNamedCredentialCallout } from '../org/callout-check.js';
import type { OrgReads } from '../org/port.js';

/**
 * The consent checks (a callout through each of the guide's named credentials), declared for a read phase: sent with
 * the first round, so that a run that changes neither has the answers before its steps end. A run that writes one
 * forgets its answer (the org layer's read cache) and asks again.
 */
export async function consentCalloutReads(org: OrgReads): Promise<void> {
  await Promise.allSettled(
    [RINGCENTRAL_NAMED_CREDENTIAL, ECI_NAMED_CREDENTIAL].map((nc) => checkNamedCredentialCallout(org, nc.fullName)),
  );
}
