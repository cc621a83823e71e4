import type { Connection, SfError } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import { omitPaths, secretsIn } from '../model/fields.js';
import { redact, Secret } from '../model/secret.js';
import type { CurrentState, FieldValue, Fields, RecordComponent } from '../model/component.js';
import { asArray, errorCodeOf, isAbsentAnswer, saveResultCheck, saveResultsCheck, type WireError } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import { Coalescer } from './coalescer.js';
import type { Journal } from './journal.js';
import { RECORD_COLLECTION_SIZE, writeOnceFields } from './platform-rules.js';
import type { DeleteOutcome, WriteOutcome } from './port.js';
import { readKey, type ReadCache } from './read-cache.js';
import type { RestCalls } from './rest-calls.js';
import { recordQuery } from './soql.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

type SaveResult = { id?: string; success: boolean; errors?: unknown };
type SObject = ReturnType<Connection['sobject']>;

/** Records (users, permission set assignments) read by query and written one by one through the REST API. */
export class RecordCalls {
  readonly #creates = new Coalescer<RecordComponent, WriteOutcome>(RECORD_COLLECTION_SIZE, (sobject, components) =>
    this.sendCreates(sobject, components),
  );

  public constructor(
    private readonly conn: Connection,
    private readonly policy: CallPolicy,
    private readonly cache: ReadCache,
    private readonly journal: Journal,
    private readonly rest: Pick<RestCalls, 'query'>,
  ) {}

  /** Current state of records, one query per record (records of a step are few). */
  public async readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return Promise.all(
      components.map(async (c) => {
        const soql = recordQuery(c);
        const rows = await this.rest.query<Record<string, unknown>>(soql);
        if (rows.length === 0) return { exists: false } as const;
        if (rows.length > 1) throw messages.createError('error.AmbiguousRecord', [c.sobject, soql.split(' WHERE ')[1]]);
        const { Id, attributes, ...fields } = rows[0];
        void attributes;
        return { exists: true, id: String(Id), fields: fields as Fields } as const;
      }),
    );
  }

  /**
   * Creates a record, or updates the changed fields of an existing one. Creates of one sObject asked for in the same
   * turn (independent steps at the same level, the assignments of one user) go in one call together.
   */
  public async upsertRecord(component: RecordComponent, current: CurrentState): Promise<WriteOutcome> {
    if (!current.exists) {
      const release = this.cache.announce({ sobject: component.sobject });
      try {
        return (await this.#creates.enqueue(component.sobject, [component]))[0];
      } finally {
        release();
      }
    }
    const secrets = secretsIn(component.fields);
    try {
      const res = await this.update(this.conn.sobject(component.sobject), component, current, secrets);
      return res.success ? { success: true, created: false } : recordFailure(res.errors, secrets);
    } catch (error) {
      return refusalOf(error);
    }
  }

  private update(
    sobject: SObject,
    component: RecordComponent,
    current: CurrentState & { exists: true },
    secrets: Secret[],
  ): Promise<SaveResult> {
    this.journal.keep(component.sobject, component.name, current);
    const fields = omitPaths(component.fields, [
      ...writeOnceFields(component.sobject),
      ...(component.createOnlyFields ?? []),
    ]);
    return this.save(`update ${component.sobject}`, component.sobject, secrets, () =>
      sobject.update({ Id: current.id ?? '', ...(toPlain(fields) as object) }),
    );
  }

  /** Creates records of one sObject: one alone as itself, more in one sObject Collections call (each answered). */
  private async sendCreates(sobject: string, components: readonly RecordComponent[]): Promise<WriteOutcome[]> {
    const secrets = components.flatMap((c) => secretsIn(c.fields));
    const records = components.map((c) => ({ ...c.match, ...(toPlain(c.fields) as object) }));
    const what = `create ${sobject}`;
    let results: SaveResult[];
    try {
      results =
        records.length === 1
          ? [await this.save(what, sobject, secrets, () => this.conn.sobject(sobject).create(records[0]))]
          : await this.cache.write(
              () =>
                this.policy.run('write', what, () => this.conn.sobject(sobject).create(records, { allOrNone: false }), {
                  secrets,
                  check: saveResultsCheck(what, records.length),
                }) as Promise<SaveResult[]>,
              { sobject },
            );
    } catch (error) {
      const refusal = refusalOf(error);
      return components.map(() => refusal);
    }
    return components.map((c, i) => {
      const res = results[i];
      if (!res.success) return recordFailure(res.errors, secrets);
      if (res.id) this.cache.learn(readKey.query(recordQuery(c)), [{ Id: res.id, ...(toPlain(c.fields) as object) }]);
      return { success: true, created: true };
    });
  }

  /** One record write under the fault policy; the reads of its sObject are forgotten after. */
  private save(what: string, sobject: string, secrets: Secret[], fn: () => Promise<unknown>): Promise<SaveResult> {
    return this.cache.write(
      () => this.policy.run('write', what, fn, { secrets, check: saveResultCheck(what) }) as Promise<SaveResult>,
      { sobject },
    );
  }

  /**
   * Deletes one record by id (REST), after what it was is kept for the backup; a record already gone is `gone`, and
   * Salesforce's refusal is the record's failure, as for a metadata delete.
   */
  public async deleteRecord(sobject: string, name: string, current: CurrentState): Promise<DeleteOutcome> {
    if (!current.exists || !current.id) return { success: true, gone: true };
    const id = current.id;
    this.journal.keep(sobject, name, current);
    const what = `delete ${sobject}`;
    try {
      const res = await this.cache.write(
        () => this.policy.run('delete', what, () => this.destroy(sobject, id), { check: saveResultCheck(what) }),
        { sobject },
      );
      if (res.success) return { success: true, gone: false };
      const errors = asArray((res as { errors?: WireError | WireError[] }).errors);
      if (isAbsentAnswer(errors[0]?.statusCode, errors[0]?.message)) return { success: true, gone: true };
      return recordFailure(errors, []) as DeleteOutcome;
    } catch (error) {
      if (isAbsentAnswer(errorCodeOf(error), (error as Error).message)) return { success: true, gone: true };
      return refusalOf(error);
    }
  }

  /**
   * A REST DELETE of one record, sent here rather than by jsforce's destroy, whose DELETE jsforce tries again on its
   * own (up to five times over 15 s): the fault policy alone decides, as for every other call.
   */
  private destroy(sobject: string, id: string): Promise<SaveResult> {
    return this.conn.request<SaveResult>(
      { method: 'DELETE', url: `/sobjects/${sobject}/${id}` },
      { noContentResponse: { id, success: true, errors: [] }, retry: { maxRetries: 0 } },
    );
  }
}

/** Salesforce's refusal of a record is that record's failure, in its words; a broken call is the run's (thrown on). */
function refusalOf(error: unknown): { success: false; message: string; statusCode?: string } {
  const data = (error as SfError<{ errorCode?: string; fault?: string }>).data;
  if (data?.fault !== 'refused' && data?.fault !== 'permission') throw error;
  return {
    success: false,
    statusCode: data.errorCode,
    message: messages.getMessage('detail.Refusal', [(error as Error).message]),
  };
}

function recordFailure(errors: unknown, secrets: readonly Secret[]): WriteOutcome {
  const list = asArray(errors as WireError | WireError[] | undefined);
  return {
    success: false,
    statusCode: list[0]?.statusCode,
    message: redact(list.map((e) => e.message ?? e.statusCode).join(' ') || 'unknown error', secrets),
  };
}

/** Record fields are sent as plain JSON; secrets revealed at this last moment. */
function toPlain(value: FieldValue): unknown {
  if (value instanceof Secret) return value.reveal();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
