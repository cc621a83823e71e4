/*
 * The ECI app's key and secret on a DEFAULT Spring '26 org, in process against the simulated org (REST access to
 * consumer secrets off, the usage list strict): configure with --allow-secret-read-via-rest finishes in one run, the
 * ECI auth provider holds the key and secret the org made and the setting ends as it began; without consent exit 68
 * with the three ways out; Ctrl-C between switching the setting on and back off, repaired by the next run of another
 * command; a new app not listed yet; the OAuth settings types' refusal; API version floors and Winter '27 (68); an org
 * reached through a custom domain. Everything is read back from the simulator's state.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import sinon from 'sinon';
import { SfCommand } from '@salesforce/sf-plugins-core';
import Configure, { type ConfigureResult } from '../../src/commands/eci/ringcentral/configure.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import { NEW_APP_WAIT } from '../../src/steps/eci-auth-provider.js';
import type { SimSeed, SimulatedOrg } from '../sim/index.js';
import { setupMadeAppSeed } from '../sim/external-client-app-seed.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess, type InProcessRun } from './in-process.js';

const APP = 'ECI_Connected_App';
const FLAG = '--allow-secret-read-via-rest';
const ARGS = [
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--integration-username',
  'eci.integration@acme.example',
  '--integration-email',
  'admin@acme.example',
  '--json',
];

type Step = ConfigureResult['steps'][number] & {
  details: { secretAccess?: { setting: string; turnedOn: boolean; restored: boolean } };
};
const resultOf = (r: InProcessRun): ConfigureResult =>
  (r.result ?? (r.error?.data as ConfigureResult)) as ConfigureResult;
const step = (r: InProcessRun, id: string): Step => resultOf(r).steps.find((s) => s.id === id) as Step;

/** The ECI auth provider holds the key and secret the org made for its External Client App. */
function expectProviderHoldsAppCredentials(org: SimulatedOrg): void {
  const app = org.consumerCredentials(APP)!;
  expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.deep.include({
    consumerKey: app.consumerKey,
    consumerSecret: app.consumerSecret,
  });
}

const settingsDeploys = (org: SimulatedOrg): number =>
  org.calls.filter((c) => c.operation === 'deploy' && c.type === 'Settings').length;

/** The records of switches not undone, in the CLI data folder of the runs. */
async function pendingRecords(env: InProcess): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (path.includes(join('eci-ringcentral', 'pending'))) found.push(await readFile(path, 'utf8'));
    }
  };
  if (env.dataDir) await walk(env.dataDir);
  return found;
}

describe('in process: the ECI app’s key and secret on a default Spring ’26 org', function () {
  this.timeout(120_000);
  let env: InProcess;
  const start = async (seed: SimSeed = {}): Promise<InProcess> => {
    env = await InProcess.start({
      seed,
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: 'RcSecret-Eca-7d20a1' },
    });
    return env;
  };
  const configure = (...extra: string[]): Promise<InProcessRun> =>
    env.run(Configure, ['-o', env.username, ...ARGS, ...extra]);
  afterEach(() => env?.stop());

  it('with consent: one run finishes; the provider holds the org’s key and secret; the setting ends off; JSON says so', async () => {
    await start();
    const r = await configure(FLAG);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(resultOf(r).outcome).to.equal('complete');
    expectProviderHoldsAppCredentials(env.org);
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    expect(settingsDeploys(env.org)).to.equal(2);
    expect(step(r, 'eci-auth-provider').details.secretAccess).to.deep.equal({
      setting: 'ExternalClientAppSettings.enableClientSecretInRestApiAccess',
      turnedOn: true,
      restored: true,
    });
    expect(step(r, 'eci-auth-provider').warnings.join(' ')).to.include('turned back off');
    expect(await pendingRecords(env)).to.deep.equal([]);
    // The usage list was never needed (it lists no app made a minute ago).
    expect(env.org.calls.filter((c) => c.operation === 'oauthUsage')).to.deep.equal([]);
  });

  it('without consent: exit 68, the three ways out, every other task done, the setting untouched', async () => {
    await start();
    const r = await configure();
    expect(r.exitCode).to.equal(68);
    const failed = step(r, 'eci-auth-provider');
    expect(failed.status).to.equal('failed');
    expect(failed.reason)
      .to.include('Allow access to External Client App consumer secrets via REST API')
      .and.include('enableClientSecretInRestApiAccess');
    const [flag, toggle, fromSetup] = failed.actions!;
    expect(flag).to.include(FLAG);
    expect(toggle).to.include(`${env.org.instanceUrl}/lightning/setup/ExternalClientApplicationSettings/home`);
    expect(fromSetup).to.include('ECI_CONSUMER_KEY').and.include('ECI_CONSUMER_SECRET');
    const others = resultOf(r).steps.filter((s) => !['eci-auth-provider', 'eci-named-credential'].includes(s.id));
    expect(others.map((s) => s.status)).to.deep.equal(Array.from({ length: others.length }, () => 'created'));
    expect(step(r, 'eci-named-credential').status).to.equal('skipped');
    expect(env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
    expect(settingsDeploys(env.org)).to.equal(0);
  });

  it('Ctrl-C between switching it on and back off: exit 130, recorded; the next run of another command turns it off', async () => {
    await start();
    // The first credentials request comes right after the switch: Ctrl-C then.
    env.org.faults.add({ operation: 'oauthCredentials' }, { kind: 'then', run: () => void process.emit('SIGINT') });
    const cut = await configure(FLAG);
    expect(cut.error?.name).to.equal('InterruptedError');
    expect(cut.error?.exitCode).to.equal(130);
    expect(env.org.settings.clientSecretInRestApiAccess, 'left on by the cut run').to.equal(true);
    expect(step(cut, 'eci-auth-provider').details.secretAccess).to.deep.include({ turnedOn: true, restored: false });
    expect(cut.output).to.include('next run of any command');
    const [record] = await pendingRecords(env);
    expect(JSON.parse(record)).to.deep.include({
      setting: 'ExternalClientAppSettings.enableClientSecretInRestApiAccess',
      restoreTo: false,
    });

    const v = await env.run(Verify, ['-o', env.username, '--json']);
    expect(v.output).to.include('It is off again now');
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    expect(await pendingRecords(env)).to.deep.equal([]);

    const again = await configure(FLAG);
    expect(again.error, again.error?.message).to.equal(undefined);
    expectProviderHoldsAppCredentials(env.org);
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
  });

  it('in a terminal the switch is confirmed once a run: a no switches nothing (exit 68), a yes switches and restores', async () => {
    await start();
    const asked: string[] = [];
    let answer = false;
    const confirm = sinon.stub(SfCommand.prototype, 'confirm').callsFake(async (opts: { message: string }) => {
      asked.push(opts.message);
      return answer;
    });
    try {
      const args = ARGS.filter((a) => a !== '--json');
      const declined = await env.run(Configure, ['-o', env.username, ...args, FLAG], { stdin: 'terminal' });
      expect(declined.exitCode).to.equal(68);
      expect(asked).to.deep.equal([
        'To read the ECI app\'s consumer key and secret, turn on "Allow access to External Client App consumer secrets via REST API" now, and back off right after the read?',
      ]);
      expect(settingsDeploys(env.org)).to.equal(0);
      answer = true;
      const accepted = await env.run(Configure, ['-o', env.username, ...args, FLAG], { stdin: 'terminal' });
      expect(accepted.error, accepted.error?.message).to.equal(undefined);
      expect(asked).to.have.length(2);
      expect(accepted.output).to.include('turned back off');
      expectProviderHoldsAppCredentials(env.org);
      expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    } finally {
      confirm.restore();
    }
  });

  describe('a new app the org does not list yet', () => {
    const saved = { ...NEW_APP_WAIT };
    beforeEach(() => Object.assign(NEW_APP_WAIT, { tries: 4, delayMs: 5 }));
    afterEach(() => Object.assign(NEW_APP_WAIT, saved));

    it('is waited for, briefly, right after it is made', async () => {
      await start({ settings: { newAppUnseenForReads: 2, clientSecretInRestApiAccess: true } });
      const r = await configure();
      expect(r.error, r.error?.message).to.equal(undefined);
      expectProviderHoldsAppCredentials(env.org);
    });

    it('still unlisted after the tries: "not listed yet", never "run connected-app first"; exit 68', async () => {
      await start({ settings: { newAppUnseenForReads: 50, clientSecretInRestApiAccess: true } });
      const r = await configure();
      expect(r.exitCode).to.equal(68);
      const failed = step(r, 'eci-auth-provider');
      expect(failed.reason).to.include('does not list it').and.not.include('connected-app');
      expect(failed.actions!.join(' ')).to.include('in a few minutes');
    });
  });

  it('a refusal to read the OAuth settings types names their setting and permission, not "apps off", not "both kinds"', async () => {
    await start(setupMadeAppSeed({ userCanReadOAuthSettings: false }));
    const r = await configure('--app-type', 'auto');
    const failed = step(r, 'eci-connected-app');
    expect(failed.status).to.equal('failed');
    expect(failed.reason)
      .to.include('Allow Access to OAuth Consumer Secrets via Metadata API')
      .and.include('View External Client Apps Consumer Secrets in Metadata')
      .and.not.include('refuses both kinds')
      .and.not.include('are not enabled in this org');
  });

  describe('API versions', () => {
    it('an External Client App or the setting asked for below their version: an SfError before any call', async () => {
      await start();
      for (const [args, version] of [
        [['--app-type', 'external-client-app', '--api-version', '59.0'], '60.0'],
        [[FLAG, '--api-version', '61.0'], '62.0'],
      ] as const) {
        const before = env.commandCalls();
        const r = await configure(...args);
        expect(r.error?.name, args.join(' ')).to.equal('ApiVersionTooLowError');
        expect(r.error?.message).to.include(version);
        expect(r.error?.actions?.join(' ')).to.include(`--api-version ${version}`);
        expect(env.commandCalls(), 'no call').to.equal(before);
      }
    });

    it('auto below API 60 on an org that refuses Connected Apps: the External Client App path stops before its deploy', async () => {
      await start();
      const r = await configure('--api-version', '59.0');
      const failed = step(r, 'eci-connected-app');
      expect(failed.status).to.equal('failed');
      expect(failed.reason).to.include('ExtlClntAppConfigurablePolicies').and.include('60.0');
      expect(env.org.calls.filter((c) => c.operation === 'deploy')).to.deep.equal([]);
    });

    it("Winter '27 (API 68): a default org configured with consent, every call at 68.0", async () => {
      await start({ settings: { maxApiVersion: 68 } });
      const r = await configure(FLAG, '--api-version', '68.0');
      expect(r.error, r.error?.message).to.equal(undefined);
      expectProviderHoldsAppCredentials(env.org);
      const versions = new Set(
        env.org.calls
          .filter((c) => c.operation !== 'versions')
          .map((c) => /\/(?:v|Soap\/m\/)(\d+\.\d+)/.exec(c.path)?.[1])
          .filter(Boolean),
      );
      expect([...versions]).to.deep.equal(['68.0']);
    });
  });

  it("reached through a custom domain: the ECI auth provider's endpoints on the org's *.my.salesforce.com", async () => {
    await start({ settings: { clientSecretInRestApiAccess: true, myDomainUrl: 'https://simorg.my.salesforce.com' } });
    const r = await configure();
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({
      authorizeUrl: 'https://simorg.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://simorg.my.salesforce.com/services/oauth2/token',
    });
    expect(env.org.calls.filter((c) => c.operation === 'userinfo')).to.have.length(1);
  });
});
