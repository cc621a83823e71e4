import { Messages } from '@salesforce/core';
import { choosePermissionSet } from './permission-set-choice.js';
import type { PermissionSetRef } from '../model/permission-set.js';
import { GUEST_PERMISSION_SET_LABELS } from './guest-user-permissions.js';
import { ECI_ACCESS_PERMISSION_SET_LABELS, INTEGRATION_USER_PERMISSION_SET_LABELS } from './integration-user.js';
import { setupUrl, type SetupPage } from './setup-urls.js';
import { VOICE_CONNECTOR_SITE } from './voice-connector-site.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'prerequisites');

/**
 * What the guide presumes before its first task ("after installing and launching the Voice Connector app"), each
 * checked read-only before anything is written. Pure: the facts come from the org layer, the words from the
 * `prerequisites` bundle (`<id>.title`: what the guide presumes, `<id>.missing`: what was found, `<id>.action`: what
 * to do), the page from setup-urls.ts.
 */
export const PREREQUISITES = {
  /** The packaged "Voice Connector Permission" set: the Voice Connector app is installed. */
  'voice-connector-app': 'ImportedPackage',
  /** "Conversation Insights Integration User" and an ECI access set: Einstein Conversation Insights is on. */
  'eci-permission-sets': 'PermSets',
  /** A Salesforce Sites domain is registered (the Site object exists only then). */
  'sites-enabled': 'CustomDomain',
  /** The Visualforce page SiteLogin, the site's Active Site Home Page. */
  'site-login-page': 'ApexPages',
  /** The org's URL is its My Domain (callback URLs, the ECI endpoints and named credential are on it). */
  'my-domain': 'OrgDomain',
  /** "Modify All Data" or "Modify Metadata Through Metadata API Functions": every Metadata API call needs one. */
  'metadata-api-permission': 'PermSets',
  /** "Customize Application": auth providers, named credentials, the connected app and the site. */
  'customize-application-permission': 'PermSets',
  /** "Manage Users": creating the integration user. */
  'manage-users-permission': 'PermSets',
  /** "Assign Permission Sets": the guest user's and the integration user's permission sets. */
  'assign-permission-sets-permission': 'PermSets',
} as const satisfies Record<string, SetupPage>;

export type PrerequisiteId = keyof typeof PREREQUISITES;

export const PREREQUISITE_ORDER = Object.keys(PREREQUISITES) as PrerequisiteId[];

const METADATA_STEP: readonly PrerequisiteId[] = [
  'my-domain',
  'metadata-api-permission',
  'customize-application-permission',
];

/** Which guide task (by step id) needs which prerequisite: a step command checks its own, configure the union. */
export const STEP_PREREQUISITES: Readonly<Record<string, readonly PrerequisiteId[]>> = {
  'integration-user': ['eci-permission-sets', 'manage-users-permission', 'assign-permission-sets-permission'],
  'ringcentral-auth-provider': METADATA_STEP,
  'ringcentral-named-credential': METADATA_STEP,
  'eci-connected-app': METADATA_STEP,
  'eci-auth-provider': METADATA_STEP,
  'voice-connector-site': [...METADATA_STEP, 'sites-enabled', 'site-login-page'],
  'eci-named-credential': METADATA_STEP,
  'guest-user-permissions': [
    'voice-connector-app',
    'eci-permission-sets',
    'sites-enabled',
    'assign-permission-sets-permission',
  ],
};

/** The prerequisites of these steps, each once, in the checklist's order. */
export function prerequisitesOf(stepIds: readonly string[]): PrerequisiteId[] {
  const wanted = new Set(stepIds.flatMap((id) => STEP_PREREQUISITES[id] ?? []));
  return PREREQUISITE_ORDER.filter((id) => wanted.has(id));
}

/** The user permissions the checks read (UserPermissionAccess fields), and which prerequisite each serves. */
export const USER_PERMISSION_FIELDS = [
  'PermissionsModifyAllData',
  'PermissionsModifyMetadata',
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsAssignPermissionSets',
] as const;

export type UserPermissionField = (typeof USER_PERMISSION_FIELDS)[number];

/** What the org layer read, for the prerequisites asked (a read not needed is absent). */
export type PrerequisiteFacts = {
  myDomainUrl: string;
  /** Candidates for the guide's permission set labels (as the steps read them); absent when overridden by API name. */
  guestPermissionSets?: readonly PermissionSetRef[];
  integrationPermissionSets?: readonly PermissionSetRef[];
  sitesEnabled?: boolean;
  siteLoginPage?: boolean;
  userPermissions?: Readonly<Record<UserPermissionField, boolean>>;
};

/** One line of the checklist. */
export type PrerequisiteCheck = {
  id: PrerequisiteId;
  /** What the guide presumes. */
  title: string;
  status: 'met' | 'missing';
  /** What is missing (missing ones). */
  detail?: string;
  /** What to do (missing ones). */
  action?: string;
  /** Where in Setup to do it. */
  setupUrl: string;
};

/**
 * Is the org addressed by its My Domain? Every org has a My Domain ("All Salesforce orgs have a My Domain", packaging
 * guide), but a session may still be on the instance URL (`https://na123.salesforce.com`, allowed while
 * MyDomainSettings.canOnlyLoginWithMyDomainUrl is off) or a generic host, where the callback URLs would be wrong.
 * My Domain hosts end in `.my.salesforce.com` (sandbox `--<name>.sandbox`, `.scratch`, `.develop`, … before it) or
 * a government or China cloud's `.my.` suffix; a custom domain (not Salesforce's own host) serves My Domain too. This
 * machine's loopback (the simulated org) counts as My Domain, as for the https rule.
 */
export function isMyDomainUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return true;
  if (/\.my\.(salesforce\.com|salesforce\.mil|salesforce-gov\.com|sfcrmproducts\.cn)$/.test(host)) return true;
  // Salesforce's own hosts without `.my.`: an instance (na123.salesforce.com), login/test, or a Lightning host.
  return !/(^|\.)(salesforce\.com|force\.com|salesforce\.mil|salesforce-gov\.com|sfcrmproducts\.cn)$/.test(host);
}

const labelsMissing = (labels: readonly string[], candidates: readonly PermissionSetRef[]): string[] =>
  labels.filter((l) => choosePermissionSet(l, candidates).kind === 'missing');

/** Why each prerequisite is missing (undefined: met); parameters of `<id>.missing`. */
function missing(id: PrerequisiteId, facts: PrerequisiteFacts): string[] | undefined {
  const perms = facts.userPermissions;
  const lacks = (...fields: UserPermissionField[]): boolean => Boolean(perms) && fields.every((f) => !perms![f]);
  switch (id) {
    case 'voice-connector-app': {
      const absent = facts.guestPermissionSets
        ? labelsMissing([GUEST_PERMISSION_SET_LABELS[0]], facts.guestPermissionSets)
        : [];
      return absent.length ? [absent.map((l) => `"${l}"`).join(', ')] : undefined;
    }
    case 'eci-permission-sets': {
      const quote = (names: readonly string[]): string[] => names.map((n) => `"${n}"`);
      const guest = facts.guestPermissionSets;
      const integration = facts.integrationPermissionSets;
      const absent = new Set([
        ...(guest ? labelsMissing([GUEST_PERMISSION_SET_LABELS[1]], guest) : []),
        ...(integration ? labelsMissing(INTEGRATION_USER_PERMISSION_SET_LABELS, integration) : []),
      ]);
      const noAccessSet =
        integration &&
        labelsMissing(ECI_ACCESS_PERMISSION_SET_LABELS, integration).length === ECI_ACCESS_PERMISSION_SET_LABELS.length;
      const names = [
        ...quote([...absent]),
        ...(noAccessSet
          ? [messages.getMessage('eci-permission-sets.oneOf', [quote(ECI_ACCESS_PERMISSION_SET_LABELS).join(', ')])]
          : []),
      ];
      return names.length ? [names.join('; ')] : undefined;
    }
    case 'sites-enabled':
      return facts.sitesEnabled === false ? [] : undefined;
    case 'site-login-page':
      return facts.siteLoginPage === false ? [VOICE_CONNECTOR_SITE.homePage] : undefined;
    case 'my-domain':
      return isMyDomainUrl(facts.myDomainUrl) ? undefined : [facts.myDomainUrl];
    case 'metadata-api-permission':
      return lacks('PermissionsModifyAllData', 'PermissionsModifyMetadata') ? [] : undefined;
    case 'customize-application-permission':
      return lacks('PermissionsCustomizeApplication') ? [] : undefined;
    case 'manage-users-permission':
      return lacks('PermissionsManageUsers') ? [] : undefined;
    case 'assign-permission-sets-permission':
      return lacks('PermissionsAssignPermissionSets') ? [] : undefined;
  }
}

/** The checklist of these prerequisites from what was read: each met or missing, with what to do and where. */
export function checkPrerequisites(ids: readonly PrerequisiteId[], facts: PrerequisiteFacts): PrerequisiteCheck[] {
  return ids.map((id) => {
    const url = setupUrl(facts.myDomainUrl, PREREQUISITES[id]);
    const why = missing(id, facts);
    const title = messages.getMessage(`${id}.title`);
    if (!why) return { id, title, status: 'met', setupUrl: url };
    return {
      id,
      title,
      status: 'missing',
      detail: messages.getMessage(`${id}.missing`, why),
      action: messages.getMessage(`${id}.action`, [url]),
      setupUrl: url,
    };
  });
}

export const missingPrerequisites = (checks: readonly PrerequisiteCheck[]): PrerequisiteCheck[] =>
  checks.filter((c) => c.status === 'missing');
