/*
 * Packaging, as a user gets the plugin: `npm pack`, published to a registry, `sf plugins install <name>` with the
 * unsigned-plugin confirmation answered the documented way (the CLI's allow-list file), then a command run from
 * the installed copy (not the linked source) against the simulated org.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { SimulatedOrg } from '../sim/index.js';
import { REPO_ROOT, SfCli } from './harness.js';
import { listTarball, LocalRegistry } from './local-registry.js';

const PLUGIN = '@eci-tools/plugin-eci-ringcentral';
const SECRET = 'PackagedSecret-4b1d9e';

describe('packaging: npm pack, then sf plugins install from a registry', function () {
  this.timeout(300_000);
  let packDir: string;
  let tarball: string;
  let files: string[];
  let registry: LocalRegistry;
  let cli: SfCli;
  let org: SimulatedOrg;

  before(async () => {
    packDir = await mkdtemp(join(tmpdir(), 'eci-pack-'));
    // lib/ and oclif.manifest.json are current: `npm test` builds and checks them before the tests run.
    const { stdout } = await promisify(execFile)(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
      { cwd: REPO_ROOT },
    );
    tarball = join(packDir, (JSON.parse(stdout) as Array<{ filename: string }>)[0].filename);
    files = await listTarball(tarball);
  });

  after(async () => {
    await registry?.stop();
    await org?.stop();
    await cli?.cleanup();
    await rm(packDir, { recursive: true, force: true });
  });

  it('packs the compiled code, messages, schemas, the manifest and the shrinkwrap, and no sources or tests', () => {
    for (const f of [
      'package/package.json',
      'package/README.md',
      'package/oclif.manifest.json',
      'package/npm-shrinkwrap.json',
      'package/lib/commands/eci/ringcentral/create-auth-provider.js',
      'package/messages/eci.ringcentral.create-auth-provider.md',
      'package/schemas/eci-ringcentral-create__auth__provider.json',
    ]) {
      expect(files, f).to.include(f);
    }
    expect(
      files.filter((f) => /^package\/(src|test|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    ).to.deep.equal([]);
  });

  it('installs with sf plugins install from the registry, skipping the signature prompt through the allow list', async () => {
    registry = await LocalRegistry.serve(tarball);
    cli = await SfCli.create();
    await mkdir(join(cli.home, '.config', 'sf'), { recursive: true });
    await writeFile(join(cli.home, '.config', 'sf', 'unsignedPluginAllowList.json'), JSON.stringify([PLUGIN]));
    await writeFile(join(cli.home, '.npmrc'), `@eci-tools:registry=${registry.url}\n`);

    const install = await cli.run(['plugins', 'install', PLUGIN], {
      timeoutMs: 240_000,
      env: { npm_config_userconfig: join(cli.home, '.npmrc') },
    });
    expect(install.code, `${install.stdout}\n${install.stderr}`).to.equal(0);
    expect(install.stdout + install.stderr).to.match(/allow ?list|signature/i);

    const plugins = await cli.run(['plugins', '--json']);
    const entry = (plugins.json as Array<{ name: string; type: string; root: string }>).find((p) => p.name === PLUGIN);
    expect(entry?.type).to.equal('user');
    expect(entry?.root).to.include(join(cli.home, '.local', 'share', 'sf'));
    // The shrinkwrap was honoured: the installed plugin loads on this Node, whatever its major.
    const manifest = JSON.parse(await readFile(join(entry!.root, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).to.match(/^\d+\.\d+\.\d+/);
  });

  it('runs the installed command against the simulated org', async () => {
    org = await SimulatedOrg.start();
    await cli.login(org, 'packaged');
    const r = await cli.run(
      ['eci', 'ringcentral', 'create-auth-provider', '-o', 'packaged', '--client-id', 'PackagedClient1', '--json'],
      {
        env: { RINGCENTRAL_CLIENT_SECRET: SECRET },
      },
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json.result.components[0]).to.include({ type: 'AuthProvider', name: 'Ring_Central', status: 'created' });
    expect(org.getMetadata('AuthProvider', 'Ring_Central')).to.include({
      consumerKey: 'PackagedClient1',
      providerType: 'OpenIdConnect',
    });
    expect(r.stdout + r.stderr).to.not.include(SECRET);
  });
});
