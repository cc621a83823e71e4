import type { Connection } from '@salesforce/core';
import { isQueryResult, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import { requireApiVersion } from './platform-rules.js';
import type { AnonymousApexResult, ReadOptions, RestWriteMethod, UserInfo } from './port.js';
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

  /** A query's records (every batch), read once a run (asked again when `fresh`). */
  public async query<T extends Record<string, unknown>>(soql: string, options: ReadOptions = {}): Promise<T[]> {
    if (options.fresh) this.cache.drop(readKey.query(soql));
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
   * A GET on the REST API below `/services/data/vXX.X` (Connect REST resources such as `/apps/oauth/credentials`) at
   * this run's API version. A resource that exists only from `minVersion` on is an SfError before any call when the
   * run speaks an earlier version: the admin chose it (--api-version), and the plugin does not quietly speak another.
   */
  public async restGet<T>(path: string, minVersion = 0, options: ReadOptions = {}): Promise<T> {
    const what = `GET ${path.split('?')[0]}`;
    requireApiVersion(what, minVersion, this.conn.getApiVersion());
    const url = this.restUrl(path);
    if (options.fresh) this.cache.drop(readKey.rest(url));
    return this.cache.remember(readKey.rest(url), () => this.get<T>(what, url));
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
   * A POST, PATCH or DELETE of a REST resource (a JSON body, or none); one that exists only from `minVersion` on is an
   * SfError before any call when the run speaks an earlier version (as restGet). POST and PATCH are
   * never sent twice (a lost answer may hide a landed write); a DELETE is (a second one finds nothing to delete).
   * Every GET below the resource's `/apps/oauth/` path or its own is read again afterwards.
   */
  public async restSend<T>(
    method: RestWriteMethod,
    path: string,
    body?: unknown,
    minVersion = 0,
  ): Promise<T | undefined> {
    const what = `${method} ${path.split('?')[0]}`;
    requireApiVersion(what, minVersion, this.conn.getApiVersion());
    const url = this.restUrl(path);
    const request = {
      method,
      url,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    };
    const changed = /^\/apps\/oauth\//.test(path) ? '/apps/oauth/' : path.split('?')[0];
    return this.cache.write(
      () =>
        this.policy.run(method === 'DELETE' ? 'delete' : 'write', what, async () => {
          // jsforce would send a DELETE again on its own: the fault policy alone decides.
          const answer = await this.conn.request<T | ''>(request, { retry: { maxRetries: 0 } });
          return answer === '' || answer === null ? undefined : answer;
        }),
      { rest: changed },
    );
  }

  /** The URL of a REST resource at this connection's API version. */
  public restUrl(path: string): string {
    return `/services/data/v${Number(this.conn.getApiVersion()).toFixed(1)}${path}`;
  }

  /** The running user's OAuth userinfo, read once a run: what it says of the org's My Domain. */
  public userInfo(): Promise<UserInfo> {
    return this.cache.remember(readKey.userInfo, async () => {
      const answer = await this.policy.run('rest read', 'GET /services/oauth2/userinfo', () =>
        this.conn.request<{ urls?: { custom_domain?: unknown } }>('/services/oauth2/userinfo'),
      );
      const myDomainUrl = answer?.urls?.custom_domain;
      return typeof myDomainUrl === 'string' && myDomainUrl ? { myDomainUrl } : {};
    });
  }

  /**
   * Runs anonymous Apex through the Tooling API (executeAnonymous, a GET); the answer as Salesforce gives it, once a
   * run (see OrgReads.executeAnonymous), or anew with `fresh`. Sent as any REST read (not by jsforce's
   * tooling.executeAnonymous, whose GET jsforce would try again on its own).
   */
  public async executeAnonymous(apex: string, options: { fresh?: boolean } = {}): Promise<AnonymousApexResult> {
    const run = (): Promise<AnonymousApexResult> =>
      this.get<AnonymousApexResult>(
        'executeAnonymous',
        this.restUrl(`/tooling/executeAnonymous?anonymousBody=${encodeURIComponent(apex)}`),
      );
    if (options.fresh) {
      // A fresh ask that fails leaves no older answer behind for a later one to take.
      this.cache.drop(readKey.apex(apex));
      const answer = await run();
      this.cache.learn(readKey.apex(apex), answer);
      return answer;
    }
    return this.cache.remember(readKey.apex(apex), run);
  }
}
