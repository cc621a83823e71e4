/*
 * Opening a URL in the browser with the maintained `open` package (as `sf org open` does), loaded only when a URL is
 * opened. The browser is the system's default, or the program $BROWSER names (the convention of xdg-open, git and
 * Python's webbrowser: a program that takes the URL as its argument); BROWSER=none opens nothing.
 */

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Why no browser can be opened here, or undefined when one can. */
export type NoBrowserReason = 'none' | 'ci' | 'ssh' | 'display' | 'container';

/**
 * Whether this environment has a browser to open: not in CI, not in an SSH session or on Linux without a display,
 * not in SF_CONTAINER_MODE; an explicit $BROWSER program always counts.
 */
export function noBrowserReason(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): NoBrowserReason | undefined {
  const browser = env.BROWSER?.trim();
  if (browser?.toLowerCase() === 'none') return 'none';
  if (browser) return undefined;
  if (isTrue(env.SF_CONTAINER_MODE)) return 'container';
  if (env.CI !== undefined && env.CI !== '' && env.CI.toLowerCase() !== 'false') return 'ci';
  const display = Boolean(env.DISPLAY ?? env.WAYLAND_DISPLAY);
  if ((env.SSH_CONNECTION ?? env.SSH_TTY) && !display) return 'ssh';
  if (platform === 'linux' && !display && !env.WSL_DISTRO_NAME) return 'display';
  return undefined;
}

/** The program `name` in a folder of $PATH, when there is one. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(folder, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

const isTrue = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes)$/i.test(v.trim());

/**
 * Opens `url` in the browser. Resolves once the opener started; rejects when it cannot start (no such program).
 */
export async function openInBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const { default: open } = await import('open');
  // On Linux the system's xdg-open (the desktop's own) before the copy `open` carries.
  const browser = env.BROWSER?.trim() || (platform === 'linux' ? onPath('xdg-open', env) : undefined);
  const child = await open(url, browser ? { app: { name: browser } } : {});
  if (child.pid !== undefined) return;
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => resolve());
  });
}
