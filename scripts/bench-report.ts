/*
 * The results of `npm run bench` (bench/results.json) and what is made of them: the console table and the figures of
 * docs/performance.md (between <!-- bench:start --> and <!-- bench:end -->). Pure functions, tested in
 * test/unit/bench.test.ts; `npx tsx scripts/bench-render.ts` re-renders the figures from the JSON alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AppPath, RunKind } from './bench-bound.js';

export type RunResult = {
  kind: RunKind;
  path: AppPath;
  /** what the user typed, the org alias and secrets aside */
  command: string;
  /** medians over the runs */
  requests: number;
  reads: number;
  writes: number;
  /** requests counted against the org's daily API limit (a Composite Batch counts each subrequest) */
  apiCalls: number;
  /** reads asked again with nothing written in between */
  repeated: number;
  roundTrips: number;
  /** the round trips besides deploy status polls */
  roundTripsBesidesPolls: number;
  deployPolls: number;
  /** from the deploy's answer to the last poll's */
  pollMs: number;
  ringCentralRequests: number;
  wallMs: number;
  /** from the command's start to its first request at the org */
  firstRequestMs: number;
  /** forced round trips (the org's and RingCentral's) and their time at the bench's latency */
  boundRoundTrips: number;
  boundMs: number;
  /** wall ÷ (floor + bound), each run against the floor measured right before it; the median */
  ratio: number;
  /** the requests sent more than once in the first run */
  repeatedRequests: string[];
  exitCode: number;
};

export type BenchResults = {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[]; shared: boolean };
  settings: { latencyMs: number; jitterMs: number; runs: number; startupRuns: number };
  /** how long the whole bench took */
  durationSeconds?: number;
  /**
   * The minimal plugin's command against the same org: the CLI's, the stack's and the org connection's cost, its one
   * request's round trip left out; and the time from its start to that request.
   */
  floor: { command: string; wallMs: number; requests: number; firstRequestMs: number };
  runs: RunResult[];
  startup: {
    pluginHelpMs: number;
    orgDisplayHelpMs: number;
    fixtureHelpMs: number;
    /** plugin / fixture (target ≤ 1.05) */
    ratioToFixture: number;
    ratioToOrgDisplay: number;
    /** the slower of `configure`'s and `verify`'s time to first request ÷ the fixture's (target ≤ 1.05) */
    firstRequestRatio: number;
  };
};

export const SECTION_START = '<!-- bench:start -->';
export const SECTION_END = '<!-- bench:end -->';

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ratio = (x: number): string => `${x.toFixed(2)}×`;

const TITLES: Record<RunKind, string> = {
  'configure-fresh': '`configure` on a fresh org',
  'configure-again': '`configure` again, nothing to change',
  verify: '`verify`',
  'step-again': '`create-auth-provider` again',
};
const PATHS: Record<AppPath, string> = {
  'external-client-app': 'External Client App',
  'connected-app': 'Connected App',
};

/** The table of runs, as Markdown (the console prints the same). */
export function runsTable(results: BenchResults): string {
  const head = [
    '| run | app path | requests (writes) | API requests | repeated | round trips besides deploy polls | deploy polls | bound | wall | floor + bound | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rtt = results.settings.latencyMs + results.settings.jitterMs / 2;
  const rows = results.runs.map((r) =>
    [
      TITLES[r.kind],
      PATHS[r.path],
      `${r.requests} (${r.writes})${r.ringCentralRequests ? ` + ${r.ringCentralRequests} RingCentral` : ''}`,
      r.apiCalls,
      r.repeated,
      r.roundTripsBesidesPolls,
      r.deployPolls ? `${r.deployPolls} (${seconds(r.pollMs)})` : '0',
      `${r.boundRoundTrips} × ${rtt} ms = ${seconds(r.boundMs)}`,
      seconds(r.wallMs),
      seconds(results.floor.wallMs + r.boundMs),
      ratio(r.ratio),
    ].join(' | '),
  );
  return [...head, ...rows.map((r) => `| ${r} |`)].join('\n');
}

/** The median time to first request of a kind of run, over both app paths. */
const firstRequestOf = (results: BenchResults, kind: RunKind): number =>
  median(results.runs.filter((r) => r.kind === kind).map((r) => r.firstRequestMs));

/** The start-up table, as Markdown. */
export function startupTable(results: BenchResults): string {
  const s = results.startup;
  return [
    '| start-up (median) | time | plugin ÷ this |',
    '|---|---|---|',
    `| \`sf eci ringcentral verify --help\` | ${seconds(s.pluginHelpMs)} | |`,
    `| minimal plugin fixture \`sf minimal hello --help\` (the floor) | ${seconds(s.fixtureHelpMs)} | ${ratio(s.ratioToFixture)} (target ≤ 1.05×) |`,
    `| \`sf org display --help\` (a plugin of the CLI itself) | ${seconds(s.orgDisplayHelpMs)} | ${ratio(s.ratioToOrgDisplay)} |`,
    '',
    "| time to first request (median) | time | ÷ the fixture's |",
    '|---|---|---|',
    `| \`sf eci ringcentral configure\` | ${seconds(firstRequestOf(results, 'configure-fresh'))} | |`,
    `| \`sf eci ringcentral verify\` | ${seconds(firstRequestOf(results, 'verify'))} | |`,
    `| minimal plugin fixture \`sf minimal hello\` (its one request) | ${seconds(results.floor.firstRequestMs)} | ${ratio(s.firstRequestRatio)} (the slower; target ≤ 1.05×) |`,
  ].join('\n');
}

/** How it was measured, in one paragraph. */
export function measuredText(results: BenchResults): string {
  const m = results.machine;
  const st = results.settings;
  return (
    `Measured by \`npm run bench\` on ${results.generatedAt.slice(0, 10)}: the real \`sf\` CLI with the plugin linked, ` +
    `the demo's flags, against the simulated org answering every request after ${st.latencyMs} ms` +
    (st.jitterMs ? ` plus up to ${st.jitterMs} ms of jitter` : '') +
    ` (the RingCentral stand-in alike); medians of ${st.runs} runs (start-up: ${st.startupRuns})` +
    (results.durationSeconds ? `, ${Math.round(results.durationSeconds / 60)} min in all; ` : '; ') +
    `${m.cpus}-core ${m.platform} machine (${m.cpuModel}), Node ${m.node}` +
    (m.shared
      ? `, figures from a shared ${m.cpus}-core machine (load average ${m.loadAverage.map((l) => l.toFixed(1)).join(', ')} at the start)`
      : '') +
    ". Requests, repeated requests and round trips are counted from the simulated org's request log " +
    '(round trips: the longest chain of requests each sent after the previous one was answered, counted besides ' +
    "deploy status polls, which are counted apart with the time from the deploy's answer to the last poll's; " +
    'repeated: reads asked again with nothing written in between, each query of a Composite Batch counted; API ' +
    "requests: what counts against the org's daily limit, a Composite Batch one per subrequest). " +
    "The bound is the round trips the guide's dependency chain forces (derived in `scripts/bench-bound.ts`) × the " +
    "latency; the floor is the minimal plugin fixture's command (`test/fixtures/minimal-plugin`, our dependencies, " +
    `linked the same way) against the same org, run right before each command, less its one request's round trip: ` +
    `${seconds(results.floor.wallMs)} (median); ratio = wall ÷ (floor + bound), the median over the runs, each ` +
    "against its own floor. Time to first request: from the command's start to its first request at the org."
  );
}

/** The figures of docs/performance.md (what goes between the markers). */
export function performanceSection(results: BenchResults): string {
  return [
    '<!-- generated by `npm run bench` from bench/results.json: do not edit by hand -->',
    '',
    runsTable(results),
    '',
    startupTable(results),
    '',
    measuredText(results),
  ].join('\n');
}

/** A Markdown text with the figures between its markers replaced; throws when the markers are missing. */
export function replaceSection(markdown: string, section: string): string {
  const start = markdown.indexOf(SECTION_START);
  const end = markdown.indexOf(SECTION_END);
  if (start < 0 || end < start)
    throw new Error(`the performance page needs the markers ${SECTION_START} and ${SECTION_END}`);
  return `${markdown.slice(0, start + SECTION_START.length)}\n${section}\n${markdown.slice(end)}`;
}

/** Re-renders the figures of the performance page from a results file. */
export function updatePerformancePage(resultsPath: string, pagePath: string): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults;
  writeFileSync(pagePath, replaceSection(readFileSync(pagePath, 'utf8'), performanceSection(results)));
}

/** The page that shows the figures, from the repository's root. */
export const PERFORMANCE_PAGE = 'docs/performance.md';
