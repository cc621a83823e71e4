/*
 * teardown, in process against the simulated org: each scope removes exactly what it says and nothing
 * else, read back from the org; the consent gate (--force where nothing can ask), --dry-run, refusals that name what
 * uses a component, "already gone", the backup of every removed component, JSON and exit codes.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import sinon from 'sinon';
import { SfCommand } from '@salesforce/sf-plugins-core';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import Teardown, { type TeardownResult } from '../../src/commands/eci/ringcentral/teardown.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Teardown-5b1e07';
const INTEGRATION = 'eci.integration@acme.example';
const CONFIGURE = [
  '--client-id',
  'RcClient01',
  '--contact-email',
  'admin@acme.example',
  '--integration-username',
  INTEGRATION,
  '--integration-email',
  'admin@acme.example',
  '--json',
];

describe('in process: teardown', function () {
  this.timeout(60_000);
  let env: InProcess;

  beforeEach(async () => {
    env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    const first = await env.run(Configure, ['-o', env.username, ...CONFIGURE]);
    expect(first.error, first.error?.message).to.equal(undefined);
  });
  afterEach(() => env.stop());

  const names = (type: string): string[] => env.org.listMetadataNames(type);
  const teardown = (...args: string[]) => env.run(Teardown, ['-o', env.username, '--json', ...args]);
  const guestAssignments = (): number => {
    const site = env.org.records('Site').find((s) => s.Name === 'VoiceConnector');
    return env.org.records('PermissionSetAssignment').filter((a) => a.AssigneeId === site?.GuestUserId).length;
  };
  const integrationUser = () => env.org.records('User').find((u) => u.Username === INTEGRATION);
  const integrationAssignments = (): number =>
    env.org.records('PermissionSetAssignment').filter((a) => a.AssigneeId === integrationUser()?.Id).length;

  it('default scope: only the RingCentral named credential goes; its auth provider and the ECI part stay', async () => {
    const r = await teardown('--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as TeardownResult;
    expect(result.outcome).to.equal('complete');
    expect(result.components.map((c) => `${c.type} ${c.name} ${c.status}`)).to.deep.equal([
      'NamedCredential Ring_Central deleted',
    ]);
    expect(names('NamedCredential')).to.deep.equal(['ECI_Named_Credential']);
    expect(names('AuthProvider').sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')?.active).to.equal(true);
    expect(result.retiredSuffixes).to.deep.equal([]);
  });

  it('--include-eci: assignments, ECI named credential, site deactivated (not deleted); users and apps stay', async () => {
    const guestBefore = guestAssignments();
    expect(guestBefore).to.be.greaterThan(0);
    expect(integrationAssignments()).to.be.greaterThan(0);
    const r = await teardown('--include-eci', '--integration-username', INTEGRATION, '--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as TeardownResult;
    // Reverse dependency order: named credentials before anything they use; the site after its guest's assignments.
    const order = result.components.map((c) => c.type);
    expect(order[0]).to.equal('NamedCredential');
    expect(order.lastIndexOf('PermissionSetAssignment')).to.be.lessThan(order.indexOf('CustomSite'));
    expect(result.components.every((c) => c.status === 'deleted' || c.status === 'deactivated')).to.equal(true);
    expect(names('NamedCredential')).to.deep.equal([]);
    expect(names('CustomSite')).to.deep.equal(['VoiceConnector']);
    expect(env.org.getMetadata('CustomSite', 'VoiceConnector')?.active).to.equal(false);
    expect(env.org.records('Site').find((s) => s.Name === 'VoiceConnector')?.Status).to.equal('Inactive');
    expect(guestAssignments()).to.equal(0);
    expect(integrationAssignments()).to.equal(0);
    expect(integrationUser()?.IsActive).to.equal(true);
    expect(names('AuthProvider').sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    expect(names('ConnectedApp')).to.deep.equal(['ECI_Connected_App']);
    // Every removed component's previous version is in the backup, secrets left out.
    const backup = await readFile(result.backupFile!, 'utf8');
    expect(JSON.parse(backup).components.map((c: { type: string }) => c.type)).to.include.members([
      'NamedCredential',
      'CustomSite',
      'PermissionSetAssignment',
    ]);
    expect(backup).to.not.include(RC_SECRET);
    expect(r.output).to.not.include(RC_SECRET);
    // A re-run finds nothing more to do.
    const again = await teardown('--include-eci', '--integration-username', INTEGRATION, '--force');
    expect((again.result as TeardownResult).components).to.deep.equal([]);
    expect((again.result as TeardownResult).notFound.map((n) => `${n.type} ${n.reason}`)).to.include(
      'CustomSite inactive',
    );
  });

  it('--include-integration-user deactivates the integration user (never deletes it)', async () => {
    const r = await teardown(
      '--include-eci',
      '--integration-username',
      INTEGRATION,
      '--include-integration-user',
      '--force',
    );
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(integrationUser()?.IsActive).to.equal(false);
    expect((r.result as TeardownResult).components.find((c) => c.type === 'User')?.status).to.equal('deactivated');
  });

  it('--include-eci --include-auth-providers: everything goes but the Connected App, kept and said so; configure then fails on the suffix', async () => {
    const r = await teardown('--include-eci', '--include-auth-providers', '--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as TeardownResult;
    const order = result.components.map((c) => `${c.type} ${c.name}`);
    expect(order.indexOf('NamedCredential Ring_Central')).to.be.lessThan(order.indexOf('AuthProvider Ring_Central'));
    expect(order).to.not.include('ConnectedApp ECI_Connected_App');
    expect(result.kept).to.deep.equal([
      { type: 'ConnectedApp', name: 'ECI_Connected_App', label: 'ECI app', reason: 'connected-app' },
    ]);
    expect(result.retiredSuffixes.sort()).to.deep.equal(['ECI_Auth_Provider', 'Ring_Central']);
    expect(names('AuthProvider')).to.deep.equal([]);
    expect(names('ConnectedApp')).to.deep.equal(['ECI_Connected_App']);
    // The site is inactive: configure's consent to activate it again is --force.
    const again = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--force']);
    const text = `${again.error?.message ?? ''} ${again.output}`;
    expect(text).to.match(/previously used/i);
    expect(text).to.include('never lets a URL suffix of a deleted auth provider be used again');
  });

  it('a Connected App goes only when named (--delete-connected-app), after its provider, with a warning that it cannot come back', async () => {
    const plan = await env.run(Teardown, [
      '-o',
      env.username,
      '--include-eci',
      '--include-auth-providers',
      '--dry-run',
    ]);
    expect(plan.output).to.include('Left in place on purpose').and.include('ConnectedApp ECI_Connected_App');
    expect(plan.output).to.include('cannot be created again in this org without Salesforce Support');
    const alone = await teardown('--include-eci', '--delete-connected-app', '--force');
    expect(alone.error?.name).to.equal('DeleteConnectedAppAloneError');
    expect(names('ConnectedApp')).to.deep.equal(['ECI_Connected_App']);
    const named = await env.run(Teardown, [
      '-o',
      env.username,
      '--include-eci',
      '--include-auth-providers',
      '--delete-connected-app',
      '--dry-run',
    ]);
    expect(named.output).to.match(/will delete\s+ConnectedApp\s+ECI_Connected_App/);
    expect(named.output).to.include('the Connected App ECI_Connected_App cannot be created again once deleted');
    const r = await teardown('--include-eci', '--include-auth-providers', '--delete-connected-app', '--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    const order = (r.result as TeardownResult).components.map((c) => `${c.type} ${c.name}`);
    expect(order.indexOf('AuthProvider ECI_Auth_Provider')).to.be.lessThan(
      order.indexOf('ConnectedApp ECI_Connected_App'),
    );
    expect((r.result as TeardownResult).kept).to.deep.equal([]);
    expect(names('ConnectedApp')).to.deep.equal([]);
  });

  it('--dry-run removes nothing and shows the plan; the suffix warning comes with --include-auth-providers', async () => {
    const writes = env.org.writes().length;
    const r = await env.run(Teardown, ['-o', env.username, '--include-eci', '--include-auth-providers', '--dry-run']);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(env.org.writes().length).to.equal(writes);
    expect(r.output).to.include('will delete').and.include('will deactivate').and.include('Dry run');
    expect(r.output).to.include('can never be configured by the guide');
    expect((r.result as TeardownResult).components.every((c) => c.status === 'planned')).to.equal(true);
  });

  it('without a terminal or with --json it needs --force; nothing is removed', async () => {
    const writes = env.org.writes().length;
    for (const args of [[], ['--no-prompt']]) {
      const r = await teardown(...args);
      expect(r.error?.name).to.equal('NeedsForceError');
      expect(r.error?.exitCode).to.equal(1);
      expect(r.error?.message).to.include('NamedCredential').and.include('Ring_Central');
      expect(r.error?.actions?.join(' ')).to.include('--force');
    }
    expect(env.org.writes().length).to.equal(writes);
    expect(names('NamedCredential')).to.include('Ring_Central');
  });

  it('a refused delete says what uses it, the rest goes on, exit 68; a re-run finishes', async () => {
    // The admin's own named credential uses the RingCentral auth provider.
    const { fullName, ...rc } = env.org.getMetadata('NamedCredential', 'Ring_Central')!;
    void fullName;
    env.org.seedMetadata('NamedCredential', { fullName: 'Admins_Own', ...rc, label: 'Admins Own' });
    const r = await teardown('--include-auth-providers', '--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.exitCode).to.equal(68);
    const result = r.result as TeardownResult;
    expect(result.outcome).to.equal('partial');
    const provider = result.components.find((c) => c.type === 'AuthProvider');
    expect(provider?.status).to.equal('failed');
    expect(provider?.error?.message).to.include('Admins_Own');
    expect(r.output).to.include('Admins_Own');
    expect(names('NamedCredential')).to.deep.equal(['Admins_Own', 'ECI_Named_Credential'].sort());
    expect(names('AuthProvider')).to.include('Ring_Central');
    // The usage removed, a re-run finishes.
    env.org.state.metadata.delete('NamedCredential', 'Admins_Own');
    const again = await teardown('--include-auth-providers', '--force');
    expect((again.result as TeardownResult).outcome).to.equal('complete');
    expect(names('AuthProvider')).to.deep.equal(['ECI_Auth_Provider']);
  });

  it('nothing removed at all: an error with exit 1 that carries the result', async () => {
    env.org.failNext(
      { operation: 'deleteMetadata', type: 'NamedCredential' },
      { statusCode: 'DELETE_FAILED', message: 'This named credential is referenced elsewhere: Apex Class - Caller' },
    );
    const r = await teardown('--force');
    expect(r.error?.name).to.equal('NothingRemovedError');
    expect(r.error?.exitCode).to.equal(1);
    expect(r.error?.message).to.include('Apex Class - Caller');
    expect((r.error?.data as TeardownResult).components[0].status).to.equal('failed');
  });

  it('a delete whose answer was lost is tried again and counts as done ("already gone")', async () => {
    env.org.faults.add({ operation: 'deleteMetadata' }, { kind: 'reset', when: 'after' });
    const r = await teardown('--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    expect((r.result as TeardownResult).components[0].status).to.equal('already-gone');
    expect(names('NamedCredential')).to.deep.equal(['ECI_Named_Credential']);
  });

  it('in a terminal it shows the plan and the suffix warning, and asks; a no removes nothing, a yes removes', async () => {
    const asked: string[] = [];
    let answer = false;
    const confirm = sinon.stub(SfCommand.prototype, 'confirm').callsFake(async (opts: { message: string }) => {
      asked.push(opts.message);
      return answer;
    });
    try {
      const args = ['-o', env.username, '--include-eci', '--include-auth-providers'];
      const declined = await env.run(Teardown, args, { stdin: 'terminal' });
      expect(declined.error?.name).to.equal('DeclinedError');
      expect(asked).to.have.length(1);
      expect(asked[0]).to.match(/Remove these \d+ components\?/);
      expect(declined.output).to.include('will delete').and.include('AuthProvider').and.include('Ring_Central');
      expect(declined.output).to.include('this org can never be configured by the guide');
      expect(names('AuthProvider')).to.have.length(2);
      answer = true;
      const accepted = await env.run(Teardown, args, { stdin: 'terminal' });
      expect(accepted.error, accepted.error?.message).to.equal(undefined);
      expect(names('AuthProvider')).to.deep.equal([]);
    } finally {
      confirm.restore();
    }
  });

  it('an answer to a delete that is not understood is never taken for "already gone": its outcome is unknown, exit 68', async () => {
    env.org.faults.add(
      { operation: 'deleteMetadata', times: 10 },
      { kind: 'answer', status: 200, contentType: 'text/html', body: '<html><body>Maintenance</body></html>' },
    );
    const r = await teardown('--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.exitCode).to.equal(68);
    const [item] = (r.result as TeardownResult).components;
    expect(item.status).to.equal('unknown');
    expect(item.error?.message).to.include('could not be read').and.include('may or may not have been saved');
    expect(names('NamedCredential')).to.include('Ring_Central');
  });

  it('a bad --integration-username is refused before any call, exit 1', async () => {
    for (const bad of ['', '   ', 'a@b.io\nsecond line', 'x'.repeat(5000)]) {
      const calls = env.commandCalls();
      const r = await teardown('--include-eci', '--integration-username', bad, '--force');
      expect(r.error?.exitCode ?? 1, JSON.stringify(bad)).to.equal(1);
      expect(r.error?.message).to.include('integration-username');
      expect(env.commandCalls()).to.equal(calls);
    }
    expect(names('NamedCredential')).to.include('Ring_Central');
  });

  it('never touches a component it did not find under the guide names', async () => {
    env.org.state.metadata.delete('NamedCredential', 'Ring_Central');
    const r = await teardown('--force');
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as TeardownResult;
    expect(result.components).to.deep.equal([]);
    expect(result.notFound.map((n) => `${n.type} ${n.name}`)).to.deep.equal(['NamedCredential Ring_Central']);
    expect(env.org.calls.filter((c) => c.operation === 'deleteMetadata')).to.deep.equal([]);
  });
});

describe('in process: teardown of an External Client App', function () {
  this.timeout(60_000);
  let env: InProcess;

  beforeEach(async () => {
    // Connected Apps refused (Spring '26): configure makes the ECI app as an External Client App.
    env = await InProcess.start({
      seed: { settings: { clientSecretInRestApiAccess: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });
    const first = await env.run(Configure, ['-o', env.username, ...CONFIGURE]);
    expect(first.error, first.error?.message).to.equal(undefined);
    expect(env.org.listMetadataNames('ExternalClientApplication')).to.deep.equal(['ECI_Connected_App']);
  });
  afterEach(() => env.stop());

  it('removes the app and every part by one destructive-changes deploy, after the ECI auth provider', async () => {
    const parts = [
      'ExtlClntAppOauthSettings',
      'ExtlClntAppGlobalOauthSettings',
      'ExtlClntAppOauthConfigurablePolicies',
      'ExtlClntAppConfigurablePolicies',
    ];
    for (const type of parts) expect(env.org.listMetadataNames(type), type).to.have.length(1);
    const r = await env.run(Teardown, [
      '-o',
      env.username,
      '--json',
      '--include-eci',
      '--include-auth-providers',
      '--force',
    ]);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as TeardownResult;
    const order = result.components.map((c) => c.type);
    expect(order.indexOf('AuthProvider')).to.be.lessThan(order.indexOf('ExternalClientApplication'));
    expect(
      result.components.filter((c) => [...parts, 'ExternalClientApplication'].includes(c.type)).map((c) => c.status),
    )
      .to.have.length(5)
      .and.satisfy((s: string[]) => s.every((x) => x === 'deleted' || x === 'already-gone'));
    for (const type of ['ExternalClientApplication', ...parts])
      expect(env.org.listMetadataNames(type), type).to.deep.equal([]);
    // No deleteMetadata of the family (documented nowhere): one deploy whose destructive manifest names them all.
    const calls = env.org.calls.filter((c) => c.write && c.api === 'soap-metadata');
    expect(calls.filter((c) => c.operation === 'deleteMetadata').map((c) => c.type)).to.not.include.members([
      'ExternalClientApplication',
      ...parts,
    ]);
    const destructive = calls.filter((c) => c.operation === 'deploy' && c.deletes);
    expect(destructive).to.have.length(1);
    expect(destructive[0].fullNames).to.deep.equal([]);
    expect(destructive[0].deletes?.map((d) => d.split(' ')[0]).sort()).to.deep.equal(
      ['ExternalClientApplication', ...parts].sort(),
    );
  });

  it('keeps the app when its auth provider could not be deleted', async () => {
    env.org.failNext(
      { operation: 'deleteMetadata', type: 'AuthProvider', fullName: 'ECI_Auth_Provider' },
      { statusCode: 'DELETE_FAILED', message: 'This auth provider is referenced elsewhere: Apex Class - Caller' },
    );
    const r = await env.run(Teardown, [
      '-o',
      env.username,
      '--json',
      '--include-eci',
      '--include-auth-providers',
      '--force',
    ]);
    const result = r.result as TeardownResult;
    expect(result.outcome).to.equal('partial');
    expect(r.exitCode).to.equal(68);
    expect(result.components.find((c) => c.type === 'ExternalClientApplication')?.status).to.equal('skipped');
    expect(env.org.listMetadataNames('ExternalClientApplication')).to.deep.equal(['ECI_Connected_App']);
    expect(env.org.listMetadataNames('AuthProvider')).to.deep.equal(['ECI_Auth_Provider']);
  });
});
