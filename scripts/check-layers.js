#!/usr/bin/env node
// The layers of src/ point one way: commands → cli → verify → steps → guide, engine → org, ringcentral → model.
// Fails (exit 1) on any import from a folder to one at its own level or above, which is also every folder cycle.
// Part of `npm run lint`, so a new upward import fails `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const LEVEL = { commands: 0, cli: 1, verify: 2, steps: 3, guide: 4, engine: 4, org: 5, ringcentral: 5, model: 6 };

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) files.push(p);
  }
};
walk(src);

const folderOf = (file) => relative(src, file).split(sep)[0].replace(/\.ts$/, '');
const problems = [];
for (const file of files) {
  const from = folderOf(file);
  if (!(from in LEVEL)) continue; // src/index.ts, the package entry, may import anything
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const to = folderOf(resolve(dirname(file), m[1]));
    if (to === from) continue;
    if (!(to in LEVEL) || LEVEL[to] <= LEVEL[from])
      problems.push(`${relative(src, file)} imports ${m[1]} (${from} → ${to})`);
  }
}
if (problems.length) {
  console.error(
    `Imports against the layers (commands → cli → verify → steps → guide, engine → org, ringcentral → model):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`layers: ${files.length} files, every import points down`);
