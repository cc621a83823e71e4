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

/**
 * Creates the platform refuses because the record already exists, which for the plugin means "already done":
 * a second PermissionSetAssignment of the same set to the same user fails with DUPLICATE_VALUE.
 */
const ALREADY_DONE: Readonly<Record<string, readonly string[]>> = {
  PermissionSetAssignment: ['DUPLICATE_VALUE'],
};

export function alreadyDone(sobject: string, statusCode: string | undefined): boolean {
  return statusCode !== undefined && (ALREADY_DONE[sobject] ?? []).includes(statusCode);
}

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
 * What a known refusal asks of the admin, where the generic "fix and re-run" would loop. A URL suffix of a deleted
 * auth provider can never be used again in the org (FACTS.md §2), and the guide fixes the suffixes.
 */
export function refusalActions(type: string, error: { statusCode?: string; message: string }): string[] | undefined {
  if (type === 'AuthProvider' && /previously used/i.test(error.message)) return messages.getMessages('action.SuffixUsed');
  return undefined;
}
