/*
 * Standard objects of the simulated org and their default rows. Add an object: one ObjectDef here (or in its own
 * file under objects/, registered in STANDARD_OBJECTS), with its platform rules in `rules`.
 */
import type { ObjectDef, RecordStore } from '../records.js';
import type { SimState } from '../types.js';
import { NamedCredentialObject } from './credentials.js';
import { ExternalClientApplicationObject } from './external-client-app.js';

const ref = (
  name: string,
  to: string,
  relationshipName: string,
  extra: Partial<ObjectDef['fields'][number]> = {},
): ObjectDef['fields'][number] => ({
  name,
  type: 'reference',
  referenceTo: [to],
  relationshipName,
  ...extra,
});

export const UserLicense: ObjectDef = {
  name: 'UserLicense',
  keyPrefix: '100',
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'Name', type: 'string', createable: false },
    { name: 'MasterLabel', type: 'string', createable: false },
    { name: 'LicenseDefinitionKey', type: 'string', createable: false },
    { name: 'Status', type: 'picklist', createable: false },
  ],
};

export const Profile: ObjectDef = {
  name: 'Profile',
  keyPrefix: '00e',
  createable: false,
  deletable: false,
  fields: [
    { name: 'Name', type: 'string', required: true, unique: true },
    ref('UserLicenseId', 'UserLicense', 'UserLicense', { required: true, updateable: false }),
    { name: 'UserType', type: 'picklist', createable: false },
    { name: 'Description', type: 'string' },
  ],
};

export const User: ObjectDef = {
  name: 'User',
  keyPrefix: '005',
  deletable: false,
  fields: [
    { name: 'Username', type: 'string', required: true, unique: true, length: 80 },
    { name: 'LastName', type: 'string', required: true, length: 80 },
    { name: 'FirstName', type: 'string', length: 40 },
    { name: 'Name', type: 'string', createable: false },
    { name: 'Alias', type: 'string', required: true, length: 8 },
    { name: 'Email', type: 'email', required: true },
    { name: 'CommunityNickname', type: 'string', length: 40 },
    ref('ProfileId', 'Profile', 'Profile', { required: true, label: 'Profile ID' }),
    { name: 'IsActive', type: 'boolean', defaultValue: true },
    { name: 'UserType', type: 'picklist', createable: false },
    { name: 'TimeZoneSidKey', type: 'picklist', required: true },
    { name: 'LocaleSidKey', type: 'picklist', required: true },
    { name: 'EmailEncodingKey', type: 'picklist', required: true },
    { name: 'LanguageLocaleKey', type: 'picklist', required: true },
    { name: 'Title', type: 'string' },
    { name: 'Department', type: 'string' },
    { name: 'CompanyName', type: 'string' },
  ],
  rules: {
    compute(row, { store }) {
      const profile = typeof row.ProfileId === 'string' ? store.get('Profile', row.ProfileId) : undefined;
      return {
        Name: [row.FirstName, row.LastName].filter((x) => typeof x === 'string' && x).join(' '),
        UserType: profile?.UserType ?? 'Standard',
      };
    },
  },
};

export const Organization: ObjectDef = {
  name: 'Organization',
  keyPrefix: '00D',
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'Name', type: 'string', createable: false },
    { name: 'IsSandbox', type: 'boolean', createable: false },
    { name: 'InstanceName', type: 'string', createable: false },
    { name: 'OrganizationType', type: 'string', createable: false },
    { name: 'NamespacePrefix', type: 'string', createable: false },
    { name: 'TrialExpirationDate', type: 'datetime', createable: false },
  ],
};

export const PermissionSet: ObjectDef = {
  name: 'PermissionSet',
  keyPrefix: '0PS',
  fields: [
    { name: 'Name', type: 'string', required: true, unique: true, length: 80 },
    { name: 'Label', type: 'string', required: true, length: 80 },
    { name: 'Description', type: 'string' },
    { name: 'NamespacePrefix', type: 'string', createable: false },
    { name: 'IsOwnedByProfile', type: 'boolean', createable: false, defaultValue: false },
    ref('ProfileId', 'Profile', 'Profile', { createable: false }),
    ref('LicenseId', 'UserLicense', 'License', { updateable: false }),
    { name: 'Type', type: 'picklist', createable: false, defaultValue: 'Regular' },
    { name: 'PermissionsApiEnabled', type: 'boolean', defaultValue: false },
  ],
};

export const PermissionSetAssignment: ObjectDef = {
  name: 'PermissionSetAssignment',
  keyPrefix: '0Pa',
  updateable: false,
  fields: [
    ref('AssigneeId', 'User', 'Assignee', { required: true, updateable: false, label: 'Assignee ID' }),
    ref('PermissionSetId', 'PermissionSet', 'PermissionSet', {
      required: true,
      updateable: false,
      label: 'Permission Set ID',
    }),
    { name: 'IsActive', type: 'boolean', createable: false, defaultValue: true },
  ],
};

export const Site: ObjectDef = {
  name: 'Site',
  keyPrefix: '0DM',
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'Name', type: 'string', createable: false },
    { name: 'MasterLabel', type: 'string', createable: false },
    { name: 'Subdomain', type: 'string', createable: false },
    { name: 'UrlPathPrefix', type: 'string', createable: false },
    { name: 'Status', type: 'picklist', createable: false },
    { name: 'SiteType', type: 'picklist', createable: false },
    ref('GuestUserId', 'User', 'GuestUser', { createable: false }),
    ref('AdminId', 'User', 'Admin', { createable: false }),
  ],
};

export const ApexPage: ObjectDef = {
  name: 'ApexPage',
  keyPrefix: '066',
  apis: ['data', 'tooling'],
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'Name', type: 'string', createable: false },
    { name: 'MasterLabel', type: 'string', createable: false },
    { name: 'NamespacePrefix', type: 'string', createable: false },
    { name: 'ApiVersion', type: 'double', createable: false },
  ],
};

export const STANDARD_OBJECTS: ObjectDef[] = [
  UserLicense,
  Profile,
  User,
  Organization,
  PermissionSet,
  PermissionSetAssignment,
  Site,
  ApexPage,
  NamedCredentialObject,
  ExternalClientApplicationObject,
];

/** Default rows: licenses, the two guide profiles, the logged-in admin user, the Organization row. */
export function seedStandardRows(store: RecordStore, state: SimState): void {
  const sfLicense = store.insert(
    'UserLicense',
    { Name: 'Salesforce', MasterLabel: 'Salesforce', LicenseDefinitionKey: 'SFDC', Status: 'Active' },
    { system: true },
  );
  store.insert(
    'UserLicense',
    {
      Name: 'Guest User License',
      MasterLabel: 'Guest User License',
      LicenseDefinitionKey: 'PID_Guest_User',
      Status: 'Active',
    },
    { system: true },
  );
  const admin = store.insert(
    'Profile',
    { Name: 'System Administrator', UserLicenseId: sfLicense, UserType: 'Standard' },
    { system: true },
  );
  store.insert('Profile', { Name: 'Standard User', UserLicenseId: sfLicense, UserType: 'Standard' }, { system: true });
  store.insert(
    'User',
    {
      Id: state.userId,
      Username: state.username,
      FirstName: 'Admin',
      LastName: 'User',
      Alias: 'admin',
      Email: state.username,
      CommunityNickname: 'admin',
      ProfileId: admin,
      IsActive: true,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    },
    { system: true },
  );
  store.insert(
    'Organization',
    {
      Id: state.orgId,
      Name: 'Simulated Org',
      IsSandbox: false,
      InstanceName: 'SIM1',
      OrganizationType: 'Developer Edition',
      NamespacePrefix: null,
    },
    { system: true },
  );
}
