/*
 * AuthProvider platform rules (FACTS §2):
 *  - consumerSecret is write-only and sent as plaintext; readMetadata returns it only encrypted (an opaque value,
 *    never the plaintext) and only when sendSecretInApis is true;
 *  - consumerSecret cannot be changed through the API once set ("After it's set, you can't change the value", Metadata
 *    API; "cannot be updated", Object Reference). SIMULATOR'S STRICT READING of what an API write carrying another
 *    value gets (undocumented): it succeeds and the stored secret stays as it was, so no answer ever proves that a
 *    secret changed; only a person's Save in Setup's Edit page (via 'setup', org.editInSetup) changes it. A write
 *    without it keeps the stored one too;
 *  - the URL suffix (fullName) of a deleted provider can never be reused;
 *  - a provider a named credential still names (authProvider) cannot be deleted: the delete is refused per component
 *    with the platform's "referenced elsewhere" wording and what uses it (SIMULATOR'S READING: no public page gives the
 *    exact text; Setup refuses the same delete and lists the usage, and destructive changes answer "This … is
 *    referenced elsewhere in salesforce.com. Remove the usage and try again.");
 *  - a Salesforce-type provider's authorizeUrl and tokenUrl, when given, must be on a .salesforce.com host (a sandbox
 *    or company-specific My Domain) with the path ending in /services/oauth2/authorize and /services/oauth2/token
 *    (Mobile SDK guide, "Configure a Salesforce Authentication Provider"); the simulated org's own instance URL is its
 *    My Domain and counts as one, unless the org is reached through a custom domain (settings.myDomainUrl: then only
 *    a *.salesforce.com host is);
 *  - like every type, upsert/update replace the whole component.
 */
import { createHash } from 'node:crypto';
import { developerNameError, err, type MetadataRules } from '../metadata-store.js';
import type { MetadataRecord } from '../validate.js';

export const SUFFIX_USED_MESSAGE = 'This URL Suffix already exists or has been previously used';
/** The refusal of deleting a provider that named credentials still use, naming each of them. */
export const referencedMessage = (users: readonly string[]): string =>
  `This auth provider is referenced elsewhere in salesforce.com. Remove the usage and try again. : ${users.map((u) => `Named Credential - ${u}`).join(', ')}`;

/** The opaque value readMetadata shows instead of the secret (stable per org, provider and secret). */
export function encryptedSecret(orgId: string, fullName: string, secret: string): string {
  return createHash('sha256').update(`${orgId}\0${fullName.toLowerCase()}\0${secret}`).digest('base64');
}

export const salesforceEndpointMessage = (label: string, path: string): string =>
  `${label}: The URL must end in .salesforce.com, and the path must end in ${path}.`;

const SALESFORCE_ENDPOINTS = [
  { field: 'authorizeUrl', label: 'Authorize Endpoint URL', path: '/services/oauth2/authorize' },
  { field: 'tokenUrl', label: 'Token Endpoint URL', path: '/services/oauth2/token' },
] as const;

/**
 * A Salesforce login host: *.salesforce.com over https, or the simulated org's own My Domain (its instance URL, when
 * that is not a custom domain).
 */
function salesforceEndpointOk(value: string, path: string, instanceUrl: string, customDomain: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const own = !customDomain && instanceUrl !== '' && url.origin === new URL(instanceUrl).origin;
  const host = url.protocol === 'https:' && /(^|\.)salesforce\.com$/i.test(url.hostname);
  return (own || host) && url.pathname.replace(/\/+$/, '').endsWith(path) && !url.search;
}

/** Provider types whose endpoints and credentials the platform requires. */
const REQUIRES_ENDPOINTS = new Set(['OpenIdConnect']);

export const AuthProviderRules: MetadataRules = {
  type: 'AuthProvider',
  keyPrefix: '0SO',
  folder: 'authproviders',
  suffix: 'authprovider',
  secretFields: ['consumerSecret'],
  defaults: {
    includeOrgIdInIdentifier: false,
    isPkceEnabled: false,
    requireMfa: false,
    sendAccessTokenInHeader: false,
    sendClientCredentialsInHeader: false,
    sendSecretInApis: false,
  },
  checkFullName(fullName) {
    return /^[A-Za-z](?!.*__)[A-Za-z0-9_]*(?<!_)$/.test(fullName) ? undefined : developerNameError('URL Suffix');
  },
  duplicateError: () => err('DUPLICATE_DEVELOPER_NAME', SUFFIX_USED_MESSAGE, ['fullName']),
  validateWrite({ incoming, existing, fullName, state }) {
    if (!existing && state.metadata.wasDeleted('AuthProvider', fullName)) {
      return [err('DUPLICATE_DEVELOPER_NAME', SUFFIX_USED_MESSAGE, ['fullName'])];
    }
    const storedSecret = existing?.record.consumerSecret;
    if (incoming.providerType === 'Salesforce') {
      const bad = SALESFORCE_ENDPOINTS.filter(
        ({ field, path }) =>
          typeof incoming[field] === 'string' &&
          incoming[field] !== '' &&
          !salesforceEndpointOk(String(incoming[field]), path, state.instanceUrl, Boolean(state.settings.myDomainUrl)),
      );
      if (bad.length)
        return bad.map(({ field, label, path }) =>
          err('FIELD_INTEGRITY_EXCEPTION', salesforceEndpointMessage(label, path), [field]),
        );
    }
    if (REQUIRES_ENDPOINTS.has(String(incoming.providerType))) {
      const effective: MetadataRecord = { ...incoming, consumerSecret: incoming.consumerSecret ?? storedSecret };
      const missing = ['consumerKey', 'consumerSecret', 'authorizeUrl', 'tokenUrl'].filter((f) => !effective[f]);
      if (missing.length)
        return missing.map((f) => err('REQUIRED_FIELD_MISSING', `Required field is missing: ${f}`, [f]));
    }
  },
  validateDelete(stored, state) {
    const users = state.metadata
      .list('NamedCredential')
      .filter((nc) => String(nc.record.authProvider ?? '').toLowerCase() === stored.fullName.toLowerCase())
      .map((nc) => nc.fullName);
    if (users.length) return [err('DELETE_FAILED', referencedMessage(users))];
  },
  toStore({ incoming, existing, via }): MetadataRecord {
    const record = { ...incoming };
    const stored = existing?.record.consumerSecret;
    // Only Setup changes a stored secret: through the API the write succeeds and the secret stays.
    if (stored !== undefined && (via !== 'setup' || record.consumerSecret === undefined))
      record.consumerSecret = stored;
    return record;
  },
  toRead(stored, state): MetadataRecord {
    const { consumerSecret, ...rest } = stored.record;
    if (rest.sendSecretInApis === true && typeof consumerSecret === 'string') {
      return { ...rest, consumerSecret: encryptedSecret(state.orgId, stored.fullName, consumerSecret) };
    }
    return rest;
  },
};
