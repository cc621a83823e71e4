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

/**
 * Where a secret may come from: an environment variable, standard input (a `--…-stdin` flag, as
 * `sf org login sfdx-url --sfdx-url-stdin` does), or a masked prompt. Never a flag value: flag values
 * land in shell history and process lists.
 */
export type SecretIntake = {
  /** What the secret is, for messages: "RingCentral client secret". */
  name: string;
  envVar: string;
  stdinFlag: string;
};

/** The RingCentral app's client secret, for the RingCentral auth provider. */
export const RINGCENTRAL_CLIENT_SECRET: SecretIntake = {
  name: 'RingCentral client secret',
  envVar: 'RINGCENTRAL_CLIENT_SECRET',
  stdinFlag: 'client-secret-stdin',
};

/** The ECI app's consumer secret, for the ECI auth provider (when the app was not made in this run). */
export const ECI_CONSUMER_SECRET: SecretIntake = {
  name: 'ECI connected app consumer secret',
  envVar: 'ECI_CONSUMER_SECRET',
  stdinFlag: 'consumer-secret-stdin',
};

/** The ECI app's consumer key, when given by the environment (Setup shows it only after verification too). */
export const ECI_CONSUMER_KEY_ENV = 'ECI_CONSUMER_KEY';
