/*
 * Standalone simulated org:  npx tsx test/sim/run.ts [--port N] [--seed file.json]
 * Prints one JSON line {"instanceUrl":…,"accessToken":…} and serves until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SimulatedOrg, type SimSeed } from './index.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, seed: { type: 'string' } } });
const seed = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as SimSeed) : undefined;
const org = await SimulatedOrg.start({ seed, port: values.port ? Number(values.port) : undefined });
process.stdout.write(
  JSON.stringify({
    instanceUrl: org.instanceUrl,
    accessToken: org.accessToken,
    orgId: org.orgId,
    username: org.username,
  }) + '\n',
);

const shutdown = (): void => {
  void org.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
