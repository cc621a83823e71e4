/*
 * NamedCredential platform rules (FACTS §1, §2):
 *  - since API 56 the legacy fields (endpoint, principalType, protocol, authProvider, oauthScope,
 *    generateAuthorizationHeader, username, password …) are valid only with namedCredentialType Legacy;
 *  - OAuth needs an auth provider, and the auth provider named must exist;
 *  - the endpoint is an http(s) URL;
 *  - every named credential is also an sObject row (objects/credentials.ts), found by SOQL on DeveloperName.
 */
import { err, type MetadataRules, type StoredComponent } from '../metadata-store.js';
import type { ComponentError, SimState } from '../types.js';

export const LEGACY_FIELDS = [
  'endpoint',
  'principalType',
  'protocol',
  'authProvider',
  'oauthScope',
  'generateAuthorizationHeader',
  'username',
  'password',
  'certificate',
];
export const LEGACY_TYPE_MESSAGE =
  'Legacy named credential fields can be used only when namedCredentialType is Legacy.';

function syncRow(stored: StoredComponent, state: SimState): void {
  const fields = {
    DeveloperName: stored.fullName,
    MasterLabel: String(stored.record.label ?? stored.fullName),
    Endpoint: (stored.record.endpoint as string | undefined) ?? null,
    PrincipalType: (stored.record.principalType as string | undefined) ?? null,
  };
  const existing = state.records
    .all('NamedCredential')
    .find((r) => String(r.DeveloperName).toLowerCase() === stored.fullName.toLowerCase());
  if (existing) state.records.update('NamedCredential', String(existing.Id), fields, { system: true });
  else state.records.insert('NamedCredential', { Id: stored.id, ...fields }, { system: true });
}

export const NamedCredentialRules: MetadataRules = {
  type: 'NamedCredential',
  keyPrefix: '0XA',
  folder: 'namedCredentials',
  suffix: 'namedCredential',
  secretFields: ['password', 'oauthToken', 'oauthRefreshToken', 'awsAccessSecret'],
  validateWrite({ incoming, state }) {
    const errors: ComponentError[] = [];
    const legacy = LEGACY_FIELDS.filter((f) => incoming[f] !== undefined);
    if (legacy.length && incoming.namedCredentialType !== 'Legacy')
      return [err('FIELD_INTEGRITY_EXCEPTION', LEGACY_TYPE_MESSAGE, legacy)];
    if (incoming.protocol === 'Oauth' && !incoming.authProvider)
      errors.push(err('REQUIRED_FIELD_MISSING', 'Required field is missing: authProvider', ['authProvider']));
    if (typeof incoming.authProvider === 'string' && !state.metadata.get('AuthProvider', incoming.authProvider)) {
      errors.push(
        err(
          'FIELD_INTEGRITY_EXCEPTION',
          `In field: authProvider - no AuthProvider named ${incoming.authProvider} found`,
          ['authProvider'],
        ),
      );
    }
    if (incoming.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(String(incoming.endpoint))) {
      errors.push(
        err('FIELD_INTEGRITY_EXCEPTION', 'URL: Enter a valid URL that starts with http:// or https://', ['endpoint']),
      );
    }
    return errors;
  },
  afterWrite(stored, _created, state) {
    syncRow(stored, state);
  },
  afterDelete(stored, state) {
    // The row goes with the component (the sObject itself is not deletable through the REST API).
    const row = state.records
      .all('NamedCredential')
      .find((r) => String(r.DeveloperName).toLowerCase() === stored.fullName.toLowerCase());
    if (!row) return;
    const rows = state.records.snapshot();
    rows.get('NamedCredential')?.delete(String(row.Id));
    state.records.restore(rows);
  },
};
