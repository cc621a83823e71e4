/*
 * Nothing lost on drift, in process against the simulated org: an update of what exists needs consent
 * (--force where nothing can ask), the plan shows old → new, and every update leaves a backup of the previous
 * versions (secrets left out) whose path the result gives.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import { unseal } from '../../src/cli/sealed.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Drift-8d21f0';
const ARGS = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example', '--json'];

describe('in process: drift and mistakes are never applied without a way back', function () {
  this.timeout(60_000);
  let env: InProcess;
  const secret = process.env.RINGCENTRAL_CLIENT_SECRET;

  beforeEach(async () => {
    process.env.RINGCENTRAL_CLIENT_SECRET = RC_SECRET;
    env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
    });
    const first = await env.run(Configure, ['-o', env.username, ...ARGS]);
    expect(first.error, first.error?.message).to.equal(undefined);
    expect((first.result as { backupFile?: string }).backupFile).to.equal(undefined);
  });
  afterEach(async () => {
    await env.stop();
    if (secret === undefined) delete process.env.RINGCENTRAL_CLIENT_SECRET;
    else process.env.RINGCENTRAL_CLIENT_SECRET = secret;
  });

  /** configure with a client id one letter off the working one (RcClient01). */
  const mistyped = (...extra: string[]): string[] => [
    '-o',
    env.username,
    '--client-id',
    'RcClient0l',
    '--contact-email',
    'admin@acme.example',
    ...extra,
  ];

  const changeSiteBehindTheBack = (): void => {
    // guestProfile is read-only: what a retrieve gives back, not what a write sends.
    const { guestProfile, ...site } = env.org.getMetadata('CustomSite', 'VoiceConnector')!;
    void guestProfile;
    env.org.seedMetadata('CustomSite', { ...site, clickjackProtectionLevel: 'AllowAllFraming' });
  };

  it("a guide field changed behind the plugin's back is not restored without --force; nothing is written", async () => {
    changeSiteBehindTheBack();
    const writes = env.org.writes().length;
    const r = await env.run(Configure, ['-o', env.username, ...ARGS]);
    expect(r.error?.name).to.equal('UpdatesNeedForceError');
    expect(r.error?.exitCode).to.equal(1);
    expect(r.error?.message)
      .to.include('CustomSite VoiceConnector')
      .and.include('clickjackProtectionLevel: AllowAllFraming → SameOriginOnly');
    expect(r.error?.actions?.join(' ')).to.include('--force');
    expect(env.org.writes().length).to.equal(writes);
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')?.clickjackProtectionLevel).to.equal('AllowAllFraming');
  });

  it('with --force it is restored, and the previous version is in the backup file the result names', async () => {
    changeSiteBehindTheBack();
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--force']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const { backupFile } = r.result as { backupFile?: string };
    expect(backupFile).to.be.a('string').and.include(env.dataDir!);
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')?.clickjackProtectionLevel).to.equal('SameOriginOnly');
    const backup = JSON.parse(await readFile(backupFile!, 'utf8')) as {
      components: Array<{ type: string; name: string; fields: Record<string, unknown> }>;
    };
    expect(backup.components.find((c) => c.type === 'CustomSite')?.fields).to.include({
      clickjackProtectionLevel: 'AllowAllFraming',
    });
    expect(JSON.stringify(backup)).to.not.include(RC_SECRET);
  });

  it('a mistyped --client-id on a re-run does not replace a working key without --force', async () => {
    const r = await env.run(Configure, mistyped('--json'));
    expect(r.error?.name).to.equal('UpdatesNeedForceError');
    expect(r.error?.message).to.include('consumerKey');
    expect(env.org.getMetadata('AuthProvider', 'Ring_Central')?.consumerKey).to.equal('RcClient01');
  });

  it('a changed client id or server is drift like any other: --environment/--server given on every run is no consent', async () => {
    for (const platform of [
      ['--environment', 'sandbox'],
      ['--server', 'https://platform.devtest.ringcentral.com'],
    ]) {
      const writes = env.org.writes().length;
      const r = await env.run(Configure, mistyped(...platform, '--json'));
      expect(r.error?.name, platform.join(' ')).to.equal('UpdatesNeedForceError');
      expect(r.error?.message).to.include('consumerKey').and.include('authorizeUrl');
      expect(env.org.writes().length).to.equal(writes);
      expect(env.org.getMetadata('AuthProvider', 'Ring_Central')?.consumerKey).to.equal('RcClient01');
    }
  });

  it('with --force a changed client id is written, and the backup keeps the old one sealed (not in clear), so it can be put back', async () => {
    const r = await env.run(Configure, mistyped('--force', '--json'));
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(env.org.getMetadata('AuthProvider', 'Ring_Central')?.consumerKey).to.equal('RcClient0l');
    const backup = await readFile((r.result as { backupFile: string }).backupFile, 'utf8');
    expect(backup).to.not.include('RcClient01');
    const provider = (
      JSON.parse(backup) as { components: Array<{ type: string; name: string; sealed?: Record<string, string> }> }
    ).components.find((c) => c.type === 'AuthProvider' && c.name === 'Ring_Central');
    expect(provider?.sealed?.consumerKey).to.be.a('string');
    expect((await unseal(provider!.sealed!.consumerKey)).reveal()).to.equal('RcClient01');
  });

  it('a step command asks for consent too: --force (or a yes in a terminal), never with --no-prompt alone', async () => {
    for (const extra of [[], ['--no-prompt']]) {
      const writes = env.org.writes().length;
      const r = await env.run(CreateAuthProvider, [
        '-o',
        env.username,
        '--client-id',
        'RcClient0l',
        '--json',
        ...extra,
      ]);
      expect(r.error?.name, extra.join(' ')).to.equal('UpdatesNeedForceError');
      expect(r.error?.message).to.include('consumerKey: RcClient01 → RcClient0l');
      expect(env.org.writes().length).to.equal(writes);
    }
    const forced = await env.run(CreateAuthProvider, [
      '-o',
      env.username,
      '--client-id',
      'RcClient0l',
      '--force',
      '--json',
    ]);
    expect(forced.error, forced.error?.message).to.equal(undefined);
    expect(env.org.getMetadata('AuthProvider', 'Ring_Central')?.consumerKey).to.equal('RcClient0l');
  });

  it('a step command that updates also leaves a backup, secrets left out', async () => {
    changeSiteBehindTheBack();
    const refused = await env.run(Site, ['-o', env.username, '--json']);
    expect(refused.error?.name).to.equal('UpdatesNeedForceError');
    const r = await env.run(Site, ['-o', env.username, '--force', '--json']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const { backupFile } = r.result as { backupFile?: string };
    const backup = await readFile(backupFile!, 'utf8');
    expect(backup).to.include('AllowAllFraming');
  });

  it("an ECI auth provider whose key its app no longer has: verify says what configure does; configure gives it the app's key and hands the secret to Setup", async () => {
    const provider = env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!;
    env.org.seedMetadata('AuthProvider', { ...provider, consumerKey: 'AKeyOfAnAppThatIsGone01' });
    const v = await env.run(Verify, ['-o', env.username]);
    expect(v.output).to.include(
      "AuthProvider ECI_Auth_Provider, consumerKey: the org holds ********; the guide wants ********; configure gives it the app's key, and a person enters the matching secret in Setup",
    );
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--force']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as {
      steps: Array<{ id: string; status: string }>;
      nextSteps: Array<{ title: string; url?: string }>;
    };
    expect(result.steps.find((s) => s.id === 'eci-auth-provider')?.status).to.equal('updated');
    const appKey = (
      env.org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!.oauthConfig as {
        consumerKey: string;
      }
    ).consumerKey;
    expect(env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider')?.consumerKey).to.equal(appKey);
    expect(result.nextSteps.find((s) => s.title.includes('consumer secret'))?.url).to.equal(
      `${env.org.instanceUrl}/lightning/setup/AuthProviders/home`,
    );
  });

  it('verify says each drifted field plainly: what the org holds, what the guide wants, what configure does', async () => {
    changeSiteBehindTheBack();
    const app = env.org.getMetadata('ConnectedApp', 'ECI_Connected_App', { includeSecrets: true })!;
    // Without the key and secret: an update may not carry them.
    const { consumerKey, consumerSecret, ...oauthConfig } = app.oauthConfig as Record<string, unknown>;
    void consumerKey;
    void consumerSecret;
    env.org.seedMetadata('ConnectedApp', { ...app, oauthConfig: { ...oauthConfig, scopes: ['Api', 'Full'] } });
    const v = await env.run(Verify, ['-o', env.username]);
    expect(v.output).to.match(
      /ConnectedApp ECI_Connected_App, oauthConfig\.scopes: the org holds Api, Full; the guide wants Api, Full, \w+, \w+, \w+; configure adds the guide's entries and keeps the others\./,
    );
    expect(v.output).to.include(
      "CustomSite VoiceConnector, clickjackProtectionLevel: the org holds AllowAllFraming; the guide wants SameOriginOnly; configure changes it to the guide's value.",
    );
    expect(v.output).to.include("Every other setting of these components is the admin's own: configure keeps it.");
  });

  it('a re-run with nothing to change asks nothing and writes no backup', async () => {
    const r = await env.run(Configure, ['-o', env.username, ...ARGS]);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect((r.result as { outcome: string; backupFile?: string }).backupFile).to.equal(undefined);
  });
});
