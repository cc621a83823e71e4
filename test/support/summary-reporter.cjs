// Mocha's spec reporter, closing with one plain line that any CI reads: "N passed, N failed, N skipped".
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;
const KINDS = ['fault', 'interruption', 'bad-input', 'secret'];

/**
 * The reliability catalogue's counts (test/support/fault-stats.ts): those each process of the run saved in the run's
 * folder, added up (one process, or mocha's workers in parallel); else this process's own. Undefined when none ran.
 */
function reliabilityStats() {
  const dir = process.env.ECI_TEST_STATS_DIR;
  let saved = [];
  try {
    saved = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // no folder: nothing was saved
  }
  if (saved.length === 0) return globalThis[Symbol.for('eci.reliability-stats')];
  const add = (sum, c) => ({ run: sum.run + c.run, passed: sum.passed + c.passed });
  const zero = { run: 0, passed: 0 };
  const paths = {};
  for (const s of saved)
    for (const [path, c] of Object.entries(s.paths ?? {})) paths[path] = add(paths[path] ?? zero, c);
  return { ...Object.fromEntries(KINDS.map((k) => [k, saved.reduce((sum, s) => add(sum, s[k]), zero)])), paths };
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const stats = reliabilityStats();
      if (stats) {
        const part = (label, k) => `${label} ${stats[k].run} run, ${stats[k].passed} passed`;
        // The fault cases by the path they strike (some cases count for no path of their own).
        const paths = Object.entries(stats.paths ?? {})
          .map(([path, c]) => `${path} ${c.passed}/${c.run}`)
          .join(', ');
        process.stdout.write(
          `\nreliability: ${[part('fault cases', 'fault'), part('interruptions', 'interruption'), part('bad inputs', 'bad-input'), part('secret checks', 'secret')].join('; ')}${paths ? `; fault cases by path (passed/run): ${paths}` : ''}\n`,
        );
      }
      process.stdout.write(`\n${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
