/*
 * The benchmark at Salesforce's latency: what an admin waits for on a real org is round trips, so the
 * simulated org (and the RingCentral stand-in) answer every request after a fixed delay, 150 ms by default, plus
 * optional jitter. Not part of `npm test`.
 *   npm run bench [-- --latency 150 --jitter 0 --runs 3]
 *
 * With the real `sf` CLI (the plugin and the minimal plugin fixture linked, the demo's flags), on both app
 * paths (External Client App, the default; Connected App, `connectedAppCreationAllowed`):
 *   `configure` on a fresh org, `configure` again, `verify`, `create-auth-provider` again
 * each with its requests (reads, writes, API requests), repeated reads, sequential round trips besides deploy polls
 * and the polls apart with the time spent on them (test/sim/timeline.ts), wall time, the bound (scripts/bench-bound.ts:
 * the round trips the guide's dependency chain forces × the latency) and wall ÷ (floor + bound), the floor being the
 * minimal plugin fixture's command against the same org (less its one request), and the time from each command's
 * start to its first request against the fixture's.
 * Start-up: the median of `sf eci ringcentral verify --help` against `sf org display --help` and against the
 * fixture's `sf minimal hello --help` (test/fixtures/minimal-plugin, built here: tsc + manifest, no install).
 *
 * Output: a table on the console, bench/results.json, and the figures of docs/performance.md (bench-report.ts).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SimulatedOrg } from '../test/sim/index.js';
import { FakeRingCentral } from '../test/sim/ringcentral.js';
import { timeline, type Timeline } from '../test/sim/timeline.js';
import type { SimCall } from '../test/sim/types.js';
import { installVoiceConnector } from '../test/sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli } from '../test/e2e/harness.js';
import { boundMs, forcedRoundTrips, type AppPath, type RunKind } from './bench-bound.js';
import {
  median,
  measuredText,
  runsTable,
  startupTable,
  PERFORMANCE_PAGE,
  updatePerformancePage,
  type BenchResults,
  type RunResult,
} from './bench-report.js';

const run = promisify(execFile);

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number of 0 or more`);
  return value;
}

const LATENCY = option('latency', 150);
const JITTER = option('jitter', 0);
const RUNS = Math.max(1, Math.round(option('runs', 3)));
const STARTUP_RUNS = 2 * RUNS - 1;
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'minimal-plugin');
const RESULTS = join(REPO_ROOT, 'bench', 'results.json');
const CLIENT_ID = 'BenchClient1';
const ENV = { RINGCENTRAL_CLIENT_SECRET: 'bench-client-secret-not-real' };
const PATHS: AppPath[] = ['external-client-app', 'connected-app'];
const KINDS: RunKind[] = ['configure-fresh', 'configure-again', 'verify', 'step-again'];
/** The exit code each run is expected to end with (verify: the person's steps are still open). */
const EXPECTED_EXIT: Record<RunKind, number> = {
  'configure-fresh': 0,
  'configure-again': 0,
  verify: 1,
  'step-again': 0,
};

/** The demo's flags (scripts/demo.ts), per run. */
function commandOf(kind: RunKind, alias: string, rcUrl: string): string[] {
  const configure = [
    'eci',
    'ringcentral',
    'configure',
    '-o',
    alias,
    '--client-id',
    CLIENT_ID,
    '--server',
    rcUrl,
    '--contact-email',
    'admin@sim.example',
    '--integration-username',
    'eci.integration@sim.example',
    '--integration-email',
    'admin@sim.example',
  ];
  if (kind === 'verify')
    return ['eci', 'ringcentral', 'verify', '-o', alias, '--integration-username', 'eci.integration@sim.example'];
  if (kind === 'step-again')
    return ['eci', 'ringcentral', 'create-auth-provider', '-o', alias, '--client-id', CLIENT_ID, '--server', rcUrl];
  return configure;
}

/** How the command reads in the results: no alias, no port. */
const shown = (args: string[]): string =>
  `sf ${args.join(' ')}`.replace(/ -o \S+/, '').replace(/http:\/\/127\.0\.0\.1:\d+/g, '<RingCentral stand-in>');

type Sample = Omit<Timeline, 'repeatedRequests'> & {
  rc: number;
  ms: number;
  firstRequestMs: number;
  /** the floor, measured right before */
  floorMs: number;
  repeatedRequests: string[];
  code: number;
};

/** How long after `startedAt` the first of these calls reached the org. */
const firstRequestAfter = (calls: readonly SimCall[], startedAt: number): number =>
  calls.length ? Math.min(...calls.map((c) => c.at)) - startedAt : Number.NaN;

async function buildFixture(): Promise<void> {
  await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', FIXTURE], {
    cwd: REPO_ROOT,
  });
  await run(process.execPath, [join(REPO_ROOT, 'scripts', 'gen-manifest.js'), FIXTURE], { cwd: REPO_ROOT });
}

async function main(): Promise<void> {
  const startLoad = loadavg();
  const started = Date.now();
  console.log(
    `bench: latency ${LATENCY} ms, jitter ${JITTER} ms, ${RUNS} run(s); building the minimal plugin fixture…`,
  );
  await buildFixture();
  const cli = await SfCli.create();
  const samples = new Map<string, Sample[]>();
  const floor: Array<{ ms: number; requests: number; firstRequestMs: number }> = [];
  const startup = { plugin: [] as number[], orgDisplay: [] as number[], fixture: [] as number[] };
  try {
    await cli.linkPlugin(REPO_ROOT);
    await cli.linkPlugin(FIXTURE);
    for (let i = 0; i < RUNS; i++) {
      for (const path of PATHS) {
        const latency = { ms: LATENCY, jitterMs: JITTER };
        const org = await SimulatedOrg.start({
          seed: {
            settings: { clientSecretInRestApiAccess: true, connectedAppCreationAllowed: path === 'connected-app' },
          },
          latency,
        });
        installVoiceConnector(org);
        const rc = await FakeRingCentral.start({
          apps: [
            {
              clientId: CLIENT_ID,
              clientSecret: ENV.RINGCENTRAL_CLIENT_SECRET,
              redirectUris: ['https://dummyurl.com'],
              authCodeFlow: true,
              environment: 'production',
            },
          ],
          latency,
        });
        try {
          const alias = `bench-${path}-${i}`;
          await cli.login(org, alias);
          for (const kind of KINDS) {
            // The floor right before each run, on the same org, so that the machine's load falls on both alike.
            const floorBefore = org.calls.length;
            const floorStart = Date.now();
            const f = await cli.run(['minimal', 'hello', '-o', alias], { env: ENV, timeoutMs: 120_000 });
            if (f.code !== 0) throw new Error(`sf minimal hello failed (${f.code}): ${f.stderr}`);
            const floorCalls = org.calls.slice(floorBefore);
            // Its one request's round trip is left out: the bound counts every round trip of the run.
            const floorRequestMs = floorCalls.reduce((ms, c) => ms + ((c.doneAt ?? c.at) - c.at), 0);
            floor.push({
              ms: f.ms - floorRequestMs,
              requests: floorCalls.length,
              firstRequestMs: firstRequestAfter(floorCalls, floorStart),
            });
            const args = commandOf(kind, alias, rc.url);
            const before = org.calls.length;
            const rcBefore = rc.calls.length;
            const started = Date.now();
            const r = await cli.run(args, { env: ENV, timeoutMs: 180_000 });
            if (r.code !== EXPECTED_EXIT[kind])
              throw new Error(
                `${shown(args)} ended with exit ${r.code} (expected ${EXPECTED_EXIT[kind]}):\n${r.stderr}`,
              );
            const calls = org.calls.slice(before);
            const { repeatedRequests, ...t } = timeline(calls);
            if (kind !== 'configure-fresh' && t.writes > 0)
              throw new Error(`${shown(args)} wrote ${t.writes} time(s) on an org with nothing to change`);
            const key = `${kind}|${path}`;
            if (!samples.has(key)) samples.set(key, []);
            samples.get(key)!.push({
              ...t,
              repeatedRequests,
              rc: rc.calls.length - rcBefore,
              ms: r.ms,
              firstRequestMs: firstRequestAfter(calls, started),
              floorMs: floor.at(-1)!.ms,
              code: r.code,
            });
            process.stdout.write(
              `  run ${i + 1}/${RUNS} ${path} ${kind}: ${(r.ms / 1000).toFixed(2)} s, ${t.requests} requests, ${t.roundTripsBesidesPolls} round trips besides ${t.deployPolls} deploy poll(s)\n`,
            );
          }
        } finally {
          await rc.stop();
          await org.stop();
        }
      }
    }
    // Start-up, interleaved so that the machine's load falls on the three alike.
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const time = async (args: string[]): Promise<number> => {
        const r = await cli.run(args, { timeoutMs: 120_000 });
        if (r.code !== 0) throw new Error(`sf ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
        return r.ms;
      };
      startup.plugin.push(await time(['eci', 'ringcentral', 'verify', '--help']));
      startup.fixture.push(await time(['minimal', 'hello', '--help']));
      startup.orgDisplay.push(await time(['org', 'display', '--help']));
    }
  } finally {
    await cli.cleanup();
  }

  const floorMs = median(floor.map((f) => f.ms));
  const runs: RunResult[] = [];
  for (const kind of KINDS)
    for (const path of PATHS) {
      const s = samples.get(`${kind}|${path}`)!;
      const bound = forcedRoundTrips(kind, path);
      const wallMs = median(s.map((x) => x.ms));
      const b = boundMs(bound, LATENCY, JITTER);
      const med = (f: (x: Sample) => number): number => median(s.map(f));
      runs.push({
        kind,
        path,
        command: shown(commandOf(kind, 'ALIAS', 'http://127.0.0.1:1')),
        requests: med((x) => x.requests),
        reads: med((x) => x.reads),
        writes: med((x) => x.writes),
        apiCalls: med((x) => x.apiCalls),
        repeated: med((x) => x.repeated),
        roundTrips: med((x) => x.roundTrips),
        roundTripsBesidesPolls: med((x) => x.roundTripsBesidesPolls),
        deployPolls: med((x) => x.deployPolls),
        pollMs: med((x) => x.pollMs),
        ringCentralRequests: med((x) => x.rc),
        wallMs,
        firstRequestMs: med((x) => x.firstRequestMs),
        boundRoundTrips: bound.roundTrips,
        boundMs: b,
        // each run against the floor measured right before it, then the median of those ratios
        ratio: median(s.map((x) => x.ms / (x.floorMs + b))),
        repeatedRequests: s[0].repeatedRequests,
        exitCode: s[0].code,
      });
    }
  const pluginHelpMs = median(startup.plugin);
  const fixtureHelpMs = median(startup.fixture);
  const orgDisplayHelpMs = median(startup.orgDisplay);
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      platform: platform(),
      loadAverage: startLoad,
      shared: startLoad[0] >= 1,
    },
    settings: { latencyMs: LATENCY, jitterMs: JITTER, runs: RUNS, startupRuns: STARTUP_RUNS },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    floor: {
      command: 'sf minimal hello --target-org <org>',
      wallMs: floorMs,
      requests: median(floor.map((f) => f.requests)),
      firstRequestMs: median(floor.map((f) => f.firstRequestMs)),
    },
    runs,
    startup: {
      pluginHelpMs,
      orgDisplayHelpMs,
      fixtureHelpMs,
      ratioToFixture: pluginHelpMs / fixtureHelpMs,
      ratioToOrgDisplay: pluginHelpMs / orgDisplayHelpMs,
      firstRequestRatio:
        Math.max(
          ...(['configure-fresh', 'verify'] as const).map((k) =>
            median(runs.filter((r) => r.kind === k).map((r) => r.firstRequestMs)),
          ),
        ) / median(floor.map((f) => f.firstRequestMs)),
    },
  };
  await mkdir(join(REPO_ROOT, 'bench'), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  updatePerformancePage(RESULTS, join(REPO_ROOT, PERFORMANCE_PAGE));

  console.log(`\n${runsTable(results)}\n\n${startupTable(results)}\n\n${measuredText(results)}\n`);
  for (const kind of KINDS)
    console.log(`bound of ${kind}: ${forcedRoundTrips(kind, 'external-client-app').longest.join(' → ')}`);
  for (const r of runs)
    if (r.repeatedRequests.length) console.log(`repeated in ${r.kind} (${r.path}): ${r.repeatedRequests.join('; ')}`);
  console.log(
    `\nbench/results.json and the figures of ${PERFORMANCE_PAGE} written (${((Date.now() - started) / 1000).toFixed(0)} s).`,
  );
}

await main();
