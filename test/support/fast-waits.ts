/*
 * The suite's waits (loaded by .mocharc's `require`, before any test): the org layer retries a read after 2 ms
 * instead of 500 ms and polls a deploy every 10 ms instead of every second. Same schedule and same code, read from
 * the environment by src/org/fault-policy.ts, in-process runs and every `sf` run alike (the e2e harness passes the
 * environment on). A test of the schedule itself gives its own (OrgAccess's `retry` option, fault-policy.test.ts).
 */
process.env.ECI_RETRY_DELAY_MS ??= '2';
process.env.ECI_DEPLOY_POLL_MS ??= '10';

export {};
