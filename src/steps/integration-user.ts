import { Messages } from '@salesforce/core';
import { planCreations, run } from '../engine/engine.js';
import type { ComponentResult, NextStep, RecordComponent } from '../model/component.js';
import { permissionSetAssignment } from '../guide/guest-user-permissions.js';
import {
  ECI_ACCESS_PERMISSION_SET_LABELS,
  INTEGRATION_USER_PERMISSION_SET_LABELS,
  INTEGRATION_USER_PROFILE,
  integrationUser,
} from '../guide/integration-user.js';
import { qualifiedName } from '../model/permission-set.js';
import { assignedPermissionSetIds, grants, profilePermissionSetId } from '../org/permission-set-reads.js';
import { findProfileByName, findUsersByUsername, readUserLocale } from '../org/users.js';
import { resolvePermissionSets } from './resolve-permission-sets.js';
import type { AssignedPermissionSet } from './guest-user-permissions.js';
import { badInput, engineOptions, type GuideStep } from './step.js';
import { settled } from '../org/read-plan.js';
import type { OrgReads } from '../org/port.js';
import type { KnownFacts } from '../org/port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

export type IntegrationUserStepInputs = {
  username: string;
  /** Needed only to create the user. */
  email?: string;
  firstName?: string;
  lastName?: string;
  /** API names that replace the lookup of the guide's permission sets by label. */
  permissionSets?: readonly string[];
};

export type IntegrationUserDetails = {
  username: string;
  /** Known once the user exists. */
  userId?: string;
  profile: string;
  permissionSets: AssignedPermissionSet[];
};

export const INTEGRATION_USER_DEFAULT_NAMES = { firstName: 'ECI', lastName: 'Integration' } as const;

/** The object the guide's integration user must be able to read. */
const VOICE_CALL = 'VoiceCall';

/** A result for an assignment that was not read from the org: its user does not exist (yet). */
function notRead(component: RecordComponent, status: 'planned' | 'skipped', message?: string): ComponentResult {
  return {
    type: component.sobject,
    name: component.name,
    label: component.label,
    action: 'create',
    status,
    changes: [],
    ...(message ? { error: { message } } : {}),
  };
}

export function runAsIntegrationUserStep(username: string, myDomainUrl: string): NextStep {
  return {
    title: messages.getMessage('nextStep.RunAsIntegrationUser.title', [username]),
    url: myDomainUrl,
    detail: messages.getMessage('nextStep.RunAsIntegrationUser.detail', [myDomainUrl]),
  };
}

/** The integration user as the guide wants it, with the running user's locale settings. */
function desiredUser(
  inputs: IntegrationUserStepInputs,
  existingUsername: string | undefined,
  profileId: string,
  locale: Awaited<ReturnType<typeof readUserLocale>>,
): RecordComponent {
  return integrationUser({
    username: existingUsername ?? inputs.username,
    email: inputs.email ?? '',
    firstName: inputs.firstName ?? INTEGRATION_USER_DEFAULT_NAMES.firstName,
    lastName: inputs.lastName ?? INTEGRATION_USER_DEFAULT_NAMES.lastName,
    profileId,
    locale: locale ?? {
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    },
  });
}

const resolveSets = (org: OrgReads, inputs: IntegrationUserStepInputs): ReturnType<typeof resolvePermissionSets> =>
  resolvePermissionSets(
    org,
    INTEGRATION_USER_PERMISSION_SET_LABELS,
    inputs.permissionSets,
    ECI_ACCESS_PERMISSION_SET_LABELS,
  );

/** What execute reads, in the order its answers allow (see GuideStep.reads). */
async function integrationUserReads(
  inputs: IntegrationUserStepInputs,
  facts: KnownFacts,
  org: OrgReads,
): Promise<void> {
  const [users, profile, sets, locale] = await settled([
    findUsersByUsername(org, [inputs.username]),
    findProfileByName(org, INTEGRATION_USER_PROFILE),
    resolveSets(org, inputs),
    readUserLocale(org, facts.username),
  ] as const);
  const existing = users.get(inputs.username.toLowerCase());
  if (!profile) return;
  const [profileSet, alreadyAssigned] = await settled([
    profilePermissionSetId(org, profile.id),
    existing ? assignedPermissionSetIds(org, existing.id) : Promise.resolve([]),
  ] as const);
  await settled([
    grants(org, [...(profileSet ? [profileSet] : []), ...sets.map((s) => s.id), ...alreadyAssigned], VOICE_CALL),
    org.readRecords([desiredUser(inputs, existing?.username, profile.id, locale)]),
    existing
      ? org.readRecords(sets.map((set) => permissionSetAssignment({ id: existing.id, name: existing.username }, set)))
      : Promise.resolve([]),
  ] as const);
}

/** Guide task "Log In as the Integration User". */
export const IntegrationUserStep: GuideStep<IntegrationUserStepInputs, IntegrationUserDetails> = {
  id: 'integration-user',
  title: 'Log In as the Integration User',
  dependsOn: [],
  reads: integrationUserReads,
  async execute(inputs, ctx) {
    const [existingUsers, profile] = await Promise.all([
      findUsersByUsername(ctx.org, [inputs.username]),
      findProfileByName(ctx.org, INTEGRATION_USER_PROFILE),
    ]);
    const existing = existingUsers.get(inputs.username.toLowerCase());
    if (!existing && !inputs.email) throw badInput(messages.createError('error.EmailNeeded', [inputs.username]));
    if (!profile) throw messages.createError('error.NoProfile', [INTEGRATION_USER_PROFILE]);
    const sets = await resolveSets(ctx.org, inputs);

    // API Enabled and Voice Call access come from the profile and the permission sets: checked before writing.
    const [profileSet, alreadyAssigned] = await Promise.all([
      profilePermissionSetId(ctx.org, profile.id),
      existing ? assignedPermissionSetIds(ctx.org, existing.id) : Promise.resolve([]),
    ]);
    const access = await grants(
      ctx.org,
      [...(profileSet ? [profileSet] : []), ...sets.map((s) => s.id), ...alreadyAssigned],
      VOICE_CALL,
    );
    const setNames = sets.map((s) => s.label).join(', ');
    if (!access.apiEnabled) throw messages.createError('error.ApiNotEnabled', [INTEGRATION_USER_PROFILE, setNames]);
    if (!access.objectRead) throw messages.createError('error.NoVoiceCallAccess', [INTEGRATION_USER_PROFILE, setNames]);

    const locale = await readUserLocale(ctx.org, ctx.facts.username);
    const user = desiredUser(inputs, existing?.username, profile.id, locale);
    const [userResult] = await run([user], ctx.org, engineOptions(ctx));

    // The assignments need the user's id: they are planned once the user exists.
    const userId =
      existing?.id ??
      (userResult.status === 'created'
        ? (await findUsersByUsername(ctx.org, [inputs.username])).get(inputs.username.toLowerCase())?.id
        : undefined);
    const assignee = { id: userId ?? '', name: existing?.username ?? inputs.username };
    const assignments = sets.map((set) => permissionSetAssignment(assignee, set));
    // --validate lists these assignments as records it cannot check.
    const plannedAssignments = (): ComponentResult[] => planCreations(assignments, ctx.onPlan);
    const assignmentResults = userId
      ? await run(assignments, ctx.org, engineOptions(ctx))
      : userResult.status === 'planned'
        ? plannedAssignments()
        : assignments.map((c) => notRead(c, 'skipped', messages.getMessage('skipped.NoUser')));

    return {
      components: [userResult, ...assignmentResults],
      nextSteps: [runAsIntegrationUserStep(assignee.name, ctx.facts.myDomainUrl)],
      warnings: [],
      ...(userResult.status === 'created' && userId ? { madeUsers: [{ id: userId, username: assignee.name }] } : {}),
      details: {
        username: assignee.name,
        ...(userId ? { userId } : {}),
        profile: INTEGRATION_USER_PROFILE,
        permissionSets: sets.map((s) => ({
          id: s.id,
          name: qualifiedName(s),
          label: s.label,
          ...(s.namespacePrefix ? { namespacePrefix: s.namespacePrefix } : {}),
        })),
      },
    };
  },
};
