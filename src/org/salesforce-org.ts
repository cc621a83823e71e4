import type { Connection, Org } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { CurrentState, MetadataComponent, RecordComponent } from '../model/component.js';
import { CallPolicy } from './call-policy.js';
import type { RetryPolicy } from './fault-policy.js';
import { Journal } from './journal.js';
import { MetadataCalls } from './metadata-calls.js';
import type {
  AnonymousApexResult,
  CheckOutcome,
  DeclareReads,
  DeleteOutcome,
  DeployItem,
  DeployOptions,
  DestroyItem,
  KnownFacts,
  ListedComponent,
  OrgFacts,
  OrgPort,
  PreviousVersion,
  ReadOptions,
  RestWriteMethod,
  UserInfo,
  WriteOutcome,
} from './port.js';
import { ReadCache } from './read-cache.js';
import { ReadPhase } from './read-phase.js';
import type { ReadRequest } from './read-plan.js';
import { RecordCalls } from './record-calls.js';
import { RestCalls } from './rest-calls.js';
import { userWithLocaleQuery } from './users.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * The org behind a connection: the only code that talks to Salesforce. It composes the calls of each API (metadata,
 * records, REST), the run's read cache and read phase, the journal of previous versions, and the one call policy
 * every call of every kind runs under (faults, retries, timeouts, Ctrl-C).
 */
export class SalesforceOrg implements OrgPort {
  #facts?: Promise<OrgFacts>;
  readonly #policy: CallPolicy;
  readonly #journal = new Journal();
  readonly #metadata: MetadataCalls;
  readonly #records: RecordCalls;
  readonly #rest: RestCalls;
  readonly #readPhase: ReadPhase;
  readonly #cache = new ReadCache();

  /** Where a deploy's progress goes while it is polled (a spinner's status), when anyone listens. */
  public onDeployStatus?: (status: string) => void;

  public constructor(
    private readonly conn: Connection,
    private readonly org?: Org,
    options: { retry?: RetryPolicy; timeoutMs?: number } = {},
  ) {
    const cache = this.#cache;
    this.#policy = new CallPolicy(conn, options);
    this.#rest = new RestCalls(conn, this.#policy, cache);
    this.#metadata = new MetadataCalls(conn, this.#policy, cache, this.#journal, (s) => this.onDeployStatus?.(s));
    this.#records = new RecordCalls(conn, this.#policy, cache, this.#journal, this.#rest);
    this.#readPhase = new ReadPhase(conn, this.#policy, cache, this.#metadata, this.#rest);
  }

  /** The API version this connection speaks, e.g. "66.0". */
  public get apiVersion(): string {
    return this.conn.getApiVersion();
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
    const user = await this.query<{ Id: string }>(userWithLocaleQuery(known.username));
    return { ...known, userId: user[0]?.Id ?? this.conn.getAuthInfoFields().userId ?? '' };
  }

  /** The read phase, the facts' own read among its first round's queries. */
  public readPhase(declare: DeclareReads, maxRounds?: number): Promise<void> {
    return this.#readPhase.run(
      (reader) => Promise.allSettled([declare(reader), reader.query(userWithLocaleQuery(this.knownFacts().username))]),
      maxRounds,
    );
  }

  /** Sends these reads at once (the read phase's round), each answer remembered for the run. */
  public prefetch(requests: readonly ReadRequest[]): Promise<void> {
    return this.#readPhase.prefetch(requests);
  }

  public readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    return this.#metadata.readMetadata(components);
  }

  public listMetadata(types: readonly string[]): Promise<ListedComponent[]> {
    return this.#metadata.listMetadata(types);
  }

  public readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return this.#records.readRecords(components);
  }

  public query<T extends Record<string, unknown>>(soql: string, options?: ReadOptions): Promise<T[]> {
    return this.#rest.query<T>(soql, options);
  }

  public restGet<T>(path: string, minVersion?: number, options?: ReadOptions): Promise<T> {
    return this.#rest.restGet<T>(path, minVersion, options);
  }

  public userInfo(): Promise<UserInfo> {
    return this.#rest.userInfo();
  }

  public upsertMetadata(type: string, items: readonly DeployItem[]): Promise<WriteOutcome[]> {
    return this.#metadata.upsertMetadata(type, items);
  }

  public upsertRecord(component: RecordComponent, current: CurrentState): Promise<WriteOutcome> {
    return this.#records.upsertRecord(component, current);
  }

  public deployMetadata(
    items: readonly DeployItem[],
    options?: Omit<DeployOptions, 'onStatus'>,
  ): Promise<WriteOutcome[]> {
    return this.#metadata.deployMetadata(items, options);
  }

  public validateMetadata(
    items: readonly DeployItem[],
    options?: Omit<DeployOptions, 'onStatus'>,
  ): Promise<{ deployId?: string; outcomes: CheckOutcome[] }> {
    return this.#metadata.validateMetadata(items, options);
  }

  public deleteMetadata(
    type: string,
    items: ReadonlyArray<{ fullName: string; current: CurrentState }>,
  ): Promise<DeleteOutcome[]> {
    return this.#metadata.deleteMetadata(type, items);
  }

  public deleteByDeploy(
    items: readonly DestroyItem[],
    options?: Omit<DeployOptions, 'onStatus'>,
  ): Promise<DeleteOutcome[]> {
    return this.#metadata.deleteByDeploy(items, options);
  }

  public deleteRecord(sobject: string, name: string, current: CurrentState): Promise<DeleteOutcome> {
    return this.#records.deleteRecord(sobject, name, current);
  }

  public executeAnonymous(apex: string, options?: { fresh?: boolean }): Promise<AnonymousApexResult> {
    return this.#rest.executeAnonymous(apex, options);
  }

  public restSend<T>(
    method: RestWriteMethod,
    path: string,
    body?: unknown,
    minVersion?: number,
  ): Promise<T | undefined> {
    return this.#rest.restSend<T>(method, path, body, minVersion);
  }

  public forgetReads(): void {
    this.#cache.clear();
  }

  public previousVersions(): readonly PreviousVersion[] {
    return this.#journal.previousVersions();
  }

  public interrupt(): void {
    this.#policy.interrupt();
  }

  public get interrupted(): boolean {
    return this.#policy.interrupted;
  }
}
