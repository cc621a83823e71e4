/*
 * Root hook plugin (.mocharc's `require`): after every test of the run, whichever files ran, the secrets audit
 * (secrets-audit.ts) searches every captured output and written file for every registered secret and fails the run
 * on any hit. Its figures go to the summary line: "secret checks N run, N passed" counts OUTPUTS AUDITED (each run's
 * stdout, stderr, printed text, JSON, and each file written), each one searched for every registered secret; passed
 * are those in which none was found.
 */
import { faultStats } from './fault-stats.js';
import { secretsAudit } from './secrets-audit.js';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    const audit = secretsAudit();
    await audit.recordLeftoverDirs();
    const verdict = audit.verdict();
    faultStats.count('secret', verdict.outputs);
    faultStats.pass('secret', verdict.passed);
    if (verdict.error) throw verdict.error;
  },
};
