/*
 * What the person's-steps tests share (in process, test/commands, and through the real CLI, test/e2e): an org with
 * the Voice Connector and a Connected App path, the RingCentral stand-in, configure and verify as the person's steps
 * need them, and a browser: the `open` package itself, pointed through $BROWSER at a script that records its argument
 * (what a browser would receive).
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import type { OrgAndCli, RunResult } from './cli-run.js';

export const CLIENT_ID = 'PersonStepsClient01';
export const SECRET = 'RcPersonSecret-3f9a11';
export const INTEGRATION_USER = 'eci.integration@sim.example';
export const CONSOLE_URL = 'https://developers.ringcentral.com/console/my-apps';

export type PersonStep = {
  id: string;
  title: string;
  url?: string;
  state: 'open' | 'done' | 'not-checked';
  checked?: string;
};

export type PersonStepsFixture = {
  readonly org: SimulatedOrg;
  readonly rc: FakeRingCentral;
  /** The recording browser program, for $BROWSER. */
  readonly browser: string;
  /** Every stdout and stderr of the runs, for the file's own leak check. */
  readonly outputs: string[];
  configure(extra?: string[], env?: Record<string, string>): Promise<RunResult>;
  verify(extra?: string[], env?: Record<string, string>): Promise<RunResult>;
  callbackUrl(): string;
  consentUrl(nc: string, provider: string): string;
  /** The URLs the browser was given so far. */
  recorded(): Promise<string[]>;
  /** Resolves once the recording browser was given `count` URLs. */
  openedCount(count: number): Promise<string[]>;
  /** Forgets what the browser was given. */
  forget(): Promise<void>;
};

/** Call in a describe: its `before` starts the org (logged in as `p`), the stand-in and the browser; `after` stops them. */
export function personStepsFixture(fixture: OrgAndCli): PersonStepsFixture {
  let org: SimulatedOrg | undefined;
  let rc: FakeRingCentral | undefined;
  let dir = '';
  const outputs: string[] = [];
  const record = (): string => join(dir, 'opened.txt');
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eci-browser-'));
    await writeFile(join(dir, 'record-url'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${record()}'\n`);
    await chmod(join(dir, 'record-url'), 0o755);
    // A Connected App for ECI keeps these tests to the person's steps (the External Client App's deploy has its own).
    org = await fixture.freshOrg('p', {
      seed: { settings: { connectedAppCreationAllowed: true } },
      prepare: (o) => installVoiceConnector(o),
    });
    rc = await FakeRingCentral.start({
      apps: [
        {
          clientId: CLIENT_ID,
          clientSecret: SECRET,
          redirectUris: ['https://dummyurl.com'],
          authCodeFlow: true,
          environment: 'production',
        },
      ],
    });
  });
  after(async () => {
    await rc?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function sf(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const opts = { env: { RINGCENTRAL_CLIENT_SECRET: SECRET, BROWSER: 'none', ...env }, timeoutMs: 150_000 };
    const r = await fixture.cli.run(args, opts);
    outputs.push(r.stdout, r.stderr);
    return r;
  }
  const recorded = async (): Promise<string[]> =>
    (await readFile(record(), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const the = { org: (): SimulatedOrg => org!, rc: (): FakeRingCentral => rc! };
  return {
    get org() {
      return the.org();
    },
    get rc() {
      return the.rc();
    },
    get browser() {
      return join(dir, 'record-url');
    },
    outputs,
    configure: (extra = [], env) =>
      sf(
        [
          ...['eci', 'ringcentral', 'configure', '-o', 'p', '--client-id', CLIENT_ID, '--server', the.rc().url],
          ...['--contact-email', 'admin@sim.example', '--integration-username', INTEGRATION_USER],
          ...['--integration-email', 'admin@sim.example', ...extra],
        ],
        env,
      ),
    verify: (extra = [], env) =>
      sf(['eci', 'ringcentral', 'verify', '-o', 'p', '--integration-username', INTEGRATION_USER, ...extra], env),
    callbackUrl: () => `${the.org().instanceUrl}/services/authcallback/Ring_Central`,
    consentUrl(nc, provider) {
      const o = the.org();
      const row = o.records('NamedCredential').find((n) => n.DeveloperName === nc)!;
      // As Setup's own link: with the credential's scope.
      return `${o.instanceUrl}/services/auth/xds/${o.orgId}/${provider}?startURL=/${String(row.Id)}&scope=${encodeURIComponent(String(o.getMetadata('NamedCredential', nc)?.oauthScope))}`;
    },
    recorded,
    async openedCount(count) {
      const until = Date.now() + 50_000;
      for (;;) {
        const urls = await recorded();
        if (urls.length >= count) return urls;
        if (Date.now() > until)
          throw new Error(`the browser was given ${urls.length} URL(s), not ${count}: ${urls.join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    forget: () => rm(record(), { force: true }),
  };
}
