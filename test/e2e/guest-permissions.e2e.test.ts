/*
 * `sf eci ringcentral guest-permissions`, run by the real sf CLI against the simulated org: the assignments. The
 * re-run and the refusals are tested in process (test/commands/guest-permissions.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import {
  assignedSetLabels,
  installVoiceConnector,
  siteGuestUserId,
  voiceConnectorSiteRecord,
} from '../sim/voice-connector-seed.js';
import { commandOf } from '../support/cli-run.js';
import { simulatedOrgAndCli } from './harness.js';

const CMD = ['eci', 'ringcentral', 'guest-permissions', '-o', 'guest'];

describe('e2e: sf eci ringcentral guest-permissions', function () {
  this.timeout(180_000);
  const fixture = simulatedOrgAndCli();
  const sf = commandOf(fixture, CMD);
  let org: SimulatedOrg;

  describe('on an org with the site', () => {
    before(async () => {
      org = await fixture.freshOrg('guest', {
        prepare: (o) => void (installVoiceConnector(o), o.seedMetadata('CustomSite', voiceConnectorSiteRecord())),
      });
    });

    it("assigns the two guide permission sets to the site's guest user", async () => {
      const r = await sf(['--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(assignedSetLabels(org, siteGuestUserId(org))).to.deep.equal([
        'Conversation Insights Integration User',
        'Voice Connector Permission',
      ]);
      expect(r.json.result.guestUser.id).to.equal(siteGuestUserId(org));
      expect(r.json.result.components.map((c: { type: string; status: string }) => [c.type, c.status])).to.deep.equal([
        ['PermissionSetAssignment', 'created'],
        ['PermissionSetAssignment', 'created'],
      ]);
      expect(r.json.result.permissionSets.map((s: { name: string }) => s.name)).to.deep.equal([
        'vcon__VoiceConnectorPermission',
        'ConversationInsightsIntegrationUser',
      ]);
    });
  });
});
