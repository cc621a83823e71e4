/*
 * The reliability catalogue of the commands' other paths, in process against the simulated org: every fault class at
 * the check-only deploy of `configure --validate` (its request and its status poll), at the first read of an export
 * (`configure --output-dir`), and at the first delete of `teardown`. Asserted every time: the class's own words, an
 * exit code from the table, an unreadable answer never called a refusal, the session id in no output, nothing saved
 * by a check or an export, and a re-run that finishes.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import Teardown, { type TeardownResult } from '../../src/commands/eci/ringcentral/teardown.js';
import { EXIT } from '../../src/model/exit-codes.js';
import { setOrgTimings } from '../../src/org/timings.js';
import { OUTAGE_PAGE, soapFaultAnswer as soap500, type FaultAction, type FaultMatch } from '../sim/faults.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { faultStats, type FaultPath } from '../support/fault-stats.js';
import { InProcess, type InProcessRun } from './in-process.js';

const RC_SECRET = 'RcSecret-Paths-90ab4e';
const CONFIGURE = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example', '--json'];

/** Every fault class (SOAP: the check-only deploy, an export's metadata read, a metadata delete) and its words. */
const CLASSES: Array<{ what: string; action: (token: string) => FaultAction; words: RegExp; refusal: boolean }> = [
  { what: 'a reset', action: () => ({ kind: 'reset' }), words: /connection to Salesforce broke/, refusal: false },
  {
    what: 'an HTML page with 200',
    action: () => ({ kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE }),
    words: /could not be read/,
    refusal: false,
  },
  {
    what: 'an empty 200',
    action: () => ({ kind: 'answer', status: 200, contentType: 'text/xml', body: '' }),
    words: /could not be read/,
    refusal: false,
  },
  {
    what: 'a gateway that echoes the request',
    action: (token) => ({
      kind: 'answer',
      status: 502,
      contentType: 'text/html',
      body: `<html><body>Bad gateway. <sessionId>${token}</sessionId></body></html>`,
    }),
    words: /could not be read/,
    refusal: false,
  },
  {
    what: 'HTTP 431',
    action: () => ({ kind: 'answer', status: 431, contentType: 'text/plain', body: 'Request Header Fields Too Large' }),
    words: /headers are too large/,
    refusal: false,
  },
  {
    what: 'the daily API limit',
    action: () => soap500('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
    words: /API requests for the last 24 hours/,
    refusal: false,
  },
  {
    what: 'the concurrent-request limit',
    action: () => soap500('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
    words: /too many long requests at once/,
    refusal: false,
  },
  {
    what: 'an internal error with its ErrorId',
    action: () => soap500('UNKNOWN_EXCEPTION', 'An unexpected error occurred. ErrorId: 1435987343-55891 (-1217669146)'),
    words: /failed inside/,
    refusal: false,
  },
  {
    what: 'an expired session',
    action: () => soap500('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'),
    words: /refused the session/,
    refusal: false,
  },
  { what: 'a refusal', action: () => soap500('INVALID_FIELD', 'No such field'), words: /refused/, refusal: true },
];

const LISTED: number[] = Object.values(EXIT);
const said = (r: InProcessRun): string =>
  `${r.output}\n${r.error?.message ?? ''}\n${(r.error?.actions ?? []).join('\n')}\n${JSON.stringify(r.result ?? r.error?.data ?? {})}`;

describe('reliability catalogue of the commands: check-only deploy, export, teardown', function () {
  this.timeout(120_000);
  let env: InProcess;
  let restore: () => void;

  beforeEach(async () => {
    restore = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 }, deployPollsMs: [1] });
    env = await InProcess.start({
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
  });
  afterEach(async () => {
    restore();
    await env.stop();
  });

  /** The assertions every fault case makes of what the admin reads. */
  function heard(r: InProcessRun, c: (typeof CLASSES)[number], label: string): void {
    const text = said(r);
    expect(text, label).to.match(c.words);
    expect(text, label).to.not.include(env.org.accessToken).and.not.include(RC_SECRET);
    expect(text, label).to.not.match(/%s|Cannot read properties|TypeError/);
    // Only Salesforce's own refusal is called one: an answer that could not be read, a fault on the way, never.
    if (!c.refusal) expect(r.error?.name ?? '', label).to.not.equal('ApiCallError');
    expect(LISTED, label).to.include(r.error?.exitCode ?? r.exitCode ?? 0);
    expect(r.output, label).to.not.match(/\n\s+at .+:\d+:\d+/);
  }

  for (const [where, match] of [
    ['request', { operation: 'deploy', times: 9 }],
    ['status poll', { operation: 'checkDeployStatus', times: 9 }],
  ] as Array<[string, FaultMatch]>)
    it(`configure --validate, every fault class at the check-only deploy's ${where}: its words, exit 1, nothing saved`, async () => {
      for (const c of CLASSES) {
        faultStats.count('fault', 1, 'check-only');
        env.org.faults.clear();
        env.org.faults.add(match, c.action(env.org.accessToken));
        const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate']);
        expect(r.error?.exitCode, c.what).to.equal(1);
        heard(r, c, `${c.what} at the check-only deploy's ${where}`);
        expect(env.org.writes(), c.what).to.deep.equal([]);
        faultStats.pass('fault', 1, 'check-only');
      }
    });

  it('configure --output-dir, every fault class at the first read: its words, no file of what could not be read, no write; a re-run exports it all', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'eci-export-clean-'));
    try {
      const whole = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--output-dir', clean]);
      expect(whole.error, whole.error?.message).to.equal(undefined);
      const all = (await readdir(clean, { recursive: true })).filter((f) => f.endsWith('-meta.xml')).length;
      for (const c of CLASSES.filter((k) => !k.refusal)) {
        faultStats.count('fault', 1, 'export');
        const dir = await mkdtemp(join(tmpdir(), 'eci-export-fault-'));
        try {
          env.org.faults.clear();
          env.org.faults.add({ operation: 'readMetadata', times: 500 }, c.action(env.org.accessToken));
          const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--output-dir', dir]);
          heard(r, c, `${c.what} at an export's first read`);
          expect(r.error?.exitCode ?? r.exitCode, c.what).to.be.oneOf([1, 68]);
          const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('-meta.xml'));
          expect(files.length, c.what).to.be.lessThan(all);
          expect(env.org.writes(), c.what).to.deep.equal([]);
          env.org.faults.clear();
          const again = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--output-dir', dir]);
          expect(again.error, again.error?.message).to.equal(undefined);
          expect((await readdir(dir, { recursive: true })).filter((f) => f.endsWith('-meta.xml'))).to.have.length(all);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        faultStats.pass('fault', 1, 'export');
      }
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });

  it("teardown, every fault class at the first delete: the removal's own words, exit 68 or 1 with what was removed and what was not; a re-run finishes", async () => {
    for (const c of CLASSES) {
      faultStats.count('fault', 1, 'delete' as FaultPath);
      // Again after each teardown: the site it deactivated is the admin's to turn on again (--force).
      const first = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--force']);
      expect(first.error, first.error?.message).to.equal(undefined);
      env.org.faults.clear();
      env.org.faults.add({ operation: 'deleteMetadata', times: 9 }, c.action(env.org.accessToken));
      const r = await env.run(Teardown, ['-o', env.username, '--json', '--include-eci', '--force']);
      heard(r, c, `${c.what} at teardown's first delete`);
      const result = (r.result ?? r.error?.data) as TeardownResult;
      const struck = result.components.find((i) => i.type === 'NamedCredential' && i.name === 'Ring_Central');
      expect(struck?.status, c.what).to.be.oneOf(['failed', 'unknown']);
      expect(struck?.error?.message, c.what).to.match(c.words);
      env.org.faults.clear();
      const again = await env.run(Teardown, ['-o', env.username, '--json', '--include-eci', '--force']);
      expect((again.result as TeardownResult | undefined)?.outcome, again.error?.message).to.equal('complete');
      expect(env.org.listMetadataNames('NamedCredential')).to.deep.equal([]);
      faultStats.pass('fault', 1, 'delete');
    }
  });
});
