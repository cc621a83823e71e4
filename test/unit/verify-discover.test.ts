import { expect } from 'chai';
import { ringCentralPlatform } from '../../src/guide/ringcentral-environment.js';
import type { OrgPort } from '../../src/org/port.js';
import { readVerifyFacts, stepInputs } from '../../src/verify/discover.js';
import { FakeCredentialsOrg } from './fake-credentials-org.js';

describe('verify: the inputs each step is checked with', () => {
  it('takes what the guide leaves to the admin from the org: client id, platform, contact email, profiles, site users', () => {
    const inputs = stepInputs(
      {
        ringCentralAuthProvider: {
          consumerKey: 'Cid1',
          tokenUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        },
        externalClientApp: { contactEmail: 'ops@acme.com' },
        externalClientAppPolicies: { commaSeparatedProfile: 'System Administrator' },
        site: { siteAdmin: 'a@acme.com', siteGuestRecordDefaultOwner: 'b@acme.com' },
      },
      {},
    );
    expect(inputs['ringcentral-auth-provider']).to.deep.equal({
      clientId: 'Cid1',
      platform: ringCentralPlatform('sandbox'),
    });
    expect(inputs['eci-connected-app']).to.deep.include({
      contactEmail: 'ops@acme.com',
      profiles: ['System Administrator'],
      appType: 'external-client-app',
    });
    expect(inputs['voice-connector-site']).to.deep.equal({ siteContact: 'a@acme.com', recordOwner: 'b@acme.com' });
    expect(inputs['integration-user']).to.equal(undefined);
  });

  it("lets flags decide instead, and defaults to the guide's recommended profiles for a missing app", () => {
    const inputs = stepInputs(
      { connectedApp: { contactEmail: 'x@acme.com', profileName: ['Custom'] } },
      { contactEmail: 'y@acme.com', profiles: ['Standard User'], integrationUsername: 'int@acme.com' },
    );
    expect(inputs['eci-connected-app']).to.deep.include({
      contactEmail: 'y@acme.com',
      profiles: ['Standard User'],
      appType: 'connected-app',
    });
    expect(inputs['integration-user']).to.deep.equal({ username: 'int@acme.com', permissionSets: [] });
    expect(stepInputs({}, {})['eci-connected-app']?.profiles).to.deep.equal(['System Administrator', 'Standard User']);
  });

  it('reads External Client App parts only without a Connected App, and takes an org without them (INVALID_TYPE) as having none', async () => {
    const withConnectedApp = new FakeCredentialsOrg().seed('ConnectedApp', 'ECI_Connected_App', {
      contactEmail: 'x@acme.com',
    });
    withConnectedApp.externalClientAppsOff = true;
    const facts = await readVerifyFacts(withConnectedApp as unknown as OrgPort);
    expect(facts.connectedApp).to.deep.equal({ contactEmail: 'x@acme.com' });
    expect(withConnectedApp.typesRead.filter((t) => /ExternalClient|ExtlClnt/.test(t))).to.deep.equal([]);

    const none = new FakeCredentialsOrg();
    none.externalClientAppsOff = true;
    const empty = await readVerifyFacts(none as unknown as OrgPort);
    expect(empty.externalClientApp).to.equal(undefined);
    expect(none.typesRead).to.include('ExternalClientApplication');
  });

  it("finds the External Client App's parts by their app, whatever their names", async () => {
    const org = new FakeCredentialsOrg()
      .seed('ExternalClientApplication', 'ECI_Connected_App', { contactEmail: 'ops@acme.com' })
      .seed('ExtlClntAppOauthConfigurablePolicies', 'Setup_plcy1', {
        commaSeparatedProfile: 'Standard User',
        externalClientApplication: 'ECI_Connected_App',
      })
      .seed('ExtlClntAppGlobalOauthSettings', 'Setup_glbl1', {
        callbackUrl: 'https://x/cb',
        externalClientApplication: 'ECI_Connected_App',
      });
    const facts = await readVerifyFacts(org as unknown as OrgPort);
    expect(facts.externalClientAppPolicies).to.deep.include({ commaSeparatedProfile: 'Standard User' });
    expect(facts.externalClientAppGlobalOauth).to.deep.include({ callbackUrl: 'https://x/cb' });
  });
});
