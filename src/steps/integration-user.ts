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
import { accessOf, assignmentsOf, assignmentStates, type AccessSources } from '../org/permission-set-reads.js';
import { findProfileByName, findUsersByUsername, readUserLocale } from '../org/users.js';
import { resolvePermissionSets } from './resolve-permission-sets.js';
import { assignedSet, type AssignedPermissionSet } from './guest-user-permissions.js';
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

/** Where the user's permissions will come from (see accessOf): its profile, the sets asked for, what it has now. */
const accessSources = (inputs: IntegrationUserStepInputs): AccessSources => ({
  profileName: INTEGRATION_USER_PROFILE,
  username: inputs.username,
  ...(inputs.permissionSets?.length
    ? { names: inputs.permissionSets }
    : { labels: [...INTEGRATION_USER_PERMISSION_SET_LABELS, ...ECI_ACCESS_PERMISSION_SET_LABELS] }),
});

/**
 * What execute reads, all in the first round: the user, the profile, the sets, the locale, the grants and the user's
 * assignments need nothing read before them (the grants and assignments find the user and sets by semi-join). Only a
 * user whose username the org spells otherwise is read again by that spelling.
 */
async function integrationUserReads(
  inputs: IntegrationUserStepInputs,
  facts: KnownFacts,
  org: OrgReads,
): Promise<void> {
  const [users, profile, , locale] = await settled([
    findUsersByUsername(org, [inputs.username]),
    findProfileByName(org, INTEGRATION_USER_PROFILE),
    resolveSets(org, inputs),
    readUserLocale(org, facts.username),
    accessOf(org, accessSources(inputs), VOICE_CALL),
    org.readRecords([desiredUser(inputs, undefined, '', undefined)]),
  ] as const);
  const existing = users.get(inputs.username.toLowerCase());
  if (profile) await org.readRecords([desiredUser(inputs, existing?.username, profile.id, locale)]);
}

/** The Id of a record this run created: its create's own answer, read from memory. */
async function createdId(org: OrgReads, record: RecordComponent): Promise<string | undefined> {
  const [state] = await org.readRecords([record]);
  return state.exists ? state.id : undefined;
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
    const [access, assigned] = await Promise.all([
      accessOf(ctx.org, accessSources(inputs), VOICE_CALL),
      assignmentsOf(ctx.org, { username: inputs.username }),
    ]);
    const chosen = new Set(sets.map((s) => s.id));
    const setNames = sets.map((s) => s.label).join(', ');
    if (!access.apiEnabled(chosen))
      throw messages.createError('error.ApiNotEnabled', [INTEGRATION_USER_PROFILE, setNames]);
    if (!access.objectRead(chosen))
      throw messages.createError('error.NoVoiceCallAccess', [INTEGRATION_USER_PROFILE, setNames]);

    const locale = await readUserLocale(ctx.org, ctx.facts.username);
    const user = desiredUser(inputs, existing?.username, profile.id, locale);
    const [userResult] = await run([user], ctx.org, engineOptions(ctx));

    // The assignments need the user's id: a new user's is in the create's own answer (read from memory).
    const userId = existing?.id ?? (userResult.status === 'created' ? await createdId(ctx.org, user) : undefined);
    const assignee = { id: userId ?? '', name: existing?.username ?? inputs.username };
    const assignments = sets.map((set) => permissionSetAssignment(assignee, set));
    // --validate lists these assignments as records it cannot check.
    const plannedAssignments = (): ComponentResult[] => planCreations(assignments, ctx.onPlan);
    const assignmentResults = userId
      ? await run(assignments, ctx.org, {
          ...engineOptions(ctx),
          known: assignmentStates(assignments, existing ? assigned : []),
        })
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
        permissionSets: sets.map(assignedSet),
      },
    };
  },
};
