/* The flags configure and verify share, turned into each guide step's inputs: the site's URL path prefix. */
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { guideFlagChoices } from '../../src/cli/guide-flags.js';
import { guideInputs, type GuideChoices } from '../../src/steps/guide-inputs.js';

const BASE: GuideChoices = {
  clientId: 'Abc',
  contactEmail: 'a@acme.com',
  profiles: [],
  appType: 'auto',
  guestPermissionSets: [],
};

describe('guide flags: --url-path-prefix', () => {
  it('reaches the site step as urlPathPrefix, checked before any call', () => {
    const chosen = guideFlagChoices({ 'url-path-prefix': '/voiceconnector' });
    expect(chosen.siteUrlPathPrefix).to.equal('voiceconnector');
    expect(guideInputs({ ...BASE, ...chosen })['voice-connector-site']).to.deep.equal({
      urlPathPrefix: 'voiceconnector',
    });
    expect(() => guideFlagChoices({ 'url-path-prefix': 'voice connector' }))
      .to.throw(SfError)
      .with.property('name', 'InvalidUrlPathPrefixError');
  });

  it("left out, the site step keeps the site's own prefix (no input)", () => {
    expect(guideFlagChoices({})).to.not.have.property('siteUrlPathPrefix');
    expect(guideInputs(BASE)['voice-connector-site']).to.deep.equal({});
  });
});
