/*
 * The named-credential callout check through OrgAccess, against the simulated org over real HTTP
 * (jsforce sends through undici, which nock cannot intercept), plus the reading of answers the simulator never gives.
 */
import { expect } from 'chai';
import type { AnonymousApexResult } from '../../src/org/org-access.js';
import { OrgAccess } from '../../src/org/org-access.js';
import { CALLOUT_CHECK_PATHS, calloutCheckApex, checkNamedCredentialCallout, interpretCalloutCheck } from '../../src/org/callout-check.js';
import type { SimSeed, SimulatedOrg } from '../sim/index.js';
import { ringCentralAuthProvider, salesforceAuthProvider, startConnected } from '../sim/helpers.js';

const namedCredentials = [
  {
    fullName: 'Ring_Central',
    authProvider: 'Ring_Central',
    endpoint: 'https://platform.ringcentral.com',
    generateAuthorizationHeader: true,
    label: 'Ring Central',
    namedCredentialType: 'Legacy',
    oauthScope: 'ReadCallRecording',
    principalType: 'NamedUser',
    protocol: 'Oauth',
  },
  {
    fullName: 'ECI_Named_Credential',
    authProvider: 'ECI_Auth_Provider',
    endpoint: 'https://acme.my.salesforce.com/',
    generateAuthorizationHeader: true,
    label: 'ECI Named Credential',
    namedCredentialType: 'Legacy',
    oauthScope: 'refresh_token web api content',
    principalType: 'NamedUser',
    protocol: 'Oauth',
  },
];

const seed = (authorized: string[]): SimSeed => ({
  settings: { authorizedNamedCredentials: authorized },
  metadata: [
    { type: 'AuthProvider', record: ringCentralAuthProvider() },
    { type: 'AuthProvider', record: salesforceAuthProvider('ECI_Auth_Provider') },
    ...namedCredentials.map((record) => ({ type: 'NamedCredential', record })),
  ],
});

const ran = (over: Partial<AnonymousApexResult>): AnonymousApexResult => ({
  line: -1,
  column: -1,
  compiled: true,
  compileProblem: null,
  success: true,
  exceptionMessage: null,
  exceptionStackTrace: null,
  ...over,
});

describe('named-credential callout check', () => {
  describe('the Apex', () => {
    it('is a GET through callout:<name><path> that asserts 200 and names the status', () => {
      expect(calloutCheckApex('Ring_Central', '/restapi/v1.0/account/~/extension/~')).to.equal(
        [
          'HttpRequest req = new HttpRequest();',
          "req.setEndpoint('callout:Ring_Central/restapi/v1.0/account/~/extension/~');",
          "req.setMethod('GET');",
          'req.setTimeout(20000);',
          'HttpResponse res = new Http().send(req);',
          "System.assertEquals(200, res.getStatusCode(), 'ECI_CALLOUT_STATUS=' + res.getStatusCode());",
        ].join('\n')
      );
    });

    it('refuses names and paths that could change the Apex', () => {
      expect(() => calloutCheckApex("Ring_Central'); delete x; //", '/')).to.throw(/not a named credential API name/);
      expect(() => calloutCheckApex('Ring_Central', "/x'); System.debug('y")).to.throw(/must start with "\/"/);
      expect(() => calloutCheckApex('Ring_Central', 'no-slash')).to.throw(/must start with "\/"/);
      expect(() => calloutCheckApex('Ring_Central', '/a b')).to.throw();
      expect(() => calloutCheckApex('Ring_Central', '/a\\b')).to.throw();
    });
  });

  describe('against the simulated org', () => {
    let org: SimulatedOrg;
    let access: OrgAccess;
    const start = async (authorized: string[]): Promise<void> => {
      const started = await startConnected(seed(authorized));
      org = started.org;
      access = new OrgAccess(started.conn);
    };
    afterEach(() => org?.stop());

    it('passes for an authorised named credential (HTTP 200)', async () => {
      await start(['Ring_Central']);
      const result = await checkNamedCredentialCallout(access, 'Ring_Central');
      expect(result).to.deep.include({ namedCredential: 'Ring_Central', status: 'pass', reason: 'ok', httpStatus: 200 });
      expect(result.detail).to.contain(CALLOUT_CHECK_PATHS.Ring_Central);
      expect(result.action).to.equal(undefined);
    });

    it('fails with the HTTP status and the consent step for one that is not authorised', async () => {
      await start(['Ring_Central']);
      const result = await checkNamedCredentialCallout(access, 'ECI_Named_Credential');
      expect(result).to.deep.include({ namedCredential: 'ECI_Named_Credential', status: 'fail', reason: 'not-authorised', httpStatus: 401 });
      expect(result.detail).to.contain('HTTP 401');
      expect(result.action).to.contain('Start Authentication Flow on Save').and.to.contain('ECI_Named_Credential');
    });

    it('fails with "missing" for a named credential the org does not have', async () => {
      await start([]);
      const result = await checkNamedCredentialCallout(access, 'Not_There', '/x');
      expect(result).to.deep.include({ status: 'fail', reason: 'missing' });
      expect(result.httpStatus).to.equal(undefined);
      expect(result.action).to.contain('create-named-credential');
    });

    it('is one read-only tooling call whose Apex the simulator understood (no compile problem)', async () => {
      await start([]);
      const result = await checkNamedCredentialCallout(access, 'Ring_Central');
      expect(result.reason).to.equal('not-authorised');
      const calls = org.calls.filter((c) => c.operation === 'executeAnonymous');
      expect(calls).to.have.length(1);
      expect(calls[0]).to.include({ api: 'tooling', write: false });
      expect(org.writes()).to.deep.equal([]);
    });

    it('throws (does not pass or fail) when Salesforce refuses the API call itself', async () => {
      await start([]);
      await org.stop();
      let error: unknown;
      try {
        await checkNamedCredentialCallout(access, 'Ring_Central');
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(Error);
    });
  });

  describe('reading answers', () => {
    it('an assertion with another status is http-status, with that status', () => {
      const result = interpretCalloutCheck('Ring_Central', '/p', ran({ success: false, exceptionMessage: 'System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=404: Expected: 200, Actual: 404' }));
      expect(result).to.deep.include({ status: 'fail', reason: 'http-status', httpStatus: 404 });
      expect(result.detail).to.contain('/p').and.to.contain('HTTP 404');
    });

    it('403 is not authorised too', () => {
      expect(interpretCalloutCheck('X', '/p', ran({ success: false, exceptionMessage: 'ECI_CALLOUT_STATUS=403' }))).to.deep.include({ reason: 'not-authorised', httpStatus: 403 });
    });

    it('a callout exception about the token is not authorised, without a status', () => {
      const result = interpretCalloutCheck('X', '/p', ran({ success: false, exceptionMessage: 'System.CalloutException: Unable to fetch the OAuth token' }));
      expect(result).to.deep.include({ status: 'fail', reason: 'not-authorised' });
      expect(result.httpStatus).to.equal(undefined);
    });

    it('another callout exception is a callout-error with the message', () => {
      const result = interpretCalloutCheck('X', '/p', ran({ success: false, exceptionMessage: 'System.CalloutException: Read timed out' }));
      expect(result).to.deep.include({ status: 'fail', reason: 'callout-error' });
      expect(result.detail).to.contain('Read timed out');
    });

    it('a compile problem is reported as the plugin\'s fault', () => {
      const result = interpretCalloutCheck('X', '/p', ran({ compiled: false, success: false, line: 2, column: 7, compileProblem: 'Unexpected token' }));
      expect(result).to.deep.include({ status: 'fail', reason: 'compile-error' });
      expect(result.detail).to.contain('line 2, column 7').and.to.contain('Unexpected token');
    });
  });
});
