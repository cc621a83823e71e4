import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { SfCli } from './harness.js';

describe('e2e harness: the real sf CLI against the simulated org', function () {
  this.timeout(120_000);
  let org: SimulatedOrg;
  let cli: SfCli;

  before(async () => {
    org = await SimulatedOrg.start();
    cli = await SfCli.create();
    await cli.login(org, 'sim');
  });

  after(async () => {
    if (cli) {
      const lines = cli.timings.map((t) => `    ${String(t.ms).padStart(6)} ms  sf ${t.args.slice(0, 3).join(' ')}`);
      process.stdout.write(`\n    sf invocation times:\n${lines.join('\n')}\n`);
      await cli.cleanup();
    }
    if (org) await org.stop();
  });

  it('logs in with an access token through the routes the CLI uses, and none unknown', () => {
    const login = org.calls.map((c) => `${c.method} ${c.path}`);
    expect(login).to.include.members([
      'GET /services/oauth2/userinfo',
      `GET /services/data/v51.0/sobjects/User/${org.userId}`,
      'GET /services/data/v51.0/query',
      'GET /services/data',
    ]);
    const devHubProbe = org.calls.find((c) => c.soql?.includes('ScratchOrgInfo'));
    expect(devHubProbe?.status).to.equal(400); // not a Dev Hub
    expect(org.calls.filter((c) => c.operation === 'unknown')).to.deep.equal([]);
    expect(org.writes()).to.deep.equal([]);
  });

  it('sf org display shows the instance URL and the admin user', async () => {
    const r = await cli.run(['org', 'display', '--target-org', 'sim', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json.result.instanceUrl.replace(/\/$/, '')).to.equal(org.instanceUrl);
    expect(r.json.result.username).to.equal('admin@sim.example');
    expect(r.json.result.id).to.equal(org.orgId);
    expect(r.json.result.connectedStatus).to.equal('Connected');
  });

  it('sf data query returns the seeded profiles', async () => {
    const r = await cli.run(['data', 'query', '-q', 'SELECT Id, Name FROM Profile', '--target-org', 'sim', '--json']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json.result.totalSize).to.equal(2);
    expect(r.json.result.records.map((x: { Name: string }) => x.Name)).to.have.members([
      'System Administrator',
      'Standard User',
    ]);
  });

  it('sf data query reports a SOQL error as Salesforce words it', async () => {
    const r = await cli.run(['data', 'query', '-q', 'SELECT Id, Nope FROM Profile', '--target-org', 'sim', '--json']);
    expect(r.code).to.not.equal(0);
    expect(r.json.name).to.equal('INVALID_FIELD');
    expect(r.json.message).to.contain("No such column 'Nope' on entity 'Profile'");
  });

  it('the CLI home is isolated: no SF_ variables leak in, HOME is the temp dir', () => {
    const env = cli.env();
    expect(env.HOME).to.equal(cli.home);
    expect(env.SF_DISABLE_AUTOUPDATE).to.equal('true');
    expect(env.SF_DISABLE_TELEMETRY).to.equal('true');
    expect(env).to.not.have.property('SF_LOG_LEVEL');
    expect(env).to.not.have.property('SF_ACCESS_TOKEN');
  });
});
