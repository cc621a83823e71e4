/*
 * The simulator's rotation rules: staged OAuth credentials of a local External Client App (oauth-staged.ts), what a
 * token refreshes with (tokens.ts), and a refreshed sandbox (sandbox.ts). Each rule once.
 */
import { expect } from 'chai';
import { SimulatedOrg } from './index.js';
import { rest } from './helpers.js';
import { APP, eciNamedCredentialRecord, eciSetupSeed, KEY, SECRET } from './external-client-app-seed.js';
import { ONE_STAGED_MESSAGE, NOT_ACTIVE_MESSAGE } from './oauth-staged.js';
import { SECRET_ACCESS_MESSAGE, VIEW_CLIENT_SECRET_MESSAGE } from './oauth-credentials.js';
import { calloutCheckApex } from '../../src/org/callout-check.js';
import { executeAnonymous } from './apex.js';
import type { SimContext } from './server.js';

const ECI_NC = eciNamedCredentialRecord();

/** An org with the ECI app (made in Setup), its auth provider holding the app's key and secret, and the ECI credential. */
const eciOrg = (settings: Record<string, unknown> = {}): Promise<SimulatedOrg> =>
  SimulatedOrg.start({ seed: eciSetupSeed(settings) });

const ids = (org: SimulatedOrg): { app: string; consumer: string } => ({
  app: org.listMetadataProperties('ExternalClientApplication', APP)!.id,
  consumer: org.state.metadata.list('ExtlClntAppGlobalOauthSettings')[0].id,
});
const stagedPath = (org: SimulatedOrg, version = '65.0'): string =>
  `/services/data/v${version}/apps/oauth/credentials/${ids(org).app}/${ids(org).consumer}/staged`;

describe('sim: staged OAuth credentials of a local External Client App', () => {
  let org: SimulatedOrg;
  afterEach(async () => org.stop());

  it('exist from API 65.0 on, and only with consumer secrets over REST allowed', async () => {
    org = await eciOrg({ clientSecretInRestApiAccess: false });
    expect((await rest(org, 'POST', stagedPath(org, '64.0'), {})).status).to.equal(404);
    const off = await rest(org, 'POST', stagedPath(org), {});
    expect(off.status).to.equal(403);
    expect(off.json[0]).to.include({ errorCode: 'FUNCTIONALITY_NOT_ENABLED', message: SECRET_ACCESS_MESSAGE });
    expect(org.stagedCredentials(APP)).to.equal(undefined);
  });

  it('answer a secret, so only a user with View Client Secret may use them', async () => {
    org = await eciOrg({ userPermissions: { ViewClientSecret: false } });
    const refused = await rest(org, 'POST', stagedPath(org), {});
    expect(refused.status).to.equal(403);
    expect(refused.json[0]).to.include({ errorCode: 'INSUFFICIENT_ACCESS', message: VIEW_CLIENT_SECRET_MESSAGE });
    expect(org.stagedCredentials(APP)).to.equal(undefined);
  });

  it('apply to local apps only: a packaged one is not found', async () => {
    org = await eciOrg();
    org.state.metadata.list('ExternalClientApplication')[0].record.distributionState = 'Packaged';
    expect((await rest(org, 'POST', stagedPath(org), {})).status).to.equal(404);
  });

  it('stage a new key and secret next to the primary ones (one at a time), rotate, then retire the former', async () => {
    org = await eciOrg();
    expect((await rest(org, 'GET', stagedPath(org))).status).to.equal(404);
    const staged = await rest(org, 'POST', stagedPath(org), {});
    expect(staged.status).to.equal(201);
    const item = staged.json.stagedCredentials[0] as { id: string; key: string; secret: string; state: string };
    expect(item.state).to.equal('Active');
    expect(item.key).to.not.equal(KEY);
    expect(org.consumerCredentials(APP)).to.include({ consumerKey: KEY, consumerSecret: SECRET });
    const again = await rest(org, 'POST', stagedPath(org), {});
    expect(again.status).to.equal(400);
    expect(again.json[0].message).to.equal(ONE_STAGED_MESSAGE);

    expect((await rest(org, 'PATCH', `${stagedPath(org)}/${item.id}`, { command: 'swap' })).status).to.equal(400);
    const rotated = await rest(org, 'PATCH', `${stagedPath(org)}/${item.id}`, { command: 'rotate' });
    expect(rotated.status).to.equal(200);
    expect(rotated.json).to.include({ state: 'Rotated', key: KEY, secret: SECRET });
    expect(org.consumerCredentials(APP)).to.include({ consumerKey: item.key, consumerSecret: item.secret });
    const back = await rest(org, 'PATCH', `${stagedPath(org)}/${item.id}`, { command: 'rotate' });
    expect(back.json[0].message).to.equal(NOT_ACTIVE_MESSAGE);

    expect((await rest(org, 'DELETE', `${stagedPath(org)}/${item.id}`)).status).to.equal(204);
    expect(org.stagedCredentials(APP)).to.equal(undefined);
    expect(org.writes().map((c) => c.operation)).to.deep.equal([
      'oauthStage',
      'oauthStage',
      'oauthStagedRotate',
      'oauthStagedRotate',
      'oauthStagedRotate',
      'oauthStagedDelete',
    ]);
  });

  it('expire 30 days after they were staged', async () => {
    org = await eciOrg();
    await rest(org, 'POST', stagedPath(org), {});
    org.state.staged.forEach((s) => (s.expirationDate = new Date(Date.now() - 1000).toISOString()));
    expect(org.stagedCredentials(APP)).to.equal(undefined);
    expect((await rest(org, 'GET', stagedPath(org))).status).to.equal(404);
  });
});

describe('sim: what a token refreshes with', () => {
  let org: SimulatedOrg;
  afterEach(async () => org.stop());

  it('an ECI token is bound to its key: it works while that key lives and the provider presents it', async () => {
    org = await eciOrg();
    org.giveConsent('ECI_Named_Credential');
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    const { json } = await rest(org, 'POST', stagedPath(org), {});
    const staged = json.stagedCredentials[0] as { id: string; key: string; secret: string };
    await rest(org, 'PATCH', `${stagedPath(org)}/${staged.id}`, { command: 'rotate' });
    // The former key is Rotated, still valid: the provider still presents it, the token still refreshes.
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    org.editInSetup('AuthProvider', 'ECI_Auth_Provider', { consumerKey: staged.key, consumerSecret: staged.secret });
    // Another key than the token's: a new consent is needed.
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(false);
    org.giveConsent('ECI_Named_Credential');
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    await rest(org, 'DELETE', `${stagedPath(org)}/${staged.id}`);
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
  });

  it('retiring the key a provider still presents breaks its token, and the consent then fails too', async () => {
    org = await eciOrg();
    org.settings.authorizedNamedCredentials = ['ECI_Named_Credential'];
    const { json } = await rest(org, 'POST', stagedPath(org), {});
    const staged = json.stagedCredentials[0] as { id: string };
    await rest(org, 'PATCH', `${stagedPath(org)}/${staged.id}`, { command: 'rotate' });
    await rest(org, 'DELETE', `${stagedPath(org)}/${staged.id}`);
    expect(org.tokenRefreshes('ECI_Named_Credential')).to.equal(false);
    expect(() => org.giveConsent('ECI_Named_Credential')).to.throw(/invalid_client_id/);
  });

  it('a RingCentral token refreshes only with the secret RingCentral accepts now (once linked)', async () => {
    org = await SimulatedOrg.start({
      seed: {
        metadata: [
          {
            type: 'AuthProvider',
            record: {
              fullName: 'Ring_Central',
              authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
              consumerKey: 'rcClientId',
              consumerSecret: 'rcOldSecret1',
              friendlyName: 'Ring Central',
              providerType: 'OpenIdConnect',
              tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
            },
          },
          {
            type: 'NamedCredential',
            record: {
              ...ECI_NC,
              fullName: 'Ring_Central',
              authProvider: 'Ring_Central',
              endpoint: 'https://platform.ringcentral.com',
            },
          },
        ],
      },
    });
    const app = { clientSecret: 'rcOldSecret1' };
    org.linkRingCentral({ app: (id) => (id === 'rcClientId' ? app : undefined) });
    org.giveConsent('Ring_Central');
    app.clientSecret = 'rcNewSecret2';
    const ctx = { state: org.state, call: {} } as unknown as SimContext;
    const callout = (): boolean =>
      executeAnonymous(ctx, calloutCheckApex('Ring_Central', '/restapi/v1.0/account/~/extension/~')).success;
    expect(callout()).to.equal(false);
    org.editInSetup('AuthProvider', 'Ring_Central', { consumerSecret: 'rcNewSecret2' });
    expect(callout()).to.equal(true);
  });
});

describe('sim: a refreshed sandbox', () => {
  let prod: SimulatedOrg;
  let sandbox: SimulatedOrg;
  afterEach(async () => {
    await sandbox.stop();
    await prod.stop();
  });

  it("is a copy on its own My Domain: production's URLs and keys, no local External Client App, no token, no usable secret", async () => {
    prod = await eciOrg({ authorizedNamedCredentials: ['ECI_Named_Credential'] });
    sandbox = await SimulatedOrg.start({ sandboxOf: { org: prod } });
    expect(sandbox.instanceUrl).to.not.equal(prod.instanceUrl);
    expect(sandbox.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
    expect(sandbox.listMetadataNames('ExtlClntAppGlobalOauthSettings')).to.deep.equal([]);
    const provider = sandbox.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!;
    expect(provider.consumerKey).to.equal(KEY);
    expect(provider.consumerSecret).to.not.equal(SECRET);
    expect(sandbox.getMetadata('NamedCredential', 'ECI_Named_Credential')?.endpoint).to.equal(ECI_NC.endpoint);
    expect(sandbox.settings.authorizedNamedCredentials).to.deep.equal([]);
    expect(sandbox.records('NamedCredential').map((r) => r.Id)).to.deep.equal(
      prod.records('NamedCredential').map((r) => r.Id),
    );
  });

  it("variant 'app-unusable': the app is there with an OAuth consumer whose key is not production's", async () => {
    prod = await eciOrg();
    sandbox = await SimulatedOrg.start({ sandboxOf: { org: prod, variant: 'app-unusable' } });
    expect(sandbox.listMetadataNames('ExternalClientApplication')).to.deep.equal([APP]);
    expect(sandbox.consumerCredentials(APP)?.consumerKey).to.not.equal(KEY);
    expect(() => sandbox.giveConsent('ECI_Named_Credential')).to.throw(/invalid_client/);
  });
});
