/*
 * Root hook plugin (.mocharc's `require`): after every test of the run, whichever files ran, the secrets audit
 * (secrets-audit.ts) searches every captured output and written file for every registered secret and fails the run
 * on any hit. Its figures go to the summary line: "secret checks N run, N passed" counts OUTPUTS AUDITED (each run's
 * stdout, stderr, printed text, JSON, and each file written), each one searched for every registered secret; passed
 * are those in which none was found. In a parallel run each worker audits after each of its files what it has run so
 * far (a secret and the outputs that could show it are made in the same process: by a test and its simulated org).
 */
import { faultStats } from './fault-stats.js';
import { secretsAudit } from './secrets-audit.js';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    const audit = secretsAudit();
    await audit.recordLeftoverDirs();
    const verdict = audit.verdict();
    faultStats.set('secret', verdict.outputs, verdict.passed);
    faultStats.save();
    if (verdict.error) throw verdict.error;
  },
};
