import { inspect } from 'node:util';

const MASK = '********';

/**
 * A secret value (client secret, consumer secret, token). It prints as a mask however it is printed:
 * String(), JSON.stringify, util.inspect and template strings all give `********`, so a secret that
 * slips into a result, a log line or an error message is still not disclosed. Only `reveal()` gives the
 * value, and only the org layer calls it, at the moment it builds a request.
 */
export class Secret {
  readonly #value: string;

  public constructor(value: string) {
    this.#value = value;
  }

  public reveal(): string {
    return this.#value;
  }

  /** Whether a value read back from the org is this secret (e.g. a consumer key), without revealing it. */
  public matches(value: unknown): boolean {
    return typeof value === 'string' && value === this.#value;
  }

  public get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  public toString(): string {
    return MASK;
  }

  public toJSON(): string {
    return MASK;
  }

  public [inspect.custom](): string {
    return MASK;
  }
}

export const SECRET_MASK = MASK;

/** Replaces every occurrence of the given secrets' values in a text: for messages that come back from a server. */
export function redact(text: string, secrets: ReadonlyArray<Secret | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    const value = secret?.reveal();
    if (value && value.length >= 4) out = out.split(value).join(MASK);
  }
  return out;
}
