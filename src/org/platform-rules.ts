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

/** CRUD calls of the Metadata API take at most this many components (readMetadata too). */
export const METADATA_BATCH_SIZE = 10;
