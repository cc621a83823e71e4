import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag, orgFlags } from '../../../cli/flags.js';
import { onCtrlC } from '../../../cli/interrupt.js';
import { saveBackup, stepContextFor } from '../../../cli/step-command.js';
import { checkFlagValues } from '../../../cli/validate.js';
import {
  applyTeardown,
  planTeardown,
  plannedResults,
  type TeardownItemResult,
  type TeardownNotFound,
  type TeardownPlan,
} from '../../../steps/teardown.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.teardown');

import { EXIT } from '../../../model/exit-codes.js';

export type TeardownResult = {
  dryRun: boolean;
  /** complete: everything planned is gone; partial: some removed, some failed or kept (exit 68); failed: none removed. */
  outcome: 'complete' | 'partial' | 'failed';
  scope: { eci: boolean; authProviders: boolean; integrationUser: boolean };
  /** What was found under the guide's names and removed (or, in a dry run, would be), in the order of removal. */
  components: TeardownItemResult[];
  /** What the scope covers and the org does not have (or has inactive already): nothing to do. */
  notFound: TeardownNotFound[];
  /** The auth providers deleted (or to delete): their URL suffixes can never be used again in this org. */
  retiredSuffixes: string[];
  /** Where the previous versions of what was removed were saved (secrets left out). */
  backupFile?: string;
};

export default class Teardown extends SfCommand<TeardownResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

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
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary'), default: false }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<TeardownResult> {
    const { flags } = await this.parse(Teardown);
    const dryRun = flags['dry-run'];
    // Every value is checked before the first call to the org.
    checkFlagValues(flags);
    const scope = {
      includeEci: flags['include-eci'] ?? false,
      includeAuthProviders: flags['include-auth-providers'],
      includeIntegrationUser: flags['include-integration-user'] ?? false,
      ...(flags['integration-username'] ? { integrationUsername: flags['integration-username'] } : {}),
    };
    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const plan = await planTeardown(ctx.org, scope);
    this.spinner.stop();
    plan.warnings.forEach((w) => this.warn(w));

    const base = {
      dryRun,
      scope: {
        eci: scope.includeEci,
        authProviders: scope.includeAuthProviders,
        integrationUser: scope.includeIntegrationUser,
      },
      notFound: plan.notFound,
      retiredSuffixes: plan.authProviders,
    };
    if (dryRun || plan.removals.length === 0) {
      const components = plannedResults(plan);
      this.log(this.render(components, plan.notFound, dryRun).join('\n'));
      if (plan.authProviders.length) this.warn(messages.getMessage('consent.Suffix', [plan.authProviders.join(', ')]));
      return { ...base, outcome: 'complete', components };
    }

    await this.consent(plan, flags.force, flags['no-prompt']);
    this.spinner.start(messages.getMessage('heading.Result'));
    const stopOnCtrlC = onCtrlC(() => ctx.org.interrupt());
    let components: TeardownItemResult[];
    let backupFile: string | undefined;
    try {
      components = await applyTeardown(ctx.org, plan);
    } finally {
      stopOnCtrlC();
      this.spinner.stop();
      backupFile = await saveBackup(this, ctx);
    }
    const done = components.filter((c) => !['failed', 'skipped'].includes(c.status));
    const outcome: TeardownResult['outcome'] =
      done.length === components.length ? 'complete' : done.length === 0 ? 'failed' : 'partial';
    const result: TeardownResult = { ...base, outcome, components, ...(backupFile ? { backupFile } : {}) };
    this.log(this.render(components, plan.notFound, false).join('\n'));
    if (outcome === 'failed') {
      const error = messages.createError('error.NothingRemoved', [this.problems(components)]);
      error.setData(result);
      throw error;
    }
    if (outcome === 'partial') process.exitCode = EXIT.partial;
    return result;
  }

  /** Removing needs a yes: asked in a terminal; elsewhere (CI, --json, --no-prompt) only --force gives it. */
  private async consent(plan: TeardownPlan, force: boolean, noPrompt: boolean): Promise<void> {
    const lines = this.render(plannedResults(plan), plan.notFound, true, false);
    const suffix = plan.authProviders.length
      ? messages.getMessage('consent.Suffix', [plan.authProviders.join(', ')])
      : undefined;
    if (force) {
      if (suffix) this.warn(suffix);
      return;
    }
    if (!noPrompt && process.stdin.isTTY && !this.jsonEnabled()) {
      this.log(lines.join('\n'));
      if (suffix) this.warn(suffix);
      if (
        await this.confirm({
          message: messages.getMessage('consent.Question', [plan.removals.length]),
          ms: 300_000,
        })
      )
        return;
      throw messages.createError('error.Declined');
    }
    throw messages.createError('error.NeedsForce', [
      plan.removals.length,
      [...lines.slice(1), ...(suffix ? [suffix] : [])].join('\n'),
    ]);
  }

  private render(
    items: readonly TeardownItemResult[],
    notFound: readonly TeardownNotFound[],
    planned: boolean,
    summary = true,
  ): string[] {
    const word = (r: TeardownItemResult): string =>
      r.status === 'planned'
        ? messages.getMessage('status.planned', [messages.getMessage(`action.${r.action}`)])
        : messages.getMessage(`status.${r.status}`);
    const rows = items.map((r) => [word(r), r.type, r.name, r.label]);
    const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row[i].length)));
    const pad = (t: string, w: number): string => t + ' '.repeat(Math.max(0, w - t.length));
    const lines = [messages.getMessage(planned ? 'heading.Plan' : 'heading.Result')];
    items.forEach((r, i) => {
      lines.push(`  ${rows[i].map((cell, j) => (j < 3 ? pad(cell, widths[j]) : cell)).join('  ')}`);
      if (r.error) lines.push(`      ${r.error.statusCode ? `${r.error.statusCode}: ` : ''}${r.error.message}`);
    });
    if (items.length === 0) lines.push(`  ${messages.getMessage('info.NothingToDo')}`);
    if (!summary) return lines;
    if (notFound.length) {
      lines.push('', messages.getMessage('heading.NotFound'));
      for (const n of notFound)
        lines.push(`  ${n.type} ${n.name} (${n.label}): ${messages.getMessage(`reason.${n.reason}`)}`);
    }
    if (planned && items.length) lines.push('', messages.getMessage('info.DryRun'));
    return lines;
  }

  private problems(items: readonly TeardownItemResult[]): string {
    return items
      .filter((c) => c.status === 'failed' || c.status === 'skipped')
      .map(
        (c) =>
          `${c.type} ${c.name}: ${c.error?.statusCode ? `${c.error.statusCode}: ` : ''}${c.error?.message ?? c.status}`,
      )
      .join('\n');
  }
}
