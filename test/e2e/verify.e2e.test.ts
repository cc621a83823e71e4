/*
 * `sf eci ringcentral verify`: the read-only checklist, run by the real sf CLI against the simulated org (configured
 * by the real CLI) and a stand-in of RingCentral's OAuth endpoints: exit 1 where a person still has to act, exit 0 once
 * they did, and the checklist a person reads. The failures each check must catch are tested in process
 * (test/commands/verify.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { FakeRingCentral } from '../sim/ringcentral.js';
import type { RunResult } from '../support/cli-run.js';
import { check, CLIENT_ID, configuredRuns, INTEGRATION_USER, SECRET, type Check } from '../support/configured-org.js';
import { simulatedOrgAndCli } from './harness.js';

describe('e2e: sf eci ringcentral verify', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  const runs = configuredRuns(fixture, 'v');
  const { sf, outputs, callbackUrl } = runs;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  before(() => ({ org, rc } = runs));
  const verify = (extra: string[] = [], env?: Record<string, string>): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'verify', '-o', 'v', '--json', ...extra], env);

  it("fails where a person still has to act: the redirect URI and the named credentials' consent", async () => {
    const r = await verify();
    expect(r.code).to.equal(1);
    expect(r.json.result.passed).to.equal(false);
    expect(check(r, 'ringcentral-redirect-uri').status).to.equal('fail');
    expect(check(r, 'ringcentral-credentials').status).to.equal('pass');
    expect(check(r, 'callout:Ring_Central').status).to.equal('fail');
    expect(check(r, 'callout:ECI_Named_Credential').status).to.equal('fail');
    expect(check(r, 'step:ringcentral-auth-provider').status).to.equal('pass');
  });

  it("passes, exit 0, once the person's steps are done; and writes nothing", async () => {
    rc.app(CLIENT_ID)!.redirectUris.push(callbackUrl());
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    const writes = org.writes().length;
    const r = await verify(['--integration-username', INTEGRATION_USER]);
    const failing = (r.json.result.checks as Check[]).filter((c) => c.status !== 'pass');
    expect(failing, JSON.stringify(failing, null, 1)).to.deep.equal([]);
    expect(r.code).to.equal(0);
    expect(r.json.result).to.deep.include({ passed: true });
    expect(org.writes().length).to.equal(writes);
  });

  it('prints a checklist a person reads', async () => {
    const r = await sf(['eci', 'ringcentral', 'verify', '-o', 'v', '--integration-username', INTEGRATION_USER]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}Add RingCentral as an Authorized Provider/);
    expect(r.stdout).to.match(/PASS {2}The "ECI Named Credential" named credential is authorized and works/);
    expect(r.stdout).to.include('0 failed, 0 skipped');
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
