/*
 * `sf eci ringcentral configure`, run by the real sf CLI against the simulated org: the whole guide in one command
 * (--json, its result checked against the schema), what a person sees with the output piped (stdout and the plain
 * progress lines on stderr), a missing prerequisite shown to a person (exit 78), --no-prompt without a secret (exit 68,
 * no wait for input), and no secret in any output. The rest of configure's behaviour is tested in process
 * (test/commands/configure.test.ts).
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import {
  allStatus,
  CLIENT_ID,
  CONTACT,
  configureRuns,
  type ConfigureOrgOptions,
  FULL,
  STEP_IDS,
  statuses,
  step,
  TITLES,
  WITH_SECRET,
} from '../support/configure-checks.js';
import { simulatedOrgAndCli, type RunResult } from './harness.js';

describe('e2e: sf eci ringcentral configure', function () {
  this.timeout(240_000);
  const fixture = simulatedOrgAndCli();
  const runs = configureRuns(fixture);
  const { outputs, secrets, sf, appCredentials, consentUrl, expectConfigured } = runs;
  let org: SimulatedOrg;
  const freshOrg = async (alias: string, opts?: ConfigureOrgOptions): Promise<void> =>
    void ({ org } = await runs.freshOrg(alias, opts));

  describe('on an org with the Voice Connector prerequisites (new Connected Apps refused, the default)', () => {
    before(() => freshOrg('cfg'));

    it('--json makes everything: both auth providers and named credentials, the External Client App, the site, the guest sets, the integration user', async () => {
      const r = await sf('cfg', [...FULL, '--json'], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.status).to.equal(0);
      expect(r.json.result).to.include({ dryRun: false, outcome: 'complete', environment: 'production' });
      expect(statuses(r)).to.deep.equal(allStatus('created'));
      expectConfigured('ExternalClientApplication');
      expect(r.json.warnings.join(' ')).to.include('External Client App');
      // The app by one deploy of all its parts, never a CRUD write of an External Client App type.
      expect(org.calls.filter((c) => c.operation === 'deploy').map((c) => c.fullNames?.length)).to.deep.equal([5]);
      expect(
        org.calls.filter((c) => c.operation === 'upsertMetadata' && /ExternalClient|ExtlClnt/.test(c.type ?? '')),
      ).to.deep.equal([]);
      // The ECI auth provider holds the secret the org kept (none was deployed).
      expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })!.consumerSecret).to.equal(
        org.consumerCredentials('ECI_Connected_App')!.consumerSecret,
      );
    });
  });

  describe('for a person (no --json, output piped)', () => {
    let r: RunResult;
    before(async () => {
      await freshOrg('cfg-human');
      r = await sf('cfg-human', ['--client-id', CLIENT_ID, '--contact-email', CONTACT], WITH_SECRET);
    });

    it('exits 0 and shows each step with its status, and the plain progress lines on stderr', () => {
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      for (const id of STEP_IDS.filter((s) => s !== 'integration-user')) {
        expect(r.stdout).to.include(`== ${TITLES[id]}: created`);
        expect(r.stderr).to.match(new RegExp(`✔ ${TITLES[id]}: done`));
      }
      expect(r.stdout).to.include(`== ${TITLES['integration-user']}: skipped`);
      expect(r.stdout).to.include('no --integration-username was given');
      expect(r.stdout).to.match(/created\s+AuthProvider\s+Ring_Central/);
      expect(r.stdout).to.include('Every task matches the guide.');
      expect(r.stderr).to.include('Configuring RingCentral with Einstein Conversation Insights');
      expect(r.stderr).to.match(/ms in all/);
      appCredentials();
    });

    it('ends with the next steps in order: redirect URI (or the app creation link), both consents with their exact URLs, the 10-minute wait', () => {
      const next = r.stdout.slice(r.stdout.indexOf('Next steps'));
      expect(next, r.stdout).to.not.equal('');
      const callback = `${org.instanceUrl}/services/authcallback/Ring_Central`;
      const positions = [
        next.indexOf('OAuth Redirect URI'),
        next.indexOf(callback),
        next.indexOf(`No RingCentral app yet?`),
        next.indexOf(`redirectUri=${encodeURIComponent(callback)}`),
        next.indexOf(consentUrl('Ring_Central', 'Ring_Central')),
        next.indexOf(consentUrl('ECI_Named_Credential', 'ECI_Auth_Provider')),
        next.indexOf('up to 10 minutes'),
      ];
      expect(
        positions.every((p) => p >= 0),
        `${positions.join(',')}\n${next}`,
      ).to.equal(true);
      expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
    });
  });

  describe('a missing prerequisite: checked before any write', () => {
    it('no SiteLogin page: the checklist names it with its Setup URL (shown to a person too), nothing written, exit 78', async () => {
      await freshOrg('cfg-nologin', { install: { siteLoginPage: false } });
      const r = await sf('cfg-nologin', [...FULL], WITH_SECRET);
      expect(r.code, r.stdout + r.stderr).to.equal(78);
      expect(r.stdout).to.include('Before the guide can run');
      expect(r.stdout).to.include('Visualforce page named SiteLogin');
      expect(r.stdout).to.include(`${org.instanceUrl}/lightning/setup/ApexPages/home`);
      expect(org.writes()).to.deep.equal([]);
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });
  });

  describe('--no-prompt without any secret, on an org without the RingCentral auth provider', () => {
    before(() => freshOrg('cfg-nosecret'));

    it('the RingCentral auth provider fails with the MissingSecret action, its named credential is skipped, the rest runs: exit 68, no wait for input', async () => {
      const r = await sf('cfg-nosecret', [...FULL, '--no-prompt', '--json'], { timeoutMs: 30_000 });
      expect(r.code, r.stdout + r.stderr).to.equal(68);
      expect(r.json.result.outcome).to.equal('partial');
      expect(statuses(r)).to.deep.equal({
        ...allStatus('created'),
        'ringcentral-auth-provider': 'failed',
        'ringcentral-named-credential': 'skipped',
      });
      const failed = step(r, 'ringcentral-auth-provider');
      expect(failed.reason).to.include('RingCentral client secret');
      expect(failed.actions!.join(' ')).to.include('RINGCENTRAL_CLIENT_SECRET').and.include('--client-secret-stdin');
      expect(step(r, 'ringcentral-named-credential').reason).to.include(TITLES['ringcentral-auth-provider']);
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal(['ECI_Auth_Provider']);
      expect(org.listMetadataNames('NamedCredential')).to.deep.equal(['ECI_Named_Credential']);
      appCredentials();
    });
  });

  // Last (mocha runs a describe's own tests before its nested ones, so this one sits in its own describe).
  describe('across every run above', () => {
    it('printed neither the RingCentral client secrets nor the generated consumer keys and secrets in any stdout, stderr or JSON', () => {
      expect(secrets.size).to.be.greaterThan(6);
      expect(outputs.length, 'four runs, stdout and stderr each').to.equal(8);
      const all = outputs.join('\n');
      for (const secret of secrets)
        expect(all.includes(secret), `a secret was printed (${secret.slice(0, 4)}…)`).to.equal(false);
    });
  });
});
