/*
 * The pieces of `npm run bench` that can be wrong without any timing: the bound the guide's dependency chain forces
 * (scripts/bench-bound.ts), the JSON → Markdown rendering (scripts/bench-report.ts), the minimal plugin fixture's
 * dependency set (it must stay ours to be the floor), and docs/performance.md's figures matching bench/results.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  boundMs,
  CONSUMER_ROUND,
  forcedRoundTrips,
  freshChains,
  READ_ROUND,
  roundTripMs,
} from '../../scripts/bench-bound.js';
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
import { REPO_ROOT } from '../support/repo.js';

const run = (over: Partial<RunResult>): RunResult => ({
  kind: 'configure-fresh',
  path: 'external-client-app',
  command: 'sf eci ringcentral configure',
  requests: 58,
  reads: 43,
  writes: 15,
  apiCalls: 80,
  repeated: 14,
  roundTrips: 17,
  roundTripsBesidesPolls: 15,
  deployPolls: 2,
  pollMs: 420,
  ringCentralRequests: 0,
  wallMs: 5400,
  firstRequestMs: 2600,
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
  floor: { command: 'sf minimal hello --target-org <org>', wallMs: 2700, requests: 1, firstRequestMs: 2500 },
  runs: [
    run({}),
    run({
      kind: 'verify',
      path: 'connected-app',
      requests: 50,
      writes: 0,
      repeated: 15,
      roundTrips: 10,
      roundTripsBesidesPolls: 10,
      deployPolls: 0,
      pollMs: 0,
      apiCalls: 60,
      firstRequestMs: 2700,
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
    firstRequestRatio: 1.04,
  },
  ...over,
});

describe('bench: the bound the dependency chain forces', () => {
  it("a step with nothing to change is one round of reads; configure again, one more for the ECI app's consumer", () => {
    for (const path of ['external-client-app', 'connected-app'] as const) {
      expect(forcedRoundTrips('step-again', path)).to.deep.equal({
        roundTrips: 1,
        deployPolls: 0,
        longest: [READ_ROUND],
      });
      expect(forcedRoundTrips('configure-again', path).longest).to.deep.equal([READ_ROUND, CONSUMER_ROUND]);
    }
  });

  it("verify: the org's two rounds, RingCentral's beside the second (the client id is in the org)", () => {
    const b = forcedRoundTrips('verify', 'external-client-app');
    expect(b.roundTrips).to.equal(2);
    expect(boundMs(b, 150)).to.equal(300);
  });

  it('fresh configure, External Client App: reads, the refused Connected App, deploy, poll, consumer and secret, ECI auth provider, named credential, its Id', () => {
    const b = forcedRoundTrips('configure-fresh', 'external-client-app');
    expect(b.roundTrips).to.equal(9);
    expect(b.deployPolls).to.equal(1);
    expect(b.longest[0]).to.equal(READ_ROUND);
    expect(b.longest[1]).to.match(/refused/);
    expect(b.longest.slice(-3)).to.deep.equal([
      'write the ECI auth provider',
      'write the ECI named credential',
      'read its record Id (the consent URL names it)',
    ]);
    expect(boundMs(b, 150)).to.equal(1350);
  });

  it('fresh configure, Connected App: the create is synchronous and answers with the key and secret it was given', () => {
    const b = forcedRoundTrips('configure-fresh', 'connected-app');
    expect(b.roundTrips).to.equal(5);
    expect(b.deployPolls).to.equal(0);
    expect(boundMs(b, 150)).to.equal(750);
  });

  it("has the guide's chains: auth provider → named credential, app → ECI auth provider → ECI named credential, site → guest user's assignments", () => {
    const chains = freshChains('external-client-app');
    expect(chains.map((c) => c.name)).to.include.members([
      'RingCentral auth provider → named credential',
      'ECI app → ECI auth provider → ECI named credential',
      "site → guest user's assignments",
    ]);
    expect(chains.find((c) => c.name.startsWith('RingCentral'))!.rounds).to.have.length(3);
    expect(chains.find((c) => c.name.startsWith('site'))!.rounds).to.have.length(3);
  });

  it('one round trip with jitter is the mean delay: latency + jitter / 2', () => {
    expect(roundTripMs(150)).to.equal(150);
    expect(roundTripMs(150, 100)).to.equal(200);
    expect(boundMs(forcedRoundTrips('step-again', 'connected-app'), 150, 100)).to.equal(200);
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
      '| `configure` on a fresh org | External Client App | 58 (15) | 80 | 14 | 15 | 2 (0.42 s) | 6 × 150 ms = 0.90 s | 5.40 s | 3.60 s | 1.50× |',
    );
    expect(md).to.contain(
      '| `verify` | Connected App | 50 (0) + 2 RingCentral | 60 | 15 | 10 | 0 | 2 × 150 ms = 0.30 s | 4.10 s | 3.00 s | 1.37× |',
    );
    expect(md).to.contain('| `sf eci ringcentral verify --help` | 2.52 s | |');
    expect(md).to.contain(
      '| minimal plugin fixture `sf minimal hello --help` (the floor) | 2.40 s | 1.05× (target ≤ 1.05×) |',
    );
    expect(md).to.contain('| `sf eci ringcentral configure` | 2.60 s | |');
    expect(md).to.contain('| `sf eci ringcentral verify` | 2.70 s | |');
    expect(md).to.contain(
      '| minimal plugin fixture `sf minimal hello` (its one request) | 2.50 s | 1.04× (the slower; target ≤ 1.05×) |',
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
