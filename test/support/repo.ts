/* Where this repository is: the plugin's root, as the real CLI links it and the in-process runner loads it. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
