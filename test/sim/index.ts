/*
 * The simulated Salesforce org: a local HTTP server the real `sf` CLI logs into and jsforce (inside
 * @salesforce/core) talks to. It enforces the platform's rules as the WSDL and Salesforce's documentation state them, so a wrong plugin
 * fails its tests. See README-like notes at the top of each module:
 *   server.ts (HTTP, auth, routing) · soap.ts (envelopes) · validate.ts (WSDL checks) · metadata-api.ts (SOAP ops)
 *   metadata-store.ts + rules/ (metadata components and per-type rules) · records.ts + objects/ (sObjects)
 *   soql.ts (queries) · rest.ts (REST + OAuth routes)
 */
import { DeployJobs } from './deploy.js';
import { FailureQueue } from './failures.js';
import { FaultPlan } from './faults.js';
import { IdFactory } from './ids.js';
import { MetadataStore } from './metadata-store.js';
import { metadataRoutes } from './metadata-api.js';
import { seedStandardRows, STANDARD_OBJECTS } from './objects/standard.js';
import { VOICE_CONNECTOR_OBJECTS } from './objects/voice-connector.js';
import { RecordStore, RecordWriteError, type Row } from './records.js';
import { oauthRoutes, restRoutes } from './rest.js';
import { oauthCredentialsRoutes } from './oauth-credentials.js';
import { oauthStagedRoutes, stagedOf } from './oauth-staged.js';
import { refreshFrom, type SandboxVariant } from './sandbox.js';
import { bindGrants, calloutTokenRefusal, giveConsent } from './tokens.js';
import { apexRoutes } from './apex.js';
import { compositeBatchRoutes } from './composite-batch.js';
import { METADATA_RULES } from './rules/index.js';
import { SimServer, type Route } from './server.js';
import { SoapFault } from './soap.js';
import { SoqlEngine } from './soql.js';
import {
  apiCallsOf,
  DEFAULT_SETTINGS,
  type FailureMatch,
  type SimCall,
  type SimSeed,
  type SimSettings,
  type SimState,
  type StagedCredential,
  type TokenGrant,
} from './types.js';
import { decodeFromJs } from './validate.js';
import { simulatorSecret } from './secrets.js';

export type { SimCall, SimSeed, SimSettings, SimState, FailureMatch } from './types.js';
export type { MetadataRules, StoredComponent, WriteContext } from './metadata-store.js';
export type { ObjectDef, FieldDef, ObjectRules, Row } from './records.js';
export type { Route, SimContext, SimRequest, SimResponse } from './server.js';

/** The production org a refreshed sandbox is a copy of, and what became of its local External Client App. */
export type SandboxOf = { org: SimulatedOrg; variant?: SandboxVariant };

export const ORG_ID = '00D000000000001AAA';
export const ACCESS_TOKEN = `${ORG_ID}!FAKE`;
export const ADMIN_USERNAME = 'admin@sim.example';

/** Every route the org serves; a new endpoint module adds its Route[] here. */
export const ROUTES: Route[] = [
  ...oauthRoutes,
  ...restRoutes,
  ...compositeBatchRoutes,
  ...oauthCredentialsRoutes,
  ...oauthStagedRoutes,
  ...metadataRoutes,
  ...apexRoutes,
];

class OrgState implements SimState {
  public readonly orgId = ORG_ID;
  public readonly username = ADMIN_USERNAME;
  public readonly ids = new IdFactory();
  public readonly userId: string;
  public instanceUrl = '';
  public settings: SimSettings;
  public apiRequests = 0;
  public readonly tokens = new Map<string, TokenGrant>();
  public readonly staged = new Map<string, StagedCredential>();
  public ringCentralSecretOf?: (clientId: string) => string | undefined;

  public constructor(
    public readonly metadata: MetadataStore,
    public readonly records: RecordStore,
    settings: Partial<SimSettings> = {},
  ) {
    this.ids.next('00D'); // the org id is the first 00D id
    this.userId = this.ids.next('005');
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  public now(): string {
    return new Date().toISOString();
  }
}

export class SimulatedOrg {
  public readonly accessToken = ACCESS_TOKEN;
  public readonly orgId = ORG_ID;
  public readonly username = ADMIN_USERNAME;
  public readonly calls: SimCall[] = [];
  private readonly failures = new FailureQueue();
  /** Faults at the HTTP boundary: `org.faults.add(match, action)` (faults.ts). */
  public readonly faults = new FaultPlan();
  private readonly deploys = new DeployJobs();
  private readonly server: SimServer;
  private url = '';

  private constructor(
    public readonly state: SimState,
    latency?: { ms: number; jitterMs?: number },
  ) {
    const soql = new SoqlEngine(state.records);
    this.server = new SimServer({
      routes: ROUTES,
      accessToken: this.accessToken,
      context: (call) => ({
        state,
        failures: this.failures,
        deploys: this.deploys,
        soql,
        accessToken: this.accessToken,
        call,
      }),
      log: (call) => {
        this.calls.push(call);
        state.apiRequests += apiCallsOf(call);
      },
      faults: this.faults,
      latency,
    });
  }

  /** Starts an org on 127.0.0.1 (random free port unless `port`). */
  public static async start(
    opts: {
      seed?: SimSeed;
      port?: number;
      latency?: { ms: number; jitterMs?: number };
      /** A refreshed sandbox of this (configured) production org (sandbox.ts): its copy on a My Domain of its own. */
      sandboxOf?: SandboxOf;
    } = {},
  ): Promise<SimulatedOrg> {
    const metadata = new MetadataStore();
    const records = new RecordStore();
    const state = new OrgState(metadata, records, opts.seed?.settings);
    metadata.attach(state);
    metadata.beforeChange = () => bindGrants(state);
    records.attach(state);
    for (const rules of METADATA_RULES) metadata.register(rules);
    // Later definitions of a name refine earlier ones (objects/voice-connector.ts adds rules to Site, User, ...).
    for (const def of [...STANDARD_OBJECTS, ...VOICE_CONNECTOR_OBJECTS]) records.define(def);
    seedStandardRows(records, state);

    const org = new SimulatedOrg(state, opts.latency);
    // Every token the org hands out is a secret that no output may show (secrets.ts).
    simulatorSecret(org.accessToken, "the simulated org's access token (session id)");
    const port = await org.server.listen(opts.port ?? 0);
    org.url = `http://127.0.0.1:${port}`;
    state.instanceUrl = org.url;
    if (opts.sandboxOf) refreshFrom(opts.sandboxOf.org.state, state, opts.sandboxOf.variant);
    try {
      for (const [sobject, rows] of Object.entries(opts.seed?.records ?? {}))
        for (const row of rows) org.insertRecord(sobject, row);
      for (const { type, record } of opts.seed?.metadata ?? []) org.seedMetadata(type, record);
    } catch (e) {
      await org.stop();
      throw e;
    }
    return org;
  }

  public get instanceUrl(): string {
    return this.url;
  }

  public get userId(): string {
    return this.state.userId;
  }

  public get settings(): SimSettings {
    return this.state.settings;
  }

  public set settings(s: SimSettings) {
    this.state.settings = s;
  }

  public async stop(): Promise<void> {
    await this.server.close();
  }

  /** A stored component as typed JS (booleans, numbers, arrays for repeated elements); secrets only if asked. */
  public getMetadata(
    type: string,
    fullName: string,
    opts: { includeSecrets?: boolean } = {},
  ): Record<string, unknown> | undefined {
    const stored = this.state.metadata.get(type, fullName);
    if (!stored) return undefined;
    return opts.includeSecrets
      ? structuredClone(stored.record)
      : this.state.metadata.withoutSecrets(type, stored.record);
  }

  /** The consumer key and secret of an External Client App (its global OAuth settings part), as the org holds them. */
  public consumerCredentials(app: string): { consumerKey: string; consumerSecret: string; part: string } | undefined {
    const part = this.state.metadata
      .list('ExtlClntAppGlobalOauthSettings')
      .find((c) => String(c.record.externalClientApplication).toLowerCase() === app.toLowerCase());
    if (!part) return undefined;
    return {
      consumerKey: String(part.record.consumerKey),
      consumerSecret: String(part.record.consumerSecret),
      part: part.fullName,
    };
  }

  /** The staged credential of an External Client App's OAuth consumer (oauth-staged.ts), as the org holds it. */
  public stagedCredentials(app: string): StagedCredential | undefined {
    const part = this.state.metadata
      .list('ExtlClntAppGlobalOauthSettings')
      .find((c) => String(c.record.externalClientApplication).toLowerCase() === app.toLowerCase());
    return part ? stagedOf(this.state, part.id) : undefined;
  }

  /**
   * Links the org to the RingCentral stand-in: a refresh through a RingCentral named credential then needs its auth
   * provider's secret to be the one RingCentral accepts now (tokens.ts).
   */
  public linkRingCentral(ringCentral: { app(clientId: string): { clientSecret: string } | undefined }): void {
    this.state.ringCentralSecretOf = (clientId) => ringCentral.app(clientId)?.clientSecret;
  }

  /** A person edits a component in Setup and saves: what Setup can change and the API cannot (a stored secret). */
  public editInSetup(type: string, fullName: string, fields: Record<string, unknown>): void {
    const stored = this.state.metadata.get(type, fullName);
    if (!stored) throw new Error(`editInSetup: no ${type} ${fullName}`);
    simulatorSecret(fields.consumerSecret, `a secret a test entered in Setup (${type} ${fullName})`);
    const record = decodeFromJs(type, { ...structuredClone(stored.record), ...fields });
    const result = this.state.metadata.write('update', type, record, 'setup');
    if (!result.success) throw new Error(`editInSetup(${type} ${fullName}): ${result.errors[0]?.message}`);
  }

  /** Whether a callout through the named credential would get a token now (tokens.ts): no request is made. */
  public tokenRefreshes(namedCredential: string): boolean {
    const nc = this.state.metadata.get('NamedCredential', namedCredential);
    return nc !== undefined && calloutTokenRefusal(this.state, { ...nc.record, fullName: nc.fullName }) === undefined;
  }

  /** A person completes a named credential's OAuth consent in a browser (tokens.ts); throws when the login fails. */
  public giveConsent(namedCredential: string): void {
    giveConsent(this.state, namedCredential);
  }

  /** What listMetadata says of a component (its id and dates), or undefined when the org does not have it. */
  public listMetadataProperties(
    type: string,
    fullName: string,
  ): { id: string; lastModifiedDate: string; createdDate: string } | undefined {
    const stored = this.state.metadata.get(type, fullName);
    return stored && { id: stored.id, lastModifiedDate: stored.lastModifiedDate, createdDate: stored.createdDate };
  }

  public listMetadataNames(type: string): string[] {
    return this.state.metadata
      .list(type)
      .map((c) => c.fullName)
      .sort();
  }

  /**
   * Stores a component exactly as an upsert from jsforce would (same validation and rules, via 'seed': what the org
   * already has, e.g. made in Setup; External Client App parts are allowed here); throws when refused.
   */
  public seedMetadata(type: string, record: Record<string, unknown>): void {
    let decoded;
    try {
      decoded = decodeFromJs(type, record);
    } catch (e) {
      if (e instanceof SoapFault) throw new Error(`seedMetadata(${type}): ${e.faultstring}`);
      throw e;
    }
    const result = this.state.metadata.write('upsert', type, decoded, 'seed');
    if (!result.success) {
      throw new Error(
        `seedMetadata(${type} ${String(record.fullName)}): ${result.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`,
      );
    }
  }

  /** Rows of an sObject (copies). */
  public records(sobject: string): Array<Record<string, unknown>> {
    return this.state.records.all(sobject).map((r) => structuredClone(r));
  }

  /** Inserts a row as the platform would (types, references, required fields, rules), system fields allowed. */
  public insertRecord(sobject: string, fields: Record<string, unknown>): string {
    try {
      return this.state.records.insert(sobject, fields as Row, { system: true });
    } catch (e) {
      if (e instanceof RecordWriteError) throw new Error(`insertRecord(${sobject}): ${e.message}`);
      throw e;
    }
  }

  /** Calls that changed (or tried to change) the org. */
  public writes(): SimCall[] {
    return this.calls.filter((c) => c.write);
  }

  /** The next matching metadata component (or sObject record) write answers success=false with this error. */
  public failNext(match: FailureMatch, error: { statusCode: string; message: string }): void {
    this.failures.add(match, error);
  }
}
