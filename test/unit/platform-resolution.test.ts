import { expect } from 'chai';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import type { CurrentState } from '../../src/model/component.js';
import { resolveRingCentralPlatform } from '../../src/steps/ringcentral-platform.js';

const providerWith = (tokenUrl?: string): CurrentState =>
  tokenUrl ? { exists: true, fields: { tokenUrl } } : { exists: false };

describe('the RingCentral platform to configure', () => {
  it('is the one the flags name, whatever the org has', () => {
    const { platform } = resolveRingCentralPlatform(
      ringCentralPlatform('production'),
      providerWith('https://platform.devtest.ringcentral.com/restapi/oauth/token'),
    );
    expect(platform).to.deep.equal(ringCentralPlatform('production'));
  });

  it('without flags, is the one the existing auth provider points at (a re-run never moves a setup), with the sandbox warning', () => {
    const { platform, warnings } = resolveRingCentralPlatform(
      undefined,
      providerWith('https://platform.devtest.ringcentral.com/restapi/oauth/token'),
    );
    expect(platform.environment).to.equal('sandbox');
    expect(warnings.join(' ')).to.include('retiring');
    const brand = resolveRingCentralPlatform(
      undefined,
      providerWith('https://platform.ringcentral.biz/restapi/oauth/token'),
    );
    expect(brand.platform).to.deep.equal({ environment: 'custom', server: 'https://platform.ringcentral.biz' });
    expect(brand.warnings).to.deep.equal([]);
  });

  it('without flags and without an auth provider, is production', () => {
    expect(resolveRingCentralPlatform(undefined, providerWith()).platform).to.deep.equal(
      ringCentralPlatform('production'),
    );
  });
});
