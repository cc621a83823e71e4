/*
 * --validate in process against the simulated org: the metadata the plan would write goes to
 * Salesforce in ONE check-only deploy, each component gets Salesforce's answer, records are listed as not validated,
 * and nothing is saved. The refusals are the simulated org's own rules (a URL suffix of a deleted auth provider, a
 * named credential on a provider that exists neither in the org nor in the deploy) or an injected component failure.
 */
import { expect } from 'chai';
import Configure from '../../src/commands/eci/ringcentral/configure.js';
import CreateAuthProvider from '../../src/commands/eci/ringcentral/create-auth-provider.js';
import Site from '../../src/commands/eci/ringcentral/site.js';
import type { ComponentResult, ValidationSummary } from '../../src/model/component.js';
import { VALIDATION_PLACEHOLDER } from '../../src/engine/validate.js';
import { SUFFIX_USED_MESSAGE } from '../sim/rules/AuthProvider.js';
import type { SimulatedOrg } from '../sim/index.js';
import { deleteAuthProviderOnce } from '../sim/deleted-auth-provider-seed.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { InProcess } from './in-process.js';

const RC_SECRET = 'RcSecret-Validate-5b7e21';
const CONFIGURE = ['--client-id', 'RcClient01', '--contact-email', 'admin@acme.example'];
const TYPES = [
  'AuthProvider',
  'NamedCredential',
  'ConnectedApp',
  'CustomSite',
  'ExternalClientApplication',
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
];

type StepReport = { id: string; components: ComponentResult[] };
type Result = { dryRun: boolean; steps?: StepReport[]; components?: ComponentResult[]; validation?: ValidationSummary };

/** What the org holds, metadata and the records a run could make: equal before and after means nothing was saved. */
function orgContent(org: SimulatedOrg): string {
  return JSON.stringify({
    metadata: TYPES.map((t) => org.listMetadataNames(t).map((n) => org.getMetadata(t, n, { includeSecrets: true }))),
    assignments: org.records('PermissionSetAssignment').length,
    users: org.records('User').length,
    sites: org.records('Site').length,
  });
}

const componentsOf = (r: Result): ComponentResult[] => r.components ?? (r.steps ?? []).flatMap((s) => s.components);
const find = (r: Result, type: string, name: string): ComponentResult | undefined =>
  componentsOf(r).find((c) => c.type === type && c.name === name);
const deploys = (org: SimulatedOrg): number => org.calls.filter((c) => c.operation === 'deploy').length;

describe('in process: --validate, a dry run that Salesforce itself checks', function () {
  this.timeout(120_000);
  let env: InProcess | undefined;
  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  describe('configure', () => {
    it('a fresh org: every metadata component accepted in one check-only deploy, records not validated, nothing saved, exit 0', async () => {
      env = await InProcess.start({
        prepare: (org) => void installVoiceConnector(org),
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
      });
      const before = orgContent(env.org);
      const r = await env.run(Configure, [
        '-o',
        env.username,
        ...CONFIGURE,
        '--app-type',
        'external-client-app',
        '--integration-username',
        'eci.integration@acme.example',
        '--integration-email',
        'admin@acme.example',
        '--validate',
        '--json',
      ]);
      expect(r.error, r.error?.message).to.equal(undefined);
      const result = r.result as Result;
      expect(result.dryRun).to.equal(true);

      // One check-only deploy, and it is no write: nothing else was sent that changes the org.
      expect(deploys(env.org)).to.equal(1);
      expect(env.org.writes()).to.deep.equal([]);
      expect(orgContent(env.org)).to.equal(before);

      // Every metadata component the plan creates, the External Client App's five parts among them, accepted.
      const metadata = componentsOf(result).filter(
        (c) => c.action !== 'unchanged' && c.type !== 'User' && !c.type.endsWith('Assignment'),
      );
      expect(metadata.map((c) => c.type)).to.include.members([
        'AuthProvider',
        'NamedCredential',
        'ExternalClientApplication',
        'ExtlClntAppGlobalOauthSettings',
        'CustomSite',
      ]);
      for (const c of metadata) expect(c.validation, `${c.type} ${c.name}`).to.deep.include({ status: 'accepted' });
      // The RingCentral secret was given: no placeholder; the ECI app's key and secret do not exist yet: placeholders.
      expect(find(result, 'AuthProvider', 'Ring_Central')?.validation).to.deep.equal({ status: 'accepted' });
      expect(find(result, 'AuthProvider', 'ECI_Auth_Provider')?.validation).to.deep.equal({
        status: 'accepted',
        placeholders: ['consumerKey', 'consumerSecret'],
      });
      // Records are listed, not validated.
      const records = componentsOf(result).filter((c) => c.type === 'User' || c.type === 'PermissionSetAssignment');
      expect(records.length).to.be.greaterThan(2);
      for (const c of records)
        expect(c.validation, c.name).to.deep.equal({
          status: 'not-validated',
          message: 'records are not metadata: a check-only deploy cannot check them',
        });
      expect(result.validation).to.deep.include({ refused: 0, notValidated: records.length });
      expect(result.validation?.accepted).to.equal(metadata.length);
      expect(result.validation?.deployId).to.match(/^0Af/);
      // No secret, nor the placeholder, in what was printed.
      expect(r.output).to.not.include(RC_SECRET).and.not.include(VALIDATION_PLACEHOLDER);
    });

    it("a seeded refusal: each refused component with Salesforce's words, the dependent one too; exit 1; nothing saved", async () => {
      env = await InProcess.start({
        prepare: (org) => {
          installVoiceConnector(org);
          deleteAuthProviderOnce(org);
        },
      });
      const before = orgContent(env.org);
      const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate']);
      expect(r.error?.name).to.equal('ValidationRefusedError');
      expect(r.error?.exitCode).to.equal(1);
      // The human output: per component what Salesforce would refuse, with its message.
      expect(r.output).to.match(/refused\s+AuthProvider\s+Ring_Central/);
      expect(r.output).to.include(SUFFIX_USED_MESSAGE);
      // The named credential names a provider that exists neither in the org nor in the deploy (it was refused).
      expect(r.output).to.match(/refused\s+NamedCredential\s+Ring_Central/);
      expect(r.output).to.include('no AuthProvider named Ring_Central found');
      expect(r.output).to.match(/accepted\s+CustomSite\s+VoiceConnector/);
      expect(r.output).to.match(/not validated\s+PermissionSetAssignment/);
      expect(r.error?.message).to.include('AuthProvider Ring_Central: ').and.include(SUFFIX_USED_MESSAGE);
      expect(r.error?.actions?.join(' ')).to.include('--validate');
      // --json's data carries the whole result.
      const data = r.error?.data as Result;
      expect(data.validation).to.deep.include({ refused: 2 });
      expect(find(data, 'AuthProvider', 'Ring_Central')?.validation).to.deep.include({
        status: 'refused',
        message: SUFFIX_USED_MESSAGE,
        placeholders: ['consumerSecret'],
      });
      expect(env.org.writes()).to.deep.equal([]);
      expect(orgContent(env.org)).to.equal(before);
      // The plan, then the External Client App that auto makes in place of the refused Connected App.
      expect(deploys(env.org)).to.equal(2);
    });

    it('auto on an org that refuses new Connected Apps: the External Client App a real run makes instead is checked too', async () => {
      env = await InProcess.start({
        prepare: (org) => void installVoiceConnector(org),
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
      });
      const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate', '--json']);
      expect(r.error, r.error?.message).to.equal(undefined);
      const v = find(r.result as Result, 'ConnectedApp', 'ECI_Connected_App')?.validation;
      expect(v?.status).to.equal('accepted');
      expect(v?.message).to.include('makes an External Client App instead, and Salesforce accepts it');
      // The second check-only deploy carried the whole External Client App.
      const checks = env.org.calls.filter((c) => c.operation === 'deploy');
      expect(checks).to.have.length(2);
      expect(checks[1].type?.split(',').sort()).to.deep.equal([
        'ExternalClientApplication',
        'ExtlClntAppConfigurablePolicies',
        'ExtlClntAppGlobalOauthSettings',
        'ExtlClntAppOauthConfigurablePolicies',
        'ExtlClntAppOauthSettings',
      ]);
      expect(env.org.writes()).to.deep.equal([]);
    });

    it('auto where the org refuses the Connected App and its alternative too: refused, exit 1', async () => {
      env = await InProcess.start({
        seed: { settings: { externalClientAppsEnabled: false } },
        prepare: (org) => void installVoiceConnector(org),
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
      });
      const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate', '--json']);
      expect(r.error?.exitCode).to.equal(1);
      const v = find(r.error?.data as Result, 'ConnectedApp', 'ECI_Connected_App')?.validation;
      expect(v?.status).to.equal('refused');
      expect(v?.message).to.include('would also refuse the External Client App').and.include('INVALID_TYPE');
      expect(env.org.writes()).to.deep.equal([]);
    });

    it('a check-only deploy answered by an outage page: an error that says the check did not happen, no secret, nothing saved', async () => {
      env = await InProcess.start({
        prepare: (org) => void installVoiceConnector(org),
        env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET },
      });
      // A check-only deploy saves nothing, so a passing fault is tried again: this outage outlasts the tries.
      env.org.faults.add(
        { operation: 'deploy', times: 9 },
        {
          kind: 'answer',
          status: 503,
          contentType: 'text/html',
          body: '<html><body>Down for maintenance</body></html>',
        },
      );
      const before = orgContent(env.org);
      const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate', '--json']);
      expect(r.error?.exitCode).to.equal(1);
      expect(r.error?.name).to.equal('UnreadableError');
      expect(r.error?.message).to.include('deploy (check only)').and.not.include('%s');
      expect(r.error?.actions?.join(' ')).to.include('status.salesforce.com');
      expect(r.result).to.equal(undefined);
      expect(r.output + (r.error?.message ?? ''))
        .to.not.include(RC_SECRET)
        .and.not.include(env.org.accessToken);
      expect(env.org.writes()).to.deep.equal([]);
      expect(orgContent(env.org)).to.equal(before);
    });

    it('--validate with --open or --wait is refused before any call', async () => {
      env = await InProcess.start({ prepare: (org) => void installVoiceConnector(org) });
      for (const flag of [['--open'], ['--wait', '1']]) {
        const calls = env.commandCalls();
        const r = await env.run(Configure, ['-o', env.username, ...CONFIGURE, '--validate', ...flag]);
        expect(r.error?.message).to.include(`--validate=true cannot also be provided when using ${flag[0]}`);
        expect(env.commandCalls()).to.equal(calls);
      }
    });
  });

  describe('a step command', () => {
    it('site: an injected component failure is refused with its message, exit 1, nothing saved', async () => {
      env = await InProcess.start({ prepare: (org) => void installVoiceConnector(org) });
      env.org.failNext(
        { operation: 'deploy', type: 'CustomSite', fullName: 'VoiceConnector' },
        { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'In field: siteAdmin - this user cannot administer sites' },
      );
      const before = orgContent(env.org);
      const r = await env.run(Site, ['-o', env.username, '--validate', '--json']);
      expect(r.error?.name).to.equal('ValidationRefusedError');
      expect(r.error?.exitCode).to.equal(1);
      const data = r.error?.data as Result;
      expect(data.dryRun).to.equal(true);
      expect(data.validation).to.deep.include({ accepted: 0, refused: 1, notValidated: 0 });
      expect(find(data, 'CustomSite', 'VoiceConnector')).to.deep.include({
        status: 'planned',
        validation: { status: 'refused', message: 'In field: siteAdmin - this user cannot administer sites' },
      });
      expect(env.org.writes()).to.deep.equal([]);
      expect(orgContent(env.org)).to.equal(before);
    });

    it('create-auth-provider: an update is checked as the merged payload a real write sends; accepted, exit 0, org unchanged', async () => {
      env = await InProcess.start({ env: { RINGCENTRAL_CLIENT_SECRET: RC_SECRET } });
      const made = await env.run(CreateAuthProvider, ['-o', env.username, '--client-id', 'RcClient01']);
      expect(made.error, made.error?.message).to.equal(undefined);
      const before = orgContent(env.org);
      // Moving to RingCentral's sandbox changes the endpoints. A real update never sends the write-once secret again
      // (the org refuses a changed one): with another secret in the environment, an accepted check proves it was not.
      process.env.RINGCENTRAL_CLIENT_SECRET = 'RcSecret-Another-77aa10';
      const r = await env.run(CreateAuthProvider, [
        '-o',
        env.username,
        '--client-id',
        'RcClient01',
        '--environment',
        'sandbox',
        '--validate',
      ]);
      expect(r.error, r.error?.message).to.equal(undefined);
      expect(r.output).to.match(/accepted\s+AuthProvider\s+Ring_Central/);
      expect(r.output).to.include('Nothing was saved');
      expect(r.output).to.not.include(RC_SECRET).and.not.include('RcSecret-Another-77aa10');
      const result = r.result as Result;
      expect(find(result, 'AuthProvider', 'Ring_Central')).to.deep.include({
        action: 'update',
        validation: { status: 'accepted' },
      });
      expect(orgContent(env.org)).to.equal(before);
      expect(env.org.getMetadata('AuthProvider', 'Ring_Central')?.tokenUrl).to.include('platform.ringcentral.com');
    });

    it('nothing to write: no deploy is sent, and the result says so', async () => {
      env = await InProcess.start({ prepare: (org) => void installVoiceConnector(org) });
      expect((await env.run(Site, ['-o', env.username])).error).to.equal(undefined);
      const r = await env.run(Site, ['-o', env.username, '--validate', '--json']);
      expect(r.error, r.error?.message).to.equal(undefined);
      expect(deploys(env.org)).to.equal(0);
      expect((r.result as Result).validation).to.deep.equal({ accepted: 0, refused: 0, notValidated: 0 });
      expect(find(r.result as Result, 'CustomSite', 'VoiceConnector')?.validation).to.equal(undefined);
    });
  });
});
