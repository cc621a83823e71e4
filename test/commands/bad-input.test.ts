/*
 * Bad input is refused before any call to the org, with a named SfError, an action and exit code 1: the flag
 * catalogue of every command, run in process against the simulated org (its calls log proves nothing was sent).
 */
import { expect } from 'chai';
import ConnectedApp from '../../src/commands/eci/ringcentral/connected-app.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import { InProcess } from './in-process.js';

const SECRET = 'RcSecret-7f3a9c21e';
const EMAIL = 'admin@acme.example';

describe('in process: bad input is refused before any call to the org', function () {
  this.timeout(30_000);
  let env: InProcess;
  const secret = process.env.RINGCENTRAL_CLIENT_SECRET;

  before(async () => {
    env = await InProcess.start();
    process.env.RINGCENTRAL_CLIENT_SECRET = SECRET;
  });
  after(async () => {
    if (secret === undefined) delete process.env.RINGCENTRAL_CLIENT_SECRET;
    else process.env.RINGCENTRAL_CLIENT_SECRET = secret;
    await env.stop();
  });

  const cases: Array<[string, typeof CreateAuthProvider | typeof ConnectedApp, string[], string]> = [
    ['an empty client id', CreateAuthProvider, ['--client-id', ''], 'InvalidClientIdError'],
    ['a client id with whitespace', CreateAuthProvider, ['--client-id', 'Rc Client'], 'InvalidClientIdError'],
    ['a client id with other characters', CreateAuthProvider, ['--client-id', 'Rc$Client'], 'InvalidClientIdError'],
    ['a server that is not https', CreateAuthProvider, ['--client-id', 'RcClient01', '--server', 'http://platform.ringcentral.biz'], 'InvalidServerError'],
    ['a malformed contact email', ConnectedApp, ['--contact-email', 'admin@'], 'InvalidContactEmailError'],
    ['an app type that does not exist', ConnectedApp, ['--contact-email', EMAIL, '--app-type', 'eca'], 'AppTypeUnknownError'],
    ['an empty profile', ConnectedApp, ['--contact-email', EMAIL, '--profile', ' '], 'EmptyProfileError'],
  ];
  for (const [what, command, args, name] of cases) {
    it(`refuses ${what}`, async () => {
      const calls = env.commandCalls();
      const r = await env.run(command, ['-o', env.username, ...args, '--json']);
      expect(r.error?.name).to.equal(name);
      expect(r.error?.exitCode).to.equal(1);
      expect(r.error?.actions?.length ?? 0).to.be.greaterThan(0);
      expect(r.output).to.not.include(SECRET);
      expect(env.commandCalls()).to.equal(calls);
    });
  }

  it('refuses an unknown environment', async () => {
    const calls = env.commandCalls();
    const r = await env.run(CreateAuthProvider, ['-o', env.username, '--client-id', 'RcClient01', '--environment', 'staging', '--json']);
    expect(r.error?.message).to.match(/Expected --environment=staging to be one of: production, sandbox/);
    expect(env.commandCalls()).to.equal(calls);
  });

  it('refuses a missing contact email', async () => {
    const r = await env.run(ConnectedApp, ['-o', env.username, '--json']);
    expect(r.error?.message).to.include('contact-email');
  });
});
