/*
 * Benchmarks what the user waits for, against the simulated org (loopback, so the figures are the plugin's own
 * cost plus the CLI's start-up, not Salesforce's latency). Run: npm run bench  [-- --runs N]
 *
 * 1. The real sf CLI: help (plugin load), dry run, first run (create), re-run (unchanged).
 * 2. In process: plan (read + diff) of N components, with the number of API calls batching makes.
 */
import { performance } from 'node:perf_hooks';
import { AuthInfo, Connection } from '@salesforce/core';
import { plan } from '../src/engine/engine.js';
import type { MetadataComponent } from '../src/engine/types.js';
import { OrgAccess } from '../src/org/org-access.js';
import { SimulatedOrg } from '../test/sim/index.js';
import { REPO_ROOT, SfCli } from '../test/e2e/harness.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (name: string, ms: number[], extra = ''): string =>
  `${name.padEnd(52)} median ${String(Math.round(median(ms))).padStart(6)} ms   min ${String(Math.round(Math.min(...ms))).padStart(6)} ms${extra}`;

async function cliBench(): Promise<string[]> {
  const cli = await SfCli.create();
  const lines: string[] = [];
  try {
    await cli.linkPlugin(REPO_ROOT);
    const env = { RINGCENTRAL_CLIENT_SECRET: 'bench-secret-not-real' };
    const base = ['eci', 'ringcentral', 'create-auth-provider', '--client-id', 'BenchClient1'];
    const time = async (args: string[]): Promise<number> => {
      const r = await cli.run(args, { env });
      if (r.code !== 0) throw new Error(`sf ${args.join(' ')} failed: ${r.stderr}`);
      return r.ms;
    };
    const help: number[] = [];
    const dry: number[] = [];
    const create: number[] = [];
    const rerun: number[] = [];
    const version: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      version.push(await time(['version']));
      help.push(await time([...base.slice(0, 3), '--help']));
      const org = await SimulatedOrg.start();
      await cli.login(org, `bench${i}`);
      dry.push(await time([...base, '-o', `bench${i}`, '--dry-run']));
      create.push(await time([...base, '-o', `bench${i}`]));
      rerun.push(await time([...base, '-o', `bench${i}`]));
      await org.stop();
    }
    lines.push(`sf CLI, ${RUNS} runs each (Node ${process.version}):`);
    lines.push(row('  sf version (the CLI alone, for reference)', version));
    lines.push(row('  create-auth-provider --help (plugin load)', help));
    lines.push(row('  create-auth-provider --dry-run', dry));
    lines.push(row('  create-auth-provider (creates)', create));
    lines.push(row('  create-auth-provider again (unchanged, 0 writes)', rerun));
  } finally {
    await cli.cleanup();
  }
  return lines;
}

async function planBench(): Promise<string[]> {
  const lines = ['In process, plan (read + diff) against the simulated org:'];
  for (const n of [1, 10, 50]) {
    const org = await SimulatedOrg.start();
    const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl } });
    const access = new OrgAccess(await Connection.create({ authInfo }));
    const components: MetadataComponent[] = Array.from({ length: n }, (_, i) => ({
      kind: 'metadata',
      type: 'AuthProvider',
      fullName: `Bench_${i}`,
      label: 'bench',
      fields: { friendlyName: `Bench ${i}`, providerType: 'Salesforce' },
    }));
    const ms: number[] = [];
    let calls = 0;
    for (let r = 0; r < RUNS; r++) {
      const before = org.calls.length;
      const t = performance.now();
      await plan(components, access);
      ms.push(performance.now() - t);
      calls = org.calls.length - before;
    }
    lines.push(row(`  ${n} components`, ms, `   ${calls} readMetadata call(s)`));
    await org.stop();
  }
  return lines;
}

const out = [...(await planBench()), '', ...(await cliBench())];
console.log(out.join('\n'));
