/*
 * Re-renders the README's performance section (between <!-- bench:start --> and <!-- bench:end -->) from
 * bench/results.json, without measuring again. `npm run bench` does the same at its end.
 *   npx tsx scripts/bench-readme.ts
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../test/e2e/harness.js';
import { updateReadme } from './bench-report.js';

updateReadme(join(REPO_ROOT, 'bench', 'results.json'), join(REPO_ROOT, 'README.md'));
console.log('README.md performance section: regenerated from bench/results.json');
