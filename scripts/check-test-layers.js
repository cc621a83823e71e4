#!/usr/bin/env node
// The test helpers depend downwards, as src's layers do: test/sim (the simulated org) imports no helper of the tests;
// test/support may import the simulator; the harnesses (test/e2e, test/commands) and the unit tests' helpers import
// both, never one another. Test files (*.test.ts) may import anything. Part of `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const test = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test');
const LEVEL = { e2e: 0, commands: 0, unit: 0, support: 1, sim: 2 };

const helpers = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ts|cjs|js)$/.test(e.name) && !e.name.endsWith('.test.ts')) helpers.push(p);
  }
};
for (const folder of Object.keys(LEVEL)) walk(join(test, folder));

const folderOf = (file) => relative(test, file).split(sep)[0];
const problems = [];
for (const file of helpers) {
  const from = folderOf(file);
  const text = readFileSync(file, 'utf8');
  // Static and dynamic imports (import(…)) alike, as scripts/check-layers.js reads them, and require(…).
  for (const m of text.matchAll(
    /(?:(?:import|export)[^'"]*?from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]|require\(['"](\.[^'"]+)['"]\)/g,
  )) {
    const target = resolve(dirname(file), m[1] ?? m[2]);
    if (!target.startsWith(test + sep)) continue; // src, the package itself
    const to = folderOf(target);
    if (to !== from && !(LEVEL[to] > LEVEL[from]))
      problems.push(`${relative(test, file)} imports ${m[1] ?? m[2]} (${from} → ${to})`);
  }
}
if (problems.length) {
  console.error(`Test helpers against their layers (e2e, commands, unit → support → sim):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`test layers: ${helpers.length} helper files, every import points down`);
