import type { Duration } from '@salesforce/kit';
import type { Secret } from '../model/secret.js';
import type { CurrentState, Fields, MetadataComponent, RecordComponent } from '../model/component.js';

/**
 * The org as the layers above `org/` see it: reads (each asked once a run), the read phase, writes, deploys and
 * deletes, each answered per component. Two implementations: the connection-backed org (org/salesforce-org.ts) and
 * the org an export is planned against when there is none (org/offline-org.ts). Nothing above `org/` names either.
 */

/** The outcome of writing one component. */
export type WriteOutcome =
  /** id: the component's id, where the write's answer names it (a deploy does). */
  | { success: true; created: boolean; id?: string }
  /** notSaved: the component was fine, but the write it was part of (a deploy) was rolled back as a whole. */
  | { success: false; message: string; statusCode?: string; notSaved?: boolean };

/**
 * The outcome of deleting one component or record: `gone` when the org no longer had it (deleted meanwhile, or by an
 * earlier attempt whose answer was lost): the delete's purpose is met, so it is no failure.
 */
export type DeleteOutcome = { success: true; gone: boolean } | { success: false; message: string; statusCode?: string };

/** A component as listMetadata names it: when it was last changed too, where the org says (a Save in Setup moves it). */
export type ListedComponent = { type: string; fullName: string; lastModifiedDate?: string };

/** A REST write: POST, PATCH or DELETE. */
export type RestWriteMethod = 'POST' | 'PATCH' | 'DELETE';

/** A component as it was before this run updated it (write-once and secret fields never kept). */
export type PreviousVersion = {
  type: string;
  name: string;
  id?: string;
  fields: Fields;
  /** Credentials the backup keeps out of sight (sealed when written), by field path: a consumer key an update replaces. */
  sealed?: Record<string, Secret>;
};

/** Facts about the org that desired states are computed from. */
export type OrgFacts = {
  orgId: string;
  /** `https://<My Domain host>` without a trailing slash: the base of every callback URL. */
  myDomainUrl: string;
  userId: string;
  username: string;
};

/** The facts known without asking the org (from the connection): what read declarations may depend on. */
export type KnownFacts = Omit<OrgFacts, 'userId'>;

/** Tooling API executeAnonymous: compiled or not, then ran or not (line and column of the problem, -1 when none). */
export type AnonymousApexResult = {
  line: number;
  column: number;
  compiled: boolean;
  compileProblem: string | null;
  success: boolean;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
};

/** A component to deploy, with what the org has of it (an update sends the merged payload). */
export type DeployItem = { component: MetadataComponent; current: CurrentState };

/** A component to delete by a destructive-changes deploy, with what the org has of it (for the backup). */
export type DestroyItem = { type: string; fullName: string; current: CurrentState };

export type DeployOptions = {
  /** Called with a line of progress at every poll (the spinner's status). */
  onStatus?: (status: string) => void;
  /** How long to poll before giving the admin the deploy's ID to look it up (default: orgTimings().deployWaitMs). */
  timeout?: Duration;
};

/** What Salesforce says of one component in a check-only deploy. */
export type CheckOutcome =
  | { status: 'accepted' }
  | { status: 'refused'; message: string; statusCode?: string }
  /** Neither accepted nor refused by name: the deploy failed as a whole (its reason), or did not list it. */
  | { status: 'not-validated'; message: string };

/** How to read: `fresh` asks the org again rather than taking this run's answer (a state that changes by itself). */
export type ReadOptions = { fresh?: boolean };

/** What the org says of its running user's session (OAuth userinfo). */
export type UserInfo = {
  /** The org's My Domain URL (`urls.custom_domain`), when the answer names it. */
  myDomainUrl?: string;
};

/** The reads a step (or any user of the org layer) makes: the read helpers in src/org take this. */
export type OrgReads = {
  /** The API version reads speak, e.g. "66.0". */
  readonly apiVersion: string;
  /** Current state of metadata components (batched by type, ≤10 names a call). */
  readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]>;
  /** Current state of records, by their match fields. */
  readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]>;
  /** The components of some metadata types. */
  listMetadata(types: readonly string[]): Promise<ListedComponent[]>;
  /**
   * A GET below `/services/data/vXX.X` (Connect REST) at this run's API version; a resource that exists only from
   * `minVersion` on is an SfError before any call when the run speaks an earlier one.
   */
  restGet<T>(path: string, minVersion?: number, options?: ReadOptions): Promise<T>;
  query<T extends Record<string, unknown>>(soql: string, options?: ReadOptions): Promise<T[]>;
  /** The running user's OAuth userinfo (`/services/oauth2/userinfo`), read once a run. */
  userInfo(): Promise<UserInfo>;
  /**
   * Read-only anonymous Apex through the Tooling API (a callout through a named credential), answered once a run like
   * every read, until a write it depends on; `fresh` asks again (a wait for what a person does meanwhile).
   */
  executeAnonymous(apex: string, options?: ReadOptions): Promise<AnonymousApexResult>;
};

/**
 * A declaration of reads: it runs the same read helpers a step's `execute` runs, against a planning reader that
 * answers what is already known and notes what is not (see read-plan.ts).
 */
export type DeclareReads = (reader: OrgReads) => Promise<unknown>;

/** The org: reads, the read phase, writes, deploys and deletes, and what a run must know of itself. */
export type OrgPort = OrgReads & {
  /** The org id, My Domain and username, known without a request. */
  knownFacts(): KnownFacts;
  /** The known facts and the running user's id (one query, read once). */
  facts(): Promise<OrgFacts>;
  /** Sends what `declare` reads in as few round trips as its dependencies allow; never fails. */
  readPhase(declare: DeclareReads, maxRounds?: number): Promise<void>;

  /** Creates or updates components of one type in one call (≤10), each merged with what the org has. */
  upsertMetadata(
    type: string,
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]>;
  /** Creates a record, or updates the changed fields of an existing one. */
  upsertRecord(component: RecordComponent, current: CurrentState): Promise<WriteOutcome>;
  /** Writes components the platform takes only by deploy, in one deploy, all or nothing. */
  deployMetadata(items: readonly DeployItem[], options?: Omit<DeployOptions, 'onStatus'>): Promise<WriteOutcome[]>;
  /** One check-only deploy: Salesforce validates every component and saves nothing. */
  validateMetadata(
    items: readonly DeployItem[],
    options?: Omit<DeployOptions, 'onStatus'>,
  ): Promise<{ deployId?: string; outcomes: CheckOutcome[] }>;
  /** Deletes components of one type in one call (≤10); a name the org does not have is `gone`. */
  deleteMetadata(
    type: string,
    items: ReadonlyArray<{ fullName: string; current: CurrentState }>,
  ): Promise<DeleteOutcome[]>;
  /**
   * Deletes components the platform removes only by a destructive-changes deploy (the External Client App family), in
   * ONE deploy, all or nothing; a name the org no longer has (taken with its app, or deleted meanwhile) is `gone`.
   */
  deleteByDeploy(items: readonly DestroyItem[], options?: Omit<DeployOptions, 'onStatus'>): Promise<DeleteOutcome[]>;
  /** Deletes one record by id; a record already gone is `gone`. */
  deleteRecord(sobject: string, name: string, current: CurrentState): Promise<DeleteOutcome>;
  /**
   * A write to a REST resource below `/services/data/vXX.X` (Connect REST, e.g. staged OAuth credentials), at
   * `minVersion` at least; never sent twice (its answer may be lost while it landed). The answer, or undefined for 204.
   */
  restSend<T>(method: RestWriteMethod, path: string, body?: unknown, minVersion?: number): Promise<T | undefined>;
  /** Forgets every answer this run read: what a person changed meanwhile (a wait for a person's step) is read again. */
  forgetReads(): void;

  /** What every update of this run replaced, for a backup the admin can go back to. */
  previousVersions(): readonly PreviousVersion[];
  /** Where a deploy's progress goes while it is polled (a spinner's status), when anyone listens. */
  onDeployStatus?: (status: string) => void;
  /** Ctrl-C or SIGTERM: the call in flight may finish; no new call starts. */
  interrupt(): void;
  readonly interrupted: boolean;
};
