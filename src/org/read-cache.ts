import type { SfError } from '@salesforce/core';
import {
  ANONYMOUS_APEX,
  EXTERNAL_CLIENT_APP_HEADER,
  EXTERNAL_CLIENT_APP_PARTS,
  readsChangedBy,
  writtenByDeploy,
} from './platform-rules.js';

/**
 * What a read is remembered by: the same key for the same read, whether the read phase sent it or the call itself
 * (each metadata read is of one type and name; a REST GET is keyed by its versioned URL).
 */
export const readKey = {
  metadata: (type: string, fullName: string): string => `readMetadata ${type}:${fullName}`,
  query: (soql: string): string => `query ${soql}`,
  list: (types: readonly string[]): string => `listMetadata ${types.join(',')}`,
  rest: (url: string): string => `GET ${url}`,
  apex: (apex: string): string => `executeAnonymous ${apex}`,
  userInfo: 'GET /services/oauth2/userinfo',
};

/** What one write changed, so that only the answers it may have changed are read again. */
export type Written = {
  metadata?: ReadonlyArray<{ type: string; fullName: string }>;
  sobject?: string;
  /** A REST write: the GETs of URLs containing this path are read again. */
  rest?: string;
};

/** The sObjects a query reads (its FROM, and any subquery's). */
const sobjectsOf = (soql: string): string[] => [...soql.matchAll(/\bFROM\s+(\w+)/gi)].map((m) => m[1].toLowerCase());

/** Answers of this run's reads by what was asked: nothing is asked twice; a write forgets what it may have changed. */
export class ReadCache {
  readonly #reads = new Map<string, Promise<unknown>>();
  /** What the writes in flight may change (undefined: anything). */
  readonly #writing = new Set<{ changed: Changed | undefined }>();

  /** The answer of a read already asked in this run, if any (in flight or done). */
  public get<T>(key: string): Promise<T> | undefined {
    return this.#reads.get(key) as Promise<T> | undefined;
  }

  public has(key: string): boolean {
    return this.#reads.has(key);
  }

  /** The answer of a read already asked in this run, else asks it (once: a read in flight is shared). */
  public remember<T>(key: string, read: Promise<T> | (() => Promise<T>)): Promise<T> {
    const known = this.get<T>(key);
    if (known) return known;
    const answer = typeof read === 'function' ? read() : read;
    this.#reads.set(key, answer);
    // A failed read is not remembered, a later attempt asks again; except Salesforce's refusal (a type the org does
    // not have, a permission the user lacks), which stays the answer for the run: asking again would be refused again.
    answer.catch((error: unknown) => {
      const fault = (error as SfError<{ fault?: string }>)?.data?.fault;
      if (fault !== 'refused' && fault !== 'permission' && this.#reads.get(key) === answer) this.#reads.delete(key);
    });
    return answer;
  }

  /** Everything is read again from now on (a person may have changed the org meanwhile). */
  public clear(): void {
    this.#reads.clear();
  }

  /** Forgets one answer: the next read asks the org again (a state that changes by itself). */
  public drop(key: string): void {
    this.#reads.delete(key);
  }

  /**
   * What a write's own answer says the org now has (a component it saved, a record it created with its new Id): kept as
   * the answer of the read that would ask for it, so that nothing is read back only to learn what the write said.
   */
  public learn<T>(key: string, answer: T): void {
    this.#reads.set(key, Promise.resolve(answer));
  }

  /**
   * A write: once it is done (or failed: it may have landed in part), the answers it may have changed are forgotten,
   * and only those.
   */
  public async write<T>(fn: () => Promise<T>, written: Written): Promise<T> {
    const writing = { changed: changedBy(written) };
    this.#writing.add(writing);
    try {
      return await fn();
    } finally {
      this.#writing.delete(writing);
      this.forget(writing.changed);
    }
  }

  /**
   * A write asked for but not sent yet (it waits to go with others of its kind): counted as in flight from now, until
   * the returned release (the write itself forgets what it changes when it is done).
   */
  public announce(written: Written): () => void {
    const writing = { changed: changedBy(written) };
    this.#writing.add(writing);
    return () => this.#writing.delete(writing);
  }

  /** Whether a write in flight may change the answer of this read: asked now, it could be out of date at once. */
  public mayChange(key: string): boolean {
    return [...this.#writing].some(({ changed }) => !changed || isChanged(key, changed));
  }

  /**
   * What each kept answer rests on: a metadata component is changed only by a write of itself, a listMetadata only by
   * a write of one of its types, a query only by a write of an sObject it reads or one the written metadata makes or
   * changes (platform-rules readsChangedBy: a site makes its guest user, profile and permission set; an app its OAuth
   * consumer), a REST GET of the apps' OAuth credentials only by a write of an app, a callout check by a write of a
   * named credential, an auth provider or an app. A write of a type readsChangedBy does not know forgets everything.
   */
  private forget(changed: Changed | undefined): void {
    if (!changed) {
      this.#reads.clear();
      return;
    }
    for (const key of [...this.#reads.keys()]) if (isChanged(key, changed)) this.#reads.delete(key);
  }
}

type Changed = {
  metadataKeys: Set<string>;
  listedTypes: Set<string>;
  sobjects: Set<string>;
  restPrefixes: string[];
  apex: boolean;
};

/** The reads a write may have changed, or undefined when it is not known (everything then is). */
function changedBy(written: Written): Changed | undefined {
  const changed: Changed = {
    metadataKeys: new Set(),
    listedTypes: new Set(),
    sobjects: new Set(),
    restPrefixes: [],
    apex: false,
  };
  if (written.sobject) for (const o of readsChangedBy({ sobject: written.sobject }) ?? []) changed.sobjects.add(o);
  if (written.rest) changed.restPrefixes.push(written.rest);
  // The app's OAuth credentials (a rotation) are what a callout through its named credential signs in with.
  if (written.rest?.startsWith('/apps/oauth/')) changed.apex = true;
  for (const c of written.metadata ?? []) {
    const rests = readsChangedBy({ metadataType: c.type });
    if (!rests) return undefined;
    changed.metadataKeys.add(readKey.metadata(c.type, c.fullName));
    changed.listedTypes.add(c.type);
    // A deploy of an External Client App may make parts of its own (a default policy): every part type's list changes.
    if (writtenByDeploy(c.type))
      for (const t of [EXTERNAL_CLIENT_APP_HEADER, ...EXTERNAL_CLIENT_APP_PARTS]) changed.listedTypes.add(t);
    for (const o of rests)
      if (o === ANONYMOUS_APEX) changed.apex = true;
      else if (o.startsWith('/')) changed.restPrefixes.push(o);
      else changed.sobjects.add(o.toLowerCase());
  }
  return changed;
}

/** Whether the read under this key may have been changed (a key of no known kind always may). */
function isChanged(key: string, changed: Changed): boolean {
  if (key.startsWith('readMetadata ')) return changed.metadataKeys.has(key);
  if (key.startsWith('listMetadata '))
    return key
      .slice('listMetadata '.length)
      .split(',')
      .some((t) => changed.listedTypes.has(t));
  if (key.startsWith('query ')) return sobjectsOf(key).some((o) => changed.sobjects.has(o));
  if (key.startsWith('GET ')) return changed.restPrefixes.some((p) => key.includes(p));
  if (key.startsWith('executeAnonymous ')) return changed.apex;
  return true;
}
