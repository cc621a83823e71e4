/*
 * A one-package npm registry on 127.0.0.1: what a company's private registry does for the plugin. The packed
 * tarball is served under its scope (`@eci-tools:registry=` in the test's .npmrc); every other package comes from
 * the public registry as usual. Installing through a registry, as users do, matters on Node 20: npm honours the
 * plugin's npm-shrinkwrap.json (which pins the undici that Node 20 can load) only for a registry package, whose
 * metadata says `_hasShrinkwrap`, not for a bare tarball path.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LocalRegistry {
  private constructor(
    private readonly server: Server,
    public readonly url: string,
  ) {}

  public static async serve(tarballPath: string): Promise<LocalRegistry> {
    const tarball = await readFile(tarballPath);
    const pkg = JSON.parse(await extractPackageJson(tarballPath)) as { name: string; version: string };
    const hasShrinkwrap = (await listTarball(tarballPath)).includes('package/npm-shrinkwrap.json');
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    const shasum = createHash('sha1').update(tarball).digest('hex');
    const file = `${pkg.name.replace('/', '-').replace('@', '')}-${pkg.version}.tgz`;

    let base = '';
    const server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      if (path === `/${pkg.name}`) {
        const packument = {
          name: pkg.name,
          'dist-tags': { latest: pkg.version },
          versions: {
            [pkg.version]: {
              ...pkg,
              _hasShrinkwrap: hasShrinkwrap,
              dist: { tarball: `${base}/-/${file}`, integrity, shasum },
            },
          },
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
      } else if (path === `/-/${file}`) {
        res
          .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tarball.length })
          .end(tarball);
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new LocalRegistry(server, `${base}/`);
  }

  public stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function runTar(args: string[]): Promise<string> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile('tar', args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
}

export async function listTarball(path: string): Promise<string[]> {
  return (await runTar(['-tzf', path])).split('\n').filter(Boolean);
}

async function extractPackageJson(path: string): Promise<string> {
  return runTar(['-xzOf', path, 'package/package.json']);
}
