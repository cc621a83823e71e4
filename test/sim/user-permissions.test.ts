import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { md, rejection, ringCentralAuthProvider, startConnected } from './helpers.js';
import {
  CUSTOMIZE_APPLICATION_MESSAGE,
  METADATA_API_PERMISSION_MESSAGE,
  RECORD_ACCESS_MESSAGE,
} from './user-permissions.js';
import { installVoiceConnector, type VoiceConnectorIds } from './voice-connector-seed.js';

describe("sim: the running user's permissions (UserPermissionAccess, refusals)", () => {
  let org: SimulatedOrg;
  let conn: Connection;
  let ids: VoiceConnectorIds;
  const lacking = (permissions: Record<string, boolean>): void => {
    org.settings = { ...org.settings, userPermissions: permissions };
  };

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
    ids = installVoiceConnector(org);
  });
  afterEach(() => org.stop());

  it('UserPermissionAccess: one row, the current user, every permission granted unless the seed lacks it', async () => {
    const all = await conn.query(
      'SELECT PermissionsCustomizeApplication, PermissionsManageUsers FROM UserPermissionAccess',
    );
    expect(all.records).to.have.length(1);
    expect(all.records[0]).to.include({ PermissionsCustomizeApplication: true, PermissionsManageUsers: true });
    lacking({ ManageUsers: false });
    const after = await conn.query(
      'SELECT PermissionsCustomizeApplication, PermissionsManageUsers FROM UserPermissionAccess',
    );
    expect(after.records[0]).to.include({ PermissionsCustomizeApplication: true, PermissionsManageUsers: false });
  });

  it('without Modify All Data and Modify Metadata every Metadata API call faults INSUFFICIENT_ACCESS, reads too', async () => {
    lacking({ ModifyAllData: false, ModifyMetadata: false });
    const read = await rejection(md(conn).read('AuthProvider', ['Ring_Central']));
    expect(read.name).to.equal('sf:INSUFFICIENT_ACCESS');
    expect(read.message).to.include(METADATA_API_PERMISSION_MESSAGE);
    const write = await rejection(md(conn).upsertOne('AuthProvider', ringCentralAuthProvider()));
    expect(write.name).to.equal('sf:INSUFFICIENT_ACCESS');
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    // Either one is enough.
    lacking({ ModifyAllData: false });
    expect(await md(conn).read('AuthProvider', ['Ring_Central'])).to.not.equal(undefined);
  });

  it('without Customize Application a write of an auth provider fails per component; a seed is not refused', async () => {
    lacking({ CustomizeApplication: false });
    const r = await md(conn).upsertOne('AuthProvider', ringCentralAuthProvider());
    expect(String(r.success)).to.equal('false');
    const error = Array.isArray(r.errors)
      ? r.errors[0]
      : (r.errors as unknown as { statusCode: string; message: string });
    expect(error).to.include({ statusCode: 'INSUFFICIENT_ACCESS', message: CUSTOMIZE_APPLICATION_MESSAGE });
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    org.seedMetadata('AuthProvider', ringCentralAuthProvider());
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['Ring_Central']);
  });

  it('without Manage Users no user is created; without Assign Permission Sets no assignment', async () => {
    lacking({ ManageUsers: false, AssignPermissionSets: false });
    const user = await rejection(
      conn.sobject('User').create({
        Username: 'new.user@acme.example',
        LastName: 'User',
        Alias: 'nuser',
        Email: 'new.user@acme.example',
        ProfileId: ids.adminProfileId,
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      }),
    );
    expect(user.errorCode).to.equal('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(user.message).to.include(RECORD_ACCESS_MESSAGE);
    const assignment = await rejection(
      conn.sobject('PermissionSetAssignment').create({ AssigneeId: org.userId, PermissionSetId: ids.eciAccess }),
    );
    expect(assignment.errorCode).to.equal('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(org.records('PermissionSetAssignment')).to.deep.equal([]);
  });
});
