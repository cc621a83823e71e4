import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import { md, ringCentralAuthProvider, salesforceAuthProvider, startConnected } from './helpers.js';
import { SUFFIX_USED_MESSAGE, salesforceEndpointMessage } from './rules/AuthProvider.js';

describe('sim: AuthProvider rules (FACTS §2)', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
  });
  afterEach(async () => {
    await org.stop();
  });

  describe('consumerSecret is write-only', () => {
    it('is stored as sent, but getMetadata hides it unless includeSecrets', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.not.have.property('consumerSecret');
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(
        'rcClientSecret',
      );
    });

    it('readMetadata returns it only encrypted (not the plaintext) when sendSecretInApis is true, the same value each read', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const first = await md(conn).readOne('AuthProvider', 'Ring_Central');
      const second = await md(conn).readOne('AuthProvider', 'Ring_Central');
      expect(first.consumerSecret).to.be.a('string').and.not.equal('rcClientSecret');
      expect(String(first.consumerSecret)).to.not.contain('rcClientSecret');
      expect(second.consumerSecret).to.equal(first.consumerSecret);
    });

    it('readMetadata omits it when sendSecretInApis is false', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ sendSecretInApis: false })]);
      const read = await md(conn).readOne('AuthProvider', 'Ring_Central');
      expect(read).to.not.have.property('consumerSecret');
      expect(read.sendSecretInApis).to.equal(false);
    });
  });

  describe("a Salesforce-type provider's endpoints", () => {
    /** In WSDL order, as jsforce sends it. */
    const provider = (
      fullName: string,
      e: { authorizeUrl?: string; tokenUrl?: string; isPkceEnabled?: boolean },
    ): Record<string, unknown> => ({
      fullName,
      ...(e.authorizeUrl ? { authorizeUrl: e.authorizeUrl } : {}),
      friendlyName: fullName.replace(/_/g, ' '),
      ...(e.isPkceEnabled === undefined ? {} : { isPkceEnabled: e.isPkceEnabled }),
      providerType: 'Salesforce',
      ...(e.tokenUrl ? { tokenUrl: e.tokenUrl } : {}),
    });
    it("may be left blank, or be on a .salesforce.com My Domain or the org's own instance URL, and are updated in place", async () => {
      const [blank] = await md(conn).upsert('AuthProvider', [salesforceAuthProvider('ECI_Auth_Provider')]);
      expect(blank.success).to.equal(true);
      const sandbox = {
        authorizeUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/authorize',
        tokenUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token',
      };
      const [r1] = await md(conn).upsert('AuthProvider', [provider('ECI_Auth_Provider', sandbox)]);
      expect(r1).to.include({ success: true, created: false });
      const own = {
        authorizeUrl: `${org.instanceUrl}/services/oauth2/authorize`,
        tokenUrl: `${org.instanceUrl}/services/oauth2/token`,
        isPkceEnabled: true,
      };
      const [r2] = await md(conn).upsert('AuthProvider', [provider('ECI_Auth_Provider', own)]);
      expect(r2).to.include({ success: true, created: false });
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.include(own);
    });

    it('are refused off Salesforce or on another path, naming the field', async () => {
      const [r] = await md(conn).upsert('AuthProvider', [
        provider('ECI_Auth_Provider', {
          authorizeUrl: 'https://evil.example.com/services/oauth2/authorize',
          tokenUrl: `${org.instanceUrl}/services/oauth2/userinfo`,
        }),
      ]);
      expect(r.success).to.equal(false);
      expect(r.errors.map((e) => e.fields[0])).to.deep.equal(['authorizeUrl', 'tokenUrl']);
      expect(r.errors[0].message).to.equal(
        salesforceEndpointMessage('Authorize Endpoint URL', '/services/oauth2/authorize'),
      );
      const [http] = await md(conn).upsert('AuthProvider', [
        provider('X_Provider', { authorizeUrl: 'http://acme.my.salesforce.com/services/oauth2/authorize' }),
      ]);
      expect(http.success).to.equal(false);
    });
  });

  describe('consumerSecret cannot be changed through the API once set', () => {
    it('an update with a different secret succeeds and changes nothing (no answer proves a secret changed)', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const [r] = await md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ consumerSecret: 'another12' })]);
      expect(r).to.include({ success: true, created: false });
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(
        'rcClientSecret',
      );
    });

    it('sending back the encrypted value read earlier does not replace the secret with it', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const read = await md(conn).readOne('AuthProvider', 'Ring_Central');
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ consumerSecret: read.consumerSecret })]);
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(
        'rcClientSecret',
      );
    });

    it("a person's Save in Setup changes it (and only the fields given)", async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const before = org.listMetadataProperties('AuthProvider', 'Ring_Central')!.lastModifiedDate;
      await new Promise((r) => setTimeout(r, 5));
      org.editInSetup('AuthProvider', 'Ring_Central', { consumerSecret: 'rcRotatedSecret' });
      const stored = org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true });
      expect(stored).to.include({ consumerSecret: 'rcRotatedSecret', friendlyName: 'Ring Central' });
      expect(org.listMetadataProperties('AuthProvider', 'Ring_Central')!.lastModifiedDate > before).to.equal(true);
    });

    it('an update without consumerSecret keeps the stored one', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const { consumerSecret: _s, ...noSecret } = ringCentralAuthProvider({ friendlyName: 'RC' });
      const [r] = await md(conn).upsert('AuthProvider', [noSecret]);
      expect(r).to.include({ success: true, created: false });
      const stored = org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true });
      expect(stored?.consumerSecret).to.equal('rcClientSecret');
      expect(stored?.friendlyName).to.equal('RC');
    });

    it('the same plaintext again is accepted', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const [r] = await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      expect(r.success).to.equal(true);
    });

    it('a provider created without a secret may get one later, once (a second one is ignored)', async () => {
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('ECI_Auth_Provider')]);
      const withSecret = (secret: string): Record<string, unknown> => ({
        fullName: 'ECI_Auth_Provider',
        consumerKey: 'k',
        consumerSecret: secret,
        friendlyName: 'ECI Auth Provider',
        providerType: 'Salesforce',
      });
      const [set] = await md(conn).upsert('AuthProvider', [withSecret('first')]);
      expect(set.success).to.equal(true);
      const [change] = await md(conn).upsert('AuthProvider', [withSecret('second')]);
      expect(change.success).to.equal(true);
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })?.consumerSecret).to.equal(
        'first',
      );
    });
  });

  describe('URL suffix', () => {
    it('the suffix of a deleted provider cannot be reused (upsert or create)', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      await md(conn).delete('AuthProvider', ['Ring_Central']);
      for (const r of [
        (await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]))[0],
        (await md(conn).create('AuthProvider', [ringCentralAuthProvider()]))[0],
        (await md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ fullName: 'ring_central' })]))[0],
      ]) {
        expect(r.success).to.equal(false);
        expect(r.errors[0]).to.include({ statusCode: 'DUPLICATE_DEVELOPER_NAME', message: SUFFIX_USED_MESSAGE });
      }
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });

    it('a provider a named credential still uses cannot be deleted; the refusal names the credential', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      await md(conn).upsert('NamedCredential', [
        {
          fullName: 'Ring_Central',
          authProvider: 'Ring_Central',
          endpoint: 'https://platform.ringcentral.com',
          label: 'Ring Central',
          namedCredentialType: 'Legacy',
          principalType: 'NamedUser',
          protocol: 'Oauth',
        },
      ]);
      const [refused] = await md(conn).delete('AuthProvider', ['Ring_Central']);
      expect(refused.success).to.equal(false);
      expect(refused.errors[0].statusCode).to.equal('DELETE_FAILED');
      expect(refused.errors[0].message)
        .to.include('referenced elsewhere')
        .and.include('Named Credential - Ring_Central');
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['Ring_Central']);
      await md(conn).delete('NamedCredential', ['Ring_Central']);
      const [deleted] = await md(conn).delete('AuthProvider', ['Ring_Central']);
      expect(deleted.success).to.equal(true);
    });

    it('creating an existing suffix fails with the same message', async () => {
      await md(conn).create('AuthProvider', [ringCentralAuthProvider()]);
      const [r] = await md(conn).create('AuthProvider', [ringCentralAuthProvider()]);
      expect(r.errors[0].message).to.equal(SUFFIX_USED_MESSAGE);
    });
  });

  describe('whole-component replacement', () => {
    it('upsert without a field reverts it to absent (or the platform default): the caller must merge', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const {
        defaultScopes: _d,
        userInfoUrl: _u,
        sendClientCredentialsInHeader: _c,
        ...partial
      } = ringCentralAuthProvider();
      const [r] = await md(conn).upsert('AuthProvider', [partial]);
      expect(r.success).to.equal(true);
      const stored = org.getMetadata('AuthProvider', 'Ring_Central')!;
      expect(stored).to.not.have.property('defaultScopes');
      expect(stored).to.not.have.property('userInfoUrl');
      expect(stored.sendClientCredentialsInHeader).to.equal(false); // back to the default
    });

    it('update (not only upsert) replaces the whole component', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const { defaultScopes: _d, ...partial } = ringCentralAuthProvider();
      await md(conn).update('AuthProvider', [partial]);
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.not.have.property('defaultScopes');
    });

    it('boolean fields the caller never sent read back as false (platform defaults)', async () => {
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('A')]);
      const stored = org.getMetadata('AuthProvider', 'A')!;
      expect(stored).to.include({
        sendAccessTokenInHeader: false,
        sendClientCredentialsInHeader: false,
        sendSecretInApis: false,
        includeOrgIdInIdentifier: false,
      });
    });
  });

  it('an OpenIdConnect provider needs its key, secret and endpoints', async () => {
    const { authorizeUrl: _a, consumerSecret: _s, ...rest } = ringCentralAuthProvider();
    const [r] = await md(conn).upsert('AuthProvider', [rest]);
    expect(r.success).to.equal(false);
    expect(r.errors.map((e) => e.fields[0])).to.deep.equal(['consumerSecret', 'authorizeUrl']);
    expect(r.errors.every((e) => e.statusCode === 'REQUIRED_FIELD_MISSING')).to.equal(true);
  });
});
