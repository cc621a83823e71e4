#!/usr/bin/env node
// Writes oclif.manifest.json from the compiled commands in lib/ (what `oclif manifest` does), so that
// `sf` lists the plugin's commands without loading them. Run after `tsc`.
// With --check it writes nothing and fails when the committed manifest differs from the commands.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'oclif.manifest.json');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
await plugin.load();
const text = `${JSON.stringify(plugin.manifest, null, 2)}\n`;
const count = Object.keys(plugin.manifest.commands).length;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: reported below
  }
  // The version follows package.json; only the commands must match.
  const strip = (t) => t.replace(/"version": "[^"]*"/, '');
  if (strip(committed) !== strip(text)) {
    console.error('oclif.manifest.json is out of date with the commands: run `npm run manifest` and commit it.');
    process.exit(1);
  }
  console.log(`oclif.manifest.json is current: ${count} commands`);
} else {
  writeFileSync(file, text);
  console.log(`oclif.manifest.json: ${count} commands`);
}
