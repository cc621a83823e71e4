/*
 * The demo: the real `sf` CLI, with this plugin linked, against the simulated org. No Salesforce org or
 * RingCentral account is needed. Run: npm run demo
 */
import { SimulatedOrg } from '../test/sim/index.js';
import { REPO_ROOT, SfCli } from '../test/e2e/harness.js';

const ALIAS = 'eci-demo';
// A stand-in for the RingCentral app's client secret; it reaches the plugin through the environment only.
const DEMO_ENV = { RINGCENTRAL_CLIENT_SECRET: 'demo-client-secret-not-real' };

const bold = (s: string): string => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);

async function main(): Promise<void> {
  const org = await SimulatedOrg.start();
  const cli = await SfCli.create();
  try {
    console.log(bold(`Simulated org at ${org.instanceUrl}; logging the sf CLI in as ${org.username} (alias ${ALIAS}).`));
    await cli.login(org, ALIAS);
    await cli.linkPlugin(REPO_ROOT);

    const steps: Array<[string, string[]]> = [
      ['1. What would the RingCentral auth provider step change? (dry run)', ['eci', 'ringcentral', 'create-auth-provider', '-o', ALIAS, '--client-id', 'DemoClientId123', '--dry-run']],
      ['2. Apply it (the client secret comes from RINGCENTRAL_CLIENT_SECRET)', ['eci', 'ringcentral', 'create-auth-provider', '-o', ALIAS, '--client-id', 'DemoClientId123']],
      ['3. Run it again: nothing to change', ['eci', 'ringcentral', 'create-auth-provider', '-o', ALIAS, '--client-id', 'DemoClientId123']],
    ];
    let failed = 0;
    for (const [title, args] of steps) {
      console.log(`\n${bold(title)}\n$ sf ${args.join(' ')}`);
      const r = await cli.run(args, { env: DEMO_ENV });
      // stderr first: it carries the progress line and warnings, which a terminal shows before the result.
      process.stdout.write(r.stderr);
      process.stdout.write(r.stdout);
      if (r.code !== 0) {
        failed++;
        console.log(`(exit code ${r.code})`);
      }
    }
    const provider = org.getMetadata('AuthProvider', 'Ring_Central');
    console.log(`\n${bold('The simulated org now holds AuthProvider Ring_Central:')}\n${JSON.stringify(provider, null, 2)}`);
    console.log(`\n${bold('Writes the org received in total:')} ${org.writes().length}`);
    if (failed) process.exitCode = 1;
  } finally {
    await cli.cleanup();
    await org.stop();
  }
}

await main();
