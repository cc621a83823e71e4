/*
 * The pieces of `npm run bench` that can be wrong without any timing: the bound the guide's dependency chain forces
 * (scripts/bench-bound.ts), the JSON → Markdown rendering (scripts/bench-report.ts), the minimal plugin fixture's
 * dependency set (it must stay ours to be the floor), and docs/performance.md's figures matching bench/results.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { boundMs, forcedRoundTrips, freshChains, READ_ROUND, roundTripMs } from '../../scripts/bench-bound.js';
import {
  median,
  PERFORMANCE_PAGE,
  performanceSection,
  replaceSection,
  SECTION_END,
  SECTION_START,
  type BenchResults,
  type RunResult,
} from '../../scripts/bench-report.js';
import { REPO_ROOT } from '../e2e/harness.js';

const run = (over: Partial<RunResult>): RunResult => ({
  kind: 'configure-fresh',
  path: 'external-client-app',
  command: 'sf eci ringcentral configure',
  requests: 58,
  reads: 43,
  writes: 15,
  repeated: 14,
  roundTrips: 17,
  ringCentralRequests: 0,
  wallMs: 5400,
  boundRoundTrips: 6,
  boundMs: 900,
  ratio: 1.5,
  repeatedRequests: [],
  exitCode: 0,
  ...over,
});

const results = (over: Partial<BenchResults> = {}): BenchResults => ({
  generatedAt: '2026-12-02T01:00:00.000Z',
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU',
    node: 'v20.20.2',
    platform: 'linux',
    loadAverage: [3.25, 2, 1],
    shared: true,
  },
  settings: { latencyMs: 150, jitterMs: 0, runs: 3, startupRuns: 5 },
  floor: { command: 'sf minimal hello --target-org <org>', wallMs: 2700, requests: 0 },
  runs: [
    run({}),
    run({
      kind: 'verify',
      path: 'connected-app',
      requests: 50,
      writes: 0,
      repeated: 15,
      roundTrips: 10,
      ringCentralRequests: 2,
      wallMs: 4100,
      boundRoundTrips: 2,
      boundMs: 300,
      ratio: 1.37,
    }),
  ],
  startup: {
    pluginHelpMs: 2520,
    orgDisplayHelpMs: 2100,
    fixtureHelpMs: 2400,
    ratioToFixture: 1.05,
    ratioToOrgDisplay: 1.2,
  },
  ...over,
});

describe('bench: the bound the dependency chain forces', () => {
  it('a run with nothing to change is one round of reads', () => {
    for (const kind of ['configure-again', 'step-again'] as const)
      for (const path of ['external-client-app', 'connected-app'] as const)
        expect(forcedRoundTrips(kind, path)).to.deep.equal({
          orgRoundTrips: 1,
          ringCentralRoundTrips: 0,
          longest: [READ_ROUND],
        });
  });

  it('verify: the org in one round, then RingCentral (the client id is in the org)', () => {
    const b = forcedRoundTrips('verify', 'external-client-app');
    expect([b.orgRoundTrips, b.ringCentralRoundTrips]).to.deep.equal([1, 1]);
    expect(boundMs(b, 150)).to.equal(300);
  });

  it('fresh configure, External Client App: reads + deploy + poll + key read-back + ECI auth provider + ECI named credential', () => {
    const b = forcedRoundTrips('configure-fresh', 'external-client-app');
    expect(b.orgRoundTrips).to.equal(6);
    expect(b.ringCentralRoundTrips).to.equal(0);
    expect(b.longest[0]).to.equal(READ_ROUND);
    expect(b.longest.at(-2)).to.equal('write the ECI auth provider');
    expect(b.longest.at(-1)).to.equal('write the ECI named credential');
    expect(boundMs(b, 150)).to.equal(900);
  });

  it('fresh configure, Connected App: the create is synchronous, one round less', () => {
    const b = forcedRoundTrips('configure-fresh', 'connected-app');
    expect(b.orgRoundTrips).to.equal(5);
    expect(boundMs(b, 150)).to.equal(750);
  });

  it("has the guide's chains: auth provider → named credential, app → ECI auth provider → ECI named credential, site → guest user's assignments", () => {
    const chains = freshChains('external-client-app');
    expect(chains.map((c) => c.name)).to.include.members([
      'RingCentral auth provider → named credential',
      'ECI app → ECI auth provider → ECI named credential',
      "site → guest user's assignments",
    ]);
    expect(chains.find((c) => c.name.startsWith('RingCentral'))!.rounds).to.have.length(2);
    expect(chains.find((c) => c.name.startsWith('site'))!.rounds).to.have.length(3);
  });

  it('one round trip with jitter is the mean delay: latency + jitter / 2', () => {
    expect(roundTripMs(150)).to.equal(150);
    expect(roundTripMs(150, 100)).to.equal(200);
    expect(boundMs(forcedRoundTrips('configure-again', 'connected-app'), 150, 100)).to.equal(200);
  });
});

describe('bench: JSON → docs/performance.md', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('renders each run with its figures, bound, floor + bound and ratio', () => {
    const md = performanceSection(results());
    expect(md).to.contain(
      '| `configure` on a fresh org | External Client App | 58 (15) | 14 | 17 | 6 × 150 ms = 0.90 s | 5.40 s | 3.60 s | 1.50× |',
    );
    expect(md).to.contain(
      '| `verify` | Connected App | 50 (0) + 2 RingCentral | 15 | 10 | 2 × 150 ms = 0.30 s | 4.10 s | 3.00 s | 1.37× |',
    );
    expect(md).to.contain('| `sf eci ringcentral verify --help` | 2.52 s | |');
    expect(md).to.contain(
      '| minimal plugin fixture `sf minimal hello --help` (the floor) | 2.40 s | 1.05× (target ≤ 1.05×) |',
    );
    expect(md).to.contain('Node v20.20.2');
    expect(md).to.contain('after 150 ms');
    expect(md).to.contain('figures from a shared 2-core machine (load average 3.3, 2.0, 1.0 at the start)');
  });

  it('says "shared machine" only when it was, and names the jitter when there was some', () => {
    const r = results({ settings: { latencyMs: 200, jitterMs: 100, runs: 3, startupRuns: 5 } });
    r.machine.shared = false;
    const md = performanceSection(r);
    expect(md).not.to.contain('shared');
    expect(md).to.contain('after 200 ms plus up to 100 ms of jitter');
    expect(md).to.contain('× 250 ms =');
  });

  it('replaces only what is between the markers, the same way every time', () => {
    const page = `# x\n\n## Performance\n\nintro\n\n${SECTION_START}\nold figures\n${SECTION_END}\n\n## Next\n\ntext\n`;
    const once = replaceSection(page, 'NEW');
    expect(once).to.equal(
      `# x\n\n## Performance\n\nintro\n\n${SECTION_START}\nNEW\n${SECTION_END}\n\n## Next\n\ntext\n`,
    );
    expect(replaceSection(once, 'NEW')).to.equal(once);
  });

  it('refuses a page without the markers', () => {
    expect(() => replaceSection('# no markers\n', 'NEW')).to.throw(/bench:start/);
    expect(() => replaceSection(`${SECTION_END}\n${SECTION_START}\n`, 'NEW')).to.throw(/bench:end/);
  });

  it("docs/performance.md's figures are the ones bench/results.json renders", () => {
    const json = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results.json'), 'utf8')) as BenchResults;
    const page = readFileSync(join(REPO_ROOT, PERFORMANCE_PAGE), 'utf8');
    expect(replaceSection(page, performanceSection(json))).to.equal(page);
  });
});

describe('bench: the minimal plugin fixture (the start-up floor)', () => {
  it('has our dependency set, so that it loads what ours loads', () => {
    const ours = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const fixture = JSON.parse(
      readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'minimal-plugin', 'package.json'), 'utf8'),
    );
    expect(fixture.dependencies).to.deep.equal(ours.dependencies);
    expect(fixture.devDependencies).to.deep.equal(ours.devDependencies);
    expect(fixture.type).to.equal(ours.type);
  });
});
