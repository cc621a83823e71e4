import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { clientSecretStdinFlag, orgFlags, platformFlagsWith } from '../../../cli/flags.js';
import { guideFlagChoices } from '../../../cli/guide-flags.js';
import { exitCodeOf, onStopSignal } from '../../../cli/run/interrupt.js';
import { environmentSection, errorCodesSection } from '../../../cli/help.js';
import { openRunContext } from '../../../cli/run/context.js';
import { secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { EXIT } from '../../../model/exit-codes.js';
import { RINGCENTRAL_CLIENT_SECRET, type Secret } from '../../../model/secret.js';
import type { StepReport } from '../../../steps/run-steps.js';
import { runVerifyChecks, verifyReadPhase, type VerifyCheck } from '../../../verify/checks.js';
import type { RefreshFinding } from '../../../verify/refresh.js';
import type { VerifyResult } from '../../../cli/verify-report.js';
import type { VerifyOverrides } from '../../../verify/discover.js';
import { EciCommand } from '../../../cli/eci-command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.verify');

export type { VerifyResult };

export default class Verify extends EciCommand<VerifyResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly errorCodes = errorCodesSection(['success', 'failed', 'interrupted', 'terminated']);
  public static override readonly envVariablesSection = environmentSection(['RINGCENTRAL_CLIENT_SECRET', 'BROWSER']);

  public static override readonly flags = {
    ...orgFlags,
    'client-id': Flags.string({ summary: messages.getMessage('flags.client-id.summary') }),
    'client-secret-stdin': clientSecretStdinFlag,
    ...platformFlagsWith({
      environment: messages.getMessage('flags.environment.summary'),
      server: messages.getMessage('flags.server.summary'),
    }),
    'contact-email': Flags.string({ summary: messages.getMessage('flags.contact-email.summary') }),
    profile: Flags.string({ summary: messages.getMessage('flags.profile.summary'), multiple: true }),
    'site-contact': Flags.string({ summary: messages.getMessage('flags.site-contact.summary') }),
    'record-owner': Flags.string({ summary: messages.getMessage('flags.record-owner.summary') }),
    'guest-permission-set': Flags.string({
      summary: messages.getMessage('flags.guest-permission-set.summary'),
      multiple: true,
    }),
    'integration-username': Flags.string({ summary: messages.getMessage('flags.integration-username.summary') }),
    'integration-permission-set': Flags.string({
      summary: messages.getMessage('flags.integration-permission-set.summary'),
      multiple: true,
      dependsOn: ['integration-username'],
    }),
    'allow-skipped': Flags.boolean({ summary: messages.getMessage('flags.allow-skipped.summary'), default: false }),
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      description: messages.getMessage('flags.wait.description'),
      min: 1,
      max: 60,
      helpValue: '<minutes>',
    }),
    open: Flags.boolean({
      summary: messages.getMessage('flags.open.summary'),
      description: messages.getMessage('flags.open.description'),
      default: false,
    }),
  };

  public async run(): Promise<VerifyResult> {
    const { flags } = await this.parse(Verify);
    const chosen = guideFlagChoices(flags);
    const overrides: VerifyOverrides = {
      clientId: chosen.clientId,
      platform: chosen.platform,
      contactEmail: chosen.contactEmail,
      integrationUsername: chosen.integrationUser?.username,
      profiles: chosen.profiles,
      siteContact: chosen.siteContact,
      recordOwner: chosen.recordOwner,
      guestPermissionSets: chosen.guestPermissionSets,
      integrationPermissionSets: flags['integration-permission-set']
        ? [...(chosen.integrationUser?.permissionSets ?? [])]
        : undefined,
    };
    const clientSecret = await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']);

    // Verify writes nothing: a stop signal ends it at once, with the signal's exit code and no stack.
    const stop = onStopSignal((signal) => process.exit(exitCodeOf(signal)));
    try {
      return await this.check(flags, overrides, clientSecret);
    } finally {
      stop();
    }
  }

  private async check(
    flags: { 'target-org': Org; 'api-version'?: string; open: boolean; wait?: number; 'allow-skipped': boolean },
    overrides: VerifyOverrides,
    clientSecret: Secret | undefined,
  ): Promise<VerifyResult> {
    // Every step runs as a dry run, and no prompt is ever needed.
    const ctx = await openRunContext(this, {
      org: flags['target-org'],
      apiVersion: flags['api-version'],
      dryRun: true,
      noPrompt: true,
      readPhase: (org, facts) => verifyReadPhase(org, facts, overrides),
    });
    let reports: readonly StepReport[] = [];
    const seen: { refresh?: RefreshFinding } = {};
    const onRefresh = (found: RefreshFinding): void => void (seen.refresh = found);
    let checks = await runVerifyChecks(ctx, { overrides, clientSecret, onReports: (r) => (reports = r), onRefresh });
    this.spinner.stop();
    // The report and the hand-over load after the checks: nothing the first request does not need loads before it.
    const { logChecklist, verifyHandOver } = await import('../../../cli/verify-report.js');
    const extra =
      flags.wait !== undefined || flags.open
        ? await verifyHandOver(this, ctx, reports, overrides, { open: flags.open, wait: flags.wait })
        : undefined;
    // The whole checklist once more, now that the person's steps are done or the time is up.
    if (extra?.wait && extra.wait.rounds > 0) {
      delete seen.refresh;
      checks = await runVerifyChecks(ctx, { overrides, clientSecret, onRefresh, fresh: true });
    }

    const count = (s: VerifyCheck['status']): number => checks.filter((c) => c.status === s).length;
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
    const passed = summary.failed === 0 && (summary.skipped === 0 || flags['allow-skipped']);
    // One line, before the checklist: the many failures below have one cause and one repair.
    const found = seen.refresh;
    if (found) this.log(`${found.line}\n`);
    logChecklist(this, checks, summary, passed);
    // Like a test run: the checklist is the result, in --json too; the exit code says whether it passed.
    if (!passed) process.exitCode = EXIT.failed;
    const refreshed = found && {
      signs: found.signs,
      ...(found.otherMyDomain ? { otherMyDomain: found.otherMyDomain } : {}),
    };
    return { passed, summary, checks, ...(extra ?? {}), ...(refreshed ? { refreshed } : {}) };
  }
}
