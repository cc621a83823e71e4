/*
 * The running user's system permissions (seedable: settings.userPermissions, a permission set false is lacking; every
 * permission not named is granted, as for the System Administrator the simulator logs in as).
 *  - UserPermissionAccess (API 41+): one row, the current user's, one boolean field per permission
 *    (`Permissions<Name>`), readable by any API user ("users without PermissionsViewSetup can use this object to
 *    check if their own sessions have access to a feature");
 *  - the Metadata API refuses every call of a user with neither Modify All Data nor Modify Metadata, as a whole-call
 *    fault sf:INSUFFICIENT_ACCESS with Salesforce's words (seen in public reports, e.g. forcedotcom/cli#3048);
 *  - without Customize Application, a write of the guide's setup types (auth providers, named credentials, connected
 *    and External Client Apps, sites) fails per component with INSUFFICIENT_ACCESS (Salesforce Help names the
 *    permission for each of them; the exact error text is not documented: the simulator's words, strict reading);
 *  - without Manage Users a User cannot be created or updated, without Assign Permission Sets no PermissionSetAssignment
 *    can be created: 400 INSUFFICIENT_ACCESS_OR_READONLY (the words are the simulator's, strict reading);
 *  - without View Client Secret the Connect REST credentials API refuses to give a consumer secret (Salesforce Help,
 *    "Stage, Rotate, and Delete OAuth Credentials for an External Client App", lists it as a prerequisite).
 */
import type { ObjectDef, Row } from './records.js';
import type { ComponentError, SimState } from './types.js';

export const USER_PERMISSIONS = [
  'ModifyAllData',
  'ModifyMetadata',
  'CustomizeApplication',
  'ManageUsers',
  'AssignPermissionSets',
  'ViewSetup',
  'ApiEnabled',
  'ViewClientSecret',
] as const;

export type UserPermission = (typeof USER_PERMISSIONS)[number];

export const METADATA_API_PERMISSION_MESSAGE =
  'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions';

export const CUSTOMIZE_APPLICATION_MESSAGE =
  'insufficient access rights: this change needs the "Customize Application" permission';

export const RECORD_ACCESS_MESSAGE = 'insufficient access rights on object id';

/** The metadata types whose writes need Customize Application. */
export const CUSTOMIZE_APPLICATION_TYPES = [
  'AuthProvider',
  'NamedCredential',
  'ConnectedApp',
  'CustomSite',
  'ExternalClientApplication',
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
];

export function userHas(state: SimState, permission: UserPermission): boolean {
  const seeded = state.settings.userPermissions as Partial<Record<UserPermission, boolean>> | undefined;
  return seeded?.[permission] !== false;
}

export const mayUseMetadataApi = (state: SimState): boolean =>
  userHas(state, 'ModifyAllData') || userHas(state, 'ModifyMetadata');

const err = (statusCode: string, message: string): ComponentError => ({ statusCode, message, fields: [] });

/** The per-component refusal of a metadata write this user may not make, if any (seeds are never refused). */
export function metadataWriteRefusal(state: SimState, type: string): ComponentError | undefined {
  if (CUSTOMIZE_APPLICATION_TYPES.includes(type) && !userHas(state, 'CustomizeApplication'))
    return err('INSUFFICIENT_ACCESS', CUSTOMIZE_APPLICATION_MESSAGE);
  return undefined;
}

/** The refusal of a record write by this user (not a seed), if any. */
export function recordWriteRefusal(state: SimState, sobject: string): ComponentError[] | undefined {
  const needed: UserPermission | undefined =
    sobject === 'User' ? 'ManageUsers' : sobject === 'PermissionSetAssignment' ? 'AssignPermissionSets' : undefined;
  if (needed && !userHas(state, needed)) return [err('INSUFFICIENT_ACCESS_OR_READONLY', RECORD_ACCESS_MESSAGE)];
  return undefined;
}

export const UserPermissionAccess: ObjectDef = {
  name: 'UserPermissionAccess',
  keyPrefix: '0UP',
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'LastCacheUpdate', type: 'datetime', createable: false },
    ...USER_PERMISSIONS.map((p) => ({ name: `Permissions${p}`, type: 'boolean' as const, createable: false })),
  ],
  rows: (state): Row[] => [
    {
      Id: '0UP000000000001AAA',
      LastCacheUpdate: state.now(),
      ...Object.fromEntries(USER_PERMISSIONS.map((p) => [`Permissions${p}`, userHas(state, p)])),
    },
  ],
};
