import { Messages } from '@salesforce/core';
import { planCreations, run } from '../engine/engine.js';
import { GUEST_PERMISSION_SET_LABELS, guestUserPermissions } from '../guide/guest-user-permissions.js';
import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';
import { VOICE_CONNECTOR_SITE } from '../guide/voice-connector-site.js';
import { readSite } from '../org/sites.js';
import { findGuestUserOfSite } from '../org/users.js';
import { assignmentsOf, assignmentStates } from '../org/permission-set-reads.js';
import { resolvePermissionSets } from './resolve-permission-sets.js';
import { sitesSetupUrl } from './voice-connector-site.js';
import { engineOptions, type GuideStep } from './step.js';
import { settled } from '../org/read-plan.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

export type GuestUserPermissionsStepInputs = {
  /** API names that replace the lookup of the guide's permission sets by label. */
  permissionSets?: readonly string[];
};

export type AssignedPermissionSet = { id: string; name: string; label: string; namespacePrefix?: string };

export type GuestUserPermissionsDetails = {
  guestUser: { id: string; username: string; name: string };
  permissionSets: AssignedPermissionSet[];
};

/** The site's guest user, as the assignments name it. */
const GUEST = { guestUserOfSite: VOICE_CONNECTOR_SITE.name };

/** A permission set as the step's details list it. */
export const assignedSet = (s: PermissionSetRef): AssignedPermissionSet => ({
  id: s.id,
  name: qualifiedName(s),
  label: s.label,
  ...(s.namespacePrefix ? { namespacePrefix: s.namespacePrefix } : {}),
});

/** Guide task "Assign the Guest User Permission Set". */
export const GuestUserPermissionsStep: GuideStep<GuestUserPermissionsStepInputs, GuestUserPermissionsDetails> = {
  id: 'guest-user-permissions',
  title: 'Assign the Guest User Permission Set',
  dependsOn: ['voice-connector-site'],
  // The site's row, the permission sets, the guest user and its assignments at once: the guest user and its
  // assignments are found through the site by semi-join, so none waits for another's answer.
  async reads(inputs, _facts, org) {
    await settled([
      readSite(org, VOICE_CONNECTOR_SITE.name),
      resolvePermissionSets(org, GUEST_PERMISSION_SET_LABELS, inputs.permissionSets),
      findGuestUserOfSite(org, VOICE_CONNECTOR_SITE.name),
      assignmentsOf(org, GUEST),
    ] as const);
  },
  async execute(inputs, ctx) {
    const setupUrl = sitesSetupUrl(ctx.facts.myDomainUrl);
    // The guest user is found through the site, never by its display name (a renamed site keeps its user).
    const sites = await readSite(ctx.org, VOICE_CONNECTOR_SITE.name);
    if (!sites.enabled) throw messages.createError('error.SitesNotEnabled', [], [setupUrl]);
    const guest = sites.site?.guestUserId ? await findGuestUserOfSite(ctx.org, VOICE_CONNECTOR_SITE.name) : undefined;
    if (!guest && ctx.dryRun && ctx.dependenciesToCreate?.includes('voice-connector-site')) {
      // The site (and with it its guest user) is planned in this dry run: the assignments are all to be made.
      const sets = await resolvePermissionSets(ctx.org, GUEST_PERMISSION_SET_LABELS, inputs.permissionSets);
      const planned = guestUserPermissions({ id: '', name: `${VOICE_CONNECTOR_SITE.label} Site Guest User` }, sets);
      return {
        // --validate lists these assignments as records it cannot check.
        components: planCreations(planned, ctx.onPlan),
        nextSteps: [],
        warnings: [],
        details: {
          guestUser: { id: '', username: '', name: `${VOICE_CONNECTOR_SITE.label} Site Guest User` },
          permissionSets: sets.map(assignedSet),
        },
      };
    }
    if (!guest) throw messages.createError('error.NoSite');
    if (!guest.isActive) throw messages.createError('error.GuestUserInactive', [guest.name], [setupUrl, guest.name]);
    const [sets, assigned] = await Promise.all([
      resolvePermissionSets(ctx.org, GUEST_PERMISSION_SET_LABELS, inputs.permissionSets),
      assignmentsOf(ctx.org, GUEST),
    ]);
    const assignments = guestUserPermissions({ id: guest.id, name: guest.name }, sets);
    const components = await run(assignments, ctx.org, {
      ...engineOptions(ctx),
      known: assignmentStates(assignments, assigned),
    });
    return {
      components,
      nextSteps: [],
      warnings: [],
      details: {
        guestUser: { id: guest.id, username: guest.username, name: guest.name },
        permissionSets: sets.map(assignedSet),
      },
    };
  },
};
