/*
 * The simulator's rules for named credentials and the ECI connected app (External Client Apps:
 * external-client-app.test.ts; the OAuth credentials API: oauth-credentials.test.ts).
 */
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { md, salesforceAuthProvider, startConnected } from './helpers.js';
import {
  CREATION_REFUSED_MESSAGE,
  DELETED_CONNECTED_APP_MESSAGE,
  PROFILES_NEED_ADMIN_APPROVAL_MESSAGE,
} from './rules/ConnectedApp.js';
import { LEGACY_TYPE_MESSAGE } from './rules/NamedCredential.js';
import { CONSUMER_KEY_ON_UPDATE_MESSAGE, CONSUMER_KEY_TAKEN_MESSAGE } from './rules/oauth-consumers.js';
import { clean, KEY, SECRET } from './external-client-app-seed.js';

const namedCredential = (over: Record<string, unknown> = {}): Record<string, unknown> =>
  clean({
    fullName: 'ECI_Named_Credential',
    authProvider: 'ECI_Auth_Provider',
    endpoint: 'https://acme.my.salesforce.com/',
    generateAuthorizationHeader: true,
    label: 'ECI Named Credential',
    namedCredentialType: 'Legacy',
    oauthScope: 'refresh_token web api content',
    principalType: 'NamedUser',
    protocol: 'Oauth',
    ...over,
  });

const connectedApp = (
  over: Record<string, unknown> = {},
  oauth: Record<string, unknown> = {},
): Record<string, unknown> =>
  clean({
    fullName: 'ECI_Connected_App',
    contactEmail: 'admin@acme.com',
    label: 'ECI Connected App',
    oauthConfig: {
      callbackUrl: 'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider',
      consumerKey: KEY,
      consumerSecret: SECRET,
      isAdminApproved: true,
      isConsumerSecretOptional: false,
      isSecretRequiredForRefreshToken: true,
      scopes: ['Content', 'Api', 'Web', 'RefreshToken'],
      ...oauth,
    },
    oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
    profileName: ['System Administrator', 'Standard User'],
    ...over,
  });

describe('sim: credentials rules', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  afterEach(async () => {
    await org.stop();
  });

  describe('NamedCredential', () => {
    beforeEach(async () => {
      ({ org, conn } = await startConnected());
    });

    it('refuses a named credential whose auth provider does not exist, and accepts it once it does', async () => {
      const [refused] = await md(conn).upsert('NamedCredential', [namedCredential()]);
      expect(refused.success).to.equal(false);
      expect(refused.errors[0].message).to.equal(
        'In field: authProvider - no AuthProvider named ECI_Auth_Provider found',
      );
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('ECI_Auth_Provider')]);
      const [ok] = await md(conn).upsert('NamedCredential', [namedCredential()]);
      expect(ok).to.include({ success: true, created: true });
    });

    it('refuses legacy fields without namedCredentialType Legacy (API 56+)', async () => {
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('ECI_Auth_Provider')]);
      const [r] = await md(conn).upsert('NamedCredential', [namedCredential({ namedCredentialType: undefined })]);
      expect(r.success).to.equal(false);
      expect(r.errors[0].message).to.equal(LEGACY_TYPE_MESSAGE);
    });

    it('is an sObject row found by DeveloperName, with the Id the consent URL names', async () => {
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('ECI_Auth_Provider')]);
      await md(conn).upsert('NamedCredential', [namedCredential()]);
      const q = await conn.query<{ Id: string }>(
        "SELECT Id FROM NamedCredential WHERE DeveloperName = 'ECI_Named_Credential'",
      );
      expect(q.records).to.have.length(1);
      expect(q.records[0].Id).to.match(/^0XA\w{15}$/);
      await md(conn).upsert('NamedCredential', [namedCredential({ oauthScope: 'api' })]);
      const again = await conn.query<{ Id: string }>(
        "SELECT Id FROM NamedCredential WHERE DeveloperName = 'ECI_Named_Credential'",
      );
      expect(again.records.map((r) => r.Id)).to.deep.equal([q.records[0].Id]);
      await md(conn).delete('NamedCredential', ['ECI_Named_Credential']);
      expect(
        (await conn.query("SELECT Id FROM NamedCredential WHERE DeveloperName = 'ECI_Named_Credential'")).totalSize,
      ).to.equal(0);
    });
  });

  describe('ConnectedApp', () => {
    it("refuses to create a new Connected App by default (Spring '26)", async () => {
      ({ org, conn } = await startConnected());
      const [r] = await md(conn).upsert('ConnectedApp', [connectedApp()]);
      expect(r.success).to.equal(false);
      expect(r.errors[0].message).to.equal(CREATION_REFUSED_MESSAGE);
      expect(org.getMetadata('ConnectedApp', 'ECI_Connected_App')).to.equal(undefined);
    });

    describe('in an org seeded to allow Connected Apps', () => {
      beforeEach(async () => {
        ({ org, conn } = await startConnected({ settings: { connectedAppCreationAllowed: true } }));
      });

      it('creates it with the chosen key and secret; readMetadata never returns the secret', async () => {
        const [r] = await md(conn).upsert('ConnectedApp', [connectedApp()]);
        expect(r).to.include({ success: true, created: true });
        const stored = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
        expect(stored.oauthConfig).to.include({ consumerKey: KEY, consumerSecret: SECRET });
        const read = await md(conn).readOne('ConnectedApp', 'ECI_Connected_App');
        expect((read.oauthConfig as Record<string, unknown>).consumerKey).to.equal(KEY);
        expect(JSON.stringify(read)).to.not.include(SECRET);
      });

      it('refuses any consumer key on update, and an update without one keeps key and secret', async () => {
        await md(conn).upsert('ConnectedApp', [connectedApp()]);
        const [r] = await md(conn).upsert('ConnectedApp', [connectedApp()]);
        expect(r.success).to.equal(false);
        expect(r.errors[0].message).to.equal(CONSUMER_KEY_ON_UPDATE_MESSAGE);
        const [ok] = await md(conn).upsert('ConnectedApp', [
          connectedApp({ contactEmail: 'new@acme.com' }, { consumerKey: undefined, consumerSecret: undefined }),
        ]);
        expect(ok).to.include({ success: true, created: false });
        expect(org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!.oauthConfig).to.include({
          consumerKey: KEY,
          consumerSecret: SECRET,
        });
      });

      it('generates a key and secret when none is chosen; refuses malformed ones', async () => {
        const [gen] = await md(conn).upsert('ConnectedApp', [
          connectedApp({}, { consumerKey: undefined, consumerSecret: undefined }),
        ]);
        expect(gen.success).to.equal(true);
        expect(org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!.oauthConfig)
          .to.have.property('consumerSecret')
          .that.matches(/^[A-Za-z0-9]{64}$/);
        const [bad] = await md(conn).upsert('ConnectedApp', [
          connectedApp({ fullName: 'Other_App' }, { consumerKey: 'short', consumerSecret: 'has-dash-0123' }),
        ]);
        expect(bad.success).to.equal(false);
        expect(bad.errors.map((e) => e.fields[0])).to.deep.equal(['consumerKey', 'consumerSecret']);
      });

      it('refuses a consumer key another app has', async () => {
        await md(conn).upsert('ConnectedApp', [connectedApp()]);
        const [r] = await md(conn).upsert('ConnectedApp', [
          connectedApp({ fullName: 'Other_App' }, { consumerSecret: 'AnotherSecret123' }),
        ]);
        expect(r.errors[0]).to.include({ statusCode: 'DUPLICATE_VALUE', message: CONSUMER_KEY_TAKEN_MESSAGE });
      });

      it('never creates again a Connected App that was deleted, even where creation is allowed', async () => {
        await md(conn).upsert('ConnectedApp', [connectedApp()]);
        const [deleted] = await md(conn).delete('ConnectedApp', ['ECI_Connected_App']);
        expect(deleted.success).to.equal(true);
        const [r] = await md(conn).upsert('ConnectedApp', [connectedApp()]);
        expect(r.success).to.equal(false);
        expect(r.errors[0]).to.include({
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: DELETED_CONNECTED_APP_MESSAGE('ECI_Connected_App'),
        });
        expect(org.getMetadata('ConnectedApp', 'ECI_Connected_App')).to.equal(undefined);
      });

      it('refuses unknown profiles, and profiles without admin approval', async () => {
        const [unknown] = await md(conn).upsert('ConnectedApp', [connectedApp({ profileName: ['Nobody'] })]);
        expect(unknown.errors[0].message).to.equal('In field: profileName - no Profile named Nobody found');
        const [unapproved] = await md(conn).upsert('ConnectedApp', [connectedApp({}, { isAdminApproved: false })]);
        expect(unapproved.errors[0].message).to.equal(PROFILES_NEED_ADMIN_APPROVAL_MESSAGE);
      });

      it('refuses policy values of the External Client App spelling', async () => {
        const [r] = await md(conn).upsert('ConnectedApp', [
          connectedApp({ oauthPolicy: { ipRelaxation: 'Bypass', refreshTokenPolicy: 'SpecificLifetime' } }),
        ]);
        expect(r.errors.map((e) => e.fields[0])).to.deep.equal(['ipRelaxation', 'refreshTokenPolicy']);
      });
    });
  });
});
