/*
 * The org layer's fault policy over a real HTTP boundary: jsforce talking to the simulated org, faults injected at
 * the simulator's HTTP layer (test/sim/faults.ts). Every fault class: its words, its action, whether it is tried
 * again (counted from the simulator's calls log), and that an answer not understood is never taken for "absent".
 */
import { expect } from 'chai';
import type { Connection, SfError } from '@salesforce/core';
import { metadataRef } from '../../src/model/component.js';
import { Secret } from '../../src/model/secret.js';
import { connectOrg } from '../../src/org/connect.js';
import { callTimeoutMs, classify, DEFAULT_RETRY, deployPollMs, retryPolicy } from '../../src/org/fault-policy.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { OUTAGE_PAGE, type FaultAction } from '../sim/faults.js';
import type { SimulatedOrg } from '../sim/index.js';
import { ringCentralAuthProvider, startConnected } from '../sim/helpers.js';
import { faultStats } from '../support/fault-stats.js';

const soapFault = (code: string, text: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

const html200: FaultAction = { kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE };
const empty200: FaultAction = { kind: 'answer', status: 200, contentType: 'text/xml', body: '' };
const outage503: FaultAction = {
  kind: 'answer',
  status: 503,
  contentType: 'text/html',
  body: OUTAGE_PAGE,
  headers: { 'retry-after': '1' },
};
const soap500 = (code: string, text: string): FaultAction => ({
  kind: 'answer',
  status: 500,
  contentType: 'text/xml',
  body: soapFault(code, text),
});

/** Each fault class at a read: the error it ends in (after the tries a read gets), or passes once the fault is gone. */
const READ_CASES: Array<{
  what: string;
  action: FaultAction;
  times: number;
  name?: string;
  tries: number;
  action_?: RegExp;
}> = [
  {
    what: 'an HTML outage page with 200',
    action: html200,
    times: 9,
    name: 'UnreadableError',
    tries: 3,
    action_: /status\.salesforce\.com/,
  },
  { what: 'an empty body with 200', action: empty200, times: 9, name: 'UnreadableError', tries: 3 },
  {
    what: 'a connection reset',
    action: { kind: 'reset' },
    times: 9,
    name: 'ConnectionError',
    tries: 3,
    action_: /network, VPN or proxy/,
  },
  { what: 'a 503 outage page', action: outage503, times: 9, name: 'UnreadableError', tries: 3 },
  {
    what: 'HTTP 431',
    action: { kind: 'answer', status: 431, contentType: 'text/plain', body: 'Request Header Fields Too Large' },
    times: 9,
    name: 'HeadersTooLargeError',
    tries: 1,
  },
  {
    what: "the org's daily API limit",
    action: soap500('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
    times: 9,
    name: 'DailyLimitError',
    tries: 1,
    action_: /sf org list limits --target-org admin@/,
  },
  {
    what: 'the concurrent-request limit',
    action: soap500('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
    times: 9,
    name: 'ConcurrentLimitError',
    tries: 3,
  },
  {
    what: 'UNKNOWN_EXCEPTION',
    action: soap500('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId: 1234-5678'),
    times: 9,
    name: 'ServerError',
    tries: 3,
  },
  {
    what: 'an expired session',
    action: soap500('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'),
    times: 9,
    name: 'SessionError',
    tries: 1,
    action_: /sf org login web --instance-url/,
  },
  {
    what: 'a missing permission',
    action: soap500('INSUFFICIENT_ACCESS', 'insufficient access rights on cross-reference id'),
    times: 9,
    name: 'PermissionError',
    tries: 1,
    action_: /Customize Application/,
  },
];

describe('fault policy (org layer, faults injected at the simulated org)', function () {
  this.timeout(30_000);
  let org: SimulatedOrg;
  let access: SalesforceOrg;
  let conn: Connection;
  const ref = metadataRef('AuthProvider', 'Ring_Central');

  beforeEach(async () => {
    const started = await startConnected();
    org = started.org;
    org.seedMetadata('AuthProvider', ringCentralAuthProvider());
    conn = started.conn;
    access = new SalesforceOrg(conn, undefined, {
      retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 5 },
      timeoutMs: 2000,
    });
  });
  afterEach(() => org.stop());

  const readsOf = (): number => org.calls.filter((c) => c.operation === 'readMetadata').length;

  for (const c of READ_CASES) {
    it(`a read that meets ${c.what}: ${c.name}, tried ${c.tries} time(s), never "absent"`, async () => {
      org.faults.add({ operation: 'readMetadata', times: c.times }, c.action);
      const error = (await access.readMetadata([ref]).then(
        (states) => expect.fail(`taken as an answer: ${JSON.stringify(states)}`),
        (e: unknown) => e,
      )) as SfError;
      faultStats.count('fault');
      expect(error.name).to.equal(c.name);
      expect(error.actions?.length ?? 0).to.be.greaterThan(0);
      if (c.action_) expect(error.actions?.join(' ')).to.match(c.action_);
      expect(error.message).to.not.match(/Cannot read properties|TypeError/);
      expect(error.message + (error.actions ?? []).join(' ')).to.not.include(org.accessToken);
      expect(readsOf()).to.equal(c.tries);
      faultStats.pass('fault');
    });
  }

  it('a read that meets a passing fault (one reset, one HTML page) is tried again and answers', async () => {
    org.faults.add({ operation: 'readMetadata' }, { kind: 'reset' });
    org.faults.add({ operation: 'readMetadata', nth: 2 }, html200);
    const [state] = await access.readMetadata([ref]);
    expect(state.exists).to.equal(true);
    expect(readsOf()).to.equal(3);
  });

  it("a query answered with an HTML page is an error, not an empty result, and jsforce's TypeError never shows", async () => {
    org.faults.add({ operation: 'query', times: 9 }, html200);
    const error = (await access.query('SELECT Id FROM Profile').catch((e: unknown) => e)) as SfError;
    expect(error.name).to.equal('UnreadableError');
    expect(error.message).to.not.match(/Cannot read properties/);
  });

  it('a hanging server is given up on after the call timeout, and a read is tried again', async () => {
    const quick = new SalesforceOrg(conn, undefined, {
      retry: { attempts: 2, firstDelayMs: 1, maxDelayMs: 1 },
      timeoutMs: 300,
    });
    org.faults.add({ operation: 'readMetadata', times: 2 }, { kind: 'hang', ms: 1500 });
    const started = Date.now();
    const error = (await quick.readMetadata([ref]).catch((e: unknown) => e)) as SfError;
    expect(error.name).to.equal('TimeoutError');
    expect(error.actions?.join(' ')).to.include('ECI_CALL_TIMEOUT_MS');
    expect(Date.now() - started).to.be.lessThan(1400);
  });

  it('a write is never tried again: a lost answer says the outcome is unknown and that a re-run finishes', async () => {
    org.faults.add({ operation: 'upsertMetadata' }, { kind: 'reset', when: 'after' });
    const component = {
      ...metadataRef('AuthProvider', 'ECI_Auth_Provider'),
      fields: { friendlyName: 'ECI', providerType: 'Salesforce', consumerSecret: new Secret('never-in-a-message-1') },
    };
    const error = (await access
      .upsertMetadata('AuthProvider', [{ component, current: { exists: false } }])
      .catch((e: unknown) => e)) as SfError;
    expect(error.name).to.equal('WriteOutcomeUnknownError');
    expect(error.actions?.join(' ')).to.include('Run the command again');
    expect(org.calls.filter((c) => c.operation === 'upsertMetadata')).to.have.length(1);
    // The write landed although its answer was lost: the re-run will find it.
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.not.equal(undefined);
    expect(JSON.stringify(error)).to.not.include('never-in-a-message-1');
  });

  it("a record refused by Salesforce stays the component's failure; a broken connection is the run's", async () => {
    const user = {
      kind: 'record' as const,
      sobject: 'Account',
      name: 'a',
      label: 'a',
      match: { Name: 'A' },
      fields: {},
    };
    org.faults.add({ operation: 'sobject.create' }, { kind: 'reset' });
    const error = (await access.upsertRecord(user, { exists: false }).catch((e: unknown) => e)) as SfError;
    expect(error.name).to.equal('WriteOutcomeUnknownError');
  });

  it('the session id is redacted from an error that echoes the request', async () => {
    org.faults.add(
      { operation: 'readMetadata', times: 9 },
      soap500('INVALID_FIELD', `bad request: <sessionId>${org.accessToken}</sessionId>`),
    );
    const error = (await access.readMetadata([ref]).catch((e: unknown) => e)) as SfError;
    expect(error.message).to.include('bad request');
    expect(error.message).to.not.include(org.accessToken);
  });

  it('an org whose instance URL is plain http on a name that is not loopback is refused before anything is sent', async () => {
    const fakeOrg = { getConnection: () => ({ instanceUrl: 'http://acme.my.salesforce.com' }) } as never;
    const error = (await connectOrg(fakeOrg).catch((e: unknown) => e)) as SfError;
    expect(error.name).to.equal('InsecureInstanceUrlError');
    const resolvesToLoopback = { getConnection: () => ({ instanceUrl: 'http://localhost.example.com:8080' }) } as never;
    expect(((await connectOrg(resolvesToLoopback).catch((e: unknown) => e)) as SfError).name).to.equal(
      'InsecureInstanceUrlError',
    );
  });

  it('classifies what jsforce throws', () => {
    expect(classify(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })).class).to.equal(
      'connection',
    );
    expect(classify({ name: 'HttpApiError', errorCode: 'ERROR_HTTP_502', message: 'Bad gateway' }).class).to.equal(
      'server',
    );
    expect(classify({ name: 'HttpApiError', errorCode: 'INVALID_FIELD', message: 'No such column' }).class).to.equal(
      'refused',
    );
  });

  it('waits as long as the environment says, in one place: call timeout, first retry delay, deploy polls', () => {
    expect(callTimeoutMs({})).to.equal(120_000);
    expect(retryPolicy({})).to.deep.equal(DEFAULT_RETRY);
    expect(deployPollMs({})).to.equal(1000);
    const env = { ECI_CALL_TIMEOUT_MS: '5000', ECI_RETRY_DELAY_MS: '2', ECI_DEPLOY_POLL_MS: '10' };
    expect(callTimeoutMs(env)).to.equal(5000);
    // The same schedule, scaled: as many tries, each wait doubling up to a cap 16 times the first.
    expect(retryPolicy(env)).to.deep.equal({ attempts: DEFAULT_RETRY.attempts, firstDelayMs: 2, maxDelayMs: 32 });
    expect(deployPollMs(env)).to.equal(10);
    // Nonsense is no wait at all: the default stands.
    for (const bad of ['', '0', '-5', 'soon'])
      expect(deployPollMs({ ECI_DEPLOY_POLL_MS: bad }), JSON.stringify(bad)).to.equal(1000);
  });
});
