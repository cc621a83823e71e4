/*
 * The reliability catalogue of the org layer's paths besides the CRUD one (whose cases are in fault-policy.test.ts and
 * the commands' reliability.test.ts): the deploy request, its status polls, a check-only deploy and its polls, REST
 * reads, and deletes of metadata and records. Every fault class on every path, through real HTTP to the simulated org,
 * with the same policy: the class's words and actions, tried again only where the call may be repeated (never the
 * deploy; polls, check-only deploys, reads and deletes up to three times), a call that may have changed the org saying
 * its outcome is unknown, the session id never in anything the admin reads, no placeholder left unfilled, no ErrorId
 * where the CLI would take it for its exit code.
 */
import { expect } from 'chai';
import type { Connection, SfError } from '@salesforce/core';
import { metadataRef, type MetadataComponent } from '../../src/model/component.js';
import { EXIT } from '../../src/model/exit-codes.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { setOrgTimings } from '../../src/org/timings.js';
import { APP } from '../sim/external-client-app-seed.js';
import { OUTAGE_PAGE, soapFaultAnswer as soapFault, type FaultAction, type FaultMatch } from '../sim/faults.js';
import type { SimulatedOrg } from '../sim/index.js';
import { ringCentralAuthProvider, startConnected } from '../sim/helpers.js';
import { faultStats, type FaultPath } from '../support/fault-stats.js';

type Api = 'soap' | 'rest';
type Case = {
  what: string;
  action: (api: Api, token: string) => FaultAction;
  /** The class's words, in the message whatever else it says. */
  words: RegExp;
  /** The error's name where the call cannot have changed the org. */
  name: string;
  retried: boolean;
  /** An answer lost on the way: a call that may have changed the org says its outcome is unknown. */
  lost: boolean;
  action_?: RegExp;
};

const restFault = (status: number, code: string, text: string): FaultAction => ({
  kind: 'answer',
  status,
  contentType: 'application/json',
  body: JSON.stringify([{ errorCode: code, message: `${text}` }]),
});
const platformFault = (soap: [string, string], rest: [number, string, string]) => (api: Api) =>
  api === 'soap' ? soapFault(...soap) : restFault(...rest);
const ERROR_ID = '1435987343-55891 (-1217669146)';

const CASES: Case[] = [
  {
    what: 'a reset',
    action: () => ({ kind: 'reset' }),
    words: /connection to Salesforce broke/,
    name: 'ConnectionError',
    retried: true,
    lost: true,
    action_: /network, VPN or proxy/,
  },
  {
    what: 'an HTML page with 200',
    action: () => ({ kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE }),
    words: /could not be read/,
    name: 'UnreadableError',
    retried: true,
    lost: true,
    action_: /status\.salesforce\.com/,
  },
  {
    what: 'a 503 outage page',
    action: () => ({ kind: 'answer', status: 503, contentType: 'text/html', body: OUTAGE_PAGE }),
    words: /could not be read/,
    name: 'UnreadableError',
    retried: true,
    lost: true,
    action_: /status\.salesforce\.com/,
  },
  {
    what: 'a gateway that echoes the request, session id included',
    action: (_api, token) => ({
      kind: 'answer',
      status: 502,
      contentType: 'text/html',
      body: `<html><body>Bad gateway. Request: Authorization: Bearer ${token} <sessionId>${token}</sessionId></body></html>`,
    }),
    words: /could not be read/,
    name: 'UnreadableError',
    retried: true,
    lost: true,
  },
  {
    what: 'HTTP 431',
    action: () => ({ kind: 'answer', status: 431, contentType: 'text/plain', body: 'Request Header Fields Too Large' }),
    words: /headers are too large/,
    name: 'HeadersTooLargeError',
    retried: false,
    lost: false,
  },
  {
    what: "the org's daily API limit",
    action: platformFault(
      ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
      [403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'],
    ),
    words: /API requests for the last 24 hours/,
    name: 'DailyLimitError',
    retried: false,
    lost: false,
    action_: /sf org list limits --target-org admin@sim\.example/,
  },
  {
    what: 'the concurrent-request limit',
    action: platformFault(
      ['REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'],
      [403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'],
    ),
    words: /too many long requests at once/,
    name: 'ConcurrentLimitError',
    retried: true,
    lost: false,
  },
  {
    what: 'an internal error with its ErrorId',
    action: platformFault(
      ['UNKNOWN_EXCEPTION', `An unexpected error occurred. ErrorId: ${ERROR_ID}`],
      [500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred. ErrorId: ${ERROR_ID}`],
    ),
    words: /failed inside/,
    name: 'ServerError',
    retried: true,
    lost: true,
    action_: /ErrorId of this failure, for Salesforce Support: 1435987343-55891 \(-1217669146\)/,
  },
  {
    what: 'an expired session',
    action: platformFault(
      ['INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'],
      [401, 'INVALID_SESSION_ID', 'Session expired or invalid'],
    ),
    words: /refused the session/,
    name: 'SessionError',
    retried: false,
    lost: false,
    action_: /sf org login web --instance-url/,
  },
  {
    what: 'a missing permission',
    action: platformFault(
      ['INSUFFICIENT_ACCESS', 'insufficient access rights'],
      [403, 'INSUFFICIENT_ACCESS', 'insufficient access rights'],
    ),
    words: /Salesforce refused/,
    name: 'PermissionError',
    retried: false,
    lost: false,
    action_: /Customize Application/,
  },
  {
    what: 'a refusal',
    action: platformFault(['INVALID_FIELD', 'No such field'], [400, 'INVALID_FIELD', 'No such field']),
    words: /Salesforce refused/,
    name: 'ApiCallError',
    retried: false,
    lost: false,
  },
  {
    what: 'no answer within the deadline',
    action: () => ({ kind: 'hang', ms: 1500 }),
    words: /did not answer .* in time/,
    name: 'TimeoutError',
    retried: true,
    lost: true,
    action_: /ECI_CALL_TIMEOUT_MS/,
  },
];

const part = (type: string, fullName: string, fields: MetadataComponent['fields']): MetadataComponent => ({
  ...metadataRef(type, fullName, `${type} ${fullName}`),
  fields,
});
/** The smallest External Client App a deploy takes: its header and its OAuth settings. */
const APP_ITEMS = [
  part('ExternalClientApplication', APP, {
    contactEmail: 'admin@acme.com',
    distributionState: 'Local',
    label: 'ECI Connected App',
  }),
  part('ExtlClntAppOauthSettings', `${APP}_oauth`, {
    commaSeparatedOauthScopes: 'Api',
    externalClientApplication: APP,
  }),
].map((component) => ({ component, current: { exists: false } as const }));

type Path = {
  path: FaultPath;
  what: string;
  api: Api;
  /** The faulted operation, as the simulator names it. */
  operation: string;
  /** The call may have changed the org. */
  changes: boolean;
  /** Tried again on a passing fault. */
  retries: boolean;
  call: (access: SalesforceOrg, org: SimulatedOrg) => Promise<unknown>;
};

const PATHS: Path[] = [
  {
    path: 'deploy',
    what: 'the deploy request',
    api: 'soap',
    operation: 'deploy',
    changes: true,
    retries: false,
    call: (a) => a.deployMetadata(APP_ITEMS),
  },
  {
    path: 'status poll',
    what: "a deploy's status poll",
    api: 'soap',
    operation: 'checkDeployStatus',
    changes: true,
    retries: true,
    call: (a) => a.deployMetadata(APP_ITEMS),
  },
  {
    path: 'check-only',
    what: 'a check-only deploy',
    api: 'soap',
    operation: 'deploy',
    changes: false,
    retries: true,
    call: (a) => a.validateMetadata(APP_ITEMS),
  },
  {
    path: 'check-only',
    what: "a check-only deploy's status poll",
    api: 'soap',
    operation: 'checkDeployStatus',
    changes: false,
    retries: true,
    call: (a) => a.validateMetadata(APP_ITEMS),
  },
  {
    path: 'REST read',
    what: 'a query',
    api: 'rest',
    operation: 'query',
    changes: false,
    retries: true,
    call: (a) => a.query('SELECT Id FROM Profile'),
  },
  {
    path: 'REST read',
    what: 'a GET of a Connect REST resource',
    api: 'rest',
    operation: 'oauthUsage',
    changes: false,
    retries: true,
    call: (a) => a.restGet('/apps/oauth/usage', 64),
  },
  {
    path: 'delete',
    what: 'a destructive-changes deploy (an External Client App removed)',
    api: 'soap',
    operation: 'deploy',
    changes: true,
    retries: false,
    call: (a) =>
      a.deleteByDeploy([{ type: 'ExternalClientApplication', fullName: APP, current: { exists: true, fields: {} } }]),
  },
  {
    path: 'delete',
    what: 'a metadata delete',
    api: 'soap',
    operation: 'deleteMetadata',
    changes: true,
    retries: true,
    call: (a, org) =>
      a.deleteMetadata('AuthProvider', [
        {
          fullName: 'Ring_Central',
          current: { exists: true, fields: org.getMetadata('AuthProvider', 'Ring_Central') as never },
        },
      ]),
  },
  {
    path: 'delete',
    what: 'a record delete',
    api: 'rest',
    operation: 'sobject.delete',
    changes: true,
    retries: true,
    call: (a, org) => {
      const row = org.records('PermissionSet')[0];
      return a.deleteRecord('PermissionSet', String(row.Name), { exists: true, id: String(row.Id), fields: {} });
    },
  },
];

/** What the call ended in: its error, or the failure it answered (a record's refusal is that record's outcome). */
async function ending(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; actions: string[]; data?: unknown; exitCode?: number }> {
  try {
    const value = (await p) as { success?: boolean; message?: string } | Array<{ success?: boolean; message?: string }>;
    const failure = (Array.isArray(value) ? value : [value]).find((v) => v && v.success === false);
    if (!failure) throw new Error(`answered as if nothing failed: ${JSON.stringify(value)}`);
    return { name: 'refused outcome', message: failure.message ?? '', actions: [] };
  } catch (error) {
    const e = error as SfError;
    if (!('actions' in e) && e.name === 'Error') throw error;
    return { name: e.name, message: e.message, actions: e.actions ?? [], data: e.data, exitCode: e.exitCode };
  }
}

describe('reliability catalogue: every fault class on the deploy, status-poll, check-only, REST-read and delete paths', function () {
  this.timeout(60_000);
  let org: SimulatedOrg;
  let conn: Connection;
  let access: SalesforceOrg;
  let restore: () => void;

  beforeEach(async () => {
    restore = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 }, deployPollsMs: [1] });
    ({ org, conn } = await startConnected());
    org.seedMetadata('AuthProvider', ringCentralAuthProvider());
    org.insertRecord('PermissionSet', { Name: 'Old_Set', Label: 'Old set' });
    access = new SalesforceOrg(conn, undefined, { timeoutMs: 400 });
  });
  afterEach(async () => {
    restore();
    await org.stop();
  });

  /** Requests of an operation the org answered or a fault took (a hung one is logged only once it ends). */
  const sent = (operation: string): number =>
    org.calls.filter((c) => c.operation === operation).length +
    org.faults.fired.filter((f) => f.operation === operation && f.kind === 'hang').length;

  for (const path of PATHS)
    for (const c of CASES) {
      const retried = path.retries && c.retried;
      const tries = retried ? 3 : 1;
      it(`${path.what} meets ${c.what}: its words, ${tries} ${tries === 1 ? 'try' : 'tries'}, nothing leaked`, async () => {
        faultStats.count('fault', 1, path.path);
        org.faults.add(
          { api: path.api === 'soap' ? 'soap-metadata' : 'rest', operation: path.operation, times: 9 } as FaultMatch,
          c.action(path.api, org.accessToken),
        );
        const before = sent(path.operation);
        const end = await ending(path.call(access, org));
        const said = `${end.message}\n${end.actions.join('\n')}`;
        if (end.name !== 'refused outcome') {
          expect(end.name).to.equal(path.changes && c.lost ? 'WriteOutcomeUnknownError' : c.name);
          if (path.changes && c.lost) expect(end.message).to.include('may or may not have been saved');
          expect(end.actions.length).to.be.greaterThan(0);
          if (c.action_) expect(end.actions.join(' ')).to.match(c.action_);
          expect(Object.values(EXIT)).to.include(end.exitCode);
        }
        expect(end.message).to.match(c.words);
        expect(said).to.not.include('%s');
        expect(said + JSON.stringify(end.data ?? {})).to.not.include(org.accessToken);
        expect(end.message).to.not.match(/\d{9,}-\d{3,} \(-?\d{7,}\)/);
        expect(end.message).to.not.match(/Cannot read properties|TypeError/);
        // The request of a deploy is never sent twice; a poll that faults is tried again, and the deploy with it never.
        expect(sent(path.operation) - before).to.equal(tries);
        if (path.operation === 'checkDeployStatus') expect(sent('deploy')).to.equal(1);
        faultStats.pass('fault', 1, path.path);
      });
    }

  for (const path of PATHS.filter((p) => p.retries))
    it(`${path.what}: one passing fault (a reset) is tried again and the call answers`, async () => {
      faultStats.count('fault', 1, path.path);
      org.faults.add({ api: path.api === 'soap' ? 'soap-metadata' : 'rest', operation: path.operation } as FaultMatch, {
        kind: 'reset',
      });
      const answer = await path.call(access, org);
      const outcomes = (answer as { outcomes?: unknown[] }).outcomes ?? answer;
      if (Array.isArray(outcomes) && path.path !== 'REST read')
        for (const o of outcomes as Array<{ success?: boolean; status?: string }>)
          expect(o.success ?? o.status === 'accepted', JSON.stringify(o)).to.equal(true);
      if (path.operation === 'checkDeployStatus') expect(sent('deploy')).to.equal(1);
      faultStats.pass('fault', 1, path.path);
    });
});
