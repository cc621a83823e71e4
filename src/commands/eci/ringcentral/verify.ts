import { Messages, type Org } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { clientSecretStdinFlag, orgFlags, platformFlagsWith } from '../../../cli/flags.js';
import { guideFlagChoices } from '../../../cli/guide-flags.js';
import { exitCodeOf, onStopSignal } from '../../../cli/run/interrupt.js';
import { checkHandOver, openAndWait, type HandOver } from '../../../cli/hand-over.js';
import { environmentSection, errorCodesSection } from '../../../cli/help.js';
import { openRunContext } from '../../../cli/run/context.js';
import { secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { EXIT } from '../../../model/exit-codes.js';
import { RINGCENTRAL_CLIENT_SECRET, type Secret } from '../../../model/secret.js';
import { readRingCentralAuthProvider } from '../../../steps/ringcentral-platform.js';
import type { StepReport } from '../../../steps/run-steps.js';
import type { StepContext } from '../../../steps/step.js';
import { runVerifyChecks, verifyReadPhase, type VerifyCheck } from '../../../verify/checks.js';
import type { VerifyOverrides } from '../../../verify/discover.js';
import { ringCentralTargetOf } from '../../../verify/hand-over.js';
import { NO_RETRY_WAIT, verifyHandOver, type PersonStep } from '../../../verify/person-steps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.verify');

export type VerifyResult = {
  /** True only when every check passed (or, with --allow-skipped, none failed). */
  passed: boolean;
  summary: { passed: number; failed: number; skipped: number };
  checks: VerifyCheck[];
  /** With --wait or --open: what only a person can do, each with its state (open, done, not-checked) and URL. */
  personSteps?: PersonStep[];
  /** With --wait: how long it waited, and whether the time ran out before every person's step was done. */
  wait?: { minutes: number; seconds: number; rounds: number; timedOut: boolean };
  /** With --open: the URLs opened in the browser, in order. */
  opened?: string[];
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export default class Verify extends SfCommand<VerifyResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly errorCodes = errorCodesSection(['success', 'failed', 'interrupted', 'terminated']);
  public static override readonly envVariablesSection = environmentSection([
    'RINGCENTRAL_CLIENT_SECRET',
    'ECI_CALL_TIMEOUT_MS',
    'BROWSER',
  ]);

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
    let checks = await runVerifyChecks(ctx, { overrides, clientSecret, onReports: (r) => (reports = r) });
    this.spinner.stop();
    const extra =
      flags.wait !== undefined || flags.open
        ? await this.handOver(ctx, reports, overrides, { open: flags.open, wait: flags.wait })
        : undefined;
    // The whole checklist once more, now that the person's steps are done or the time is up.
    if (extra?.wait && extra.wait.rounds > 0) checks = await runVerifyChecks(ctx, { overrides, clientSecret });

    const count = (s: VerifyCheck['status']): number => checks.filter((c) => c.status === s).length;
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
    const passed = summary.failed === 0 && (summary.skipped === 0 || flags['allow-skipped']);
    this.logChecklist(checks, summary, passed);
    // Like a test run: the checklist is the result, in --json too; the exit code says whether it passed.
    if (!passed) process.exitCode = EXIT.failed;
    return { passed, summary, checks, ...(extra ?? {}) };
  }

  /** The person's steps, decided by the same checks as configure's hand-over; --open and --wait on them. */
  private async handOver(
    ctx: StepContext,
    reports: readonly StepReport[],
    overrides: VerifyOverrides,
    flags: { open: boolean; wait?: number },
  ): Promise<HandOver> {
    const provider = await readRingCentralAuthProvider(ctx.org);
    const clientId = overrides.clientId ?? (provider.exists ? text(provider.fields.consumerKey) : undefined);
    const target = {
      org: ctx.org,
      ringCentral: ringCentralTargetOf(reports, clientId),
      ringCentralOptions: NO_RETRY_WAIT,
    };
    const { personSteps, initial } = await checkHandOver(verifyHandOver(reports), target);
    return openAndWait(this, { personSteps, initial, target, ...flags });
  }

  private logChecklist(checks: readonly VerifyCheck[], summary: VerifyResult['summary'], passed: boolean): void {
    const mark = {
      pass: messages.getMessage('mark.pass'),
      fail: messages.getMessage('mark.fail'),
      skip: messages.getMessage('mark.skip'),
    };
    for (const c of checks) {
      this.log(`${mark[c.status]}  ${c.title}`);
      if (c.detail) this.log(`        ${c.detail}`);
      for (const d of c.drift ?? []) {
        for (const f of d.fields)
          this.log(`          ${d.type} ${d.name} ${f.field}: ${f.current ?? '(not set)'} → ${f.desired}`);
      }
      for (const a of c.actions ?? []) this.log(`        → ${a}`);
    }
    this.log(`\n${messages.getMessage('summary.Line', [summary.passed, summary.failed, summary.skipped])}`);
    this.log(messages.getMessage(passed ? 'summary.Passed' : summary.failed ? 'summary.Failed' : 'summary.Skipped'));
  }
}
