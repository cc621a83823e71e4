/* Shared types of the simulated org. */
import type { IdFactory } from './ids.js';
import type { MetadataStore } from './metadata-store.js';
import type { RecordStore } from './records.js';

/** What a token was issued with: the auth provider's key and secret at the consent (tokens.ts). */
export type TokenGrant = { key?: string; secret?: string };

/** A staged OAuth credential of an External Client App's consumer (oauth-staged.ts). */
export type StagedCredential = {
  id: string;
  key: string;
  secret: string;
  state: 'Active' | 'Rotated';
  createdDate: string;
  expirationDate: string;
};

/** Org-wide settings a test can seed or flip at run time. Extend freely (keep defaults in DEFAULT_SETTINGS). */
export type SimSettings = {
  /** Since Spring '26 new Connected Apps cannot be created by default (FACTS §2). */
  connectedAppCreationAllowed: boolean;
  /** External Client App Settings: External Client Apps are on (new ones can be created). */
  externalClientAppsEnabled: boolean;
  /**
   * External Client App Settings: "Allow access to External Client App consumer secrets via REST API"
   * (ExternalClientAppSettings.enableClientSecretInRestApiAccess), off by default; an API user changes it only with a
   * settings deploy (rules/settings.ts). Off: every `/apps/oauth/credentials/**` request is refused (oauth-credentials.ts).
   */
  clientSecretInRestApiAccess: boolean;
  /** ExternalClientAppSettings' other fields, as a settings deploy left them (rules/settings.ts); absent: all off. */
  externalClientAppSettings?: Record<string, unknown>;
  /**
   * The org keeps a consumer secret of its own: a consumerSecret deployed in a new ExtlClntAppGlobalOauthSettings is
   * ignored and the org generates one (FACTS §5, a public report; default true, the stricter reading).
   */
  orgKeepsOwnConsumerSecret: boolean;
  /** The user may view External Client Apps (readMetadata/listMetadata of their types); false: sf:INSUFFICIENT_ACCESS. */
  userCanViewExternalClientApps: boolean;
  /**
   * The OAuth settings types' special access rules are met: the org setting "Allow Access to OAuth Consumer Secrets via
   * Metadata API" and the user permission "View External Client Apps Consumer Secrets in Metadata". false: reading
   * ExtlClntAppOauthSettings / ExtlClntAppGlobalOauthSettings (readMetadata, listMetadata) faults sf:INSUFFICIENT_ACCESS.
   */
  userCanReadOAuthSettings: boolean;
  /**
   * The External Client Apps with OAuth usage (a user authorised them or a token was issued): the only ones
   * `GET /apps/oauth/usage` lists. `['*']`: every External Client App with an OAuth consumer.
   */
  appsWithOAuthUsage: string[];
  /**
   * How many reads a newly deployed External Client App stays unseen for (its `ExternalClientApplication` row, its OAuth
   * consumer in the credentials API): the org provisions a new app after the deploy ends. 0: seen at once.
   */
  newAppUnseenForReads: number;
  /**
   * The org's My Domain URL when the CLI reaches it through another (custom) domain, e.g.
   * `https://acme.my.salesforce.com`; null: the instance URL is the My Domain. Userinfo's `urls.custom_domain` names it.
   */
  myDomainUrl: string | null;
  /** The org's newest API version: 66 (Spring '26) by default, 68 for a Winter '27 org (versions.ts). */
  maxApiVersion: number;
  /** The registered Salesforce Sites domain; null until Sites are enabled (Setup > Sites > Register My Salesforce Site Domain). */
  sitesDomain: string | null;
  /** Usernames that exist in other Salesforce orgs: usernames are unique across all orgs (DUPLICATE_USERNAME). */
  usernamesInOtherOrgs: string[];
  /** Named credentials that hold an OAuth token (consent completed): callouts through them answer 200, others 401 (apex.ts). */
  authorizedNamedCredentials: string[];
  /**
   * RingCentral refuses a callout through an authorised named credential on a RingCentral platform with 403 naming a
   * permission the app (CMN-401) or the user's role (CMN-408) lacks; null: no such refusal (apex.ts).
   */
  ringCentralPermissionError: { errorCode: 'CMN-401' | 'CMN-408'; permissionName: string } | null;
  /**
   * The running user's system permissions by name without "Permissions" (user-permissions.ts): false is lacking; a
   * permission not named is granted. E.g. `{ CustomizeApplication: false }`.
   */
  userPermissions: Record<string, boolean>;
  [key: string]: unknown;
};

export const DEFAULT_SETTINGS: SimSettings = {
  connectedAppCreationAllowed: false,
  externalClientAppsEnabled: true,
  clientSecretInRestApiAccess: false,
  orgKeepsOwnConsumerSecret: true,
  userCanViewExternalClientApps: true,
  userCanReadOAuthSettings: true,
  appsWithOAuthUsage: [],
  newAppUnseenForReads: 0,
  myDomainUrl: null,
  maxApiVersion: 66,
  sitesDomain: 'sim-dev-ed.my.salesforce-sites.com',
  usernamesInOtherOrgs: [],
  authorizedNamedCredentials: [],
  ringCentralPermissionError: null,
  userPermissions: {},
};

export type SimApi = 'soap-metadata' | 'rest' | 'tooling' | 'oauth';

export type SimCall = {
  api: SimApi;
  /** e.g. 'upsertMetadata', 'readMetadata', 'query', 'sobject.create', 'userinfo', 'unknown' */
  operation: string;
  /** metadata type or sObject name */
  type?: string;
  /** metadata fullNames (or record ids for sObject calls) */
  fullNames?: string[];
  /** deploy: the members of its destructive manifests, as `<type> <fullName>` */
  deletes?: string[];
  write: boolean;
  /** ms since epoch: when the request had arrived */
  at: number;
  /** ms since epoch: when it was answered (absent for a dropped one) */
  doneAt?: number;
  /** with the `latency` option: how long this answer was held back (ms) */
  latencyMs?: number;
  /** method, URL and a hash of the body: the same key twice is the same request sent twice */
  key?: string;
  method: string;
  path: string;
  /** HTTP status answered */
  status?: number;
  /** SOQL text for query calls */
  soql?: string;
  /** executeAnonymous: the URLs the named-credential callouts reached, in order */
  calloutUrls?: string[];
  /**
   * What the call read, one entry per read (a query: `query <SOQL>`; a Composite Batch: one per subrequest), so that
   * the same read asked twice is found whether it went alone or in a batch. Absent: the call's key stands for it.
   */
  reads?: string[];
  /** How many requests it counts against the org's API limits when not one (a Composite Batch: one per subrequest). */
  apiCalls?: number;
};

/** The org's daily API request allowance (DailyApiRequests.Max of the limits resource). */
export const DAILY_API_REQUESTS = 15000;

/** How many API requests a logged call counts against the daily limit: OAuth and the version list count none. */
export const apiCallsOf = (call: SimCall): number =>
  call.api === 'oauth' || call.operation === 'versions' ? 0 : (call.apiCalls ?? 1);

/** A per-component (metadata) or per-record (sObject) error, as Salesforce reports it. */
export type ComponentError = { statusCode: string; message: string; fields: string[] };

export type FailureMatch = { operation: string; type?: string; fullName?: string };

/** Everything a rule module may look at or change. */
export type SimState = {
  readonly orgId: string;
  readonly userId: string;
  readonly username: string;
  readonly instanceUrl: string;
  readonly metadata: MetadataStore;
  readonly records: RecordStore;
  readonly ids: IdFactory;
  settings: SimSettings;
  /** API requests counted against the daily limit so far (apiCallsOf each call). */
  apiRequests: number;
  /** The tokens of authorised named credentials, by lower-case name, once what they were issued with is fixed. */
  readonly tokens: Map<string, TokenGrant>;
  /** The staged credential of each External Client App OAuth consumer (its global OAuth settings' id): one at most. */
  readonly staged: Map<string, StagedCredential>;
  /** The RingCentral stand-in's current secret of a client id, once linked (org.linkRingCentral). */
  ringCentralSecretOf?: (clientId: string) => string | undefined;
  /** ISO timestamp of "now" (one clock for the whole org) */
  now(): string;
};

/** Seed of a simulated org (also the shape of `run.ts --seed file.json`). */
export type SimSeed = {
  settings?: Partial<SimSettings>;
  /** metadata components, each validated like a write from jsforce */
  metadata?: Array<{ type: string; record: Record<string, unknown> }>;
  /** sObject rows by object name, inserted after the default rows */
  records?: Record<string, Array<Record<string, unknown>>>;
};
