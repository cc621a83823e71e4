import { spawn } from 'node:child_process';

/**
 * Opens a URL in the default browser with the platform's own opener (xdg-open, open, start), as `sf org open`
 * does, without adding a dependency. Resolves once the opener started; rejects when there is none.
 */
export async function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [command, args]: [string, string[]] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
