/*
 * `sf eci ringcentral teardown` with the real sf CLI against the simulated org, configured by the real CLI:
 * --dry-run removes nothing (the JSON plan and what a person reads), and without --force nothing is removed either; no
 * secret in any output. Teardown's lifecycle (configure → teardown → configure, verify passing) is tested in process
 * (test/commands/teardown-lifecycle.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { RunResult } from '../support/cli-run.js';
import { configuredRuns, SECRET } from '../support/configured-org.js';
import { simulatedOrgAndCli } from './harness.js';

type Item = { type: string; name: string; status: string; error?: { message: string } };

describe('e2e: sf eci ringcentral teardown', function () {
  this.timeout(240_000);
  const fixture = simulatedOrgAndCli();
  const runs = configuredRuns(fixture, 't');
  const { sf, outputs } = runs;
  let org: SimulatedOrg;
  before(() => ({ org } = runs));
  const teardown = (extra: string[]): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'teardown', '-o', 't', '--json', ...extra]);
  const items = (r: RunResult): Item[] => (r.json.result ?? r.json.data).components;

  it('--dry-run removes nothing; without --force nothing is removed either', async () => {
    const writes = org.writes().length;
    const dry = await teardown(['--include-eci', '--include-auth-providers', '--dry-run']);
    expect(dry.code, dry.stdout).to.equal(0);
    expect(items(dry).every((i) => i.status === 'planned')).to.equal(true);
    expect(dry.json.result.retiredSuffixes.sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    const human = await sf([
      'eci',
      'ringcentral',
      'teardown',
      '-o',
      't',
      '--include-eci',
      '--include-auth-providers',
      '--dry-run',
    ]);
    expect(human.code).to.equal(0);
    expect(human.stdout).to.include('will delete').and.include('AuthProvider').and.include('Dry run');
    expect(human.stderr).to.include('can never be configured by the guide');
    const gated = await teardown(['--include-eci']);
    expect(gated.code).to.equal(1);
    expect(gated.json.name).to.equal('NeedsForceError');
    expect(org.writes().length).to.equal(writes);
  });

  it('no secret in any output', () => {
    expect(outputs.length).to.be.greaterThan(0);
    for (const out of outputs) expect(out).to.not.include(SECRET);
  });
});
