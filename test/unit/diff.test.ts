import { expect } from 'chai';
import { diffFields } from '../../src/engine/diff.js';
import { mergeFields, omitPaths, renderValue } from '../../src/model/fields.js';
import { Secret } from '../../src/model/secret.js';

describe('diff: desired fields against the org', () => {
  it('reports nothing when the org has every desired value, whatever else it has', () => {
    const changes = diffFields({ a: 'x', b: true }, { a: 'x', b: true, adminOwn: 'kept' });
    expect(changes).to.deep.equal([]);
  });

  it('reports a changed scalar with the current and desired value', () => {
    expect(diffFields({ defaultScopes: 'ReadCallRecording' }, { defaultScopes: 'openid' })).to.deep.equal([
      { field: 'defaultScopes', current: 'openid', desired: 'ReadCallRecording' },
    ]);
  });

  it('reports a missing field without a current value', () => {
    expect(diffFields({ sendSecretInApis: true }, {})).to.deep.equal([{ field: 'sendSecretInApis', desired: 'true' }]);
  });

  it('compares booleans by value, so false is a real difference from true', () => {
    expect(diffFields({ sendAccessTokenInHeader: false }, { sendAccessTokenInHeader: true })).to.have.length(1);
  });

  it('walks nested objects and names the dotted path', () => {
    const changes = diffFields(
      { oauthConfig: { callbackUrl: 'https://a/cb', isAdminApproved: true } },
      { oauthConfig: { callbackUrl: 'https://dummy', isAdminApproved: true } },
    );
    expect(changes).to.deep.equal([
      { field: 'oauthConfig.callbackUrl', current: 'https://dummy', desired: 'https://a/cb' },
    ]);
  });

  it("treats lists as sets that must contain the desired entries, keeping the admin's extra entries", () => {
    expect(diffFields({ scopes: ['Api', 'Web'] }, { scopes: ['Web', 'Full', 'Api'] })).to.deep.equal([]);
    expect(diffFields({ scopes: ['Api', 'Web'] }, { scopes: ['Full', 'Api'] })).to.deep.equal([
      { field: 'scopes', current: 'Full, Api', desired: 'Full, Api, Web' },
    ]);
  });

  it('never compares secrets or ignored (write-once) paths', () => {
    expect(diffFields({ consumerSecret: new Secret('s3cr3t-value') }, { consumerSecret: 'ENCRYPTED' })).to.deep.equal(
      [],
    );
    expect(
      diffFields({ oauthConfig: { consumerKey: 'k1' } }, { oauthConfig: { consumerKey: 'k2' } }, [
        'oauthConfig.consumerKey',
      ]),
    ).to.deep.equal([]);
  });

  it("merges desired fields over the current ones without dropping the admin's", () => {
    const merged = mergeFields(
      { a: '1', keep: 'admin', list: ['x'], nested: { p: 1, q: 2 } },
      { a: '2', list: ['y'], nested: { q: 3 } },
    );
    expect(merged).to.deep.equal({ a: '2', keep: 'admin', list: ['x', 'y'], nested: { p: 1, q: 3 } });
  });

  it('omits dotted paths', () => {
    expect(omitPaths({ a: 1, o: { k: 'key', c: 'cb' } }, ['o.k', 'missing.x'])).to.deep.equal({ a: 1, o: { c: 'cb' } });
  });

  it('renders a secret as a mask', () => {
    expect(renderValue(new Secret('s3cr3t-value'))).to.equal('********');
  });
});
