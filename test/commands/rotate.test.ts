/*
 * rotate, in process against the simulated org and the RingCentral stand-in: what lands in the org (read back from the
 * simulator), what the command prints, its JSON and exit codes, and that a fault at any point leaves a state the same
 * command finishes, with the former credentials working until then.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import Rotate, { type RotateResult } from '../../src/commands/eci/ringcentral/rotate.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { ringCentralAuthProvider } from '../sim/helpers.js';
import { APP, eciNamedCredentialRecord, eciSetupSeed, KEY, SECRET } from '../sim/external-client-app-seed.js';

import { faultStats } from '../support/fault-stats.js';
import { InProcess } from './in-process.js';

const CLIENT_ID = 'RotateClient01';
const OLD_SECRET = 'RcOldSecret-7a61c2';
const NEW_SECRET = 'RcNewSecret-0b93de';

/** The rotation records under the CLI data folder of the test (paths). */
async function progressFiles(env: InProcess): Promise<string[]> {
  const all = await readdir(env.dataDir!, { recursive: true }).catch(() => [] as string[]);
  return all.filter((f) => /eci-ringcentral\/rotations\/.+\.json$/.test(f)).map((f) => join(env.dataDir!, f));
}

/** The records of a REST secrets setting still to put back, under the CLI data folder of the test. */
async function pendingRecords(env: InProcess): Promise<string[]> {
  const all = await readdir(env.dataDir!, { recursive: true }).catch(() => [] as string[]);
  return all.filter((f) => /eci-ringcentral\/pending\/.+\.json$/.test(f));
}

describe('in process: rotate --secret ringcentral', function () {
  this.timeout(60_000);
  let env: InProcess;
  let rc: FakeRingCentral;

  beforeEach(async () => {
    rc = await FakeRingCentral.start({
      apps: [
        {
          clientId: CLIENT_ID,
          clientSecret: OLD_SECRET,
          redirectUris: [],
          authCodeFlow: true,
          environment: 'production',
        },
      ],
    });
    const provider = ringCentralAuthProvider({
      authorizeUrl: `${rc.url}/restapi/oauth/authorize`,
      consumerKey: CLIENT_ID,
      consumerSecret: OLD_SECRET,
      tokenUrl: `${rc.url}/restapi/oauth/token`,
      userInfoUrl: `${rc.url}/restapi/oauth/userinfo`,
    });
    const nc = eciNamedCredentialRecord({
      fullName: 'Ring_Central',
      authProvider: 'Ring_Central',
      endpoint: rc.url,
      label: 'Ring Central',
      oauthScope: 'ReadCallRecording',
    });
    env = await InProcess.start({
      seed: {
        metadata: [
          { type: 'AuthProvider', record: provider },
          { type: 'NamedCredential', record: nc },
        ],
      },
      prepare: (org) => {
        org.linkRingCentral(rc);
        org.giveConsent('Ring_Central');
      },
    });
    // The admin regenerates the secret in the RingCentral Developer Console: the old one stops working at once.
    rc.apps[0].clientSecret = NEW_SECRET;
  });
  afterEach(async () => {
    await env.stop();
    await rc.stop();
    delete process.env.RINGCENTRAL_CLIENT_SECRET;
  });

  const rotate = (...args: string[]) =>
    env.run(Rotate, ['-o', env.username, '--secret', 'ringcentral', '--json', ...args]);
  const storedSecret = (): unknown =>
    env.org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })?.consumerSecret;

  it('a secret RingCentral refuses: exit 1 with what to check in the Developer Console, nothing written', async () => {
    process.env.RINGCENTRAL_CLIENT_SECRET = 'RcWrongSecret-44c0aa';
    const r = await rotate();
    expect(r.error?.name).to.equal('SecretRefusedError');
    expect(r.error?.exitCode).to.equal(1);
    expect(r.error?.message).to.include(CLIENT_ID).and.include('Nothing was written');
    expect(r.error?.actions?.join(' ')).to.include('https://developers.ringcentral.com/console/my-apps');
    expect(env.org.writes()).to.deep.equal([]);
    expect(storedSecret()).to.equal(OLD_SECRET);
    expect(await progressFiles(env)).to.deep.equal([]);
    expect(rc.calls.filter((c) => c.operation === 'token').map((c) => c.errorCode)).to.deep.equal(['OAU-146']);
  });

  it('an accepted secret is handed to a person for Setup (exit 68); once saved there, a re-run proves it and finishes', async () => {
    process.env.RINGCENTRAL_CLIENT_SECRET = NEW_SECRET;
    const first = await rotate();
    expect(first.error, first.error?.message).to.equal(undefined);
    expect(first.exitCode).to.equal(68);
    const result = first.result as RotateResult;
    expect(result.status).to.equal('waiting');
    expect(result.nextSteps.map((s) => s.url)).to.deep.equal([
      `${env.org.instanceUrl}/lightning/setup/AuthProviders/home`,
    ]);
    expect(env.org.writes()).to.deep.equal([]);
    expect(await progressFiles(env)).to.have.length(1);
    expect(env.org.tokenRefreshes('Ring_Central')).to.equal(false);

    // The person edits the provider in Setup and saves.
    env.org.editInSetup('AuthProvider', 'Ring_Central', { consumerSecret: NEW_SECRET });
    delete process.env.RINGCENTRAL_CLIENT_SECRET;
    const second = await rotate();
    expect(second.error, second.error?.message).to.equal(undefined);
    expect(second.exitCode ?? 0).to.equal(0);
    expect((second.result as RotateResult).status).to.equal('rotated');
    expect((second.result as RotateResult).steps.every((s) => s.status === 'done')).to.equal(true);
    expect(await progressFiles(env)).to.deep.equal([]);
    expect(storedSecret()).to.equal(NEW_SECRET);
  });

  it('--dry-run sends nothing to RingCentral and writes nothing', async () => {
    process.env.RINGCENTRAL_CLIENT_SECRET = NEW_SECRET;
    const r = await rotate('--dry-run');
    expect((r.result as RotateResult).status).to.equal('planned');
    expect(rc.calls).to.deep.equal([]);
    expect(await progressFiles(env)).to.deep.equal([]);
  });

  it('without a secret where no prompt can ask: the error says how to give it', async () => {
    const r = await rotate();
    expect(r.error?.name).to.equal('MissingSecretError');
    expect(rc.calls).to.deep.equal([]);
  });
});

describe('in process: rotate --secret eci-app', function () {
  this.timeout(60_000);
  let env: InProcess;

  beforeEach(async () => {
    env = await InProcess.start({ seed: eciSetupSeed(), prepare: (org) => org.giveConsent('ECI_Named_Credential') });
  });
  afterEach(() => env.stop());

  const rotate = (...args: string[]) => env.run(Rotate, ['-o', env.username, '--secret', 'eci-app', '--json', ...args]);
  const provider = () => env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!;

  /** The person's steps in a browser: the new pair in the ECI auth provider (from Setup), then the consent. */
  const doPersonSteps = (): void => {
    const current = env.org.consumerCredentials(APP)!;
    env.org.editInSetup('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: current.consumerKey,
      consumerSecret: current.consumerSecret,
    });
    env.org.giveConsent('ECI_Named_Credential');
  };

  it('stages and switches; the former pair stays valid until a person hands over the new one; then retires it', async () => {
    const first = await rotate();
    expect(first.error, first.error?.message).to.equal(undefined);
    expect(first.exitCode).to.equal(68);
    const waiting = first.result as RotateResult;
    expect(waiting.steps.map((s) => `${s.id}:${s.status}`)).to.deep.equal([
      'stage:done',
      'switch:done',
      'enter-credentials:open',
      'consent:planned',
      'retire:planned',
    ]);
    expect(waiting.formerValidUntil).to.be.a('string');
    const app = env.org.consumerCredentials(APP)!;
    expect(app.consumerKey).to.not.equal(KEY);
    expect(env.org.stagedCredentials(APP)).to.include({ key: KEY, state: 'Rotated' });
    expect(env.org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    expect(JSON.stringify(first.result)).to.not.include(app.consumerKey).and.not.include(app.consumerSecret);

    doPersonSteps();
    const second = await rotate();
    expect(second.error, second.error?.message).to.equal(undefined);
    expect((second.result as RotateResult).status).to.equal('rotated');
    expect(env.org.stagedCredentials(APP)).to.equal(undefined);
    expect(provider()).to.include({ consumerKey: app.consumerKey, consumerSecret: app.consumerSecret });
    expect(env.org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    expect(await progressFiles(env)).to.deep.equal([]);
  });

  it('a lost answer to the switch is settled by the org: the staged pair shows it landed, and the run goes on', async () => {
    env.org.faults.add({ operation: 'oauthStagedRotate' }, { kind: 'reset', when: 'after' });
    const first = await rotate();
    expect((first.result as RotateResult | undefined)?.status, first.error?.message).to.equal('waiting');
    expect(env.org.stagedCredentials(APP)).to.include({ key: KEY, state: 'Rotated' });
    expect(env.org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
  });

  it('a fault after the switch, before the org could say: the former pair still works, and the next run finishes', async () => {
    env.org.faults.add({ operation: 'oauthStagedRotate' }, { kind: 'reset', when: 'after' });
    // The read that would settle it is refused too (the second read of the staged credential).
    env.org.faults.add(
      { operation: 'oauthStagedList', nth: 2 },
      { kind: 'answer', status: 400, contentType: 'application/json', body: '[{"errorCode":"UNKNOWN","message":"x"}]' },
    );
    const first = await rotate();
    expect(first.error?.exitCode).to.equal(1);
    expect(env.org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
    const files = await progressFiles(env);
    expect(files).to.have.length(1);
    expect(JSON.parse(await readFile(files[0], 'utf8'))).to.include({ stage: 'rotating', target: 'eci-app' });

    const second = await rotate();
    expect((second.result as RotateResult).status, second.error?.message).to.equal('waiting');
    expect(env.org.stagedCredentials(APP)).to.include({ key: KEY, state: 'Rotated' });
    doPersonSteps();
    expect(((await rotate()).result as RotateResult).status).to.equal('rotated');
    expect(env.org.stagedCredentials(APP)).to.equal(undefined);
  });

  it('Ctrl-C after each write: exit 130, the former pair still works; the re-run and the person finish it', async () => {
    for (const nth of [1, 2]) {
      faultStats.count('interruption');
      await env.stop();
      env = await InProcess.start({ seed: eciSetupSeed(), prepare: (org) => org.giveConsent('ECI_Named_Credential') });
      env.org.faults.add({ write: true, nth }, { kind: 'then', run: () => void process.emit('SIGINT') });
      const stopped = await rotate();
      expect(stopped.error?.exitCode, `write ${nth}`).to.equal(130);
      expect(env.org.writes().length).to.equal(nth);
      expect(env.org.tokenRefreshes('ECI_Named_Credential')).to.equal(true);
      expect(((await rotate()).result as RotateResult).status, `write ${nth}`).to.equal('waiting');
      doPersonSteps();
      expect(((await rotate()).result as RotateResult).status, `write ${nth}`).to.equal('rotated');
      expect(env.org.stagedCredentials(APP)).to.equal(undefined);
      faultStats.pass('interruption');
    }
  });

  it('a lost answer to the staging: the next run takes the staged pair it finds and goes on', async () => {
    env.org.faults.add({ operation: 'oauthStage' }, { kind: 'reset', when: 'after' });
    expect((await rotate()).error?.exitCode).to.equal(1);
    expect(env.org.stagedCredentials(APP)?.state).to.equal('Active');
    expect(env.org.consumerCredentials(APP)?.consumerKey).to.equal(KEY);
    const second = await rotate();
    expect((second.result as RotateResult).status, second.error?.message).to.equal('waiting');
    expect(second.result && (second.result as RotateResult).steps[1].status).to.equal('done');
  });

  it('a refused switch rolls back: the staged pair is retired and the app keeps its own', async () => {
    env.org.faults.add(
      { operation: 'oauthStagedRotate' },
      {
        kind: 'answer',
        status: 400,
        contentType: 'application/json',
        body: '[{"errorCode":"INVALID_OPERATION","message":"no"}]',
      },
    );
    const r = await rotate();
    expect(r.error?.name).to.equal('SwitchRefusedError');
    expect(env.org.stagedCredentials(APP)).to.equal(undefined);
    expect(env.org.consumerCredentials(APP)).to.include({ consumerKey: KEY, consumerSecret: SECRET });
    expect(await progressFiles(env)).to.deep.equal([]);
  });

  it('--dry-run reads only', async () => {
    const r = await rotate('--dry-run');
    expect((r.result as RotateResult).status).to.equal('planned');
    expect(env.org.writes()).to.deep.equal([]);
    expect(env.org.stagedCredentials(APP)).to.equal(undefined);
  });

  it('a Connected App: what to do in Setup, with the URLs; nothing written', async () => {
    await env.stop();
    env = await InProcess.start({
      seed: {
        settings: { connectedAppCreationAllowed: true },
        metadata: [
          {
            type: 'ConnectedApp',
            record: {
              fullName: APP,
              contactEmail: 'admin@acme.com',
              label: 'ECI Connected App',
              oauthConfig: {
                callbackUrl: 'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider',
                consumerKey: KEY,
                consumerSecret: SECRET,
                scopes: ['Api'],
              },
            },
          },
        ],
      },
    });
    const r = await rotate();
    const result = r.result as RotateResult;
    expect(result.status, r.error?.message).to.equal('handed-over');
    expect(result.nextSteps.map((s) => s.url)).to.deep.equal([
      `${env.org.instanceUrl}/lightning/setup/NavigationMenus/home`,
      `${env.org.instanceUrl}/lightning/setup/AuthProviders/home`,
      `${env.org.instanceUrl}/lightning/setup/NamedCredential/home`,
    ]);
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('an org that does not allow consumer secrets over REST: what to turn on, nothing staged', async () => {
    env.org.settings = { ...env.org.settings, clientSecretInRestApiAccess: false };
    const r = await rotate();
    expect(r.error?.name).to.equal('StagingNotAllowedError');
    expect(r.error?.actions?.join(' '))
      .to.include('External Client App Settings')
      .and.include('--allow-secret-read-via-rest');
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('--allow-secret-read-via-rest on such an org: on for the run, staged and switched, back off; the JSON says so', async () => {
    env.org.settings = { ...env.org.settings, clientSecretInRestApiAccess: false };
    const r = await rotate('--allow-secret-read-via-rest');
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.exitCode).to.equal(68);
    const result = r.result as RotateResult;
    expect(result.steps.filter((s) => s.status === 'done').map((s) => s.id)).to.deep.equal(['stage', 'switch']);
    expect(result.secretAccess).to.deep.equal({
      setting: 'ExternalClientAppSettings.enableClientSecretInRestApiAccess',
      turnedOn: true,
      restored: true,
    });
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    expect(env.org.stagedCredentials(APP)).to.include({ key: KEY, state: 'Rotated' });
    expect(r.output).to.include('turned on for this run').and.include('turned back off');
    expect(await pendingRecords(env)).to.deep.equal([]);

    doPersonSteps();
    const second = await rotate('--allow-secret-read-via-rest');
    expect((second.result as RotateResult).status, second.error?.message).to.equal('rotated');
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    expect(env.org.stagedCredentials(APP)).to.equal(undefined);
  });

  it('Ctrl-C while the setting is on for the rotation: exit 130, and the output says it is still on and how it goes back', async () => {
    faultStats.count('interruption');
    env.org.settings = { ...env.org.settings, clientSecretInRestApiAccess: false };
    // The first write switches the setting on; the second stages the new pair.
    env.org.faults.add({ write: true, nth: 2 }, { kind: 'then', run: () => void process.emit('SIGINT') });
    const stopped = await rotate('--allow-secret-read-via-rest');
    expect(stopped.error?.exitCode).to.equal(130);
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(true);
    expect(JSON.stringify(stopped.error?.data)).to.include('"turnedOn":true').and.include('"restored":false');
    expect(stopped.output).to.include('could not be turned back off').and.include('next run of any command');
    // The next run puts it back first, and finishes the rotation under its own switch.
    const again = await rotate('--allow-secret-read-via-rest');
    expect((again.result as RotateResult).status, again.error?.message).to.equal('waiting');
    expect(env.org.settings.clientSecretInRestApiAccess).to.equal(false);
    expect(await pendingRecords(env)).to.deep.equal([]);
    faultStats.pass('interruption');
  });

  it('--allow-secret-read-via-rest below API 62: the version it needs, before any call', async () => {
    const before = env.org.calls.length;
    const r = await rotate('--allow-secret-read-via-rest', '--api-version', '61.0');
    expect(r.error?.name).to.equal('ApiVersionTooLowError');
    expect(r.error?.message).to.include('62.0');
    expect(env.org.calls.slice(before).filter((c) => c.operation !== 'versions')).to.deep.equal([]);
  });

  it('--allow-secret-read-via-rest is for the ECI app only: an error before any call', async () => {
    const r = await env.run(Rotate, [
      '-o',
      env.username,
      '--secret',
      'ringcentral',
      '--allow-secret-read-via-rest',
      '--json',
    ]);
    expect(r.error?.name).to.equal('SecretReadNotForTargetError');
    expect(r.error?.exitCode).to.equal(1);
    expect(env.org.calls).to.deep.equal([]);
  });
});
