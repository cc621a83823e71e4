import { expect } from 'chai';
import { Secret } from '../../src/model/secret.js';
import { fromWire, toWire } from '../../src/org/metadata-codec.js';

describe('metadata codec (WSDL shapes)', () => {
  it('sends fields in WSDL sequence order, whatever order a step declares them in', () => {
    const wire = toWire('AuthProvider', {
      userInfoUrl: 'u',
      friendlyName: 'Ring Central',
      authorizeUrl: 'a',
      providerType: 'OpenIdConnect',
    });
    expect(Object.keys(wire)).to.deep.equal(['authorizeUrl', 'friendlyName', 'providerType', 'userInfoUrl']);
  });

  it('orders nested complex types too', () => {
    const wire = toWire('ConnectedApp', {
      oauthConfig: { scopes: ['Api'], callbackUrl: 'cb' },
      label: 'L',
      contactEmail: 'e@x.io',
    });
    expect(Object.keys(wire)).to.deep.equal(['contactEmail', 'label', 'oauthConfig']);
    expect(Object.keys(wire.oauthConfig as object)).to.deep.equal(['callbackUrl', 'scopes']);
  });

  it('reveals a secret only in the wire object', () => {
    expect(toWire('AuthProvider', { consumerSecret: new Secret('abc123') }).consumerSecret).to.equal('abc123');
  });

  it('refuses a field the WSDL does not have', () => {
    expect(() => toWire('AuthProvider', { notAField: 'x' })).to.throw(/notAField/);
  });

  it('types what jsforce returns: booleans, numbers, single entries of repeated elements, nil dropped', () => {
    const fields = fromWire('ConnectedApp', {
      fullName: 'ECI_Connected_App',
      label: 'ECI Connected App',
      profileName: 'System Administrator',
      oauthConfig: { isAdminApproved: 'true', scopes: 'Api', callbackUrl: 'cb' },
      mobileStartUrl: { $: { 'xsi:nil': 'true' } },
    });
    expect(fields).to.deep.equal({
      fullName: 'ECI_Connected_App',
      label: 'ECI Connected App',
      oauthConfig: { callbackUrl: 'cb', isAdminApproved: true, scopes: ['Api'] },
      profileName: ['System Administrator'],
    });
  });
});
