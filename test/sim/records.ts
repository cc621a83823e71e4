/*
 * sObject store: object schemas (fields with types, references, createable/updateable flags), rows, and per-object
 * rule hooks. Every write goes through the same checks whether it comes from REST, composite or a test seed.
 *
 * A new object = one ObjectDef (see objects/standard.ts) registered with RecordStore.define(); its platform rules go
 * in ObjectDef.rules.
 */
import { normalizeId, sameId } from './ids.js';
import type { ComponentError, SimState } from './types.js';

export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'email'
  | 'url'
  | 'phone'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'datetime'
  | 'date';

export type FieldDef = {
  name: string;
  type: FieldType;
  label?: string;
  /** objects a reference may point to */
  referenceTo?: string[];
  /** name of the parent relationship (Profile for ProfileId) */
  relationshipName?: string;
  /** default true for ordinary fields, false for system fields */
  createable?: boolean;
  /** default: same as createable */
  updateable?: boolean;
  /** must be given on create (REQUIRED_FIELD_MISSING) */
  required?: boolean;
  /** value a create gets when the field is not given */
  defaultValue?: unknown;
  /** restricted picklist values */
  picklistValues?: string[];
  /** unique (case-insensitive for text): DUPLICATE_VALUE */
  unique?: boolean;
  length?: number;
};

export type Row = Record<string, unknown>;

export type RecordContext = { state: SimState; store: RecordStore };

export type ObjectRules = {
  /** after generic checks, before the row is stored; return errors to refuse */
  beforeInsert?(row: Row, ctx: RecordContext): ComponentError[] | void;
  /** `row` is the merged new row, `old` the stored one */
  beforeUpdate?(row: Row, old: Row, ctx: RecordContext): ComponentError[] | void;
  beforeDelete?(row: Row, ctx: RecordContext): ComponentError[] | void;
  /** derived (formula-like) fields, recomputed on every write, e.g. User.Name */
  compute?(row: Row, ctx: RecordContext): Row;
};

export type ObjectDef = {
  name: string;
  label?: string;
  keyPrefix: string;
  /** which REST APIs expose it; default ['data'] */
  apis?: Array<'data' | 'tooling'>;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  fields: FieldDef[];
  rules?: ObjectRules;
  /** the API version the object was introduced in: a query of an earlier version does not know it */
  since?: number;
  /** rows computed from the org's state at each read (e.g. the current user's UserPermissionAccess), not stored */
  rows?(state: SimState): Row[];
  /** refuses a write by the API user (not a seed) that the user's permissions do not allow */
  access?(state: SimState, op: 'create' | 'update'): ComponentError[] | void;
  /** whether the org knows the object now (e.g. Site only once Sites are enabled); default always */
  available?(state: SimState): boolean;
};

/** A refused write, with Salesforce's REST status and error list. */
export class RecordWriteError extends Error {
  public constructor(
    public readonly status: number,
    public readonly errors: ComponentError[],
  ) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
    this.name = 'RecordWriteError';
  }
}

const err = (statusCode: string, message: string, fields: string[] = []): ComponentError => ({
  statusCode,
  message,
  fields,
});

const SYSTEM_FIELDS: FieldDef[] = [
  { name: 'Id', type: 'id', label: 'Record ID', createable: false, updateable: false },
  { name: 'CreatedDate', type: 'datetime', label: 'Created Date', createable: false, updateable: false },
  {
    name: 'CreatedById',
    type: 'reference',
    label: 'Created By ID',
    referenceTo: ['User'],
    relationshipName: 'CreatedBy',
    createable: false,
    updateable: false,
  },
  { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', createable: false, updateable: false },
  {
    name: 'LastModifiedById',
    type: 'reference',
    label: 'Last Modified By ID',
    referenceTo: ['User'],
    relationshipName: 'LastModifiedBy',
    createable: false,
    updateable: false,
  },
  { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', createable: false, updateable: false },
];

const TEXT_TYPES = new Set<FieldType>(['string', 'textarea', 'email', 'url', 'phone', 'picklist']);
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RecordStore {
  private readonly defs = new Map<string, ObjectDef>();
  private readonly rows = new Map<string, Map<string, Row>>();
  private state!: SimState;

  public attach(state: SimState): void {
    this.state = state;
  }

  public define(def: ObjectDef): void {
    const own = new Set(def.fields.map((f) => f.name.toLowerCase()));
    const fields = [...SYSTEM_FIELDS.filter((f) => !own.has(f.name.toLowerCase())), ...def.fields];
    // Id first, then declared fields, then audit fields (Salesforce's describe order is similar)
    const ordered = [fields.find((f) => f.name === 'Id')!, ...fields.filter((f) => f.name !== 'Id')];
    this.defs.set(def.name.toLowerCase(), {
      apis: ['data'],
      createable: true,
      updateable: true,
      deletable: true,
      ...def,
      fields: ordered,
    });
    if (!this.rows.has(def.name)) this.rows.set(def.name, new Map());
  }

  /** Object definition by name (case-insensitive), optionally only if exposed by `api`. */
  public describe(name: string, api?: 'data' | 'tooling'): ObjectDef | undefined {
    const def = this.defs.get(name.toLowerCase());
    if (!def || (api && !def.apis!.includes(api)) || (def.available && !def.available(this.state))) return undefined;
    return def;
  }

  public objects(api?: 'data' | 'tooling'): ObjectDef[] {
    return [...this.defs.values()].filter(
      (d) => (!api || d.apis!.includes(api)) && (!d.available || d.available(this.state)),
    );
  }

  public field(def: ObjectDef, name: string): FieldDef | undefined {
    const lower = name.toLowerCase();
    return def.fields.find((f) => f.name.toLowerCase() === lower);
  }

  /** The object whose key prefix the id carries. */
  public objectOfId(id: string): ObjectDef | undefined {
    const prefix = id.slice(0, 3);
    return [...this.defs.values()].find((d) => d.keyPrefix === prefix);
  }

  /** All rows of an object (live objects: copy before mutating). */
  public all(sobject: string): Row[] {
    const def = this.mustDescribe(sobject);
    if (def.rows) return def.rows(this.state);
    return [...this.rows.get(def.name)!.values()];
  }

  public get(sobject: string, id: string): Row | undefined {
    const def = this.describe(sobject);
    if (!def || !normalizeId(id)) return undefined;
    return this.lookup(def.name, id);
  }

  /** Row by id: exact key first, then any id naming the same record (15/18 chars, case of an 18-char id). */
  private lookup(objectName: string, id: string): Row | undefined {
    const m = this.rows.get(objectName)!;
    const exact = m.get(id) ?? m.get(normalizeId(id) ?? '');
    if (exact) return exact;
    for (const [key, row] of m) if (sameId(key, id)) return row;
    return undefined;
  }

  /** Find a row by id in whatever object it belongs to. */
  public getById(id: string): { def: ObjectDef; row: Row } | undefined {
    if (!normalizeId(id)) return undefined;
    const def = this.objectOfId(id);
    const row = def && this.lookup(def.name, id);
    return def && row ? { def, row } : undefined;
  }

  private mustDescribe(sobject: string): ObjectDef {
    const def = this.describe(sobject);
    if (!def) throw new Error(`simulator: unknown sObject ${sobject}`);
    return def;
  }

  private ctx(): RecordContext {
    return { state: this.state, store: this };
  }

  /**
   * Checks and converts incoming field values (REST JSON) into a row keyed by canonical field names.
   * `system` allows non-createable/updateable fields (seeding).
   */
  private coerce(def: ObjectDef, fields: Row, mode: 'create' | 'update', system: boolean): Row {
    const out: Row = {};
    const errors: ComponentError[] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'attributes') continue;
      const f = this.field(def, key);
      if (!f) {
        throw new RecordWriteError(400, [
          err('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, []),
        ]);
      }
      if (
        !system &&
        f.name !== 'Id' &&
        ((mode === 'create' && f.createable === false) ||
          (mode === 'update' && (f.updateable ?? f.createable) === false))
      ) {
        errors.push(
          err(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            [f.name],
          ),
        );
        continue;
      }
      out[f.name] = this.coerceValue(f, value, errors);
    }
    if (errors.length) throw new RecordWriteError(400, errors);
    return out;
  }

  private coerceValue(f: FieldDef, value: unknown, errors: ComponentError[]): unknown {
    if (value === null) return null;
    const jsonErr = (expected: string): undefined => {
      errors.push(
        err(
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of ${expected} from ${typeof value} value ${JSON.stringify(value)} for field ${f.name}`,
          [f.name],
        ),
      );
      return undefined;
    };
    switch (f.type) {
      case 'boolean':
        return typeof value === 'boolean' ? value : jsonErr('boolean');
      case 'int':
        return typeof value === 'number' && Number.isInteger(value) ? value : jsonErr('int');
      case 'double':
        return typeof value === 'number' ? value : jsonErr('double');
      case 'datetime':
        if (typeof value !== 'string' || !DATETIME.test(value)) return jsonErr('datetime');
        return new Date(value).toISOString().replace('Z', '+0000');
      case 'date':
        return typeof value === 'string' && DATE.test(value) ? value : jsonErr('date');
      case 'id':
      case 'reference': {
        if (typeof value !== 'string') return jsonErr('id');
        if (value === '') return null;
        const label = f.label ?? f.name;
        const nid = normalizeId(value);
        if (!nid) {
          errors.push(err('MALFORMED_ID', `${label}: id value of incorrect type: ${value}`, [f.name]));
          return undefined;
        }
        if (f.type === 'reference') {
          const target = this.objectOfId(nid);
          if (!target || !(f.referenceTo ?? []).some((r) => r.toLowerCase() === target.name.toLowerCase())) {
            errors.push(err('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${value}`, [f.name]));
            return undefined;
          }
          const row = this.lookup(target.name, value);
          if (!row) {
            errors.push(err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]));
            return undefined;
          }
          return row.Id;
        }
        return value.length === 18 ? value : nid; // an explicit 18-char Id (system insert) is kept as given
      }
      default: {
        if (typeof value !== 'string') return jsonErr('String');
        if (f.type === 'picklist' && f.picklistValues && !f.picklistValues.includes(value)) {
          errors.push(
            err(
              'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
              `${f.label ?? f.name}: bad value for restricted picklist field: ${value}`,
              [f.name],
            ),
          );
          return undefined;
        }
        if (f.length && value.length > f.length) {
          errors.push(
            err('STRING_TOO_LONG', `${f.label ?? f.name}: data value too large: ${value} (max length=${f.length})`, [
              f.name,
            ]),
          );
          return undefined;
        }
        return value;
      }
    }
  }

  private checkUnique(def: ObjectDef, row: Row, selfId?: string): ComponentError[] {
    const errors: ComponentError[] = [];
    for (const f of def.fields.filter((x) => x.unique)) {
      const v = row[f.name];
      if (v === undefined || v === null) continue;
      for (const other of this.rows.get(def.name)!.values()) {
        if (other.Id === selfId) continue;
        const o = other[f.name];
        const same =
          TEXT_TYPES.has(f.type) && typeof o === 'string' && typeof v === 'string'
            ? o.toLowerCase() === v.toLowerCase()
            : o === v;
        if (same) {
          errors.push(
            err(
              'DUPLICATE_VALUE',
              `duplicate value found: ${f.name} duplicates value on record with id: ${String(other.Id)}`,
              [f.name],
            ),
          );
          break;
        }
      }
    }
    return errors;
  }

  /** Inserts a row; throws RecordWriteError with Salesforce's errors when refused. Returns the new Id. */
  public insert(sobject: string, fields: Row, opts: { system?: boolean } = {}): string {
    const def = this.describe(sobject);
    if (!def) throw new RecordWriteError(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
    if (!opts.system && !def.createable) {
      throw new RecordWriteError(400, [
        err('INVALID_TYPE', `Cannot create a new ${def.name}: entity is not createable`),
      ]);
    }
    const refused = opts.system ? undefined : def.access?.(this.state, 'create');
    if (refused?.length) throw new RecordWriteError(400, refused);
    if ('Id' in fields && !opts.system) {
      throw new RecordWriteError(400, [
        err('INVALID_FIELD_FOR_INSERT_UPDATE', 'Cannot specify Id in an insert call', ['Id']),
      ]);
    }
    const given = this.coerce(def, fields, 'create', !!opts.system);
    const row: Row = {};
    const now = this.state.now().replace('Z', '+0000');
    const id = (given.Id as string | undefined) ?? this.state.ids.next(def.keyPrefix);
    for (const f of def.fields) {
      if (f.name in given) row[f.name] = given[f.name];
      else if (f.defaultValue !== undefined) row[f.name] = f.defaultValue;
      else row[f.name] = null;
    }
    Object.assign(row, { Id: id });
    for (const [k, v] of Object.entries({
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      CreatedById: this.state.userId,
      LastModifiedById: this.state.userId,
    })) {
      if (k in row && !(k in given)) row[k] = v;
    }
    const missing = def.fields.filter(
      (f) => f.required && (row[f.name] === null || row[f.name] === undefined || row[f.name] === ''),
    );
    if (missing.length) {
      throw new RecordWriteError(400, [
        err(
          'REQUIRED_FIELD_MISSING',
          `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
          missing.map((f) => f.name),
        ),
      ]);
    }
    Object.assign(row, def.rules?.compute?.(row, this.ctx()) ?? {});
    const errors = [...this.checkUnique(def, row), ...(def.rules?.beforeInsert?.(row, this.ctx()) ?? [])];
    if (errors.length) throw new RecordWriteError(400, errors);
    if (this.rows.get(def.name)!.has(id))
      throw new RecordWriteError(400, [
        err('DUPLICATE_VALUE', `duplicate value found: Id duplicates value on record with id: ${id}`, ['Id']),
      ]);
    this.rows.get(def.name)!.set(id, row);
    return id;
  }

  public update(sobject: string, id: string, fields: Row, opts: { system?: boolean } = {}): void {
    const def = this.describe(sobject);
    if (!def) throw new RecordWriteError(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
    const old = normalizeId(id) ? this.lookup(def.name, id) : undefined;
    if (!old) throw new RecordWriteError(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
    if (!opts.system && !def.updateable)
      throw new RecordWriteError(400, [err('INVALID_TYPE', `${def.name}: entity is not updateable`)]);
    const refused = opts.system ? undefined : def.access?.(this.state, 'update');
    if (refused?.length) throw new RecordWriteError(400, refused);
    const { Id: bodyId, ...rest } = fields;
    if (bodyId !== undefined && !sameId(String(bodyId), String(old.Id))) {
      throw new RecordWriteError(400, [
        err('INVALID_ID_FIELD', `The Id field should not be specified in the sobject data.`, ['Id']),
      ]);
    }
    const given = this.coerce(def, rest, 'update', !!opts.system);
    const row: Row = {
      ...old,
      ...given,
      LastModifiedDate: this.state.now().replace('Z', '+0000'),
      LastModifiedById: this.state.userId,
    };
    if ('SystemModstamp' in old) row.SystemModstamp = row.LastModifiedDate;
    const missing = def.fields.filter(
      (f) => f.required && f.name in given && (row[f.name] === null || row[f.name] === ''),
    );
    if (missing.length) {
      throw new RecordWriteError(400, [
        err(
          'REQUIRED_FIELD_MISSING',
          `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
          missing.map((f) => f.name),
        ),
      ]);
    }
    Object.assign(row, def.rules?.compute?.(row, this.ctx()) ?? {});
    const errors = [
      ...this.checkUnique(def, row, String(old.Id)),
      ...(def.rules?.beforeUpdate?.(row, old, this.ctx()) ?? []),
    ];
    if (errors.length) throw new RecordWriteError(400, errors);
    this.rows.get(def.name)!.set(String(old.Id), row);
  }

  public delete(sobject: string, id: string): void {
    const def = this.describe(sobject);
    if (!def) throw new RecordWriteError(404, [err('NOT_FOUND', 'The requested resource does not exist')]);
    const row = normalizeId(id) ? this.lookup(def.name, id) : undefined;
    if (!row) throw new RecordWriteError(404, [err('ENTITY_IS_DELETED', 'entity is deleted')]);
    if (!def.deletable) throw new RecordWriteError(400, [err('INVALID_TYPE', `${def.name}: entity is not deletable`)]);
    const errors = def.rules?.beforeDelete?.(row, this.ctx()) ?? [];
    if (errors.length) throw new RecordWriteError(400, errors);
    this.rows.get(def.name)!.delete(String(row.Id));
  }

  /** Snapshot for allOrNone rollback. */
  public snapshot(): Map<string, Map<string, Row>> {
    return new Map([...this.rows.entries()].map(([k, m]) => [k, new Map(m)]));
  }

  public restore(snap: Map<string, Map<string, Row>>): void {
    this.rows.clear();
    for (const [k, m] of snap) this.rows.set(k, m);
  }
}
