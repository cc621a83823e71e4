import { expect } from 'chai';
import { apply, plan } from '../../src/engine/engine.js';
import type { MetadataComponent, RecordComponent } from '../../src/model/component.js';
import { SalesforceOrg } from '../../src/org/salesforce-org.js';
import { explainRefusal } from '../../src/org/platform-rules.js';

/** A jsforce Connection reduced to what these tests touch; records what is sent. */
function fakeConnection(opts: { createError?: { errorCode: string; message: string } } = {}) {
  const sent: Array<{ call: string; payload: unknown }> = [];
  const conn = {
    instanceUrl: 'https://acme.my.salesforce.com',
    getUsername: () => 'admin@acme.example',
    metadata: {
      upsert: async (type: string, payload: Array<{ fullName: string }>) => {
        sent.push({ call: `upsert ${type}`, payload });
        return payload.map((p) => ({ fullName: p.fullName, success: 'true', created: 'false' }));
      },
    },
    sobject: (name: string) => ({
      create: async (record: unknown) => {
        sent.push({ call: `create ${name}`, payload: record });
        if (opts.createError) throw Object.assign(new Error(opts.createError.message), opts.createError);
        return { id: 'x', success: true, errors: [] };
      },
      update: async (record: unknown) => {
        sent.push({ call: `update ${name}`, payload: record });
        return { id: 'x', success: true, errors: [] };
      },
    }),
  };
  return { org: new SalesforceOrg(conn as never), sent };
}

describe('engine and org layer: create-only fields', () => {
  const site: MetadataComponent = {
    kind: 'metadata',
    type: 'CustomSite',
    fullName: 'S',
    label: 'site',
    fields: { masterLabel: 'S', allowStandardSearch: false },
    createOnlyFields: ['allowStandardSearch'],
  };

  it('never compares them, and never sends them on an update (the org keeps its value)', async () => {
    const { org, sent } = fakeConnection();
    const current = {
      exists: true as const,
      fields: { masterLabel: 'Old', allowStandardSearch: true, guestProfile: 'S Profile' },
    };
    const [item] = await plan([site], { readMetadata: async () => [current] } as never);
    expect(item.changes.map((c) => c.field)).to.deep.equal(['masterLabel']);
    await apply([item], org);
    const payload = (sent[0].payload as Array<Record<string, unknown>>)[0];
    expect(payload).to.include({ fullName: 'S', masterLabel: 'S', allowStandardSearch: true });
    expect(payload).to.not.have.property('guestProfile');
  });

  it('sends them on create', async () => {
    const { org, sent } = fakeConnection();
    await org.upsertMetadata('CustomSite', [{ component: site, current: { exists: false } }]);
    expect((sent[0].payload as Array<Record<string, unknown>>)[0]).to.include({ allowStandardSearch: false });
  });

  it('leaves create-only record fields out of an update', async () => {
    const { org, sent } = fakeConnection();
    const user: RecordComponent = {
      kind: 'record',
      sobject: 'User',
      name: 'u',
      label: 'user',
      match: { Username: 'u@x.io' },
      fields: { IsActive: true, Email: 'e@x.io' },
      createOnlyFields: ['Email'],
    };
    await org.upsertRecord(user, { exists: true, id: '005x', fields: {} });
    expect(sent[0]).to.deep.equal({ call: 'update User', payload: { Id: '005x', IsActive: true } });
  });
});

describe('platform rule: a duplicate PermissionSetAssignment means already done', () => {
  const psa: RecordComponent = {
    kind: 'record',
    sobject: 'PermissionSetAssignment',
    name: 'P → U',
    label: 'assignment',
    match: { AssigneeId: '005x', PermissionSetId: '0PSx' },
    fields: {},
  };

  it('reports DUPLICATE_VALUE on an assignment as unchanged, never as an error', async () => {
    const { org } = fakeConnection({
      createError: {
        errorCode: 'DUPLICATE_VALUE',
        message: 'duplicate value found: <unknown> duplicates value on record with id: <unknown>',
      },
    });
    const outcome = await org.upsertRecord(psa, { exists: false });
    expect(outcome).to.deep.include({ success: false, statusCode: 'DUPLICATE_VALUE' });
    const [result] = await apply([{ component: psa, current: { exists: false }, action: 'create', changes: [] }], org);
    expect(result.status).to.equal('unchanged');
  });

  it('keeps DUPLICATE_VALUE an error for other objects', async () => {
    expect(
      explainRefusal({ type: 'PermissionSetAssignment', name: 'P → U', statusCode: 'DUPLICATE_VALUE', message: 'dup' })
        ?.meaning,
    ).to.equal('already-done');
    expect(explainRefusal({ type: 'User', name: 'u', statusCode: 'DUPLICATE_VALUE', message: 'dup' })).to.equal(
      undefined,
    );
    const { org } = fakeConnection({ createError: { errorCode: 'DUPLICATE_VALUE', message: 'dup' } });
    const account = { ...psa, sobject: 'Account' };
    expect(await org.upsertRecord(account, { exists: false })).to.deep.include({
      success: false,
      statusCode: 'DUPLICATE_VALUE',
    });
    const [result] = await apply(
      [{ component: account, current: { exists: false }, action: 'create', changes: [] }],
      org,
    );
    expect(result).to.deep.include({ status: 'failed' });
  });
});
