/**
 * Calls of one kind asked for in the same turn of the event loop (independent steps writing at the same level of the
 * guide, say the two named credentials), sent as one call of up to `max` items per key (a metadata type, an sObject):
 * each caller is answered its own items' outcomes, in its order. A call that fails as a whole fails every caller in it.
 * This is the one place where writes of different steps are put together.
 */
export class Coalescer<Item, Outcome> {
  readonly #pending = new Map<string, Array<{ items: readonly Item[]; done: Deferred<Outcome[]> }>>();
  #scheduled = false;

  public constructor(
    private readonly max: number,
    private readonly send: (key: string, items: readonly Item[]) => Promise<Outcome[]>,
  ) {}

  /** Asks for these items to be sent (with others of the same key, when any come in the same turn). */
  public enqueue(key: string, items: readonly Item[]): Promise<Outcome[]> {
    const done = deferred<Outcome[]>();
    this.#pending.set(key, [...(this.#pending.get(key) ?? []), { items, done }]);
    if (!this.#scheduled) {
      this.#scheduled = true;
      // After the microtasks of this turn: every step that reached its write with what it already knew is in.
      setImmediate(() => this.flush());
    }
    return done.promise;
  }

  private flush(): void {
    this.#scheduled = false;
    const groups = [...this.#pending];
    this.#pending.clear();
    for (const [key, callers] of groups) for (const chunk of chunks(callers, this.max)) void this.sendChunk(key, chunk);
  }

  private async sendChunk(
    key: string,
    callers: ReadonlyArray<{ items: readonly Item[]; done: Deferred<Outcome[]> }>,
  ): Promise<void> {
    try {
      const outcomes = await this.send(
        key,
        callers.flatMap((c) => c.items),
      );
      let at = 0;
      for (const c of callers) {
        c.done.resolve(outcomes.slice(at, at + c.items.length));
        at += c.items.length;
      }
    } catch (error) {
      for (const c of callers) c.done.reject(error);
    }
  }
}

type Deferred<T> = { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Callers grouped so that no call carries more than `max` items; a caller's items are never split. */
function chunks<C extends { items: readonly unknown[] }>(callers: readonly C[], max: number): C[][] {
  const out: C[][] = [];
  let size = 0;
  for (const c of callers) {
    const last = out.at(-1);
    if (last && size + c.items.length <= max) {
      last.push(c);
      size += c.items.length;
    } else {
      out.push([c]);
      size = c.items.length;
    }
  }
  return out;
}
