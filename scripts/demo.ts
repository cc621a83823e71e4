/*
 * The demo: the real `sf` CLI, with this plugin linked, runs the whole guide against the simulated org and a
 * stand-in of RingCentral's OAuth endpoints. No Salesforce org or RingCentral account is needed.
 *   npm run demo
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedOrg } from '../test/sim/index.js';
import { FakeRingCentral } from '../test/sim/ringcentral.js';
import { installVoiceConnector } from '../test/sim/voice-connector-seed.js';
import { REPO_ROOT, SfCli } from '../test/e2e/harness.js';

const ALIAS = 'eci-demo';
const CLIENT_ID = 'DemoClientId123';
// Stand-in for the RingCentral app's client secret; it reaches the plugin only through the environment.
const ENV: Record<string, string> = { RINGCENTRAL_CLIENT_SECRET: 'demo-client-secret-not-real' };

const bold = (s: string): string => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);

async function main(): Promise<void> {
  // An org where the Voice Connector app is installed (Sites on, SiteLogin page, the ECI permission sets).
  // It lets its REST API give the External Client App's consumer secret, which the org keeps for itself: without that
  // setting configure stops at the ECI auth provider and names it (exit 68).
  const org = await SimulatedOrg.start({ seed: { settings: { clientSecretInRestApiAccess: true } } });
  installVoiceConnector(org);
  // The admin's RingCentral app, whose redirect URI still is the guide's placeholder.
  const rc = await FakeRingCentral.start({
    apps: [
      {
        clientId: CLIENT_ID,
        clientSecret: ENV.RINGCENTRAL_CLIENT_SECRET,
        redirectUris: ['https://dummyurl.com'],
        authCodeFlow: true,
        environment: 'production',
      },
    ],
  });
  const cli = await SfCli.create();
  // The demo's "browser": a script that records each URL --open gives it; the demo's "person" acts on each one.
  const dir = await mkdtemp(join(tmpdir(), 'eci-demo-browser-'));
  const record = join(dir, 'opened.txt');
  ENV.BROWSER = join(dir, 'browser');
  await writeFile(ENV.BROWSER, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${record}'\n`);
  await chmod(ENV.BROWSER, 0o755);
  let unexpected = 0;
  const sf = async (title: string, args: string[], expectedCode = 0): Promise<void> => {
    console.log(`\n${bold(title)}\n$ sf ${args.join(' ')}`);
    const r = await cli.run(args, { env: ENV, timeoutMs: 120_000 });
    // stderr first: it carries progress and warnings, which a terminal shows before the result.
    process.stdout.write(r.stderr);
    process.stdout.write(r.stdout);
    console.log(`(exit code ${r.code})`);
    if (r.code !== expectedCode) unexpected++;
  };
  try {
    console.log(bold(`Simulated org at ${org.instanceUrl} (user ${org.username}); RingCentral stand-in at ${rc.url}.`));
    await cli.login(org, ALIAS);
    await cli.linkPlugin(REPO_ROOT);

    const configure = [
      'eci',
      'ringcentral',
      'configure',
      '-o',
      ALIAS,
      '--client-id',
      CLIENT_ID,
      '--server',
      rc.url,
      '--contact-email',
      'admin@sim.example',
      '--integration-username',
      'eci.integration@sim.example',
      '--integration-email',
      'admin@sim.example',
    ];
    const verify = [
      'eci',
      'ringcentral',
      'verify',
      '-o',
      ALIAS,
      '--integration-username',
      'eci.integration@sim.example',
    ];

    await sf('1. The plan for the whole guide (dry run: nothing is written)', [...configure, '--dry-run']);
    await sf('2. Configure everything', configure);
    await sf('3. Verify: what only a person can do is still open, and verify says so (exit 1)', verify, 1);

    // The person, in the browser: each URL --open gives it, a few seconds later, is done in the stand-ins.
    let acting = true;
    const person = (async (): Promise<void> => {
      const done = new Set<string>();
      while (acting) {
        const urls = (await readFile(record, 'utf8').catch(() => '')).split('\n').filter((u) => u && !done.has(u));
        for (const url of urls) {
          done.add(url);
          await new Promise((r) => setTimeout(r, 3_000));
          if (url.startsWith('https://developers.ringcentral.com/')) {
            console.log(`   (the person pastes the callback URL into the RingCentral app's OAuth Redirect URI)`);
            rc.app(CLIENT_ID)!.redirectUris = [`${org.instanceUrl}/services/authcallback/Ring_Central`];
          } else {
            const nc = url.includes('/ECI_Auth_Provider') ? 'ECI_Named_Credential' : 'Ring_Central';
            console.log(`   (the person completes the OAuth consent of ${nc} and clicks Allow)`);
            org.settings.authorizedNamedCredentials = [...org.settings.authorizedNamedCredentials, nc];
          }
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    await sf(
      '4. Verify --open --wait: each open step opens in the browser in turn, and verify passes (exit 0) once the person has done them',
      [...verify, '--open', '--wait', '5'],
    );
    acting = false;
    await person;
    await sf("5. Configure again: nothing to change, and nothing handed over (the person's steps are done)", configure);
    console.log(`\n${bold('Writes the org received in all:')} ${org.writes().length}`);
    if (unexpected) {
      console.log(`${unexpected} command(s) ended with an unexpected exit code.`);
      process.exitCode = 1;
    }
  } finally {
    await cli.cleanup();
    await rm(dir, { recursive: true, force: true });
    await rc.stop();
    await org.stop();
  }
}

await main();
