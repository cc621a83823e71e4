/*
 * `sf eci ringcentral verify` in process: the read-only checklist against the simulated org and a stand-in of
 * RingCentral's OAuth endpoints, once the person's steps are done. Each failure a check must catch is made behind the
 * plugin's back. The checklist through the real sf CLI (exit 1, exit 0, a person's output) is in
 * test/e2e/verify.e2e.test.ts.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { FakeRingCentral } from '../sim/ringcentral.js';
import type { RunResult } from '../support/cli-run.js';
import { check, CLIENT_ID, configuredRuns, SECRET } from '../support/configured-org.js';
import { inProcessOrgAndCli } from './in-process.js';

describe('in process: sf eci ringcentral verify', function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  const runs = configuredRuns(fixture, 'v');
  const { sf, outputs, callbackUrl } = runs;
  let org: SimulatedOrg;
  let rc: FakeRingCentral;
  before(() => ({ org, rc } = runs));
  const verify = (extra: string[] = [], env?: Record<string, string>): Promise<RunResult> =>
    sf(['eci', 'ringcentral', 'verify', '-o', 'v', '--json', ...extra], env);

  before(() => {
    // The person's steps, done.
    rc.app(CLIENT_ID)!.redirectUris.push(callbackUrl());
    org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
  });

  it("fails the right check, with the differing field, when a setting is changed behind the plugin's back", async () => {
    const nc = org.getMetadata('NamedCredential', 'Ring_Central', { includeSecrets: true })!;
    const original = nc.oauthScope;
    org.state.metadata.get('NamedCredential', 'Ring_Central')!.record.oauthScope = 'ReadAccounts';
    try {
      const r = await verify();
      expect(r.code).to.equal(1);
      const c = check(r, 'step:ringcentral-named-credential');
      expect(c.status).to.equal('fail');
      expect(c.drift?.[0].fields.map((f) => f.field)).to.deep.equal(['oauthScope']);
      expect(c.actions?.[0]).to.include('sf eci ringcentral create-named-credential');
      expect(check(r, 'step:ringcentral-auth-provider').status).to.equal('pass');
    } finally {
      org.state.metadata.get('NamedCredential', 'Ring_Central')!.record.oauthScope = original;
    }
  });

  it('fails the callback check when the ECI named credential points at another host', async () => {
    const stored = org.state.metadata.get('NamedCredential', 'ECI_Named_Credential')!.record;
    const original = stored.endpoint;
    stored.endpoint = 'https://old-domain.my.salesforce.com/';
    try {
      const r = await verify();
      expect(check(r, 'callback-urls').status).to.equal('fail');
      expect(check(r, 'callback-urls').detail).to.include('https://old-domain.my.salesforce.com/');
    } finally {
      stored.endpoint = original;
    }
  });

  it('fails the credentials check when the RingCentral secret is wrong, without printing it', async () => {
    const r = await verify([], { RINGCENTRAL_CLIENT_SECRET: 'WrongSecret-000' });
    const c = check(r, 'ringcentral-credentials');
    expect(c.status).to.equal('fail');
    expect(c.detail).to.match(/client id|secret/i);
    expect(r.stdout + r.stderr).to.not.include('WrongSecret-000');
    expect(r.code).to.equal(1);
  });

  it('fails the redirect check when the callback URL is not registered', async () => {
    const app = rc.app(CLIENT_ID)!;
    app.redirectUris = ['https://dummyurl.com'];
    try {
      const r = await verify();
      const c = check(r, 'ringcentral-redirect-uri');
      expect(c.status).to.equal('fail');
      expect(c.actions?.join(' ')).to.include('Redirect URI');
    } finally {
      app.redirectUris = [callbackUrl()];
    }
  });

  it('fails the callout check when a named credential is not authorized', async () => {
    org.settings.authorizedNamedCredentials = ['ECI_Named_Credential'];
    try {
      const r = await verify();
      expect(check(r, 'callout:Ring_Central').status).to.equal('fail');
      expect(check(r, 'callout:Ring_Central').detail).to.include('401');
      expect(check(r, 'callout:ECI_Named_Credential').status).to.equal('pass');
    } finally {
      org.settings.authorizedNamedCredentials = ['Ring_Central', 'ECI_Named_Credential'];
    }
  });

  it('skips the credentials check without a secret (not a pass: exit 1), and --allow-skipped accepts it', async () => {
    const strict = await verify([], {});
    expect(check(strict, 'ringcentral-credentials').status).to.equal('skip');
    expect(check(strict, 'ringcentral-credentials').detail).to.include('RINGCENTRAL_CLIENT_SECRET');
    expect(strict.code).to.equal(1);
    const lenient = await verify(['--allow-skipped'], {});
    expect(lenient.code).to.equal(0);
    expect(lenient.json.result.summary.skipped).to.be.greaterThan(0);
  });

  describe('across every run above', () => {
    it('never shows the RingCentral secret', () => {
      expect(outputs.join('\n')).to.not.include(SECRET);
    });
  });
});
