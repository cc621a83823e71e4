import { expect } from 'chai';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import { stepInputs } from '../../src/verify/discover.js';

describe('verify: the inputs each step is checked with', () => {
  it('takes what the guide leaves to the admin from the org: client id, platform, contact email, profiles, site users', () => {
    const inputs = stepInputs(
      {
        ringCentralAuthProvider: { consumerKey: 'Cid1', tokenUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/token' },
        externalClientApp: { contactEmail: 'ops@acme.com' },
        externalClientAppPolicies: { commaSeparatedProfile: 'System Administrator' },
        site: { siteAdmin: 'a@acme.com', siteGuestRecordDefaultOwner: 'b@acme.com' },
      },
      {}
    );
    expect(inputs['ringcentral-auth-provider']).to.deep.equal({ clientId: 'Cid1', platform: ringCentralPlatform('sandbox') });
    expect(inputs['eci-connected-app']).to.deep.include({ contactEmail: 'ops@acme.com', profiles: ['System Administrator'], appType: 'external-client-app' });
    expect(inputs['voice-connector-site']).to.deep.equal({ siteContact: 'a@acme.com', recordOwner: 'b@acme.com' });
    expect(inputs['integration-user']).to.equal(undefined);
  });

  it('lets flags decide instead, and defaults to the guide\'s recommended profiles for a missing app', () => {
    const inputs = stepInputs({ connectedApp: { contactEmail: 'x@acme.com', profileName: ['Custom'] } }, { contactEmail: 'y@acme.com', profiles: ['Standard User'], integrationUsername: 'int@acme.com' });
    expect(inputs['eci-connected-app']).to.deep.include({ contactEmail: 'y@acme.com', profiles: ['Standard User'], appType: 'connected-app' });
    expect(inputs['integration-user']).to.deep.equal({ username: 'int@acme.com', permissionSets: [] });
    expect(stepInputs({}, {})['eci-connected-app']?.profiles).to.deep.equal(['System Administrator', 'Standard User']);
  });
});
