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
  repeated: number;
  roundTrips: number;
  ringCentralRequests: number;
  wallMs: number;
  /** forced round trips (org + RingCentral) and their time at the bench's latency */
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
  /** the minimal plugin's command against the same org: the CLI's, the stack's and the org connection's cost */
  floor: { command: string; wallMs: number; requests: number };
  runs: RunResult[];
  startup: {
    pluginHelpMs: number;
    orgDisplayHelpMs: number;
    fixtureHelpMs: number;
    /** plugin / fixture (target ≤ 1.05) */
    ratioToFixture: number;
    ratioToOrgDisplay: number;
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
    '| run | app path | requests (writes) | repeated | round trips | bound | wall | floor + bound | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = results.runs.map(
    (r) =>
      `| ${TITLES[r.kind]} | ${PATHS[r.path]} | ${r.requests} (${r.writes})${r.ringCentralRequests ? ` + ${r.ringCentralRequests} RingCentral` : ''} | ${r.repeated} | ${r.roundTrips} | ${r.boundRoundTrips} × ${results.settings.latencyMs + results.settings.jitterMs / 2} ms = ${seconds(r.boundMs)} | ${seconds(r.wallMs)} | ${seconds(results.floor.wallMs + r.boundMs)} | ${ratio(r.ratio)} |`,
  );
  return [...head, ...rows].join('\n');
}

/** The start-up table, as Markdown. */
export function startupTable(results: BenchResults): string {
  const s = results.startup;
  return [
    '| start-up (median) | time | plugin ÷ this |',
    '|---|---|---|',
    `| \`sf eci ringcentral verify --help\` | ${seconds(s.pluginHelpMs)} | |`,
    `| minimal plugin fixture \`sf minimal hello --help\` (the floor) | ${seconds(s.fixtureHelpMs)} | ${ratio(s.ratioToFixture)} (target ≤ 1.05×) |`,
    `| \`sf org display --help\` (a plugin of the CLI itself) | ${seconds(s.orgDisplayHelpMs)} | ${ratio(s.ratioToOrgDisplay)} |`,
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
    '(round trips: the longest chain of requests each sent after the previous one was answered). ' +
    "The bound is the round trips the guide's dependency chain forces (derived in `scripts/bench-bound.ts`) × the " +
    "latency; the floor is the minimal plugin fixture's command (`test/fixtures/minimal-plugin`, our dependencies, " +
    `linked the same way) against the same org, run right before each command: ${seconds(results.floor.wallMs)} ` +
    '(median); ratio = wall ÷ (floor + bound), the median over the runs, each against its own floor.'
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
