import { Messages } from '@salesforce/core';
import { GUEST_PERMISSION_SET_LABELS } from '../guide/guest-user-permissions.js';
import {
  ECI_ACCESS_PERMISSION_SET_LABELS,
  INTEGRATION_USER_PERMISSION_SET_LABELS,
  INTEGRATION_USER_PROFILE,
} from '../guide/integration-user.js';
import { choosePermissionSet } from '../guide/permission-set-choice.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import type { CurrentState, MetadataComponent, RecordComponent } from '../model/component.js';
import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';
import { permissionSetsByLabel } from '../org/permission-set-reads.js';
import type { OrgReads } from '../org/port.js';
import { readSite } from '../org/sites.js';
import { soqlList } from '../org/soql.js';
import { findUserById, findUsersByUsername, type UserRow } from '../org/users.js';
import type { PlanBuilder, Removal, RunningUser, TeardownScope, UnprovenUser, UserMarker } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'teardown');

type AssignmentRow = { Id: string; AssigneeId: string; PermissionSetId: string };

/** The guide's permission sets by label (the first found of `oneOf`), as configure chose them; unclear labels warned. */
function guideSets(
  candidates: readonly PermissionSetRef[],
  labels: readonly string[],
  oneOf: readonly string[],
  warnings: string[],
): PermissionSetRef[] {
  const choices = [
    ...labels.map((l) => choosePermissionSet(l, candidates)),
    ...(oneOf.length
      ? [oneOf.map((l) => choosePermissionSet(l, candidates)).find((c) => c.kind !== 'missing')].filter((c) => !!c)
      : []),
  ];
  const sets: PermissionSetRef[] = [];
  for (const c of choices) {
    if (c.kind === 'found') sets.push(c.set);
    // Several sets share the label: which one configure assigned is not known, so none is touched.
    if (c.kind === 'ambiguous')
      warnings.push(messages.getMessage('warning.AmbiguousSet', [c.label, c.candidates.map(qualifiedName).join(', ')]));
  }
  return sets;
}

/** The site's guest user and the named integration user, each with the guide's permission sets it may hold. */
async function assignees(
  org: OrgReads,
  scope: TeardownScope,
  plan: PlanBuilder,
  running: RunningUser,
): Promise<{
  integration?: UserRow;
  integrationSet?: PermissionSetRef;
  assignees: Array<{ user: UserRow; sets: PermissionSetRef[] }>;
}> {
  const [site, candidates, integration] = await Promise.all([
    readSite(org, VOICE_CONNECTOR_SITE.name),
    permissionSetsByLabel(org, [
      ...GUEST_PERMISSION_SET_LABELS,
      ...INTEGRATION_USER_PERMISSION_SET_LABELS,
      ...ECI_ACCESS_PERMISSION_SET_LABELS,
    ]),
    scope.integrationUsername
      ? findUsersByUsername(org, [scope.integrationUsername]).then((m) =>
          m.get(scope.integrationUsername!.toLowerCase()),
        )
      : Promise.resolve(undefined),
  ]);
  // Never the admin's own user, whatever else is said: its permission sets and its being active are how it works.
  if (integration && (integration.id === running.id || sameName(integration.username, running.username)))
    throw messages.createError('error.RunningUser', [integration.username]);
  const guestId = site.enabled ? site.site?.guestUserId : undefined;
  const guest = guestId ? await findUserById(org, guestId) : undefined;
  if (scope.integrationUsername && !integration)
    plan.notFound.push({
      type: 'User',
      name: scope.integrationUsername,
      label: messages.getMessage('label.IntegrationUser'),
      reason: 'absent',
    });
  const integrationSets = (): PermissionSetRef[] =>
    guideSets(candidates, INTEGRATION_USER_PERMISSION_SET_LABELS, ECI_ACCESS_PERMISSION_SET_LABELS, plan.warnings);
  const list = [
    ...(guest ? [{ user: guest, sets: guideSets(candidates, GUEST_PERMISSION_SET_LABELS, [], plan.warnings) }] : []),
    ...(integration ? [{ user: integration, sets: integrationSets() }] : []),
  ].filter((a) => a.sets.length > 0);
  const [integrationSet] = guideSets(candidates, INTEGRATION_USER_PERMISSION_SET_LABELS, [], []);
  return {
    ...(integration ? { integration } : {}),
    ...(integrationSet ? { integrationSet } : {}),
    assignees: list,
  };
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Which of the markers of a user made for this setup the integration user lacks: the guide's Conversation Insights
 * Integration User permission set, the guide's profile, the plugin's own record of creating it. Undefined when it
 * has them all, or when the admin named it a second time.
 */
function unproven(user: UserRow, scope: TeardownScope, holdsIntegrationSet: boolean): UnprovenUser | undefined {
  if (scope.confirmedIntegrationUser && sameName(scope.confirmedIntegrationUser, user.username)) return undefined;
  const missing: UserMarker[] = [
    ...(holdsIntegrationSet ? [] : (['permission-set'] as const)),
    ...(user.profileName === INTEGRATION_USER_PROFILE ? [] : (['profile'] as const)),
    ...(scope.madeUserIds?.includes(user.id) ? [] : (['made-by-plugin'] as const)),
  ];
  if (missing.length === 0) return undefined;
  return { username: user.username, missing, ...(user.profileName ? { profile: user.profileName } : {}) };
}

/**
 * The guide's permission set assignments of the guest user and the integration user, each found (one query) planned
 * for deletion, each not found listed. Answers the integration user, when named and found, and what of the markers of
 * a user made for this setup it lacks (unless named again). Refuses the running user.
 */
export async function planAssignments(
  org: OrgReads,
  scope: TeardownScope,
  plan: PlanBuilder,
  running: RunningUser,
): Promise<{ integration?: UserRow; unproven?: UnprovenUser }> {
  const found = await assignees(org, scope, plan, running);
  const setIds = [...new Set(found.assignees.flatMap((a) => a.sets.map((s) => s.id)))];
  const rows = found.assignees.length
    ? await org.query<AssignmentRow>(
        `SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN (${soqlList(
          found.assignees.map((a) => a.user.id),
        )}) AND PermissionSetId IN (${soqlList(setIds)})`,
      )
    : [];
  for (const { user, sets } of found.assignees)
    for (const set of sets) {
      const row = rows.find((r) => r.AssigneeId === user.id && r.PermissionSetId === set.id);
      const name = `${qualifiedName(set)} → ${user.username}`;
      const label = messages.getMessage('label.Assignment', [set.label]);
      if (!row) plan.notFound.push({ type: 'PermissionSetAssignment', name, label, reason: 'absent' });
      else plan.removals.push(assignmentDeletion(name, label, row));
    }
  const { integration, integrationSet } = found;
  if (!integration) return {};
  const holds = rows.some((r) => r.AssigneeId === integration.id && r.PermissionSetId === integrationSet?.id);
  const doubt = unproven(integration, scope, holds);
  return { integration, ...(doubt ? { unproven: doubt } : {}) };
}

function assignmentDeletion(name: string, label: string, row: AssignmentRow): Removal {
  const component: RecordComponent = {
    kind: 'record',
    sobject: 'PermissionSetAssignment',
    name,
    label,
    match: { Id: row.Id },
    fields: {},
  };
  const current: CurrentState = {
    exists: true,
    id: row.Id,
    fields: { AssigneeId: row.AssigneeId, PermissionSetId: row.PermissionSetId },
  };
  return { component, current, action: 'delete', changes: [], part: 'eci' };
}

/** The site is deactivated, never deleted (its guest user and URL stay, for the org's other uses). */
export function planSiteDeactivation(plan: PlanBuilder, site: MetadataComponent, current: CurrentState): void {
  const missing = { type: site.type, name: site.fullName, label: site.label };
  if (!current.exists) plan.notFound.push({ ...missing, reason: 'absent' });
  else if (current.fields.active === false) plan.notFound.push({ ...missing, reason: 'inactive' });
  else
    plan.removals.push({
      component: { ...site, fields: { active: false } },
      current,
      action: 'update',
      changes: [{ field: 'active', current: 'true', desired: 'false' }],
      part: 'eci',
    });
}

/** The integration user is deactivated (a user cannot be deleted). */
export function planUserDeactivation(plan: PlanBuilder, user: UserRow): void {
  const label = messages.getMessage('label.IntegrationUser');
  if (!user.isActive) {
    plan.notFound.push({ type: 'User', name: user.username, label, reason: 'inactive' });
    return;
  }
  plan.removals.push({
    component: {
      kind: 'record',
      sobject: 'User',
      name: user.username,
      label,
      match: { Username: user.username },
      fields: { IsActive: false },
    },
    current: { exists: true, id: user.id, fields: { Username: user.username, IsActive: true } },
    action: 'update',
    changes: [{ field: 'IsActive', current: 'true', desired: 'false' }],
    part: 'eci',
  });
}

/** Whether the plan changes this user: removes one of its assignments, or deactivates it. */
export const touchesUser = (plan: PlanBuilder, userId: string): boolean =>
  plan.removals.some(
    (r) =>
      (r.current.exists && r.current.id === userId) || (r.current.exists && r.current.fields.AssigneeId === userId),
  );

/** What a user the markers cannot prove lacks, in words: the plan's warning and the consent's refusal. */
export function unprovenReasons(user: UnprovenUser): string {
  const words: Record<UserMarker, () => string> = {
    'permission-set': () => messages.getMessage('marker.permission-set'),
    profile: () => messages.getMessage('marker.profile', [user.profile ?? messages.getMessage('marker.NoProfile')]),
    'made-by-plugin': () => messages.getMessage('marker.made-by-plugin'),
  };
  return user.missing.map((m) => words[m]()).join('; ');
}

export const unprovenWarning = (user: UnprovenUser): string =>
  messages.getMessage('warning.UnprovenUser', [user.username, unprovenReasons(user), user.username]);
