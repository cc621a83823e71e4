/*
 * The reliability catalogue of `configure`, in process against the simulated org: every fault class at
 * every phase (the first read, each write, the last write), and Ctrl-C after each write, each followed by a re-run
 * without faults. Asserted every time: the error's name, message and action, the exit code, nothing written after
 * an interruption, no secret in any output, and that the re-run's end state equals a clean run's.
 */
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import { OUTAGE_PAGE, type FaultAction, type FaultMatch } from '../sim/faults.js';
import type { SimulatedOrg, SimSeed } from '../sim/index.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { setOrgTimings } from '../../src/org/timings.js';
import { faultStats, type FaultPath } from '../support/fault-stats.js';
import { InProcess, type InProcessRun } from './in-process.js';

const RC_SECRET = 'RcSecret-Reliability-41c7';
const CLIENT_ID = 'RcClient01';
const CONTACT = 'admin@acme.example';
const ARGS = [
  '--client-id',
  CLIENT_ID,
  '--contact-email',
  CONTACT,
  '--integration-username',
  'eci.integration@acme.example',
  '--integration-email',
  CONTACT,
  '--json',
];
/**
 * Both paths of the ECI app, with secrets readable over REST (the org itself can give back what a run made): the
 * Connected App path (an org that still allows creating Connected Apps) and the External Client App path, the
 * default of a new org, whose app is one deploy (deploy, then checkDeployStatus polls) of the app and its parts.
 */
const PATHS: Array<[string, SimSeed]> = [
  ['the Connected App path', { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } }],
  ['the External Client App path', { settings: { clientSecretInRestApiAccess: true } }],
];

/** What the guide made, as the org holds it: components (secrets and generated keys left out), users and assignments. */
function endState(org: SimulatedOrg): unknown {
  const types = [
    'AuthProvider',
    'NamedCredential',
    'ConnectedApp',
    'ExternalClientApplication',
    'ExtlClntAppOauthSettings',
    'ExtlClntAppGlobalOauthSettings',
    'ExtlClntAppOauthConfigurablePolicies',
    'ExtlClntAppConfigurablePolicies',
    'CustomSite',
  ];
  const metadata = Object.fromEntries(
    types.flatMap((type) =>
      org.listMetadataNames(type).map((name) => {
        const record = { ...org.getMetadata(type, name) } as Record<string, unknown>;
        delete record.consumerKey;
        delete record.consumerSecret;
        if (record.oauthConfig) record.oauthConfig = { ...(record.oauthConfig as object), consumerKey: undefined };
        return [`${type}:${name}`, record];
      }),
    ),
  );
  const users = new Map(org.records('User').map((u) => [u.Id, String(u.Username)]));
  const sets = new Map(org.records('PermissionSet').map((p) => [p.Id, String(p.Name)]));
  const assignments = org
    .records('PermissionSetAssignment')
    .map((a) => `${users.get(a.AssigneeId) ?? 'guest'} → ${sets.get(a.PermissionSetId)}`)
    .sort();
  const integration = org
    .records('User')
    .filter((u) => /eci\.integration/.test(String(u.Username)))
    .map((u) => ({ username: u.Username, active: u.IsActive, profile: u.ProfileId }));
  // Each simulated org has its own port: My Domain is the same org's in both.
  return JSON.parse(
    JSON.stringify({ metadata, assignments, integration }).split(org.instanceUrl).join('<My Domain>'),
  ) as unknown;
}

/**
 * What an admin copies from Setup for a re-run when no API gives it: a Connected App's key and secret (Manage Consumer
 * Details), once the app exists and its auth provider does not (the run that made the app, with the key and secret it
 * chose, was cut before the provider). The Connect REST credentials resources serve External Client Apps only.
 */
function copiedFromSetup(org: SimulatedOrg): Record<string, string> {
  const oauth = org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })?.oauthConfig as
    | Record<string, string>
    | undefined;
  if (!oauth || org.getMetadata('AuthProvider', 'ECI_Auth_Provider')) return {};
  return { ECI_CONSUMER_KEY: oauth.consumerKey, ECI_CONSUMER_SECRET: oauth.consumerSecret };
}

/** Runs `fn` with these environment variables set, as the admin exports them, and puts the environment back. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

/** The components a run reports failed (its --json result, or the data of the error it ended with). */
function failedComponents(r: InProcessRun): unknown[] {
  const result = (r.result ?? r.error?.data) as
    | { steps?: Array<{ components: Array<{ status: string }> }> }
    | undefined;
  return (result?.steps ?? []).flatMap((s) => s.components.filter((c) => c.status === 'failed'));
}

for (const [path, SEED] of PATHS)
  describe(`in process, ${path}: configure under faults and interruptions, then a re-run`, function () {
    this.timeout(600_000);
    const secret = process.env.RINGCENTRAL_CLIENT_SECRET;
    let clean: unknown;
    let writes = 0;
    let deploys = false;
    // The retry backoff and the deploy's polls at a millisecond: the cases count tries, they need not wait for them.
    let restoreTimings: () => void = () => undefined;
    /** The path a write fault struck: the deploy of the External Client App, or a CRUD write. */
    const struck = (env: InProcess): FaultPath =>
      env.org.faults.fired.some((f) => f.operation === 'deploy') ? 'deploy' : 'write';

    async function fresh(): Promise<InProcess> {
      return InProcess.start({ seed: SEED, prepare: (org) => void installVoiceConnector(org) });
    }

    async function configure(env: InProcess): Promise<InProcessRun> {
      const r = await env.run(Configure, ['-o', env.username, ...ARGS]);
      // Counted by the suite's secrets audit (test/support/secrets-audit.ts), which searches every output for every
      // secret, the org's generated consumer secret included; this is the quick check that names the run at once.
      expect(r.output).to.not.include(RC_SECRET);
      expect(JSON.stringify(r.error ?? {})).to.not.include(RC_SECRET);
      return r;
    }

    /** Runs configure with a fault armed, checks what the caller sees, re-runs and compares the end state. */
    async function faultThenRerun(
      match: FaultMatch,
      action: FaultAction,
      expectError: (r: InProcessRun, env: InProcess) => void,
    ): Promise<void> {
      const env = await fresh();
      try {
        env.org.faults.add(match, action);
        const first = await configure(env);
        expectError(first, env);
        env.org.faults.clear();
        const again = await withEnv(copiedFromSetup(env.org), () => configure(env));
        expect(again.error, again.error?.message).to.equal(undefined);
        expect(endState(env.org)).to.deep.equal(clean);
      } finally {
        await env.stop();
      }
    }

    before(async () => {
      restoreTimings = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 }, deployPollsMs: [1] });
      process.env.RINGCENTRAL_CLIENT_SECRET = RC_SECRET;
      const env = await fresh();
      try {
        const r = await configure(env);
        expect(r.error, r.error?.message).to.equal(undefined);
        clean = endState(env.org);
        writes = env.org.writes().length;
        deploys = env.org.calls.some((c) => c.operation === 'checkDeployStatus');
        // The External Client App path is one deploy; the Connected App path none.
        expect(deploys, path).to.equal(path.includes('External Client App'));
        expect(writes).to.be.greaterThan(5);
      } finally {
        await env.stop();
      }
    });
    after(() => {
      restoreTimings();
      if (secret === undefined) delete process.env.RINGCENTRAL_CLIENT_SECRET;
      else process.env.RINGCENTRAL_CLIENT_SECRET = secret;
    });

    it('Ctrl-C after each write: exit 130, no write started after it, no stack trace; the re-run ends as a clean run', async () => {
      for (let k = 1; k <= writes; k++) {
        faultStats.count('interruption');
        let signalAt = 0;
        const ctrlC = (): void => {
          signalAt = Date.now();
          process.emit('SIGINT');
        };
        await faultThenRerun({ write: true, nth: k }, { kind: 'then', run: ctrlC }, (r, env) => {
          expect(r.error?.name, `write ${k}`).to.equal('InterruptedError');
          expect(r.error?.exitCode).to.equal(130);
          expect(r.error?.actions?.join(' ')).to.include('run the same command again');
          expect(r.output).to.not.match(/\n\s+at /);
          // The calls in flight finish, no new one starts: besides write k, at most one write of each other of the
          // guide's independent chains (four run at once) can have been on its way.
          expect(env.org.writes().length, `write ${k}`).to.be.within(k, k + 3);
          expect(signalAt).to.be.greaterThan(0);
        });
        faultStats.pass('interruption');
      }
    });

    const WRITE_FAULTS: Array<[string, FaultAction, RegExp]> = [
      [
        'a lost answer (reset after the write landed)',
        { kind: 'reset', when: 'after' },
        /may or may not have been saved/,
      ],
      ['a reset before it reached the org', { kind: 'reset' }, /may or may not have been saved/],
      [
        'an HTML outage page with 200',
        { kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE },
        /may or may not have been saved/,
      ],
      [
        'a 503',
        { kind: 'answer', status: 503, contentType: 'text/html', body: OUTAGE_PAGE },
        /may or may not have been saved/,
      ],
    ];
    for (const [what, action, words] of WRITE_FAULTS) {
      it(`${what} at the first write, a middle write and the last write: exit 68 or 1 with its words; the re-run finishes`, async () => {
        for (const k of [1, Math.ceil(writes / 2), writes]) {
          let path: FaultPath = 'write';
          await faultThenRerun({ write: true, nth: k }, action, (r, env) => {
            path = struck(env);
            faultStats.count('fault', 1, path);
            const failed = failedComponents(r);
            // The component whose answer was lost is named with the fault's words; what was done before it is kept.
            expect(JSON.stringify(failed), `write ${k}`).to.match(words);
            expect(r.exitCode ?? r.error?.exitCode, `write ${k}`).to.be.oneOf([68, 1]);
            expect(r.error?.message ?? '').to.not.match(/Cannot read properties|TypeError/);
          });
          faultStats.pass('fault', 1, path);
        }
      });
    }

    it('an outage page at the first read: nothing taken for "absent", nothing written; the re-run finishes', async () => {
      faultStats.count('fault', 1, 'read');
      await faultThenRerun(
        { operation: 'readMetadata', times: 50 },
        { kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE },
        (r, env) => {
          expect(env.org.writes().filter((c) => c.api === 'soap-metadata')).to.deep.equal([]);
          expect(JSON.stringify(r.error?.data ?? r.result)).to.include('could not be read');
        },
      );
      faultStats.pass('fault', 1, 'read');
    });

    const soapFault = (code: string, text: string): string =>
      `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
    const soap500 = (code: string, text: string): FaultAction => ({
      kind: 'answer',
      status: 500,
      contentType: 'text/xml',
      body: soapFault(code, text),
    });
    /** Every fault class, with the words the admin reads when it meets a read (the Metadata API's first read). */
    const EVERY_CLASS: Array<[string, FaultAction, RegExp]> = [
      ['a reset', { kind: 'reset' }, /connection to Salesforce broke/],
      [
        'an HTML page with 200',
        { kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE },
        /could not be read/,
      ],
      ['an empty 200', { kind: 'answer', status: 200, contentType: 'text/xml', body: '' }, /could not be read/],
      ['a 503 page', { kind: 'answer', status: 503, contentType: 'text/html', body: OUTAGE_PAGE }, /could not be read/],
      [
        'HTTP 431',
        { kind: 'answer', status: 431, contentType: 'text/plain', body: 'Request Header Fields Too Large' },
        /headers are too large/,
      ],
      [
        'the daily API limit',
        soap500('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
        /API requests for the last 24 hours/,
      ],
      [
        'the concurrent-request limit',
        soap500('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
        /too many long requests at once/,
      ],
      ['UNKNOWN_EXCEPTION', soap500('UNKNOWN_EXCEPTION', 'An unexpected error occurred.'), /failed inside/],
      [
        'an expired session',
        soap500('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'),
        /refused the session/,
      ],
    ];

    for (const [what, action, words] of EVERY_CLASS) {
      it(`${what} at the first read and at every write: never silent, never a raw error; each re-run ends as a clean run`, async () => {
        faultStats.count('fault', 1, 'read');
        await faultThenRerun({ operation: 'readMetadata', times: 50 }, action, (r, env) => {
          expect(
            JSON.stringify(r.error?.data ?? r.result) + (r.error?.message ?? ''),
            `${what} at the first read`,
          ).to.match(words);
          expect(env.org.writes().filter((c) => c.api === 'soap-metadata')).to.deep.equal([]);
        });
        faultStats.pass('fault', 1, 'read');
        for (let k = 1; k <= writes; k++) {
          let path: FaultPath = 'write';
          await faultThenRerun({ write: true, nth: k }, action, (r, env) => {
            path = struck(env);
            faultStats.count('fault', 1, path);
            const outcome = (r.result as { outcome?: string } | undefined)?.outcome;
            // The fault is reported (a failed task, exit 68 or 1), never a run that says it is complete, and the
            // component it struck says it in the fault's own words.
            expect(r.error !== undefined || outcome !== 'complete', `${what} at write ${k}`).to.equal(true);
            // A SOAP fault's words belong to a SOAP call: on a REST write the same body is another fault.
            const soapBody = action.kind === 'answer' && action.contentType === 'text/xml' && action.status === 500;
            if (!soapBody || env.org.faults.fired.some((f) => f.api === 'soap-metadata'))
              expect(JSON.stringify(failedComponents(r)), `${what} at write ${k}`).to.match(words);
            else expect(failedComponents(r).length, `${what} at write ${k}`).to.be.greaterThan(0);
            expect(
              JSON.stringify(r.error?.data ?? r.result) + (r.error?.message ?? ''),
              `${what} at write ${k}`,
            ).to.not.match(/Cannot read properties|TypeError|%s/);
          });
          faultStats.pass('fault', 1, path);
        }
        if (!deploys) return;
        // The deploy's status polls are reads: source-deploy-retrieve keeps polling through a passing fault and through
        // one that outlasts the org layer's three tries; either the run reports the fault, or it says complete only
        // when the org does hold what a clean run makes (read back before any re-run). The deploy may have landed
        // either way: the re-run reads what it made.
        for (const times of [1, 5]) {
          faultStats.count('fault', 1, 'status poll');
          await faultThenRerun({ operation: 'checkDeployStatus', times }, action, (r, env) => {
            const outcome = (r.result as { outcome?: string } | undefined)?.outcome;
            const said = JSON.stringify(r.error?.data ?? r.result) + (r.error?.message ?? '');
            expect(said, `${what} on checkDeployStatus ×${times}`).to.not.match(/Cannot read properties|TypeError/);
            if (r.error === undefined && outcome === 'complete')
              expect(endState(env.org), `${what} on checkDeployStatus ×${times}: complete`).to.deep.equal(clean);
            const fired = env.org.faults.fired.filter((f) => f.operation === 'checkDeployStatus').length;
            expect(fired, `${what} on checkDeployStatus: the fault fired`).to.be.within(1, times);
          });
          faultStats.pass('fault', 1, 'status poll');
        }
      });
    }
  });
