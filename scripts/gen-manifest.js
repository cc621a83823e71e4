#!/usr/bin/env node
// Writes oclif.manifest.json from the compiled commands in lib/ (what `oclif manifest` does), so that `sf` lists
// and helps the plugin's commands without loading them. Part of `npm run build`, so a linked plugin never runs
// with a stale manifest; the command surface itself is guarded by command-snapshot.json (npm run test:contracts).
// With a folder argument, writes that plugin's manifest instead (npm run bench: its minimal plugin fixture).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const plugin = new Plugin({
  root,
  type: 'core',
  ignoreManifest: true,
  errorOnManifestCreate: true,
  respectNoCacheDefault: true,
});
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
