import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { Secret } from '../../src/model/secret.js';
import { eciAuthProvider, eciCallbackUrl, eciOAuthEndpoints } from '../../src/guide/eci-auth-provider.js';
import { toWire } from '../../src/org/metadata-codec.js';
import { EciAuthProviderStep } from '../../src/steps/eci-auth-provider.js';
import { FakeCredentialsOrg } from './fake-credentials-org.js';

const KEY = 'EciKey0123456789';
const SECRET = 'EciSecret0123456789';
const USAGE = '/apps/oauth/usage';
const CREDS = '/apps/oauth/credentials/0xI000000000001AAA';
const KEY_AND_SECRET = `${CREDS}/0Hx000000000001AAA?part=keyandsecret`;

function orgWithCredentialsApi(): FakeCredentialsOrg {
  const org = new FakeCredentialsOrg();
  org.rest.set(USAGE, {
    apps: [
      { developerName: 'Other_App', identifier: '0xI000000000009AAA' },
      { developerName: 'ECI_Connected_App', identifier: '0xI000000000001AAA' },
    ],
  });
  org.rest.set(CREDS, { consumers: [{ id: '0Hx000000000001AAA', key: KEY, name: 'ECI Connected App' }] });
  org.rest.set(KEY_AND_SECRET, { key: KEY, secret: SECRET });
  return org;
}

describe('guide: ECI auth provider', () => {
  it("declares the Salesforce-type provider of the guide with the app's key and secret as Secrets", () => {
    const key = new Secret(KEY);
    const secret = new Secret(SECRET);
    const c = eciAuthProvider({ consumerKey: key, consumerSecret: secret }, 'https://acme.my.salesforce.com');
    expect(c).to.deep.include({ type: 'AuthProvider', fullName: 'ECI_Auth_Provider' });
    expect(c.fields).to.deep.equal({
      consumerKey: key,
      consumerSecret: secret,
      authorizeUrl: 'https://acme.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token',
      friendlyName: 'ECI Auth Provider',
      isPkceEnabled: true,
      providerType: 'Salesforce',
    });
    expect(() => toWire('AuthProvider', c.fields)).to.not.throw();
    expect(eciCallbackUrl('https://acme.my.salesforce.com')).to.equal(
      'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider',
    );
  });

  it("signs in on the org's own My Domain, so a sandbox works (never login.salesforce.com)", () => {
    expect(eciOAuthEndpoints('https://acme--uat.sandbox.my.salesforce.com/')).to.deep.equal({
      authorizeUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token',
    });
  });
});

describe('step: ECI auth provider', () => {
  it('takes the key and secret handed over by the connected app step (configure), before anything else', async () => {
    const org = orgWithCredentialsApi();
    const ctx = org.context();
    ctx.handoff.eciAppCredentials = {
      consumerKey: new Secret('HandedKey1'),
      consumerSecret: new Secret('HandedSecret1'),
    };
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret('EnvKey'), consumerSecret: new Secret('EnvSecret') },
      ctx,
    );
    expect(outcome.details.credentialsSource).to.equal('connected-app');
    expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({
      consumerKey: 'HandedKey1',
      consumerSecret: 'HandedSecret1',
      providerType: 'Salesforce',
    });
    expect(org.restCalls).to.have.length(0);
  });

  it('takes them from the environment when given', async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret(KEY), consumerSecret: new Secret(SECRET) },
      org.context(),
    );
    expect(outcome.details.credentialsSource).to.equal('environment');
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['created']);
    expect(org.restCalls).to.have.length(0);
  });

  it("else reads them from the org's OAuth credentials API, and never shows them", async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute({}, org.context());
    expect(outcome.details.credentialsSource).to.equal('org');
    expect(org.restCalls).to.deep.equal([USAGE, CREDS, KEY_AND_SECRET]);
    expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({ consumerKey: KEY, consumerSecret: SECRET });
    expect(JSON.stringify(outcome)).to.not.include(SECRET).and.not.include(KEY);
  });

  it('when the org cannot give them, stops before writing with an error that says where to put them', async () => {
    const org = new FakeCredentialsOrg();
    org.rest.set(USAGE, { apps: [] });
    try {
      await EciAuthProviderStep.execute({}, org.context());
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      expect((error as SfError).name).to.equal('CredentialsUnavailableError');
      expect((error as SfError).actions?.join(' '))
        .to.include('ECI_CONSUMER_KEY')
        .and.include('--consumer-secret-stdin');
    }
    expect(org.writes).to.have.length(0);
  });

  it('an existing provider is unchanged without credentials, and a second run writes nothing', async () => {
    const org = orgWithCredentialsApi();
    await EciAuthProviderStep.execute({}, org.context());
    const writes = org.writes.length;
    const again = await EciAuthProviderStep.execute(
      { consumerKey: new Secret(KEY), consumerSecret: new Secret(SECRET) },
      org.context(),
    );
    expect(again.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    const bare = await EciAuthProviderStep.execute({}, org.context());
    expect(bare.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    expect(org.writes.length).to.equal(writes);
  });

  it('a new key updates the provider without sending a secret, and asks a person for the new secret', async () => {
    const org = new FakeCredentialsOrg().seed('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: 'OldKey000',
      ...eciOAuthEndpoints('https://acme.my.salesforce.com'),
      friendlyName: 'ECI Auth Provider',
      isPkceEnabled: true,
      providerType: 'Salesforce',
    });
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret('NewKey111'), consumerSecret: new Secret('NewSecret1') },
      org.context(),
    );
    expect(outcome.components[0]).to.deep.include({ status: 'updated' });
    expect(outcome.components[0].changes).to.deep.equal([
      { field: 'consumerKey', current: '********', desired: '********' },
    ]);
    expect(org.writes[0].fields.consumerKey).to.equal('NewKey111');
    expect(org.writes[0].fields).to.not.have.property('consumerSecret');
    expect(outcome.nextSteps[0].title).to.include('consumer secret');
  });

  it('an existing provider without My Domain endpoints or PKCE is updated in place, keeping its key and secret', async () => {
    const org = new FakeCredentialsOrg().seed('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: KEY,
      consumerSecret: 'encrypted-by-the-org',
      friendlyName: 'ECI Auth Provider',
      providerType: 'Salesforce',
    });
    const outcome = await EciAuthProviderStep.execute({}, org.context());
    expect(outcome.components[0]).to.deep.include({ status: 'updated' });
    expect(outcome.components[0].changes.map((c) => c.field)).to.have.members([
      'authorizeUrl',
      'tokenUrl',
      'isPkceEnabled',
    ]);
    expect(org.writes[0].fields).to.deep.include({
      authorizeUrl: 'https://acme.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token',
      isPkceEnabled: true,
      consumerKey: KEY,
    });
    expect(org.writes[0].fields).to.not.have.property('consumerSecret');
    // No secret is read for an update (the key check asks the app's key only).
    expect(org.restCalls.filter((c) => c.includes('keyandsecret'))).to.have.length(0);
    expect(outcome.nextSteps).to.have.length(0);
  });

  it('a dry run reads nothing secret and warns what creating needs', async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute({}, org.context({ dryRun: true }));
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['planned']);
    expect(outcome.warnings.join(' ')).to.include('ECI_CONSUMER_KEY');
    expect(org.restCalls).to.have.length(0);
    expect(org.writes).to.have.length(0);
  });
});
