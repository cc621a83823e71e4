/*
 * Re-renders the figures of docs/performance.md (between <!-- bench:start --> and <!-- bench:end -->) from
 * bench/results.json, without measuring again. `npm run bench` does the same at its end.
 *   npx tsx scripts/bench-render.ts
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../test/e2e/harness.js';
import { PERFORMANCE_PAGE, updatePerformancePage } from './bench-report.js';

updatePerformancePage(join(REPO_ROOT, 'bench', 'results.json'), join(REPO_ROOT, PERFORMANCE_PAGE));
console.log(`${PERFORMANCE_PAGE}: figures regenerated from bench/results.json`);
