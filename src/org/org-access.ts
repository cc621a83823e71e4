import type { Connection, Org } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';
import { omitPaths, secretsIn } from '../model/fields.js';
import { EXIT } from '../model/exit-codes.js';
import { redact, Secret } from '../model/secret.js';
import { isSecretSafeUrl } from '../model/secure-url.js';
import type { CurrentState, FieldValue, Fields, MetadataComponent, RecordComponent } from '../model/component.js';
import {
  backoffMs,
  callTimeoutMs,
  classify,
  isRetryable,
  retryPolicy,
  type Fault,
  type RetryPolicy,
} from './fault-policy.js';
import { fromWire, toWire } from './metadata-codec.js';
import { payloadFields } from './payload.js';
import {
  COMPOSITE_MAX_QUERIES,
  EXTERNAL_CLIENT_APP_HEADER,
  EXTERNAL_CLIENT_APP_PARTS,
  LIST_METADATA_QUERIES,
  METADATA_BATCH_SIZE,
  fieldsLeftOutOfBackups,
  readsChangedBy,
  writeOnceFields,
  writtenByDeploy,
} from './platform-rules.js';
import { NotKnownYet, type ReadRequest } from './read-plan.js';
import type {
  AnonymousApexResult,
  CheckOutcome,
  DeclareReads,
  DeleteOutcome,
  DeployOptions,
  KnownFacts,
  ListedComponent,
  OrgFacts,
  OrgPort,
  OrgReads,
  PreviousVersion,
  WriteOutcome,
} from './port.js';
import { soqlLiteral } from './soql.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/** Salesforce's answer to a delete of a name or id it does not have (Metadata API, REST). */
const isAbsentAnswer = (statusCode: string | undefined, message: string | undefined): boolean =>
  statusCode === 'ENTITY_IS_DELETED' ||
  statusCode === 'NOT_FOUND' ||
  (statusCode === 'INVALID_CROSS_REFERENCE_KEY' && /no \S+ named/i.test(message ?? ''));

type WireResult = {
  fullName?: string;
  success?: boolean | string;
  created?: boolean | string;
  errors?: WireError | WireError[];
};
type WireError = { statusCode?: string; message?: string; fields?: string | string[] };

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

const metadataKey = (type: string, fullName: string): string => `readMetadata ${type}:${fullName}`;
const queryKey = (soql: string): string => `query ${soql}`;
const listKey = (types: readonly string[]): string => `listMetadata ${types.join(',')}`;

/** The sObjects a query reads (its FROM, and any subquery's). */
const sobjectsOf = (soql: string): string[] => [...soql.matchAll(/\bFROM\s+(\w+)/gi)].map((m) => m[1].toLowerCase());

/** The query that reads a record component's current state: one per record (records of a step are few). */
function recordQuery(c: RecordComponent): string {
  const fieldNames = [...new Set(['Id', ...Object.keys(c.fields)])];
  const where = Object.entries(c.match)
    .map(([k, v]) => `${k} = ${soqlLiteral(v)}`)
    .join(' AND ');
  return `SELECT ${fieldNames.join(', ')} FROM ${c.sobject} WHERE ${where}`;
}

/** A composite subrequest's answer (REST API Developer Guide, Composite Subrequest Result). */
type CompositeResult = { body?: unknown; httpStatusCode?: unknown; referenceId?: unknown };

/** What a run changed with one write, so that only those answers are read again (see OrgAccess.write). */
type Written = { metadata?: ReadonlyArray<{ type: string; fullName: string }>; sobject?: string };

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The only code that talks to Salesforce. Reads are batched (≤10 names per readMetadata, one type per
 * call, types in parallel); every per-component result of a write is checked, since the Metadata API
 * answers HTTP 200 for a component it refused.
 */
export class OrgAccess implements OrgPort {
  #facts?: Promise<OrgFacts>;
  #interrupted = false;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  /** The components this run updated, as they were before (write-once and secret fields left out): the way back. */
  readonly #previous: PreviousVersion[] = [];
  /** Answers of this run's reads by what was asked: nothing is asked twice; a write forgets what it may have changed. */
  readonly #reads = new Map<string, Promise<unknown>>();

  /** Where a deploy's progress goes while it is polled (a spinner's status), when anyone listens. */
  public onDeployStatus?: (status: string) => void;

  public constructor(
    private readonly conn: Connection,
    private readonly org?: Org,
    options: { retry?: RetryPolicy; timeoutMs?: number } = {},
  ) {
    this.retry = options.retry ?? retryPolicy();
    this.timeoutMs = options.timeoutMs ?? callTimeoutMs();
  }

  /**
   * The org layer for an authenticated org. Every call carries the session id, and some carry secrets: an org whose
   * instance URL is not https (loopback aside, see isSecretSafeUrl) is refused before anything is sent.
   */
  public static connect(org: Org, apiVersion?: string): Promise<OrgAccess> {
    const conn = org.getConnection(apiVersion);
    if (!isSecretSafeUrl(conn.instanceUrl))
      return Promise.reject(messages.createError('error.InsecureInstanceUrl', [conn.instanceUrl]));
    return Promise.resolve(new OrgAccess(conn, org));
  }

  /** The API version this connection speaks, e.g. "66.0". */
  public get apiVersion(): string {
    return this.conn.getApiVersion();
  }

  /** `https://<My Domain host>` (OrgFacts.myDomainUrl), known without a call: the connection's instance URL. */
  public get myDomainUrl(): string {
    return this.conn.instanceUrl ? new URL(this.conn.instanceUrl).origin : '';
  }

  public facts(): Promise<OrgFacts> {
    this.#facts ??= this.readFacts();
    return this.#facts;
  }

  /** The org id, My Domain and username, from the connection: no request (read declarations can start at once). */
  public knownFacts(): KnownFacts {
    const instanceUrl = this.conn.instanceUrl;
    if (!instanceUrl) throw messages.createError('error.NoInstanceUrl');
    return {
      orgId: this.conn.getAuthInfoFields().orgId ?? this.org?.getOrgId() ?? '',
      myDomainUrl: new URL(instanceUrl).origin,
      username: this.conn.getUsername() ?? this.org?.getUsername() ?? '',
    };
  }

  private async readFacts(): Promise<OrgFacts> {
    const known = this.knownFacts();
    const user = await this.query<{ Id: string }>(
      `SELECT Id FROM User WHERE Username = ${soqlLiteral(known.username)}`,
    );
    return { ...known, userId: user[0]?.Id ?? this.conn.getAuthInfoFields().userId ?? '' };
  }

  /**
   * Current state of metadata components, batched by type (≤10 names a call, types in parallel). Each component
   * is read once per run: a later read of the same name takes the answer already had, until a write.
   */
  public async readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    const byType = new Map<string, Set<string>>();
    for (const c of components) {
      if (this.#reads.has(metadataKey(c.type, c.fullName))) continue;
      byType.set(c.type, (byType.get(c.type) ?? new Set()).add(c.fullName));
    }
    for (const [type, names] of byType) {
      for (const batch of chunk([...names], METADATA_BATCH_SIZE)) {
        const what = `readMetadata ${type}`;
        const read = this.call(
          what,
          () => this.conn.metadata.read(type as Parameters<Connection['metadata']['read']>[0], batch),
          {
            // Salesforce answers one record per name asked, an empty one for a name it does not have: anything else
            // (an HTML page, an empty body) was not understood, and is never taken for "absent".
            check: (records) => {
              const list = asArray(records as unknown as unknown[] | undefined);
              if (list.length !== batch.length || !list.every((r) => typeof r === 'object' && r !== null)) {
                throw unreadableAnswer(what, `${batch.length} record(s) expected, ${list.length} found`);
              }
            },
          },
        ).then((records) => {
          const found = new Map<string, Fields>();
          for (const raw of asArray(records as unknown as Array<Record<string, unknown>>)) {
            const fullName = raw?.fullName;
            if (typeof fullName === 'string' && fullName) found.set(fullName, fromWire(type, raw));
          }
          return found;
        });
        for (const name of batch) {
          void this.remember(
            metadataKey(type, name),
            read.then((found): CurrentState => {
              const fields = found.get(name);
              return fields ? { exists: true, fields } : { exists: false };
            }),
          );
        }
      }
    }
    return Promise.all(
      components.map((c) => this.#reads.get(metadataKey(c.type, c.fullName)) as Promise<CurrentState>),
    );
  }

  /**
   * Creates or updates components of one type in one call (≤10). An update sends the org's current
   * fields with the desired ones laid over them, so settings the admin made and the guide does not
   * name survive; write-once and read-only fields never go back.
   */
  public async upsertMetadata(
    type: string,
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    if (items.length > METADATA_BATCH_SIZE) throw new SfError(`At most ${METADATA_BATCH_SIZE} components per call.`);
    for (const { component, current } of items) this.rememberPrevious(type, component.fullName, current);
    const payload = items.map(({ component, current }) => ({
      fullName: component.fullName,
      ...toWire(type, payloadFields(type, component, current)),
    }));
    const secrets = items.flatMap(({ component }) => secretsIn(component.fields));
    const results = asArray(
      (await this.write(
        () =>
          this.call(`upsertMetadata ${type}`, () => this.conn.metadata.upsert(type, payload), {
            secrets,
            write: true,
            // One save result per component sent, each naming it: anything else was not understood.
            check: (answer) => {
              const list = asArray(answer as unknown as WireResult | WireResult[] | undefined);
              if (
                list.length !== payload.length ||
                !list.every((r) => typeof r === 'object' && r !== null && 'success' in r)
              ) {
                throw unreadableAnswer(
                  `upsertMetadata ${type}`,
                  `${payload.length} result(s) expected, ${list.length} found`,
                );
              }
            },
          }),
        { metadata: items.map(({ component }) => ({ type, fullName: component.fullName })) },
      )) as unknown as WireResult | WireResult[],
    );
    return items.map(({ component }, i) => {
      const r = results.find((x) => x.fullName === component.fullName) ?? results[i];
      if (!r) return { success: false, message: messages.getMessage('error.NoResult', [component.fullName]) };
      if (String(r.success) === 'true') return { success: true, created: String(r.created) === 'true' };
      const errors = asArray(r.errors);
      return {
        success: false,
        statusCode: errors[0]?.statusCode,
        message: redact(
          errors.map((e) => e.message ?? e.statusCode ?? 'unknown error').join(' ') || 'unknown error',
          secrets,
        ),
      };
    });
  }

  /**
   * Writes components that the platform takes only by deploy (platform-rules writtenByDeploy: the External Client App
   * family) in ONE Metadata API deploy, all or nothing, each merged with what the org has as upsertMetadata does.
   * Answers each component's outcome in Salesforce's words; a deploy still running when the wait is over is an
   * SfError with its ID and how to look it up.
   */
  public async deployMetadata(
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
    options: Omit<DeployOptions, 'onStatus'> = {},
  ): Promise<WriteOutcome[]> {
    if (this.#interrupted)
      throw messages
        .createError('error.Interrupted', ['deploy'], [], EXIT.interrupted)
        .setData({ errorCode: 'INTERRUPTED' });
    for (const { component, current } of items) this.rememberPrevious(component.type, component.fullName, current);
    const { deployComponents } = await import('./deploy.js');
    return this.write(
      () => deployComponents(this.conn, items, { ...options, onStatus: (s) => this.onDeployStatus?.(s) }),
      { metadata: items.map(({ component }) => ({ type: component.type, fullName: component.fullName })) },
    );
  }

  /**
   * Sends components to Salesforce in ONE check-only deploy (checkOnly, rollbackOnError), each as the merged payload a
   * real write sends: Salesforce validates them (dependencies within the deploy included) and saves nothing. Answers the
   * deploy's ID and each component's outcome in Salesforce's words; nothing the run read is forgotten (nothing changed).
   * A fault ends in an SfError as any call's does; Ctrl-C stops it before it starts.
   */
  public async validateMetadata(
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
    options: Omit<DeployOptions, 'onStatus' | 'redactions'> = {},
  ): Promise<{ deployId?: string; outcomes: CheckOutcome[] }> {
    if (this.#interrupted)
      throw messages
        .createError('error.Interrupted', ['deploy (check only)'], [], EXIT.interrupted)
        .setData({ errorCode: 'INTERRUPTED' });
    const { checkComponents } = await import('./deploy.js');
    const session = this.conn.accessToken ? [new Secret(this.conn.accessToken)] : [];
    try {
      return await checkComponents(this.conn, items, {
        ...options,
        redactions: session,
        onStatus: (s) => this.onDeployStatus?.(s),
      });
    } catch (error) {
      if (error instanceof SfError) throw error;
      // The fault policy's words for what happened (an outage page, a lost connection, an expired session). A
      // check-only deploy saves nothing, so a lost answer is no "may have been saved": it is not taken as a write.
      throw faultError('deploy (check only)', classify(error), {
        write: false,
        attempts: 1,
        redactions: [...items.flatMap(({ component }) => secretsIn(component.fields)), ...session],
        instanceUrl: this.conn.instanceUrl,
        username: this.conn.getUsername(),
      });
    }
  }

  /**
   * Deletes components of one type in one call (≤10), each after what the org had was kept for the backup. A name the
   * org does not have is `gone`, not a failure: so a delete is idempotent, and is tried again on a passing fault like
   * a read (a retry of a delete that landed answers "not found"). A refusal (something still uses the component) is
   * that component's failure, in Salesforce's words.
   */
  public async deleteMetadata(
    type: string,
    items: ReadonlyArray<{ fullName: string; current: CurrentState }>,
  ): Promise<DeleteOutcome[]> {
    if (items.length > METADATA_BATCH_SIZE) throw new SfError(`At most ${METADATA_BATCH_SIZE} components per call.`);
    if (items.length === 0) return [];
    for (const { fullName, current } of items) this.rememberPrevious(type, fullName, current);
    const names = items.map((i) => i.fullName);
    const what = `deleteMetadata ${type}`;
    const results = asArray(
      (await this.write(
        () =>
          this.call(what, () => this.conn.metadata.delete(type, names), {
            write: true,
            idempotent: true,
            check: (answer) => {
              const list = asArray(answer as unknown as WireResult | WireResult[] | undefined);
              if (
                list.length !== names.length ||
                !list.every((r) => typeof r === 'object' && r !== null && 'success' in r)
              )
                throw unreadableAnswer(what, `${names.length} result(s) expected, ${list.length} found`);
            },
          }),
        // What a delete changes is what a write of the same components changes (readsChangedBy).
        { metadata: names.map((fullName) => ({ type, fullName })) },
      )) as unknown as WireResult | WireResult[],
    );
    return names.map((name, i): DeleteOutcome => {
      const r = results.find((x) => x.fullName?.toLowerCase() === name.toLowerCase()) ?? results[i];
      if (String(r.success) === 'true') return { success: true, gone: false };
      const errors = asArray(r.errors);
      if (isAbsentAnswer(errors[0]?.statusCode, errors[0]?.message)) return { success: true, gone: true };
      return {
        success: false,
        statusCode: errors[0]?.statusCode,
        message: errors.map((e) => e.message ?? e.statusCode ?? 'unknown error').join(' ') || 'unknown error',
      };
    });
  }

  /**
   * Deletes one record by id (REST), after what it was is kept for the backup; a record already gone is `gone`, and
   * Salesforce's refusal is the record's failure, as for deleteMetadata.
   */
  public async deleteRecord(sobject: string, name: string, current: CurrentState): Promise<DeleteOutcome> {
    if (!current.exists || !current.id) return { success: true, gone: true };
    const id = current.id;
    this.rememberPrevious(sobject, name, current);
    try {
      const res = await this.write(
        () =>
          this.call(`delete ${sobject}`, () => this.conn.sobject(sobject).destroy(id), {
            write: true,
            idempotent: true,
            check: saveResultCheck(`delete ${sobject}`),
          }),
        { sobject },
      );
      if (res.success) return { success: true, gone: false };
      const errors = asArray((res as { errors?: WireError | WireError[] }).errors);
      if (isAbsentAnswer(errors[0]?.statusCode, errors[0]?.message)) return { success: true, gone: true };
      return recordFailure(errors, []) as DeleteOutcome;
    } catch (error) {
      const data = (error as SfError<{ errorCode?: string; fault?: string }>).data;
      if (isAbsentAnswer(data?.errorCode, (error as Error).message)) return { success: true, gone: true };
      if (data?.fault !== 'refused' && data?.fault !== 'permission') throw error;
      return {
        success: false,
        statusCode: data.errorCode,
        message: messages.getMessage('detail.Refusal', [(error as Error).message]),
      };
    }
  }

  /**
   * The components of some metadata types (listMetadata, at most 3 types a call, calls in parallel), remembered for
   * the run like every read. A type the org does not have faults: the SfError carries the platform's code.
   */
  public async listMetadata(types: readonly string[]): Promise<ListedComponent[]> {
    const lists = await Promise.all(
      chunk([...types], LIST_METADATA_QUERIES).map((batch) =>
        this.remember(listKey(batch), () =>
          this.call(`listMetadata ${batch.join(', ')}`, async () => {
            const listed = asArray(
              (await this.conn.metadata.list(batch.map((type) => ({ type })))) as unknown as
                | ListedComponent
                | ListedComponent[],
            );
            return listed
              .filter((c) => c?.fullName)
              .map((c) => ({ type: String(c.type), fullName: String(c.fullName) }));
          }),
        ),
      ),
    );
    return lists.flat();
  }

  /** Current state of records, one query per record (records of a step are few). */
  public async readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return Promise.all(
      components.map(async (c) => {
        const soql = recordQuery(c);
        const rows = await this.query<Record<string, unknown>>(soql);
        if (rows.length === 0) return { exists: false } as const;
        if (rows.length > 1) throw messages.createError('error.AmbiguousRecord', [c.sobject, soql.split(' WHERE ')[1]]);
        const { Id, attributes, ...fields } = rows[0];
        void attributes;
        return { exists: true, id: String(Id), fields: fields as Fields } as const;
      }),
    );
  }

  /** Creates a record, or updates the changed fields of an existing one. */
  public async upsertRecord(component: RecordComponent, current: CurrentState): Promise<WriteOutcome> {
    const secrets = secretsIn(component.fields);
    try {
      const sobject = this.conn.sobject(component.sobject);
      if (current.exists) {
        this.rememberPrevious(component.sobject, component.name, current);
        const fields = omitPaths(component.fields, [
          ...writeOnceFields(component.sobject),
          ...(component.createOnlyFields ?? []),
        ]);
        const res = await this.write(
          () =>
            this.call(
              `update ${component.sobject}`,
              () => sobject.update({ Id: current.id ?? '', ...(toPlain(fields) as object) }),
              { secrets, write: true, check: saveResultCheck(`update ${component.sobject}`) },
            ),
          { sobject: component.sobject },
        );
        return res.success ? { success: true, created: false } : recordFailure(res.errors, secrets);
      }
      const res = await this.write(
        () =>
          this.call(
            `create ${component.sobject}`,
            () => sobject.create({ ...component.match, ...(toPlain(component.fields) as object) }),
            { secrets, write: true, check: saveResultCheck(`create ${component.sobject}`) },
          ),
        { sobject: component.sobject },
      );
      return res.success ? { success: true, created: true } : recordFailure(res.errors, secrets);
    } catch (error) {
      // Salesforce's refusal of this record is the component's failure; a broken call is the run's.
      const data = (error as SfError<{ errorCode?: string; fault?: string }>).data;
      if (data?.fault !== 'refused' && data?.fault !== 'permission') throw error;
      return {
        success: false,
        statusCode: data.errorCode,
        message: messages.getMessage('detail.Refusal', [(error as Error).message]),
      };
    }
  }

  /**
   * A GET on the REST API below `/services/data/vXX.X` (Connect REST resources such as `/apps/oauth/usage`),
   * at `minVersion` at least: some resources exist only from a version on.
   */
  public async restGet<T>(path: string, minVersion = 0): Promise<T> {
    const url = this.restUrl(path, minVersion);
    return this.remember(`GET ${url}`, () =>
      this.call(`GET ${path.split('?')[0]}`, () => this.conn.request<T>(url), { transportRetries: true }),
    );
  }

  private restUrl(path: string, minVersion = 0): string {
    const version = Math.max(Number(this.conn.getApiVersion()), minVersion).toFixed(1);
    return `/services/data/v${version}${path}`;
  }

  /** Runs anonymous Apex through the Tooling API (executeAnonymous); the answer as Salesforce gives it. */
  public async executeAnonymous(apex: string): Promise<AnonymousApexResult> {
    return this.call('executeAnonymous', async () => await this.conn.tooling.executeAnonymous(apex), {
      transportRetries: true,
    });
  }

  public async query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.remember(queryKey(soql), () => this.directQuery<T>(soql));
  }

  private async directQuery<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    const res = await this.call('query', async () => this.conn.query<T>(soql, { autoFetch: true }), {
      transportRetries: true,
      check: (answer) => {
        if (!isQueryResult(answer)) throw unreadableAnswer('query', 'no query result');
      },
    });
    return res.records;
  }

  /**
   * The read phase: `declare` runs the steps' read declarations against a planning reader, which answers what this
   * run already knows and notes the rest; all that is noted is sent at once (prefetch), and the declarations run again
   * with the answers, so reads that need an earlier answer go in the next round. It ends when a round notes nothing
   * new (or after `maxRounds`). It never fails: a read that failed here is asked again (or its refusal remembered) when
   * the step itself reads, which reports it as it always did.
   */
  public async readPhase(declare: DeclareReads, maxRounds = 6): Promise<void> {
    const tried = new Set<string>();
    for (let round = 0; round < maxRounds && !this.#interrupted; round++) {
      const noted = new Map<string, ReadRequest>();
      await declare(this.planningReader(noted, tried)).catch(() => undefined);
      if (noted.size === 0) return;
      for (const key of noted.keys()) tried.add(key);
      await this.prefetch([...noted.values()]);
    }
  }

  /**
   * Sends these reads at once, in parallel: one readMetadata per type with up to ten names, the queries through the
   * Composite API (up to five query subrequests a call, calls in parallel), listMetadata and REST GETs as themselves.
   * Each answer is remembered under the key the ordinary read uses. Never fails (see readPhase).
   */
  public async prefetch(requests: readonly ReadRequest[]): Promise<void> {
    const metadata = new Map<string, MetadataComponent>();
    const queries = new Set<string>();
    const reads: Array<Promise<unknown>> = [];
    for (const r of requests) {
      if (r.kind === 'metadata' && !this.#reads.has(metadataKey(r.type, r.fullName)))
        metadata.set(metadataKey(r.type, r.fullName), {
          kind: 'metadata',
          type: r.type,
          fullName: r.fullName,
          label: r.fullName,
          fields: {},
        });
      else if (r.kind === 'query' && !this.#reads.has(queryKey(r.soql))) queries.add(r.soql);
      else if (r.kind === 'list') reads.push(this.listMetadata(r.types));
      else if (r.kind === 'rest') reads.push(this.restGet(r.path, r.minVersion));
    }
    if (metadata.size) reads.push(this.readMetadata([...metadata.values()]));
    for (const batch of chunk([...queries], COMPOSITE_MAX_QUERIES))
      reads.push(batch.length === 1 ? this.query(batch[0]) : this.compositeQueries(batch));
    await Promise.allSettled(reads);
  }

  /**
   * Queries in one Composite API call (`allOrNone: false`: each subrequest answers on its own), each remembered under
   * its own key. A subrequest answer is checked as a direct query's answer is: a failed one is that query's error, in
   * Salesforce's words; one whose body is no query result is unreadable, never "absent". A result with more batches
   * to fetch (done false) is fetched as an ordinary query.
   */
  private compositeQueries(soqls: readonly string[]): Promise<unknown> {
    const version = Number(this.conn.getApiVersion()).toFixed(1);
    const request = {
      allOrNone: false,
      compositeRequest: soqls.map((soql, i) => ({
        method: 'GET',
        url: `/services/data/v${version}/query?q=${encodeURIComponent(soql)}`,
        referenceId: `query${i}`,
      })),
    };
    const what = 'composite query';
    const answer = this.call(
      what,
      () =>
        this.conn.request<{ compositeResponse?: CompositeResult[] }>({
          method: 'POST',
          url: `/services/data/v${version}/composite`,
          body: JSON.stringify(request),
          headers: { 'content-type': 'application/json' },
        }),
      {
        check: (res) => {
          const list = (res as { compositeResponse?: unknown } | undefined)?.compositeResponse;
          if (!Array.isArray(list) || list.length !== soqls.length)
            throw unreadableAnswer(what, `${soqls.length} subrequest result(s) expected`);
        },
      },
    );
    return Promise.allSettled(
      soqls.map((soql, i) =>
        this.remember(
          queryKey(soql),
          answer.then(async (res) => {
            const sub = res.compositeResponse?.find((r) => r.referenceId === `query${i}`);
            const status = typeof sub?.httpStatusCode === 'number' ? sub.httpStatusCode : 0;
            if (status >= 400) {
              const errors = asArray(sub?.body as RestError | RestError[] | undefined);
              const error = Object.assign(new Error(errors.map((e) => e.message).join(' ') || `HTTP ${status}`), {
                name: errors[0]?.errorCode ?? `ERROR_HTTP_${status}`,
                errorCode: errors[0]?.errorCode ?? `ERROR_HTTP_${status}`,
              });
              throw this.faultOf('query', error);
            }
            if (status !== 200 || !isQueryResult(sub?.body))
              throw this.faultOf('query', unreadableAnswer('query', 'no query result in the composite answer'));
            const body = sub?.body as { records: unknown[]; done?: unknown };
            if (body.done === false) return this.directQuery(soql);
            return body.records;
          }),
        ),
      ),
    );
  }

  /**
   * A reader for declarations: what this run knows is answered; what it does not know is noted in `noted` and
   * rejects with NotKnownYet. A read already tried in this phase whose answer was not kept (it failed) is not noted
   * again: the step asks for it itself.
   */
  private planningReader(noted: Map<string, ReadRequest>, tried: ReadonlySet<string>): OrgReads {
    const lookup = <T>(key: string, request: ReadRequest): Promise<T> => {
      const known = this.#reads.get(key) as Promise<T> | undefined;
      if (known) return known;
      if (!tried.has(key)) noted.set(key, request);
      return Promise.reject(new NotKnownYet(key));
    };
    const reader: OrgReads = {
      readMetadata: (components) =>
        Promise.all(
          components.map((c) =>
            lookup<CurrentState>(metadataKey(c.type, c.fullName), {
              kind: 'metadata',
              type: c.type,
              fullName: c.fullName,
            }),
          ),
        ),
      query: <T extends Record<string, unknown>>(soql: string) => lookup<T[]>(queryKey(soql), { kind: 'query', soql }),
      readRecords: (components) =>
        Promise.all(
          components.map(async (c) => {
            const soql = recordQuery(c);
            const rows = await reader.query(soql);
            return rows.length === 1 ? ({ exists: true, fields: {} } as const) : ({ exists: false } as const);
          }),
        ),
      listMetadata: async (types) =>
        (
          await Promise.all(
            chunk([...types], LIST_METADATA_QUERIES).map((batch) =>
              lookup<ListedComponent[]>(listKey(batch), { kind: 'list', types: batch }),
            ),
          )
        ).flat(),
      restGet: <T>(path: string, minVersion = 0) =>
        lookup<T>(`GET ${this.restUrl(path, minVersion)}`, { kind: 'rest', path, minVersion }),
    };
    return reader;
  }

  private rememberPrevious(type: string, name: string, current: CurrentState): void {
    if (!current.exists) return;
    this.#previous.push({
      type,
      name,
      ...(current.id ? { id: current.id } : {}),
      fields: omitPaths(current.fields, fieldsLeftOutOfBackups(type)),
    });
  }

  /** What every update of this run replaced, for a backup the admin can go back to. */
  public previousVersions(): readonly PreviousVersion[] {
    return this.#previous;
  }

  /** The answer of a read already asked in this run, else asks it (once: a read in flight is shared). */
  private remember<T>(key: string, read: Promise<T> | (() => Promise<T>)): Promise<T> {
    const known = this.#reads.get(key) as Promise<T> | undefined;
    if (known) return known;
    const answer = typeof read === 'function' ? read() : read;
    this.#reads.set(key, answer);
    // A failed read is not remembered, a later attempt asks again; except Salesforce's refusal (a type the org does
    // not have, a permission the user lacks), which stays the answer for the run: asking again would be refused again.
    answer.catch((error: unknown) => {
      const fault = (error as SfError<{ fault?: string }>)?.data?.fault;
      if (fault !== 'refused' && fault !== 'permission' && this.#reads.get(key) === answer) this.#reads.delete(key);
    });
    return answer;
  }

  /**
   * A write: once it is done (or failed: it may have landed in part), the answers it may have changed are forgotten,
   * and only those. What each kept answer rests on: a metadata component is changed only by a write of itself (each
   * read is of one type and name), a listMetadata only by a write of one of its types, a query only by a write of an
   * sObject it reads or one the written metadata makes or changes (platform-rules readsChangedBy: a site makes its guest
   * user, profile and permission set; an app its OAuth consumer), a REST GET of the apps' OAuth credentials only by a
   * write of an app. A write of a type readsChangedBy does not know forgets everything.
   */
  private async write<T>(fn: () => Promise<T>, written: Written): Promise<T> {
    try {
      return await fn();
    } finally {
      this.forget(written);
    }
  }

  private forget(written: Written): void {
    const sobjects = new Set<string>();
    const restPrefixes: string[] = [];
    const metadataKeys = new Set<string>();
    const listedTypes = new Set<string>();
    if (written.sobject) for (const o of readsChangedBy({ sobject: written.sobject }) ?? []) sobjects.add(o);
    for (const c of written.metadata ?? []) {
      const changed = readsChangedBy({ metadataType: c.type });
      if (!changed) {
        this.#reads.clear();
        return;
      }
      metadataKeys.add(metadataKey(c.type, c.fullName));
      listedTypes.add(c.type);
      // A deploy of an External Client App may make parts of its own (a default policy): every part type's list changes.
      if (writtenByDeploy(c.type))
        for (const t of [EXTERNAL_CLIENT_APP_HEADER, ...EXTERNAL_CLIENT_APP_PARTS]) listedTypes.add(t);
      for (const o of changed)
        if (o.startsWith('/')) restPrefixes.push(o);
        else sobjects.add(o.toLowerCase());
    }
    for (const key of [...this.#reads.keys()]) {
      const drop = key.startsWith('readMetadata ')
        ? metadataKeys.has(key)
        : key.startsWith('listMetadata ')
          ? key
              .slice('listMetadata '.length)
              .split(',')
              .some((t) => listedTypes.has(t))
          : key.startsWith('query ')
            ? sobjectsOf(key).some((o) => sobjects.has(o))
            : key.startsWith('GET ')
              ? restPrefixes.some((p) => key.includes(p))
              : true;
      if (drop) this.#reads.delete(key);
    }
  }

  /** The SfError of a failed read that did not go through call() itself (a composite subrequest). */
  private faultOf(what: string, error: unknown): SfError {
    return faultError(what, classify(error), {
      write: false,
      attempts: 1,
      redactions: this.conn.accessToken ? [new Secret(this.conn.accessToken)] : [],
      instanceUrl: this.conn.instanceUrl,
      username: this.conn.getUsername(),
    });
  }

  /**
   * Runs one API call under the fault policy (fault-policy.ts): stops first if the run was interrupted; gives up
   * waiting after the call timeout; tries a read again on a fault that can pass; ends any other fault in an SfError
   * whose words and actions are its class's. The session id and the call's secrets never reach a message.
   */
  private async call<T>(what: string, fn: () => Promise<T>, options: CallOptions<T> = {}): Promise<T> {
    const retry = options.write && !options.idempotent ? { ...this.retry, attempts: 1 } : this.retry;
    const redactions = [
      ...(options.secrets ?? []),
      ...(this.conn.accessToken ? [new Secret(this.conn.accessToken)] : []),
    ];
    for (let attempt = 1; ; attempt++) {
      if (this.#interrupted)
        throw messages
          .createError('error.Interrupted', [what], [], EXIT.interrupted)
          .setData({ errorCode: 'INTERRUPTED' });
      try {
        const answer = await withTimeout(fn(), this.timeoutMs, what);
        options.check?.(answer);
        return answer;
      } catch (error) {
        const fault = classify(error);
        const retryable = options.transportRetries ? fault.class === 'unreadable' : isRetryable(fault);
        if (retryable && attempt < retry.attempts && !this.#interrupted) {
          await sleep(backoffMs(retry, attempt + 1));
          continue;
        }
        throw faultError(what, fault, {
          write: Boolean(options.write),
          attempts: attempt,
          redactions,
          instanceUrl: this.conn.instanceUrl,
          username: this.conn.getUsername(),
        });
      }
    }
  }

  /** Ctrl-C: the call in flight may finish; no new call starts (each then ends in an Interrupted error). */
  public interrupt(): void {
    this.#interrupted = true;
  }

  public get interrupted(): boolean {
    return this.#interrupted;
  }
}

type CallOptions<T> = {
  /** Secrets the call carries, kept out of every message. */
  secrets?: readonly Secret[];
  /** A write is never tried again: its answer may be lost while the write landed. */
  write?: boolean;
  /** A write whose repetition does no harm (a delete whose "not found" counts as done): tried again as a read is. */
  idempotent?: boolean;
  /**
   * A REST GET, which jsforce itself already tries again on a broken connection or a 5xx (with backoff): here only an
   * answer that could not be read is tried again.
   */
  transportRetries?: boolean;
  /** Throws UnreadableAnswerError when the answer is not a well-formed answer of the call. */
  check?: (answer: T) => void;
};

/** An answer that came back but is not what the call answers (an HTML page, an empty body, a wrong shape). */
export function unreadableAnswer(what: string, detail: string): Error {
  return Object.assign(new Error(`${what}: ${detail}`), { name: 'UnreadableAnswerError' });
}

type RestError = { errorCode?: string; message?: string };

/** A query result: records and their count (done and nextRecordsUrl when there are more batches). */
function isQueryResult(answer: unknown): boolean {
  const shape = answer as { records?: unknown; totalSize?: unknown } | undefined;
  return Array.isArray(shape?.records) && typeof shape?.totalSize === 'number';
}

/** A record's save result is `{ id, success, errors }`: anything else was not understood. */
const saveResultCheck =
  (what: string) =>
  (answer: unknown): void => {
    if (typeof (answer as { success?: unknown } | undefined)?.success !== 'boolean')
      throw unreadableAnswer(what, 'no save result');
  };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`no answer to ${what} within ${Math.round(ms / 1000)} s`), {
            name: 'CallTimeoutError',
          }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The SfError of a fault: its class's message and actions; a write's lost answer says its outcome is unknown. */
function faultError(
  what: string,
  fault: Fault,
  context: { write: boolean; attempts: number; redactions: readonly Secret[]; instanceUrl: string; username?: string },
): SfError {
  const text = redact(fault.message, context.redactions).slice(0, 500);
  const lost = context.write && ['connection', 'timeout', 'unreadable', 'server'].includes(fault.class);
  const key = lost ? 'error.WriteOutcomeUnknown' : FAULT_MESSAGE[fault.class];
  const tries = context.attempts > 1 ? messages.getMessage('detail.Tries', [context.attempts]) : '';
  const error = messages.createError(key, [what, text, tries], [context.instanceUrl, context.username ?? '<username>']);
  // The platform's code stays on the error (data.errorCode) so a caller can tell e.g. INVALID_TYPE from a refusal.
  return error.setData({ errorCode: fault.code, fault: fault.class });
}

const FAULT_MESSAGE: Record<Fault['class'], string> = {
  session: 'error.Session',
  'daily-limit': 'error.DailyLimit',
  'concurrent-limit': 'error.ConcurrentLimit',
  connection: 'error.Connection',
  timeout: 'error.Timeout',
  unreadable: 'error.Unreadable',
  server: 'error.Server',
  'headers-too-large': 'error.HeadersTooLarge',
  permission: 'error.Permission',
  refused: 'error.ApiCall',
};

function recordFailure(errors: unknown, secrets: ReturnType<typeof secretsIn>): WriteOutcome {
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
