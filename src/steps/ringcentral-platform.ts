import { Messages } from '@salesforce/core';
import { metadataRef, type CurrentState, type MetadataComponent } from '../model/component.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { platformOfTokenUrl, ringCentralPlatform, type RingCentralPlatform } from '../guide/ringcentral-environment.js';
import type { OrgPort } from '../org/port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const shared = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** The org's RingCentral auth provider as a component to read (the org layer reads each name once a run). */
export const RINGCENTRAL_AUTH_PROVIDER_REF: MetadataComponent = metadataRef(
  'AuthProvider',
  RINGCENTRAL_AUTH_PROVIDER.fullName,
  RINGCENTRAL_AUTH_PROVIDER.friendlyName,
);

/** The org's RingCentral auth provider as it is now. */
export async function readRingCentralAuthProvider(org: Pick<OrgPort, 'readMetadata'>): Promise<CurrentState> {
  const [provider] = await org.readMetadata([RINGCENTRAL_AUTH_PROVIDER_REF]);
  return provider;
}

/**
 * The RingCentral platform to configure, the one rule every command shares: the one the flags name; without flags,
 * the one the org's RingCentral auth provider already points at, so a re-run never moves a sandbox or another
 * brand's setup to production behind the admin's back (moving is the guide's "graduate" task, asked for with
 * --environment); production for a new setup. Warns when it is the sandbox RingCentral is retiring.
 */
export function resolveRingCentralPlatform(
  fromFlags: RingCentralPlatform | undefined,
  provider: CurrentState,
): { platform: RingCentralPlatform; warnings: string[] } {
  const platform =
    fromFlags ??
    (provider.exists ? platformOfTokenUrl(provider.fields.tokenUrl) : undefined) ??
    ringCentralPlatform('production');
  return { platform, warnings: platform.environment === 'sandbox' ? [shared.getMessage('warning.Sandbox')] : [] };
}
