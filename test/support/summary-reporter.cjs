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
  return Object.fromEntries(
    KINDS.map((k) => [
      k,
      saved.reduce((sum, s) => ({ run: sum.run + s[k].run, passed: sum.passed + s[k].passed }), { run: 0, passed: 0 }),
    ]),
  );
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const stats = reliabilityStats();
      if (stats) {
        const part = (label, k) => `${label} ${stats[k].run} run, ${stats[k].passed} passed`;
        process.stdout.write(
          `\nreliability: ${[part('fault cases', 'fault'), part('interruptions', 'interruption'), part('bad inputs', 'bad-input'), part('secret checks', 'secret')].join('; ')}\n`,
        );
      }
      process.stdout.write(`\n${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
