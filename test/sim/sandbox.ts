/*
 * A refreshed sandbox: a copy of a configured production org, on its own My Domain (the new org's own instance URL).
 * What the copy holds (Salesforce Help, "Considerations for Named Credentials"; public reports of refreshes):
 *  - every metadata component and record, as production had them: the auth providers and named credentials keep
 *    production's URLs and keys, and record ids stay as they were;
 *  - no OAuth token of any named credential (none survives a refresh);
 *  - SIMULATOR'S STRICT READINGS (undocumented): no auth provider secret is usable (each is replaced by an unknown
 *    value), and local External Client Apps either are not copied at all (variant 'app-missing', the default) or are
 *    copied with an OAuth consumer of their own whose key and secret differ from production's (variant
 *    'app-unusable': the ECI auth provider then holds a key this org does not know).
 */
import { generated } from './rules/oauth-consumers.js';
import { ECA_TYPES } from './rules/external-client-app.js';
import type { SimState } from './types.js';

export type SandboxVariant = 'app-missing' | 'app-unusable';

/** Makes `to` a refreshed copy of `from` (both started; `to` has its own instance URL). */
export function refreshFrom(from: SimState, to: SimState, variant: SandboxVariant = 'app-missing'): void {
  const metadata = structuredClone(from.metadata.snapshot());
  if (variant === 'app-missing') for (const type of ECA_TYPES) metadata.components.delete(type);
  to.metadata.restore(metadata);
  to.records.restore(structuredClone(from.records.snapshot()));
  to.ids.copyFrom(from.ids);
  to.settings = { ...structuredClone(from.settings), authorizedNamedCredentials: [] };
  for (const provider of to.metadata.list('AuthProvider'))
    if (provider.record.consumerSecret !== undefined) provider.record.consumerSecret = generated(40);
  if (variant === 'app-unusable')
    for (const part of to.metadata.list('ExtlClntAppGlobalOauthSettings'))
      part.record = { ...part.record, consumerKey: generated(85), consumerSecret: generated(64) };
}
