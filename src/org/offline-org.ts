import { Messages } from '@salesforce/core';
import type { CurrentState, MetadataComponent, RecordComponent } from '../model/component.js';
import type {
  AnonymousApexResult,
  CheckOutcome,
  DeleteOutcome,
  KnownFacts,
  ListedComponent,
  OrgFacts,
  OrgPort,
  PreviousVersion,
  UserInfo,
  WriteOutcome,
} from './port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

const refuseWrite = (): Promise<never> => Promise.reject(messages.createError('error.OfflineWrite'));

/**
 * The org an export is planned against when there is none (`--output-dir` without `--target-org`, as a pipeline runs
 * it): an empty org, so every component is a create. Its facts are the ones given (My Domain, the site contact), and
 * what the plan needs to take as there (the profiles named, the given users, the SiteLogin page Salesforce adds with
 * Sites) is taken as there: the deploy of the exported project is where the org itself checks them. Anything else it
 * cannot know, and it says so (the step that asked fails with that message); it never writes.
 */
export class OfflineOrg implements OrgPort {
  #interrupted = false;

  public constructor(
    private readonly given: OrgFacts,
    public readonly apiVersion: string,
  ) {}

  public knownFacts(): KnownFacts {
    const { orgId, myDomainUrl, username } = this.given;
    return { orgId, myDomainUrl, username };
  }

  public facts(): Promise<OrgFacts> {
    return Promise.resolve(this.given);
  }

  /** Every read is answered here without a round trip: there is nothing to send ahead. */
  public readPhase(): Promise<void> {
    return Promise.resolve();
  }

  public readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    return Promise.resolve(components.map((): CurrentState => ({ exists: false })));
  }

  public listMetadata(types: readonly string[]): Promise<ListedComponent[]> {
    void types;
    return Promise.resolve([]);
  }

  public readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return Promise.resolve(components.map((): CurrentState => ({ exists: false })));
  }

  /** The few reads a plan makes of what an empty org already has, answered from the SOQL's own literals. */
  public query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
    const names = (): string[] =>
      [...(/\bIN \(([^)]*)\)/.exec(soql)?.[1] ?? '').matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) =>
        m[1].replace(/\\(.)/g, '$1'),
      );
    if (/^SELECT [^]*? FROM Site\b/.test(soql)) return Promise.resolve([]);
    if (/^SELECT Id FROM ApexPage WHERE Name = 'SiteLogin'/.test(soql))
      return Promise.resolve([{ Id: 'offline' }] as unknown as T[]);
    if (/^SELECT Name FROM Profile WHERE Name IN \(/.test(soql))
      return Promise.resolve(names().map((Name) => ({ Name })) as unknown as T[]);
    if (/^SELECT [^]*? FROM User WHERE Username IN \(/.test(soql))
      return Promise.resolve(
        names().map((Username) => ({ Id: '', Username, Name: Username, IsActive: true })) as unknown as T[],
      );
    return Promise.reject(messages.createError('error.OfflineRead', [soql]));
  }

  public restGet<T>(path: string): Promise<T> {
    return Promise.reject(messages.createError('error.OfflineRead', [path]));
  }

  /** Without an org, the My Domain given (--my-domain) is the org's word for its My Domain. */
  public userInfo(): Promise<UserInfo> {
    return Promise.resolve({ myDomainUrl: this.given.myDomainUrl });
  }

  public upsertMetadata(): Promise<WriteOutcome[]> {
    return refuseWrite();
  }

  public upsertRecord(): Promise<WriteOutcome> {
    return refuseWrite();
  }

  public deployMetadata(): Promise<WriteOutcome[]> {
    return refuseWrite();
  }

  public validateMetadata(): Promise<{ deployId?: string; outcomes: CheckOutcome[] }> {
    return refuseWrite();
  }

  public deleteMetadata(): Promise<DeleteOutcome[]> {
    return refuseWrite();
  }

  public deleteByDeploy(): Promise<DeleteOutcome[]> {
    return refuseWrite();
  }

  public deleteRecord(): Promise<DeleteOutcome> {
    return refuseWrite();
  }

  public executeAnonymous(): Promise<AnonymousApexResult> {
    return refuseWrite();
  }

  public restSend<T>(): Promise<T | undefined> {
    return refuseWrite();
  }

  /** Nothing is remembered: every read is answered anew. */
  public forgetReads(): void {
    return;
  }

  /** It never writes, so nothing was replaced. */
  public previousVersions(): readonly PreviousVersion[] {
    return [];
  }

  public interrupt(): void {
    this.#interrupted = true;
  }

  public get interrupted(): boolean {
    return this.#interrupted;
  }
}
