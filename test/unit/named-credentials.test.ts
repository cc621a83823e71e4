import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import {
  eciNamedCredential,
  namedCredentialConsentUrl,
  ringCentralNamedCredential,
} from '../../src/guide/named-credentials.js';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import { toWire } from '../../src/org/metadata-codec.js';
import { EciNamedCredentialStep, RingCentralNamedCredentialStep } from '../../src/steps/named-credentials.js';
import { FakeCredentialsOrg } from './fake-credentials-org.js';

describe('guide: named credentials', () => {
  it('declares the RingCentral legacy named credential of the guide, endpoint following the platform', () => {
    const c = ringCentralNamedCredential(ringCentralPlatform('production'));
    expect(c).to.deep.include({ kind: 'metadata', type: 'NamedCredential', fullName: 'Ring_Central' });
    expect(c.fields).to.deep.equal({
      authProvider: 'Ring_Central',
      endpoint: 'https://platform.ringcentral.com',
      generateAuthorizationHeader: true,
      label: 'Ring Central',
      namedCredentialType: 'Legacy',
      oauthScope: 'ReadCallRecording',
      principalType: 'NamedUser',
      protocol: 'Oauth',
    });
    expect(ringCentralNamedCredential(ringCentralPlatform('sandbox')).fields.endpoint).to.equal(
      'https://platform.devtest.ringcentral.com',
    );
    expect(
      ringCentralNamedCredential(ringCentralPlatform('production', 'https://platform.ringcentral.biz/')).fields
        .endpoint,
    ).to.equal('https://platform.ringcentral.biz');
  });

  it('declares the ECI named credential on My Domain with a trailing slash', () => {
    const c = eciNamedCredential('https://acme.my.salesforce.com');
    expect(c.fullName).to.equal('ECI_Named_Credential');
    expect(c.fields).to.deep.include({
      authProvider: 'ECI_Auth_Provider',
      endpoint: 'https://acme.my.salesforce.com/',
      label: 'ECI Named Credential',
      namedCredentialType: 'Legacy',
      oauthScope: 'refresh_token web api content',
      principalType: 'NamedUser',
      protocol: 'Oauth',
      generateAuthorizationHeader: true,
    });
    expect(eciNamedCredential('https://acme.my.salesforce.com/').fields.endpoint).to.equal(
      'https://acme.my.salesforce.com/',
    );
  });

  it('fits the WSDL shape of NamedCredential', () => {
    expect(() => toWire('NamedCredential', eciNamedCredential('https://a.my.salesforce.com').fields)).to.not.throw();
  });

  it('builds the consent URL that "Start Authentication Flow on Save" would open, with the credential\'s scope as Setup\'s link has it', () => {
    expect(
      namedCredentialConsentUrl(
        'https://acme.my.salesforce.com/',
        '00D000000000001AAA',
        'Ring_Central',
        '0XA000000000001',
        'ReadCallRecording',
      ),
    ).to.equal(
      'https://acme.my.salesforce.com/services/auth/xds/00D000000000001AAA/Ring_Central?startURL=/0XA000000000001&scope=ReadCallRecording',
    );
    expect(
      namedCredentialConsentUrl(
        'https://acme.my.salesforce.com',
        '00D000000000001AAA',
        'ECI_Auth_Provider',
        '0XA000000000002',
        'refresh_token web api content',
      ),
    ).to.equal(
      'https://acme.my.salesforce.com/services/auth/xds/00D000000000001AAA/ECI_Auth_Provider?startURL=/0XA000000000002&scope=refresh_token%20web%20api%20content',
    );
    expect(
      namedCredentialConsentUrl(
        'https://acme.my.salesforce.com',
        '00D000000000001AAA',
        'X',
        '0XA000000000003',
        'a&b=c',
      ),
    ).to.match(/&scope=a%26b%3Dc$/);
  });
});

describe('step: named credentials', () => {
  const platform = ringCentralPlatform('production');

  it('refuses, before writing, when the auth provider it signs in with is missing', async () => {
    const org = new FakeCredentialsOrg();
    try {
      await RingCentralNamedCredentialStep.execute({ platform }, org.context());
      expect.fail('no error');
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      expect((error as SfError).name).to.equal('AuthProviderMissingError');
      expect((error as SfError).message).to.include('Ring_Central');
      expect((error as SfError).actions?.join(' ')).to.include('create-auth-provider --provider ringcentral');
    }
    expect(org.writes).to.have.length(0);
  });

  it('in a dry run only warns about the missing auth provider', async () => {
    const org = new FakeCredentialsOrg();
    const outcome = await EciNamedCredentialStep.execute({}, org.context({ dryRun: true }));
    expect(outcome.warnings.join(' ')).to.include('create-auth-provider --provider eci');
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['planned']);
    expect(outcome.details.consentUrl).to.equal(undefined);
    expect(org.writes).to.have.length(0);
  });

  it('creates the named credential and hands over the exact consent URL; a second run is unchanged', async () => {
    const org = new FakeCredentialsOrg().seed('AuthProvider', 'Ring_Central', { providerType: 'OpenIdConnect' });
    const first = await RingCentralNamedCredentialStep.execute({ platform }, org.context());
    expect(first.components.map((c) => [c.type, c.name, c.status])).to.deep.equal([
      ['NamedCredential', 'Ring_Central', 'created'],
    ]);
    expect(first.details.consentUrl).to.match(
      /^https:\/\/acme\.my\.salesforce\.com\/services\/auth\/xds\/00D000000000001AAA\/Ring_Central\?startURL=\/0XA\w+&scope=ReadCallRecording$/,
    );
    expect(first.nextSteps).to.have.length(1);
    expect(first.nextSteps[0].url).to.equal(first.details.consentUrl);
    expect(first.nextSteps[0].detail).to.include('cannot call RingCentral until');

    const writes = org.writes.length;
    const second = await RingCentralNamedCredentialStep.execute({ platform }, org.context());
    expect(second.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    expect(org.writes.length).to.equal(writes);
    expect(second.details.consentUrl).to.equal(first.details.consentUrl);
  });

  it('keeps settings the admin made and changes only what differs', async () => {
    const org = new FakeCredentialsOrg()
      .seed('AuthProvider', 'ECI_Auth_Provider', { providerType: 'Salesforce' })
      .seed('NamedCredential', 'ECI_Named_Credential', {
        ...eciNamedCredential('https://acme.my.salesforce.com').fields,
        oauthScope: 'api',
        description: 'the admin wrote this',
      });
    const outcome = await EciNamedCredentialStep.execute({}, org.context());
    expect(outcome.components[0].changes).to.deep.equal([
      { field: 'oauthScope', current: 'api', desired: 'refresh_token web api content' },
    ]);
    expect(org.get('NamedCredential', 'ECI_Named_Credential')?.description).to.equal('the admin wrote this');
  });
});
