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
import type { MetadataComponent } from '../src/model/component.js';
import { OrgAccess } from '../src/org/org-access.js';
import { SimulatedOrg } from '../test/sim/index.js';
import { installVoiceConnector } from '../test/sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli } from '../test/e2e/harness.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (name: string, ms: number[], extra = ''): string =>
  `${name.padEnd(60)} median ${String(Math.round(median(ms))).padStart(6)} ms   min ${String(Math.round(Math.min(...ms))).padStart(6)} ms${extra}`;

async function cliBench(): Promise<string[]> {
  const cli = await SfCli.create();
  const lines: string[] = [];
  try {
    await cli.linkPlugin(REPO_ROOT);
    const env = { RINGCENTRAL_CLIENT_SECRET: 'bench-secret-not-real' };
    const time = async (args: string[], okCodes = [0]): Promise<number> => {
      const r = await cli.run(args, { env, timeoutMs: 120_000 });
      if (!okCodes.includes(r.code)) throw new Error(`sf ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.ms;
    };
    const rows: Record<string, number[]> = {};
    const add = (name: string, ms: number): void => {
      (rows[name] ??= []).push(ms);
    };
    for (let i = 0; i < RUNS; i++) {
      add('sf version (the CLI alone, for reference)', await time(['version']));
      add(
        'create-auth-provider --help (plugin load)',
        await time(['eci', 'ringcentral', 'create-auth-provider', '--help']),
      );
      const org = await SimulatedOrg.start({ seed: { settings: { clientSecretInRestApiAccess: true } } });
      installVoiceConnector(org);
      await cli.login(org, `bench${i}`);
      const rc = ['eci', 'ringcentral', 'create-auth-provider', '-o', `bench${i}`, '--client-id', 'BenchClient1'];
      add('create-auth-provider --dry-run', await time([...rc, '--dry-run']));
      add('create-auth-provider (creates 1 component)', await time(rc));
      add('create-auth-provider again (unchanged, 0 writes)', await time(rc));
      const configure = [
        'eci',
        'ringcentral',
        'configure',
        '-o',
        `bench${i}`,
        '--client-id',
        'BenchClient1',
        '--contact-email',
        'bench@sim.example',
        '--integration-username',
        'bench.int@sim.example',
        '--integration-email',
        'bench@sim.example',
      ];
      add('configure --dry-run (8 steps)', await time([...configure, '--dry-run']));
      const before = org.writes().length;
      add('configure (creates the rest: 7 steps, 14 components)', await time(configure));
      const writes = org.writes().length - before;
      const settled = org.writes().length;
      add('configure again (all unchanged)', await time(configure));
      if (org.writes().length !== settled) throw new Error('configure wrote on a re-run');
      add(
        'verify (13 checks; RingCentral unreachable here)',
        await time(['eci', 'ringcentral', 'verify', '-o', `bench${i}`], [0, 1]),
      );
      if (i === 0) lines.push(`(configure sent ${writes} write calls for its components, batched per type)`);
      await org.stop();
    }
    lines.unshift(`sf CLI against the simulated org, ${RUNS} runs each (Node ${process.version}):`);
    for (const [name, ms] of Object.entries(rows)) lines.push(row(`  ${name}`, ms));
  } finally {
    await cli.cleanup();
  }
  return lines;
}

async function planBench(): Promise<string[]> {
  const lines = ['In process, plan (read + diff) against the simulated org:'];
  for (const n of [1, 10, 50]) {
    const org = await SimulatedOrg.start();
    const authInfo = await AuthInfo.create({
      accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl },
    });
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
