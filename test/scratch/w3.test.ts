import Configure from '../../src/commands/eci/ringcentral/configure.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';
import { setOrgTimings } from '../../src/org/timings.js';
describe('w3', function () {
  this.timeout(60000);
  for (const [seed, ks] of [
    [{ settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } }, [3]],
    [{ settings: { clientSecretInRestApiAccess: true } }, [10]],
  ] as const)
    it('x', async () => {
      const restore = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 }, deployPollsMs: [1] });
      for (const k of ks) {
        const env = await InProcess.start({
          seed: seed as never,
          prepare: (o) => void installVoiceConnector(o),
          env: { RINGCENTRAL_CLIENT_SECRET: 'xx-secret-1' },
        });
        env.org.faults.add({ write: true, nth: k }, { kind: 'reset' });
        const r = await env.run(Configure, [
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
        console.log(
          k,
          JSON.stringify(env.org.faults.fired),
          JSON.stringify(
            ((r.result ?? r.error?.data) as any)?.steps
              ?.filter((s: any) => s.status === 'failed')
              .map((s: any) => [s.id, s.reason?.slice(0, 200), s.components.map((c: any) => c.type + ':' + c.status)]),
          ),
        );
        await env.stop();
      }
      restore();
    });
});
