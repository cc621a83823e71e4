/*
 * Day two, end to end with the real sf CLI on the simulated org and the RingCentral stand-in: after configure, rotate
 * the RingCentral client secret (written only once RingCentral accepts it; a refused one writes nothing) and the ECI
 * app's consumer key and secret (a fault mid-way leaves the former working and a state the next run finishes; at the
 * end the ECI auth provider holds the org's new pair and the former is retired); then a refreshed sandbox: verify
 * says so, configure and the person's steps make verify pass. Everything else about these commands is tested in
 * process (test/commands/rotate.test.ts, refresh.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { simulatedOrgAndCli, type RunResult } from './harness.js';

const CLIENT_ID = 'DayTwoClient01';
const OLD_SECRET = 'RcDayTwoOld-5d1f02';
const NEW_SECRET = 'RcDayTwoNew-c83a9e';
const INTEGRATION_USER = 'eci.integration@sim.example';
const APP = 'ECI_Connected_App';

describe('e2e: day two (rotate, a refreshed sandbox)', function () {
  this.timeout(300_000);
  const fixture = simulatedOrgAndCli();
  let rc: FakeRingCentral;
  let prod: SimulatedOrg;

  const sf = (alias: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> =>
    fixture.cli.run(['eci', 'ringcentral', ...args, '-o', alias], { env, timeoutMs: 150_000 });
  const rotate = (secret: string, env: Record<string, string> = {}): Promise<RunResult> =>
    sf('prod', ['rotate', '--secret', secret, '--json'], env);
  const providerSecret = (org: SimulatedOrg, name: string): unknown =>
    org.getMetadata('AuthProvider', name, { includeSecrets: true })?.consumerSecret;

  before(async () => {
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
    prod = await fixture.freshOrg('prod', {
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (org) => {
        installVoiceConnector(org);
        org.linkRingCentral(rc);
      },
    });
    const configured = await sf(
      'prod',
      [
        'configure',
        '--client-id',
        CLIENT_ID,
        '--server',
        rc.url,
        '--contact-email',
        'admin@sim.example',
        '--integration-username',
        INTEGRATION_USER,
        '--integration-email',
        'admin@sim.example',
        '--json',
      ],
      { RINGCENTRAL_CLIENT_SECRET: OLD_SECRET },
    );
    expect(configured.code, configured.stdout).to.equal(0);
    rc.app(CLIENT_ID)!.redirectUris.push(`${prod.instanceUrl}/services/authcallback/Ring_Central`);
    prod.giveConsent('Ring_Central');
    prod.giveConsent('ECI_Named_Credential');
  });
  after(() => rc?.stop());

  it('rotate --secret ringcentral: a refused secret writes nothing; an accepted one goes in through Setup and is proven', async () => {
    // The admin regenerates the secret in the RingCentral Developer Console: the old one stops working at once.
    rc.app(CLIENT_ID)!.clientSecret = NEW_SECRET;
    const writes = prod.writes().length;
    const refused = await rotate('ringcentral', { RINGCENTRAL_CLIENT_SECRET: 'RcDayTwoWrong-77e0b4' });
    expect(refused.code).to.equal(1);
    expect(refused.json.name).to.equal('SecretRefusedError');
    expect(prod.writes().length).to.equal(writes);
    expect(providerSecret(prod, 'Ring_Central')).to.equal(OLD_SECRET);

    const accepted = await rotate('ringcentral', { RINGCENTRAL_CLIENT_SECRET: NEW_SECRET });
    expect(accepted.code, accepted.stdout).to.equal(68);
    expect(accepted.json.result.status).to.equal('waiting');
    expect(accepted.json.result.nextSteps[0].url).to.equal(`${prod.instanceUrl}/lightning/setup/AuthProviders/home`);
    expect(prod.tokenRefreshes('Ring_Central')).to.equal(false);

    prod.editInSetup('AuthProvider', 'Ring_Central', { consumerSecret: NEW_SECRET });
    const proven = await rotate('ringcentral');
    expect(proven.code, proven.stdout).to.equal(0);
    expect(proven.json.result.status).to.equal('rotated');
    expect(providerSecret(prod, 'Ring_Central')).to.equal(NEW_SECRET);
  });

  it('rotate --secret eci-app: a fault mid-way leaves the former pair working; the next runs finish, the former retired', async () => {
    const former = prod.consumerCredentials(APP)!;
    // The switch lands but its answer is lost, and the read that would tell is refused: the run cannot know.
    prod.faults.add({ operation: 'oauthStagedRotate' }, { kind: 'reset', when: 'after' });
    prod.faults.add(
      { operation: 'oauthStagedList', nth: 2 },
      { kind: 'answer', status: 400, contentType: 'application/json', body: '[{"errorCode":"UNKNOWN","message":"x"}]' },
    );
    const cut = await rotate('eci-app');
    expect(cut.code).to.equal(1);
    expect(prod.tokenRefreshes('ECI_Named_Credential')).to.equal(true);

    const waiting = await rotate('eci-app');
    expect(waiting.code, waiting.stdout).to.equal(68);
    expect(prod.stagedCredentials(APP)).to.include({ key: former.consumerKey, state: 'Rotated' });
    expect(prod.tokenRefreshes('ECI_Named_Credential')).to.equal(true);

    // The person: the app's new pair (Setup shows it) into the ECI auth provider, then the consent.
    const current = prod.consumerCredentials(APP)!;
    prod.editInSetup('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: current.consumerKey,
      consumerSecret: current.consumerSecret,
    });
    prod.giveConsent('ECI_Named_Credential');
    const done = await rotate('eci-app');
    expect(done.code, done.stdout).to.equal(0);
    expect(done.json.result.status).to.equal('rotated');
    expect(prod.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
      consumerKey: current.consumerKey,
      consumerSecret: current.consumerSecret,
    });
    expect(current.consumerKey).to.not.equal(former.consumerKey);
    expect(prod.stagedCredentials(APP)).to.equal(undefined);
  });

  it('a refreshed sandbox: verify says so in one line; configure and the person steps make verify pass', async () => {
    const sandbox = await fixture.freshOrg('sbx', {
      sandboxOf: { org: prod },
      prepare: (org) => org.linkRingCentral(rc),
    });
    const verify = (env: Record<string, string> = {}): Promise<RunResult> =>
      sf('sbx', ['verify', '--integration-username', INTEGRATION_USER], env);
    const before = await verify();
    expect(before.code).to.equal(1);
    expect(before.stdout.split('\n').filter((l) => l.includes('looks refreshed'))).to.deep.equal([
      `This sandbox looks refreshed from another org (the ECI app is missing while its auth provider exists; the ECI auth provider or named credential points at ${prod.instanceUrl}, another org's My Domain; neither named credential holds a token): run "sf eci ringcentral configure" to repair it, then do the steps it lists.`,
    ]);

    const repaired = await sf(
      'sbx',
      ['configure', '--client-id', CLIENT_ID, '--contact-email', 'admin@sim.example', '--force', '--json'],
      { RINGCENTRAL_CLIENT_SECRET: NEW_SECRET },
    );
    expect(repaired.code, repaired.stdout).to.equal(0);
    expect(repaired.json.result.refreshedFrom).to.equal(prod.instanceUrl);

    // The person's steps it listed: the redirect URI, both secrets in Setup, both consents.
    rc.app(CLIENT_ID)!.redirectUris.push(`${sandbox.instanceUrl}/services/authcallback/Ring_Central`);
    sandbox.editInSetup('AuthProvider', 'Ring_Central', { consumerSecret: NEW_SECRET });
    sandbox.editInSetup('AuthProvider', 'ECI_Auth_Provider', {
      consumerSecret: sandbox.consumerCredentials(APP)!.consumerSecret,
    });
    sandbox.giveConsent('Ring_Central');
    sandbox.giveConsent('ECI_Named_Credential');
    const after = await verify({ RINGCENTRAL_CLIENT_SECRET: NEW_SECRET });
    expect(after.code, after.stdout).to.equal(0);
    expect(after.stdout).to.not.include('looks refreshed');
  });
});
