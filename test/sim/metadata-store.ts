/*
 * Generic metadata component store plus a registry of per-type rule modules (rules/<Type>.ts).
 *
 * Generic behaviour, for every type (as the Metadata API CRUD calls behave):
 *  - create of an existing name fails (DUPLICATE_DEVELOPER_NAME), update of a missing one fails
 *    (INVALID_CROSS_REFERENCE_KEY), upsert creates or updates;
 *  - update and upsert REPLACE the whole component: fields not sent revert to absent (or the type's defaults);
 *  - missing required elements (WSDL minOccurs 1) fail per component with REQUIRED_FIELD_MISSING;
 *  - fullName must be a developer name unless the type's rules say otherwise;
 *  - deleted names are remembered (rules may forbid reuse);
 *  - secret fields are held but never shown by getMetadata unless asked.
 * Records are typed JS in WSDL key order (see validate.ts).
 */
import { missingRequired, orderRecord, complexType, type MetadataRecord } from './validate.js';
import type { ComponentError, SimState } from './types.js';
import { metadataWriteRefusal } from './user-permissions.js';
import { simulatorSecret } from './secrets.js';

export type StoredComponent = {
  type: string;
  fullName: string;
  id: string;
  record: MetadataRecord;
  createdDate: string;
  lastModifiedDate: string;
  createdById: string;
  lastModifiedById: string;
};

export type WriteOp = 'create' | 'update' | 'upsert';
/**
 * How a write reached the org: a CRUD call (create/update/upsertMetadata), a deploy() component, a test seed, or a
 * person's Save in Setup (what only Setup can change, e.g. an auth provider's consumer secret).
 */
export type WriteVia = 'crud' | 'deploy' | 'seed' | 'setup';

export type WriteContext = {
  op: WriteOp;
  type: string;
  fullName: string;
  /** the validated record as received (typed JS, WSDL order) */
  incoming: MetadataRecord;
  /** the stored component, when the name exists */
  existing?: StoredComponent;
  state: SimState;
  via: WriteVia;
};

export type MetadataRules = {
  type: string;
  /** key prefix of component ids (listMetadata id) */
  keyPrefix: string;
  /** listMetadata fileName is `${folder}/${fullName}.${suffix}` */
  folder: string;
  suffix: string;
  /**
   * write-only fields: held, never returned by getMetadata unless includeSecrets, nor by readMetadata unless toRead
   * says. Dotted paths name nested elements, e.g. 'oauthConfig.consumerSecret'.
   */
  secretFields?: string[];
  /** values the platform fills in for absent fields on every write (what readMetadata then returns) */
  defaults?: MetadataRecord;
  /** fullName check; default: developer name. Return an error to refuse. */
  checkFullName?(fullName: string): ComponentError | undefined;
  /** error for create of an existing name */
  duplicateError?(fullName: string): ComponentError;
  /** the type's platform rules; return errors to refuse the write */
  validateWrite?(ctx: WriteContext): ComponentError[] | undefined | void;
  /** the record to store (default: incoming); defaults are applied after */
  toStore?(ctx: WriteContext): MetadataRecord;
  /** what readMetadata returns for a stored component (default: record minus secretFields) */
  toRead?(stored: StoredComponent, state: SimState): MetadataRecord;
  validateDelete?(stored: StoredComponent, state: SimState): ComponentError[] | undefined | void;
  afterWrite?(stored: StoredComponent, created: boolean, state: SimState): void;
  afterDelete?(stored: StoredComponent, state: SimState): void;
};

export type UpsertResult = { created: boolean; fullName: string; success: boolean; errors: ComponentError[] };

export const err = (statusCode: string, message: string, fields: string[] = []): ComponentError => ({
  statusCode,
  message,
  fields,
});

const DEVELOPER_NAME = /^[A-Za-z](?!.*__)[A-Za-z0-9_]*(?<!_)$/;

export function developerNameError(label: string): ComponentError {
  return err(
    'FIELD_INTEGRITY_EXCEPTION',
    `The ${label} can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`,
    ['fullName'],
  );
}

const clone = <T>(v: T): T => structuredClone(v);

export class MetadataStore {
  private readonly rules = new Map<string, MetadataRules>();
  private readonly components = new Map<string, Map<string, StoredComponent>>();
  private readonly deleted = new Map<string, Set<string>>();
  private state!: SimState;
  /** Called before any component changes (tokens.ts fixes what the org's tokens were issued with). */
  public beforeChange?: () => void;

  public attach(state: SimState): void {
    this.state = state;
  }

  public register(rules: MetadataRules): void {
    complexType(rules.type); // must be in the WSDL table
    this.rules.set(rules.type, rules);
  }

  /** Rules of a type; types in the WSDL table without a rule module get generic behaviour. */
  public rulesFor(type: string): MetadataRules {
    return (
      this.rules.get(type) ?? {
        type,
        keyPrefix: '0Xx',
        folder: type.charAt(0).toLowerCase() + type.slice(1) + 's',
        suffix: type.toLowerCase(),
      }
    );
  }

  public registeredTypes(): string[] {
    return [...this.rules.keys()];
  }

  private bucket(type: string): Map<string, StoredComponent> {
    let b = this.components.get(type);
    if (!b) this.components.set(type, (b = new Map()));
    return b;
  }

  /** Stored component by name; developer names are unique case-insensitively. */
  public get(type: string, fullName: string): StoredComponent | undefined {
    return this.bucket(type).get(fullName.toLowerCase());
  }

  public list(type: string): StoredComponent[] {
    return [...this.bucket(type).values()];
  }

  public wasDeleted(type: string, fullName: string): boolean {
    return this.deleted.get(type)?.has(fullName.toLowerCase()) ?? false;
  }

  /** What readMetadata answers, or undefined when the name does not exist. */
  public read(type: string, fullName: string): MetadataRecord | undefined {
    const stored = this.get(type, fullName);
    if (!stored) return undefined;
    const rules = this.rulesFor(type);
    if (rules.toRead) return orderRecord(clone(rules.toRead(stored, this.state)), type);
    return this.withoutSecrets(type, stored.record);
  }

  /** A copy without the type's secret fields (dotted paths reach into nested and repeated elements). */
  public withoutSecrets(type: string, record: MetadataRecord): MetadataRecord {
    const copy = clone(record);
    const drop = (node: unknown, path: string[]): void => {
      if (Array.isArray(node)) return node.forEach((n) => drop(n, path));
      if (!node || typeof node !== 'object') return;
      const obj = node as MetadataRecord;
      if (path.length === 1) delete obj[path[0]];
      else drop(obj[path[0]], path.slice(1));
    };
    for (const f of this.rulesFor(type).secretFields ?? []) drop(copy, f.split('.'));
    return copy;
  }

  /** Everything stored and deleted, for a deploy's rollback or a checkOnly deploy. */
  public snapshot(): { components: Map<string, Map<string, StoredComponent>>; deleted: Map<string, Set<string>> } {
    return {
      components: new Map([...this.components].map(([t, m]) => [t, new Map(m)])),
      deleted: new Map([...this.deleted].map(([t, s]) => [t, new Set(s)])),
    };
  }

  public restore(snap: ReturnType<MetadataStore['snapshot']>): void {
    this.components.clear();
    for (const [t, m] of snap.components) this.components.set(t, m);
    this.deleted.clear();
    for (const [t, s] of snap.deleted) this.deleted.set(t, s);
  }

  /** One component of a create/update/upsert call or of a deploy (already schema-validated). */
  public write(op: WriteOp, type: string, incoming: MetadataRecord, via: WriteVia = 'crud'): UpsertResult {
    const rules = this.rulesFor(type);
    const fullName = typeof incoming.fullName === 'string' ? incoming.fullName : '';
    const fail = (errors: ComponentError[]): UpsertResult => ({ created: false, fullName, success: false, errors });
    if (!fullName) return fail([err('REQUIRED_FIELD_MISSING', 'Required field is missing: fullName', ['fullName'])]);
    const refused = via === 'seed' ? undefined : metadataWriteRefusal(this.state, type);
    if (refused) return fail([refused]);
    const missing = missingRequired(incoming, type);
    if (missing.length)
      return fail(missing.map((m) => err('REQUIRED_FIELD_MISSING', `Required field is missing: ${m.name}`, [m.name])));
    const nameError = rules.checkFullName
      ? rules.checkFullName(fullName)
      : DEVELOPER_NAME.test(fullName)
        ? undefined
        : developerNameError('Developer Name');
    if (nameError) return fail([nameError]);
    const existing = this.get(type, fullName);
    if (op === 'create' && existing) {
      return fail([
        rules.duplicateError?.(fullName) ??
          err('DUPLICATE_DEVELOPER_NAME', `There is already a ${type} named ${fullName}.`, ['fullName']),
      ]);
    }
    if (op === 'update' && !existing) {
      return fail([
        err('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`, ['fullName']),
      ]);
    }
    const ctx: WriteContext = {
      op,
      type,
      fullName,
      incoming: clone(incoming),
      existing: existing && clone(existing),
      state: this.state,
      via,
    };
    const errors = rules.validateWrite?.(ctx) ?? [];
    if (errors.length) return fail(errors);

    this.beforeChange?.();
    let record = rules.toStore ? rules.toStore(ctx) : clone(incoming);
    for (const [k, v] of Object.entries(rules.defaults ?? {})) if (record[k] === undefined) record[k] = clone(v);
    if (existing) record.fullName = existing.fullName;
    record = orderRecord(record, type);
    const now = this.state.now();
    const stored: StoredComponent = existing
      ? { ...existing, record, lastModifiedDate: now, lastModifiedById: this.state.userId }
      : {
          type,
          fullName,
          id: this.state.ids.next(rules.keyPrefix),
          record,
          createdDate: now,
          lastModifiedDate: now,
          createdById: this.state.userId,
          lastModifiedById: this.state.userId,
        };
    this.bucket(type).set(stored.fullName.toLowerCase(), stored);
    registerCredentials(type, record, rules);
    rules.afterWrite?.(clone(stored), !existing, this.state);
    return { created: !existing, fullName: stored.fullName, success: true, errors: [] };
  }

  public delete(type: string, fullName: string): UpsertResult {
    const stored = this.get(type, fullName);
    if (!stored) {
      return {
        created: false,
        fullName,
        success: false,
        errors: [
          err('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`, ['fullName']),
        ],
      };
    }
    const rules = this.rulesFor(type);
    const errors = rules.validateDelete?.(clone(stored), this.state) ?? [];
    if (errors.length) return { created: false, fullName, success: false, errors };
    this.beforeChange?.();
    this.bucket(type).delete(stored.fullName.toLowerCase());
    let d = this.deleted.get(type);
    if (!d) this.deleted.set(type, (d = new Set()));
    d.add(stored.fullName.toLowerCase());
    rules.afterDelete?.(clone(stored), this.state);
    return { created: false, fullName: stored.fullName, success: true, errors: [] };
  }
}

/**
 * Consumer keys of OAuth apps (which this plugin holds as secrets, FACTS §2) besides every secret field: what a write
 * stored or the org generated is a secret that no output may show (secrets.ts).
 */
const CREDENTIAL_KEY_FIELDS: Record<string, string[]> = {
  ConnectedApp: ['oauthConfig.consumerKey'],
  ExtlClntAppGlobalOauthSettings: ['consumerKey'],
};

function registerCredentials(type: string, record: MetadataRecord, rules: MetadataRules): void {
  const visit = (node: unknown, path: string[], label: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, path, label));
    if (!node || typeof node !== 'object') return;
    const value = (node as MetadataRecord)[path[0]];
    if (path.length === 1) simulatorSecret(value, label);
    else visit(value, path.slice(1), label);
  };
  for (const f of [...(rules.secretFields ?? []), ...(CREDENTIAL_KEY_FIELDS[type] ?? [])])
    visit(record, f.split('.'), `${type}.${f} (stored by the simulated org)`);
}
