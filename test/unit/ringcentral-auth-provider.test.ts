import { expect } from 'chai';
import { Secret } from '../../src/model/secret.js';
import { ringCentralAuthProvider, ringCentralCallbackUrl } from '../../src/guide/ringcentral-auth-provider.js';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import { toWire } from '../../src/org/metadata-codec.js';

describe('guide: RingCentral auth provider', () => {
  it('declares every setting of the guide, with production endpoints by default', () => {
    const c = ringCentralAuthProvider({ clientId: 'cid', platform: ringCentralPlatform('production') });
    expect(c).to.deep.include({ kind: 'metadata', type: 'AuthProvider', fullName: 'Ring_Central' });
    expect(c.fields).to.deep.equal({
      authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
      consumerKey: 'cid',
      defaultScopes: 'ReadCallRecording',
      friendlyName: 'Ring Central',
      providerType: 'OpenIdConnect',
      sendAccessTokenInHeader: false,
      sendClientCredentialsInHeader: true,
      sendSecretInApis: true,
      tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
      userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
    });
  });

  it('uses the sandbox endpoints for the sandbox, and a brand server as given', () => {
    expect(
      ringCentralAuthProvider({ clientId: 'c', platform: ringCentralPlatform('sandbox') }).fields.tokenUrl,
    ).to.equal('https://platform.devtest.ringcentral.com/restapi/oauth/token');
    const brand = ringCentralPlatform('production', 'https://platform.ringcentral.biz/');
    expect(brand.environment).to.equal('custom');
    expect(ringCentralAuthProvider({ clientId: 'c', platform: brand }).fields.authorizeUrl).to.equal(
      'https://platform.ringcentral.biz/restapi/oauth/authorize',
    );
  });

  it('carries the secret only when given, as a Secret', () => {
    const secret = new Secret('x1');
    expect(
      ringCentralAuthProvider({ clientId: 'c', clientSecret: secret, platform: ringCentralPlatform('production') })
        .fields.consumerSecret,
    ).to.equal(secret);
  });

  it('fits the WSDL shape of AuthProvider', () => {
    expect(() =>
      toWire(
        'AuthProvider',
        ringCentralAuthProvider({ clientId: 'c', platform: ringCentralPlatform('production') }).fields,
      ),
    ).to.not.throw();
  });

  it('computes the callback URL from My Domain', () => {
    expect(ringCentralCallbackUrl('https://acme.my.salesforce.com/')).to.equal(
      'https://acme.my.salesforce.com/services/authcallback/Ring_Central',
    );
  });
});
