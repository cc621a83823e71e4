/* The simulator's deploy(), checkDeployStatus() and cancelDeploy(): the mechanics, with types that are not External Client Apps. */
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import type { SimulatedOrg } from './index.js';
import {
  deployFiles,
  deployZip,
  failuresOf,
  mdapiXml,
  packageXml,
  ringCentralAuthProvider,
  salesforceAuthProvider,
  soapRaw,
  startConnected,
  successesOf,
  zipOf,
  type DeployComponent,
} from './helpers.js';
import { ABANDONED_DEPLOY_LOCK_MS, NO_PACKAGE_XML, notInZip } from './deploy.js';
import { METADATA_RULES } from './rules/index.js';

const require = createRequire(import.meta.url);

const provider = (record: Record<string, unknown>): DeployComponent => ({
  type: 'AuthProvider',
  record,
  folder: 'authproviders',
  suffix: 'authprovider',
});
const namedCredential = (authProvider: string): DeployComponent => ({
  type: 'NamedCredential',
  folder: 'namedCredentials',
  suffix: 'namedCredential',
  record: {
    fullName: 'ECI_Named_Credential',
    authProvider,
    endpoint: 'https://acme.my.salesforce.com/',
    label: 'ECI Named Credential',
    namedCredentialType: 'Legacy',
    principalType: 'NamedUser',
    protocol: 'Oauth',
  },
});

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe('sim: deploy()', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
  });
  afterEach(async () => {
    await org.stop();
  });

  it("every deployable type's folder and suffix are SDR's directoryName and suffix", () => {
    const registry = require('@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json') as {
      types: Record<string, { directoryName: string; suffix: string }>;
    };
    for (const r of METADATA_RULES) {
      expect({ folder: r.folder, suffix: r.suffix }, r.type).to.deep.equal({
        folder: registry.types[r.type.toLowerCase()].directoryName,
        suffix: registry.types[r.type.toLowerCase()].suffix,
      });
    }
  });

  it('answers Queued at once, InProgress on the first poll, and deploys only on a later poll', async () => {
    const zip = (await zipOf(deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]))).toString('base64');
    const queued = await soapRaw(
      org,
      `<deploy><ZipFile>${zip}</ZipFile><DeployOptions><rollbackOnError>true</rollbackOnError></DeployOptions></deploy>`,
    );
    expect(queued.status).to.equal(200);
    expect(tag(queued.text, 'state')).to.equal('Queued');
    expect(tag(queued.text, 'done')).to.equal('false');
    const id = tag(queued.text, 'id')!;
    expect(id).to.match(/^0Af\w{15}$/);
    const first = await soapRaw(
      org,
      `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`,
    );
    expect(tag(first.text, 'status')).to.equal('InProgress');
    expect(tag(first.text, 'done')).to.equal('false');
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
    const second = await soapRaw(
      org,
      `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`,
    );
    expect(tag(second.text, 'status')).to.equal('Succeeded');
    expect(tag(second.text, 'done')).to.equal('true');
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.include({ providerType: 'Salesforce' });
    // WSDL order of DeployResult: checkOnly … createdDate, details, done … status, success
    const names = [...second.text.matchAll(/<result>|<(\w+)>/g)].map((m) => m[1]).filter(Boolean);
    expect(names.indexOf('details')).to.be.lessThan(names.indexOf('done'));
    expect(names.indexOf('numberComponentErrors')).to.be.lessThan(names.indexOf('status'));
  });

  it("a running deploy holds the org's administration lock: a CRUD write meanwhile is refused, after it accepted", async () => {
    const zip = (await zipOf(deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]))).toString('base64');
    const queued = await soapRaw(org, `<deploy><ZipFile>${zip}</ZipFile><DeployOptions></DeployOptions></deploy>`);
    const id = tag(queued.text, 'id')!;
    const poll = `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>false</includeDetails></checkDeployStatus>`;
    await soapRaw(org, poll);
    const upsert = () => conn.metadata.upsert('AuthProvider', ringCentralAuthProvider({}) as never);
    const refused = (await upsert()) as unknown as {
      success: boolean | string;
      errors?: { statusCode: string; message: string };
    };
    expect(String(refused.success)).to.equal('false');
    const [error] = [refused.errors].flat();
    expect(error).to.include({ statusCode: 'ALREADY_IN_PROCESS' });
    expect(error!.message).to.include('Admin operation already in progress');
    expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.equal(undefined);
    await soapRaw(org, poll);
    expect(String(((await upsert()) as unknown as { success: boolean | string }).success)).to.equal('true');
  });

  it('a deploy its caller no longer asks about (gone with Ctrl-C) releases the lock within a second', async () => {
    const zip = (await zipOf(deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]))).toString('base64');
    await soapRaw(org, `<deploy><ZipFile>${zip}</ZipFile><DeployOptions></DeployOptions></deploy>`);
    await new Promise((resolve) => setTimeout(resolve, ABANDONED_DEPLOY_LOCK_MS + 50));
    const answer = (await conn.metadata.upsert('AuthProvider', ringCentralAuthProvider({}) as never)) as unknown as {
      success: boolean | string;
    };
    expect(String(answer.success)).to.equal('true');
  });

  it('through jsforce: details list package.xml and each component, created then changed', async () => {
    const files = deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]);
    const r = await deployZip(conn, files, { rollbackOnError: true, singlePackage: true });
    expect(r).to.include({
      done: true,
      status: 'Succeeded',
      success: true,
      numberComponentErrors: 0,
      numberComponentsDeployed: 1,
      numberComponentsTotal: 1,
    });
    const ok = successesOf(r);
    expect(ok.map((m) => m.fullName)).to.deep.equal(['package.xml', 'ECI_Auth_Provider']);
    expect(ok[1]).to.include({
      componentType: 'AuthProvider',
      fileName: 'authproviders/ECI_Auth_Provider.authprovider',
      created: true,
      changed: false,
      success: true,
    });
    const again = await deployZip(conn, files);
    expect(successesOf(again)[1]).to.include({ created: false, changed: true });
  });

  it('deploys in dependency order, whatever package.xml says, and accepts a package in one top-level folder', async () => {
    const flat = deployFiles([
      namedCredential('ECI_Auth_Provider'),
      provider(salesforceAuthProvider('ECI_Auth_Provider')),
    ]);
    const nested = Object.fromEntries(Object.entries(flat).map(([p, t]) => [`unpackaged/${p}`, t]));
    const r = await deployZip(conn, nested);
    expect(r.status, JSON.stringify(r.details)).to.equal('Succeeded');
    expect(successesOf(r).map((m) => m.fileName)).to.deep.equal([
      'unpackaged/package.xml',
      'unpackaged/authproviders/ECI_Auth_Provider.authprovider',
      'unpackaged/namedCredentials/ECI_Named_Credential.namedCredential',
    ]);
  });

  it('validates every file against the WSDL like a CRUD body: a schema violation is a component failure', async () => {
    const files = deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]);
    files['authproviders/ECI_Auth_Provider.authprovider'] = mdapiXml('AuthProvider', {
      providerType: 'Salesforce',
      friendlyName: 'Out of order',
    });
    const r = await deployZip(conn, files);
    expect(r).to.include({ status: 'Failed', success: false, numberComponentErrors: 1 });
    expect(failuresOf(r)[0]).to.include({
      componentType: 'AuthProvider',
      fullName: 'ECI_Auth_Provider',
      problemType: 'Error',
      problem:
        'Error parsing file: Element {http://soap.sforce.com/2006/04/metadata}friendlyName invalid at this location in type AuthProvider',
    });
    const badEnum = deployFiles([
      provider(salesforceAuthProvider('ECI_Auth_Provider', { providerType: 'salesforce' })),
    ]);
    expect(failuresOf(await deployZip(conn, badEnum))[0].problem).to.equal(
      "Error parsing file: 'salesforce' is not a valid value for the enum 'AuthProviderType'",
    );
    const missing = deployFiles([provider({ fullName: 'ECI_Auth_Provider', providerType: 'Salesforce' })]);
    expect(failuresOf(await deployZip(conn, missing))[0].problem).to.equal('Required field is missing: friendlyName');
    const wrongRoot = deployFiles([provider(salesforceAuthProvider('ECI_Auth_Provider'))]);
    wrongRoot['authproviders/ECI_Auth_Provider.authprovider'] = mdapiXml('NamedCredential', { label: 'x' });
    expect(failuresOf(await deployZip(conn, wrongRoot))[0].problem).to.match(
      /^Error parsing file: the root element must be/,
    );
  });

  it('applies the type rules: a rule refusal is a component failure with its message', async () => {
    const r = await deployZip(conn, deployFiles([namedCredential('Nope')]));
    expect(failuresOf(r)[0]).to.include({
      fullName: 'ECI_Named_Credential',
      problem: 'In field: authProvider - no AuthProvider named Nope found',
    });
  });

  it('fails members named in package.xml but absent from the zip, a zip without package.xml, and unknown types', async () => {
    const r = await deployZip(conn, { 'package.xml': packageXml({ AuthProvider: ['Ghost'] }) });
    expect(failuresOf(r)[0]).to.include({
      fileName: 'package.xml',
      fullName: 'Ghost',
      problem: notInZip('AuthProvider', 'Ghost'),
    });
    const none = await deployZip(conn, {
      'authproviders/A.authprovider': mdapiXml('AuthProvider', salesforceAuthProvider('A')),
    });
    expect(failuresOf(none)[0]).to.include({ fileName: 'package.xml', problem: NO_PACKAGE_XML });
    const unknown = await deployZip(conn, { 'package.xml': packageXml({ Nonsense: ['X'] }) });
    expect(failuresOf(unknown)[0].problem).to.match(/^Unknown type name 'Nonsense' specified in package\.xml/);
  });

  it('does not deploy files package.xml does not name; a * member names every file of the type', async () => {
    const files = {
      ...deployFiles([provider(salesforceAuthProvider('A'))]),
      'authproviders/B.authprovider': mdapiXml('AuthProvider', salesforceAuthProvider('B')),
    };
    await deployZip(conn, files);
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['A']);
    await deployZip(conn, { ...files, 'package.xml': packageXml({ AuthProvider: ['*'] }) });
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['A', 'B']);
  });

  it('rollbackOnError true (and absent) saves nothing when one component fails; false saves the good ones (SucceededPartial)', async () => {
    const files = deployFiles([provider(salesforceAuthProvider('Good')), namedCredential('Nope')]);
    const all = await deployZip(conn, files, { rollbackOnError: true });
    expect(all).to.include({ status: 'Failed', success: false, numberComponentErrors: 1, rollbackOnError: true });
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    await deployZip(conn, files);
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    const partial = await deployZip(conn, files, { rollbackOnError: false });
    expect(partial).to.include({
      status: 'SucceededPartial',
      success: false,
      numberComponentErrors: 1,
      numberComponentsDeployed: 1,
    });
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['Good']);
  });

  it('checkOnly validates and saves nothing, and is not a write in the calls log', async () => {
    const r = await deployZip(conn, deployFiles([provider(ringCentralAuthProvider())]), { checkOnly: true });
    expect(r).to.include({ status: 'Succeeded', checkOnly: true });
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    const call = org.calls.find((c) => c.operation === 'deploy')!;
    expect(call).to.include({ api: 'soap-metadata', write: false, type: 'AuthProvider' });
    expect(
      org.calls.filter((c) => c.operation === 'checkDeployStatus').every((c) => c.api === 'soap-metadata' && !c.write),
    ).to.equal(true);
    await deployZip(conn, deployFiles([provider(ringCentralAuthProvider())]));
    expect(org.writes().map((c) => c.operation)).to.deep.equal(['deploy']);
    expect(org.writes()[0].fullNames).to.deep.equal(['Ring_Central']);
  });

  it('checkOnly resolves a reference within the deploy, strictly: it must exist in the org or in the same deploy (nothing saved)', async () => {
    const both = await deployZip(
      conn,
      deployFiles([namedCredential('ECI_Auth_Provider'), provider(salesforceAuthProvider('ECI_Auth_Provider'))]),
      { checkOnly: true },
    );
    expect(both.status, JSON.stringify(both.details)).to.equal('Succeeded');
    expect(successesOf(both).map((m) => m.fullName)).to.include.members(['ECI_Auth_Provider', 'ECI_Named_Credential']);
    // The provider is refused (an injected failure): its named credential has nothing to point at, in the org or here.
    org.failNext(
      { operation: 'deploy', type: 'AuthProvider', fullName: 'ECI_Auth_Provider' },
      { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'refused for the test' },
    );
    const refused = await deployZip(
      conn,
      deployFiles([namedCredential('ECI_Auth_Provider'), provider(salesforceAuthProvider('ECI_Auth_Provider'))]),
      { checkOnly: true },
    );
    expect(refused).to.include({ status: 'Failed', success: false, checkOnly: true, numberComponentErrors: 2 });
    expect(failuresOf(refused).map((p) => [p.fullName, p.problem])).to.deep.equal([
      ['ECI_Auth_Provider', 'refused for the test'],
      ['ECI_Named_Credential', 'In field: authProvider - no AuthProvider named ECI_Auth_Provider found'],
    ]);
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    expect(org.listMetadataNames('NamedCredential')).to.deep.equal([]);
    expect(org.writes()).to.deep.equal([]);
  });

  it('org.failNext can fail one deploy component', async () => {
    org.failNext(
      { operation: 'deploy', type: 'AuthProvider', fullName: 'A' },
      { statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' },
    );
    const r = await deployZip(
      conn,
      deployFiles([provider(salesforceAuthProvider('A')), provider(salesforceAuthProvider('B'))]),
      { rollbackOnError: false },
    );
    expect(failuresOf(r).map((m) => [m.fullName, m.problem])).to.deep.equal([['A', 'An unexpected error occurred.']]);
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['B']);
  });

  it('never echoes a secret from the zip in a problem', async () => {
    org.failNext(
      { operation: 'deploy', type: 'AuthProvider' },
      { statusCode: 'UNKNOWN_EXCEPTION', message: 'bad value rcClientSecret for consumerSecret' },
    );
    const r = await deployZip(conn, deployFiles([provider(ringCentralAuthProvider())]));
    expect(failuresOf(r)[0].problem).to.equal('bad value ******** for consumerSecret');
  });

  it('checks the call shapes: DeployOptions names and types (any order), unknown deploy ids, cancelDeploy per the WSDL', async () => {
    const zip = (await zipOf(deployFiles([provider(salesforceAuthProvider('A'))]))).toString('base64');
    const unknownOption = await soapRaw(
      org,
      `<deploy><ZipFile>${zip}</ZipFile><DeployOptions><rollbackOnErrors>true</rollbackOnErrors></DeployOptions></deploy>`,
    );
    expect(unknownOption.status).to.equal(500);
    expect(unknownOption.text).to.contain('rollbackOnErrors invalid at this location in type DeployOptions');
    const badBool = await soapRaw(
      org,
      `<deploy><ZipFile>${zip}</ZipFile><DeployOptions><checkOnly>yes</checkOnly></DeployOptions></deploy>`,
    );
    expect(badBool.text).to.contain('&apos;yes&apos; is not a valid value for the type xsd:boolean');
    const unknownId = await soapRaw(
      org,
      '<checkDeployStatus><asyncProcessId>0Af000000000000AAA</asyncProcessId><includeDetails>false</includeDetails></checkDeployStatus>',
    );
    expect(unknownId.text).to.contain('sf:INVALID_CROSS_REFERENCE_KEY');
    const queued = await soapRaw(
      org,
      `<deploy><ZipFile>${zip}</ZipFile><DeployOptions><singlePackage>true</singlePackage><checkOnly>false</checkOnly></DeployOptions></deploy>`,
    );
    const id = tag(queued.text, 'id')!;
    const jsforceShape = await soapRaw(org, `<cancelDeploy><id>${id}</id></cancelDeploy>`);
    expect(jsforceShape.text).to.contain(
      'Element {http://soap.sforce.com/2006/04/metadata}id invalid at this location in type cancelDeploy',
    );
    const cancel = await soapRaw(org, `<cancelDeploy><String>${id}</String></cancelDeploy>`);
    expect(tag(cancel.text, 'done')).to.equal('true');
    const status = await soapRaw(
      org,
      `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`,
    );
    expect(tag(status.text, 'status')).to.equal('Canceled');
    expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
  });
});
