/*
 * Counts of the reliability catalogue (issue 9): fault cases, interruptions, bad inputs and secret checks, each run
 * and passed. The tests count; the summary reporter prints one line at the end of `npm test`.
 */
export type StatKind = 'fault' | 'interruption' | 'bad-input' | 'secret';

type Counts = Record<StatKind, { run: number; passed: number }>;

const KEY = Symbol.for('eci.reliability-stats');
const store = globalThis as unknown as { [KEY]?: Counts };

function counts(): Counts {
  store[KEY] ??= {
    fault: { run: 0, passed: 0 },
    interruption: { run: 0, passed: 0 },
    'bad-input': { run: 0, passed: 0 },
    secret: { run: 0, passed: 0 },
  };
  return store[KEY];
}

export const faultStats = {
  count(kind: StatKind, n = 1): void {
    counts()[kind].run += n;
  },
  pass(kind: StatKind, n = 1): void {
    counts()[kind].passed += n;
  },
};
