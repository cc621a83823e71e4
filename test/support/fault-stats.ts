/*
 * Counts of the reliability catalogue: fault cases, interruptions, bad inputs and secret checks, each run and passed,
 * and the fault cases by the path they meet (the first read, a write, the deploy, its status polls, a check-only
 * deploy, a REST read, a delete, the export). The tests count; the summary reporter (summary-reporter.cjs) prints them
 * at the end of `npm test`. Each process of the run (one, or mocha's workers in parallel) saves its counts in the run's
 * folder (suite-env.ts), where the reporter adds them up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type StatKind = 'fault' | 'interruption' | 'bad-input' | 'secret';

/** Where a fault case strikes. */
export type FaultPath =
  | 'read'
  | 'write'
  | 'deploy'
  | 'status poll'
  | 'check-only'
  | 'REST read'
  | 'delete'
  | 'export'
  | 'timeout';

type Count = { run: number; passed: number };
type Counts = Record<StatKind, Count> & { paths: Record<string, Count> };

const KEY = Symbol.for('eci.reliability-stats');
const store = globalThis as unknown as { [KEY]?: Counts };

function counts(): Counts {
  store[KEY] ??= {
    fault: { run: 0, passed: 0 },
    interruption: { run: 0, passed: 0 },
    'bad-input': { run: 0, passed: 0 },
    secret: { run: 0, passed: 0 },
    paths: {},
  };
  return store[KEY];
}

const pathCount = (path: FaultPath): Count => (counts().paths[path] ??= { run: 0, passed: 0 });

export const faultStats = {
  count(kind: StatKind, n = 1, path?: FaultPath): void {
    counts()[kind].run += n;
    if (path) pathCount(path).run += n;
  },
  pass(kind: StatKind, n = 1, path?: FaultPath): void {
    counts()[kind].passed += n;
    if (path) pathCount(path).passed += n;
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
