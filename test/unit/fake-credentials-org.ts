import type { CurrentState, Fields, MetadataComponent, RecordComponent } from '../../src/model/component.js';
import type { OrgFacts, OrgPort, WriteOutcome } from '../../src/org/port.js';
import type { StepContext } from '../../src/steps/step.js';
import { SfError } from '@salesforce/core';
import { Secret } from '../../src/model/secret.js';
import { mergeFields, omitPaths } from '../../src/model/fields.js';
import { writeOnceFields } from '../../src/org/platform-rules.js';

/**
 * An org in memory at the port the credentials steps use (metadata reads and writes, SOQL, REST GET). Writes
 * store what was sent, with secrets revealed, as the platform would receive them.
 */
export class FakeCredentialsOrg {
  public readonly state = new Map<string, Fields>();
  public readonly writes: Array<{ type: string; fullName: string; created: boolean; fields: Fields }> = [];
  /** Metadata types whose creation the org refuses, with the message it gives. */
  public readonly refuseCreate = new Map<string, string>();
  public profiles = ['System Administrator', 'Standard User', 'Sales Manager'];
  public rest = new Map<string, unknown>();
  public restCalls: string[] = [];
  public queries: string[] = [];
  /** The External Client Apps the org lists (ExternalClientApplication rows): API name → record id. */
  public externalClientApps = new Map<string, string>();
  /** What userinfo says of the org's My Domain (`urls.custom_domain`). */
  public myDomainUrl?: string;
  public userInfoCalls = 0;

  public seed(type: string, fullName: string, fields: Fields): this {
    this.state.set(`${type}:${fullName}`, fields);
    return this;
  }

  public get(type: string, fullName: string): Fields | undefined {
    return this.state.get(`${type}:${fullName}`);
  }

  /** Types read (readMetadata, listMetadata), in order. */
  public readonly typesRead: string[] = [];
  /** External Client Apps off: every read naming one of their types faults as the platform does (INVALID_TYPE). */
  public externalClientAppsOff = false;

  private fault(type: string): void {
    this.typesRead.push(type);
    if (this.externalClientAppsOff && /^(ExternalClientApplication|ExtlClntApp)/.test(type)) {
      throw new SfError(
        `Salesforce refused readMetadata ${type}: INVALID_TYPE: This type of metadata is not available for this organization`,
        'ApiCallError',
      ).setData({ errorCode: 'sf:INVALID_TYPE' });
    }
  }

  public async listMetadata(types: readonly string[]): Promise<Array<{ type: string; fullName: string }>> {
    types.forEach((t) => this.fault(t));
    return [...this.state.keys()]
      .map((k) => ({ type: k.slice(0, k.indexOf(':')), fullName: k.slice(k.indexOf(':') + 1) }))
      .filter((c) => types.includes(c.type));
  }

  public async readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    new Set(components.map((c) => c.type)).forEach((t) => this.fault(t));
    return components.map((c) => {
      const fields = this.state.get(`${c.type}:${c.fullName}`);
      return fields ? { exists: true, fields: structuredClone(fields) } : { exists: false };
    });
  }

  public async readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return components.map(() => ({ exists: false }));
  }

  public async upsertMetadata(
    type: string,
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    return items.map(({ component, current }) => {
      const refusal = this.refuseCreate.get(type);
      if (!current.exists && refusal)
        return { success: false, message: refusal, statusCode: 'FIELD_INTEGRITY_EXCEPTION' };
      // As OrgPort sends it: on update the current fields merged with the desired ones, write-once fields left out.
      const sent = reveal(
        current.exists
          ? omitPaths(mergeFields(current.fields, component.fields), writeOnceFields(type))
          : component.fields,
      ) as Fields;
      this.writes.push({ type, fullName: component.fullName, created: !current.exists, fields: sent });
      this.state.set(`${type}:${component.fullName}`, current.exists ? { ...current.fields, ...sent } : sent);
      return { success: true, created: !current.exists };
    });
  }

  /** One deploy of several types, all or nothing as the org layer asks for it (rollbackOnError). */
  public readonly deploys: string[][] = [];
  public async deployMetadata(
    items: ReadonlyArray<{ component: MetadataComponent; current: CurrentState }>,
  ): Promise<WriteOutcome[]> {
    this.deploys.push(items.map((i) => `${i.component.type}:${i.component.fullName}`));
    const refused = items.map(({ component, current }) =>
      !current.exists ? this.refuseCreate.get(component.type) : undefined,
    );
    if (refused.some(Boolean)) {
      const failed = items
        .filter((_, i) => refused[i])
        .map((i) => `${i.component.type} ${i.component.fullName}`)
        .join(', ');
      return refused.map((message) =>
        message
          ? { success: false, message, statusCode: 'FIELD_INTEGRITY_EXCEPTION' }
          : {
              success: false,
              notSaved: true,
              message: `Not saved: the deploy was rolled back because ${failed} failed.`,
            },
      );
    }
    const outcomes: WriteOutcome[] = [];
    for (const item of items) outcomes.push(...(await this.upsertMetadata(item.component.type, [item])));
    return outcomes;
  }

  public async upsertRecord(): Promise<WriteOutcome> {
    return { success: true, created: true };
  }

  /** The ExternalClientApplication answers already given: as the run's read cache, asked again only when `fresh`. */
  private readonly appRows = new Map<string, unknown[]>();

  public async query<T extends Record<string, unknown>>(soql: string, options: { fresh?: boolean } = {}): Promise<T[]> {
    if (soql.includes('FROM ExternalClientApplication') && this.appRows.has(soql) && !options.fresh)
      return this.appRows.get(soql) as T[];
    this.queries.push(soql);
    const profiles = /FROM Profile WHERE Name IN \((.*)\)/.exec(soql);
    if (profiles) {
      const names = [...profiles[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
      return this.profiles
        .filter((p) => names.some((n) => n.toLowerCase() === p.toLowerCase()))
        .map((Name) => ({ Name }) as unknown as T);
    }
    const eca = /FROM ExternalClientApplication WHERE DeveloperName = '([^']*)'/.exec(soql);
    if (eca) {
      const id = this.externalClientApps.get(eca[1]);
      const rows = id ? [{ Id: id } as unknown as T] : [];
      this.appRows.set(soql, rows);
      return rows;
    }
    const nc = /FROM NamedCredential WHERE DeveloperName = '([^']*)'/.exec(soql);
    if (nc)
      return this.state.has(`NamedCredential:${nc[1]}`)
        ? [{ Id: `0XA000000000001${nc[1].length}AAA` } as unknown as T]
        : [];
    throw new Error(`unexpected query ${soql}`);
  }

  public async restGet<T>(path: string): Promise<T> {
    this.restCalls.push(path);
    const answer = this.rest.get(path);
    if (answer === undefined)
      throw new SfError(`Salesforce refused GET ${path}: NOT_FOUND`, 'ApiCallError').setData({
        errorCode: 'NOT_FOUND',
        fault: 'refused',
      });
    if (answer instanceof Error) throw answer;
    return answer as T;
  }

  public async userInfo(): Promise<{ myDomainUrl?: string }> {
    this.userInfoCalls++;
    return this.myDomainUrl ? { myDomainUrl: this.myDomainUrl } : {};
  }

  public context(options: Partial<StepContext> = {}): StepContext {
    const facts: OrgFacts = {
      orgId: '00D000000000001AAA',
      myDomainUrl: 'https://acme.my.salesforce.com',
      userId: '005000000000001AAA',
      username: 'admin@acme.com',
    };
    return {
      org: this as unknown as OrgPort,
      facts,
      dryRun: false,
      handoff: {},
      requireSecret: () => Promise.reject(new Error('no secret')),
      ...options,
    };
  }
}

function reveal(value: unknown): unknown {
  if (value instanceof Secret) return value.reveal();
  if (Array.isArray(value)) return value.map(reveal);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}
