import Configure from '../../src/commands/eci/ringcentral/configure.js';
import IntegrationUser from '../../src/commands/eci/ringcentral/integration-user.js';
import GuestPermissions from '../../src/commands/eci/ringcentral/guest-permissions.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';
describe('ps', function () {
  this.timeout(60000);
  it('x', async () => {
    const env = await InProcess.start({
      prepare: (o) => void installVoiceConnector(o),
      env: { RINGCENTRAL_CLIENT_SECRET: 'xx-secret-1' },
    });
    for (const [cmd, args] of [
      [
        Configure,
        [
          '--client-id',
          'RcClient01',
          '--contact-email',
          'a@acme.example',
          '--integration-username',
          'eci.integration@acme.example',
          '--integration-email',
          'a@acme.example',
          '--permission-set',
          'Nope_Set',
          '--json',
        ],
      ],
      [
        Configure,
        [
          '--client-id',
          'RcClient01',
          '--contact-email',
          'a@acme.example',
          '--integration-username',
          'eci.integration@acme.example',
          '--integration-email',
          'a@acme.example',
          '--integration-permission-set',
          'Nope_Set',
          '--json',
        ],
      ],
      [
        Configure,
        ['--client-id', 'RcClient01', '--contact-email', 'a@acme.example', '--profile', 'No Such Profile', '--json'],
      ],
      [GuestPermissions, ['--permission-set', 'Nope_Set', '--json']],
      [
        IntegrationUser,
        ['--username', 'x@acme.example', '--email', 'a@acme.example', '--permission-set', 'Nope_Set', '--json'],
      ],
    ] as const) {
      const w = env.org.writes().length;
      const r = await env.run(cmd as never, ['-o', env.username, ...args]);
      console.log(
        args.join(' ').slice(60),
        '=>',
        r.error?.name,
        r.error?.message?.replace(/\n/g, ' ').slice(0, 300),
        '| result:',
        JSON.stringify(
          ((r.result ?? r.error?.data) as any)?.steps
            ?.filter((s: any) => s.status === 'failed')
            .map((s: any) => s.reason?.slice(0, 200)) ?? '',
        ),
        'writes',
        env.org.writes().length - w,
      );
    }
    await env.stop();
  });
});
