/* The simulator's External Client App rules (FACTS §5): made by deploy, parts linked by externalClientApplication. */
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import {
  deployFiles,
  deployZip,
  failuresOf,
  md,
  packageXml,
  rejection,
  rest,
  startConnected,
  successesOf,
  type DeployComponent,
  type MdRecord,
} from './helpers.js';
import {
  APP,
  CALLBACK,
  component,
  ecaGlobalOauth,
  ecaHeader,
  ecaOauth,
  ecaOauthPolicies,
  ecaPolicies,
  fullApp,
  globalOauth,
  header,
  KEY,
  oauthPolicies,
  oauthSettings,
  policies,
  SECRET,
  setupMadeAppSeed,
} from './external-client-app-seed.js';
import {
  DEFAULT_OAUTH_POLICY_SUFFIX,
  DEFAULT_POLICY_SUFFIX,
  ECA_BY_DEPLOY_MESSAGE,
  ECA_DELETE_BY_DEPLOY_MESSAGE,
  ECA_NO_ACCESS_MESSAGE,
  ECA_PART_TYPES,
  ECA_TYPE_UNAVAILABLE_MESSAGE,
  partDeletedAloneMessage,
  wholeAppMessage,
} from './rules/external-client-app.js';
import { NO_OAUTH_SETTINGS_MESSAGE } from './rules/ExtlClntAppGlobalOauthSettings.js';
import { ECA_DISABLED_MESSAGE } from './rules/ExternalClientApplication.js';
import { CONSUMER_KEY_ON_UPDATE_MESSAGE } from './rules/oauth-consumers.js';

const PARTS: Array<[string, Record<string, unknown>]> = [
  ['ExternalClientApplication', header()],
  ['ExtlClntAppOauthSettings', oauthSettings()],
  ['ExtlClntAppGlobalOauthSettings', globalOauth()],
  ['ExtlClntAppOauthConfigurablePolicies', oauthPolicies()],
  ['ExtlClntAppConfigurablePolicies', policies()],
];

/** The app as the org holds it (every component of it), with `changed` laid over it (same type and name) or added. */
function inOrg(org: SimulatedOrg, changed: DeployComponent[]): DeployComponent[] {
  const held = ['ExternalClientApplication', ...ECA_PART_TYPES].flatMap((type) =>
    org
      .listMetadataNames(type)
      .map((name) => component(type, org.getMetadata(type, name)! as MdRecord))
      .filter((c) => type === 'ExternalClientApplication' || c.record.externalClientApplication === APP),
  );
  const same = (a: DeployComponent, b: DeployComponent): boolean =>
    a.type === b.type && String(a.record.fullName) === String(b.record.fullName);
  return [
    ...held.map((h) => changed.find((c) => same(c, h)) ?? h),
    ...changed.filter((c) => !held.some((h) => same(c, h))),
  ];
}

describe('sim: External Client Apps', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  afterEach(async () => {
    await org.stop();
  });

  describe('CRUD calls (strict reading: deploy only)', () => {
    it('refuses create, update and upsert of every External Client App type, and saves nothing', async () => {
      ({ org, conn } = await startConnected());
      for (const [type, record] of PARTS) {
        for (const call of ['create', 'upsert'] as const) {
          const [r] = await md(conn)[call](type, [record]);
          expect(r.success, `${call} ${type}`).to.equal(false);
          expect(r.errors[0]).to.include({ statusCode: 'INVALID_OPERATION', message: ECA_BY_DEPLOY_MESSAGE });
        }
        expect(org.listMetadataNames(type)).to.deep.equal([]);
      }
    });

    it('refuses updates of existing parts too, and deletes; reads are allowed', async () => {
      ({ org, conn } = await startConnected(setupMadeAppSeed()));
      const [r] = await md(conn).update('ExtlClntAppOauthSettings', [
        oauthSettings({ fullName: `${APP}_oauth_setup1`, commaSeparatedOauthScopes: 'Api' }),
      ]);
      expect(r.errors[0].message).to.equal(ECA_BY_DEPLOY_MESSAGE);
      const read = await md(conn).readOne('ExtlClntAppOauthSettings', `${APP}_oauth_setup1`);
      expect(read).to.include({
        externalClientApplication: APP,
        commaSeparatedOauthScopes: 'Content, Api, Web, RefreshToken',
      });
      for (const type of ['ExternalClientApplication', ...ECA_PART_TYPES])
        for (const name of org.listMetadataNames(type)) {
          const [refused] = await md(conn).delete(type, [name]);
          expect(refused.success, `${type} ${name}`).to.equal(false);
          expect(refused.errors[0]).to.include({
            statusCode: 'INVALID_OPERATION',
            message: ECA_DELETE_BY_DEPLOY_MESSAGE,
          });
        }
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([APP]);
    });
  });

  describe('deploy', () => {
    beforeEach(async () => {
      ({ org, conn } = await startConnected());
    });

    it('creates the app and all its parts in one deploy; the key sent is kept, the org keeps a secret of its own', async () => {
      const r = await deployZip(conn, deployFiles(fullApp()));
      expect(r.status, JSON.stringify(failuresOf(r))).to.equal('Succeeded');
      expect(successesOf(r).map((m) => m.componentType)).to.deep.equal([
        '',
        'ExternalClientApplication',
        'ExtlClntAppOauthSettings',
        'ExtlClntAppGlobalOauthSettings',
        'ExtlClntAppOauthConfigurablePolicies',
        'ExtlClntAppConfigurablePolicies',
      ]);
      const read = await md(conn).readOne('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`);
      expect(read)
        .to.include({ consumerKey: KEY, externalClientApplication: APP })
        .and.not.have.property('consumerSecret');
      const creds = org.consumerCredentials(APP)!;
      expect(creds.consumerKey).to.equal(KEY);
      expect(creds.consumerSecret)
        .to.match(/^[A-Za-z0-9]{64}$/)
        .and.not.equal(SECRET);
      expect(
        org.getMetadata('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`, { includeSecrets: true }),
      ).to.include({ consumerSecret: creds.consumerSecret });
      expect(JSON.stringify(r)).to.not.include(SECRET);
    });

    it('the Connect REST credentials API gives the org-generated secret (only with clientSecretInRestApiAccess)', async () => {
      await deployZip(conn, deployFiles(fullApp()));
      org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
      const [{ Id: appId }] = (
        await conn.query<{ Id: string }>(`SELECT Id FROM ExternalClientApplication WHERE DeveloperName = '${APP}'`)
      ).records;
      const consumers = await rest(org, 'GET', `/services/data/v66.0/apps/oauth/credentials/${appId}`);
      const both = await rest(
        org,
        'GET',
        `/services/data/v66.0/apps/oauth/credentials/${appId}/${consumers.json.consumers[0].id}?part=keyandsecret`,
      );
      expect(both.json).to.include({ key: KEY, secret: org.consumerCredentials(APP)!.consumerSecret });
    });

    it('stores the secret sent when the org does not keep its own (orgKeepsOwnConsumerSecret false); generates a missing key', async () => {
      org.settings = { ...org.settings, orgKeepsOwnConsumerSecret: false };
      await deployZip(conn, deployFiles([ecaHeader(), ecaOauth(), ecaGlobalOauth({ consumerKey: undefined })]));
      const creds = org.consumerCredentials(APP)!;
      expect(creds.consumerSecret).to.equal(SECRET);
      expect(creds.consumerKey).to.match(/^[A-Za-z0-9]{85}$/);
    });

    it('a part needs its app, in the same deploy or in the org', async () => {
      const orphan = await deployZip(conn, deployFiles([ecaOauth()]));
      expect(failuresOf(orphan)[0]).to.include({
        componentType: 'ExtlClntAppOauthSettings',
        problem: `In field: externalClientApplication - no ExternalClientApplication named ${APP} found`,
      });
      await deployZip(conn, deployFiles([ecaHeader()]));
      expect((await deployZip(conn, deployFiles(inOrg(org, [ecaOauth()])))).status).to.equal('Succeeded');
    });

    it("global OAuth settings without the app's OAuth settings fail: no valid OAuth settings configuration", async () => {
      const r = await deployZip(conn, deployFiles([ecaHeader(), ecaGlobalOauth()]));
      expect(r.status).to.equal('Failed');
      expect(failuresOf(r).map((m) => m.problem)).to.deep.equal([NO_OAUTH_SETTINGS_MESSAGE(APP)]);
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]); // rolled back
    });

    it('generates the missing policies with default values and names of its own, linked by externalClientApplication', async () => {
      const r = await deployZip(conn, deployFiles([ecaHeader(), ecaOauth(), ecaGlobalOauth()]));
      expect(r.status).to.equal('Succeeded');
      expect(org.listMetadataNames('ExtlClntAppConfigurablePolicies')).to.deep.equal([
        `${APP}${DEFAULT_POLICY_SUFFIX}`,
      ]);
      expect(org.listMetadataNames('ExtlClntAppOauthConfigurablePolicies')).to.deep.equal([
        `${APP}${DEFAULT_OAUTH_POLICY_SUFFIX}`,
      ]);
      const plcy = await md(conn).readOne(
        'ExtlClntAppOauthConfigurablePolicies',
        `${APP}${DEFAULT_OAUTH_POLICY_SUFFIX}`,
      );
      expect(plcy).to.include({
        externalClientApplication: APP,
        ipRelaxationPolicyType: 'Enforce',
        permittedUsersPolicyType: 'AllSelfAuthorized',
      });
      // a plugin that guesses the conventional name now fails: the app already has OAuth policies
      const guessed = await deployZip(conn, deployFiles(inOrg(org, [ecaOauthPolicies()])));
      expect(failuresOf(guessed)[0]).to.include({
        problem: `The external client app ${APP} already has a ExtlClntAppOauthConfigurablePolicies: ${APP}${DEFAULT_OAUTH_POLICY_SUFFIX}`,
      });
      const named = await deployZip(
        conn,
        deployFiles(inOrg(org, [ecaOauthPolicies({ fullName: `${APP}${DEFAULT_OAUTH_POLICY_SUFFIX}` })])),
      );
      expect(named.status).to.equal('Succeeded');
      expect(
        org.getMetadata('ExtlClntAppOauthConfigurablePolicies', `${APP}${DEFAULT_OAUTH_POLICY_SUFFIX}`),
      ).to.include({ ipRelaxationPolicyType: 'Bypass' });
    });

    it('an app without OAuth gets only the configurable policies', async () => {
      await deployZip(conn, deployFiles([ecaHeader()]));
      expect(org.listMetadataNames('ExtlClntAppConfigurablePolicies')).to.deep.equal([
        `${APP}${DEFAULT_POLICY_SUFFIX}`,
      ]);
      expect(org.listMetadataNames('ExtlClntAppOauthConfigurablePolicies')).to.deep.equal([]);
    });

    it('applies the part rules: Connected App spellings, unknown profiles and scopes fail', async () => {
      const r = await deployZip(
        conn,
        deployFiles([
          ecaHeader(),
          ecaOauth({ commaSeparatedOauthScopes: 'api, Web' }),
          ecaOauthPolicies({
            ipRelaxationPolicyType: 'BYPASS',
            refreshTokenValidityUnit: 'DAYS',
            commaSeparatedProfile: 'System Administrator, Nobody',
          }),
        ]),
        { rollbackOnError: false },
      );
      expect(failuresOf(r).map((m) => m.problem)).to.deep.equal([
        "'api' is not a valid OAuth scope",
        "'BYPASS' is not a valid value for ipRelaxationPolicyType",
        "'DAYS' is not a valid value for refreshTokenValidityUnit",
        'In field: commaSeparatedProfile - no Profile named Nobody found',
      ]);
      expect(r.status).to.equal('SucceededPartial');
    });

    it('a redeploy refuses a changed key or any secret, and keeps the stored ones', async () => {
      await deployZip(conn, deployFiles(fullApp()));
      const secret = org.consumerCredentials(APP)!.consumerSecret;
      const key = await deployZip(
        conn,
        deployFiles(inOrg(org, [ecaGlobalOauth({ consumerKey: 'AnotherKey123', consumerSecret: undefined })])),
      );
      expect(failuresOf(key)[0].problem).to.equal(CONSUMER_KEY_ON_UPDATE_MESSAGE);
      const again = await deployZip(conn, deployFiles(inOrg(org, [ecaGlobalOauth()])));
      expect(failuresOf(again).map((m) => m.problem)).to.deep.equal(['You cannot provide a Consumer Secret']);
      const ok = await deployZip(
        conn,
        deployFiles(inOrg(org, [ecaGlobalOauth({ consumerSecret: undefined, isPkceRequired: true })])),
      );
      expect(ok.status).to.equal('Succeeded');
      expect(org.consumerCredentials(APP)).to.include({ consumerKey: KEY, consumerSecret: secret });
    });

    it('a rolled-back deploy leaves nothing behind, generated policies included; problems never carry the secret', async () => {
      const r = await deployZip(
        conn,
        deployFiles([
          ecaHeader(),
          ecaOauth(),
          ecaGlobalOauth({ consumerSecret: 'not-alnum-secret-0123' }),
          ecaPolicies(),
        ]),
      );
      expect(r.status).to.equal('Failed');
      expect(failuresOf(r)[0].problem).to.equal('Consumer Secret: must be 8 to 256 alphanumeric characters');
      expect(JSON.stringify(r)).to.not.include('not-alnum-secret-0123');
      for (const [type] of PARTS) expect(org.listMetadataNames(type), type).to.deep.equal([]);
    });
  });

  describe('a whole app per deploy (strict reading)', () => {
    beforeEach(async () => {
      ({ org, conn } = await startConnected());
      await deployZip(conn, deployFiles(fullApp()));
    });

    it('a part of an existing app deployed alone is refused, naming what the deploy lacks; the whole app is taken', async () => {
      const changed = ecaGlobalOauth({ consumerSecret: undefined, callbackUrl: 'https://b.example/cb' });
      const alone = await deployZip(conn, deployFiles([changed]));
      expect(alone.status).to.equal('Failed');
      expect(failuresOf(alone)[0].problem).to.equal(
        wholeAppMessage(APP, [
          `ExternalClientApplication ${APP}`,
          `ExtlClntAppOauthSettings ${APP}_oauth`,
          `ExtlClntAppOauthConfigurablePolicies ${APP}_oauthPlcy`,
          `ExtlClntAppConfigurablePolicies ${APP}_plcy`,
        ]),
      );
      expect(org.getMetadata('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`)!.callbackUrl).to.equal(CALLBACK);
      const whole = await deployZip(conn, deployFiles(inOrg(org, [changed])));
      expect(whole.status, JSON.stringify(failuresOf(whole))).to.equal('Succeeded');
      expect(org.getMetadata('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`)!.callbackUrl).to.equal(
        'https://b.example/cb',
      );
    });
  });

  describe('destructive-changes deploys', () => {
    const destructive = (types: Record<string, string[]>): Record<string, string> => ({
      'package.xml': packageXml({}),
      'destructiveChangesPost.xml': packageXml(types),
    });

    beforeEach(async () => {
      ({ org, conn } = await startConnected(setupMadeAppSeed()));
    });

    it('the header alone removes the app and every part that names it', async () => {
      const r = await deployZip(conn, destructive({ ExternalClientApplication: [APP] }));
      expect(r.status, JSON.stringify(failuresOf(r))).to.equal('Succeeded');
      expect(successesOf(r).filter((m) => String(m.deleted) === 'true')).to.have.length(1);
      for (const type of ['ExternalClientApplication', ...ECA_PART_TYPES])
        expect(org.listMetadataNames(type), type).to.deep.equal([]);
      const again = await deployZip(conn, destructive({ ExternalClientApplication: [APP] }), { ignoreWarnings: true });
      expect(failuresOf(again)[0]).to.include({
        problemType: 'Warning',
        problem: `No ExternalClientApplication named: ${APP} found`,
      });
    });

    it('parts named with their header are already gone: warnings, which fail the deploy unless ignoreWarnings', async () => {
      const all = {
        ExternalClientApplication: [APP],
        ExtlClntAppOauthSettings: [`${APP}_oauth_setup1`],
        ExtlClntAppGlobalOauthSettings: [`${APP}_glbl_setup1`],
      };
      const strict = await deployZip(conn, destructive(all));
      expect(strict.status).to.equal('Failed');
      expect(failuresOf(strict).map((m) => m.problemType)).to.deep.equal(['Warning', 'Warning']);
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([APP]); // rolled back
      const r = await deployZip(conn, destructive(all), { ignoreWarnings: true });
      expect(r.status).to.equal('Succeeded');
      expect(failuresOf(r).map((m) => [m.componentType, m.problem])).to.deep.equal([
        ['ExtlClntAppOauthSettings', `No ExtlClntAppOauthSettings named: ${APP}_oauth_setup1 found`],
        ['ExtlClntAppGlobalOauthSettings', `No ExtlClntAppGlobalOauthSettings named: ${APP}_glbl_setup1 found`],
      ]);
      for (const type of ['ExternalClientApplication', ...ECA_PART_TYPES])
        expect(org.listMetadataNames(type), type).to.deep.equal([]);
    });

    it('a part alone, while its app stays, is refused; the calls log names what the deploy deletes', async () => {
      const r = await deployZip(conn, destructive({ ExtlClntAppOauthSettings: [`${APP}_oauth_setup1`] }));
      expect(r.status).to.equal('Failed');
      expect(failuresOf(r)[0]).to.include({ problemType: 'Error', problem: partDeletedAloneMessage(APP) });
      expect(org.listMetadataNames('ExtlClntAppOauthSettings')).to.deep.equal([`${APP}_oauth_setup1`]);
      expect(org.calls.find((c) => c.operation === 'deploy')?.deletes).to.deep.equal([
        `ExtlClntAppOauthSettings ${APP}_oauth_setup1`,
      ]);
    });
  });

  describe('availability', () => {
    it('with External Client Apps off: read and list fault INVALID_TYPE, a deploy fails each component', async () => {
      ({ org, conn } = await startConnected(setupMadeAppSeed()));
      org.settings = { ...org.settings, externalClientAppsEnabled: false };
      const read = await rejection(md(conn).readOne('ExternalClientApplication', APP));
      expect(read.message).to.contain(`INVALID_TYPE: ${ECA_TYPE_UNAVAILABLE_MESSAGE}`);
      const list = await rejection(md(conn).list([{ type: 'ExtlClntAppGlobalOauthSettings' }]));
      expect(list.name).to.equal('sf:INVALID_TYPE');
      const r = await deployZip(conn, deployFiles([ecaHeader()]));
      expect(failuresOf(r)[0]).to.include({
        componentType: 'ExternalClientApplication',
        problem: `INVALID_TYPE: ${ECA_TYPE_UNAVAILABLE_MESSAGE}: ExternalClientApplication`,
      });
      expect(await md(conn).list([{ type: 'AuthProvider' }])).to.deep.equal([]); // other types unaffected
      expect(() => org.seedMetadata('ExternalClientApplication', header({ fullName: 'Another_App' }))).to.throw(
        ECA_DISABLED_MESSAGE,
      );
    });

    it('without the permission to view them: read and list fault INSUFFICIENT_ACCESS', async () => {
      ({ org, conn } = await startConnected(setupMadeAppSeed({ userCanViewExternalClientApps: false })));
      const read = await rejection(md(conn).readOne('ExtlClntAppOauthSettings', `${APP}_oauth_setup1`));
      expect(read.name).to.equal('sf:INSUFFICIENT_ACCESS');
      expect(read.message).to.contain(ECA_NO_ACCESS_MESSAGE);
      expect((await rejection(md(conn).list([{ type: 'ExternalClientApplication' }]))).name).to.equal(
        'sf:INSUFFICIENT_ACCESS',
      );
    });
  });

  describe('an app made in Setup (parts named otherwise)', () => {
    it('listMetadata gives each part with its file name, readMetadata its externalClientApplication', async () => {
      ({ org, conn } = await startConnected(setupMadeAppSeed()));
      const listed = await md(conn).list([
        { type: 'ExtlClntAppGlobalOauthSettings' },
        { type: 'ExtlClntAppOauthSettings' },
        { type: 'ExtlClntAppConfigurablePolicies' },
      ]);
      expect(listed.map((p) => [p.type, p.fullName, p.fileName])).to.deep.equal([
        [
          'ExtlClntAppGlobalOauthSettings',
          `${APP}_glbl_setup1`,
          `extlClntAppGlobalOauthSets/${APP}_glbl_setup1.ecaGlblOauth`,
        ],
        ['ExtlClntAppOauthSettings', `${APP}_oauth_setup1`, `extlClntAppOauthSettings/${APP}_oauth_setup1.ecaOauth`],
        ['ExtlClntAppConfigurablePolicies', `${APP}_plcy_setup1`, `extlClntAppPolicies/${APP}_plcy_setup1.ecaPlcy`],
      ]);
      const parts = await md(conn).read(
        'ExtlClntAppGlobalOauthSettings',
        listed.filter((p) => p.type === 'ExtlClntAppGlobalOauthSettings').map((p) => String(p.fullName)),
      );
      expect(parts.find((p) => p.externalClientApplication === APP)).to.include({
        fullName: `${APP}_glbl_setup1`,
        consumerKey: KEY,
      });
      expect(org.consumerCredentials(APP)).to.include({ part: `${APP}_glbl_setup1`, consumerSecret: SECRET }); // a seed stores what it gives
      // the conventional name is a second part of the same kind: refused
      const guessed = await deployZip(
        conn,
        deployFiles(inOrg(org, [ecaGlobalOauth({ consumerKey: undefined, consumerSecret: undefined })])),
      );
      expect(failuresOf(guessed)[0].problem).to.contain(
        `already has a ExtlClntAppGlobalOauthSettings: ${APP}_glbl_setup1`,
      );
    });
  });
});
