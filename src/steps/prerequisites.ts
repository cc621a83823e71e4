import { GUEST_PERMISSION_SET_LABELS } from '../guide/guest-user-permissions.js';
import { ECI_ACCESS_PERMISSION_SET_LABELS, INTEGRATION_USER_PERMISSION_SET_LABELS } from '../guide/integration-user.js';
import {
  checkPrerequisites,
  prerequisitesOf,
  type PrerequisiteCheck,
  type PrerequisiteFacts,
  type PrerequisiteId,
  USER_PERMISSION_FIELDS,
} from '../guide/prerequisites.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import type { OrgReads } from '../org/port.js';
import { permissionSetsByLabel, permissionSetsByName } from '../org/permission-set-reads.js';
import { apexPageExists, readSite, readSites } from '../org/sites.js';
import { readUserPermissions } from '../org/users.js';
import { permissionSetNamesNotFound } from './resolve-permission-sets.js';
import type { BoundStep } from './step.js';

/** Flags that replace a step's permission set lookup by label (the step's `permissionSets` input). */
type WithPermissionSets = { permissionSets?: readonly string[] } | undefined;

const overridesOf = (steps: readonly BoundStep[], id: string): readonly string[] =>
  (steps.find((s) => s.step.id === id)?.inputs as WithPermissionSets)?.permissionSets ?? [];

/**
 * The prerequisites of these steps, read from the org: every read at once (one round trip, sent beside the org facts'
 * read), each the same request the steps send later (same SOQL, so OrgPort answers them from memory): the permission
 * sets by the labels (or API names) the steps resolve, the sites, the SiteLogin page, the user's permissions.
 */
export async function readPrerequisites(
  org: OrgReads,
  myDomainUrl: string,
  steps: readonly BoundStep[],
): Promise<PrerequisiteCheck[]> {
  const ids = prerequisitesOf(steps.map((s) => s.step.id));
  const needs = (...wanted: PrerequisiteId[]): boolean => wanted.some((w) => ids.includes(w));
  const has = (id: string): boolean => steps.some((s) => s.step.id === id);
  const guestOverrides = overridesOf(steps, 'guest-user-permissions');
  const integrationOverrides = overridesOf(steps, 'integration-user');
  const byLabel = needs('voice-connector-app', 'eci-permission-sets');

  const [guestSets, integrationSets, named, sites, page, permissions] = await Promise.all([
    byLabel && has('guest-user-permissions') && guestOverrides.length === 0
      ? permissionSetsByLabel(org, GUEST_PERMISSION_SET_LABELS)
      : undefined,
    byLabel && has('integration-user') && integrationOverrides.length === 0
      ? permissionSetsByLabel(org, [...INTEGRATION_USER_PERMISSION_SET_LABELS, ...ECI_ACCESS_PERMISSION_SET_LABELS])
      : undefined,
    // As the steps ask: one read per step's names.
    Promise.all(
      [guestOverrides, integrationOverrides]
        .filter((names) => byLabel && names.length > 0)
        .map(async (names) => (await permissionSetsByName(org, names)).missing),
    ),
    needs('sites-enabled')
      ? has('voice-connector-site')
        ? readSites(org)
        : readSite(org, VOICE_CONNECTOR_SITE.name)
      : undefined,
    needs('site-login-page') ? apexPageExists(org, VOICE_CONNECTOR_SITE.homePage) : undefined,
    needs(
      'metadata-api-permission',
      'customize-application-permission',
      'manage-users-permission',
      'assign-permission-sets-permission',
    )
      ? readUserPermissions(org, USER_PERMISSION_FIELDS)
      : undefined,
  ]);
  // A name given on the command line that the org does not have is a mistyped flag, not a missing feature.
  if (named.flat().length) throw permissionSetNamesNotFound(named.flat());
  const facts: PrerequisiteFacts = {
    myDomainUrl,
    ...(guestSets ? { guestPermissionSets: guestSets } : {}),
    ...(integrationSets ? { integrationPermissionSets: integrationSets } : {}),
    ...(sites ? { sitesEnabled: sites.enabled } : {}),
    ...(page !== undefined ? { siteLoginPage: page } : {}),
    ...(permissions ? { userPermissions: permissions } : {}),
  };
  return checkPrerequisites(ids, facts);
}
