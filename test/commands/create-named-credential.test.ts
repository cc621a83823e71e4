/*
 * `sf eci ringcentral create-named-credential` in process against the simulated org: the unchanged re-run, the
 * sandbox endpoint, the ECI named credential, and bad input. Assertions are on what a user sees: the org's state, the
 * command's output and JSON, its exit code; --open hands the consent URL to the browser (a program on the PATH). The
 * credential made by the real sf CLI is in test/e2e/create-named-credential.e2e.test.ts.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { seedGuideAuthProviders } from '../sim/helpers.js';
import { commandOf } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const CMD = ['eci', 'ringcentral', 'create-named-credential'];

describe('in process: sf eci ringcentral create-named-credential', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  let org: SimulatedOrg;
  const sf = commandOf(fixture, CMD);

  const freshOrg = async (alias: string, providers = true): Promise<unknown> =>
    (org = await fixture.freshOrg(alias, { prepare: (o) => providers && seedGuideAuthProviders(o) }));

  const namedCredentialId = (name: string): string =>
    String(org.records('NamedCredential').find((r) => r.DeveloperName === name)?.Id);

  describe('the RingCentral named credential', () => {
    before(() => freshOrg('nc'));

    it('a second run is unchanged, writes nothing, and still says the consent is needed', async () => {
      expect((await sf(['-o', 'nc', '--json'])).code).to.equal(0);
      const before = org.writes().length;
      const r = await sf(['-o', 'nc']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/unchanged\s+NamedCredential\s+Ring_Central/);
      expect(r.stdout).to.include('is not usable until its OAuth consent is done');
      expect(r.stdout).to.include(`/services/auth/xds/${org.orgId}/Ring_Central?startURL=/`);
      expect(org.writes().length).to.equal(before);
    });

    it('follows --environment sandbox (with --force: moving what exists is an update that needs consent)', async () => {
      const refused = await sf(['-o', 'nc', '--environment', 'sandbox', '--json']);
      expect(refused.json.name).to.equal('UpdatesNeedForceError');
      const r = await sf(['-o', 'nc', '--environment', 'sandbox', '--force', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result.components[0].changes).to.deep.equal([
        {
          field: 'endpoint',
          current: 'https://platform.ringcentral.com',
          desired: 'https://platform.devtest.ringcentral.com',
        },
      ]);
      expect(org.getMetadata('NamedCredential', 'Ring_Central')?.endpoint).to.equal(
        'https://platform.devtest.ringcentral.com',
      );
    });

    it('--open opens the consent URL in the browser', async () => {
      const bin = await mkdtemp(join(tmpdir(), 'eci-open-'));
      try {
        const log = join(bin, 'opened.txt');
        await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`);
        await chmod(join(bin, 'xdg-open'), 0o755);
        // The named credential is on the sandbox since the test before: the same platform, nothing to change.
        const r = await sf(['-o', 'nc', '--environment', 'sandbox', '--open', '--json'], {
          env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
        });
        expect(r.code, r.stderr).to.equal(0);
        expect(r.json.result.opened).to.equal(true);
        for (let i = 0; i < 50 && !(await readFile(log, 'utf8').catch(() => '')); i++)
          await new Promise((res) => setTimeout(res, 100));
        expect(await readFile(log, 'utf8')).to.equal(r.json.result.consentUrl);
      } finally {
        await rm(bin, { recursive: true, force: true });
      }
    });
  });

  describe('the ECI named credential', () => {
    before(() => freshOrg('nc-eci'));

    it('points at My Domain with a trailing slash and signs in through ECI_Auth_Provider', async () => {
      const r = await sf(['-o', 'nc-eci', '--provider', 'eci', '--json']);
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(org.getMetadata('NamedCredential', 'ECI_Named_Credential')).to.deep.include({
        authProvider: 'ECI_Auth_Provider',
        endpoint: `${org.instanceUrl}/`,
        label: 'ECI Named Credential',
        namedCredentialType: 'Legacy',
        oauthScope: 'refresh_token web api content',
        principalType: 'NamedUser',
        protocol: 'Oauth',
        generateAuthorizationHeader: true,
      });
      expect(r.json.result.consentUrl).to.equal(
        `${org.instanceUrl}/services/auth/xds/${org.orgId}/ECI_Auth_Provider?startURL=/${namedCredentialId('ECI_Named_Credential')}&scope=refresh_token%20web%20api%20content`,
      );
      expect(org.getMetadata('NamedCredential', 'Ring_Central')).to.equal(undefined);
    });

    it('a second run is unchanged with no write', async () => {
      const before = org.writes().length;
      const r = await sf(['-o', 'nc-eci', '--provider', 'eci', '--json']);
      expect(r.json.result.components[0].status).to.equal('unchanged');
      expect(org.writes().length).to.equal(before);
    });
  });

  describe('bad input', () => {
    before(() => freshOrg('nc-bad', false));

    it('refuses a named credential whose auth provider is missing, before any write', async () => {
      const r = await sf(['-o', 'nc-bad', '--provider', 'eci', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('AuthProviderMissingError');
      expect(r.json.message).to.include('ECI_Auth_Provider');
      expect(r.json.actions.join(' ')).to.include('create-auth-provider --provider eci');
      expect(org.writes()).to.deep.equal([]);
    });

    it('a dry run with the auth provider missing warns and writes nothing', async () => {
      const r = await sf(['-o', 'nc-bad', '--dry-run', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.warnings.join(' ')).to.include('create-auth-provider --provider ringcentral');
      expect(org.writes()).to.deep.equal([]);
    });

    it('refuses a provider that is neither ringcentral nor eci, before any call', async () => {
      const calls = org.calls.length;
      const r = await sf(['-o', 'nc-bad', '--provider', 'salesforce', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('InvalidProviderError');
      expect(r.json.actions.join(' ')).to.include('--provider');
      expect(org.calls.length).to.equal(calls);
    });

    it('refuses RingCentral flags with --provider eci', async () => {
      const r = await sf(['-o', 'nc-bad', '--provider', 'eci', '--environment', 'sandbox', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.json.name).to.equal('RingCentralOnlyFlagError');
    });
  });
});
