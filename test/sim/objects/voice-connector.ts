/*
 * Objects and record rules for the Voice Connector tasks (site, guest user permission sets, integration user).
 * They refine the definitions in standard.ts (registered after them, a later definition of a name replaces it):
 *  - Site and SiteDetail exist only once Salesforce Sites are enabled (settings.sitesDomain); before that the
 *    platform answers "sObject type 'Site' is not supported" (INVALID_TYPE);
 *  - PermissionSetAssignment: a second assignment of a set to a user fails with DUPLICATE_VALUE; a set whose
 *    license is not the assignee's, or that grants what the assignee's license does not allow (the Guest User
 *    License allows no API access), is refused with FIELD_INTEGRITY_EXCEPTION; a profile's own set cannot be assigned;
 *  - User: usernames are unique across every Salesforce org (settings.usernamesInOtherOrgs), DUPLICATE_USERNAME;
 *  - ObjectPermissions: object access a permission set (or a profile's own set) grants.
 */
import type { ObjectDef, Row } from '../records.js';
import type { ComponentError, SimState } from '../types.js';
import { PermissionSetAssignment, Site, User } from './standard.js';
import { recordWriteRefusal, UserPermissionAccess } from '../user-permissions.js';

const err = (statusCode: string, message: string, fields: string[] = []): ComponentError => ({
  statusCode,
  message,
  fields,
});
const sitesEnabled = (state: SimState): boolean => Boolean(state.settings.sitesDomain);

export const DUPLICATE_ASSIGNMENT_MESSAGE =
  'duplicate value found: <unknown> duplicates value on record with id: <unknown>';
export const LICENSE_MISMATCH_MESSAGE = "The user license doesn't match the user license of the permission set.";
export const DUPLICATE_USERNAME_MESSAGE =
  "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).";

const SitesOnly: ObjectDef = { ...Site, available: sitesEnabled };

export const SiteDetail: ObjectDef = {
  name: 'SiteDetail',
  keyPrefix: '0DN',
  createable: false,
  updateable: false,
  deletable: false,
  available: sitesEnabled,
  fields: [
    { name: 'DurableId', type: 'string', createable: false },
    { name: 'SecureUrl', type: 'url', createable: false },
    { name: 'IsRegistrationEnabled', type: 'boolean', createable: false, defaultValue: false },
  ],
};

export const ObjectPermissions: ObjectDef = {
  name: 'ObjectPermissions',
  keyPrefix: '110',
  fields: [
    {
      name: 'ParentId',
      type: 'reference',
      referenceTo: ['PermissionSet'],
      relationshipName: 'Parent',
      required: true,
      updateable: false,
    },
    { name: 'SobjectType', type: 'picklist', required: true, updateable: false },
    { name: 'PermissionsRead', type: 'boolean', defaultValue: false },
    { name: 'PermissionsCreate', type: 'boolean', defaultValue: false },
    { name: 'PermissionsEdit', type: 'boolean', defaultValue: false },
    { name: 'PermissionsDelete', type: 'boolean', defaultValue: false },
    { name: 'PermissionsViewAllRecords', type: 'boolean', defaultValue: false },
    { name: 'PermissionsModifyAllRecords', type: 'boolean', defaultValue: false },
  ],
};

function licenseOf(user: Row | undefined, state: SimState): string | undefined {
  const profile = user && typeof user.ProfileId === 'string' ? state.records.get('Profile', user.ProfileId) : undefined;
  return profile ? String(profile.UserLicenseId) : undefined;
}

const AssignmentRules: ObjectDef = {
  ...PermissionSetAssignment,
  access: (state) => recordWriteRefusal(state, 'PermissionSetAssignment'),
  rules: {
    beforeInsert(row, { state, store }) {
      const duplicate = store
        .all('PermissionSetAssignment')
        .some((a) => a.AssigneeId === row.AssigneeId && a.PermissionSetId === row.PermissionSetId);
      if (duplicate) return [err('DUPLICATE_VALUE', DUPLICATE_ASSIGNMENT_MESSAGE)];
      const set = store.get('PermissionSet', String(row.PermissionSetId));
      const user = store.get('User', String(row.AssigneeId));
      if (!set || !user) return;
      if (set.IsOwnedByProfile === true) {
        return [
          err(
            'FIELD_INTEGRITY_EXCEPTION',
            "You can't assign or unassign this permission set because it's associated with a profile.",
            ['PermissionSetId'],
          ),
        ];
      }
      const userLicense = licenseOf(user, state);
      if (set.LicenseId && set.LicenseId !== userLicense)
        return [err('FIELD_INTEGRITY_EXCEPTION', LICENSE_MISMATCH_MESSAGE, ['PermissionSetId'])];
      const guest = store.get('UserLicense', String(userLicense))?.LicenseDefinitionKey === 'PID_Guest_User';
      if (guest && set.PermissionsApiEnabled === true) {
        return [
          err('FIELD_INTEGRITY_EXCEPTION', "The user license doesn't allow the permission: API Enabled", [
            'PermissionSetId',
          ]),
        ];
      }
    },
  },
};

const UserRules: ObjectDef = {
  ...User,
  access: (state) => recordWriteRefusal(state, 'User'),
  rules: {
    ...User.rules,
    beforeInsert(row, ctx) {
      const taken = ((ctx.state.settings.usernamesInOtherOrgs as string[] | undefined) ?? []).map((u) =>
        u.toLowerCase(),
      );
      if (taken.includes(String(row.Username).toLowerCase()))
        return [err('DUPLICATE_USERNAME', DUPLICATE_USERNAME_MESSAGE, ['Username'])];
      return User.rules?.beforeInsert?.(row, ctx);
    },
  },
};

export const VOICE_CONNECTOR_OBJECTS: ObjectDef[] = [
  SitesOnly,
  SiteDetail,
  ObjectPermissions,
  AssignmentRules,
  UserRules,
  UserPermissionAccess,
];
