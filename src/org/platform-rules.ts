import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * The Salesforce platform rules the org layer obeys, each in one place (FACTS.md §2). The simulated org
 * enforces the same rules on its side (test/sim/rules), so a plugin that forgets one fails its tests.
 */

/**
 * Fields sent when a component is created and never compared or sent again:
 * - AuthProvider.consumerSecret is stored write-only (readMetadata returns it encrypted) and cannot be changed;
 * - ConnectedApp consumer key and secret can be chosen at creation only ("You cannot provide a Consumer Key").
 */
const WRITE_ONCE: Readonly<Record<string, readonly string[]>> = {
  AuthProvider: ['consumerSecret'],
  ConnectedApp: ['oauthConfig.consumerKey', 'oauthConfig.consumerSecret'],
  ExtlClntAppGlobalOauthSettings: ['consumerKey', 'consumerSecret'],
};

/** Fields readMetadata returns that a write must not carry back. */
const READ_ONLY: Readonly<Record<string, readonly string[]>> = {
  CustomSite: ['guestProfile'],
};

export function writeOnceFields(type: string): readonly string[] {
  return WRITE_ONCE[type] ?? [];
}

export function readOnlyFields(type: string): readonly string[] {
  return READ_ONLY[type] ?? [];
}

/** A consumer key or secret the caller chooses for a new ConnectedApp / External Client App: 8 to 256 alphanumerics. */
export const CONSUMER_CREDENTIAL_LENGTH = { min: 8, max: 256 } as const;

/** CRUD calls of the Metadata API take at most this many components (readMetadata too). */
export const METADATA_BATCH_SIZE = 10;

/**
 * Whether a refused Connected App create is the Spring '26 block on new Connected Apps (FACTS.md §2), the only
 * refusal after which an External Client App is the right answer. Salesforce publishes no fixed code for it, so the
 * message decides: it names Connected Apps and says they cannot be created. Any other refusal (a bad field, a taken
 * consumer key) is reported as it is, never worked around with another kind of app.
 */
export function isConnectedAppCreationBlocked(message: string | undefined): boolean {
  const text = message ?? '';
  return /connected app/i.test(text) && /(can['’]?t|cannot|not allowed|no longer|disabled|restricted|blocked)/i.test(text) && /creat/i.test(text);
}

/**
 * The one refusal catalogue: what a Salesforce refusal of one component means to the plugin, and what it asks of the
 * admin. The engine applies it to every component result, so `configure` and each step command explain the same
 * refusal in the same words. A refusal that is not listed keeps Salesforce's own message.
 * - `already-done`: the platform refused because the thing exists (a duplicate assignment): counted as unchanged;
 * - `needs-action`: the admin can fix it (another username, other permission sets) and re-run;
 * - `never`: no re-run can succeed in this org (a URL suffix of a deleted auth provider);
 * - `blocked`: the org refuses this kind of component altogether (the Spring '26 Connected App block).
 */
export type RefusalMeaning = 'already-done' | 'needs-action' | 'never' | 'blocked';

export type Refusal = {
  meaning: RefusalMeaning;
  /** The SfError name a step command ends with, e.g. `UsernameTakenError`. */
  name?: string;
  /** The message for the admin (Salesforce's own words included); absent: Salesforce's message as it is. */
  message?: string;
  actions?: string[];
};

export type RefusedComponent = { type: string; name: string; statusCode?: string; message: string };

type CatalogueEntry = { type: string; matches(r: RefusedComponent): boolean; explain(r: RefusedComponent): Refusal };

const CATALOGUE: readonly CatalogueEntry[] = [
  {
    // A second assignment of the same set to the same user.
    type: 'PermissionSetAssignment',
    matches: (r) => r.statusCode === 'DUPLICATE_VALUE',
    explain: () => ({ meaning: 'already-done' }),
  },
  {
    type: 'AuthProvider',
    matches: (r) => /previously used/i.test(r.message),
    explain: () => ({ meaning: 'never', actions: messages.getMessages('action.SuffixUsed') }),
  },
  {
    type: 'User',
    matches: (r) => r.statusCode === 'DUPLICATE_USERNAME' || /duplicate username/i.test(r.message),
    explain: (r) => {
      const [local, domain] = r.name.split('@');
      return {
        meaning: 'needs-action',
        name: 'UsernameTakenError',
        message: messages.getMessage('error.UsernameTaken', [r.name, r.message]),
        actions: messages.getMessages('error.UsernameTaken.actions', [`${local}.eci@${domain}`]),
      };
    },
  },
  {
    // The site guest user has the Guest User license; a set of another license is refused.
    type: 'PermissionSetAssignment',
    matches: (r) => /licen[cs]e/i.test(r.message),
    explain: (r) => ({
      meaning: 'needs-action',
      name: 'LicenseMismatchError',
      message: messages.getMessage('error.LicenseMismatch', [r.name.split(' → ')[1] ?? r.name, `${r.statusCode ? `${r.statusCode}: ` : ''}${r.message}`]),
      actions: messages.getMessages('error.LicenseMismatch.actions'),
    }),
  },
  {
    type: 'ConnectedApp',
    matches: (r) => isConnectedAppCreationBlocked(r.message),
    explain: () => ({ meaning: 'blocked' }),
  },
];

/** What a refusal means (see the catalogue), or undefined when the plugin does not know it. */
export function explainRefusal(refused: RefusedComponent): Refusal | undefined {
  return CATALOGUE.find((e) => e.type === refused.type && e.matches(refused))?.explain(refused);
}
