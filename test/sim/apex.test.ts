/* The simulated org's anonymous Apex: only the named-credential callout check runs; everything else is a compile problem. */
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimSeed, SimulatedOrg } from './index.js';
import { calloutChecksApex } from '../../src/org/callout-check.js';
import { NOT_UNDERSTOOD, unknownNamedCredentialMessage } from './apex.js';
import { rest, ringCentralAuthProvider, salesforceAuthProvider, startConnected } from './helpers.js';

/** The plugin's program (src/org/callout-check.ts), through one named credential. */
const calloutApex = (name: string, path = '/restapi/v1.0/account/~/extension/~'): string =>
  calloutChecksApex([{ namedCredential: name, path }]);
/** The same with a path the plugin would never send (it refuses "//"), written in place. */
const calloutApexTo = (name: string, path: string): string =>
  calloutApex(name, '/p').replace(`callout:${name}/p'`, `callout:${name}${path}'`);
const LAST_LINE = calloutApex('X').split('\n').length;

const eciNamedCredential = (endpoint: string): Record<string, unknown> => ({
  fullName: 'ECI_Named_Credential',
  authProvider: 'ECI_Auth_Provider',
  endpoint,
  generateAuthorizationHeader: true,
  label: 'ECI Named Credential',
  namedCredentialType: 'Legacy',
  oauthScope: 'refresh_token web api content',
  principalType: 'NamedUser',
  protocol: 'Oauth',
});

const ringCentralNamedCredential = {
  fullName: 'Ring_Central',
  authProvider: 'Ring_Central',
  endpoint: 'https://platform.ringcentral.com',
  generateAuthorizationHeader: true,
  label: 'Ring Central',
  namedCredentialType: 'Legacy',
  oauthScope: 'ReadCallRecording',
  principalType: 'NamedUser',
  protocol: 'Oauth',
};

const seed = (settings: SimSeed['settings'] = {}): SimSeed => ({
  settings,
  metadata: [
    { type: 'AuthProvider', record: ringCentralAuthProvider() },
    { type: 'NamedCredential', record: ringCentralNamedCredential },
  ],
});

type Anonymous = {
  line: number;
  column: number;
  compiled: boolean;
  compileProblem: string | null;
  success: boolean;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
};
const run = (conn: Connection, apex: string): Promise<Anonymous> =>
  conn.tooling.executeAnonymous(apex) as unknown as Promise<Anonymous>;

describe('simulated org: anonymous Apex (Tooling API executeAnonymous)', () => {
  let org: SimulatedOrg;
  let conn: Connection;
  const start = async (s?: SimSeed): Promise<void> => {
    ({ org, conn } = await startConnected(s));
  };
  afterEach(() => org?.stop());

  it('a callout through an authorised named credential answers 200: the run succeeds', async () => {
    await start(seed({ authorizedNamedCredentials: ['Ring_Central'] }));
    expect(await run(conn, calloutApex('Ring_Central'))).to.deep.equal({
      line: -1,
      column: -1,
      compiled: true,
      compileProblem: null,
      success: true,
      exceptionMessage: null,
      exceptionStackTrace: null,
    });
  });

  it('a callout through a named credential without a token answers 401: the assertion fails with the status', async () => {
    await start(seed());
    const result = await run(conn, calloutApex('Ring_Central'));
    expect(result).to.include({ compiled: true, success: false, line: LAST_LINE, column: 1 });
    expect(result.exceptionMessage).to.equal(
      'System.AssertException: Assertion Failed:  ECI_CALLOUT[Ring_Central] ECI_CALLOUT_STATUS=401 ECI_CALLOUT_BODY={"error":"invalid_token","error_description":"invalid_token: no token"}',
    );
    expect(result.exceptionStackTrace).to.equal(`AnonymousBlock: line ${LAST_LINE}, column 1`);
  });

  it('checks several named credentials in one call: every outcome in the message, in order', async () => {
    await start(seed({ authorizedNamedCredentials: ['Ring_Central'] }));
    const result = await run(
      conn,
      calloutChecksApex([
        { namedCredential: 'Ring_Central', path: '/restapi/v1.0/account/~/extension/~' },
        { namedCredential: 'Nope', path: '/x' },
      ]),
    );
    expect(result.success).to.equal(false);
    expect(result.exceptionMessage).to.equal(
      `System.AssertException: Assertion Failed:  ECI_CALLOUT[Ring_Central] ECI_CALLOUT_STATUS=200 ECI_CALLOUT[Nope] ${unknownNamedCredentialMessage('Nope')}`,
    );
    const call = org.calls.find((c) => c.operation === 'executeAnonymous');
    expect(call?.fullNames).to.deep.equal(['Ring_Central', 'Nope']);
  });

  it('authorisation can be flipped at run time, and names compare case-insensitively', async () => {
    await start(seed());
    expect((await run(conn, calloutApex('ring_central'))).success).to.equal(false);
    org.settings = { ...org.settings, authorizedNamedCredentials: ['RING_CENTRAL'] };
    expect((await run(conn, calloutApex('ring_central'))).success).to.equal(true);
  });

  it('an unknown named credential gives the platform CalloutException, even when listed as authorised', async () => {
    await start({ settings: { authorizedNamedCredentials: ['Nope'] } });
    const result = await run(conn, calloutApex('Nope'));
    expect(result).to.include({ compiled: true, success: false, line: LAST_LINE });
    expect(result.exceptionMessage).to.equal(
      `System.AssertException: Assertion Failed:  ECI_CALLOUT[Nope] ${unknownNamedCredentialMessage('Nope')}`,
    );
  });

  it('a deleted named credential is unknown again', async () => {
    await start(seed({ authorizedNamedCredentials: ['Ring_Central'] }));
    org.state.metadata.delete('NamedCredential', 'Ring_Central');
    expect((await run(conn, calloutApex('Ring_Central'))).exceptionMessage).to.include(
      unknownNamedCredentialMessage('Ring_Central'),
    );
  });

  it('never runs other Apex: a compile problem, whatever it is', async () => {
    await start(seed({ authorizedNamedCredentials: ['Ring_Central'] }));
    for (const apex of [
      "System.debug('hello');",
      'delete [SELECT Id FROM Account];',
      calloutApex('Ring_Central').replace("'GET'", "'POST'"),
      calloutApex('Ring_Central').replace('allOk = allOk && status0 == 200;', 'allOk = true;'),
      `${calloutApex('Ring_Central')}\ndelete [SELECT Id FROM Account];`,
      calloutApexTo('Ring_Central', "/x'); System.debug('"),
      calloutApex('Ring_Central').replace(/0/g, '1'),
    ]) {
      const result = await run(conn, apex);
      expect(result, apex).to.include({ compiled: false, success: false, compileProblem: NOT_UNDERSTOOD });
    }
  });

  it('is a read (not in writes()), logged as a tooling executeAnonymous call naming the credential', async () => {
    await start(seed());
    await run(conn, calloutApex('Ring_Central'));
    const call = org.calls.find((c) => c.operation === 'executeAnonymous');
    expect(call).to.include({ api: 'tooling', write: false, status: 200, type: 'NamedCredential' });
    expect(call?.fullNames).to.deep.equal(['Ring_Central']);
    expect(org.writes()).to.deep.equal([]);
  });

  it('needs a session and the anonymousBody parameter', async () => {
    await start(seed());
    expect(
      (await rest(org, 'GET', '/services/data/v66.0/tooling/executeAnonymous?anonymousBody=x', undefined, 'bad'))
        .status,
    ).to.equal(401);
    const missing = await rest(org, 'GET', '/services/data/v66.0/tooling/executeAnonymous');
    expect(missing.status).to.equal(400);
    expect(missing.json[0].errorCode).to.equal('MISSING_ARGUMENT');
  });

  describe('what the endpoint answers', () => {
    it("RingCentral's 403 naming a missing permission, with its JSON in the assertion message", async () => {
      await start(
        seed({
          authorizedNamedCredentials: ['Ring_Central'],
          ringCentralPermissionError: { errorCode: 'CMN-401', permissionName: 'ReadAccounts' },
        }),
      );
      const result = await run(conn, calloutApex('Ring_Central'));
      expect(result).to.include({ success: false, line: LAST_LINE });
      expect(result.exceptionMessage).to.match(
        /^System\.AssertException: Assertion Failed: {2}ECI_CALLOUT\[Ring_Central\] ECI_CALLOUT_STATUS=403 ECI_CALLOUT_BODY=\{/,
      );
      const body = JSON.parse(/ECI_CALLOUT_BODY=(.*)$/.exec(result.exceptionMessage!)![1]) as Record<string, unknown>;
      expect(body).to.deep.include({ errorCode: 'CMN-401', permissionName: 'ReadAccounts' });
      // Without a token RingCentral is never reached: 401 first.
      org.settings.authorizedNamedCredentials = [];
      expect((await run(conn, calloutApex('Ring_Central'))).exceptionMessage).to.include('ECI_CALLOUT_STATUS=401');
    });

    it("the URL is the credential's and the path with one slash; two slashes in a row reach nothing (404)", async () => {
      await start({
        settings: { authorizedNamedCredentials: ['ECI_Named_Credential'] },
        metadata: [
          { type: 'AuthProvider', record: salesforceAuthProvider('ECI_Auth_Provider') },
          { type: 'NamedCredential', record: eciNamedCredential('https://acme.my.salesforce.com/') },
        ],
      });
      expect((await run(conn, calloutApex('ECI_Named_Credential', '/services/data/v66.0/'))).success).to.equal(true);
      expect(org.calls.filter((c) => c.operation === 'executeAnonymous').at(-1)?.calloutUrls).to.deep.equal([
        'https://acme.my.salesforce.com/services/data/v66.0/',
      ]);
      const doubled = await run(conn, calloutApexTo('ECI_Named_Credential', '//services/data/v66.0/'));
      expect(doubled.exceptionMessage).to.include('ECI_CALLOUT_STATUS=404');
    });

    it("on Salesforce the token has the credential's scope: userinfo needs openid (403), the REST API needs api", async () => {
      await start({
        settings: { authorizedNamedCredentials: ['ECI_Named_Credential'] },
        metadata: [
          { type: 'AuthProvider', record: salesforceAuthProvider('ECI_Auth_Provider') },
          { type: 'NamedCredential', record: eciNamedCredential('https://acme.my.salesforce.com/') },
        ],
      });
      expect(
        (await run(conn, calloutApex('ECI_Named_Credential', '/services/oauth2/userinfo'))).exceptionMessage,
      ).to.include('ECI_CALLOUT_STATUS=403');
      // The credential made again with a narrower scope, then authorised again (its provider's key is no app's).
      org.settings.authorizedNamedCredentials = [];
      org.seedMetadata('NamedCredential', {
        ...eciNamedCredential('https://acme.my.salesforce.com/'),
        oauthScope: 'refresh_token web',
      });
      org.state.tokens.clear();
      org.settings.authorizedNamedCredentials = ['ECI_Named_Credential'];
      expect(
        (await run(conn, calloutApex('ECI_Named_Credential', '/services/data/v66.0/'))).exceptionMessage,
      ).to.include('ECI_CALLOUT_STATUS=403');
    });
  });
});
