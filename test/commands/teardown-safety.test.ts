/*
 * Teardown never locks anyone out, in process against the simulated org: it refuses the running user whatever else is
 * said; it changes another named user only when the markers show it was made for this setup (the guide's Conversation
 * Insights Integration User permission set, the guide's profile, the plugin's own record of creating it) or the admin
 * names it a second time; and a fault mid-teardown ends with what was removed and what was not (exit 68), which a
 * re-run finishes.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import Teardown, { type TeardownResult } from '../../src/commands/eci/ringcentral/teardown.js';
import { setOrgTimings } from '../../src/org/timings.js';
import { installVoiceConnector, type VoiceConnectorIds } from '../sim/voice-connector-seed.js';
import { faultStats } from '../support/fault-stats.js';
import { InProcess } from './in-process.js';

const INTEGRATION = 'eci.integration@acme.example';
const COLLEAGUE = 'colleague@acme.example';
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
const ECI_PART = ['--include-eci', '--include-integration-user', '--force'];

describe('in process: teardown touches only what the guide made', function () {
  this.timeout(60_000);
  let env: InProcess;
  let ids: VoiceConnectorIds;
  let restoreTimings: () => void;

  beforeEach(async () => {
    restoreTimings = setOrgTimings({ retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 } });
    env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true, clientSecretInRestApiAccess: true } },
      prepare: (org) => void (ids = installVoiceConnector(org)),
      env: { RINGCENTRAL_CLIENT_SECRET: 'RcSecret-Safety-77a1' },
    });
    const first = await env.run(Configure, ['-o', env.username, ...CONFIGURE]);
    expect(first.error, first.error?.message).to.equal(undefined);
  });
  afterEach(async () => {
    restoreTimings();
    await env.stop();
  });

  const teardown = (...args: string[]) => env.run(Teardown, ['-o', env.username, '--json', ...args]);
  const user = (username: string) =>
    env.org.records('User').find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
  const assignmentsOf = (username: string): number =>
    env.org.records('PermissionSetAssignment').filter((a) => a.AssigneeId === user(username)?.Id).length;

  it('naming the running user refuses before any write, whatever the case of its name, with --force and with the second naming', async () => {
    const admin = env.username;
    env.org.insertRecord('PermissionSetAssignment', {
      AssigneeId: user(admin)!.Id,
      PermissionSetId: ids.conversationInsightsIntegrationUser,
    });
    const before = assignmentsOf(admin);
    for (const name of [admin, admin.toUpperCase()])
      for (const extra of [[], ['--confirm-integration-user', name]]) {
        faultStats.count('bad-input');
        const writes = env.org.writes().length;
        const r = await teardown(...ECI_PART, '--integration-username', name, ...extra);
        expect(r.error?.name, name).to.equal('RunningUserError');
        expect(r.error?.exitCode).to.equal(1);
        expect(r.error?.message).to.include('lock you out');
        expect(r.output).to.not.match(/\n\s+at /);
        expect(env.org.writes().length).to.equal(writes);
        faultStats.pass('bad-input');
      }
    expect(user(admin)?.IsActive).to.equal(true);
    expect(assignmentsOf(admin)).to.equal(before);
  });

  it('a colleague the markers cannot prove is refused with the reasons, before any write; named twice, it is changed', async () => {
    const standard = env.org.records('Profile').find((p) => p.Name === 'Standard User')!.Id;
    const colleague = env.org.insertRecord('User', {
      Username: COLLEAGUE,
      LastName: 'Colleague',
      Alias: 'colle',
      Email: COLLEAGUE,
      IsActive: true,
      ProfileId: standard,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    });
    env.org.insertRecord('PermissionSetAssignment', { AssigneeId: colleague, PermissionSetId: ids.eciAccess });
    faultStats.count('bad-input');
    const writes = env.org.writes().length;
    const r = await teardown(...ECI_PART, '--integration-username', COLLEAGUE);
    expect(r.error?.name).to.equal('UnprovenUserError');
    expect(r.error?.message)
      .to.include('Conversation Insights Integration User permission set')
      .and.include('Standard User')
      .and.include('no record of creating it');
    expect(r.error?.actions?.join(' ')).to.include(`--confirm-integration-user ${COLLEAGUE}`);
    expect(env.org.writes().length).to.equal(writes);
    expect(user(COLLEAGUE)?.IsActive).to.equal(true);
    // A second name that differs is no confirmation.
    const other = await teardown(
      ...ECI_PART,
      '--integration-username',
      COLLEAGUE,
      '--confirm-integration-user',
      INTEGRATION,
    );
    expect(other.error?.name).to.equal('UnprovenUserError');
    expect(env.org.writes().length).to.equal(writes);
    faultStats.pass('bad-input');

    const named = await teardown(
      ...ECI_PART,
      '--integration-username',
      COLLEAGUE,
      '--confirm-integration-user',
      COLLEAGUE,
    );
    expect(named.error, named.error?.message).to.equal(undefined);
    expect(user(COLLEAGUE)?.IsActive).to.equal(false);
    expect(assignmentsOf(COLLEAGUE)).to.equal(0);
  });

  it("configure's integration user on a machine without the plugin's record: a dry run warns, a real run needs the second naming", async () => {
    // The record is where the CLI keeps its data: ~/.local/share/sf for sf, the plugin's own folder in process.
    const records = (await readdir(env.dataDir!, { recursive: true })).filter((p) => p.endsWith('made-users'));
    expect(records).to.have.length(1);
    await rm(join(env.dataDir!, records[0]), { recursive: true, force: true });
    const dry = await env.run(Teardown, [
      '-o',
      env.username,
      ...ECI_PART,
      '--integration-username',
      INTEGRATION,
      '--dry-run',
    ]);
    expect(dry.error, dry.error?.message).to.equal(undefined);
    expect(dry.output).to.include('no record of creating it').and.include(`--confirm-integration-user ${INTEGRATION}`);
    const refused = await teardown(...ECI_PART, '--integration-username', INTEGRATION);
    expect(refused.error?.name).to.equal('UnprovenUserError');
    expect(refused.error?.message).to.include('no record of creating it').and.not.include('permission set;');
    expect(user(INTEGRATION)?.IsActive).to.equal(true);
    const named = await teardown(
      ...ECI_PART,
      '--integration-username',
      INTEGRATION,
      '--confirm-integration-user',
      INTEGRATION,
    );
    expect(named.error, named.error?.message).to.equal(undefined);
    expect(user(INTEGRATION)?.IsActive).to.equal(false);
  });

  it("configure's own integration user (all markers) is deactivated with --force alone", async () => {
    const r = await teardown(...ECI_PART, '--integration-username', INTEGRATION);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(user(INTEGRATION)?.IsActive).to.equal(false);
  });

  it('a lost answer mid-teardown: what was removed and what was not, in --json and in words, exit 68; a re-run finishes', async () => {
    faultStats.count('fault', 1, 'delete');
    // The second removal lands, its answer is lost on every try; nothing after it is sent.
    env.org.faults.add({ write: true, nth: 2, times: 5 }, { kind: 'reset', when: 'after' });
    const args = [...ECI_PART, '--integration-username', INTEGRATION];
    const r = await teardown(...args);
    expect(r.error, r.error?.message).to.equal(undefined);
    expect(r.exitCode).to.equal(68);
    const result = r.result as TeardownResult;
    expect(result.outcome).to.equal('partial');
    const statuses = result.components.map((c) => c.status);
    expect(statuses[0]).to.be.oneOf(['deleted', 'deactivated']);
    expect(statuses[1]).to.equal('unknown');
    expect(result.components[1].error?.message).to.include('may or may not have been saved');
    expect(statuses.slice(2).every((s) => s === 'skipped')).to.equal(true);
    expect(result.components[2].error?.message).to.include('Not attempted');
    expect(env.org.writes().length).to.be.greaterThan(0);

    env.org.faults.clear();
    const human = await env.run(Teardown, ['-o', env.username, ...args, '--dry-run']);
    expect(human.output).to.include('will delete');
    const again = await teardown(...args);
    expect(again.error, again.error?.message).to.equal(undefined);
    expect((again.result as TeardownResult).outcome).to.equal('complete');
    expect(user(INTEGRATION)?.IsActive).to.equal(false);
    expect(assignmentsOf(INTEGRATION)).to.equal(0);
    faultStats.pass('fault', 1, 'delete');
  });

  it('the human output of a partial teardown lists each removal with its outcome', async () => {
    env.org.faults.add({ write: true, nth: 2, times: 5 }, { kind: 'reset', when: 'after' });
    const r = await env.run(Teardown, ['-o', env.username, ...ECI_PART, '--integration-username', INTEGRATION]);
    expect(r.exitCode).to.equal(68);
    expect(r.output)
      .to.match(/deleted|deactivated/)
      .and.include('outcome unknown')
      .and.include('kept');
    expect(r.output).to.include('may or may not have been saved');
  });
});
