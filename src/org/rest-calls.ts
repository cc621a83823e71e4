import type { Connection } from '@salesforce/core';
import { isQueryResult, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import type { AnonymousApexResult } from './port.js';
import { readKey, type ReadCache } from './read-cache.js';

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

  /** A query sent as it is, not looked up: for a result the read phase got only the first batch of. */
  public async directQuery<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    const res = await this.policy.run('rest read', 'query', async () => this.conn.query<T>(soql, { autoFetch: true }), {
      check: (answer) => {
        if (!isQueryResult(answer)) throw unreadableAnswer('query', 'no query result');
      },
    });
    return res.records;
  }

  /**
   * A GET on the REST API below `/services/data/vXX.X` (Connect REST resources such as `/apps/oauth/usage`),
   * at `minVersion` at least: some resources exist only from a version on.
   */
  public async restGet<T>(path: string, minVersion = 0): Promise<T> {
    const url = this.restUrl(path, minVersion);
    return this.cache.remember(readKey.rest(url), () =>
      this.policy.run('rest read', `GET ${path.split('?')[0]}`, () => this.conn.request<T>(url)),
    );
  }

  /** The URL of a REST resource at this connection's API version, or `minVersion` when that is later. */
  public restUrl(path: string, minVersion = 0): string {
    const version = Math.max(Number(this.conn.getApiVersion()), minVersion).toFixed(1);
    return `/services/data/v${version}${path}`;
  }

  /**
   * Runs read-only anonymous Apex through the Tooling API (executeAnonymous); the answer as Salesforce gives it, once a
   * run (see OrgReads.executeAnonymous), or anew with `fresh`.
   */
  public async executeAnonymous(apex: string, options: { fresh?: boolean } = {}): Promise<AnonymousApexResult> {
    const run = (): Promise<AnonymousApexResult> =>
      this.policy.run('rest read', 'executeAnonymous', async () => await this.conn.tooling.executeAnonymous(apex));
    if (options.fresh) {
      const answer = await run();
      this.cache.learn(readKey.apex(apex), answer);
      return answer;
    }
    return this.cache.remember(readKey.apex(apex), run);
  }
}
