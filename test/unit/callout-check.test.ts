/*
 * The named-credential callout check through SalesforceOrg, against the simulated org over real HTTP
 * (jsforce sends through undici, which nock cannot intercept), plus the reading of answers the simulator never gives.
 */
import { expect } from 'chai';
import type { AnonymousApexResult } from '../../src/org/port.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import {
  calloutCheckApex,
  calloutChecksApex,
  checkNamedCredentialCallouts,
  calloutCheckPath,
  calloutUrl,
  checkNamedCredentialCallout,
  interpretCalloutCheck,
  missingPermission,
} from '../../src/org/callout-check.js';
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
    it('is a GET through callout:<name><path> per named credential, each outcome kept, one assertion naming them all', () => {
      expect(calloutCheckApex('Ring_Central', '/restapi/v1.0/account/~/extension/~')).to.equal(
        [
          "String out = '';",
          'Boolean allOk = true;',
          'HttpRequest req0 = new HttpRequest();',
          "req0.setEndpoint('callout:Ring_Central/restapi/v1.0/account/~/extension/~');",
          "req0.setMethod('GET');",
          'req0.setTimeout(20000);',
          'try {',
          '  HttpResponse res0 = new Http().send(req0);',
          '  Integer status0 = res0.getStatusCode();',
          '  allOk = allOk && status0 == 200;',
          "  out += ' ECI_CALLOUT[Ring_Central] ECI_CALLOUT_STATUS=' + status0 + (status0 == 200 ? '' : ' ECI_CALLOUT_BODY=' + String.valueOf(res0.getBody()).left(2000));",
          '} catch (Exception e0) {',
          '  allOk = false;',
          "  out += ' ECI_CALLOUT[Ring_Central] ' + e0.getTypeName() + ': ' + e0.getMessage();",
          '}',
          'System.assert(allOk, out);',
        ].join('\n'),
      );
      const both = calloutChecksApex([
        { namedCredential: 'Ring_Central', path: '/a' },
        { namedCredential: 'ECI_Named_Credential', path: '/b' },
      ]);
      expect(both).to.contain("req1.setEndpoint('callout:ECI_Named_Credential/b');");
      expect(both.match(/System\.assert/g)).to.have.length(1);
    });

    it('refuses names and paths that could change the Apex', () => {
      expect(() => calloutCheckApex("Ring_Central'); delete x; //", '/')).to.throw(/not a named credential API name/);
      expect(() => calloutCheckApex('Ring_Central', "/x'); System.debug('y")).to.throw(/must start with "\/"/);
      expect(() => calloutCheckApex('Ring_Central', 'no-slash')).to.throw(/must start with "\/"/);
      expect(() => calloutCheckApex('Ring_Central', '/a b')).to.throw();
      expect(() => calloutCheckApex('Ring_Central', '/a\\b')).to.throw();
      expect(() => calloutCheckApex('ECI_Named_Credential', '//services/data/v66.0/')).to.throw(/must start with "\/"/);
    });

    it("probes a resource the ECI credential's api scope allows, not userinfo (which needs openid)", () => {
      expect(calloutCheckPath('ECI_Named_Credential', '66.0')).to.equal('/services/data/v66.0/');
      expect(calloutCheckPath('Ring_Central', '66.0')).to.equal('/restapi/v1.0/account/~/extension/~');
    });

    it('joins the credential\'s URL and the path with one slash, whether the URL ends in "/" or not', () => {
      expect(calloutUrl('https://acme.my.salesforce.com/', '/services/data/v66.0/')).to.equal(
        'https://acme.my.salesforce.com/services/data/v66.0/',
      );
      expect(calloutUrl('https://platform.ringcentral.com', '/restapi/v1.0/account/~/extension/~')).to.equal(
        'https://platform.ringcentral.com/restapi/v1.0/account/~/extension/~',
      );
    });
  });

  describe('against the simulated org', () => {
    let org: SimulatedOrg;
    let access: SalesforceOrg;
    const start = async (authorized: string[]): Promise<void> => {
      const started = await startConnected(seed(authorized));
      org = started.org;
      access = new SalesforceOrg(started.conn);
    };
    afterEach(() => org?.stop());

    it('passes for an authorised named credential (HTTP 200)', async () => {
      await start(['Ring_Central']);
      const result = await checkNamedCredentialCallout(access, 'Ring_Central');
      expect(result).to.deep.include({
        namedCredential: 'Ring_Central',
        status: 'pass',
        reason: 'ok',
        httpStatus: 200,
      });
      expect(result.detail).to.contain(calloutCheckPath('Ring_Central', '66.0'));
      expect(result.action).to.equal(undefined);
    });

    it('fails with the HTTP status and the consent step for one that is not authorised', async () => {
      await start(['Ring_Central']);
      const result = await checkNamedCredentialCallout(access, 'ECI_Named_Credential');
      expect(result).to.deep.include({
        namedCredential: 'ECI_Named_Credential',
        status: 'fail',
        reason: 'not-authorised',
        httpStatus: 401,
      });
      expect(result.detail).to.contain('HTTP 401');
      expect(result.action).to.contain('Start Authentication Flow on Save').and.to.contain('ECI_Named_Credential');
    });

    it('passes the ECI credential through its api scope, naming the URL reached with one slash after My Domain', async () => {
      await start(['ECI_Named_Credential']);
      const result = await checkNamedCredentialCallout(access, 'ECI_Named_Credential', {
        endpoint: 'https://acme.my.salesforce.com/',
      });
      expect(result).to.deep.include({ status: 'pass', httpStatus: 200 });
      expect(result.detail).to.contain('https://acme.my.salesforce.com/services/data/v');
      expect(result.detail).to.not.match(/[^:]\/\//);
      const call = org.calls.find((c) => c.operation === 'executeAnonymous')!;
      expect(call.calloutUrls?.[0]).to.match(/^https:\/\/acme\.my\.salesforce\.com\/services\/data\/v\d+\.\d\/$/);
    });

    it("the old userinfo probe would fail: the credential's scope has no openid (the simulator answers 403)", async () => {
      await start(['ECI_Named_Credential']);
      const result = await checkNamedCredentialCallout(access, 'ECI_Named_Credential', {
        path: '/services/oauth2/userinfo',
      });
      expect(result).to.deep.include({ status: 'fail', httpStatus: 403 });
    });

    it('a RingCentral 403 naming a permission reads "authorised, but the app lacks permission X", with the Developer Console link', async () => {
      await start(['Ring_Central']);
      for (const errorCode of ['CMN-401', 'CMN-408'] as const) {
        org.settings.ringCentralPermissionError = { errorCode, permissionName: 'ReadAccounts' };
        const result = await checkNamedCredentialCallout(access, 'Ring_Central');
        expect(result).to.deep.include({
          status: 'fail',
          reason: 'missing-permission',
          httpStatus: 403,
          permission: 'ReadAccounts',
        });
        expect(result.detail).to.contain('is authorised, but the RingCentral app lacks the permission ReadAccounts');
        expect(result.action)
          .to.contain('https://developers.ringcentral.com/console/my-apps')
          .and.contain('ReadAccounts');
      }
    });

    it('checks both named credentials in one call, each its own outcome, in the order asked', async () => {
      await start(['Ring_Central']);
      const [rc, eci, none] = await checkNamedCredentialCallouts(access, [
        { namedCredential: 'Ring_Central' },
        { namedCredential: 'ECI_Named_Credential' },
        { namedCredential: 'Not_There', path: '/x' },
      ]);
      expect([rc.status, rc.reason]).to.deep.equal(['pass', 'ok']);
      expect([eci.status, eci.reason, eci.httpStatus]).to.deep.equal(['fail', 'not-authorised', 401]);
      expect(none.reason).to.equal('missing');
      expect(org.calls.filter((c) => c.operation === 'executeAnonymous')).to.have.length(1);
    });

    it('fails with "missing" for a named credential the org does not have', async () => {
      await start([]);
      const result = await checkNamedCredentialCallout(access, 'Not_There', { path: '/x' });
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
      const result = interpretCalloutCheck(
        'Ring_Central',
        '/p',
        ran({
          success: false,
          exceptionMessage:
            'System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=404: Expected: 200, Actual: 404',
        }),
      );
      expect(result).to.deep.include({ status: 'fail', reason: 'http-status', httpStatus: 404 });
      expect(result.detail).to.contain('/p').and.to.contain('HTTP 404');
    });

    it('finds the permission RingCentral names, at the top, in errors[] or as a parameter, even in a cut-off body', () => {
      const at = (body: string): string =>
        `System.AssertException: Assertion Failed: ECI_CALLOUT_STATUS=403 ECI_CALLOUT_BODY=${body}: Expected: 200, Actual: 403`;
      expect(
        missingPermission(
          at(
            '{"errorCode":"CMN-408","message":"In order to call this API endpoint, user needs to have [ReadCallLog] permission for requested resource.","errors":[{"errorCode":"CMN-408","message":"…","permissionName":"ReadCallLog"}],"permissionName":"ReadCallLog"}',
          ),
        ),
      ).to.equal('ReadCallLog');
      expect(
        missingPermission(at('{"errors":[{"errorCode":"CMN-401","message":"…","permissionName":"ReadAccounts"}]')),
      ).to.equal('ReadAccounts');
      expect(
        missingPermission(
          at(
            '{"errors":[{"errorCode":"CMN-401","parameters":[{"parameterName":"permissionName","parameterValue":"CallControl"}]}]}',
          ),
        ),
      ).to.equal('CallControl');
      expect(missingPermission(at('[{"errorCode":"INSUFFICIENT_ACCESS","message":"permissionName"}]'))).to.equal(
        undefined,
      );
      expect(missingPermission('ECI_CALLOUT_STATUS=403')).to.equal(undefined);
    });

    it('403 is not authorised too', () => {
      expect(
        interpretCalloutCheck('X', '/p', ran({ success: false, exceptionMessage: 'ECI_CALLOUT_STATUS=403' })),
      ).to.deep.include({ reason: 'not-authorised', httpStatus: 403 });
    });

    it('a callout exception about the token is not authorised, without a status', () => {
      const result = interpretCalloutCheck(
        'X',
        '/p',
        ran({ success: false, exceptionMessage: 'System.CalloutException: Unable to fetch the OAuth token' }),
      );
      expect(result).to.deep.include({ status: 'fail', reason: 'not-authorised' });
      expect(result.httpStatus).to.equal(undefined);
    });

    it('another callout exception is a callout-error with the message', () => {
      const result = interpretCalloutCheck(
        'X',
        '/p',
        ran({ success: false, exceptionMessage: 'System.CalloutException: Read timed out' }),
      );
      expect(result).to.deep.include({ status: 'fail', reason: 'callout-error' });
      expect(result.detail).to.contain('Read timed out');
    });

    it("a compile problem is reported as the plugin's fault", () => {
      const result = interpretCalloutCheck(
        'X',
        '/p',
        ran({ compiled: false, success: false, line: 2, column: 7, compileProblem: 'Unexpected token' }),
      );
      expect(result).to.deep.include({ status: 'fail', reason: 'compile-error' });
      expect(result.detail).to.contain('line 2, column 7').and.to.contain('Unexpected token');
    });
  });
});
