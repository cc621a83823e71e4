/*
 * The org layer's deploy (source-deploy-retrieve, in-memory source, SOAP) and External Client App reads, against the
 * simulated org over real HTTP.
 */
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import type { MetadataComponent } from '../../src/model/component.js';
import { Secret } from '../../src/model/secret.js';
import { checkOutcomes, deleteOutcomes, metadataXml, outcomes } from '../../src/org/deploy.js';
import { readExternalClientApp } from '../../src/org/external-client-app.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { run } from '../../src/engine/engine.js';
import type { SimulatedOrg } from '../sim/index.js';
import { startConnected } from '../sim/helpers.js';
import { APP, setupMadeAppSeed } from '../sim/external-client-app-seed.js';

const part = (type: string, fullName: string, fields: MetadataComponent['fields']): MetadataComponent => ({
  kind: 'metadata',
  type,
  fullName,
  label: `${type} ${fullName}`,
  fields,
});
const CALLBACK = 'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider';

const app = (): MetadataComponent[] => [
  part('ExternalClientApplication', APP, {
    contactEmail: 'admin@acme.com',
    distributionState: 'Local',
    label: 'ECI Connected App',
  }),
  part('ExtlClntAppOauthSettings', `${APP}_oauth`, {
    commaSeparatedOauthScopes: 'Content, Api, Web, RefreshToken',
    externalClientApplication: APP,
  }),
  part('ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`, {
    callbackUrl: CALLBACK,
    externalClientApplication: APP,
    isConsumerSecretOptional: false,
  }),
  part('ExtlClntAppOauthConfigurablePolicies', `${APP}_oauthPlcy`, {
    commaSeparatedProfile: 'System Administrator',
    externalClientApplication: APP,
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
  }),
  part('ExtlClntAppConfigurablePolicies', `${APP}_plcy`, {
    externalClientApplication: APP,
    isEnabled: true,
    isOauthPluginEnabled: true,
  }),
];

describe('org: deploy and External Client App reads (against the simulated org)', () => {
  let org: SimulatedOrg;
  let access: SalesforceOrg;

  async function start(seed?: Parameters<typeof startConnected>[0]): Promise<void> {
    const started = await startConnected(seed);
    org = started.org;
    access = new SalesforceOrg(started.conn);
  }
  afterEach(() => org?.stop());

  it('writes the metadata file in WSDL order, escaped, without fullName', () => {
    const xml = metadataXml('ExtlClntAppOauthSettings', {
      component: part('ExtlClntAppOauthSettings', 'X', {
        externalClientApplication: 'A&B',
        commaSeparatedOauthScopes: 'Api',
      }),
      current: { exists: false },
    });
    expect(xml).to.include('<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">');
    expect(xml.indexOf('commaSeparatedOauthScopes')).to.be.lessThan(xml.indexOf('externalClientApplication'));
    expect(xml).to.include('A&amp;B').and.not.include('fullName');
  });

  it('the engine writes all five parts in ONE deploy (no CRUD call), with progress, and each is created', async () => {
    await start();
    const statuses: string[] = [];
    access.onDeployStatus = (s) => statuses.push(s);
    const results = await run(app(), access, { dryRun: false });
    expect(results.map((r) => [r.type, r.status])).to.deep.equal(app().map((c) => [c.type, 'created']));
    expect(org.calls.filter((c) => c.operation === 'deploy')).to.have.length(1);
    expect(org.calls.filter((c) => c.operation === 'upsertMetadata')).to.have.length(0);
    expect(statuses.length).to.be.greaterThan(0);
    expect(org.getMetadata('ExtlClntAppConfigurablePolicies', `${APP}_plcy`)).to.include({
      isEnabled: true,
      isOauthPluginEnabled: true,
    });
    // No secret was sent: the org made its own key and secret.
    expect(org.consumerCredentials(APP)?.consumerSecret).to.match(/^[A-Za-z0-9]{64}$/);
  });

  it("after a new app's deploy, its parts are read from the org: the key it made is its own, not what was sent", async () => {
    await start();
    await run(app(), access, { dryRun: false });
    const reads = org.calls.length;
    const [global, plcy] = await access.readMetadata([app()[2], app()[4]]);
    // The global OAuth settings (the org's key and secret) are read; the policies, all sent, are known from the deploy.
    expect(org.calls.slice(reads).map((c) => [c.operation, c.type])).to.deep.equal([
      ['readMetadata', 'ExtlClntAppGlobalOauthSettings'],
    ]);
    expect(global.exists && global.fields.consumerKey).to.equal(org.consumerCredentials(APP)?.consumerKey);
    expect(plcy.exists && plcy.fields.isEnabled).to.equal(true);
  });

  it("a refused part fails in Salesforce's words; the rest is rolled back and reported as not saved", async () => {
    await start();
    org.failNext(
      { operation: 'deploy', type: 'ExtlClntAppOauthConfigurablePolicies' },
      { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'In field: commaSeparatedProfile - bad' },
    );
    const results = await run(app(), access, { dryRun: false });
    const policies = results.find((r) => r.type === 'ExtlClntAppOauthConfigurablePolicies')!;
    expect(policies.status).to.equal('failed');
    expect(policies.error?.message).to.include('commaSeparatedProfile - bad');
    expect(results.filter((r) => r !== policies).map((r) => r.status)).to.deep.equal([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(results[0].error?.message).to.include('rolled back').and.include('ExtlClntAppOauthConfigurablePolicies');
    expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
  });

  it('a deploy still running after the wait is an SfError with its ID, the report command and that a re-run is safe', async () => {
    await start();
    // The first status poll comes after the wait (100 ms) is over, whatever pace the suite's environment sets (by the
    // environment, which every copy of the org layer reads: the deploy module is loaded lazily).
    const pace = process.env.ECI_DEPLOY_POLL_MS;
    process.env.ECI_DEPLOY_POLL_MS = '150';
    const restore = (): void => {
      if (pace === undefined) delete process.env.ECI_DEPLOY_POLL_MS;
      else process.env.ECI_DEPLOY_POLL_MS = pace;
    };
    try {
      await access.deployMetadata(
        app().map((component) => ({ component, current: { exists: false } })),
        { timeout: Duration.milliseconds(100) },
      );
      expect.fail('no error');
    } catch (error) {
      const e = error as SfError;
      expect(e.name).to.equal('DeployStillRunningError');
      expect(e.message).to.match(/0Af\w+/);
      expect(e.actions?.join(' '))
        .to.match(/sf project deploy report --job-id 0Af\w+/)
        .and.include('safe');
    } finally {
      restore();
    }
  });

  it('maps details to outcomes, masking secrets', () => {
    const secret = new Secret('TopSecretValue1');
    const items = [{ component: part('ExternalClientApplication', 'A', {}), current: { exists: false } as const }];
    const [o] = outcomes(
      items,
      {
        success: false,
        details: {
          componentFailures: {
            componentType: 'ExternalClientApplication',
            fullName: 'A',
            problem: 'INVALID_TYPE: bad TopSecretValue1',
          },
        },
      },
      [secret],
    );
    expect(o).to.deep.equal({ success: false, message: 'INVALID_TYPE: bad ********', statusCode: 'INVALID_TYPE' });
  });

  it('a check-only deploy: one deploy with checkOnly, polled at least once, each part accepted, nothing saved, no write', async () => {
    await start();
    const items = app().map((component) => ({ component, current: { exists: false } as const }));
    const checked = await access.validateMetadata(items);
    expect(checked.deployId).to.match(/^0Af/);
    expect(checked.outcomes).to.deep.equal(items.map(() => ({ status: 'accepted' })));
    expect(org.calls.filter((c) => c.operation === 'deploy')).to.have.length(1);
    expect(org.calls.filter((c) => c.operation === 'checkDeployStatus').length).to.be.greaterThan(1);
    expect(org.writes()).to.deep.equal([]);
    expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
    expect(org.listMetadataNames('ExtlClntAppGlobalOauthSettings')).to.deep.equal([]);
  });

  it("a check-only deploy names the refused part in Salesforce's words; the others are accepted (not 'rolled back')", async () => {
    await start();
    org.failNext(
      { operation: 'deploy', type: 'ExtlClntAppOauthConfigurablePolicies' },
      { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'In field: commaSeparatedProfile - bad' },
    );
    const items = app().map((component) => ({ component, current: { exists: false } as const }));
    const { outcomes: checked } = await access.validateMetadata(items);
    expect(checked.map((o) => o.status)).to.deep.equal(['accepted', 'accepted', 'accepted', 'refused', 'accepted']);
    expect(checked[3]).to.deep.include({ message: 'In field: commaSeparatedProfile - bad' });
    expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal([]);
  });

  it('check-only outcomes: a deploy that failed as a whole leaves each component not validated with its reason, secrets masked', () => {
    const secret = new Secret('TopSecretValue1');
    const items = [{ component: part('AuthProvider', 'A', {}), current: { exists: false } as const }];
    expect(
      checkOutcomes(
        items,
        { success: false, status: 'Failed', errorStatusCode: 'UNKNOWN_EXCEPTION', errorMessage: 'zip TopSecretValue1' },
        [secret],
      ),
    ).to.deep.equal([
      {
        status: 'not-validated',
        message: "Salesforce's check-only deploy named no outcome for this component: UNKNOWN_EXCEPTION: zip ********",
      },
    ]);
    expect(
      checkOutcomes(items, {
        success: false,
        details: { componentFailures: { componentType: 'AuthProvider', fullName: 'a', problem: 'INVALID_FIELD: x' } },
      }),
    ).to.deep.equal([{ status: 'refused', message: 'INVALID_FIELD: x', statusCode: 'INVALID_FIELD' }]);
  });

  it('deleteByDeploy: one destructive-changes deploy (empty package.xml), backed up; a part its app took is gone', async () => {
    await start(setupMadeAppSeed());
    const names = ['ExternalClientApplication', 'ExtlClntAppOauthSettings'].map((type) => ({
      type,
      fullName: org.listMetadataNames(type)[0],
      current: { exists: true as const, fields: {} },
    }));
    const outcomes = await access.deleteByDeploy(names);
    expect(outcomes).to.deep.equal([
      { success: true, gone: false },
      { success: true, gone: true },
    ]);
    const deploys = org.calls.filter((c) => c.operation === 'deploy');
    expect(deploys).to.have.length(1);
    expect(deploys[0].fullNames).to.deep.equal([]);
    expect(deploys[0].deletes).to.deep.equal(names.map((n) => `${n.type} ${n.fullName}`));
    expect(org.calls.filter((c) => c.operation === 'deleteMetadata')).to.deep.equal([]);
    expect(access.previousVersions().map((v) => v.type)).to.deep.equal(names.map((n) => n.type));
    expect(org.listMetadataNames('ExtlClntAppGlobalOauthSettings')).to.deep.equal([]);
  });

  it("delete outcomes: deleted, a not-found warning in either list is gone, an error is that item's, else the reason", () => {
    const item = (type: string, fullName: string) => ({
      type,
      fullName,
      current: { exists: true as const, fields: {} },
    });
    const items = [item('ExternalClientApplication', 'A'), item('ExtlClntAppOauthSettings', 'A_o'), item('X', 'Y')];
    const warning = {
      componentType: 'ExtlClntAppOauthSettings',
      fullName: 'destructiveChangesPost.xml',
      problemType: 'Warning',
      problem: 'No ExtlClntAppOauthSettings named: a_o found',
    };
    const ok = deleteOutcomes(items.slice(0, 2), {
      success: 'true',
      details: {
        componentSuccesses: [{ componentType: 'ExternalClientApplication', fullName: 'A', deleted: 'true' }, warning],
      },
    });
    expect(ok).to.deep.equal([
      { success: true, gone: false },
      { success: true, gone: true },
    ]);
    const failed = deleteOutcomes(items, {
      success: false,
      errorMessage: 'rolled back',
      details: {
        componentFailures: [
          { componentType: 'X', fullName: 'Y', problemType: 'Error', problem: 'DELETE_FAILED: used by Z' },
        ],
      },
    });
    expect(failed[2]).to.deep.equal({
      success: false,
      message: 'DELETE_FAILED: used by Z',
      statusCode: 'DELETE_FAILED',
    });
    expect(failed[0]).to.include({ success: false }).and.have.property('message').that.includes('rolled back');
  });

  it("finds an app's parts by their externalClientApplication field, whatever their names (an app made in Setup)", async () => {
    await start(setupMadeAppSeed());
    const eca = await readExternalClientApp(access, APP);
    expect(eca.header.exists).to.equal(true);
    expect(Object.fromEntries(Object.entries(eca.parts).map(([t, p]) => [t, p!.fullName]))).to.deep.equal({
      ExtlClntAppOauthSettings: `${APP}_oauth_setup1`,
      ExtlClntAppGlobalOauthSettings: `${APP}_glbl_setup1`,
      ExtlClntAppOauthConfigurablePolicies: `${APP}_oauthPlcy_setup1`,
      ExtlClntAppConfigurablePolicies: `${APP}_plcy_setup1`,
    });
    expect(org.calls.filter((c) => c.operation === 'listMetadata').map((c) => c.type)).to.have.length(2);
  });

  it('an org with External Client Apps off: reading them is an SfError that names what to turn on', async () => {
    await start({ settings: { externalClientAppsEnabled: false } });
    try {
      await readExternalClientApp(access, APP);
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('ExternalClientAppsUnavailableError');
      expect((error as SfError).message).to.include('not available for this organization');
      expect((error as SfError).actions?.join(' '))
        .to.include('External Client App Settings')
        .and.include('View All External Client Apps');
    }
  });
});
