/*
 * An External Client App is deployed whole, in process against the simulated org (which refuses a part of an existing
 * app deployed without the rest): when only its callback URL differs from the guide, the one deploy carries the app's
 * header and every part, each merged with what the org holds, and the org ends with the new callback URL, the other
 * parts as they were, and its key and secret unchanged.
 */
import { expect } from 'chai';
import ConnectedApp from '../../src/commands/eci/ringcentral/connected-app.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const APP = 'ECI_Connected_App';
const PARTS = [
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
];

describe('in process: an External Client App is deployed whole', function () {
  this.timeout(60_000);
  let env: InProcess;
  afterEach(() => env.stop());

  it('a changed callback URL redeploys the header and every part in one deploy; the rest stays as it was', async () => {
    env = await InProcess.start({
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
    });
    const args = ['-o', env.username, '--contact-email', 'admin@acme.example', '--json'];
    const made = await env.run(ConnectedApp, args);
    expect(made.error, made.error?.message).to.equal(undefined);
    // An admin pointed the app's callback URL elsewhere.
    const [global] = env.org.listMetadataNames('ExtlClntAppGlobalOauthSettings');
    const stored = env.org.getMetadata('ExtlClntAppGlobalOauthSettings', global)!;
    env.org.seedMetadata('ExtlClntAppGlobalOauthSettings', {
      ...stored,
      fullName: global,
      callbackUrl: 'https://old.example.com/services/authcallback/ECI_Auth_Provider',
    });
    const before = Object.fromEntries(
      PARTS.filter((t) => t !== 'ExtlClntAppGlobalOauthSettings').map((t) => {
        const [name] = env.org.listMetadataNames(t);
        return [t, env.org.getMetadata(t, name)];
      }),
    );
    const credentials = env.org.consumerCredentials(APP);
    const calls = env.org.calls.length;

    // Putting back what an admin changed is an update: it needs the admin's yes (--force here).
    const r = await env.run(ConnectedApp, [...args, '--force']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const deploys = env.org.calls.slice(calls).filter((c) => c.operation === 'deploy');
    expect(deploys).to.have.length(1);
    // What the deploy carried: the app and each of its parts, once.
    expect(deploys[0].type?.split(',').sort()).to.deep.equal(['ExternalClientApplication', ...PARTS].sort());
    expect(deploys[0].fullNames).to.have.length(5);
    expect(env.org.getMetadata('ExtlClntAppGlobalOauthSettings', global)?.callbackUrl).to.equal(
      `${env.org.instanceUrl}/services/authcallback/ECI_Auth_Provider`,
    );
    for (const [type, record] of Object.entries(before)) {
      const [name] = env.org.listMetadataNames(type);
      expect(env.org.getMetadata(type, name), type).to.deep.equal(record);
    }
    expect(env.org.consumerCredentials(APP)).to.deep.equal(credentials);
    const components = (r.result as { components: Array<{ type: string; status: string }> }).components;
    expect(components.map((c) => c.status).sort()).to.deep.equal([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
      'updated',
    ]);
  });
});
