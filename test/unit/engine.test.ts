import { expect } from 'chai';
import { apply, plan, planResults, run, type EngineOrg } from '../../src/engine/engine.js';
import { Secret } from '../../src/model/secret.js';
import type { CurrentState, MetadataComponent, RecordComponent } from '../../src/model/component.js';
import type { DeleteOutcome, WriteOutcome } from '../../src/org/port.js';
import type { PlanItem } from '../../src/model/component.js';

/** An org in memory, at the engine's port: records every read and write. */
class FakeOrg implements EngineOrg {
  public reads: string[] = [];
  public writes: Array<{ type: string; names: string[]; sent: unknown[] }> = [];
  public refuse = new Map<string, string>();
  public constructor(public state: Map<string, Record<string, unknown>> = new Map()) {}

  public async readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    this.reads.push(...components.map((c) => `${c.type}:${c.fullName}`));
    return components.map((c) => {
      const fields = this.state.get(`${c.type}:${c.fullName}`);
      return fields ? { exists: true, fields: fields as never } : { exists: false };
    });
  }

  public async readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return components.map(() => ({ exists: false }));
  }

  public async upsertMetadata(
    type: string,
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    this.writes.push({
      type,
      names: items.map((i) => i.component.fullName),
      sent: items.map((i) => i.component.fields),
    });
    return items.map(({ component, current }) => {
      const refusal = this.refuse.get(component.fullName);
      if (refusal) return { success: false, message: refusal, statusCode: 'FIELD_INTEGRITY_EXCEPTION' };
      this.state.set(`${type}:${component.fullName}`, {
        ...(current.exists ? current.fields : {}),
        ...component.fields,
      });
      return { success: true, created: !current.exists };
    });
  }

  public async upsertRecord(): Promise<WriteOutcome> {
    return { success: true, created: true };
  }

  public deploys: string[][] = [];
  public async deployMetadata(
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    this.deploys.push(items.map((i) => `${i.component.type}:${i.component.fullName}`));
    return items.map(({ component, current }) => {
      this.state.set(`${component.type}:${component.fullName}`, {
        ...(current.exists ? current.fields : {}),
        ...component.fields,
      });
      return { success: true, created: !current.exists };
    });
  }

  public deletes: string[][] = [];
  public async deleteMetadata(
    type: string,
    items: ReadonlyArray<{ fullName: string; current: CurrentState }>,
  ): Promise<DeleteOutcome[]> {
    this.deletes.push(items.map((i) => `${type}:${i.fullName}`));
    return items.map(({ fullName }) => {
      const refusal = this.refuse.get(fullName);
      if (refusal) return { success: false, message: refusal, statusCode: 'DELETE_FAILED' };
      const gone = !this.state.delete(`${type}:${fullName}`);
      return { success: true, gone };
    });
  }

  public destroyed: string[][] = [];
  public async deleteByDeploy(
    items: ReadonlyArray<{ type: string; fullName: string; current: CurrentState }>,
  ): Promise<DeleteOutcome[]> {
    this.destroyed.push(items.map((i) => `${i.type}:${i.fullName}`));
    return items.map(({ type, fullName }) => ({ success: true, gone: !this.state.delete(`${type}:${fullName}`) }));
  }

  public async deleteRecord(sobject: string, name: string): Promise<DeleteOutcome> {
    this.deletes.push([`${sobject}:${name}`]);
    return { success: true, gone: false };
  }
}

const provider = (fullName: string, fields: Record<string, unknown> = {}): MetadataComponent => ({
  kind: 'metadata',
  type: 'AuthProvider',
  fullName,
  label: 'auth provider',
  fields: { friendlyName: fullName, providerType: 'OpenIdConnect', ...fields } as never,
});

describe('engine: plan and apply', () => {
  it('plans create for a missing component, listing the fields it will set but never a secret', async () => {
    const org = new FakeOrg();
    const [item] = await plan([provider('A', { consumerSecret: new Secret('hush-hush') })], org);
    expect(item.action).to.equal('create');
    expect(item.changes.map((c) => c.field)).to.deep.equal(['friendlyName', 'providerType']);
    expect(JSON.stringify(item.changes)).to.not.include('hush-hush');
  });

  it('plans update with only the differing fields, and unchanged when all match', async () => {
    const org = new FakeOrg(
      new Map([
        ['AuthProvider:A', { friendlyName: 'A', providerType: 'Salesforce', extra: 'admin' }],
        ['AuthProvider:B', { friendlyName: 'B', providerType: 'OpenIdConnect' }],
      ]),
    );
    const items = await plan([provider('A'), provider('B')], org);
    expect(items.map((i) => i.action)).to.deep.equal(['update', 'unchanged']);
    expect(items[0].changes).to.deep.equal([
      { field: 'providerType', current: 'Salesforce', desired: 'OpenIdConnect' },
    ]);
  });

  it('ignores write-once fields of the type (the stored secret) when diffing', async () => {
    const org = new FakeOrg(
      new Map([['AuthProvider:A', { friendlyName: 'A', providerType: 'OpenIdConnect', consumerSecret: 'ENCRYPTED' }]]),
    );
    const [item] = await plan([provider('A', { consumerSecret: new Secret('plain') })], org);
    expect(item.action).to.equal('unchanged');
  });

  it('a dry run reads but never writes', async () => {
    const org = new FakeOrg();
    const results = await run([provider('A')], org, { dryRun: true });
    expect(results.map((r) => [r.status, r.action])).to.deep.equal([['planned', 'create']]);
    expect(org.writes).to.have.length(0);
    expect(org.reads).to.deep.equal(['AuthProvider:A']);
  });

  it('applies creates and updates, and a second run writes nothing', async () => {
    const org = new FakeOrg(new Map([['AuthProvider:B', { friendlyName: 'B', providerType: 'Salesforce' }]]));
    const first = await run([provider('A'), provider('B')], org, { dryRun: false });
    expect(first.map((r) => r.status)).to.deep.equal(['created', 'updated']);
    expect(org.writes).to.have.length(1);
    expect(org.writes[0].names).to.deep.equal(['A', 'B']);
    const second = await run([provider('A'), provider('B')], org, { dryRun: false });
    expect(second.map((r) => r.status)).to.deep.equal(['unchanged', 'unchanged']);
    expect(org.writes).to.have.length(1);
  });

  it('sends at most 10 components per call', async () => {
    const org = new FakeOrg();
    await run(
      Array.from({ length: 23 }, (_, i) => provider(`P${i}`)),
      org,
      { dryRun: false },
    );
    expect(org.writes.map((w) => w.names.length)).to.deep.equal([10, 10, 3]);
  });

  it('marks a refused component failed with the platform message, and skips what comes after it', async () => {
    const org = new FakeOrg();
    org.refuse.set('A', 'Invalid value for authorizeUrl');
    const other: MetadataComponent = { ...provider('N'), type: 'NamedCredential', fields: { label: 'N' } };
    const results = await apply(await plan([provider('A'), other], org), org);
    expect(results[0]).to.include({ status: 'failed' });
    expect(results[0].error).to.deep.equal({
      message: 'Invalid value for authorizeUrl',
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
    });
    expect(results[1].status).to.equal('skipped');
    expect(results[1].error?.message).to.match(/Not attempted/);
    expect(org.writes.map((w) => w.type)).to.deep.equal(['AuthProvider']);
  });

  it('attaches what to do to a refusal the platform rules recognise (a used URL suffix)', async () => {
    const org = new FakeOrg();
    org.refuse.set('A', 'This URL Suffix already exists or has been previously used');
    const [r] = await apply(await plan([provider('A')], org), org);
    expect(r.error?.actions?.join(' ')).to.include('never lets a URL suffix');
    org.refuse.set('B', 'Some other refusal');
    const [other] = await apply(await plan([provider('B')], org), org);
    expect(other.error?.actions).to.equal(undefined);
  });

  it('lets prepare() replace a component between plan and apply (a secret asked only for a create)', async () => {
    const org = new FakeOrg();
    await run([provider('A')], org, {
      dryRun: false,
      prepare: async (items) => {
        items[0].component = provider('A', { consumerSecret: new Secret('late') });
      },
    });
    expect((org.writes[0].sent[0] as { consumerSecret: Secret }).consumerSecret.reveal()).to.equal('late');
  });

  it('turns a plan into planned results', async () => {
    const items = await plan([provider('A')], new FakeOrg());
    expect(planResults(items)[0]).to.include({ type: 'AuthProvider', name: 'A', status: 'planned', action: 'create' });
  });

  it('writes the External Client App family in one deploy, whatever their types, and other types by CRUD', async () => {
    const org = new FakeOrg();
    const eca = (type: string, fullName: string): MetadataComponent => ({
      kind: 'metadata',
      type,
      fullName,
      label: fullName,
      fields: { label: fullName },
    });
    const results = await run(
      [
        provider('Before'),
        eca('ExternalClientApplication', 'A'),
        eca('ExtlClntAppOauthSettings', 'A_o'),
        eca('ExtlClntAppGlobalOauthSettings', 'A_g'),
        provider('After'),
      ],
      org,
      { dryRun: false },
    );
    expect(results.map((r) => r.status)).to.deep.equal(['created', 'created', 'created', 'created', 'created']);
    expect(org.deploys).to.deep.equal([
      ['ExternalClientApplication:A', 'ExtlClntAppOauthSettings:A_o', 'ExtlClntAppGlobalOauthSettings:A_g'],
    ]);
    expect(org.writes.map((w) => w.names)).to.deep.equal([['Before'], ['After']]);
  });

  it('a changed part of an External Client App sends the whole app in one deploy; the rest reads unchanged', async () => {
    const part = (type: string, fullName: string, fields: Record<string, unknown>): MetadataComponent => ({
      kind: 'metadata',
      type,
      fullName,
      label: fullName,
      fields: { externalClientApplication: 'A', ...fields } as never,
    });
    const org = new FakeOrg(
      new Map<string, Record<string, unknown>>([
        ['ExternalClientApplication:A', { label: 'A' }],
        ['ExtlClntAppOauthSettings:A_o', { externalClientApplication: 'A', scopes: 'Api' }],
        ['ExtlClntAppGlobalOauthSettings:A_g', { externalClientApplication: 'A', callbackUrl: 'https://old' }],
        ['ExternalClientApplication:B', { label: 'B' }],
      ]),
    );
    const app = [
      {
        kind: 'metadata' as const,
        type: 'ExternalClientApplication',
        fullName: 'A',
        label: 'A',
        fields: { label: 'A' },
      },
      part('ExtlClntAppOauthSettings', 'A_o', { scopes: 'Api' }),
      part('ExtlClntAppGlobalOauthSettings', 'A_g', { callbackUrl: 'https://new' }),
      {
        kind: 'metadata' as const,
        type: 'ExternalClientApplication',
        fullName: 'B',
        label: 'B',
        fields: { label: 'B' },
      },
    ];
    const results = await run(app, org, { dryRun: false });
    expect(org.deploys).to.deep.equal([
      ['ExternalClientApplication:A', 'ExtlClntAppOauthSettings:A_o', 'ExtlClntAppGlobalOauthSettings:A_g'],
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['unchanged', 'unchanged', 'updated', 'unchanged']);
    // nothing changed: nothing sent
    org.deploys = [];
    await run(app, org, { dryRun: false });
    expect(org.deploys).to.deep.equal([]);
  });

  it('deletes the External Client App family with one destructive deploy, whatever their types', async () => {
    const org = new FakeOrg(new Map([['ExternalClientApplication:A', {}]]));
    const del = (type: string, name: string): PlanItem => ({
      component: { kind: 'metadata', type, fullName: name, label: name, fields: {} },
      current: { exists: true, fields: {} },
      action: 'delete',
      changes: [],
    });
    const results = await apply(
      [del('ExternalClientApplication', 'A'), del('ExtlClntAppOauthSettings', 'A_o'), del('AuthProvider', 'P')],
      org,
    );
    expect(org.destroyed).to.deep.equal([['ExternalClientApplication:A', 'ExtlClntAppOauthSettings:A_o']]);
    expect(org.deletes).to.deep.equal([['AuthProvider:P']]);
    expect(results.map((r) => r.status)).to.deep.equal(['deleted', 'gone', 'gone']);
  });

  it('deletes consecutive components of one type in one call; one already gone is gone, not a failure', async () => {
    const org = new FakeOrg(new Map([['AuthProvider:A', {}]]));
    const del = (name: string): PlanItem => ({
      component: provider(name),
      current: { exists: true, fields: {} },
      action: 'delete',
      changes: [],
    });
    const results = await apply([del('A'), del('B')], org);
    expect(org.deletes).to.deep.equal([['AuthProvider:A', 'AuthProvider:B']]);
    expect(results.map((r) => r.status)).to.deep.equal(['deleted', 'gone']);
  });

  it('skip-dependents: a refused delete keeps only what names it in `after`; the rest goes on', async () => {
    const org = new FakeOrg(
      new Map([
        ['AuthProvider:P', {}],
        ['NamedCredential:N', {}],
        ['ConnectedApp:App', {}],
      ]),
    );
    org.refuse.set('P', 'still used');
    const item = (type: string, name: string, after?: PlanItem['after']): PlanItem => ({
      component: { kind: 'metadata', type, fullName: name, label: name, fields: {} },
      current: { exists: true, fields: {} },
      action: 'delete',
      changes: [],
      ...(after ? { after } : {}),
    });
    const results = await apply(
      [
        item('AuthProvider', 'P'),
        item('ConnectedApp', 'App', [{ type: 'AuthProvider', name: 'P' }]),
        item('NamedCredential', 'N'),
      ],
      org,
      undefined,
      'skip-dependents',
    );
    expect(results.map((r) => r.status)).to.deep.equal(['failed', 'skipped', 'deleted']);
    expect(results[1].error?.message).to.include('AuthProvider P');
    expect(org.deletes).to.deep.equal([['AuthProvider:P'], ['NamedCredential:N']]);
  });
});
