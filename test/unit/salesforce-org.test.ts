/*
 * The org layer over a real HTTP boundary: jsforce (inside @salesforce/core) talking to the simulated org.
 * (nock cannot intercept jsforce: it sends through undici's own dispatcher.)
 */
import { expect } from 'chai';
import { Secret } from '../../src/model/secret.js';
import type { MetadataComponent, RecordComponent } from '../../src/model/component.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import type { SimulatedOrg } from '../sim/index.js';
import { startConnected } from '../sim/helpers.js';

const provider = (fullName: string, fields: Record<string, unknown> = {}): MetadataComponent => ({
  kind: 'metadata',
  type: 'AuthProvider',
  fullName,
  label: 'auth provider',
  fields: { friendlyName: fullName, providerType: 'Salesforce', ...fields } as never,
});

describe('the connection-backed org (against the simulated org)', () => {
  let org: SimulatedOrg;
  let access: SalesforceOrg;
  /** The org as a next run sees it (this run's answers are its own). */
  let nextRun: () => SalesforceOrg;

  beforeEach(async () => {
    const started = await startConnected();
    org = started.org;
    access = new SalesforceOrg(started.conn);
    nextRun = (): SalesforceOrg => new SalesforceOrg(started.conn);
  });
  afterEach(() => org.stop());

  it('knows the org: id, My Domain from the instance URL, the current user', async () => {
    const facts = await access.facts();
    expect(facts).to.deep.equal({
      orgId: org.orgId,
      myDomainUrl: org.instanceUrl,
      userId: org.userId,
      username: org.username,
    });
  });

  it('lists a type the API version does not have yet: its own error, nothing sent (not "Salesforce refused")', async () => {
    const started = await startConnected();
    try {
      started.conn.setApiVersion('58.0');
      const old = new SalesforceOrg(started.conn);
      const before = started.org.calls.length;
      const error = await old.listMetadata(['ExternalClientApplication']).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.name).to.equal('ApiVersionTooLowError');
      expect(started.org.calls.length).to.equal(before);
    } finally {
      await started.org.stop();
    }
  });

  it('reads up to 10 names per readMetadata call and reports which exist', async () => {
    for (let i = 0; i < 12; i += 2)
      org.seedMetadata('AuthProvider', { fullName: `P${i}`, friendlyName: `P${i}`, providerType: 'Salesforce' });
    const states = await access.readMetadata(Array.from({ length: 12 }, (_, i) => provider(`P${i}`)));
    expect(states.map((s) => s.exists)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i % 2 === 0));
    expect(org.calls.filter((c) => c.operation === 'readMetadata').map((c) => c.fullNames?.length)).to.deep.equal([
      10, 2,
    ]);
    const first = states[0];
    expect(first.exists && first.fields.sendAccessTokenInHeader).to.equal(false); // typed, not the string "false"
  });

  it("creates with the secret, and on update keeps the admin's fields and never sends the secret back", async () => {
    const [created] = await access.upsertMetadata('AuthProvider', [
      {
        component: provider('Ring_Central', { consumerSecret: new Secret('first-secret'), sendSecretInApis: true }),
        current: { exists: false },
      },
    ]);
    expect(created).to.deep.equal({ success: true, created: true });
    // This run takes the write's answer as the new state: the secret is no part of it (the org never answers it).
    const [learned] = await access.readMetadata([provider('Ring_Central')]);
    expect(learned.exists && learned.fields).to.not.have.property('consumerSecret');
    // Read back by a next run, the secret is the platform's encrypted form; sending that back would be refused.
    const [current] = await nextRun().readMetadata([provider('Ring_Central')]);
    expect(current.exists && current.fields.consumerSecret)
      .to.be.a('string')
      .and.not.equal('first-secret');
    // An admin setting the guide does not name, present in the org:
    const withIcon = current.exists
      ? { exists: true as const, fields: { ...current.fields, iconUrl: 'https://example.com/i.png' } }
      : current;
    const [updated] = await access.upsertMetadata('AuthProvider', [
      { component: provider('Ring_Central', { friendlyName: 'Renamed' }), current: withIcon },
    ]);
    expect(updated).to.deep.equal({ success: true, created: false });
    expect(org.getMetadata('AuthProvider', 'Ring_Central', { includeSecrets: true })).to.include({
      friendlyName: 'Renamed',
      iconUrl: 'https://example.com/i.png',
      consumerSecret: 'first-secret',
    });
  });

  it('turns a per-component refusal (HTTP 200, success=false) into a failed outcome with the platform message, secrets redacted', async () => {
    org.failNext(
      { operation: 'upsertMetadata', type: 'AuthProvider' },
      { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'bad value top-secret-value' },
    );
    const outcomes = await access.upsertMetadata('AuthProvider', [
      { component: provider('A', { consumerSecret: new Secret('top-secret-value') }), current: { exists: false } },
      { component: provider('B'), current: { exists: false } },
    ]);
    expect(outcomes[0]).to.deep.equal({
      success: false,
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'bad value ********',
    });
    expect(outcomes[1]).to.deep.equal({ success: true, created: true });
  });

  it('turns a whole-call SOAP fault into an SfError naming the call', async () => {
    const bad = provider('A', { providerType: 'NotAType' });
    try {
      await access.upsertMetadata('AuthProvider', [{ component: bad, current: { exists: false } }]);
      expect.fail('no error');
    } catch (error) {
      expect((error as Error).name).to.equal('ApiCallError');
      expect((error as Error).message).to.include('upsertMetadata AuthProvider');
      expect((error as Error).message).to.include("'NotAType' is not a valid value for the enum 'AuthProviderType'");
    }
  });

  it('finds, creates and updates records by their match fields', async () => {
    const profile = org.records('Profile').find((p) => p.Name === 'Standard User')!;
    const user: RecordComponent = {
      kind: 'record',
      sobject: 'User',
      name: 'integration user',
      label: 'integration user',
      match: { Username: 'eci.integration@sim.example' },
      fields: {
        LastName: 'Integration',
        Email: 'eci@sim.example',
        Alias: 'eciint',
        ProfileId: String(profile.Id),
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      },
    };
    const [missing] = await access.readRecords([user]);
    expect(missing.exists).to.equal(false);
    expect(await access.upsertRecord(user, missing)).to.deep.equal({ success: true, created: true });
    const [found] = await access.readRecords([user]);
    expect(found.exists && found.fields.LastName).to.equal('Integration');
    expect(
      await access.upsertRecord({ ...user, fields: { ...user.fields, LastName: 'Integrator' } }, found),
    ).to.deep.equal({ success: true, created: false });
    expect(org.records('User').find((u) => u.Username === 'eci.integration@sim.example')?.LastName).to.equal(
      'Integrator',
    );
  });
});
