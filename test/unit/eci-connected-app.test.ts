import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { Secret } from '../../src/model/secret.js';
import {
  callbackUrlKeeping,
  commaListKeeping,
  eciConnectedApp,
  eciExternalClientApp,
  type ConsumerCredentials,
} from '../../src/guide/eci-connected-app.js';
import { toWire } from '../../src/org/metadata-codec.js';
import { generateConsumerCredentials, randomAlphanumeric } from '../../src/steps/consumer-credentials.js';
import { EciConnectedAppStep, type EciConnectedAppStepInputs } from '../../src/steps/eci-connected-app.js';
import { FakeCredentialsOrg } from './fake-credentials-org.js';

const MY_DOMAIN = 'https://acme.my.salesforce.com';
const CALLBACK = `${MY_DOMAIN}/services/authcallback/ECI_Auth_Provider`;
const base = {
  contactEmail: 'admin@acme.com',
  profiles: ['System Administrator', 'Standard User'],
  myDomainUrl: MY_DOMAIN,
};
const KEY = 'K'.repeat(85);
const SECRET = 'S3cr3t'.repeat(10);
const fixed = (): ConsumerCredentials => ({ consumerKey: new Secret(KEY), consumerSecret: new Secret(SECRET) });
const inputs = (over: Partial<EciConnectedAppStepInputs> = {}): EciConnectedAppStepInputs => ({
  contactEmail: 'admin@acme.com',
  profiles: ['System Administrator', 'Standard User'],
  appType: 'auto',
  generateCredentials: fixed,
  ...over,
});
const SPRING_26 = "You can't create a connected app. To create an app, create an external client app instead.";

describe('guide: ECI connected app', () => {
  it('declares every setting of the guide on the Connected App, callback on My Domain', () => {
    const c = eciConnectedApp(base);
    expect(c).to.deep.include({ type: 'ConnectedApp', fullName: 'ECI_Connected_App' });
    expect(c.fields).to.deep.equal({
      contactEmail: 'admin@acme.com',
      label: 'ECI Connected App',
      oauthConfig: {
        callbackUrl: CALLBACK,
        isAdminApproved: true,
        isConsumerSecretOptional: false,
        isSecretRequiredForRefreshToken: true,
        scopes: ['Content', 'Api', 'Web', 'RefreshToken'],
      },
      oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
      profileName: ['System Administrator', 'Standard User'],
    });
    expect(() => toWire('ConnectedApp', c.fields)).to.not.throw();
  });

  it('carries a consumer key and secret only when given, as Secrets', () => {
    const creds = fixed();
    const oauth = eciConnectedApp({ ...base, credentials: creds }).fields.oauthConfig as Record<string, unknown>;
    expect(oauth.consumerKey).to.equal(creds.consumerKey);
    expect(oauth.consumerSecret).to.equal(creds.consumerSecret);
    expect(JSON.stringify(eciConnectedApp({ ...base, credentials: creds })))
      .to.not.include(SECRET)
      .and.not.include(KEY);
  });

  it('declares all five External Client App parts with their own enum spellings, and no consumer key or secret', () => {
    const parts = eciExternalClientApp(base);
    expect(parts.map((p) => [p.type, p.fullName])).to.deep.equal([
      ['ExternalClientApplication', 'ECI_Connected_App'],
      ['ExtlClntAppOauthSettings', 'ECI_Connected_App_oauth'],
      ['ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbloauth'],
      ['ExtlClntAppOauthConfigurablePolicies', 'ECI_Connected_App_oauthPlcy'],
      ['ExtlClntAppConfigurablePolicies', 'ECI_Connected_App_plcy'],
    ]);
    expect(parts[1].fields.commaSeparatedOauthScopes).to.equal('Content, Api, Web, RefreshToken');
    expect(parts[2].fields).to.deep.include({
      callbackUrl: CALLBACK,
      isConsumerSecretOptional: false,
      isSecretRequiredForRefreshToken: true,
    });
    expect(parts[2].fields).to.not.have.property('consumerKey');
    expect(parts[2].fields).to.not.have.property('consumerSecret');
    expect(parts[3].fields).to.deep.include({
      commaSeparatedProfile: 'System Administrator, Standard User',
      ipRelaxationPolicyType: 'Bypass',
      permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
      refreshTokenPolicyType: 'SpecificLifetime',
      refreshTokenValidityPeriod: 365,
      refreshTokenValidityUnit: 'Days',
    });
    expect(parts[4].fields).to.deep.include({
      externalClientApplication: 'ECI_Connected_App',
      isEnabled: true,
      isOauthPluginEnabled: true,
    });
    for (const p of parts) expect(() => toWire(p.type, p.fields)).to.not.throw();
  });

  it("keeps the names of the parts the org has (an app made in Setup), and its profiles when they already hold the guide's", () => {
    const parts = eciExternalClientApp(base, {
      header: { label: 'ECI Connected App' },
      parts: {
        ExtlClntAppGlobalOauthSettings: {
          fullName: 'ECI_Connected_App_glbl_setup1',
          fields: { callbackUrl: 'https://other.example.com/cb' },
        },
        ExtlClntAppOauthConfigurablePolicies: {
          fullName: 'P_setup1',
          fields: { commaSeparatedProfile: 'Standard User,System Administrator,Custom: Sales' },
        },
      },
    });
    expect(parts.map((p) => p.fullName)).to.deep.equal([
      'ECI_Connected_App',
      'ECI_Connected_App_oauth',
      'ECI_Connected_App_glbl_setup1',
      'P_setup1',
      'ECI_Connected_App_plcy',
    ]);
    expect(parts[2].fields.callbackUrl).to.equal(`https://other.example.com/cb\n${CALLBACK}`);
    expect(parts[3].fields.commaSeparatedProfile).to.equal('Standard User,System Administrator,Custom: Sales');
  });

  it("replaces the guide's dummy callback URL and keeps the admin's other callback URLs", () => {
    expect(callbackUrlKeeping('https://dummy_url/services/authcallback/ECI_Auth_Provider', CALLBACK)).to.equal(
      CALLBACK,
    );
    expect(callbackUrlKeeping(`https://other.example.com/cb\n${CALLBACK}`, CALLBACK)).to.equal(
      `https://other.example.com/cb\n${CALLBACK}`,
    );
    expect(callbackUrlKeeping('https://other.example.com/cb', CALLBACK)).to.equal(
      `https://other.example.com/cb\n${CALLBACK}`,
    );
    expect(callbackUrlKeeping(undefined, CALLBACK)).to.equal(CALLBACK);
  });

  it("keeps comma-separated lists that already hold the guide's entries, and adds the missing ones", () => {
    expect(commaListKeeping('Standard User,System Administrator', ['System Administrator', 'Standard User'])).to.equal(
      'Standard User,System Administrator',
    );
    expect(commaListKeeping('Custom: Sales', ['Standard User'])).to.equal('Custom: Sales, Standard User');
  });
});

describe('consumer credentials', () => {
  it("are random alphanumerics within the platform's lengths", () => {
    const { consumerKey, consumerSecret } = generateConsumerCredentials();
    expect(consumerKey.reveal()).to.match(/^[A-Za-z0-9]{85}$/);
    expect(consumerSecret.reveal()).to.match(/^[A-Za-z0-9]{64}$/);
    expect(generateConsumerCredentials().consumerSecret.reveal()).to.not.equal(consumerSecret.reveal());
    expect(String(consumerSecret)).to.equal('********');
  });

  it('refuses lengths the platform refuses', () => {
    expect(() => randomAlphanumeric(7)).to.throw(RangeError);
    expect(() => randomAlphanumeric(257)).to.throw(RangeError);
    expect(randomAlphanumeric(256)).to.have.length(256);
  });
});

describe('step: ECI connected app', () => {
  it('refuses an unknown profile before writing anything', async () => {
    const org = new FakeCredentialsOrg();
    try {
      await EciConnectedAppStep.execute(
        inputs({ profiles: ['System Administrator', 'Nobody Profile'] }),
        org.context(),
      );
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('UnknownProfileError');
      expect((error as SfError).message).to.include('"Nobody Profile"');
      expect((error as SfError).actions?.join(' ')).to.include('--profile');
    }
    expect(org.writes).to.have.length(0);
  });

  it('creates a Connected App with a generated key and secret where the org allows it, and hands them over', async () => {
    const org = new FakeCredentialsOrg();
    const ctx = org.context();
    const outcome = await EciConnectedAppStep.execute(inputs(), ctx);
    expect(outcome.details).to.deep.include({
      appKind: 'ConnectedApp',
      credentialsGenerated: true,
      callbackUrl: CALLBACK,
    });
    expect(outcome.components.map((c) => [c.type, c.status])).to.deep.equal([['ConnectedApp', 'created']]);
    const sent = org.writes[0].fields.oauthConfig as Record<string, unknown>;
    expect(sent).to.deep.include({ consumerKey: KEY, consumerSecret: SECRET, callbackUrl: CALLBACK });
    expect(ctx.handoff.eciAppCredentials).to.deep.equal(fixed());
    expect(JSON.stringify(outcome)).to.not.include(SECRET).and.not.include(KEY);
  });

  it('falls back to an External Client App when the org refuses new Connected Apps: all parts in one deploy, handed on as made in this run', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    const ctx = org.context();
    const outcome = await EciConnectedAppStep.execute(inputs(), ctx);
    expect(outcome.details.appKind).to.equal('ExternalClientApplication');
    expect(outcome.details.fallbackReason).to.equal(SPRING_26);
    expect(outcome.details.credentialsGenerated).to.equal(false);
    expect(outcome.warnings.join(' ')).to.include('External Client App').and.include(SPRING_26);
    expect(outcome.components.map((c) => [c.type, c.status])).to.deep.equal([
      ['ExternalClientApplication', 'created'],
      ['ExtlClntAppOauthSettings', 'created'],
      ['ExtlClntAppGlobalOauthSettings', 'created'],
      ['ExtlClntAppOauthConfigurablePolicies', 'created'],
      ['ExtlClntAppConfigurablePolicies', 'created'],
    ]);
    expect(org.deploys).to.have.length(1);
    expect(org.deploys[0]).to.have.length(5);
    const global = org.get('ExtlClntAppGlobalOauthSettings', 'ECI_Connected_App_glbloauth')!;
    expect(global).to.not.have.property('consumerKey');
    expect(global).to.not.have.property('consumerSecret');
    expect(org.get('ConnectedApp', 'ECI_Connected_App')).to.equal(undefined);
    // The org's own key and secret are read by the ECI auth provider step, once the org lists the new app.
    expect(ctx.handoff).to.deep.equal({ eciExternalClientAppCreated: true });
    expect(org.restCalls).to.deep.equal([]);
  });

  it('auto: global OAuth settings refused for their access rules name the setting and permission, not "both kinds"', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    org.refuseCreate.set('ExtlClntAppGlobalOauthSettings', 'INSUFFICIENT_ACCESS: insufficient access rights');
    try {
      await EciConnectedAppStep.execute(inputs(), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('OAuthSettingsAccessError');
      expect((error as SfError).message)
        .to.include('Allow Access to OAuth Consumer Secrets via Metadata API')
        .and.include('View External Client Apps Consumer Secrets in Metadata')
        .and.not.include('both kinds');
    }
  });

  it("a refused part fails the one deploy as a whole: nothing half-made, one error naming the part's refusal; a re-run finishes", async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    org.refuseCreate.set('ExtlClntAppOauthConfigurablePolicies', 'Invalid profile');
    try {
      await EciConnectedAppStep.execute(inputs(), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('BothAppKindsRefusedError');
      expect((error as SfError).message).to.include('Invalid profile');
      const components = ((error as SfError).data as { components: Array<{ type: string; status: string }> })
        .components;
      expect(components.map((c) => [c.type, c.status])).to.deep.equal([
        ['ExternalClientApplication', 'skipped'],
        ['ExtlClntAppOauthSettings', 'skipped'],
        ['ExtlClntAppGlobalOauthSettings', 'skipped'],
        ['ExtlClntAppOauthConfigurablePolicies', 'failed'],
        ['ExtlClntAppConfigurablePolicies', 'skipped'],
      ]);
    }
    expect(org.get('ExternalClientApplication', 'ECI_Connected_App')).to.equal(undefined);

    org.refuseCreate.delete('ExtlClntAppOauthConfigurablePolicies');
    const second = await EciConnectedAppStep.execute(inputs(), org.context());
    expect(second.components.every((c) => c.status === 'created')).to.equal(true);
  });

  it('updates an app made in Setup through its own parts, never adding a second part of a type', async () => {
    const org = new FakeCredentialsOrg()
      .seed('ExternalClientApplication', 'ECI_Connected_App', {
        contactEmail: 'admin@acme.com',
        distributionState: 'Local',
        label: 'ECI Connected App',
      })
      .seed('ExtlClntAppOauthSettings', 'S_oauth', {
        commaSeparatedOauthScopes: 'Api, Web, RefreshToken, Content',
        externalClientApplication: 'ECI_Connected_App',
      })
      .seed('ExtlClntAppGlobalOauthSettings', 'S_glbl', {
        callbackUrl: 'https://dummy_url/services/authcallback/ECI_Auth_Provider',
        consumerKey: 'SetupKey123',
        externalClientApplication: 'ECI_Connected_App',
        isConsumerSecretOptional: false,
        isPkceRequired: false,
        isSecretRequiredForRefreshToken: true,
      })
      .seed('ExtlClntAppOauthConfigurablePolicies', 'S_plcy', {
        commaSeparatedProfile: 'System Administrator, Standard User',
        externalClientApplication: 'ECI_Connected_App',
        ipRelaxationPolicyType: 'Bypass',
        permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
        refreshTokenPolicyType: 'SpecificLifetime',
        refreshTokenValidityPeriod: 365,
        refreshTokenValidityUnit: 'Days',
      })
      .seed('ExtlClntAppConfigurablePolicies', 'S_default', {
        externalClientApplication: 'ECI_Connected_App',
        isEnabled: true,
        isOauthPluginEnabled: true,
      })
      .seed('ExtlClntAppOauthSettings', 'Other_oauth', {
        commaSeparatedOauthScopes: 'Api',
        externalClientApplication: 'Other_App',
      });
    const outcome = await EciConnectedAppStep.execute(inputs(), org.context());
    expect(outcome.details.appKind).to.equal('ExternalClientApplication');
    // Only the callback URL differs: the whole app in one deploy (its own parts, each as the org has it), no key.
    expect(outcome.components.map((c) => [c.name, c.status])).to.deep.equal([
      ['ECI_Connected_App', 'unchanged'],
      ['S_oauth', 'unchanged'],
      ['S_glbl', 'updated'],
      ['S_plcy', 'unchanged'],
      ['S_default', 'unchanged'],
    ]);
    expect(org.deploys).to.deep.equal([
      [
        'ExternalClientApplication:ECI_Connected_App',
        'ExtlClntAppOauthSettings:S_oauth',
        'ExtlClntAppGlobalOauthSettings:S_glbl',
        'ExtlClntAppOauthConfigurablePolicies:S_plcy',
        'ExtlClntAppConfigurablePolicies:S_default',
      ],
    ]);
    const sent = (type: string): Record<string, unknown> => org.writes.find((w) => w.type === type)!.fields;
    expect(sent('ExtlClntAppGlobalOauthSettings')).to.not.have.property('consumerKey');
    expect(sent('ExtlClntAppGlobalOauthSettings').callbackUrl).to.equal(CALLBACK);
    expect(sent('ExtlClntAppOauthConfigurablePolicies').commaSeparatedProfile).to.equal(
      'System Administrator, Standard User',
    );
    expect(org.writes.map((w) => w.fullName)).to.not.include('Other_oauth');
  });

  it('with an existing Connected App, reads no External Client App type (an org with them off faults)', async () => {
    const org = new FakeCredentialsOrg().seed('ConnectedApp', 'ECI_Connected_App', {
      contactEmail: 'admin@acme.com',
      label: 'ECI Connected App',
      oauthConfig: {
        callbackUrl: CALLBACK,
        isAdminApproved: true,
        isConsumerSecretOptional: false,
        isSecretRequiredForRefreshToken: true,
        scopes: ['Content', 'Api', 'Web', 'RefreshToken'],
      },
      oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
      profileName: ['System Administrator', 'Standard User'],
    });
    org.externalClientAppsOff = true;
    const outcome = await EciConnectedAppStep.execute(inputs(), org.context());
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    expect(org.typesRead.filter((t) => t !== 'ConnectedApp')).to.deep.equal([]);
  });

  it('with --app-type external-client-app on an org with them off: an error that names what to turn on, nothing written', async () => {
    const org = new FakeCredentialsOrg();
    org.externalClientAppsOff = true;
    try {
      await EciConnectedAppStep.execute(inputs({ appType: 'external-client-app' }), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('ExternalClientAppsUnavailableError');
      expect((error as SfError).message).to.include('not available for this organization');
      expect((error as SfError).actions?.join(' '))
        .to.include('Setup > External Client App Settings')
        .and.include('View All External Client Apps');
    }
    expect(org.writes).to.have.length(0);
  });

  it('takes the block arriving as a whole-call fault for what it is, and falls back', async () => {
    const org = new FakeCredentialsOrg();
    const upsert = org.upsertMetadata.bind(org);
    org.upsertMetadata = async (type, items) => {
      if (type === 'ConnectedApp')
        // As the org layer's fault policy gives a whole-call refusal: its class and the platform's code.
        throw new SfError(`Salesforce refused upsertMetadata ConnectedApp: ${SPRING_26}`, 'ApiCallError').setData({
          errorCode: 'INVALID_OPERATION',
          fault: 'refused',
        });
      return upsert(type, items);
    };
    const outcome = await EciConnectedAppStep.execute(inputs(), org.context());
    expect(outcome.details.appKind).to.equal('ExternalClientApplication');
    expect(outcome.details.fallbackReason).to.include(SPRING_26);
  });

  it('reports any other Connected App refusal as it is, without making an External Client App instead', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', 'Invalid email address: ops@');
    try {
      await EciConnectedAppStep.execute(inputs(), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('ConnectedAppRefusedError');
      expect((error as SfError).message).to.include('Invalid email address');
      // Not recognised as the block: the way out, should it be one in other words, is to ask for the External Client App.
      expect((error as SfError).actions?.join(' ')).to.include('--app-type external-client-app');
    }
    expect(org.get('ExternalClientApplication', 'ECI_Connected_App')).to.equal(undefined);
    expect(org.writes.map((w) => w.type)).to.not.include('ExternalClientApplication');
  });

  it('with --app-type connected-app, a refusal is an error that names the cause and the way out', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    try {
      await EciConnectedAppStep.execute(inputs({ appType: 'connected-app' }), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('ConnectedAppRefusedError');
      expect((error as SfError).message).to.include(SPRING_26);
      expect((error as SfError).actions?.join(' ')).to.include('--app-type');
    }
    expect(org.writes).to.have.length(0);
  });

  it('an org that refuses both kinds ends in one error naming both causes, with nothing half-made', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    org.refuseCreate.set('ExternalClientApplication', 'External client apps are not enabled in this org.');
    try {
      await EciConnectedAppStep.execute(inputs(), org.context());
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('BothAppKindsRefusedError');
      expect((error as SfError).message)
        .to.include(SPRING_26)
        .and.include('not enabled');
      expect((error as SfError).actions?.join(' ')).to.include('External Client App Settings');
    }
    expect(org.writes).to.have.length(0);
  });

  it("updates an existing Connected App in place: no consumer key sent, admin's profiles and callback URLs kept", async () => {
    const org = new FakeCredentialsOrg().seed('ConnectedApp', 'ECI_Connected_App', {
      contactEmail: 'old@acme.com',
      label: 'ECI Connected App',
      oauthConfig: {
        callbackUrl: 'https://dummy_url/services/authcallback/ECI_Auth_Provider\nhttps://other.example.com/cb',
        consumerKey: 'EXISTINGKEY123',
        isAdminApproved: true,
        isConsumerSecretOptional: false,
        isSecretRequiredForRefreshToken: true,
        scopes: ['Api', 'Web', 'RefreshToken', 'Content', 'Chatter'],
      },
      oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
      profileName: ['Sales Manager', 'System Administrator', 'Standard User'],
    });
    org.refuseCreate.set('ConnectedApp', SPRING_26); // Spring '26 orgs still update existing apps
    const ctx = org.context();
    const outcome = await EciConnectedAppStep.execute(inputs(), ctx);
    expect(outcome.details).to.deep.include({ appKind: 'ConnectedApp', credentialsGenerated: false });
    expect(outcome.components[0].status).to.equal('updated');
    expect(outcome.components[0].changes.map((c) => c.field).sort()).to.deep.equal([
      'contactEmail',
      'oauthConfig.callbackUrl',
    ]);
    const sent = org.writes[0].fields;
    expect((sent.oauthConfig as Record<string, unknown>).consumerKey).to.equal(undefined);
    expect((sent.oauthConfig as Record<string, unknown>).callbackUrl).to.equal(
      `https://other.example.com/cb\n${CALLBACK}`,
    );
    expect(sent.profileName).to.deep.equal(['Sales Manager', 'System Administrator', 'Standard User']);
    expect((sent.oauthConfig as Record<string, unknown>).scopes).to.include('Chatter');
    expect(ctx.handoff.eciAppCredentials).to.equal(undefined);
  });

  it('a second run is unchanged and writes nothing', async () => {
    const org = new FakeCredentialsOrg();
    org.refuseCreate.set('ConnectedApp', SPRING_26);
    await EciConnectedAppStep.execute(inputs(), org.context());
    const writes = org.writes.length;
    const again = await EciConnectedAppStep.execute(
      inputs({ generateCredentials: () => expect.fail('no new credentials') as never }),
      org.context(),
    );
    expect(again.components.every((c) => c.status === 'unchanged')).to.equal(true);
    expect(again.details.appKind).to.equal('ExternalClientApplication');
    expect(org.writes.length).to.equal(writes);
    expect(org.deploys).to.have.length(1);
  });

  it('a dry run writes nothing and says a refusal would lead to an External Client App', async () => {
    const org = new FakeCredentialsOrg();
    const outcome = await EciConnectedAppStep.execute(inputs(), org.context({ dryRun: true }));
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['planned']);
    expect(outcome.warnings.join(' ')).to.include('External Client App');
    expect(org.writes).to.have.length(0);
  });
});
