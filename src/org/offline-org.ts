import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { CurrentState, MetadataComponent, RecordComponent } from '../model/component.js';
import { OrgAccess } from './org-access.js';
import type { ListedComponent, OrgFacts, WriteOutcome } from './port.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/**
 * The org an export is planned against when there is none (`--output-dir` without `--target-org`, as a pipeline runs
 * it): an empty org, so every component is a create. Its facts are the ones given (My Domain, the site contact), and
 * what the plan needs to take as there (the profiles named, the given users, the SiteLogin page Salesforce adds with
 * Sites) is taken as there: the deploy of the exported project is where the org itself checks them. Anything else it
 * cannot know, and it says so (the step that asked fails with that message); it never writes.
 */
export class OfflineOrg extends OrgAccess {
  public constructor(
    private readonly given: OrgFacts,
    private readonly version: string,
  ) {
    // No connection: every method that would use one is overridden.
    super(undefined as unknown as Connection);
  }

  public override get apiVersion(): string {
    return this.version;
  }

  public override facts(): Promise<OrgFacts> {
    return Promise.resolve(this.given);
  }

  public override readMetadata(components: readonly MetadataComponent[]): Promise<CurrentState[]> {
    return Promise.resolve(components.map((): CurrentState => ({ exists: false })));
  }

  public override listMetadata(types: readonly string[]): Promise<ListedComponent[]> {
    void types;
    return Promise.resolve([]);
  }

  public override readRecords(components: readonly RecordComponent[]): Promise<CurrentState[]> {
    return Promise.resolve(components.map((): CurrentState => ({ exists: false })));
  }

  /** The few reads a plan makes of what an empty org already has, answered from the SOQL's own literals. */
  public override query<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
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

  public override upsertMetadata(): Promise<WriteOutcome[]> {
    return Promise.reject(messages.createError('error.OfflineWrite'));
  }

  public override deployMetadata(): Promise<WriteOutcome[]> {
    return Promise.reject(messages.createError('error.OfflineWrite'));
  }

  public override upsertRecord(): Promise<WriteOutcome> {
    return Promise.reject(messages.createError('error.OfflineWrite'));
  }

  public override restGet<T>(path: string): Promise<T> {
    return Promise.reject(messages.createError('error.OfflineRead', [path]));
  }

  public override executeAnonymous(): Promise<never> {
    return Promise.reject(messages.createError('error.OfflineWrite'));
  }
}
