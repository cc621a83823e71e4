import { Messages } from '@salesforce/core';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import { GUEST_PERMISSION_SET_LABELS } from '../guide/guest-user-permissions.js';
import { ECI_ACCESS_PERMISSION_SET_LABELS, INTEGRATION_USER_PERMISSION_SET_LABELS } from '../guide/integration-user.js';
import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { choosePermissionSet } from '../guide/permission-set-choice.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import { metadataRef, type CurrentState } from '../model/component.js';
import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';
import { isExternalClientAppsUnavailable, readExternalClientApp } from '../org/external-client-app.js';
import type { DeleteOutcome, OrgPort, WriteOutcome } from '../org/port.js';
import { permissionSetsByLabel } from '../org/permission-set-reads.js';
import { EXTERNAL_CLIENT_APP_HEADER, EXTERNAL_CLIENT_APP_PARTS } from '../org/platform-rules.js';
import { readSite } from '../org/sites.js';
import { soqlList } from '../org/soql.js';
import { findUserById, findUsersByUsername } from '../org/users.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'teardown');

/**
 * Teardown (issue 11): the guide undone, in reverse dependency order, in the scopes an admin needs.
 * - default, the RingCentral part: the RingCentral named credential (its auth provider with includeAuthProviders);
 * - includeEci, the ECI part every voice connector of the org shares: the guest user's and the integration user's
 *   assignments of the guide's permission sets, the ECI named credential, the site deactivated (never deleted); the
 *   integration user deactivated (a user cannot be deleted) with includeIntegrationUser; the ECI app only with its
 *   auth provider (includeAuthProviders): the API cannot change an auth provider's stored secret, so a provider left
 *   behind would point at an app that no longer exists.
 * Only what is found under the guide's names is planned; nothing else is ever touched.
 */
export type TeardownScope = {
  includeEci: boolean;
  includeAuthProviders: boolean;
  includeIntegrationUser: boolean;
  /** The integration user configure made (--integration-username): whose assignments (and user) go with the ECI part. */
  integrationUsername?: string;
};

export type TeardownAction = 'delete' | 'deactivate';
/** planned: a dry run; already-gone: the org no longer had it when asked to delete it; skipped: kept, see error. */
export type TeardownStatus = 'planned' | 'deleted' | 'deactivated' | 'already-gone' | 'failed' | 'skipped';

export type TeardownItemResult = {
  /** Metadata type or sObject. */
  type: string;
  /** fullName for metadata, a readable name for records. */
  name: string;
  label: string;
  /** Which part of the guide it belongs to. */
  part: 'ringcentral' | 'eci';
  action: TeardownAction;
  status: TeardownStatus;
  /** Why it failed (Salesforce's words: what still uses it) or was skipped. */
  error?: { message: string; statusCode?: string };
};

/** A component of the guide the org has, and nothing to remove: absent, or (the site, a user) already inactive. */
export type TeardownNotFound = { type: string; name: string; label: string; reason: 'absent' | 'inactive' };

type Removal = Omit<TeardownItemResult, 'status' | 'error'> & {
  /** The item that must be gone first, else this one is kept (the ECI app after its auth provider). */
  after?: string;
  apply: (org: OrgPort) => Promise<DeleteOutcome | WriteOutcome>;
};

export type TeardownPlan = {
  removals: Removal[];
  notFound: TeardownNotFound[];
  warnings: string[];
  /** The auth providers this plan deletes: their URL suffixes can never be used again in this org. */
  authProviders: string[];
};

const key = (r: Pick<TeardownItemResult, 'type' | 'name'>): string => `${r.type} ${r.name}`;

/** The removal of a metadata component found in the org. */
function metadataRemoval(
  type: string,
  fullName: string,
  label: string,
  part: Removal['part'],
  current: CurrentState,
  after?: string,
): Removal {
  return {
    type,
    name: fullName,
    label,
    part,
    action: 'delete',
    ...(after ? { after } : {}),
    apply: async (org) => (await org.deleteMetadata(type, [{ fullName, current }]))[0],
  };
}

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

/** Reads what the org has under the guide's names, and plans its removal in order. Nothing is written. */
export async function planTeardown(org: OrgPort, scope: TeardownScope): Promise<TeardownPlan> {
  const removals: Removal[] = [];
  const notFound: TeardownNotFound[] = [];
  const warnings: string[] = [];
  const eci = scope.includeEci;
  const providers = scope.includeAuthProviders;

  const refs = [
    metadataRef(
      'NamedCredential',
      RINGCENTRAL_NAMED_CREDENTIAL.fullName,
      messages.getMessage('label.RcNamedCredential'),
    ),
    ...(providers
      ? [metadataRef('AuthProvider', RINGCENTRAL_AUTH_PROVIDER.fullName, messages.getMessage('label.RcAuthProvider'))]
      : []),
    ...(eci
      ? [
          metadataRef(
            'NamedCredential',
            ECI_NAMED_CREDENTIAL.fullName,
            messages.getMessage('label.EciNamedCredential'),
          ),
          metadataRef('CustomSite', VOICE_CONNECTOR_SITE.name, messages.getMessage('label.Site')),
        ]
      : []),
    ...(eci && providers
      ? [
          metadataRef('AuthProvider', ECI_AUTH_PROVIDER.fullName, messages.getMessage('label.EciAuthProvider')),
          metadataRef('ConnectedApp', ECI_CONNECTED_APP.fullName, messages.getMessage('label.EciApp')),
        ]
      : []),
  ];
  const states = await org.readMetadata(refs);
  const state = (type: string, name: string): CurrentState =>
    states[refs.findIndex((r) => r.type === type && r.fullName === name)] ?? { exists: false };
  const found = (type: string, name: string): boolean => state(type, name).exists;
  const labelOf = (type: string, name: string): string =>
    refs.find((r) => r.type === type && r.fullName === name)?.label ?? name;
  const absent = (type: string, name: string): void => {
    notFound.push({ type, name, label: labelOf(type, name), reason: 'absent' });
  };
  const metadata = (type: string, name: string, part: Removal['part'], after?: string): void => {
    if (found(type, name))
      removals.push(metadataRemoval(type, name, labelOf(type, name), part, state(type, name), after));
    else absent(type, name);
  };

  // 1. What uses an auth provider goes before it: the named credentials.
  metadata('NamedCredential', RINGCENTRAL_NAMED_CREDENTIAL.fullName, 'ringcentral');

  if (eci) {
    // 2. The ECI part: assignments, the ECI named credential, the site (deactivated), the integration user.
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
    const guestId = site.enabled ? site.site?.guestUserId : undefined;
    const guest = guestId ? await findUserById(org, guestId) : undefined;
    const assignees = [
      ...(guest ? [{ user: guest, sets: guideSets(candidates, GUEST_PERMISSION_SET_LABELS, [], warnings) }] : []),
      ...(integration
        ? [
            {
              user: integration,
              sets: guideSets(
                candidates,
                INTEGRATION_USER_PERMISSION_SET_LABELS,
                ECI_ACCESS_PERMISSION_SET_LABELS,
                warnings,
              ),
            },
          ]
        : []),
    ].filter((a) => a.sets.length > 0);
    if (scope.integrationUsername && !integration)
      notFound.push({
        type: 'User',
        name: scope.integrationUsername,
        label: messages.getMessage('label.IntegrationUser'),
        reason: 'absent',
      });
    const setIds = [...new Set(assignees.flatMap((a) => a.sets.map((s) => s.id)))];
    const rows = assignees.length
      ? await org.query<AssignmentRow>(
          `SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN (${soqlList(
            assignees.map((a) => a.user.id),
          )}) AND PermissionSetId IN (${soqlList(setIds)})`,
        )
      : [];
    for (const { user, sets } of assignees) {
      for (const set of sets) {
        const row = rows.find((r) => r.AssigneeId === user.id && r.PermissionSetId === set.id);
        const name = `${qualifiedName(set)} → ${user.username}`;
        const label = messages.getMessage('label.Assignment', [set.label]);
        if (!row) {
          notFound.push({ type: 'PermissionSetAssignment', name, label, reason: 'absent' });
          continue;
        }
        const current: CurrentState = {
          exists: true,
          id: row.Id,
          fields: { AssigneeId: row.AssigneeId, PermissionSetId: row.PermissionSetId },
        };
        removals.push({
          type: 'PermissionSetAssignment',
          name,
          label,
          part: 'eci',
          action: 'delete',
          apply: (o) => o.deleteRecord('PermissionSetAssignment', name, current),
        });
      }
    }

    metadata('NamedCredential', ECI_NAMED_CREDENTIAL.fullName, 'eci');

    // The site is deactivated, never deleted (its guest user and URL stay, for the org's other uses).
    const siteState = state('CustomSite', VOICE_CONNECTOR_SITE.name);
    if (!siteState.exists) absent('CustomSite', VOICE_CONNECTOR_SITE.name);
    else if (siteState.fields.active === false)
      notFound.push({
        type: 'CustomSite',
        name: VOICE_CONNECTOR_SITE.name,
        label: labelOf('CustomSite', VOICE_CONNECTOR_SITE.name),
        reason: 'inactive',
      });
    else
      removals.push({
        type: 'CustomSite',
        name: VOICE_CONNECTOR_SITE.name,
        label: labelOf('CustomSite', VOICE_CONNECTOR_SITE.name),
        part: 'eci',
        action: 'deactivate',
        apply: async (o) =>
          (
            await o.upsertMetadata('CustomSite', [
              {
                component: {
                  kind: 'metadata',
                  type: 'CustomSite',
                  fullName: VOICE_CONNECTOR_SITE.name,
                  label: VOICE_CONNECTOR_SITE.label,
                  fields: { active: false },
                },
                current: siteState,
              },
            ])
          )[0],
      });

    if (scope.includeIntegrationUser && integration) {
      const label = messages.getMessage('label.IntegrationUser');
      if (!integration.isActive) notFound.push({ type: 'User', name: integration.username, label, reason: 'inactive' });
      else {
        const current: CurrentState = {
          exists: true,
          id: integration.id,
          fields: { Username: integration.username, IsActive: true },
        };
        removals.push({
          type: 'User',
          name: integration.username,
          label,
          part: 'eci',
          action: 'deactivate',
          apply: (o) =>
            o.upsertRecord(
              {
                kind: 'record',
                sobject: 'User',
                name: integration.username,
                label,
                match: { Username: integration.username },
                fields: { IsActive: false },
              },
              current,
            ),
        });
      }
    }
  }

  // 3. The auth providers, once nothing of the guide uses them: their suffixes can never be used again.
  if (providers) metadata('AuthProvider', RINGCENTRAL_AUTH_PROVIDER.fullName, 'ringcentral');
  if (eci && providers) {
    const eciProvider = key({ type: 'AuthProvider', name: ECI_AUTH_PROVIDER.fullName });
    metadata('AuthProvider', ECI_AUTH_PROVIDER.fullName, 'eci');
    // 4. The ECI app after its auth provider: a Connected App, or an External Client App (its parts, then it).
    const after = found('AuthProvider', ECI_AUTH_PROVIDER.fullName) ? eciProvider : undefined;
    if (found('ConnectedApp', ECI_CONNECTED_APP.fullName))
      metadata('ConnectedApp', ECI_CONNECTED_APP.fullName, 'eci', after);
    else await planExternalClientApp(org, removals, notFound, warnings, after);
  }

  const authProviders = removals.filter((r) => r.type === 'AuthProvider').map((r) => r.name);
  return { removals, notFound, warnings, authProviders };
}

async function planExternalClientApp(
  org: OrgPort,
  removals: Removal[],
  notFound: TeardownNotFound[],
  warnings: string[],
  after: string | undefined,
): Promise<void> {
  const label = messages.getMessage('label.EciApp');
  try {
    const app = await readExternalClientApp(org, ECI_CONNECTED_APP.fullName);
    if (!app.header.exists) {
      notFound.push({ type: 'ConnectedApp', name: ECI_CONNECTED_APP.fullName, label, reason: 'absent' });
      return;
    }
    // The parts first (their names are the org's own, found by the app they name), then the app.
    for (const type of EXTERNAL_CLIENT_APP_PARTS) {
      const part = app.parts[type];
      if (part)
        removals.push(metadataRemoval(type, part.fullName, label, 'eci', { exists: true, fields: part.fields }, after));
    }
    removals.push(
      metadataRemoval(EXTERNAL_CLIENT_APP_HEADER, ECI_CONNECTED_APP.fullName, label, 'eci', app.header, after),
    );
  } catch (error) {
    // An org without External Client Apps has none; a user who may not see them is told so.
    if (!isExternalClientAppsUnavailable(error)) throw error;
    notFound.push({ type: 'ConnectedApp', name: ECI_CONNECTED_APP.fullName, label, reason: 'absent' });
    warnings.push(messages.getMessage('warning.ExternalClientAppsUnreadable', [(error as Error).message]));
  }
}

/** The plan as a dry run reports it: every removal planned. */
export const plannedResults = (plan: TeardownPlan): TeardownItemResult[] =>
  plan.removals.map(({ apply, after, ...r }) => {
    void apply;
    void after;
    return { ...r, status: 'planned' };
  });

/**
 * Removes what the plan found, one after the other in its order. A refusal (Salesforce's words say what still uses
 * the component) is that item's failure, and the rest goes on; an item whose prerequisite was not removed is kept
 * (skipped). A fault of the run itself (the session, the connection) ends it: a re-run finishes.
 */
export async function applyTeardown(org: OrgPort, plan: TeardownPlan): Promise<TeardownItemResult[]> {
  const results: TeardownItemResult[] = [];
  const removed = new Set<string>();
  for (const removal of plan.removals) {
    const { apply, after, ...item } = removal;
    if (after && !removed.has(after)) {
      results.push({
        ...item,
        status: 'skipped',
        error: { message: messages.getMessage('skipped.After', [after]) },
      });
      continue;
    }
    const outcome = await apply(org);
    if (outcome.success) {
      removed.add(key(item));
      const gone = 'gone' in outcome && outcome.gone;
      results.push({ ...item, status: gone ? 'already-gone' : item.action === 'delete' ? 'deleted' : 'deactivated' });
    } else {
      results.push({
        ...item,
        status: 'failed',
        error: { message: outcome.message, ...(outcome.statusCode ? { statusCode: outcome.statusCode } : {}) },
      });
    }
  }
  return results;
}
