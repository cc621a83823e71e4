#!/usr/bin/env node
// Writes the README's command reference (between <!-- commands --> and <!-- commandsstop -->) from each
// command's own --help, which comes from messages/*.md. With --check it fails when the README is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'));
const ids = Object.keys(manifest.commands).sort();

const sections = ids.map((id) => {
  const words = id.split(':');
  const help = execFileSync(process.execPath, [join(root, 'bin', 'run.js'), ...words, '--help'], {
    cwd: root,
    env: { ...process.env, OCLIF_COLUMNS: '110', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  return `### \`sf ${words.join(' ')}\`\n\n\`\`\`\n${help.trimEnd()}\n\`\`\``;
});

const start = '<!-- commands -->';
const stop = '<!-- commandsstop -->';
const readme = readFileSync(readmePath, 'utf8');
const [head, rest] = readme.split(start);
if (rest === undefined || !rest.includes(stop)) throw new Error(`README.md needs the markers ${start} and ${stop}`);
const tail = rest.slice(rest.indexOf(stop));
const next = `${head}${start}\n\n${sections.join('\n\n')}\n\n${tail}`;

if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md command reference is out of date: run `npm run readme` and commit it.');
    process.exit(1);
  }
  console.log(`README.md command reference is current: ${ids.length} commands`);
} else {
  writeFileSync(readmePath, next);
  console.log(`README.md command reference: ${ids.length} commands`);
}
