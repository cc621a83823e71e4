import type { Connection } from '@salesforce/core';
import { isQueryResult, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import type { AnonymousApexResult, RestWriteMethod } from './port.js';
import { readKey, type ReadCache } from './read-cache.js';

/** One batch of a query's answer. */
type QueryBatch<T> = { records: T[]; done?: boolean; nextRecordsUrl?: string };

/** The REST API's calls: SOQL queries, GETs of REST resources, anonymous Apex through the Tooling API. */
export class RestCalls {
  public constructor(
    private readonly conn: Connection,
    private readonly policy: CallPolicy,
    private readonly cache: ReadCache,
  ) {}

  /** A query's records (every batch), read once a run. */
  public async query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    return this.cache.remember(readKey.query(soql), () => this.directQuery<T>(soql));
  }

  /**
   * A query sent as it is, not looked up: for a result the read phase got only the first batch of. Every batch is
   * one GET of its own under the fault policy.
   */
  public async directQuery<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    const records: T[] = [];
    for (let url: string | undefined = this.restUrl(`/query?q=${encodeURIComponent(soql)}`); url; ) {
      const batch: QueryBatch<T> = await this.get<QueryBatch<T>>('query', url, (answer) => {
        if (!isQueryResult(answer)) throw unreadableAnswer('query', 'no query result');
      });
      records.push(...batch.records);
      url = batch.done === false ? batch.nextRecordsUrl : undefined;
    }
    return records;
  }

  /**
   * A GET on the REST API below `/services/data/vXX.X` (Connect REST resources such as `/apps/oauth/usage`),
   * at `minVersion` at least: some resources exist only from a version on.
   */
  public async restGet<T>(path: string, minVersion = 0): Promise<T> {
    const url = this.restUrl(path, minVersion);
    return this.cache.remember(readKey.rest(url), () => this.get<T>(`GET ${path.split('?')[0]}`, url));
  }

  /**
   * One GET under the fault policy, which alone tries it again: jsforce's own retries of a GET (up to five, 15 s of
   * waits) are off, so a REST read is tried as often and as soon as a SOAP read.
   */
  private get<T>(what: string, url: string, check?: (answer: T) => void): Promise<T> {
    return this.policy.run('rest read', what, () => this.conn.request<T>(url, { retry: { maxRetries: 0 } }), {
      check: (answer) => {
        // The REST API answers JSON: jsforce hands a body it could not parse (an HTML page with 200) on as text.
        if (typeof answer !== 'object' || answer === null) throw unreadableAnswer(what, 'no JSON answer');
        check?.(answer);
      },
    });
  }

  /**
   * A POST, PATCH or DELETE of a REST resource (a JSON body, or none), at `minVersion` at least. POST and PATCH are
   * never sent twice (a lost answer may hide a landed write); a DELETE is (a second one finds nothing to delete).
   * Every GET below the resource's `/apps/oauth/` path or its own is read again afterwards.
   */
  public async restSend<T>(
    method: RestWriteMethod,
    path: string,
    body?: unknown,
    minVersion = 0,
  ): Promise<T | undefined> {
    const url = this.restUrl(path, minVersion);
    const request = {
      method,
      url,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    };
    const changed = /^\/apps\/oauth\//.test(path) ? '/apps/oauth/' : path.split('?')[0];
    return this.cache.write(
      () =>
        this.policy.run(method === 'DELETE' ? 'delete' : 'write', `${method} ${path.split('?')[0]}`, async () => {
          // jsforce would send a DELETE again on its own: the fault policy alone decides.
          const answer = await this.conn.request<T | ''>(request, { retry: { maxRetries: 0 } });
          return answer === '' || answer === null ? undefined : answer;
        }),
      { rest: changed },
    );
  }

  /** The URL of a REST resource at this connection's API version, or `minVersion` when that is later. */
  public restUrl(path: string, minVersion = 0): string {
    const version = Math.max(Number(this.conn.getApiVersion()), minVersion).toFixed(1);
    return `/services/data/v${version}${path}`;
  }

  /**
   * Runs anonymous Apex through the Tooling API (executeAnonymous, a GET); the answer as Salesforce gives it. Sent as
   * any REST read (not by jsforce's tooling.executeAnonymous, whose GET jsforce would try again on its own).
   */
  public async executeAnonymous(apex: string): Promise<AnonymousApexResult> {
    return this.get<AnonymousApexResult>(
      'executeAnonymous',
      this.restUrl(`/tooling/executeAnonymous?anonymousBody=${encodeURIComponent(apex)}`),
    );
  }
}
