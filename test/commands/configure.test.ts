/*
 * `sf eci ringcentral configure` in process against the simulated org: the dry run; the second run that writes
 * nothing; the Connected App path; a failed step with its dependants skipped (exit 68) and the re-run that finishes;
 * an org that keeps the app's secret from its REST API; a missing prerequisite fixed and re-run; the sandbox-to-
 * production switch; and no secret in any output. Assertions are on what a user sees: the org's state, the printed
 * output and JSON, the exit code. What needs the real sf CLI (its loading of the plugin, a person's output, stdin)
 * is in test/e2e/configure.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { VoiceConnectorIds } from '../sim/voice-connector-seed.js';
import {
  allStatus,
  CLIENT_ID,
  CONTACT,
  configureRuns,
  type ConfigureOrgOptions,
  FULL,
  INTEGRATION_USER,
  type NextStep,
  PROD_CLIENT_ID,
  RC_PROD_SECRET,
  statuses,
  step,
  TITLES,
  WITH_SECRET,
} from '../support/configure-checks.js';
import { inProcessOrgAndCli } from './in-process.js';

describe('in process: sf eci ringcentral configure', function () {
  this.timeout(120_000);
  const fixture = inProcessOrgAndCli();
  const runs = configureRuns(fixture);
  const { outputs, secrets, sf, appCredentials, user, consentUrl, expectConfigured } = runs;
  let org: SimulatedOrg;
  let ids: VoiceConnectorIds;
  const freshOrg = async (alias: string, opts?: ConfigureOrgOptions): Promise<void> =>
    void ({ org, ids } = await runs.freshOrg(alias, opts));

  describe('on an org with the Voice Connector prerequisites (new Connected Apps refused, the default)', () => {
    before(() => freshOrg('cfg'));

    it('--dry-run plans every step, exits 0, writes nothing and makes nothing', async () => {
      const r = await sf('cfg', [...FULL, '--dry-run', '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ dryRun: true, outcome: 'complete' });
      expect(statuses(r)).to.deep.equal(allStatus('planned'));
      expect(step(r, 'guest-user-permissions').components.map((c) => [c.name, c.action])).to.deep.equal([
        ['vcon__VoiceConnectorPermission → VoiceConnector Site Guest User', 'create'],
        ['ConversationInsightsIntegrationUser → VoiceConnector Site Guest User', 'create'],
      ]);
      // What the same run makes is not reported as missing: no "stops until you run …" for a planned dependency.
      expect(r.json.warnings.join('\n')).to.not.match(/stops until|ECI_CONSUMER_KEY/);
      expect(org.writes()).to.deep.equal([]);
      for (const type of ['AuthProvider', 'NamedCredential', 'ConnectedApp', 'ExternalClientApplication', 'CustomSite'])
        expect(org.listMetadataNames(type), type).to.deep.equal([]);
      expect(user(INTEGRATION_USER)).to.equal(undefined);
      expect(
        org.records('PermissionSetAssignment').filter((a) => a.PermissionSetId !== ids.adminProfileSetId),
      ).to.deep.equal([]);
    });

    it('a second run: every step unchanged, zero writes', async () => {
      const first = await sf('cfg', [...FULL, '--json'], WITH_SECRET);
      expect(first.code, first.stdout + first.stderr).to.equal(0);
      const before = org.writes().length;
      const r = await sf('cfg', [...FULL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal(allStatus('unchanged'));
      expect(org.writes().length).to.equal(before);
    });
  });

  describe('on an org seeded to allow Connected Apps', () => {
    before(() => freshOrg('cfg-ca', { seed: { settings: { connectedAppCreationAllowed: true } } }));

    it('makes a Connected App, and the ECI auth provider with its generated key and secret', async () => {
      const r = await sf('cfg-ca', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal(allStatus('created'));
      expectConfigured('ConnectedApp');
    });
  });

  describe('a failure injected in one step', () => {
    before(() => freshOrg('cfg-fail'));
    const REFUSAL = 'An unexpected error occurred. Please include this ErrorId: 1234-5678';

    it("exits 68 (partial): the site fails with Salesforce's message, guest permissions are skipped, everything else is done", async () => {
      org.failNext(
        { operation: 'upsertMetadata', type: 'CustomSite' },
        { statusCode: 'UNKNOWN_EXCEPTION', message: REFUSAL },
      );
      const r = await sf('cfg-fail', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(68);
      expect(r.json.status).to.equal(68);
      expect(r.json.result.outcome).to.equal('partial');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('created'),
        'voice-connector-site': 'failed',
        'guest-user-permissions': 'skipped',
      });
      expect(step(r, 'voice-connector-site').reason).to.include(REFUSAL);
      expect(step(r, 'guest-user-permissions').reason).to.include(TITLES['voice-connector-site']);
      expect(org.getMetadata('CustomSite', 'VoiceConnector')).to.equal(undefined);
      expect(org.getMetadata('NamedCredential', 'ECI_Named_Credential')).to.not.equal(undefined);
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.not.equal(undefined);
      expect(user(INTEGRATION_USER)).to.not.equal(undefined);
    });

    it('a re-run exits 0: what was done is unchanged, the site and guest permissions are made', async () => {
      const r = await sf('cfg-fail', [...FULL, '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.outcome).to.equal('complete');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('unchanged'),
        'voice-connector-site': 'created',
        'guest-user-permissions': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });
  });

  describe("an org that keeps the app's consumer secret from its REST API (External Client App setting off)", () => {
    before(() => freshOrg('cfg-eci', { seed: { settings: { clientSecretInRestApiAccess: false } } }));

    it('exit 68: the ECI auth provider stops with the exact setting, nothing wrong written; the rest done; a re-run with the setting on completes', async () => {
      const first = await sf('cfg-eci', [...FULL, '--json'], WITH_SECRET);
      expect(first.code, first.stdout + first.stderr).to.equal(68);
      expect(first.json.result.outcome).to.equal('partial');
      expect(statuses(first)).to.deep.equal({
        ...allStatus('created'),
        'eci-auth-provider': 'failed',
        'eci-named-credential': 'skipped',
      });
      const failed = step(first, 'eci-auth-provider');
      expect(failed.reason)
        .to.include('Allow access to External Client App consumer secrets via REST API')
        .and.include('enableClientSecretInRestApiAccess');
      expect(failed.actions!.join(' ')).to.include('ECI_CONSUMER_KEY').and.include('ECI_CONSUMER_SECRET');
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
      expect(org.listMetadataNames('ExternalClientApplication')).to.deep.equal(['ECI_Connected_App']);

      // Still off: the same, and nothing written.
      const before = org.writes().length;
      const second = await sf('cfg-eci', [...FULL, '--json']);
      expect(second.code, second.stdout + second.stderr).to.equal(68);
      expect(statuses(second)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'failed',
        'eci-named-credential': 'skipped',
      });
      expect(org.writes().length).to.equal(before);
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);

      org.settings = { ...org.settings, clientSecretInRestApiAccess: true };
      const third = await sf('cfg-eci', [...FULL, '--json']);
      expect(third.code, third.stdout + third.stderr).to.equal(0);
      expect(statuses(third)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'created',
        'eci-named-credential': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });

    it('the key and secret copied from Setup into ECI_CONSUMER_KEY / ECI_CONSUMER_SECRET finish it too', async () => {
      await freshOrg('cfg-eci-env', { seed: { settings: { clientSecretInRestApiAccess: false } } });
      const first = await sf('cfg-eci-env', [...FULL, '--json'], WITH_SECRET);
      expect(first.code, first.stdout + first.stderr).to.equal(68);
      const app = appCredentials();
      const again = await sf('cfg-eci-env', [...FULL, '--json'], {
        env: { ECI_CONSUMER_KEY: app.consumerKey, ECI_CONSUMER_SECRET: app.consumerSecret },
      });
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(statuses(again)).to.deep.equal({
        ...allStatus('unchanged'),
        'eci-auth-provider': 'created',
        'eci-named-credential': 'created',
      });
      expectConfigured('ExternalClientApplication');
    });
  });

  describe('a missing prerequisite: checked before any write', () => {
    it('Sites not enabled: nothing written, the checklist with the Sites setup action, exit 78; once enabled the run finishes', async () => {
      await freshOrg('cfg-nosites', { seed: { settings: { sitesDomain: null } } });
      const r = await sf('cfg-nosites', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(78);
      expect(r.json.name).to.equal('PrerequisitesMissingError');
      expect(r.json.data.outcome).to.equal('blocked');
      const missing = (r.json.data.prerequisites as Array<{ id: string; status: string; action: string }>).filter(
        (p) => p.status === 'missing',
      );
      expect(missing.map((p) => p.id)).to.deep.equal(['sites-enabled']);
      expect(r.json.actions.join('\n')).to.include('Register My Salesforce Site Domain');
      expect(org.writes()).to.deep.equal([]);
      org.settings.sitesDomain = 'acme-dev.my.salesforce-sites.com';
      const again = await sf('cfg-nosites', [...FULL, '--json'], WITH_SECRET);
      expect(again.code, again.stdout + again.stderr).to.equal(0);
      expect(org.listMetadataNames('CustomSite')).to.deep.equal(['VoiceConnector']);
    });
  });

  describe('the graduate switch: sandbox to production', () => {
    before(() => freshOrg('cfg-grad'));

    it('--environment sandbox configures the devtest endpoints', async () => {
      const r = await sf(
        'cfg-grad',
        ['--client-id', CLIENT_ID, '--contact-email', CONTACT, '--environment', 'sandbox', '--json'],
        WITH_SECRET,
      );
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'sandbox', server: 'https://platform.devtest.ringcentral.com' });
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.include({
        authorizeUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/authorize',
        tokenUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        userInfoUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/userinfo',
      });
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.include({
        endpoint: 'https://platform.devtest.ringcentral.com',
      });
      appCredentials();
    });

    it('--environment production with the production client id moves both in place (with --force), and says to authorize again and enter the new secret in Setup', async () => {
      const ncId = org.records('NamedCredential').find((n) => n.DeveloperName === 'Ring_Central')!.Id;
      const r = await sf(
        'cfg-grad',
        // Moving a setup is an update of what exists: it needs the admin's yes (--force), as every update does.
        ['--client-id', PROD_CLIENT_ID, '--contact-email', CONTACT, '--environment', 'production', '--force', '--json'],
        {
          env: { RINGCENTRAL_CLIENT_SECRET: RC_PROD_SECRET },
        },
      );
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'production', outcome: 'complete' });
      expect(statuses(r)).to.include({
        'ringcentral-auth-provider': 'updated',
        'ringcentral-named-credential': 'updated',
        'eci-connected-app': 'unchanged',
        'voice-connector-site': 'unchanged',
      });

      const [provider] = step(r, 'ringcentral-auth-provider').components;
      expect(provider).to.include({ type: 'AuthProvider', name: 'Ring_Central', action: 'update' });
      expect(provider.changes.map((c) => c.field)).to.have.members([
        'authorizeUrl',
        'consumerKey',
        'tokenUrl',
        'userInfoUrl',
      ]);
      expect(provider.changes.find((c) => c.field === 'tokenUrl')).to.deep.include({
        current: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        desired: 'https://platform.ringcentral.com/restapi/oauth/token',
      });
      const [nc] = step(r, 'ringcentral-named-credential').components;
      expect(nc).to.include({ type: 'NamedCredential', name: 'Ring_Central', action: 'update' });
      expect(nc.changes).to.deep.equal([
        {
          field: 'endpoint',
          current: 'https://platform.devtest.ringcentral.com',
          desired: 'https://platform.ringcentral.com',
        },
      ]);

      // In place: the same components, now on production.
      expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })).to.include({
        consumerKey: PROD_CLIENT_ID,
        authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
        tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
        userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
      });
      expect(org.records('NamedCredential').find((n) => n.DeveloperName === 'Ring_Central')).to.include({
        Id: ncId,
        Endpoint: 'https://platform.ringcentral.com',
      });

      const next: NextStep[] = r.json.result.nextSteps;
      const text = next.map((s) => `${s.title} ${s.url ?? ''} ${s.detail ?? ''}`);
      const secret = next.findIndex((s) => /new client secret/.test(s.title) && /Ring Central/.test(s.title));
      const reauthorize = next.findIndex((s) => /"Ring Central" named credential again/.test(s.title));
      expect(secret, text.join('\n')).to.be.greaterThan(-1);
      expect(reauthorize, text.join('\n')).to.be.greaterThan(secret);
      // Authorizing again is the consent itself, once, with its exact URL; no app to create, nothing new in Salesforce to wait for.
      expect(next[reauthorize].url).to.equal(consentUrl('Ring_Central', 'Ring_Central'));
      expect(next.filter((s) => s.url === consentUrl('Ring_Central', 'Ring_Central'))).to.have.length(1);
      expect(text.join('\n')).to.not.match(/No RingCentral app yet|up to 10 minutes/);
      expect(next[secret].url).to.equal(`${org.instanceUrl}/lightning/setup/AuthProviders/home`);
      expect(next[secret].detail).to.include('does not let the API change a stored consumer secret');
    });
  });

  // Last (mocha runs a describe's own tests before its nested ones, so this one sits in its own describe).
  describe('across every run above', () => {
    it('printed neither the RingCentral client secrets nor the generated consumer keys and secrets in any stdout, stderr or JSON', () => {
      expect(secrets.size).to.be.greaterThan(6);
      expect(outputs.length).to.be.greaterThan(20);
      const all = outputs.join('\n');
      for (const secret of secrets)
        expect(all.includes(secret), `a secret was printed (${secret.slice(0, 4)}…)`).to.equal(false);
    });
  });
});
