/*
 * `sf eci ringcentral create-named-credential`, run by the real sf CLI against the simulated org: the guide's legacy
 * named credential with its consent URL. The rest is tested in process (test/commands/create-named-credential.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { seedGuideAuthProviders } from '../sim/helpers.js';
import { commandOf } from '../support/cli-run.js';
import { simulatedOrgAndCli } from './harness.js';

const CMD = ['eci', 'ringcentral', 'create-named-credential'];

describe('e2e: sf eci ringcentral create-named-credential', function () {
  this.timeout(120_000);
  const fixture = simulatedOrgAndCli();
  let org: SimulatedOrg;
  const sf = commandOf(fixture, CMD);

  const freshOrg = async (alias: string, providers = true): Promise<unknown> =>
    (org = await fixture.freshOrg(alias, { prepare: (o) => providers && seedGuideAuthProviders(o) }));

  const namedCredentialId = (name: string): string =>
    String(org.records('NamedCredential').find((r) => r.DeveloperName === name)?.Id);

  describe('the RingCentral named credential', () => {
    before(() => freshOrg('nc'));

    it("creates exactly the guide's legacy named credential and gives the consent URL", async () => {
      const r = await sf(['-o', 'nc', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(
        r.json.result.components.map((c: { type: string; name: string; status: string }) => [c.type, c.name, c.status]),
      ).to.deep.equal([['NamedCredential', 'Ring_Central', 'created']]);
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.deep.equal({
        fullName: 'Ring_Central',
        authProvider: 'Ring_Central',
        endpoint: 'https://platform.ringcentral.com',
        generateAuthorizationHeader: true,
        label: 'Ring Central',
        namedCredentialType: 'Legacy',
        oauthScope: 'ReadCallRecording',
        principalType: 'NamedUser',
        protocol: 'Oauth',
      });
      const id = namedCredentialId('Ring_Central');
      const consentUrl = `${org.instanceUrl}/services/auth/xds/${org.orgId}/Ring_Central?startURL=/${id}&scope=ReadCallRecording`;
      expect(r.json.result).to.include({ consentUrl, namedCredentialId: id, opened: false });
      expect(r.json.result.nextSteps[0]).to.include({ url: consentUrl });
      expect(r.json.result.nextSteps[0].detail).to.include('cannot call RingCentral until');
    });
  });
});
