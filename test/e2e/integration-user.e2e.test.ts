/*
 * `sf eci ringcentral integration-user`, run by the real sf CLI against the simulated org: the user made as the guide
 * says, and what a person reads. The rest is tested in process (test/commands/integration-user.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import {
  assignedSetIds,
  installVoiceConnector,
  userNamed,
  type VoiceConnectorIds,
  type VoiceConnectorInstall,
} from '../sim/voice-connector-seed.js';
import { commandOf } from '../support/cli-run.js';
import { simulatedOrgAndCli } from './harness.js';

const CMD = ['eci', 'ringcentral', 'integration-user', '-o', 'int'];
const USERNAME = 'eci.integration@acme.example';

describe('e2e: sf eci ringcentral integration-user', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;
  const freshOrg = async (install?: VoiceConnectorInstall): Promise<unknown> =>
    (org = await fixture.freshOrg('int', { prepare: (o) => (ids = installVoiceConnector(o, install)) }));

  describe('on an org without the user', () => {
    before(() => freshOrg());

    it('creates the user as the guide says: System Administrator, active, both permission sets; and says to run the rest as it', async () => {
      const r = await sf([
        '--username',
        USERNAME,
        '--email',
        'admin@acme.example',
        '--first-name',
        'Voice',
        '--last-name',
        'Integration',
      ]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      const created = userNamed(org, USERNAME)!;
      const profile = org.records('Profile').find((p) => p.Id === created.ProfileId)!;
      expect(profile.Name).to.equal('System Administrator');
      expect(created).to.include({
        IsActive: true,
        Email: 'admin@acme.example',
        FirstName: 'Voice',
        LastName: 'Integration',
      });
      expect(assignedSetIds(org, created.Id)).to.have.members([ids.conversationInsightsIntegrationUser, ids.eciAccess]);
      expect(r.stdout).to.match(/created\s+User\s+eci\.integration@acme\.example/);
      expect(r.stdout).to.include(`Run the remaining configuration steps as the integration user ${USERNAME}`);
      expect(r.stdout).to.include(`sf org login web --instance-url ${org.instanceUrl}`);
      expect(r.stdout).to.include('--target-org');
    });
  });
});
