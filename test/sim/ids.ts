/*
 * Salesforce record ids: 3-char key prefix + 12 chars = 15-char case-sensitive id, plus a 3-char checksum suffix
 * that makes the 18-char case-insensitive form.
 */
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function to18(id15: string): string {
  if (id15.length !== 15) throw new Error(`not a 15-char id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(flags);
  }
  return id15 + suffix;
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** The canonical 18-char form of a 15- or 18-char id, or undefined when the string is not shaped like an id. */
export function normalizeId(id: string): string | undefined {
  if (!ID_SHAPE.test(id)) return undefined;
  if (id.length === 15) return to18(id);
  if (to18(id.slice(0, 15)) === id) return id;
  // The suffix encodes which of the first 15 chars are upper case: restore the case from it.
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SUFFIX_CHARS.indexOf(id.charAt(15 + chunk).toUpperCase());
    if (flags < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = id.charAt(chunk * 5 + i);
      restored += flags & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  const canonical = to18(restored);
  return canonical.toLowerCase() === id.toLowerCase() ? canonical : undefined;
}

/** Generates ids per key prefix: prefix + zero-padded counter (digits only), 18-char form. */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  public next(prefix: string): string {
    if (!/^[a-zA-Z0-9]{3}$/.test(prefix)) throw new Error(`bad key prefix ${prefix}`);
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return to18(prefix + String(n).padStart(12, '0'));
  }

  /** Continues where another org's ids are (a sandbox copy keeps its records' ids: new ones must not collide). */
  public copyFrom(other: IdFactory): void {
    for (const [prefix, n] of other.counters) this.counters.set(prefix, Math.max(n, this.counters.get(prefix) ?? 0));
  }
}

/** Whether two ids (15 or 18 chars, any case for 18) name the same record. */
export function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  const na = normalizeId(a);
  return na !== undefined && na === normalizeId(b);
}
