/*
 * Every secret and token the simulators hold or hand out: the org's access token, the consumer keys and secrets it
 * stores or generates, the simulated RingCentral's client secrets. Whoever audits what a run printed or wrote reads
 * them here (the suite's secrets audit, test/support/secrets-audit.ts): the simulators know nothing of their users.
 * The registry lives on globalThis so that every copy of this module sees the same one.
 */
const KEY = Symbol.for('eci.simulator-secrets');
const store = globalThis as unknown as { [KEY]?: Map<string, string> };

const registry = (): Map<string, string> => (store[KEY] ??= new Map());

/** A secret a simulator holds or handed out; `label` says what it is (never the value). */
export function simulatorSecret(value: unknown, label: string): void {
  if (typeof value === 'string' && value && !registry().has(value)) registry().set(value, label);
}

/** Every secret registered so far, with its label. */
export function simulatorSecrets(): ReadonlyMap<string, string> {
  return registry();
}
