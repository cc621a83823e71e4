import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { dryRunFlag, orgFlags } from '../../../cli/flags.js';
import { environmentSection, errorCodesSection } from '../../../cli/help.js';
import { endIfCut, endWithOutcome } from '../../../cli/run/outcome.js';
import { outcomeOfStep, runPipeline } from '../../../cli/run/pipeline.js';
import { renderTeardown, teardownConsent, teardownProblems, teardownWarning } from '../../../cli/teardown-report.js';
import { checkFlagValues } from '../../../cli/validate.js';
import { madeUsers } from '../../../cli/made-users.js';
import {
  teardownOutcome,
  teardownTask,
  type TeardownDetails,
  type TeardownItemResult,
} from '../../../teardown/task.js';
import type { TeardownKept, TeardownNotFound } from '../../../teardown/types.js';
import { EciCommand } from '../../../cli/eci-command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.teardown');

export type TeardownResult = {
  dryRun: boolean;
  /**
   * complete: everything planned is gone; partial: some removed, some failed, kept or of unknown outcome (exit 68);
   * failed: none removed (exit 1).
   */
  outcome: 'complete' | 'partial' | 'failed';
  scope: { eci: boolean; authProviders: boolean; integrationUser: boolean };
  /** What was found under the guide's names and removed (or, in a dry run, would be), in the order of removal. */
  components: TeardownItemResult[];
  /** What the scope covers and the org does not have (or has inactive already): nothing to do. */
  notFound: TeardownNotFound[];
  /** What the scope covers and is left in place on purpose: a Connected App without --delete-connected-app. */
  kept: TeardownKept[];
  /** The auth providers deleted (or to delete): their URL suffixes can never be used again in this org. */
  retiredSuffixes: string[];
  /** Where the previous versions of what was removed were saved (secrets left out). */
  backupFile?: string;
};

const EMPTY: TeardownDetails = { items: [], notFound: [], kept: [], retiredSuffixes: [] };

export default class Teardown extends EciCommand<TeardownResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly errorCodes = errorCodesSection([
    'success',
    'failed',
    'partial',
    'interrupted',
    'terminated',
  ]);
  public static override readonly envVariablesSection = environmentSection();

  public static override readonly flags = {
    ...orgFlags,
    // No defaults where another flag depends on it: oclif counts a default as given.
    'include-eci': Flags.boolean({ summary: messages.getMessage('flags.include-eci.summary') }),
    'include-auth-providers': Flags.boolean({
      summary: messages.getMessage('flags.include-auth-providers.summary'),
      description: messages.getMessage('flags.include-auth-providers.description'),
      default: false,
    }),
    'integration-username': Flags.string({
      summary: messages.getMessage('flags.integration-username.summary'),
      dependsOn: ['include-eci'],
    }),
    'include-integration-user': Flags.boolean({
      summary: messages.getMessage('flags.include-integration-user.summary'),
      dependsOn: ['include-eci', 'integration-username'],
    }),
    'confirm-integration-user': Flags.string({
      summary: messages.getMessage('flags.confirm-integration-user.summary'),
      description: messages.getMessage('flags.confirm-integration-user.description'),
      dependsOn: ['integration-username'],
    }),
    'delete-connected-app': Flags.boolean({
      summary: messages.getMessage('flags.delete-connected-app.summary'),
      description: messages.getMessage('flags.delete-connected-app.description'),
      dependsOn: ['include-eci'],
    }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary'), default: false }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<TeardownResult> {
    const { flags } = await this.parse(Teardown);
    // Every value is checked before the first call to the org.
    checkFlagValues(flags);
    // The ECI app goes only with its auth provider: naming the Connected App alone would do nothing.
    if (flags['delete-connected-app'] && !flags['include-auth-providers'])
      throw messages.createError('error.DeleteConnectedAppAlone');
    const made = await madeUsers(this.config.dataDir, flags['target-org'].getOrgId());
    const task = teardownTask({
      includeEci: flags['include-eci'] ?? false,
      includeAuthProviders: flags['include-auth-providers'],
      includeIntegrationUser: flags['include-integration-user'] ?? false,
      ...(flags['integration-username'] ? { integrationUsername: flags['integration-username'] } : {}),
      deleteConnectedApp: flags['delete-connected-app'] ?? false,
      madeUserIds: made.map((u) => u.id),
      ...(flags['confirm-integration-user'] ? { confirmedIntegrationUser: flags['confirm-integration-user'] } : {}),
    });
    const run = await runPipeline({
      command: this,
      target: { kind: 'org', org: flags['target-org'], apiVersion: flags['api-version'] },
      mode: { dryRun: flags['dry-run'], validate: false, deploy: false },
      schedule: [task],
      progress: { kind: 'spinner' },
      noPrompt: flags['no-prompt'],
      force: flags.force,
      // A plan that could not be made (a refused user) asks nothing: the run ends in its error.
      consent: ([plan]) => teardownConsent({ ...EMPTY, ...(plan?.details as Partial<TeardownDetails> | undefined) }),
    });
    const error = run.errors.get(task.step.id);
    if (error && !run.stoppedBy) throw error;
    const outcome = outcomeOfStep(run, task);
    const { items, notFound, kept, retiredSuffixes } = outcome?.details ?? EMPTY;
    outcome?.warnings.forEach((w) => this.warn(w));
    this.log(renderTeardown(items, notFound, kept, run.dryRun).join('\n'));
    const warning = teardownWarning(items, retiredSuffixes);
    if (run.dryRun && warning) this.warn(warning);
    const result: TeardownResult = {
      dryRun: run.dryRun,
      outcome: teardownOutcome(items),
      scope: {
        eci: flags['include-eci'] ?? false,
        authProviders: flags['include-auth-providers'],
        integrationUser: flags['include-integration-user'] ?? false,
      },
      components: items,
      notFound,
      kept,
      retiredSuffixes,
      ...(run.backupFile ? { backupFile: run.backupFile } : {}),
    };
    endIfCut(run, result);
    endWithOutcome(result.outcome, result, () =>
      messages.createError('error.NothingRemoved', [teardownProblems(items)]),
    );
    return result;
  }
}
