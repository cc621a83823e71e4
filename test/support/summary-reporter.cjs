// Mocha's spec reporter, closing with one plain line that any CI reads: "N passed, N failed, N skipped".
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      // The reliability catalogue's counts (test/support/fault-stats.ts), when any of its tests ran.
      const stats = globalThis[Symbol.for('eci.reliability-stats')];
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
