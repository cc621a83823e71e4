/*
 * The environment of every process of the suite (loaded by .mocharc's `require`, before any test, in mocha's main
 * process and in each worker of a parallel run):
 *  - The org layer retries a read after 2 ms instead of 500 ms and polls a deploy every 10 ms instead of every second:
 *    the same schedule and the same code, read from the environment by src/org/fault-policy.ts, in-process runs and
 *    every `sf` run alike (the e2e harness passes the environment on). A test of the schedule itself gives its own
 *    (OrgAccess's `retry` option, fault-policy.test.ts).
 *  - Where each process leaves its figures for the summary line (fault-stats.ts): one folder for the whole run.
 *  - A worker of a parallel run has a temporary folder of its own: files @salesforce/core's test context keeps there
 *    under fixed names (the alias file) are not shared with the other worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.ECI_RETRY_DELAY_MS ??= '2';
process.env.ECI_DEPLOY_POLL_MS ??= '10';
process.env.ECI_TEST_STATS_DIR ??= mkdtempSync(join(tmpdir(), 'eci-test-stats-'));

if (process.env.MOCHA_WORKER_ID !== undefined && !process.env.ECI_WORKER_TMPDIR) {
  const own = mkdtempSync(join(tmpdir(), `eci-worker-${process.env.MOCHA_WORKER_ID}-`));
  process.env.ECI_WORKER_TMPDIR = own;
  process.env.TMPDIR = own;
  process.on('exit', () => rmSync(own, { recursive: true, force: true }));
}

export {};
