import Configure from '../../src/commands/eci/ringcentral/configure.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';
describe('rest', function () {
  this.timeout(120000);
  for (const op of ['query', 'composite', 'compositeBatch', undefined])
    it(`reset on ${op}`, async () => {
      const env = await InProcess.start({ prepare: (o) => void installVoiceConnector(o) });
      try {
        env.org.faults.add({ api: 'rest', ...(op ? { operation: op } : {}), times: 1 }, { kind: 'reset' });
        const r = await env.run(Configure, [
          '-o',
          env.username,
          '--client-id',
          'x1',
          '--contact-email',
          'a@b.example',
          '--dry-run',
          '--json',
        ]);
        console.log(
          op,
          r.error?.name,
          r.error?.message?.slice(0, 200),
          JSON.stringify(env.org.faults.fired),
          env.org.calls
            .filter((c) => c.api === 'rest')
            .map((c) => c.operation)
            .slice(0, 12)
            .join(','),
        );
      } finally {
        await env.stop();
      }
    });
});
