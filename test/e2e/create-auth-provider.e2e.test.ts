/*
 * `sf eci ringcentral create-auth-provider`, run by the real sf CLI against the simulated org: no secret where no
 * prompt can ask, the secret from stdin (--client-secret-stdin), and an org the CLI does not know. The rest of the command's behaviour is tested in process (test/commands/create-auth-provider.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { commandOf } from '../support/cli-run.js';
import { simulatedOrgAndCli } from './harness.js';

const SECRET = 'RcSecret-7f3a9c21e';
const CMD = ['eci', 'ringcentral', 'create-auth-provider'];

describe('e2e: sf eci ringcentral create-auth-provider', function () {
  this.timeout(120_000);
  const fixture = simulatedOrgAndCli();
  const outputs: string[] = [];
  const sf = commandOf(fixture, CMD, outputs);
  let org: SimulatedOrg;
  const freshOrg = async (alias: string): Promise<unknown> => (org = await fixture.freshOrg(alias));

  describe('secret intake', () => {
    // One org without the provider: the refusal writes nothing, then stdin gives the secret.
    before(() => freshOrg('rc-secret'));

    it('refuses to create without a secret where no prompt can ask, and writes nothing', async () => {
      const r = await sf(['-o', 'rc-secret', '--client-id', 'RcClient01', '--json']);
      expect(r.code).to.equal(1);
      expect(r.json.name).to.equal('MissingSecretError');
      expect(r.json.actions.join(' ')).to.include('RINGCENTRAL_CLIENT_SECRET');
      expect(org.writes()).to.deep.equal([]);
    });

    it('reads the secret from stdin with --client-secret-stdin', async () => {
      const r = await sf(['-o', 'rc-secret', '--client-id', 'RcClient01', '--client-secret-stdin', '--json'], {
        input: `${SECRET}\n`,
      });
      expect(r.code, r.stdout).to.equal(0);
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret).to.equal(
        SECRET,
      );
    });
  });

  describe('bad input is refused before any call to the org', () => {
    // The flag catalogue (empty, malformed, insecure values) runs in process: test/commands/bad-input.test.ts.
    it('refuses an org the CLI does not know', async () => {
      const r = await sf(['-o', 'no-such-org', '--client-id', 'RcClient01', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.match(/NamedOrgNotFound|NoAuthInfoFound/);
    });
  });

  describe('across every run above', () => {
    it('never shows the client secret in any output', () => {
      expect(outputs.length).to.equal(6, 'three runs, stdout and stderr each');
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
