/*
 * Export, in process against the simulated org: `--output-dir` writes the plan as a Salesforce DX project
 * in source format and nothing to the org; secrets are placeholders that sfdx-project.json `replacements` fill from
 * the environment; an existing project is written into, its own settings and replacements kept; every file is valid
 * against the WSDL (the simulator's validator, the one its CRUD and deploy use) and SDR reads it back.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import type { ExportResult } from '../../src/cli/export.js';
import { KEY, setupMadeAppSeed } from '../sim/external-client-app-seed.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { MD_NS, parseXml } from '../sim/soap.js';
import { decodeComplex, missingRequired } from '../sim/validate.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Export-5f3a91';
const ARGS = [
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--integration-username',
  'eci.integration@acme.example',
  '--integration-email',
  'admin@acme.example',
];
/** The guide's Connected App, asked for by name: Spring '26 orgs refuse it, this one (seeded) allows it. */
const CA_ARGS = [...ARGS, '--app-type', 'connected-app'];
const SOURCE = 'force-app/main/default';
const PHASE_1 = 'manifest/eci-ringcentral-phase-1.xml';
const PHASE_2 = 'manifest/eci-ringcentral-phase-2.xml';
const ECI_FILES = [
  `${SOURCE}/authproviders/ECI_Auth_Provider.authprovider-meta.xml`,
  `${SOURCE}/namedCredentials/ECI_Named_Credential.namedCredential-meta.xml`,
];
const COMMON_FILES = [
  `${SOURCE}/authproviders/Ring_Central.authprovider-meta.xml`,
  `${SOURCE}/namedCredentials/Ring_Central.namedCredential-meta.xml`,
  `${SOURCE}/sites/VoiceConnector.site-meta.xml`,
];
const ECA_FILES = [
  `${SOURCE}/externalClientApps/ECI_Connected_App.eca-meta.xml`,
  `${SOURCE}/extlClntAppOauthSettings/ECI_Connected_App_oauth.ecaOauth-meta.xml`,
  `${SOURCE}/extlClntAppGlobalOauthSets/ECI_Connected_App_glbloauth.ecaGlblOauth-meta.xml`,
  `${SOURCE}/extlClntAppOauthPolicies/ECI_Connected_App_oauthPlcy.ecaOauthPlcy-meta.xml`,
  `${SOURCE}/extlClntAppPolicies/ECI_Connected_App_plcy.ecaPlcy-meta.xml`,
];
const EXPECTED_FILES = [...ECI_FILES, ...COMMON_FILES, ...ECA_FILES].sort();
const EXPECTED_CA_FILES = [
  ...ECI_FILES,
  ...COMMON_FILES,
  `${SOURCE}/connectedApps/ECI_Connected_App.connectedApp-meta.xml`,
].sort();

/** The members a manifest names, as `Type:name`. */
async function manifestMembers(dir: string, manifest: string): Promise<string[]> {
  const xml = await readFile(join(dir, manifest), 'utf8');
  return [...xml.matchAll(/<types>([^]*?)<\/types>/g)]
    .flatMap(([, t]) => {
      const name = /<name>([^<]*)<\/name>/.exec(t)![1];
      return [...t.matchAll(/<members>([^<]*)<\/members>/g)].map(([, m]) => `${name}:${m}`);
    })
    .sort();
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

type Project = { packageDirectories: Array<{ path: string; default?: boolean }>; replacements?: unknown[] } & Record<
  string,
  unknown
>;
const readProject = async (dir: string): Promise<Project> =>
  JSON.parse(await readFile(join(dir, 'sfdx-project.json'), 'utf8')) as Project;

describe('in process: --output-dir exports the plan as a source-format project', function () {
  this.timeout(120_000);
  let env: InProcess;
  let tmp: string;

  beforeEach(async () => {
    env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    tmp = await mkdtemp(join(tmpdir(), 'eci-export-'));
  });
  afterEach(async () => {
    await env.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  const exportTo = async (dir: string, extra: string[] = []): Promise<ExportResult> => {
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--output-dir', dir, '--json', ...extra]);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.output).to.not.include(RC_SECRET);
    return (r.result as { export: ExportResult }).export;
  };

  it('on an empty org, --app-type connected-app: a new project with every guide component in one phase, nothing written to the org', async () => {
    const dir = join(tmp, 'new-project');
    const writes = env.org.writes().length;
    const result = await exportTo(dir, ['--app-type', 'connected-app']);

    expect(env.org.writes().length, 'writes to the org').to.equal(writes);
    expect(await filesUnder(dir)).to.deep.equal(
      [...EXPECTED_CA_FILES, 'sfdx-project.json', 'README.md', PHASE_1].sort(),
    );
    expect(result.projectCreated).to.equal(true);
    expect(result.deployed).to.equal(false);
    expect(result.files.map((f) => f.path).sort()).to.deep.equal(EXPECTED_CA_FILES);
    // The app takes the key and secret the deploy gives it, as the ECI auth provider does: one phase.
    expect(result.phases.map((p) => [p.phase, p.manifest, p.files.length])).to.deep.equal([[1, PHASE_1, 6]]);
    expect(result.finish).to.deep.equal([]);
    expect(result.files.every((f) => f.action === 'create')).to.equal(true);

    // No secret in any file; the placeholders and replacements stand in for them.
    const ringCentral = await readFile(join(dir, SOURCE, 'authproviders/Ring_Central.authprovider-meta.xml'), 'utf8');
    expect(ringCentral).to.include('<consumerSecret>__ECI_EXPORT_RINGCENTRAL_CLIENT_SECRET__</consumerSecret>');
    expect(ringCentral).to.include('<consumerKey>RcClient01</consumerKey>');
    const eci = await readFile(join(dir, SOURCE, 'authproviders/ECI_Auth_Provider.authprovider-meta.xml'), 'utf8');
    expect(eci).to.include('<consumerKey>__ECI_EXPORT_ECI_CONSUMER_KEY__</consumerKey>');
    expect(eci).to.include('<consumerSecret>__ECI_EXPORT_ECI_CONSUMER_SECRET__</consumerSecret>');
    const app = await readFile(join(dir, SOURCE, 'connectedApps/ECI_Connected_App.connectedApp-meta.xml'), 'utf8');
    expect(app).to.include('<consumerKey>__ECI_EXPORT_ECI_CONSUMER_KEY__</consumerKey>');
    expect(app).to.include('<consumerSecret>__ECI_EXPORT_ECI_CONSUMER_SECRET__</consumerSecret>');
    for (const file of await filesUnder(dir)) {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text, file).to.not.include(RC_SECRET);
      // Every consumerKey/consumerSecret element holds a placeholder or the RingCentral client id, nothing generated.
      for (const [, value] of text.matchAll(/<consumer(?:Key|Secret)>([^<]*)</g))
        expect(value, file).to.match(/^(__ECI_EXPORT_[A-Z_]+__|RcClient01)$/);
    }

    const project = await readProject(dir);
    expect(project.packageDirectories).to.deep.equal([{ path: 'force-app', default: true }]);
    expect(project.sourceApiVersion).to.equal('66.0');
    expect(project.replacements).to.have.deep.members([
      {
        filename: `${SOURCE}/authproviders/Ring_Central.authprovider-meta.xml`,
        stringToReplace: '__ECI_EXPORT_RINGCENTRAL_CLIENT_SECRET__',
        replaceWithEnv: 'RINGCENTRAL_CLIENT_SECRET',
      },
      {
        filename: `${SOURCE}/authproviders/ECI_Auth_Provider.authprovider-meta.xml`,
        stringToReplace: '__ECI_EXPORT_ECI_CONSUMER_KEY__',
        replaceWithEnv: 'ECI_CONSUMER_KEY',
      },
      {
        filename: `${SOURCE}/authproviders/ECI_Auth_Provider.authprovider-meta.xml`,
        stringToReplace: '__ECI_EXPORT_ECI_CONSUMER_SECRET__',
        replaceWithEnv: 'ECI_CONSUMER_SECRET',
      },
      {
        filename: `${SOURCE}/connectedApps/ECI_Connected_App.connectedApp-meta.xml`,
        stringToReplace: '__ECI_EXPORT_ECI_CONSUMER_KEY__',
        replaceWithEnv: 'ECI_CONSUMER_KEY',
      },
      {
        filename: `${SOURCE}/connectedApps/ECI_Connected_App.connectedApp-meta.xml`,
        stringToReplace: '__ECI_EXPORT_ECI_CONSUMER_SECRET__',
        replaceWithEnv: 'ECI_CONSUMER_SECRET',
      },
    ]);
    expect(result.environment).to.have.members([
      'RINGCENTRAL_CLIENT_SECRET',
      'ECI_CONSUMER_KEY',
      'ECI_CONSUMER_SECRET',
    ]);

    // Records are listed with the command that makes them.
    expect(result.records.map((r) => [r.type, r.command])).to.deep.include.members([
      ['User', 'sf eci ringcentral integration-user --username eci.integration@acme.example --email <email>'],
      [
        'PermissionSetAssignment',
        'sf org assign permset --name ConversationInsightsIntegrationUser --on-behalf-of eci.integration@acme.example',
      ],
      ['PermissionSetAssignment', 'sf eci ringcentral guest-permissions'],
    ]);
    // The org-specific values: My Domain in the callback URL and the ECI named credential, the site's usernames.
    const myDomain = env.org.instanceUrl;
    expect(result.orgSpecific).to.deep.include.members([
      {
        path: `${SOURCE}/namedCredentials/ECI_Named_Credential.namedCredential-meta.xml`,
        field: 'endpoint',
        value: `${myDomain}/`,
      },
      {
        path: `${SOURCE}/connectedApps/ECI_Connected_App.connectedApp-meta.xml`,
        field: 'oauthConfig.callbackUrl',
        value: `${myDomain}/services/authcallback/ECI_Auth_Provider`,
      },
      { path: `${SOURCE}/sites/VoiceConnector.site-meta.xml`, field: 'siteAdmin', value: env.username },
    ]);
  });

  it('the human output names the files, the environment a deploy needs, the records and the org-specific values', async () => {
    const dir = join(tmp, 'human');
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--output-dir', dir]);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.output)
      .to.include(`Created a Salesforce DX project in ${dir} with 10 metadata file(s)`)
      .and.include(`${SOURCE}/sites/VoiceConnector.site-meta.xml`)
      .and.include('RINGCENTRAL_CLIENT_SECRET')
      .and.include(`cd ${dir}`)
      .and.include(`sf project deploy start --manifest ${PHASE_1} --target-org <org>`)
      .and.include(`sf project deploy start --manifest ${PHASE_2} --target-org <org>`)
      .and.include('sf eci ringcentral create-auth-provider --provider eci --target-org <org>')
      .and.include('sf eci ringcentral create-named-credential --provider eci --target-org <org>')
      .and.include('sf org assign permset --name ConversationInsightsIntegrationUser')
      .and.include(`siteAdmin = ${env.username}`)
      .and.not.include(RC_SECRET);
  });

  it('every exported file is valid against the WSDL and SDR reads it back and converts it to metadata format', async () => {
    const dir = join(tmp, 'roundtrip');
    const result = await exportTo(dir);
    for (const file of result.files) {
      const node = parseXml(await readFile(join(dir, file.path), 'utf8'));
      expect([node.ns, node.name], file.path).to.deep.equal([MD_NS, file.type]);
      // decodeComplex throws on an element the WSDL does not have, out of order, or of the wrong type.
      const record = decodeComplex(node, file.type);
      expect(missingRequired({ ...record, fullName: file.fullName }, file.type), file.path).to.deep.equal([]);
    }
    const set = ComponentSet.fromSource(join(dir, 'force-app'));
    // As sf reads it from sfdx-project.json (else SDR asks the internet for the latest API version).
    set.sourceApiVersion = (await readProject(dir)).sourceApiVersion as string;
    expect(
      set
        .getSourceComponents()
        .toArray()
        .map((c) => `${c.type.name}:${c.fullName}`)
        .sort(),
    ).to.deep.equal(result.files.map((f) => `${f.type}:${f.fullName}`).sort());
    const out = join(tmp, 'mdapi');
    await new MetadataConverter().convert(set, 'metadata', {
      type: 'directory',
      outputDirectory: out,
      genUniqueDir: false,
    });
    const converted = await filesUnder(out);
    expect(converted).to.include.members([
      'authproviders/Ring_Central.authprovider',
      'authproviders/ECI_Auth_Provider.authprovider',
      'externalClientApps/ECI_Connected_App.eca',
      'extlClntAppGlobalOauthSets/ECI_Connected_App_glbloauth.ecaGlblOauth',
      'namedCredentials/Ring_Central.namedCredential',
      'namedCredentials/ECI_Named_Credential.namedCredential',
      'sites/VoiceConnector.site',
      'package.xml',
    ]);
    expect(await readFile(join(out, 'sites/VoiceConnector.site'), 'utf8')).to.equal(
      await readFile(join(dir, SOURCE, 'sites/VoiceConnector.site-meta.xml'), 'utf8'),
    );
  });

  it('into an existing project: its package directory, its files where they are, its settings and replacements kept', async () => {
    const dir = join(tmp, 'existing');
    await mkdir(join(dir, 'src/auth'), { recursive: true });
    await mkdir(join(dir, 'other/classes'), { recursive: true });
    const theirs = { filename: 'src/classes/Foo.cls', stringToReplace: 'X', replaceWithEnv: 'FOO' };
    const project = {
      packageDirectories: [{ path: 'other' }, { path: 'src', default: true }],
      name: 'their-project',
      sourceApiVersion: '64.0',
      plugins: { keep: true },
      replacements: [theirs],
    };
    await writeFile(join(dir, 'sfdx-project.json'), JSON.stringify(project));
    // The admin's own file of the RingCentral auth provider, in a folder of their choice.
    const own = join(dir, 'src/auth/Ring_Central.authprovider-meta.xml');
    await writeFile(
      own,
      `<?xml version="1.0" encoding="UTF-8"?>\n<AuthProvider xmlns="${MD_NS}"><friendlyName>Old</friendlyName><providerType>OpenIdConnect</providerType></AuthProvider>\n`,
    );
    const unrelated = join(dir, 'other/classes/Keep.cls');
    await writeFile(unrelated, 'public class Keep {}');

    const first = await exportTo(dir);
    const second = await exportTo(dir);
    expect(first.projectCreated).to.equal(false);
    expect(first.packageDirectory).to.equal('src');
    expect(second.files.map((f) => f.path).sort()).to.deep.equal(first.files.map((f) => f.path).sort());
    expect(first.files.map((f) => f.path)).to.include('src/auth/Ring_Central.authprovider-meta.xml');
    expect(first.files.map((f) => f.path)).to.include('src/main/default/sites/VoiceConnector.site-meta.xml');
    expect(await readFile(own, 'utf8')).to.include('<friendlyName>Ring Central</friendlyName>');
    expect(await readFile(unrelated, 'utf8')).to.equal('public class Keep {}');
    const after = await readProject(dir);
    expect(after).to.deep.include({ name: 'their-project', sourceApiVersion: '64.0', plugins: { keep: true } });
    expect(after.packageDirectories).to.deep.equal(project.packageDirectories);
    expect(after.replacements?.[0]).to.deep.equal(theirs);
    expect(after.replacements).to.have.length(1 + first.replacements.length);
    expect(after.replacements).to.deep.include({
      filename: 'src/auth/Ring_Central.authprovider-meta.xml',
      stringToReplace: '__ECI_EXPORT_RINGCENTRAL_CLIENT_SECRET__',
      replaceWithEnv: 'RINGCENTRAL_CLIENT_SECRET',
    });
    // One component, one file: SDR finds no duplicate.
    const names = ComponentSet.fromSource(join(dir, 'src'))
      .getSourceComponents()
      .toArray()
      .map((c) => `${c.type.name}:${c.fullName}`);
    expect(names.length).to.equal(new Set(names).size);
  });

  it('an External Client App is exported as its five files, with no consumer key or secret in any of them', async () => {
    const dir = join(tmp, 'eca');
    const result = await exportTo(dir, ['--app-type', 'external-client-app']);
    const eca = [
      `${SOURCE}/externalClientApps/ECI_Connected_App.eca-meta.xml`,
      `${SOURCE}/extlClntAppOauthSettings/ECI_Connected_App_oauth.ecaOauth-meta.xml`,
      `${SOURCE}/extlClntAppGlobalOauthSets/ECI_Connected_App_glbloauth.ecaGlblOauth-meta.xml`,
      `${SOURCE}/extlClntAppOauthPolicies/ECI_Connected_App_oauthPlcy.ecaOauthPlcy-meta.xml`,
      `${SOURCE}/extlClntAppPolicies/ECI_Connected_App_plcy.ecaPlcy-meta.xml`,
    ];
    expect(await filesUnder(dir)).to.include.members(eca);
    expect(await filesUnder(dir)).to.not.include(`${SOURCE}/connectedApps/ECI_Connected_App.connectedApp-meta.xml`);
    for (const path of eca)
      expect(await readFile(join(dir, path), 'utf8'), path).to.not.match(/<consumer(Key|Secret)>/);
    // The org makes the app's key and secret at the deploy: the ECI auth provider takes them from the environment.
    expect(
      result.replacements.filter((r) => r.filename.includes('ECI_Auth_Provider')).map((r) => r.replaceWithEnv),
    ).to.have.members(['ECI_CONSUMER_KEY', 'ECI_CONSUMER_SECRET']);
    expect(ComponentSet.fromSource(join(dir, 'force-app')).size).to.equal(result.files.length);
  });

  it('by default (--app-type auto, no app in the org): an External Client App, deployed in two phases, each a manifest', async () => {
    const dir = join(tmp, 'phases');
    const result = await exportTo(dir);
    expect(result.files.map((f) => f.path).sort()).to.deep.equal(EXPECTED_FILES);
    expect(await filesUnder(dir)).to.include.members(['README.md', PHASE_1, PHASE_2]);
    expect(await manifestMembers(dir, PHASE_1)).to.deep.equal([
      'AuthProvider:Ring_Central',
      'CustomSite:VoiceConnector',
      'ExternalClientApplication:ECI_Connected_App',
      'ExtlClntAppConfigurablePolicies:ECI_Connected_App_plcy',
      'ExtlClntAppGlobalOauthSettings:ECI_Connected_App_glbloauth',
      'ExtlClntAppOauthConfigurablePolicies:ECI_Connected_App_oauthPlcy',
      'ExtlClntAppOauthSettings:ECI_Connected_App_oauth',
      'NamedCredential:Ring_Central',
    ]);
    expect(await manifestMembers(dir, PHASE_2)).to.deep.equal([
      'AuthProvider:ECI_Auth_Provider',
      'NamedCredential:ECI_Named_Credential',
    ]);
    // Phase 1 needs no variable of the app the org has not made yet; phase 2 needs them, and nothing else.
    expect(result.phases.map((p) => [p.phase, p.environment])).to.deep.equal([
      [1, ['RINGCENTRAL_CLIENT_SECRET']],
      [2, ['ECI_CONSUMER_KEY', 'ECI_CONSUMER_SECRET']],
    ]);
    expect(result.phases.map((p) => p.command)).to.deep.equal([
      `sf project deploy start --manifest ${PHASE_1} --target-org <org>`,
      `sf project deploy start --manifest ${PHASE_2} --target-org <org>`,
    ]);
    expect(result.finish).to.deep.equal([
      'sf eci ringcentral create-auth-provider --provider eci --target-org <org>',
      'sf eci ringcentral create-named-credential --provider eci --target-org <org>',
    ]);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    for (const line of [...result.phases.map((p) => p.command), ...result.finish]) expect(readme).to.include(line);
  });

  it("--app-type connected-app exports the Connected App with a warning that Spring '26 orgs refuse it", async () => {
    const r = await env.run(Configure, ['-o', env.username, ...CA_ARGS, '--output-dir', join(tmp, 'ca')]);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.output).to.include('deploys only to an org where Salesforce Support allowed their creation');
  });

  it('no credential the org holds is ever written, even where the org differs from the guide', async () => {
    // The provider holds the app's key (Setup-made, as the guide does it) and differs from the guide in its endpoints.
    const ORG_KEY = KEY;
    const ORG_SECRET = 'OrgHeldEciSecret0042';
    env.org.seedMetadata('AuthProvider', {
      fullName: 'ECI_Auth_Provider',
      authorizeUrl: 'https://login.salesforce.com/services/oauth2/authorize',
      consumerKey: ORG_KEY,
      consumerSecret: ORG_SECRET,
      friendlyName: 'ECI Auth Provider',
      providerType: 'Salesforce',
    });
    for (const { type, record } of setupMadeAppSeed().metadata!) env.org.seedMetadata(type, record);
    const appKey = env.org.consumerCredentials('ECI_Connected_App')!;
    const dir = join(tmp, 'org-held');
    const result = await exportTo(dir);
    // The provider is updated (its endpoints): its key is a placeholder, filled from the environment at deploy time.
    const provider = result.files.find((f) => f.fullName === 'ECI_Auth_Provider')!;
    expect(provider.action).to.equal('update');
    const text = await readFile(join(dir, provider.path), 'utf8');
    expect(text).to.include('<consumerKey>__ECI_EXPORT_ECI_CONSUMER_KEY__</consumerKey>');
    expect(result.replacements).to.deep.include({
      filename: provider.path,
      stringToReplace: '__ECI_EXPORT_ECI_CONSUMER_KEY__',
      replaceWithEnv: 'ECI_CONSUMER_KEY',
    });
    // The app's callback URL differs: the whole app is written, its unchanged parts too, and no key of it.
    expect(
      result.files.filter((f) => f.type.startsWith('ExtlClntApp') || f.type === 'ExternalClientApplication'),
    ).to.have.length(5);
    expect(result.files.map((f) => f.action)).to.include('unchanged');
    for (const file of await filesUnder(dir)) {
      const content = await readFile(join(dir, file), 'utf8');
      for (const value of [ORG_KEY, ORG_SECRET, appKey.consumerKey, appKey.consumerSecret])
        expect(content, file).to.not.include(value);
    }
  });

  it('a step command exports its own components only', async () => {
    const dir = join(tmp, 'step');
    const r = await env.run(CreateAuthProvider, [
      '-o',
      env.username,
      '--client-id',
      'RcClient01',
      '--output-dir',
      dir,
      '--json',
    ]);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as { dryRun: boolean; export: ExportResult };
    expect(result.dryRun).to.equal(true);
    expect(await filesUnder(dir)).to.deep.equal([
      'README.md',
      `${SOURCE}/authproviders/Ring_Central.authprovider-meta.xml`,
      PHASE_1,
      'sfdx-project.json',
    ]);
    expect(result.export.environment).to.deep.equal(['RINGCENTRAL_CLIENT_SECRET']);
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('a step command with --deploy writes its file and the org; the file is the plan made before the write', async () => {
    const dir = join(tmp, 'site-deploy');
    const r = await env.run(Site, ['-o', env.username, '--output-dir', dir, '--deploy', '--json']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as { dryRun: boolean; export: ExportResult };
    expect(result.dryRun).to.equal(false);
    expect(result.export.deployed).to.equal(true);
    expect(result.export.files).to.deep.equal([
      {
        type: 'CustomSite',
        fullName: 'VoiceConnector',
        action: 'create',
        path: `${SOURCE}/sites/VoiceConnector.site-meta.xml`,
      },
    ]);
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')).to.include({ active: true, siteAdmin: env.username });
    expect(result.export.orgSpecific.map((o) => o.field)).to.have.members(['siteAdmin', 'siteGuestRecordDefaultOwner']);
  });

  it('--deploy writes the files and configures the org too', async () => {
    const dir = join(tmp, 'deploy');
    const result = await exportTo(dir, ['--deploy']);
    expect(result.deployed).to.equal(true);
    expect(result.files).to.have.length(10);
    expect(env.org.listMetadataNames('ExternalClientApplication')).to.deep.equal(['ECI_Connected_App']);
    expect(env.org.getMetadata('AuthProvider', 'Ring_Central')).to.include({ friendlyName: 'Ring Central' });
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')).to.include({ active: true });
    // The files are the plan made before the writes: a second export finds nothing left to write.
    const again = await exportTo(join(tmp, 'again'));
    expect(again.files).to.deep.equal([]);
  });

  it('without --output-dir nothing is exported; --deploy alone is refused', async () => {
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--dry-run', '--json']);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.result).to.not.have.property('export');
    const alone = await env.run(Configure, ['-o', env.username, ...ARGS, '--deploy', '--json']);
    expect(alone.error?.message).to.include('--output-dir');
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('without --target-org: planned as against an empty org with the given My Domain, no call to any org', async () => {
    const dir = join(tmp, 'offline');
    const calls = env.org.calls.length;
    const r = await env.run(Configure, [
      ...ARGS,
      '--my-domain',
      'https://acme.my.salesforce.com',
      '--site-contact',
      'admin@acme.example',
      '--output-dir',
      dir,
      '--json',
    ]);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(env.org.calls.length).to.equal(calls);
    const result = (r.result as { export: ExportResult }).export;
    expect(result.files.map((f) => f.path).sort()).to.deep.equal(EXPECTED_FILES);
    expect(result.files.every((f) => f.action === 'create')).to.equal(true);
    const nc = await readFile(
      join(dir, SOURCE, 'namedCredentials/ECI_Named_Credential.namedCredential-meta.xml'),
      'utf8',
    );
    expect(nc).to.include('<endpoint>https://acme.my.salesforce.com/</endpoint>');
    const site = await readFile(join(dir, SOURCE, 'sites/VoiceConnector.site-meta.xml'), 'utf8');
    expect(site).to.include('<siteAdmin>admin@acme.example</siteAdmin>');
    expect(result.records.map((x) => x.command)).to.deep.equal([
      'sf eci ringcentral integration-user --username eci.integration@acme.example --email admin@acme.example',
      'sf eci ringcentral guest-permissions',
    ]);
    expect(result.orgSpecific.map((o) => o.value)).to.include.members([
      'https://acme.my.salesforce.com/',
      'admin@acme.example',
    ]);
  });

  it('--my-domain only without --target-org, with --output-dir and --site-contact, and an https origin', async () => {
    const dir = join(tmp, 'offline-bad');
    for (const [args, name] of [
      [['--output-dir', dir], 'NoTargetOrgError'],
      [['--output-dir', dir, '--my-domain', 'https://acme.my.salesforce.com'], 'NoTargetOrgError'],
      [
        ['--output-dir', dir, '--my-domain', 'http://acme.my.salesforce.com', '--site-contact', 'a@b.example'],
        'BadMyDomainError',
      ],
      [
        ['--output-dir', dir, '--my-domain', 'https://acme.my.salesforce.com/x', '--site-contact', 'a@b.example'],
        'BadMyDomainError',
      ],
      [
        [
          '--output-dir',
          dir,
          '--my-domain',
          'https://acme.my.salesforce.com',
          '--site-contact',
          'a@b.example',
          '--deploy',
        ],
        'NoTargetOrgError',
      ],
      [
        ['-o', env.username, '--output-dir', dir, '--my-domain', 'https://acme.my.salesforce.com'],
        'MyDomainWithOrgError',
      ],
      [['-o', env.username, '--my-domain', 'https://acme.my.salesforce.com'], 'MyDomainWithOrgError'],
    ] as Array<[string[], string]>) {
      const r = await env.run(Configure, [...ARGS, ...args, '--json']);
      expect(r.error?.name, args.join(' ')).to.equal(name);
    }
    expect(await readdir(tmp)).to.not.include('offline-bad');
  });

  it('refuses a bad --output-dir before any call to the org', async () => {
    const file = join(tmp, 'a-file');
    await writeFile(file, 'x');
    const broken = join(tmp, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'sfdx-project.json'), '{ not json');
    for (const [dir, name] of [
      [file, 'NotADirectoryError'],
      [broken, 'ProjectUnreadableError'],
    ]) {
      const calls = env.commandCalls();
      const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--output-dir', dir, '--json']);
      expect(r.error?.name, dir).to.equal(name);
      expect(env.commandCalls(), dir).to.equal(calls);
    }
    expect(await readFile(join(broken, 'sfdx-project.json'), 'utf8')).to.equal('{ not json');
    expect(await filesUnder(broken)).to.deep.equal(['sfdx-project.json']);
  });
});
