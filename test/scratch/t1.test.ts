import Configure from '../../src/commands/eci/ringcentral/configure.js';
import Teardown from '../../src/commands/eci/ringcentral/teardown.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';
describe('t1', function () {
  this.timeout(60000);
  it('x', async () => {
    const env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } },
      prepare: (o) => void installVoiceConnector(o),
      env: { RINGCENTRAL_CLIENT_SECRET: 'xx-secret-1' },
    });
    await env.run(Configure, [
      '-o',
      env.username,
      '--client-id',
      'RcClient01',
      '--contact-email',
      'a@acme.example',
      '--integration-username',
      'eci.integration@acme.example',
      '--integration-email',
      'a@acme.example',
      '--json',
    ]);
    const r = await env.run(Teardown, [
      '-o',
      env.username,
      '--json',
      '--include-eci',
      '--include-integration-user',
      '--force',
      '--integration-username',
      env.username,
    ]);
    console.log(r.error?.stack, (r.error as any)?.cause);
    env.org.faults.add({ write: true, nth: 2 }, { kind: 'reset', when: 'after' });
    const r2 = await env.run(Teardown, [
      '-o',
      env.username,
      '--json',
      '--include-eci',
      '--include-integration-user',
      '--force',
      '--integration-username',
      'eci.integration@acme.example',
    ]);
    console.log(r2.error?.message, JSON.stringify(r2.result).slice(0, 1500), r2.exitCode);
    await env.stop();
  });
});
