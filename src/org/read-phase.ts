import type { Connection } from '@salesforce/core';
import type { CurrentState, MetadataComponent } from '../model/component.js';
import { asArray, isQueryResult, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import type { MetadataCalls } from './metadata-calls.js';
import { BATCH_MAX_SUBREQUESTS, inBatches, LIST_METADATA_QUERIES } from './platform-rules.js';
import type { DeclareReads, ListedComponent, OrgReads } from './port.js';
import { readKey, type ReadCache } from './read-cache.js';
import { NotKnownYet, type ReadRequest } from './read-plan.js';
import type { RestCalls } from './rest-calls.js';
import { recordQuery } from './soql.js';

/** A Composite Batch subrequest's answer (REST API Developer Guide, "Batch Response Body"). */
type BatchResult = { statusCode?: unknown; result?: unknown };
type RestError = { errorCode?: string; message?: string };

/**
 * The read phase: what a run needs to read, declared by the steps before anything is read, sent in as few round trips
 * as the reads' dependencies allow. Every answer lands in the run's read cache under the key the ordinary read looks
 * up, so a step that reads later gets the answer already had.
 */
export class ReadPhase {
  public constructor(
    private readonly conn: Connection,
    private readonly policy: CallPolicy,
    private readonly cache: ReadCache,
    private readonly metadata: Pick<MetadataCalls, 'readMetadata' | 'listMetadata'>,
    private readonly rest: Pick<
      RestCalls,
      'query' | 'directQuery' | 'restGet' | 'restUrl' | 'executeAnonymous' | 'userInfo'
    >,
  ) {}

  /**
   * `declare` runs the steps' read declarations against a planning reader, which answers what this run already knows
   * and notes the rest; all that is noted is sent at once (prefetch), and the declarations run again with the answers,
   * so reads that need an earlier answer go in the next round. It ends when a round notes nothing new (or after
   * `maxRounds`). It never fails: a read that failed here is asked again (or its refusal remembered) when the step
   * itself reads, which reports it as it always did.
   */
  public async run(declare: DeclareReads, maxRounds = 6): Promise<void> {
    const tried = new Set<string>();
    for (let round = 0; round < maxRounds && !this.policy.interrupted; round++) {
      const noted = new Map<string, ReadRequest>();
      const declared = declare(this.planningReader(noted, tried)).catch(() => undefined);
      // What the declarations can tell from the answers already had is noted within this turn; a read in flight
      // (a step's own, while a write lands) is not waited for before sending what is noted.
      await Promise.race([declared, new Promise((resolve) => setImmediate(resolve))]);
      const requests = [...noted.values()];
      for (const key of noted.keys()) tried.add(key);
      await Promise.all([declared, requests.length ? this.prefetch(requests) : undefined]);
      if (noted.size === 0) return;
    }
  }

  /**
   * Sends these reads at once, in parallel: one readMetadata per type with up to ten names, the queries in one Composite
   * Batch (up to 25 a call, calls in parallel), listMetadata and REST GETs as themselves (a batch may not hold the
   * OAuth credentials resources or the Tooling API).
   * Each answer is remembered under the key the ordinary read uses. Never fails (see run).
   */
  public async prefetch(requests: readonly ReadRequest[]): Promise<void> {
    const metadata = new Map<string, MetadataComponent>();
    const queries = new Set<string>();
    const reads: Array<Promise<unknown>> = [];
    for (const r of requests) {
      if (r.kind === 'metadata' && !this.cache.has(readKey.metadata(r.type, r.fullName)))
        metadata.set(readKey.metadata(r.type, r.fullName), {
          kind: 'metadata',
          type: r.type,
          fullName: r.fullName,
          label: r.fullName,
          fields: {},
        });
      else if (r.kind === 'query' && !this.cache.has(readKey.query(r.soql))) queries.add(r.soql);
      else if (r.kind === 'list') reads.push(this.metadata.listMetadata(r.types));
      else if (r.kind === 'rest') reads.push(this.rest.restGet(r.path, r.minVersion));
      else if (r.kind === 'apex') reads.push(this.rest.executeAnonymous(r.apex));
      else if (r.kind === 'userinfo') reads.push(this.rest.userInfo());
    }
    // The REST calls first: a process's first Metadata API call takes its SOAP client some time to prepare.
    for (const batch of inBatches([...queries], BATCH_MAX_SUBREQUESTS))
      reads.push(batch.length === 1 ? this.rest.query(batch[0]) : this.batchQueries(batch));
    if (metadata.size) reads.push(this.metadata.readMetadata([...metadata.values()]));
    await Promise.allSettled(reads);
  }

  /**
   * Queries in one Composite Batch call (up to 25 subrequests, each its own query; `haltOnError` false: each answers on
   * its own), each remembered under its own key. A subrequest's answer is checked as a direct query's answer is: a
   * failed one is that query's error, in Salesforce's words; one whose body is no query result is unreadable, never
   * "absent". A result with more batches to fetch (done false) is fetched as an ordinary query.
   */
  private batchQueries(soqls: readonly string[]): Promise<unknown> {
    const request = {
      haltOnError: false,
      batchRequests: soqls.map((soql) => ({
        method: 'GET',
        // A subrequest names its resource from the version on (`vXX.X/query?q=…`).
        url: this.rest.restUrl(`/query?q=${encodeURIComponent(soql)}`).replace(/^\/services\/data\//, ''),
      })),
    };
    const what = 'composite batch query';
    const answer = this.policy.run(
      'read',
      what,
      () =>
        this.conn.request<{ results?: BatchResult[] }>({
          method: 'POST',
          url: this.rest.restUrl('/composite/batch'),
          body: JSON.stringify(request),
          headers: { 'content-type': 'application/json' },
        }),
      {
        check: (res) => {
          const list = (res as { results?: unknown } | undefined)?.results;
          if (!Array.isArray(list) || list.length !== soqls.length)
            throw unreadableAnswer(what, `${soqls.length} subrequest result(s) expected`);
        },
      },
    );
    return Promise.allSettled(
      soqls.map((soql, i) =>
        this.cache.remember(
          readKey.query(soql),
          answer.then((res) => this.subrequestAnswer(soql, res.results?.[i])),
        ),
      ),
    );
  }

  /** One query's answer from its batch subrequest result, as a direct query would answer it. */
  private async subrequestAnswer(soql: string, sub: BatchResult | undefined): Promise<unknown[]> {
    const status = typeof sub?.statusCode === 'number' ? sub.statusCode : 0;
    if (status >= 400) {
      const errors = asArray(sub?.result as RestError | RestError[] | undefined);
      const error = Object.assign(new Error(errors.map((e) => e.message).join(' ') || `HTTP ${status}`), {
        name: errors[0]?.errorCode ?? `ERROR_HTTP_${status}`,
        errorCode: errors[0]?.errorCode ?? `ERROR_HTTP_${status}`,
      });
      throw this.policy.faultOf('query', error);
    }
    if (status !== 200 || !isQueryResult(sub?.result))
      throw this.policy.faultOf('query', unreadableAnswer('query', 'no query result in the batch answer'));
    const body = sub?.result as { records: unknown[]; done?: unknown };
    if (body.done === false) return this.rest.directQuery(soql);
    return body.records;
  }

  /**
   * A reader for declarations: what this run knows is answered; what it does not know is noted in `noted` and
   * rejects with NotKnownYet. A read already tried in this phase whose answer was not kept (it failed) is not noted
   * again: the step asks for it itself.
   */
  private planningReader(noted: Map<string, ReadRequest>, tried: ReadonlySet<string>): OrgReads {
    const lookup = <T>(key: string, request: ReadRequest): Promise<T> => {
      const known = this.cache.get<T>(key);
      if (known) return known;
      // A read a write in flight may change waits for it: that write's landing starts the next read phase.
      if (!tried.has(key) && !this.cache.mayChange(key)) noted.set(key, request);
      return Promise.reject(new NotKnownYet(key));
    };
    const reader: OrgReads = {
      apiVersion: this.conn.getApiVersion(),
      executeAnonymous: (apex) => lookup(readKey.apex(apex), { kind: 'apex', apex }),
      readMetadata: (components) =>
        Promise.all(
          components.map((c) =>
            lookup<CurrentState>(readKey.metadata(c.type, c.fullName), {
              kind: 'metadata',
              type: c.type,
              fullName: c.fullName,
            }),
          ),
        ),
      query: <T extends Record<string, unknown>>(soql: string) =>
        lookup<T[]>(readKey.query(soql), { kind: 'query', soql }),
      readRecords: (components) =>
        Promise.all(
          components.map(async (c) => {
            const rows = await reader.query(recordQuery(c));
            return rows.length === 1 ? ({ exists: true, fields: {} } as const) : ({ exists: false } as const);
          }),
        ),
      listMetadata: async (types) =>
        (
          await Promise.all(
            inBatches([...types], LIST_METADATA_QUERIES).map((batch) =>
              lookup<ListedComponent[]>(readKey.list(batch), { kind: 'list', types: batch }),
            ),
          )
        ).flat(),
      restGet: <T>(path: string, minVersion = 0) =>
        lookup<T>(readKey.rest(this.rest.restUrl(path)), { kind: 'rest', path, minVersion }),
      userInfo: () => lookup(readKey.userInfo, { kind: 'userinfo' }),
    };
    return reader;
  }
}
