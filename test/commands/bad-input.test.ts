/*
 * Bad input is refused before any call to the org, with a named SfError, an action and exit code 1: the flag
 * catalogue of every command, run in process against the simulated org (its calls log proves nothing was sent).
 */
import { expect } from 'chai';
import ConnectedApp from '../../src/commands/eci/ringcentral/connected-app.js';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import CreateNamedCredential from '../../src/commands/eci/ringcentral/create-named-credential.js';
import GuestPermissions from '../../src/commands/eci/ringcentral/guest-permissions.js';
import IntegrationUser from '../../src/commands/eci/ringcentral/integration-user.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { faultStats } from '../support/fault-stats.js';
import { InProcess } from './in-process.js';

const SECRET = 'RcSecret-7f3a9c21e';
const EMAIL = 'admin@acme.example';

describe('in process: bad input is refused before any call to the org', function () {
  this.timeout(30_000);
  let env: InProcess;
  before(async () => (env = await InProcess.start({ env: { RINGCENTRAL_CLIENT_SECRET: SECRET } })));
  after(() => env.stop());

  const cases: Array<[string, typeof CreateAuthProvider | typeof ConnectedApp, string[], string]> = [
    ['an empty client id', CreateAuthProvider, ['--client-id', ''], 'InvalidClientIdError'],
    ['a client id with whitespace', CreateAuthProvider, ['--client-id', 'Rc Client'], 'InvalidClientIdError'],
    ['a client id with other characters', CreateAuthProvider, ['--client-id', 'Rc$Client'], 'InvalidClientIdError'],
    [
      'a server that is not https',
      CreateAuthProvider,
      ['--client-id', 'RcClient01', '--server', 'http://platform.ringcentral.biz'],
      'InvalidServerError',
    ],
    ['a malformed contact email', ConnectedApp, ['--contact-email', 'admin@'], 'InvalidContactEmailError'],
    [
      'an app type that does not exist',
      ConnectedApp,
      ['--contact-email', EMAIL, '--app-type', 'eca'],
      'AppTypeUnknownError',
    ],
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
    const r = await env.run(CreateAuthProvider, [
      '-o',
      env.username,
      '--client-id',
      'RcClient01',
      '--environment',
      'staging',
      '--json',
    ]);
    expect(r.error?.message).to.match(/Expected --environment=staging to be one of: production, sandbox/);
    expect(env.commandCalls()).to.equal(calls);
  });

  it('refuses a missing contact email', async () => {
    const r = await env.run(ConnectedApp, ['-o', env.username, '--json']);
    expect(r.error?.message).to.include('contact-email');
  });
});

describe('in process: the bad-input catalogue of every text flag of every command', function () {
  this.timeout(120_000);
  let env: InProcess;
  before(async () => (env = await InProcess.start({ env: { RINGCENTRAL_CLIENT_SECRET: SECRET } })));
  after(() => env.stop());

  type Flag = { type: string; options?: readonly string[]; char?: string };
  type Cmd = {
    flags: Record<string, Flag>;
    baseFlags?: Record<string, Flag>;
    run(argv: string[], config: never): Promise<unknown>;
  };
  /** Each command with values that make every other flag valid. */
  const COMMANDS: Array<[string, Cmd, Record<string, string>]> = [
    ['create-auth-provider', CreateAuthProvider as unknown as Cmd, { 'client-id': 'RcClient01' }],
    ['create-named-credential', CreateNamedCredential as unknown as Cmd, {}],
    ['connected-app', ConnectedApp as unknown as Cmd, { 'contact-email': EMAIL }],
    ['site', Site as unknown as Cmd, {}],
    ['guest-permissions', GuestPermissions as unknown as Cmd, {}],
    ['integration-user', IntegrationUser as unknown as Cmd, { username: 'eci.integration@acme.example' }],
    [
      'configure',
      Configure as unknown as Cmd,
      { 'client-id': 'RcClient01', 'contact-email': EMAIL, 'integration-username': 'eci.integration@acme.example' },
    ],
    ['verify', Verify as unknown as Cmd, { 'integration-username': 'eci.integration@acme.example' }],
  ];
  // --wait is a number: oclif's integer parsing (min, max) refuses what is not one.
  const NOT_TEXT = new Set(['target-org', 'api-version', 'flags-dir', 'wait']);
  const BAD: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace-only', '   '],
    ['over-long', 'x'.repeat(5000)],
    ['multi-line', 'a@b.io\nsecond line'],
  ];

  for (const [name, command, valid] of COMMANDS) {
    const flags = { ...(command.baseFlags ?? {}), ...command.flags };
    const textFlags = Object.entries(flags)
      .filter(([flag, def]) => def.type === 'option' && !def.options && !NOT_TEXT.has(flag))
      .map(([flag]) => flag);
    it(`${name}: ${textFlags.length} text flags × ${BAD.length} bad values, each refused before any call, exit 1`, async () => {
      expect(textFlags.length).to.be.greaterThan(0);
      for (const flag of textFlags) {
        for (const [what, value] of BAD) {
          faultStats.count('bad-input');
          const args = Object.entries({ ...valid, [flag]: value }).flatMap(([f, v]) => [`--${f}`, v]);
          const calls = env.commandCalls();
          const r = await env.run(command as never, ['-o', env.username, ...args, '--json']);
          const label = `${name} --${flag} ${what}`;
          expect(r.error, label).to.not.equal(undefined);
          expect(r.error?.exitCode ?? 1, label).to.equal(1);
          expect(r.error?.message, label).to.not.match(/Cannot read properties|TypeError/);
          expect(env.commandCalls(), label).to.equal(calls);
          faultStats.pass('bad-input');
        }
      }
    });
  }

  it('a secret of several lines or over 512 characters on stdin or in the environment is refused, never stored', async () => {
    for (const bad of ['line-one\nline-two', 'x'.repeat(513)]) {
      faultStats.count('bad-input');
      process.env.RINGCENTRAL_CLIENT_SECRET = bad;
      const calls = env.commandCalls();
      const r = await env.run(CreateAuthProvider as never, ['-o', env.username, '--client-id', 'RcClient01', '--json']);
      expect(r.error?.name).to.equal('MalformedSecretError');
      expect(r.output + (r.error?.message ?? '')).to.not.include(bad);
      expect(env.commandCalls()).to.equal(calls);
      faultStats.pass('bad-input');
    }
    process.env.RINGCENTRAL_CLIENT_SECRET = SECRET;
  });
});

/**
 * A well-formed value the org does not have (a profile, a permission set, a user) can only be found by reading the
 * org: it is refused before the first write, with words that name the value and the flag, never taken for a missing
 * feature of the org, and `configure` stops on it as the step command does.
 */
describe('in process: a flag value the org does not have is refused before any write, in its own words', function () {
  this.timeout(60_000);
  let env: InProcess;
  before(
    async () =>
      (env = await InProcess.start({
        prepare: (org) => void installVoiceConnector(org),
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      })),
  );
  after(() => env.stop());

  const CONFIGURE = ['--client-id', 'RcClient01', '--contact-email', EMAIL];
  const INTEGRATION = ['--integration-username', 'eci.integration@acme.example', '--integration-email', EMAIL];
  type Cmd = typeof Configure;
  const cases: Array<[string, Cmd, string[], string, RegExp]> = [
    [
      'configure: an unknown --profile',
      Configure as unknown as Cmd,
      [...CONFIGURE, '--profile', 'No Such Profile'],
      'UnknownProfileError',
      /no profile named "No Such Profile"/,
    ],
    [
      'connected-app: an unknown --profile',
      ConnectedApp as unknown as Cmd,
      ['--contact-email', EMAIL, '--profile', 'No Such Profile'],
      'UnknownProfileError',
      /no profile named "No Such Profile"/,
    ],
    [
      'configure: a mistyped --integration-permission-set',
      Configure as unknown as Cmd,
      [...CONFIGURE, ...INTEGRATION, '--integration-permission-set', 'Conversation_Insghts'],
      'PermissionSetNameNotFoundError',
      /API name "Conversation_Insghts"/,
    ],
    [
      'configure: a mistyped --guest-permission-set',
      Configure as unknown as Cmd,
      [...CONFIGURE, '--guest-permission-set', 'VoiceConector'],
      'PermissionSetNameNotFoundError',
      /API name "VoiceConector"/,
    ],
    [
      'guest-permissions: a mistyped --permission-set',
      GuestPermissions as unknown as Cmd,
      ['--permission-set', 'VoiceConector'],
      'PermissionSetNameNotFoundError',
      /API name "VoiceConector"/,
    ],
    [
      'integration-user: a mistyped --permission-set',
      IntegrationUser as unknown as Cmd,
      ['--username', 'eci.integration@acme.example', '--email', EMAIL, '--permission-set', 'Nope'],
      'PermissionSetNameNotFoundError',
      /API name "Nope"/,
    ],
    [
      'configure: an unknown --site-contact',
      Configure as unknown as Cmd,
      [...CONFIGURE, '--site-contact', 'nobody@acme.example'],
      'UnknownUserError',
      /nobody@acme\.example/,
    ],
  ];
  for (const [what, command, args, name, words] of cases)
    it(`${what}: ${name}, exit 1, nothing written`, async () => {
      faultStats.count('bad-input');
      const writes = env.org.writes().length;
      const r = await env.run(command as never, ['-o', env.username, ...args, '--json']);
      expect(r.error?.name, r.error?.message).to.equal(name);
      expect(r.error?.exitCode).to.equal(1);
      expect(r.error?.message)
        .to.match(words)
        .and.not.match(/licen[cs]e|Turn on Einstein/i);
      expect(r.error?.actions?.join(' ')).to.not.match(/https?:\/\/\S+ --|--target-org https?:/);
      expect(env.org.writes().length).to.equal(writes);
      faultStats.pass('bad-input');
    });
});
