import Configure from '../../src/commands/eci/ringcentral/configure.js';
import { OUTAGE_PAGE, type FaultAction, type FaultMatch } from '../sim/faults.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from '../commands/in-process.js';

const ARGS = ['--client-id', 'RcClient01', '--contact-email', 'a@acme.example', '--json'];
const soap500 = (code: string, text: string): FaultAction => ({
  kind: 'answer',
  status: 500,
  contentType: 'text/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
});
const CASES: Array<[string, FaultMatch, FaultAction]> = [
  ['deploy refused', { operation: 'deploy' }, soap500('INVALID_FIELD', 'bad')],
  [
    'deploy session',
    { operation: 'deploy' },
    soap500('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader'),
  ],
  ['deploy daily', { operation: 'deploy' }, soap500('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')],
  [
    'deploy outage',
    { operation: 'deploy' },
    { kind: 'answer', status: 503, contentType: 'text/html', body: OUTAGE_PAGE },
  ],
  ['poll 500', { operation: 'checkDeployStatus' }, soap500('UNKNOWN_EXCEPTION', 'oops')],
  ['poll reset', { operation: 'checkDeployStatus' }, { kind: 'reset' }],
];
describe('repro', function () {
  this.timeout(120000);
  for (const validate of [false, true])
    for (const [name, m, a] of CASES)
      it(`${name} validate=${validate}`, async () => {
        const env = await InProcess.start({
          seed: { settings: { clientSecretInRestApiAccess: true } },
          prepare: (o) => void installVoiceConnector(o),
          env: { RINGCENTRAL_CLIENT_SECRET: 'xSecretx' },
        });
        try {
          env.org.faults.add(m, a);
          const r = await env.run(Configure, ['-o', env.username, ...ARGS, ...(validate ? ['--validate'] : [])]);
          const rs = ((r.result as any)?.steps ?? []).filter((s: any) => s.status === 'failed');
          console.log(JSON.stringify(rs.map((s: any) => s.reason ?? s.error)).slice(0, 600));
          console.log(
            name,
            validate,
            r.error?.name,
            r.error?.exitCode,
            r.exitCode,
            r.error?.message?.slice(0, 300),
            r.error?.actions,
            JSON.stringify(r.error?.data ?? {}).slice(0, 200),
            (r.result as any)?.outcome,
          );
        } finally {
          await env.stop();
        }
      });
});
