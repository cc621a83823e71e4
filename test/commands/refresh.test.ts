/*
 * A refreshed sandbox, in process: verify recognises it (both ways the copy can lose the ECI app) and says so in one
 * line; configure repairs what an API can (the app made again, every URL on this org's My Domain, the app's key in the
 * ECI auth provider) and lists what only a person can do. The whole way to a passing verify is the e2e test's.
 */
import { expect } from 'chai';
import Configure, { type ConfigureResult } from '../../src/commands/eci/ringcentral/configure.js';
import Verify, { type VerifyResult } from '../../src/commands/eci/ringcentral/verify.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import type { SandboxOf } from '../sim/index.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Refresh-3e77a1';
const ARGS = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example', '--json'];

describe('in process: a refreshed sandbox', function () {
  this.timeout(60_000);
  let prod: InProcess;
  let sandbox: InProcess | undefined;

  let prodVerify: VerifyResult;

  before(async () => {
    // Production configured and authorised; its org stays readable once stopped (a sandbox is made from its state).
    prod = await InProcess.start({
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    try {
      const r = await prod.run(Configure, ['-o', prod.username, ...ARGS]);
      expect(r.error, r.error?.message).to.equal(undefined);
      prod.org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
      prodVerify = (await prod.run(Verify, ['-o', prod.username, '--json'])).result as VerifyResult;
    } finally {
      await prod.stop();
    }
  });
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  const refreshed = async (variant: SandboxOf['variant']): Promise<InProcess> => {
    sandbox = await InProcess.start({
      sandboxOf: { org: prod.org, variant },
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    return sandbox;
  };

  it('production itself does not look refreshed', () => {
    expect(prodVerify.refreshed).to.equal(undefined);
  });

  for (const variant of ['app-missing', 'app-unusable'] as const) {
    it(`verify says so in one line (${variant})`, async () => {
      const env = await refreshed(variant);
      const v = await env.run(Verify, ['-o', env.username]);
      const lines = v.output.split('\n').filter((l) => l.includes('looks refreshed'));
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include(prod.org.instanceUrl).and.include('sf eci ringcentral configure');
      const json = await env.run(Verify, ['-o', env.username, '--json']);
      const found = (json.result as VerifyResult).refreshed;
      expect(found?.otherMyDomain).to.equal(prod.org.instanceUrl);
      expect(found?.signs).to.include('no-tokens');
      expect(found?.signs).to.include(variant === 'app-missing' ? 'app-missing' : 'key-unknown');
    });
  }

  it("configure repairs it in one run: the app again, this org's My Domain everywhere, the app's key; the rest a person's", async () => {
    const env = await refreshed('app-missing');
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--force']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as ConfigureResult;
    expect(result.refreshedFrom).to.equal(prod.org.instanceUrl);
    const here = env.org.instanceUrl;
    const app = env.org.consumerCredentials('ECI_Connected_App')!;
    const provider = env.org.getMetadata('AuthProvider', 'ECI_Auth_Provider')!;
    expect(provider).to.include({
      consumerKey: app.consumerKey,
      authorizeUrl: `${here}/services/oauth2/authorize`,
      tokenUrl: `${here}/services/oauth2/token`,
    });
    expect(env.org.getMetadata('NamedCredential', 'ECI_Named_Credential')?.endpoint).to.equal(`${here}/`);
    expect(String(env.org.getMetadata('ExtlClntAppGlobalOauthSettings', app.part)?.callbackUrl)).to.equal(
      `${here}/services/authcallback/ECI_Auth_Provider`,
    );
    const titles = result.nextSteps.map((s) => s.title);
    expect(titles).to.include('Enter the RingCentral client secret in the "Ring Central" auth provider again');
    expect(titles.some((t) => /consumer secret in the "ECI Auth Provider"/.test(t))).to.equal(true);
    expect(result.nextSteps.filter((s) => s.id.startsWith('consent:')).map((s) => s.id)).to.deep.equal([
      'consent:Ring_Central',
      'consent:ECI_Named_Credential',
    ]);
  });
});
