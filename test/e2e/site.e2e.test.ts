/*
 * `sf eci ringcentral site`, run by the real sf CLI against the simulated org: the site made as the guide says, and
 * what a person reads. The rest is tested in process (test/commands/site.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { GUIDE_SITE, installVoiceConnector } from '../sim/voice-connector-seed.js';
import { commandOf } from '../support/cli-run.js';
import { simulatedOrgAndCli } from './harness.js';

const CMD = ['eci', 'ringcentral', 'site', '-o', 'vc'];

describe('e2e: sf eci ringcentral site', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;

  async function freshOrg(opts: Parameters<typeof installVoiceConnector>[1] = {}): Promise<void> {
    org = await fixture.freshOrg('vc', { prepare: (o) => installVoiceConnector(o, opts) });
  }

  describe('on an org with Sites enabled and no site', () => {
    before(() => freshOrg());

    it('creates the site exactly as the guide says, with the current user as contact and owner, and prints its URL', async () => {
      const r = await sf([]);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.include({
        ...GUIDE_SITE,
        siteAdmin: org.username,
        siteGuestRecordDefaultOwner: org.username,
      });
      const [site] = org.records('Site');
      expect(site).to.include({ Name: 'VoiceConnector', Status: 'Active' });
      expect(org.records('User').find((u) => u.Id === site.GuestUserId)).to.include({
        IsActive: true,
        UserType: 'Guest',
      });
      expect(r.stdout).to.match(/created\s+CustomSite\s+VoiceConnector/);
      expect(r.stdout).to.include(`Site URL: https://${String(org.settings.sitesDomain)}`);
    });
  });
});
