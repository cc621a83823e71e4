#!/usr/bin/env node
// The layers of src/ point one way: commands → cli → verify, teardown → steps → guide, engine → org, ringcentral → model.
// Fails (exit 1) on any import from a folder to one at its own level or above, which is also every folder cycle, and on
// any cycle between files (a file that imports, directly or through others, a file that imports it), printed whole.
// Every relative import counts: a type-only one and a lazy import() too. Part of `npm run lint`, so either fails
// `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const LEVEL = {
  commands: 0,
  cli: 1,
  verify: 2,
  teardown: 2,
  rotation: 2,
  steps: 3,
  guide: 4,
  engine: 4,
  org: 5,
  ringcentral: 5,
  model: 6,
};

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
const IMPORT = /(?:(?:import|export)[^'"]*?from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g;

/** Each file's relative imports: the specifier as written and the source file it names. */
const imports = new Map(
  files.map((file) => [
    file,
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({
      spec: m[1],
      file: resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'),
    })),
  ]),
);

const problems = [];
for (const file of files) {
  const from = folderOf(file);
  if (!(from in LEVEL)) continue; // src/index.ts, the package entry, may import anything
  for (const { spec, file: target } of imports.get(file)) {
    const to = folderOf(target);
    if (to === from) continue;
    if (!(to in LEVEL) || LEVEL[to] <= LEVEL[from])
      problems.push(`${relative(src, file)} imports ${spec} (${from} → ${to})`);
  }
}
if (problems.length) {
  console.error(
    `Imports against the layers (commands → cli → verify, teardown → steps → guide, engine → org, ringcentral → model):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}

/**
 * The file cycles: a depth-first walk of the import graph; an import of a file still on the walk's path closes a
 * cycle, printed from that file round to it again. Each cycle is printed once (by its files, whatever file it was
 * entered from).
 */
function fileCycles() {
  const done = new Set();
  const path = [];
  const onPath = new Map();
  const found = new Map();
  const visit = (file) => {
    onPath.set(file, path.length);
    path.push(file);
    for (const { file: next } of imports.get(file)) {
      if (!imports.has(next) || done.has(next)) continue;
      if (onPath.has(next)) {
        const cycle = path.slice(onPath.get(next));
        found.set([...cycle].sort().join('|'), [...cycle, next].map((f) => relative(src, f)).join(' → '));
      } else visit(next);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return [...found.values()];
}

const cycles = fileCycles();
if (cycles.length) {
  console.error(`Import cycles between files (no file may import its importer):\n  ${cycles.join('\n  ')}`);
  process.exit(1);
}
console.log(`layers: ${files.length} files, every import points down, no file cycle`);
