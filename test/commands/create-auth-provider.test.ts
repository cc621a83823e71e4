/*
 * `sf eci ringcentral create-auth-provider` in process against the simulated org. Assertions are on what a user
 * sees: the org's state, the command's output and JSON, its exit code. What needs the real sf CLI (stdin, a CLI that
 * knows no such org) is in test/e2e/create-auth-provider.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { commandOf } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const SECRET = 'RcSecret-7f3a9c21e';
const CMD = ['eci', 'ringcentral', 'create-auth-provider'];

/** The guide's RingCentral auth provider, production. */
const GUIDE_FIELDS = {
  fullName: 'Ring_Central',
  friendlyName: 'Ring Central',
  providerType: 'OpenIdConnect',
  authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
  tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
  userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
  defaultScopes: 'ReadCallRecording',
  sendAccessTokenInHeader: false,
  sendClientCredentialsInHeader: true,
  sendSecretInApis: true,
};

/** AuthProvider's WSDL sequence is fullName, then its elements in alphabetical order. */
function inWsdlOrder(record: Record<string, unknown>): Record<string, unknown> {
  const { fullName, ...rest } = record;
  return {
    fullName,
    ...Object.fromEntries(
      Object.keys(rest)
        .sort()
        .map((k) => [k, rest[k]]),
    ),
  };
}

describe('in process: sf eci ringcentral create-auth-provider', function () {
  this.timeout(120_000);
  const fixture = inProcessOrgAndCli();
  const outputs: string[] = [];
  const sf = commandOf(fixture, CMD, outputs);
  let org: SimulatedOrg;
  const freshOrg = async (alias: string): Promise<unknown> => (org = await fixture.freshOrg(alias));

  describe('on an org without the auth provider', () => {
    before(() => freshOrg('rc'));

    it('--dry-run prints the plan and writes nothing', async () => {
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient01', '--dry-run']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.include('Plan (dry run)');
      expect(r.stdout).to.match(/will create\s+AuthProvider\s+Ring_Central/);
      expect(r.stdout).to.include('providerType: (not set) → OpenIdConnect');
      expect(org.writes()).to.deep.equal([]);
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.equal(undefined);
    });

    it("creates the auth provider with exactly the guide's settings and the secret", async () => {
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient01', '--json'], {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      });
      expect(r.code, r.stdout + r.stderr).to.equal(0);
      expect(r.json.result.components).to.have.length(1);
      expect(r.json.result.components[0]).to.include({
        type: 'AuthProvider',
        name: 'Ring_Central',
        action: 'create',
        status: 'created',
      });

      const stored = org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true });
      expect(stored).to.include({ ...GUIDE_FIELDS, consumerKey: 'RcClient01', consumerSecret: SECRET });
    });

    it('reports the callback URL from My Domain and hands over the redirect URI step', async () => {
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient01', '--json']);
      const callbackUrl = `${org.instanceUrl}/services/authcallback/Ring_Central`;
      expect(r.json.result.callbackUrl).to.equal(callbackUrl);
      expect(r.json.result.nextSteps[0].detail).to.include(callbackUrl);
      expect(r.json.result.nextSteps[0].url).to.equal('https://developers.ringcentral.com/console/my-apps');
    });

    it('a second run (no secret needed) reports unchanged and sends no write', async () => {
      const before = org.writes().length;
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient01']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/unchanged\s+AuthProvider\s+Ring_Central/);
      expect(r.stdout).to.include('Everything already matches the guide');
      expect(r.stdout).to.include(`${org.instanceUrl}/services/authcallback/Ring_Central`);
      expect(org.writes().length).to.equal(before);
    });

    it('repairs drift field by field (with --force: an update of what exists needs consent) and keeps settings the guide does not name', async () => {
      const current = org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })!;
      org.seedMetadata(
        'AuthProvider',
        inWsdlOrder({ ...current, defaultScopes: 'openid', iconUrl: 'https://example.com/rc.png' }),
      );
      const refused = await sf(['-o', 'rc', '--client-id', 'RcClient01', '--json']);
      expect(refused.code).to.equal(1);
      expect(refused.json.name).to.equal('UpdatesNeedForceError');
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient01', '--force', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result.components[0]).to.deep.include({
        status: 'updated',
        changes: [{ field: 'defaultScopes', current: 'openid', desired: 'ReadCallRecording' }],
      });
      const stored = org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true });
      expect(stored).to.include({
        defaultScopes: 'ReadCallRecording',
        iconUrl: 'https://example.com/rc.png',
        consumerSecret: SECRET,
      });
    });

    it('a new client id updates the provider and says the secret must be entered in Setup', async () => {
      const r = await sf(['-o', 'rc', '--client-id', 'RcClient02', '--force', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result.components[0].changes).to.deep.equal([
        { field: 'consumerKey', current: 'RcClient01', desired: 'RcClient02' },
      ]);
      expect(r.json.result.nextSteps.map((s: { title: string }) => s.title).join('\n')).to.include('new client secret');
    });
  });

  describe('secret intake', () => {
    it('refuses an empty secret before calling the org', async () => {
      await freshOrg('rc-empty');
      const calls = org.calls.length;
      const r = await sf(['-o', 'rc-empty', '--client-id', 'RcClient01', '--json'], {
        env: { RINGCENTRAL_CLIENT_SECRET: '' },
      });
      expect(r.code).to.equal(1);
      expect(r.json.name).to.equal('EmptySecretError');
      expect(org.calls.length).to.equal(calls);
    });
  });

  describe('environments', () => {
    it('sandbox: warns that RingCentral retires it and uses the devtest endpoints', async () => {
      await freshOrg('rc-sbx');
      const r = await sf(['-o', 'rc-sbx', '--client-id', 'RcClient01', '--environment', 'sandbox', '--json'], {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.warnings.join(' ')).to.include('retiring its sandbox');
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.include({
        authorizeUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/authorize',
        tokenUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/token',
        userInfoUrl: 'https://platform.devtest.ringcentral.com/restapi/oauth/userinfo',
      });
    });

    it('a re-run without --environment keeps the sandbox: only --environment moves a setup (the graduate task)', async () => {
      const r = await sf(['-o', 'rc-sbx', '--client-id', 'RcClient01', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'sandbox' });
      expect(r.json.result.components[0].status).to.equal('unchanged');
      expect(org.getMetadata('AuthProvider', 'Ring_Central')?.tokenUrl).to.equal(
        'https://platform.devtest.ringcentral.com/restapi/oauth/token',
      );
    });

    it("--server: a RingCentral brand's own platform", async () => {
      await freshOrg('rc-biz');
      const r = await sf(
        ['-o', 'rc-biz', '--client-id', 'RcClient01', '--server', 'https://platform.ringcentral.biz', '--json'],
        { env: { RINGCENTRAL_CLIENT_SECRET: SECRET } },
      );
      expect(r.code, r.stderr).to.equal(0);
      expect(r.json.result).to.include({ environment: 'custom', server: 'https://platform.ringcentral.biz' });
      expect(org.getMetadata('AuthProvider', 'Ring_Central')?.tokenUrl).to.equal(
        'https://platform.ringcentral.biz/restapi/oauth/token',
      );
    });
  });

  describe('refused metadata calls', () => {
    it("fails with Salesforce's message (not a stack trace) and a re-run finishes the job", async () => {
      await freshOrg('rc-fail');
      org.failNext(
        { operation: 'upsertMetadata', type: 'AuthProvider' },
        { statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId: 42' },
      );
      const r = await sf(['-o', 'rc-fail', '--client-id', 'RcClient01', '--json'], {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      });
      expect(r.code).to.equal(1);
      expect(r.json.name).to.equal('ComponentsFailedError');
      expect(r.json.message).to.include('An unexpected error occurred. Please include this ErrorId: 42');
      expect(r.json.message).to.not.match(/\n\s+at /);
      expect(r.json.data.components[0]).to.include({ status: 'failed' });
      expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.equal(undefined);

      const again = await sf(['-o', 'rc-fail', '--client-id', 'RcClient01', '--json'], {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      });
      expect(again.code, again.stderr).to.equal(0);
      expect(again.json.result.components[0].status).to.equal('created');
    });

    it("a reused URL suffix of a deleted provider is refused with the platform's words", async () => {
      await freshOrg('rc-suffix');
      org.seedMetadata('AuthProvider', { fullName: 'Ring_Central', friendlyName: 'Old', providerType: 'Salesforce' });
      org.state.metadata.delete('AuthProvider', 'Ring_Central');
      const r = await sf(['-o', 'rc-suffix', '--client-id', 'RcClient01'], {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.include('This URL Suffix already exists or has been previously used');
      // Said as what it is: a re-run cannot help (the generic "fix and re-run" would loop).
      expect(r.stderr).to.include('never lets a URL suffix of a deleted auth provider be used again');
    });
  });

  describe('across every run above', () => {
    it('never shows the client secret in any output', () => {
      expect(outputs.length).to.be.greaterThan(20);
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
