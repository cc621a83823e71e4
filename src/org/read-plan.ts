/**
 * The read phase: what a run needs to read, declared by the steps before anything is read, and sent at
 * once. A read request is the same read an ordinary call would make, named the same way, so its answer lands in the
 * run's read cache under the key the ordinary call looks up: a step keeps calling `org.query`/`readMetadata` and
 * gets the remembered answer.
 */
export type ReadRequest =
  | { kind: 'metadata'; type: string; fullName: string }
  | { kind: 'query'; soql: string }
  | { kind: 'list'; types: readonly string[] }
  | { kind: 'rest'; path: string; minVersion?: number }
  | { kind: 'apex'; apex: string }
  | { kind: 'userinfo' };

/** A read the planning reader does not know the answer of yet: declared, to be sent in the next round. */
export class NotKnownYet extends Error {
  public constructor(what: string) {
    super(`not read yet: ${what}`);
    this.name = 'NotKnownYet';
  }
}

/** Awaits reads independently: each is declared in the same round, whatever the others answer. */
export async function settled<T extends readonly unknown[]>(
  reads: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const results = await Promise.allSettled(reads as ReadonlyArray<Promise<unknown>>);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
