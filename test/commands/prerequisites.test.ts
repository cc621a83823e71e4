/*
 * Prerequisites before any write, in process against the simulated org: what the guide presumes
 * (the Voice Connector and ECI permission sets, Sites with the SiteLogin page, the user's permissions) is checked in
 * the read phase; when something is missing nothing is written (the simulator's write log stays empty), the checklist
 * names each item with its Setup URL, the command exits 78, --json carries the checklist, and --dry-run shows the
 * same checklist with the plan. A complete org pays no extra sequential round trip for the checks.
 */
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import GuestPermissions from '../../src/commands/eci/ringcentral/guest-permissions.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import Verify from '../../src/commands/eci/ringcentral/verify.js';
import type { PrerequisiteCheck } from '../../src/guide/prerequisites.js';
import type { SimSeed, SimulatedOrg } from '../sim/index.js';
import { timeline } from '../sim/timeline.js';
import { installVoiceConnector, type VoiceConnectorInstall } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Prereq-4c1d9e';
const ARGS = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example'];

type Blocked = { outcome?: string; prerequisites: PrerequisiteCheck[]; steps?: Array<{ id: string; status: string }> };

describe('in process: prerequisites before any write', function () {
  this.timeout(60_000);
  let env: InProcess | undefined;
  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  const start = (install: VoiceConnectorInstall | false, seed: SimSeed = {}): Promise<InProcess> =>
    InProcess.start({
      seed: { ...seed, settings: { connectedAppCreationAllowed: true, ...seed.settings } },
      prepare: (org: SimulatedOrg) => void (install === false ? undefined : installVoiceConnector(org, install)),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
    });

  const missingIds = (data: Blocked): string[] =>
    data.prerequisites.filter((p) => p.status === 'missing').map((p) => p.id);

  /** The blocked run's error: exit 78, nothing written, each missing item's action with its URL in what sf prints. */
  function expectBlocked(e: InProcess, r: Awaited<ReturnType<InProcess['run']>>, ids: string[]): Blocked {
    expect(r.error?.name, r.error?.message).to.equal('PrerequisitesMissingError');
    expect(r.error?.exitCode).to.equal(78);
    expect(r.code, 'the exit code').to.equal(78);
    expect(e.org.writes()).to.deep.equal([]);
    const data = r.error?.data as Blocked;
    expect(missingIds(data)).to.deep.equal(ids);
    for (const item of data.prerequisites.filter((p) => p.status === 'missing')) {
      expect(item.setupUrl.startsWith(`${e.org.instanceUrl}/lightning/setup/`)).to.equal(true);
      expect(item.action).to.include(item.setupUrl);
      // What sf prints: the --json document carries the item; a person reads its title and action.
      if (r.json) expect(r.json.data.prerequisites).to.deep.include(item);
      else expect(r.output).to.include(item.title).and.include(item.action);
      expect(r.error?.actions).to.include(item.action);
    }
    expect(r.output).to.not.include(RC_SECRET);
    return data;
  }

  it('an org without the Voice Connector: configure writes nothing, lists both sets with their URLs, exits 78', async () => {
    env = await start({ voiceConnectorPermission: false, eciPermissionSets: false });
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--json']);
    const data = expectBlocked(env, r, ['voice-connector-app', 'eci-permission-sets']);
    expect(data.outcome).to.equal('blocked');
    const vc = data.prerequisites.find((p) => p.id === 'voice-connector-app')!;
    expect(vc.setupUrl).to.equal(`${env.org.instanceUrl}/lightning/setup/ImportedPackage/home`);
    expect(vc.detail).to.include('"Voice Connector Permission"');
    expect(data.prerequisites.find((p) => p.id === 'eci-permission-sets')?.detail).to.include(
      '"Conversation Insights Integration User"',
    );
    // The other checks were made and passed: the checklist is complete, not only the first failure.
    expect(data.prerequisites.filter((p) => p.status === 'met').map((p) => p.id)).to.include.members([
      'sites-enabled',
      'site-login-page',
      'my-domain',
      'metadata-api-permission',
    ]);
  });

  it('with --integration-username the ECI access sets are checked too, all labels named', async () => {
    env = await start({ eciPermissionSets: false });
    const r = await env.run(Configure, [
      '-o',
      env.username,
      ...ARGS,
      '--integration-username',
      'eci.int@acme.example',
      '--integration-email',
      'admin@acme.example',
      '--json',
    ]);
    const data = expectBlocked(env, r, ['eci-permission-sets']);
    expect(data.prerequisites.find((p) => p.id === 'eci-permission-sets')?.detail)
      .to.include('Conversation Insights for Sales')
      .and.include('Einstein Conversation Insights Included');
  });

  it('Sites disabled and no SiteLogin page: both items, the Sites and Visualforce pages', async () => {
    env = await start({ siteLoginPage: false }, { settings: { sitesDomain: null } });
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--json']);
    const data = expectBlocked(env, r, ['sites-enabled', 'site-login-page']);
    expect(data.prerequisites.find((p) => p.id === 'sites-enabled')?.setupUrl).to.match(/\/CustomDomain\/home$/);
    expect(data.prerequisites.find((p) => p.id === 'site-login-page')?.setupUrl).to.match(/\/ApexPages\/home$/);
  });

  it('a user without Customize Application and Assign Permission Sets: both named, nothing written', async () => {
    env = await start(
      {},
      { settings: { userPermissions: { CustomizeApplication: false, AssignPermissionSets: false } } },
    );
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--json']);
    expectBlocked(env, r, ['customize-application-permission', 'assign-permission-sets-permission']);
  });

  it('a user without the Metadata API permissions: named before the first metadata call', async () => {
    env = await start({}, { settings: { userPermissions: { ModifyAllData: false, ModifyMetadata: false } } });
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--json']);
    expectBlocked(env, r, ['metadata-api-permission']);
    // The read phase sends its metadata reads beside the check (the org refuses them); nothing is written.
    expect(env.org.calls.filter((c) => c.api === 'soap-metadata' && c.write)).to.deep.equal([]);
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('--dry-run shows the plan, marked as not runnable, and the same checklist; exit 78', async () => {
    env = await start({ voiceConnectorPermission: false });
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--dry-run']);
    const data = expectBlocked(env, r, ['voice-connector-app']);
    expect(data.steps?.find((s) => s.id === 'ringcentral-auth-provider')?.status).to.equal('planned');
    expect(r.output).to.include('This plan cannot run yet').and.include('Before the guide can run');
    expect(r.output).to.include('AuthProvider');
  });

  it('a step command checks only its own prerequisites', async () => {
    env = await start({ voiceConnectorPermission: false }, { settings: { sitesDomain: null } });
    // The RingCentral auth provider needs neither the Voice Connector nor Sites: it runs.
    const ok = await env.run(CreateAuthProvider, ['-o', env.username, '--client-id', 'RcClient01', '--json']);
    expect(ok.error, ok.error?.message).to.equal(undefined);
    expect(
      (ok.result as { prerequisites: PrerequisiteCheck[] }).prerequisites.every((p) => p.status === 'met'),
    ).to.equal(true);
    const writes = env.org.writes().length;
    const site = await env.run(Site, ['-o', env.username, '--json']);
    expect(site.error?.exitCode).to.equal(78);
    expect(missingIds(site.error?.data as Blocked)).to.deep.equal(['sites-enabled']);
    const guest = await env.run(GuestPermissions, ['-o', env.username, '--json']);
    expect(missingIds(guest.error?.data as Blocked)).to.deep.equal(['voice-connector-app', 'sites-enabled']);
    expect(env.org.writes().length).to.equal(writes);
  });

  it('verify reports each prerequisite as a check: the missing ones fail with what to do and their Setup URL', async () => {
    env = await start({ voiceConnectorPermission: false }, { settings: { userPermissions: { ManageUsers: false } } });
    const r = await env.run(Verify, ['-o', env.username, '--json']);
    type Check = { id: string; status: string; actions?: string[] };
    const checks = (r.result as { checks: Check[] }).checks;
    const byId = (id: string): Check | undefined => checks.find((c) => c.id === id);
    expect(byId('prerequisite:voice-connector-app')?.status).to.equal('fail');
    expect(byId('prerequisite:voice-connector-app')?.actions?.[0]).to.include(
      `${env.org.instanceUrl}/lightning/setup/ImportedPackage/home`,
    );
    expect(byId('prerequisite:sites-enabled')?.status).to.equal('pass');
    // Verify is not told of an integration user: "Manage Users" is not one of its prerequisites.
    expect(byId('prerequisite:manage-users-permission')).to.equal(undefined);
    expect(env.org.writes()).to.deep.equal([]);
  });

  it('a complete org: the checks pass and add no sequential round trip (sent beside the first read)', async () => {
    env = await InProcess.start({
      seed: { settings: { connectedAppCreationAllowed: true } },
      prepare: (org) => void installVoiceConnector(org),
      env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
      latency: { ms: 40 },
    });
    const before = env.org.calls.length;
    const r = await env.run(Configure, ['-o', env.username, ...ARGS, '--dry-run', '--json']);
    expect(r.error, r.error?.message).to.equal(undefined);
    const result = r.result as Blocked;
    expect(result.prerequisites.every((p) => p.status === 'met')).to.equal(true);
    const calls = env.org.calls.slice(before);
    // A batch call carries several queries (its soql joins them with " ; "): one entry per query, with its call's times.
    const queries = calls.flatMap((c) =>
      (c.soql ?? '')
        .split(' ; ')
        .filter(Boolean)
        .map((soql) => ({ ...c, soql })),
    );
    const facts = queries.find((c) => /^SELECT Id, TimeZoneSidKey, [^]* FROM User WHERE Username/.test(c.soql ?? ''))!;
    const checks = queries.filter((c) =>
      /FROM UserPermissionAccess|FROM Site$|FROM ApexPage|FROM PermissionSet WHERE Label/.test(c.soql ?? ''),
    );
    // Each check is sent before the facts' read is answered: they share its round trip.
    expect(checks.length).to.equal(4);
    for (const c of checks) expect(c.at).to.be.below(facts.doneAt!);
    // The only request the checks add is the user's permissions; the others are the steps' own reads, sent once.
    const t = timeline(calls);
    expect(t.repeatedRequests).to.deep.equal([]);
    expect(queries.filter((c) => /FROM UserPermissionAccess/.test(c.soql))).to.have.length(1);
  });
});
