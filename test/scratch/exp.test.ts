import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import { OUTAGE_PAGE } from '../sim/faults.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';
import { setOrgTimings } from '../../src/org/timings.js';
describe('exp', function () {
  this.timeout(60000);
  for (const [name, m] of [
    ['readMetadata', { operation: 'readMetadata', times: 500 }],
    ['query', { operation: 'query', times: 500 }],
    ['composite', { api: 'rest', operation: 'composite.request', times: 500 }],
  ] as const)
    for (const deploy of [false, true])
      it(`${name} ${deploy}`, async () => {
        const restore = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 } });
        const env = await InProcess.start({
          prepare: (o) => void installVoiceConnector(o),
          env: { RINGCENTRAL_CLIENT_SECRET: 'xx-secret-1' },
        });
        const dir = await mkdtemp(join(tmpdir(), 'exp-'));
        env.org.faults.add(m as never, { kind: 'answer', status: 200, contentType: 'text/html', body: OUTAGE_PAGE });
        const r = await env.run(Configure, [
          '-o',
          env.username,
          '--client-id',
          'RcClient01',
          '--contact-email',
          'a@acme.example',
          '--output-dir',
          dir,
          '--json',
          ...(deploy ? ['--deploy'] : []),
        ]);
        console.log(
          name,
          deploy,
          r.error?.name,
          r.error?.exitCode,
          r.exitCode,
          (r.result as any)?.outcome,
          r.error?.message?.replace(/\n/g, ' ').slice(0, 200),
          (await readdir(dir, { recursive: true })).length,
          JSON.stringify((r.result as any)?.export ?? (r.error?.data as any)?.export ?? {}).slice(0, 300),
          env.org.writes().length,
        );
        restore();
        await env.stop();
      });
});
