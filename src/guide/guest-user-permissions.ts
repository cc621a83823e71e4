import type { RecordComponent } from '../model/component.js';
import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';

/** Guide task "Assign the Guest User Permission Set": steps 5 and 6, by label. */
export const GUEST_PERMISSION_SET_LABELS = [
  'Voice Connector Permission',
  'Conversation Insights Integration User',
] as const;

/** One permission set assigned to one user: created once, never updated (the platform allows no update). */
export function permissionSetAssignment(
  assignee: { id: string; name: string },
  set: PermissionSetRef,
): RecordComponent {
  return {
    kind: 'record',
    sobject: 'PermissionSetAssignment',
    name: `${qualifiedName(set)} → ${assignee.name}`,
    label: `permission set "${set.label}"`,
    match: { AssigneeId: assignee.id, PermissionSetId: set.id },
    fields: {},
  };
}

/** The site guest user with each of the guide's permission sets. */
export function guestUserPermissions(
  guestUser: { id: string; name: string },
  sets: readonly PermissionSetRef[],
): RecordComponent[] {
  return sets.map((set) => permissionSetAssignment(guestUser, set));
}
