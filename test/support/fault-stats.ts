/*
 * Counts of the reliability catalogue: fault cases, interruptions, bad inputs and secret checks, each run and passed.
 * The tests count; the summary reporter (summary-reporter.cjs) prints one line at the end of `npm test`. Each process
 * of the run (one, or mocha's workers in parallel) saves its counts in the run's folder (suite-env.ts), where the
 * reporter adds them up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  /** Figures that are this process's total so far, not an increment (the secrets audit's). */
  set(kind: StatKind, run: number, passed: number): void {
    counts()[kind] = { run, passed };
  },
  /** This process's counts, for the reporter. */
  save(): void {
    const dir = process.env.ECI_TEST_STATS_DIR;
    if (dir) writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(counts()));
  },
};
