import type { Connection } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';
import { mergeFields, omitPaths, secretsIn } from '../model/fields.js';
import { redact } from '../model/secret.js';
import type { CurrentState, Fields, MetadataComponent } from '../model/component.js';
import { asArray, isAbsentAnswer, unreadableAnswer, wireErrors, wireResultsCheck, type WireResult } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import { Coalescer } from './coalescer.js';
import type { Journal } from './journal.js';
import { fromWire, toWire } from './metadata-codec.js';
import { payloadFields } from './payload.js';
import {
  inBatches,
  LIST_METADATA_QUERIES,
  generatedOnCreate,
  METADATA_BATCH_SIZE,
  requireApiVersionFor,
  writeOnceFields,
  writtenByDeploy,
} from './platform-rules.js';
import type {
  CheckOutcome,
  DeleteOutcome,
  DeployItem,
  DeployOptions,
  DestroyItem,
  ListedComponent,
  WriteOutcome,
} from './port.js';
import { readKey, type ReadCache } from './read-cache.js';
import { sentUntilUnlocked } from './admin-lock.js';
import { orgTimings } from './timings.js';
import { externalClientAppIdQuery } from './credentials.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

type MetadataType = Parameters<Connection['metadata']['read']>[0];

/**
 * The Metadata API's calls: CRUD through jsforce and the deploys through source-deploy-retrieve. Reads are batched
 * (≤10 names per readMetadata, one type per call, types in parallel); every per-component result of a write is
 * checked, since the Metadata API answers HTTP 200 for a component it refused.
 */
export class MetadataCalls {
  #mayDeploy = false;
  /**
   * This run's deploys still running. Salesforce locks the org's administration setup while a deploy runs and refuses a
   * setup change sent meanwhile ("Admin operation already in progress"): a CRUD write waits for them.
   */
  readonly #deploys = new Set<Promise<unknown>>();
  readonly #upserts = new Coalescer<DeployItem, WriteOutcome>(METADATA_BATCH_SIZE, (type, items) =>
    this.sendUpsert(type, items),
  );

  public constructor(
    private readonly conn: Connection,
    private readonly policy: CallPolicy,
    private readonly cache: ReadCache,
    private readonly journal: Journal,
    /** Where a deploy's progress goes while it is polled. */
    private readonly onDeployStatus: (status: string) => void,
  ) {}

  /**
   * Current state of metadata components, batched by type (≤10 names a call, types in parallel). Each component
   * is read once per run: a later read of the same name takes the answer already had, until a write.
   */
  public async readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    const byType = new Map<string, Set<string>>();
    for (const c of components) {
      if (this.cache.has(readKey.metadata(c.type, c.fullName))) continue;
      byType.set(c.type, (byType.get(c.type) ?? new Set()).add(c.fullName));
    }
    for (const [type, names] of byType)
      for (const batch of inBatches([...names], METADATA_BATCH_SIZE)) this.readBatch(type, batch);
    return Promise.all(
      components.map(
        (c) => this.cache.get<CurrentState>(readKey.metadata(c.type, c.fullName)) as Promise<CurrentState>,
      ),
    );
  }

  /** One readMetadata call, each name's answer remembered under its own key (a type of a later API version: none). */
  private readBatch(type: string, batch: string[]): void {
    if (writtenByDeploy(type)) this.#mayDeploy = true;
    const what = `readMetadata ${type}`;
    const tooNew = this.versionShortfall('readMetadata', [type]);
    const read = tooNew
      ? Promise.reject(tooNew)
      : this.policy
          .run('read', what, () => this.conn.metadata.read(type as MetadataType, batch), {
            // Salesforce answers one record per name asked, an empty one for a name it does not have: anything else
            // (an HTML page, an empty body) was not understood, and is never taken for "absent".
            check: (records) => {
              const list = asArray(records as unknown as unknown[] | undefined);
              if (list.length !== batch.length || !list.every((r) => typeof r === 'object' && r !== null)) {
                throw unreadableAnswer(what, `${batch.length} record(s) expected, ${list.length} found`);
              }
            },
          })
          .then((records) => {
            const found = new Map<string, Fields>();
            for (const raw of asArray(records as unknown as Array<Record<string, unknown>>)) {
              const fullName = raw?.fullName;
              if (typeof fullName === 'string' && fullName) found.set(fullName, fromWire(type, raw));
            }
            return found;
          });
    for (const name of batch) {
      void this.cache.remember(
        readKey.metadata(type, name),
        read.then((found): CurrentState => {
          const fields = found.get(name);
          return fields ? { exists: true, fields } : { exists: false };
        }),
      );
    }
  }

  /** The SfError of a call of types this run's API version does not have yet, if any (nothing is sent then). */
  private versionShortfall(what: string, types: Iterable<string>): SfError | undefined {
    try {
      requireApiVersionFor(what, types, this.conn.getApiVersion());
      return undefined;
    } catch (error) {
      return error as SfError;
    }
  }

  /**
   * Creates or updates components of one type in one call (≤10). An update sends the org's current
   * fields with the desired ones laid over them, so settings the admin made and the guide does not
   * name survive; write-once and read-only fields never go back. Upserts of the same type asked for in the same turn
   * (independent steps at the same level) go in one call together.
   */
  public async upsertMetadata(type: string, items: readonly DeployItem[]): Promise<WriteOutcome[]> {
    if (items.length > METADATA_BATCH_SIZE) throw new SfError(`At most ${METADATA_BATCH_SIZE} components per call.`);
    const release = this.cache.announce({
      metadata: items.map(({ component }) => ({ type, fullName: component.fullName })),
    });
    try {
      return await this.#upserts.enqueue(type, items);
    } finally {
      release();
    }
  }

  /** One upsertMetadata call; what each component saved is taken as its new state (nothing is read back). */
  private async sendUpsert(type: string, items: readonly DeployItem[]): Promise<WriteOutcome[]> {
    // A run that looked at types only a deploy writes and now writes may deploy next: the deploy module (the source
    // deploy library, slow to load) loads while this call is out, not after it.
    if (this.#mayDeploy)
      void import('./deploy.js').then(async ({ deployLibrary }) => deployLibrary()).catch(() => undefined);
    await this.afterDeploys();
    for (const { component, current } of items) this.journal.keep(type, component.fullName, current);
    return sentUntilUnlocked(items, (batch) => this.upsertOnce(type, batch), orgTimings().adminLockWaitsMs);
  }

  private async upsertOnce(type: string, items: readonly DeployItem[]): Promise<WriteOutcome[]> {
    const payload = items.map(({ component, current }) => ({
      fullName: component.fullName,
      ...toWire(type, payloadFields(type, component, current)),
    }));
    const secrets = items.flatMap(({ component }) => secretsIn(component.fields));
    const what = `upsertMetadata ${type}`;
    const results = asArray(
      (await this.cache.write(
        () =>
          this.policy.run('write', what, () => this.conn.metadata.upsert(type, payload), {
            secrets,
            check: wireResultsCheck(what, payload.length),
          }),
        { metadata: items.map(({ component }) => ({ type, fullName: component.fullName })) },
      )) as unknown as WireResult | WireResult[],
    );
    return items.map((item, i): WriteOutcome => {
      const { component } = item;
      const r = results.find((x) => x.fullName === component.fullName) ?? results[i];
      if (!r) return { success: false, message: messages.getMessage('error.NoResult', [component.fullName]) };
      if (String(r.success) !== 'true') {
        const { statusCode, text } = wireErrors(r.errors);
        return { success: false, statusCode, message: redact(text, secrets) };
      }
      this.learnSaved(item);
      return { success: true, created: String(r.created) === 'true' };
    });
  }

  /**
   * A component the org answered it saved: what was sent, over what it had, is what it has now; its write-once fields
   * aside (the org never answers them as they were sent). A new one of a type the org fills in (generatedOnCreate) is
   * read again where it is needed.
   */
  private learnSaved({ component, current }: DeployItem): void {
    if (!current.exists && generatedOnCreate(component.type).length > 0) return;
    const sent = omitPaths(payloadFields(component.type, component, current), writeOnceFields(component.type));
    const fields = current.exists ? mergeFields(current.fields, sent) : sent;
    this.cache.learn(readKey.metadata(component.type, component.fullName), { exists: true, fields });
  }

  /**
   * A new External Client App's id as the deploy answered it (DeployMessage.id, the id of the component deployed): the
   * id the credentials resources take, so that no query has to find it after the deploy.
   */
  private learnAppId({ component }: DeployItem, outcome: WriteOutcome | undefined): void {
    // Only an id of the app's own kind (0xI…) is taken: anything else is left to the query that finds it.
    if (component.type !== 'ExternalClientApplication' || !outcome?.success || !/^0xI/.test(outcome.id ?? '')) return;
    this.cache.learn(readKey.query(externalClientAppIdQuery(component.fullName)), [{ Id: outcome.id }]);
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
    await this.afterDeploys();
    for (const { fullName, current } of items) this.journal.keep(type, fullName, current);
    const names = items.map((i) => i.fullName);
    return sentUntilUnlocked(names, (batch) => this.deleteOnce(type, batch), orgTimings().adminLockWaitsMs);
  }

  private async deleteOnce(type: string, names: readonly string[]): Promise<DeleteOutcome[]> {
    const what = `deleteMetadata ${type}`;
    const results = asArray(
      (await this.cache.write(
        () =>
          this.policy.run('delete', what, () => this.conn.metadata.delete(type, [...names]), {
            check: wireResultsCheck(what, names.length),
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
      const { statusCode, text } = wireErrors(errors);
      return { success: false, statusCode, message: text };
    });
  }

  /**
   * The components of some metadata types (listMetadata, at most 3 types a call, calls in parallel), remembered for
   * the run like every read. A type the org does not have faults: the SfError carries the platform's code.
   */
  public async listMetadata(types: readonly string[]): Promise<ListedComponent[]> {
    // Checked before the call, not inside it: a type too new is nothing sent, not a refusal by Salesforce.
    requireApiVersionFor('listMetadata', types, this.conn.getApiVersion());
    const lists = await Promise.all(
      inBatches([...types], LIST_METADATA_QUERIES).map((batch) =>
        this.cache.remember(readKey.list(batch), () =>
          this.policy.run('read', `listMetadata ${batch.join(', ')}`, async () => {
            const listed = asArray(
              (await this.conn.metadata.list(batch.map((type) => ({ type })))) as unknown as
                | ListedComponent
                | ListedComponent[],
            );
            return listed
              .filter((c) => c?.fullName)
              .map((c) => ({
                type: String(c.type),
                fullName: String(c.fullName),
                ...(c.lastModifiedDate ? { lastModifiedDate: String(c.lastModifiedDate) } : {}),
              }));
          }),
        ),
      ),
    );
    return lists.flat();
  }

  /**
   * Writes components that the platform takes only by deploy (platform-rules writtenByDeploy: the External Client App
   * family) in ONE Metadata API deploy, all or nothing, each merged with what the org has as upsertMetadata does.
   * Answers each component's outcome in Salesforce's words; a deploy still running when the wait is over is an
   * SfError with its ID and how to look it up.
   */
  public async deployMetadata(
    items: readonly DeployItem[],
    options: Omit<DeployOptions, 'onStatus'> = {},
  ): Promise<WriteOutcome[]> {
    const tooNew = this.versionShortfall(
      'deploy',
      items.map((i) => i.component.type),
    );
    if (tooNew) throw tooNew;
    for (const { component, current } of items) this.journal.keep(component.type, component.fullName, current);
    return this.deploying(async () => {
      const { deployComponents } = await import('./deploy.js');
      const outcomes = await this.cache.write(
        () => deployComponents(this.conn, this.policy, items, { ...options, onStatus: this.onDeployStatus }),
        { metadata: items.map(({ component }) => ({ type: component.type, fullName: component.fullName })) },
      );
      items.forEach((item, i) => outcomes[i]?.success && this.learnSaved(item));
      items.forEach((item, i) => this.learnAppId(item, outcomes[i]));
      return outcomes;
    });
  }

  /**
   * Deletes components the platform removes only by deploy (the External Client App family: deleteMetadata of them is
   * documented nowhere) in ONE destructive-changes deploy, each after what the org had was kept for the backup.
   */
  public async deleteByDeploy(
    items: readonly DestroyItem[],
    options: Omit<DeployOptions, 'onStatus'> = {},
  ): Promise<DeleteOutcome[]> {
    const tooNew = this.versionShortfall(
      'deploy (destructive changes)',
      items.map((i) => i.type),
    );
    if (tooNew) throw tooNew;
    for (const { type, fullName, current } of items) this.journal.keep(type, fullName, current);
    return this.deploying(async () => {
      const { destroyComponents } = await import('./deploy.js');
      return this.cache.write(
        () => destroyComponents(this.conn, this.policy, items, { ...options, onStatus: this.onDeployStatus }),
        { metadata: items.map(({ type, fullName }) => ({ type, fullName })) },
      );
    });
  }

  /**
   * Sends components to Salesforce in ONE check-only deploy (checkOnly, rollbackOnError), each as the merged payload a
   * real write sends: Salesforce validates them (dependencies within the deploy included) and saves nothing. Answers the
   * deploy's ID and each component's outcome in Salesforce's words; nothing the run read is forgotten (nothing changed).
   * A fault ends in an SfError as any call's does; Ctrl-C stops it before it starts.
   */
  public async validateMetadata(
    items: readonly DeployItem[],
    options: Omit<DeployOptions, 'onStatus'> = {},
  ): Promise<{ deployId?: string; outcomes: CheckOutcome[] }> {
    const tooNew = this.versionShortfall(
      'deploy (check only)',
      items.map((i) => i.component.type),
    );
    if (tooNew) throw tooNew;
    return this.deploying(async () => {
      const { checkComponents } = await import('./deploy.js');
      return checkComponents(this.conn, this.policy, items, { ...options, onStatus: this.onDeployStatus });
    });
  }

  /** A deploy of this run, known from the moment it is asked for until it ends (see #deploys). */
  private async deploying<T>(run: () => Promise<T>): Promise<T> {
    const deploy = run();
    this.#deploys.add(deploy);
    try {
      return await deploy;
    } finally {
      this.#deploys.delete(deploy);
    }
  }

  /** Once no deploy of this run is running: a setup change sent during one would be refused. */
  private async afterDeploys(): Promise<void> {
    while (this.#deploys.size > 0) await Promise.allSettled([...this.#deploys]);
  }
}
