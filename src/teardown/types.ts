import type { PlanItem } from '../model/component.js';

/**
 * The guide undone, in reverse dependency order, in the scopes an admin needs:
 * - default, the RingCentral part: the RingCentral named credential (its auth provider with includeAuthProviders);
 * - includeEci, the ECI part every voice connector of the org shares: the guest user's and the integration user's
 *   assignments of the guide's permission sets, the ECI named credential, the site deactivated (never deleted); the
 *   integration user deactivated (a user cannot be deleted) with includeIntegrationUser; the ECI app only with its
 *   auth provider (includeAuthProviders): the API cannot change an auth provider's stored secret, so a provider left
 *   behind would point at an app that no longer exists. An External Client App goes by a destructive-changes deploy;
 *   a Connected App only with deleteConnectedApp, since one deleted cannot be made again.
 * Only what is found under the guide's names is planned; nothing else is ever touched.
 */
export type TeardownScope = {
  includeEci: boolean;
  includeAuthProviders: boolean;
  includeIntegrationUser: boolean;
  /** The integration user configure made (--integration-username): whose assignments (and user) go with the ECI part. */
  integrationUsername?: string;
  /** The users the plugin's own record says it created in this org (cli/made-users.ts), by id. */
  madeUserIds?: readonly string[];
  /** The integration user's username named a second time (--confirm-integration-user): the admin's word for a user the markers cannot prove. */
  confirmedIntegrationUser?: string;
  /**
   * Delete the ECI app when it is a Connected App (--delete-connected-app). Without it the app stays: since Spring '26 a
   * deleted Connected App cannot be made again (only Salesforce Support can allow it). An External Client App is always
   * removed with its auth provider: a run of configure makes it again.
   */
  deleteConnectedApp?: boolean;
};

/** A component of the guide the org has and the scope covers, left in place on purpose: what, and why. */
export type TeardownKept = { type: string; name: string; label: string; reason: 'connected-app' };

/**
 * What shows a user was made for this setup, besides never being the running user (which nothing overrides): the
 * guide's Conversation Insights Integration User permission set, the guide's profile, and the plugin's own record
 * that it created the user.
 */
export type UserMarker = 'permission-set' | 'profile' | 'made-by-plugin';

/** The named integration user, when the markers do not all show it was made for this setup and it was not named again. */
export type UnprovenUser = { username: string; missing: UserMarker[]; profile?: string };

/** A component of the guide the org has, and nothing to remove: absent, or (the site, a user) already inactive. */
export type TeardownNotFound = { type: string; name: string; label: string; reason: 'absent' | 'inactive' };

/** Which part of the guide a removal belongs to. */
export type TeardownPart = 'ringcentral' | 'eci';

/** A removal: the engine's plan item (a delete, or an update that deactivates), and its part of the guide. */
export type Removal = PlanItem & { part: TeardownPart };

export type TeardownPlan = {
  removals: Removal[];
  notFound: TeardownNotFound[];
  kept: TeardownKept[];
  warnings: string[];
  /** The auth providers this plan deletes: their URL suffixes can never be used again in this org. */
  authProviders: string[];
  /** A user the plan changes that needs the admin to name it again before anything is removed. */
  unprovenUser?: UnprovenUser;
};

/** What a plan is built into: each part adds its removals and what it did not find, in the order of removal. */
export type PlanBuilder = Omit<TeardownPlan, 'authProviders'>;

/** Who runs the teardown: a user it never changes. */
export type RunningUser = { id: string; username: string };
