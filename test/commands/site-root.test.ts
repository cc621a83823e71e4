/*
 * The VoiceConnector site's root, in process against the simulated org: a site domain holds one site per path, its root
 * included, but only sites on the Salesforce Sites domain share it. An Experience Cloud site (a ChatterNetwork and
 * ChatterNetworkPicasso pair on .my.site.com) at the root of its own domain is no conflict; a Visualforce one is.
 */
import { expect } from 'chai';
import Site from '../../src/commands/eci/ringcentral/site.js';
import {
  addExperienceCloudSite,
  installVoiceConnector,
  voiceConnectorSiteRecord,
} from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

describe('in process: the VoiceConnector site and the root of the Sites domain', function () {
  this.timeout(60_000);
  let env: InProcess | undefined;
  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  const site = () => env!.org.records('Site').find((s) => s.Name === 'VoiceConnector');

  it('an Experience Cloud site at its own root is no conflict: the site is made at the root of the Sites domain', async () => {
    env = await InProcess.start({
      prepare: (org) => {
        installVoiceConnector(org);
        addExperienceCloudSite(org);
      },
    });
    const r = await env.run(Site, ['-o', env.username, '--json']);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(site()).to.include({ Status: 'Active', SiteType: 'Visualforce', UrlPathPrefix: null });
  });

  it('a Salesforce Site at the root is one: refused before any write, naming --url-path-prefix', async () => {
    env = await InProcess.start({
      prepare: (org) => {
        installVoiceConnector(org);
        org.seedMetadata('CustomSite', voiceConnectorSiteRecord({ fullName: 'Main_Site', masterLabel: 'Main Site' }));
      },
    });
    const writes = env.org.writes().length;
    const r = await env.run(Site, ['-o', env.username, '--json']);
    expect(r.error?.name).to.equal('RootSiteTakenError');
    expect(r.error?.message).to.include('Main_Site');
    expect(r.error?.actions?.join(' ')).to.include('--url-path-prefix');
    expect(env.org.writes().length).to.equal(writes);
    expect(site()).to.equal(undefined);
  });
});
