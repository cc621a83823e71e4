/*
 * The OAuth tokens of legacy named credentials, and whether a callout through one can refresh its token.
 *
 * A token is issued at the consent (a person in a browser: org.giveConsent) with the auth provider's key and secret of
 * that moment. Tokens of names the test authorised through settings.authorizedNamedCredentials are taken as issued
 * with what their provider holds, until the first change of any component fixes it (bindGrants).
 *
 * SIMULATOR'S STRICT READINGS (no public source says what becomes of tokens when credentials change):
 *  - every callout refreshes its token (an access token cached from before never hides a broken refresh);
 *  - a Salesforce-type provider (the ECI app): a refresh token is bound to the consumer key it was issued to; it
 *    refreshes only when the provider presents that same key, the key still exists (the app's primary credential, or a
 *    staged one Active or Rotated), and the provider's secret is that key's secret; otherwise invalid_grant /
 *    invalid_client (a new consent is needed);
 *  - any other provider (RingCentral), once the org is linked to the RingCentral stand-in: the refresh needs the
 *    provider's secret to be the one RingCentral accepts now (RingCentral refuses an old secret at once, no overlap;
 *    tokens themselves survive a rotation of the secret).
 */
import { stagedOf } from './oauth-staged.js';
import { consumerKeyOwners } from './rules/oauth-consumers.js';
import type { SimState, TokenGrant } from './types.js';

const lower = (name: string): string => name.toLowerCase();

/** What a provider holds now, as a grant. */
function heldBy(state: SimState, provider: string): TokenGrant {
  const record = state.metadata.get('AuthProvider', provider)?.record ?? {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { key: text(record.consumerKey), secret: text(record.consumerSecret) };
}

/** Named credentials that hold a token now (case as the settings give them). */
function authorised(state: SimState): string[] {
  const list = state.settings.authorizedNamedCredentials;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
}

/** Before any component changes: the tokens not yet fixed are fixed to what their providers hold now. */
export function bindGrants(state: SimState): void {
  for (const name of authorised(state)) {
    if (state.tokens.has(lower(name))) continue;
    const nc = state.metadata.get('NamedCredential', name);
    if (typeof nc?.record.authProvider === 'string')
      state.tokens.set(lower(name), heldBy(state, nc.record.authProvider));
  }
}

/** The secret of a consumer key the org knows now: an app's primary credential, or a staged one (Active, Rotated). */
function liveSecretOf(state: SimState, key: string | undefined): string | undefined | null {
  if (!key) return null;
  const primary = consumerKeyOwners(state).find((o) => o.key === key);
  if (primary) return primary.secret;
  const staged = [...state.staged.keys()].map((id) => stagedOf(state, id)).find((s) => s?.key === key);
  return staged ? staged.secret : null;
}

/** Why the provider's current credentials cannot refresh (or get) a token, or undefined when they can. */
function providerRefusal(state: SimState, provider: string, grant?: TokenGrant): string | undefined {
  const stored = state.metadata.get('AuthProvider', provider);
  if (!stored) return 'invalid_client: no such auth provider';
  const held = heldBy(state, provider);
  if (stored.record.providerType === 'Salesforce') {
    if (!grant) return undefined;
    const live = liveSecretOf(state, held.key);
    if (live === null) return 'invalid_client_id: the consumer key is not known to this org';
    if (live !== held.secret) return 'invalid_client: invalid client credentials';
    if (grant.key !== held.key) return 'invalid_grant: the refresh token was issued to another consumer key';
    return undefined;
  }
  const accepted = held.key ? state.ringCentralSecretOf?.(held.key) : undefined;
  if (accepted !== undefined && accepted !== held.secret) return 'invalid_client: OAU-146 Invalid client credentials';
  return undefined;
}

/** Why a callout through this named credential gets no token (401), or undefined when its token refreshes. */
export function tokenRefusal(state: SimState, namedCredential: string, provider: string): string | undefined {
  if (!authorised(state).some((n) => lower(n) === lower(namedCredential))) return 'invalid_token: no token';
  return providerRefusal(state, provider, state.tokens.get(lower(namedCredential)));
}

/**
 * Why a callout through this named credential (its stored record) gets no token, or undefined when its token
 * refreshes: one with an auth provider as tokenRefusal says, one without holds its token alone (authorised or not).
 */
export function calloutTokenRefusal(state: SimState, record: Record<string, unknown>): string | undefined {
  const name = String(record.fullName);
  if (typeof record.authProvider === 'string') return tokenRefusal(state, name, record.authProvider);
  return authorised(state).some((n) => lower(n) === lower(name)) ? undefined : 'invalid_token: no token';
}

/**
 * A person completes the named credential's OAuth consent in a browser: it succeeds only when the provider's key and
 * secret work now; the token is then issued with them. Throws what the browser would show otherwise.
 */
export function giveConsent(state: SimState, namedCredential: string): void {
  const nc = state.metadata.get('NamedCredential', namedCredential);
  const provider = typeof nc?.record.authProvider === 'string' ? nc.record.authProvider : undefined;
  if (!nc || !provider) throw new Error(`giveConsent: no OAuth named credential ${namedCredential}`);
  const refusal = providerRefusal(state, provider, heldBy(state, provider));
  if (refusal) throw new Error(`giveConsent(${namedCredential}): the login fails: ${refusal}`);
  bindGrants(state);
  state.tokens.set(lower(nc.fullName), heldBy(state, provider));
  if (!authorised(state).some((n) => lower(n) === lower(nc.fullName)))
    state.settings = {
      ...state.settings,
      authorizedNamedCredentials: [...authorised(state), nc.fullName],
    };
}
