/*
 * `sf eci ringcentral create-auth-provider --provider eci`, in process against the simulated org: the ECI
 * auth provider signs in on the org's own My Domain (what the plugin knows as the instance URL's origin), so a sandbox
 * works, with PKCE on; an existing provider without them is updated in place, keeping its key and secret.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import type { RunResult } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const PROVIDER = ['eci', 'ringcentral', 'create-auth-provider', '--provider', 'eci'];
const ENV = { ECI_CONSUMER_KEY: 'EnvConsumerKey0123456789', ECI_CONSUMER_SECRET: 'EnvConsumerSecret9876543210' };

describe("in process: the ECI auth provider's endpoints on My Domain", function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  let org: SimulatedOrg;

  const endpoints = (): Record<string, unknown> => {
    const origin = new URL(org.instanceUrl).origin;
    return {
      authorizeUrl: `${origin}/services/oauth2/authorize`,
      tokenUrl: `${origin}/services/oauth2/token`,
      isPkceEnabled: true,
    };
  };

  async function sf(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
    return fixture.cli.run([...PROVIDER, '-o', 'eap', ...args], { env });
  }

  before(async () => {
    org = await fixture.freshOrg('eap');
  });

  it("creates the provider with authorize and token endpoints on the org's My Domain and PKCE on", async () => {
    const r = await sf(['--json'], ENV);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.components.map((c: { status: string }) => c.status)).to.deep.equal(['created']);
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')).to.include({
      ...endpoints(),
      providerType: 'Salesforce',
      consumerKey: ENV.ECI_CONSUMER_KEY,
    });
    expect(String(org.getMetadata('AuthProvider', 'ECI_Auth_Provider')?.authorizeUrl)).to.not.include(
      'login.salesforce.com',
    );
  });

  it('updates an existing provider without them in place, keeping its key and secret, and then is unchanged', async () => {
    // As made in Setup before: endpoints blank (login.salesforce.com), PKCE off.
    org.seedMetadata('AuthProvider', {
      fullName: 'ECI_Auth_Provider',
      consumerKey: ENV.ECI_CONSUMER_KEY,
      consumerSecret: ENV.ECI_CONSUMER_SECRET,
      friendlyName: 'ECI Auth Provider',
      providerType: 'Salesforce',
    });
    // Repairing what an admin changed is an update: it needs the admin's yes (--force where nothing can ask).
    const r = await sf(['--force', '--json']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.json.result.components[0]).to.include({ status: 'updated' });
    expect(r.json.result.components[0].changes.map((c: { field: string }) => c.field)).to.have.members([
      'authorizeUrl',
      'tokenUrl',
      'isPkceEnabled',
    ]);
    expect(org.getMetadata('AuthProvider', 'ECI_Auth_Provider', { includeSecrets: true })).to.include({
      ...endpoints(),
      consumerKey: ENV.ECI_CONSUMER_KEY,
      consumerSecret: ENV.ECI_CONSUMER_SECRET,
    });
    const before = org.writes().length;
    const again = await sf(['--json']);
    expect(again.json.result.components[0]).to.include({ status: 'unchanged' });
    expect(org.writes().length).to.equal(before);
  });
});
