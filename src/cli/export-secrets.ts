import { Messages } from '@salesforce/core';
import { isFields } from '../model/fields.js';
import { ECI_CONSUMER_KEY_ENV, ECI_CONSUMER_SECRET, RINGCENTRAL_CLIENT_SECRET, Secret } from '../model/secret.js';
import type { CurrentState, FieldValue, Fields, MetadataComponent } from '../model/component.js';
import { payloadFields } from '../org/payload.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/**
 * The credentials of an export: no key or secret is ever written to a file, whether the plan has it or the org holds
 * it (an update's payload carries the org's fields). Each credential field holds a placeholder instead, which a
 * `replacements` entry of sfdx-project.json fills from an environment variable at deploy time.
 */

/** The placeholder a secret field holds in an exported file: never a value a real secret could have. */
export const placeholderFor = (envVar: string): string => `__ECI_EXPORT_${envVar}__`;

/**
 * Which credential goes where: the environment variable each credential field of the guide's components is filled from
 * at deploy time. `requiredOnCreate`: a create needs it even when the plan has no value (the secret was not given, or
 * comes from an app the org makes). The RingCentral auth provider's consumer key is its client id, given by flag and
 * written as it is.
 */
const CREDENTIAL_FIELDS: ReadonlyArray<{
  type: string;
  fullName?: string;
  path: string;
  envVar: string;
  requiredOnCreate?: boolean;
}> = [
  {
    type: 'AuthProvider',
    fullName: 'Ring_Central',
    path: 'consumerSecret',
    envVar: RINGCENTRAL_CLIENT_SECRET.envVar,
    requiredOnCreate: true,
  },
  {
    type: 'AuthProvider',
    fullName: 'ECI_Auth_Provider',
    path: 'consumerKey',
    envVar: ECI_CONSUMER_KEY_ENV,
    requiredOnCreate: true,
  },
  {
    type: 'AuthProvider',
    fullName: 'ECI_Auth_Provider',
    path: 'consumerSecret',
    envVar: ECI_CONSUMER_SECRET.envVar,
    requiredOnCreate: true,
  },
  { type: 'ConnectedApp', path: 'oauthConfig.consumerKey', envVar: ECI_CONSUMER_KEY_ENV },
  { type: 'ConnectedApp', path: 'oauthConfig.consumerSecret', envVar: ECI_CONSUMER_SECRET.envVar },
  { type: 'ExtlClntAppGlobalOauthSettings', path: 'consumerKey', envVar: ECI_CONSUMER_KEY_ENV },
  { type: 'ExtlClntAppGlobalOauthSettings', path: 'consumerSecret', envVar: ECI_CONSUMER_SECRET.envVar },
];

const credentialFieldsOf = (c: { type: string; fullName: string }): typeof CREDENTIAL_FIELDS =>
  CREDENTIAL_FIELDS.filter((f) => f.type === c.type && (f.fullName === undefined || f.fullName === c.fullName));

/** A component as an exported file holds it: its payload, every credential a placeholder, and the variables used. */
export type ExportedPayload = { fields: Fields; used: string[] };

/**
 * The fields a deploy of the component would send (the org's merged in, for an update), with every credential field
 * holding its placeholder, whatever holds a value there (a Secret of the plan, or the org's own text). A field holding
 * a credential the table does not name is a programming error, never a file.
 */
export function exportedPayload(
  component: MetadataComponent,
  current: CurrentState,
  action: 'create' | 'update' | 'unchanged',
): ExportedPayload {
  const known = credentialFieldsOf(component);
  const used = new Set<string>();
  const walk = (value: FieldValue, path: string): FieldValue => {
    const entry = known.find((f) => f.path === path);
    if (entry) {
      used.add(entry.envVar);
      return new Secret(placeholderFor(entry.envVar));
    }
    if (value instanceof Secret)
      throw messages.createError('error.UnknownSecret', [component.type, component.fullName, path]);
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (isFields(value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    return value;
  };
  const fields = walk(payloadFields(component.type, component, current), '') as Fields;
  if (action === 'create')
    for (const entry of known.filter((f) => f.requiredOnCreate && !f.path.includes('.') && !(f.path in fields))) {
      fields[entry.path] = new Secret(placeholderFor(entry.envVar));
      used.add(entry.envVar);
    }
  return { fields, used: [...used] };
}

/** Every credential value the org holds in a component's current fields (what an exported file must never contain). */
export function orgCredentials(component: { type: string; fullName: string }, current: CurrentState): string[] {
  if (!current.exists) return [];
  const values: string[] = [];
  for (const { path } of credentialFieldsOf(component)) {
    let value: FieldValue | undefined = current.fields;
    for (const key of path.split('.')) value = isFields(value) ? value[key] : undefined;
    if (typeof value === 'string' && value.length >= 4) values.push(value);
  }
  return values;
}
