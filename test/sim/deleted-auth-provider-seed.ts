/*
 * An org where an auth provider once existed and was deleted: its URL suffix can never be used again (FACTS §2,
 * "This URL Suffix already exists or has been previously used"). A dry run cannot see it (readMetadata finds nothing),
 * a check-only deploy can: the seeded refusal of the --validate tests.
 */
import type { SimulatedOrg } from './index.js';

export function deleteAuthProviderOnce(org: SimulatedOrg, fullName = 'Ring_Central'): void {
  org.seedMetadata('AuthProvider', {
    fullName,
    authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
    consumerKey: 'OldClient',
    consumerSecret: 'OldSecret-123456',
    friendlyName: 'Ring Central',
    providerType: 'OpenIdConnect',
    tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
  });
  const deleted = org.state.metadata.delete('AuthProvider', fullName);
  if (!deleted.success) throw new Error(`could not delete the seeded auth provider ${fullName}`);
}
