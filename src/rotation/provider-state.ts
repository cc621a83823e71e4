import { metadataRef, type CurrentState } from '../model/component.js';
import { checkNamedCredentialCallout, type CalloutCheckResult } from '../org/callout-check.js';
import type { OrgPort } from '../org/port.js';

/** An auth provider as it is now, and when it was last saved (the org's clock; a Save in Setup moves it). */
export type ProviderState = { state: CurrentState; modifiedAt?: string };

/** The auth provider, and its lastModifiedDate from listMetadata (both reads of the run, each asked once). */
export async function readProvider(org: OrgPort, fullName: string): Promise<ProviderState> {
  const [[state], listed] = await Promise.all([
    org.readMetadata([metadataRef('AuthProvider', fullName)]),
    org.listMetadata(['AuthProvider']),
  ]);
  const modifiedAt = listed.find((c) => c.fullName.toLowerCase() === fullName.toLowerCase())?.lastModifiedDate;
  return { state, ...(modifiedAt ? { modifiedAt } : {}) };
}

/**
 * Whether a person saved the provider since a stage was reached: its lastModifiedDate moved. Without a date from
 * either side (the org did not say), nothing can be concluded: undefined.
 */
export function savedSince(provider: ProviderState, then: string | undefined): boolean | undefined {
  if (!provider.modifiedAt || !then) return undefined;
  return provider.modifiedAt !== then;
}

/** A callout through the named credential; an org that refuses to run it (no "Author Apex") is a failed check. */
export async function calloutWorks(org: OrgPort, namedCredential: string): Promise<CalloutCheckResult> {
  try {
    return await checkNamedCredentialCallout(org, namedCredential);
  } catch (error) {
    return {
      namedCredential,
      status: 'fail',
      reason: 'callout-error',
      detail: (error as Error).message,
    };
  }
}
