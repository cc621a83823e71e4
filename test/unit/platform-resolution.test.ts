import { expect } from 'chai';
import { resolveRingCentralPlatform } from '../../src/cli/flags.js';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import type { OrgAccess } from '../../src/org/org-access.js';

const orgWith = (tokenUrl?: string): OrgAccess =>
  ({ readMetadata: async () => [tokenUrl ? { exists: true, fields: { tokenUrl } } : { exists: false }] }) as unknown as OrgAccess;

describe('the RingCentral platform to configure', () => {
  it('is the one the flags name, whatever the org has', async () => {
    const p = await resolveRingCentralPlatform(ringCentralPlatform('production'), orgWith('https://platform.devtest.ringcentral.com/restapi/oauth/token'), () => {});
    expect(p).to.deep.equal(ringCentralPlatform('production'));
  });

  it('without flags, is the one the existing auth provider points at (a re-run never moves a setup), with the sandbox warning', async () => {
    const warnings: string[] = [];
    const p = await resolveRingCentralPlatform(undefined, orgWith('https://platform.devtest.ringcentral.com/restapi/oauth/token'), (m) => warnings.push(m));
    expect(p.environment).to.equal('sandbox');
    expect(warnings.join(' ')).to.include('retiring');
    const brand = await resolveRingCentralPlatform(undefined, orgWith('https://platform.ringcentral.biz/restapi/oauth/token'), () => {});
    expect(brand).to.deep.equal({ environment: 'custom', server: 'https://platform.ringcentral.biz' });
  });

  it('without flags and without an auth provider, is production', async () => {
    expect(await resolveRingCentralPlatform(undefined, orgWith(), () => {})).to.deep.equal(ringCentralPlatform('production'));
  });
});
