/*
 * The simulator's rules for reading an External Client App's OAuth consumer: the ExternalClientApplication sObject, the
 * usage list, the OAuth credentials API and the setting that guards it (a settings deploy only), the OAuth settings
 * types' access rules, API version floors, Winter '27 (API 68) and an org reached through a custom domain. Each rule
 * once, each test failing without its rule.
 */
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg, SimSeed } from './index.js';
import { deployFiles, deployZip, failuresOf, md, packageXml, rejection, rest, startConnected } from './helpers.js';
import { APP, fullApp, globalOauth, header, KEY, oauthSettings, SECRET } from './external-client-app-seed.js';
import { SECRET_ACCESS_MESSAGE, VIEW_CLIENT_SECRET_MESSAGE } from './oauth-credentials.js';
import { OAUTH_SETTINGS_ACCESS_MESSAGE } from './rules/external-client-app.js';
import { SETTINGS_BY_DEPLOY_MESSAGE } from './rules/settings.js';
import { salesforceEndpointMessage } from './rules/AuthProvider.js';

const seededApp = (settings: SimSeed['settings'] = {}): SimSeed => ({
  settings,
  metadata: [
    { type: 'ExternalClientApplication', record: header() },
    { type: 'ExtlClntAppOauthSettings', record: oauthSettings() },
    { type: 'ExtlClntAppGlobalOauthSettings', record: globalOauth() },
  ],
});

const settingsFile = (fields: string, version = '66.0'): Record<string, string> => ({
  'package.xml': packageXml({ Settings: ['ExternalClientApp'] }, version),
  'settings/ExternalClientApp.settings': `<?xml version="1.0" encoding="UTF-8"?>\n<ExternalClientAppSettings xmlns="http://soap.sforce.com/2006/04/metadata">${fields}</ExternalClientAppSettings>\n`,
});
const REST_ON = '<enableClientSecretInRestApiAccess>true</enableClientSecretInRestApiAccess>';
const REST_OFF = '<enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>';

describe('sim: reading an External Client App’s OAuth consumer', () => {
  let org: SimulatedOrg;
  let conn: Connection;
  afterEach(async () => org?.stop());

  const appId = async (version = '66.0'): Promise<string | undefined> => {
    conn.setApiVersion(version);
    const rows = await conn.query<{ Id: string }>(
      `SELECT Id FROM ExternalClientApplication WHERE DeveloperName = '${APP}'`,
    );
    return rows.records[0]?.Id;
  };
  const credentials = (path: string, version = '66.0'): ReturnType<typeof rest> =>
    rest(org, 'GET', `/services/data/v${version}/apps/oauth/credentials/${path}`);

  it('the ExternalClientApplication sObject: its Id is the app id; unknown before API 56', async () => {
    ({ org, conn } = await startConnected(seededApp()));
    const id = await appId();
    expect(id).to.match(/^0xI/).and.equal(org.state.metadata.get('ExternalClientApplication', APP)!.id);
    const old = await rejection(appId('55.0'));
    expect(old.message).to.contain("sObject type 'ExternalClientApplication' is not supported");
  });

  it('the usage list holds only apps with OAuth usage (seed ["*"]: every app), never a Connected App', async () => {
    ({ org, conn } = await startConnected(seededApp()));
    expect((await rest(org, 'GET', '/services/data/v66.0/apps/oauth/usage')).json.apps).to.deep.equal([]);
    org.settings = { ...org.settings, appsWithOAuthUsage: ['*'] };
    const listed = (await rest(org, 'GET', '/services/data/v66.0/apps/oauth/usage')).json.apps;
    expect(listed.map((a: { developerName: string }) => a.developerName)).to.deep.equal([APP]);
    expect((await rest(org, 'GET', '/services/data/v58.0/apps/oauth/usage')).status).to.equal(404);
  });

  it('every credentials request is refused while REST access to consumer secrets is off', async () => {
    ({ org, conn } = await startConnected(seededApp()));
    const id = (await appId())!;
    const list = await credentials(id);
    expect(list.status).to.equal(403);
    expect(list.json[0]).to.deep.equal({ errorCode: 'FUNCTIONALITY_NOT_ENABLED', message: SECRET_ACCESS_MESSAGE });
    org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
    const consumer = (await credentials(id)).json.consumers[0];
    expect(consumer).to.include({ key: KEY });
    org.settings = { ...org.settings, clientSecretInRestApiAccess: false };
    expect((await credentials(`${id}/${consumer.id}?part=key`)).status).to.equal(403);
  });

  it('with it on: the key; the secret only with View Client Secret; from API 60; a Connected App id is not found', async () => {
    ({ org, conn } = await startConnected(seededApp({ clientSecretInRestApiAccess: true })));
    const id = (await appId())!;
    const consumer = (await credentials(id)).json.consumers[0].id;
    expect((await credentials(`${id}/${consumer}?part=key`)).json).to.deep.equal({ id: consumer, key: KEY });
    expect((await credentials(`${id}/${consumer}?part=keyandsecret`)).json).to.include({ key: KEY, secret: SECRET });
    expect((await credentials(id, '59.0')).status).to.equal(404);
    org.settings = { ...org.settings, userPermissions: { ViewClientSecret: false } };
    const refused = await credentials(`${id}/${consumer}?part=secret`);
    expect(refused.status).to.equal(403);
    expect(refused.json[0]).to.deep.equal({ errorCode: 'INSUFFICIENT_ACCESS', message: VIEW_CLIENT_SECRET_MESSAGE });
    expect((await credentials(`${id}/${consumer}?part=key`)).status).to.equal(200);
    expect((await credentials(org.state.ids.next('0H4'))).status).to.equal(404);
  });

  it('a new app stays unseen for newAppUnseenForReads reads after its deploy: its row and its consumer', async () => {
    ({ org, conn } = await startConnected({
      settings: { newAppUnseenForReads: 2, clientSecretInRestApiAccess: true },
    }));
    await deployZip(conn, deployFiles(fullApp()));
    expect(await appId()).to.equal(undefined);
    const id = org.state.metadata.get('ExternalClientApplication', APP)!.id;
    expect((await credentials(id)).status).to.equal(404);
    expect(await appId()).to.equal(id);
    expect((await credentials(id)).status).to.equal(200);
  });

  describe('"Allow access to External Client App consumer secrets via REST API"', () => {
    it('off by default; a settings deploy turns it on and off; readMetadata shows it', async () => {
      ({ org, conn } = await startConnected());
      const read = async (): Promise<unknown> =>
        (await md(conn).readOne('ExternalClientAppSettings', 'ExternalClientApp')).enableClientSecretInRestApiAccess;
      expect(await read()).to.equal('false');
      expect(String((await deployZip(conn, settingsFile(REST_ON))).success)).to.equal('true');
      expect(org.settings.clientSecretInRestApiAccess).to.equal(true);
      expect(await read()).to.equal('true');
      await deployZip(conn, settingsFile(REST_OFF));
      expect(org.settings.clientSecretInRestApiAccess).to.equal(false);
    });

    it("a check-only deploy changes none of the settings' fields, the REST one or the others", async () => {
      ({ org, conn } = await startConnected());
      const other = '<enablePackageEcaOauthFromDevOrg>true</enablePackageEcaOauthFromDevOrg>';
      expect(String((await deployZip(conn, settingsFile(REST_ON + other), { checkOnly: true })).success)).to.equal(
        'true',
      );
      const settings = await md(conn).readOne('ExternalClientAppSettings', 'ExternalClientApp');
      expect(settings).to.include({
        enableClientSecretInRestApiAccess: 'false',
        enablePackageEcaOauthFromDevOrg: 'false',
      });
      await deployZip(conn, settingsFile(other));
      expect(await md(conn).readOne('ExternalClientAppSettings', 'ExternalClientApp')).to.include({
        enablePackageEcaOauthFromDevOrg: 'true',
      });
    });

    it('CRUD calls cannot change it (only a deploy)', async () => {
      ({ org, conn } = await startConnected());
      const [r] = await md(conn).update('ExternalClientAppSettings', [
        { fullName: 'ExternalClientApp', enableClientSecretInRestApiAccess: true },
      ]);
      expect(r).to.include({ success: false });
      expect(r.errors.map((e) => [e.statusCode, e.message])).to.deep.equal([
        ['INVALID_OPERATION', SETTINGS_BY_DEPLOY_MESSAGE],
      ]);
      expect(org.settings.clientSecretInRestApiAccess).to.equal(false);
    });

    it('the field is API 62.0+: a deploy of 61.0 naming it fails, a read of 61.0 does not show it', async () => {
      ({ org, conn } = await startConnected());
      const r = await deployZip(conn, settingsFile(REST_ON, '61.0'));
      expect(r.success).to.equal(false);
      expect(failuresOf(r)[0].problem).to.contain('enableClientSecretInRestApiAccess');
      expect(org.settings.clientSecretInRestApiAccess).to.equal(false);
      conn.setApiVersion('61.0');
      const read = await md(conn).readOne('ExternalClientAppSettings', 'ExternalClientApp');
      expect(read).to.not.have.property('enableClientSecretInRestApiAccess');
    });
  });

  it('the OAuth settings types: reading them needs the setting and permission of their access rules', async () => {
    ({ org, conn } = await startConnected(seededApp({ userCanReadOAuthSettings: false })));
    expect(await md(conn).readOne('ExternalClientApplication', APP)).to.include({ fullName: APP });
    for (const read of [
      md(conn).readOne('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`),
      md(conn).list([{ type: 'ExtlClntAppOauthSettings' }]),
    ]) {
      const refused = await rejection(read);
      expect(refused.message).to.contain('INSUFFICIENT_ACCESS').and.contain(OAUTH_SETTINGS_ACCESS_MESSAGE);
    }
  });

  it('API version floors: ExtlClntAppConfigurablePolicies from 60.0, the app from 59.0', async () => {
    ({ org, conn } = await startConnected());
    const files = deployFiles(fullApp());
    files['package.xml'] = files['package.xml'].replace('<version>66.0</version>', '<version>59.0</version>');
    const r = await deployZip(conn, files);
    expect(failuresOf(r).map((f) => f.componentType)).to.deep.equal(['ExtlClntAppConfigurablePolicies']);
    expect(failuresOf(r)[0].problem).to.contain('API version 59.0');
    conn.setApiVersion('58.0');
    expect((await rejection(md(conn).readOne('ExternalClientApplication', APP))).message).to.contain('INVALID_TYPE');
  });

  it("Winter '27: an org of maxApiVersion 68 serves API 68.0; a Spring '26 org (the default) does not", async () => {
    ({ org, conn } = await startConnected());
    expect((await rest(org, 'GET', '/services/data/v68.0/limits')).status).to.equal(404);
    org.settings = { ...org.settings, maxApiVersion: 68 };
    const versions = (await rest(org, 'GET', '/services/data')).json as Array<{ version: string; label: string }>;
    expect(versions.at(-1)).to.deep.include({ version: '68.0', label: "Winter '27" });
    conn.setApiVersion('68.0');
    expect(await md(conn).readOne('ExternalClientAppSettings', 'ExternalClientApp')).to.include({
      enableClientSecretInRestApiAccess: 'false',
    });
  });

  it('a custom domain: userinfo names the My Domain, and the instance URL is no Salesforce endpoint host', async () => {
    ({ org, conn } = await startConnected({ settings: { myDomainUrl: 'https://acme.my.salesforce.com' } }));
    const info = await rest(org, 'GET', '/services/oauth2/userinfo');
    expect(info.json.urls.custom_domain).to.equal('https://acme.my.salesforce.com');
    // In WSDL order, as jsforce sends it.
    const provider = (host: string): Record<string, unknown> => ({
      fullName: 'ECI_Auth_Provider',
      authorizeUrl: `${host}/services/oauth2/authorize`,
      friendlyName: 'ECI Auth Provider',
      providerType: 'Salesforce',
      tokenUrl: `${host}/services/oauth2/token`,
    });
    const [refused] = await md(conn).upsert('AuthProvider', [provider(org.instanceUrl)]);
    expect(refused.errors.map((e) => e.message)).to.include(
      salesforceEndpointMessage('Authorize Endpoint URL', '/services/oauth2/authorize'),
    );
    const [ok] = await md(conn).upsert('AuthProvider', [provider('https://acme.my.salesforce.com')]);
    expect(ok.success).to.equal(true);
  });
});
