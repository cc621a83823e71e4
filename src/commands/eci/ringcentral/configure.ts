import { Messages, type SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import {
  clientIdFlag,
  clientSecretStdinFlag,
  dryRunFlag,
  exportFlags,
  orgFlags,
  ringCentralPlatformFlags,
  validateFlag,
} from '../../../cli/flags.js';
import { guideFlagChoices } from '../../../cli/guide-flags.js';
import { onCtrlC } from '../../../cli/interrupt.js';
import { EXIT } from '../../../model/exit-codes.js';
import { prerequisitesError, renderChecklist } from '../../../cli/prerequisites.js';
import { missingPrerequisites, type PrerequisiteCheck } from '../../../guide/prerequisites.js';
import { StepOpener, waitWithChecklist } from '../../../cli/person-steps.js';
import { StepProgress } from '../../../cli/progress.js';
import { renderComponents, renderNextSteps, renderValidation } from '../../../cli/render.js';
import { renderUpdates, updatesNeedingConsent } from '../../../cli/update-consent.js';
import { consumerKeyFromEnv, secretFromEnvOrStdin } from '../../../cli/secrets.js';
import {
  exportUsernames,
  saveBackup,
  stepContextFor,
  throwIfRefused,
  validateCollected,
} from '../../../cli/step-command.js';
import {
  exportedRecords,
  exportMessages,
  offlineRecords,
  offlineStepContext,
  PlanCollector,
  RECORD_STEPS,
  renderExport,
  resolveExportTarget,
  writeExport,
  type ExportResult,
  type ExportTarget,
} from '../../../cli/export.js';
import { APP_TYPES } from '../../../cli/validate-credentials.js';
import { DEFAULT_ECI_APP_PROFILES } from '../../../guide/eci-connected-app.js';
import { ringCentralAppCreationStep, propagationStep, reauthorizeStep } from '../../../guide/next-steps.js';
import { ringCentralPlatform, type RingCentralEnvironment } from '../../../guide/ringcentral-environment.js';
import type { NextStep, ValidationSummary } from '../../../model/component.js';
import { ECI_CONSUMER_SECRET, RINGCENTRAL_CLIENT_SECRET } from '../../../model/secret.js';
import { guideInputs, type GuideChoices } from '../../../steps/guide-inputs.js';
import { GUIDE_ORDER, guideStep, scheduleGuide } from '../../../steps/index.js';
import type { RingCentralAuthProviderDetails } from '../../../steps/ringcentral-auth-provider.js';
import { readRingCentralAuthProvider } from '../../../steps/ringcentral-platform.js';
import { runGuideSteps, type StepReport } from '../../../steps/run-steps.js';
import type { StepContext } from '../../../steps/step.js';
import {
  checkableIds,
  checkPersonSteps,
  NO_RETRY_WAIT,
  identifyPersonSteps,
  ringCentralTargetOf,
  stillOpen,
  withStates,
  type PersonStep,
  type PersonStepTarget,
} from '../../../verify/person-steps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.configure');

export type ConfigureResult = {
  dryRun: boolean;
  /**
   * complete: every step done or unchanged; partial: some failed or were skipped (exit 68); failed: none done;
   * blocked: a prerequisite of the guide is missing (exit 78), nothing written (a dry run still shows the plan).
   */
  outcome: 'complete' | 'partial' | 'failed' | 'blocked';
  environment: RingCentralEnvironment | 'custom';
  server: string;
  steps: StepReport[];
  /** What the guide presumes, checked before anything is written: each met or missing, with what to do and its Setup URL. */
  prerequisites: PrerequisiteCheck[];
  /** What only a person can do and is not done yet (open, or not-checked with the reason), in the order to do them. */
  nextSteps: PersonStep[];
  /** Every step only a person can do, done ones included, each with its state (open, done, not-checked). */
  personSteps: PersonStep[];
  /** With --wait: how long it waited, and whether the time ran out before every person's step was done. */
  wait?: { minutes: number; seconds: number; rounds: number; timedOut: boolean };
  /** With --open: the URLs opened in the browser, in order. */
  opened?: string[];
  /** Where the previous versions of the components this run updated were saved (secrets left out). */
  backupFile?: string;
  /** With --output-dir: the source-format project written from the plan. */
  export?: ExportResult;
  /** With --validate: the check-only deploy's ID and how many components Salesforce accepted or would refuse. */
  validation?: ValidationSummary;
};

/** The API version of an export without an org (the WSDL's). */
const DEFAULT_API_VERSION = '66.0';

export default class Configure extends SfCommand<ConfigureResult> {
  private integrationUser?: { username: string; email?: string };
  /** Planned without an org (--output-dir, --my-domain, no --target-org). */
  private offline = false;

  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    ...orgFlags,
    // Optional with --output-dir and --my-domain: a pipeline can export without an org.
    'target-org': Flags.optionalOrg(),
    // Checked in code (with --output-dir, without --target-org), so that a misuse is an SfError like every bad input.
    'my-domain': Flags.string({
      summary: exportMessages.getMessage('flags.my-domain.summary'),
    }),
    'client-id': clientIdFlag({ required: true }),
    'client-secret-stdin': clientSecretStdinFlag,
    ...ringCentralPlatformFlags,
    'contact-email': Flags.string({
      summary: messages.getMessage('flags.contact-email.summary'),
      required: true,
    }),
    profile: Flags.string({
      summary: messages.getMessage('flags.profile.summary'),
      multiple: true,
    }),
    'app-type': Flags.string({
      summary: messages.getMessage('flags.app-type.summary'),
      default: 'auto',
      helpValue: APP_TYPES.join('|'),
    }),
    'site-contact': Flags.string({
      summary: messages.getMessage('flags.site-contact.summary'),
    }),
    'record-owner': Flags.string({
      summary: messages.getMessage('flags.record-owner.summary'),
    }),
    'url-path-prefix': Flags.string({
      summary: messages.getMessage('flags.url-path-prefix.summary'),
    }),
    'guest-permission-set': Flags.string({
      summary: messages.getMessage('flags.guest-permission-set.summary'),
      multiple: true,
    }),
    'integration-username': Flags.string({
      summary: messages.getMessage('flags.integration-username.summary'),
      description: messages.getMessage('flags.integration-username.description'),
    }),
    'integration-email': Flags.string({
      summary: messages.getMessage('flags.integration-email.summary'),
      dependsOn: ['integration-username'],
    }),
    'integration-first-name': Flags.string({
      summary: messages.getMessage('flags.integration-first-name.summary'),
      dependsOn: ['integration-username'],
    }),
    'integration-last-name': Flags.string({
      summary: messages.getMessage('flags.integration-last-name.summary'),
      dependsOn: ['integration-username'],
    }),
    'integration-permission-set': Flags.string({
      summary: messages.getMessage('flags.integration-permission-set.summary'),
      multiple: true,
      dependsOn: ['integration-username'],
    }),
    force: Flags.boolean({
      summary: messages.getMessage('flags.force.summary'),
      description: messages.getMessage('flags.force.description'),
      default: false,
    }),
    'no-prompt': Flags.boolean({
      summary: messages.getMessage('flags.no-prompt.summary'),
      default: false,
    }),
    'dry-run': dryRunFlag,
    validate: validateFlag,
    open: Flags.boolean({
      summary: messages.getMessage('flags.open.summary'),
      description: messages.getMessage('flags.open.description'),
      default: false,
      exclusive: ['dry-run', 'validate'],
    }),
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      min: 1,
      max: 60,
      helpValue: '<minutes>',
      exclusive: ['dry-run', 'validate'],
    }),
    ...exportFlags,
  };

  public async run(): Promise<ConfigureResult> {
    const { flags } = await this.parse(Configure);
    const outputDir = flags['output-dir'];
    // --validate is a dry run (no consent prompt, no write) whose plan Salesforce checks in one check-only deploy;
    // an export writes files, not the org, unless --deploy asks for both.
    const validate = flags.validate;
    const dryRun = flags['dry-run'] || validate || (outputDir !== undefined && !flags.deploy);
    const noPrompt = flags['no-prompt'];

    // Every input of every step is checked before the first call to the org.
    const chosen = guideFlagChoices(flags);
    const choices: GuideChoices = {
      ...chosen,
      clientId: chosen.clientId ?? '',
      contactEmail: chosen.contactEmail ?? '',
      profiles: chosen.profiles ?? [...DEFAULT_ECI_APP_PROFILES],
      appType: chosen.appType ?? 'auto',
      guestPermissionSets: chosen.guestPermissionSets ?? [],
      clientSecret: await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin']),
      consumerKey: consumerKeyFromEnv(),
      consumerSecret: await secretFromEnvOrStdin(ECI_CONSUMER_SECRET, false),
    };

    const org = flags['target-org'];
    // Without an org: only an export, planned as against an empty org with the given My Domain and site contact.
    if (!org && (!outputDir || !flags['my-domain'] || !flags['site-contact'] || flags.deploy))
      throw exportMessages.createError('error.NoTargetOrg');
    if (org && flags['my-domain'] !== undefined) throw exportMessages.createError('error.MyDomainWithOrg');
    this.offline = !org;
    const exportTarget = outputDir !== undefined ? await resolveExportTarget(outputDir) : undefined;

    // Drawn once the prompt (if any) is done; the context pauses it should a step still have to ask.
    const display: { progress?: StepProgress } = {};
    const ctx = org
      ? await stepContextFor(this, {
          org,
          apiVersion: flags['api-version'],
          dryRun,
          noPrompt,
          pause: () => display.progress?.pause(),
          resume: () => display.progress?.resume(),
          // Everything the steps read and what the guide presumes for them, at once, before any write decision
          // (issue 10): the steps then plan from the answers.
          steps: scheduleGuide(guideInputs(choices)),
        })
      : offlineStepContext(flags['my-domain']!, flags['site-contact']!, flags['api-version'] ?? DEFAULT_API_VERSION);
    this.spinner.stop();
    const prerequisites = ctx.prerequisites ?? [];
    if (missingPrerequisites(prerequisites).length > 0) await this.stopForPrerequisites(ctx, choices, prerequisites);
    // Ask for the RingCentral secret now, before the stages draw, when the provider must be created: the org layer
    // reads the provider once, for this and for the step.
    if (!choices.clientSecret && !dryRun && !(await readRingCentralAuthProvider(ctx.org)).exists) {
      // Where no prompt can ask, the step itself reports the missing secret (and the rest of the guide goes on).
      choices.clientSecret = await ctx.requireSecret(RINGCENTRAL_CLIENT_SECRET).catch((error: SfError) => {
        if (error.name === 'MissingSecretError') return undefined;
        throw error;
      });
    }

    if (flags['integration-username'])
      this.integrationUser = { username: flags['integration-username'], email: flags['integration-email'] };
    const startedAt = Date.now();
    const scheduled = scheduleGuide(guideInputs(choices)).filter((s) => org || !RECORD_STEPS.includes(s.step.id));
    // Nothing the admin configured is changed without a yes: the plan first (reads only, each once), then consent.
    // An export collects the plan: of the run itself in a dry run, of the plan pass before it with --deploy.
    const collector = exportTarget || validate ? new PlanCollector() : undefined;
    let exported: ExportResult | undefined;
    if (!dryRun) {
      const planned = await runGuideSteps(scheduled, { ...ctx, dryRun: true, ...collectInto(collector) });
      await this.consentToUpdates(planned, Boolean(choices.platform), flags.force, noPrompt);
      if (exportTarget && collector) exported = await this.export(exportTarget, collector, ctx, planned, true);
    } else if (collector) ctx.onPlan = collector.onPlan;
    const progress = await StepProgress.start(
      messages.getMessage(dryRun ? 'progress.TitleDryRun' : 'progress.Title'),
      scheduled.map((s) => s.step),
      this.jsonEnabled(),
    );
    display.progress = progress;
    const stopOnCtrlC = onCtrlC(() => ctx.org.interrupt());
    let validation: ValidationSummary | undefined;
    const reports = await runGuideSteps(scheduled, ctx, {
      onStart: (step) => progress.started(step),
      onEnd: (step, report) => progress.finished(step, report),
    })
      .then(async (done) => {
        // After Ctrl-C nothing more is sent: the run ends as an interrupted one (exit 130) with what it had.
        if (!validate || !collector || ctx.org.interrupted) return done;
        // Every plan of every step in ONE check-only deploy; each component gets Salesforce's answer.
        const checked = await validateCollected(ctx, collector, { connectedAppFallback: choices.appType === 'auto' });
        validation = checked.summary;
        return done.map((r) => ({ ...r, components: checked.lay(r.components) }));
      })
      .finally(stopOnCtrlC);
    progress.stop(reports);
    const backupFile = await saveBackup(this, ctx);
    if (exportTarget && collector && dryRun) exported = await this.export(exportTarget, collector, ctx, reports, false);

    const steps = GUIDE_ORDER.map(
      (id): StepReport =>
        reports.find((r) => r.id === id) ?? {
          // Only the integration user's step can be without inputs: it is made only when named.
          ...{ id, title: guideStep(id).title, components: [], nextSteps: [], warnings: [], details: {} },
          status: 'skipped',
          reason: org ? messages.getMessage('skipped.NoIntegrationUser') : exportMessages.getMessage('skipped.Offline'),
        },
    );
    const failedOrSkipped = reports.filter((r) => r.status === 'failed' || r.status === 'skipped');
    const outcome: ConfigureResult['outcome'] =
      failedOrSkipped.length === 0 ? 'complete' : failedOrSkipped.length === reports.length ? 'failed' : 'partial';
    const platform =
      (
        reports.find((r) => r.id === 'ringcentral-auth-provider')?.details as
          | Partial<RingCentralAuthProviderDetails>
          | undefined
      )?.platform ??
      choices.platform ??
      ringCentralPlatform('production');
    // Only what is still open: the read-only checks of the person's steps (the same as verify's) decide.
    const entries = identifyPersonSteps(steps, handOver(steps, dryRun));
    const target: PersonStepTarget = {
      org: ctx.org,
      ringCentral: ringCentralTargetOf(steps, choices.clientId),
      appChangedAt: startedAt,
      ringCentralOptions: NO_RETRY_WAIT,
    };
    const initial = dryRun ? [] : await checkPersonSteps(checkableIds(entries), target);
    const personSteps = withStates(entries, initial, { dryRun });
    const result: ConfigureResult = {
      dryRun,
      outcome,
      environment: platform.environment,
      server: platform.server,
      steps,
      prerequisites,
      nextSteps: stillOpen(personSteps),
      personSteps,
      ...(backupFile ? { backupFile } : {}),
      ...(exported ? { export: exported } : {}),
      ...(validation ? { validation } : {}),
    };

    this.logReport(result);
    if (exported) this.log(['', ...renderExport(exported)].join('\n'));
    if (validation) {
      // Salesforce would refuse a component: exit 1 with each one and its words; the whole result in --json's data.
      const components = steps.flatMap((r) => r.components);
      try {
        throwIfRefused({ components, validation });
      } catch (error) {
        (error as SfError).setData(result as unknown as Parameters<SfError['setData']>[0]);
        throw error;
      }
    }
    if (ctx.org.interrupted) {
      const done = steps.filter((r) => !['failed', 'skipped'].includes(r.status)).map((r) => r.title);
      const error = messages.createError(
        'error.Interrupted',
        [done.length ? done.join(', ') : messages.getMessage('interrupted.Nothing')],
        [],
        EXIT.interrupted,
      );
      error.setData(result as unknown as Parameters<typeof error.setData>[0]);
      throw error;
    }
    const opener = flags.open ? new StepOpener({ log: (t) => this.log(t), warn: (t) => this.warn(t) }) : undefined;
    if (opener) await opener.next(personSteps, { more: flags.wait !== undefined });
    if (flags.wait !== undefined && personSteps.some((s) => s.id !== 'other' && s.state !== 'done')) {
      const waited = await waitWithChecklist({
        minutes: flags.wait,
        steps: personSteps,
        initial,
        check: (ids) => checkPersonSteps(ids, target),
        jsonEnabled: this.jsonEnabled(),
        opener,
      });
      result.personSteps = waited.steps;
      result.nextSteps = stillOpen(waited.steps);
      result.wait = {
        minutes: flags.wait,
        seconds: Math.round(waited.outcome.elapsedMs / 1000),
        rounds: waited.outcome.rounds,
        timedOut: !waited.outcome.done,
      };
      if (result.wait.timedOut) {
        this.log(`\n${messages.getMessage('wait.TimedOut', [flags.wait])}`);
        this.log(renderNextSteps(result.nextSteps).slice(1).join('\n'));
        process.exitCode = EXIT.failed;
      } else {
        this.log(`\n${messages.getMessage('wait.Done')}`);
      }
    }
    if (opener) result.opened = opener.urls;
    if (outcome === 'partial') process.exitCode = EXIT.partial;
    if (outcome === 'failed') {
      const error = messages.createError('error.NothingDone', [
        failedOrSkipped.map((r) => `${r.title}: ${r.reason ?? r.status}`).join('\n'),
      ]);
      error.setData(result as unknown as Parameters<typeof error.setData>[0]);
      throw error;
    }
    return result;
  }

  /**
   * What the guide presumes is missing: nothing is written. The checklist, each item with what to do and its Setup
   * URL; a dry run also shows the plan, marked as not runnable. Ends in an SfError (exit 78) whose data is the result.
   */
  private async stopForPrerequisites(
    ctx: StepContext,
    choices: GuideChoices,
    prerequisites: PrerequisiteCheck[],
  ): Promise<never> {
    const platform = choices.platform ?? ringCentralPlatform('production');
    const result: ConfigureResult = {
      dryRun: ctx.dryRun,
      outcome: 'blocked',
      environment: platform.environment,
      server: platform.server,
      steps: [],
      prerequisites,
      nextSteps: [],
      personSteps: [],
    };
    if (ctx.dryRun) {
      // The plan (reads only) shows what the run would do once the prerequisites are there.
      result.steps = await runGuideSteps(scheduleGuide(guideInputs(choices)), ctx);
      this.logReport(result);
      this.log(['', ...renderChecklist(prerequisites)].join('\n'));
    } else {
      this.log(renderChecklist(prerequisites).join('\n'));
    }
    throw prerequisitesError(prerequisites, result);
  }

  /**
   * Updates of existing components need consent: asked once for all in a terminal; elsewhere (CI, --json,
   * --no-prompt) only --force gives it. Creations need none, nor a platform move asked for with --environment.
   */
  private async consentToUpdates(
    plan: StepReport[],
    platformAsked: boolean,
    force: boolean,
    noPrompt: boolean,
  ): Promise<void> {
    const pending = updatesNeedingConsent(plan, platformAsked);
    if (pending.length === 0 || force) return;
    const list = renderUpdates(pending);
    if (!noPrompt && process.stdin.isTTY && !this.jsonEnabled()) {
      this.log([messages.getMessage('consent.Heading'), ...list].join('\n'));
      if (await this.confirm({ message: messages.getMessage('consent.Question', [pending.length]), ms: 300_000 }))
        return;
      throw messages.createError('error.UpdatesDeclined');
    }
    throw messages
      .createError('error.UpdatesNeedForce', [pending.length, list.join('\n')])
      .setData({ updates: pending });
  }

  /** Writes the collected plan as a source-format project; the records come from the steps' results. */
  private async export(
    target: ExportTarget,
    collector: PlanCollector,
    ctx: StepContext,
    reports: readonly StepReport[],
    deployed: boolean,
  ): Promise<ExportResult> {
    return writeExport(target, collector, {
      facts: ctx.facts,
      records: this.offline ? offlineRecords(this.integrationUser) : exportedRecords(reports),
      apiVersion: ctx.org.apiVersion,
      deployed,
      usernames: reports.flatMap((r) => exportUsernames(r.details)),
    });
  }

  private logReport(result: ConfigureResult): void {
    // A warning two steps share (the retiring sandbox) is said once.
    const warned = new Set<string>();
    for (const step of result.steps) {
      this.log(`\n${messages.getMessage('heading.Step', [step.title, messages.getMessage(`status.${step.status}`)])}`);
      step.warnings.filter((w) => !warned.has(w)).forEach((w) => warned.add(w) && this.warn(w));
      if (step.components.length)
        this.log(renderComponents(step.components, result.dryRun, { summary: false }).slice(1).join('\n'));
      if (step.reason && (step.status === 'failed' || step.status === 'skipped')) this.log(`  ${step.reason}`);
      step.actions?.forEach((a) => this.log(`  → ${a}`));
    }
    if (result.validation)
      this.log(
        renderValidation(
          result.steps.flatMap((s) => s.components),
          result.validation,
        ).join('\n'),
      );
    else
      this.log(
        `\n${messages.getMessage(`outcome.${result.outcome === 'blocked' || !result.dryRun ? result.outcome : 'dryRun'}`)}`,
      );
    this.log(renderNextSteps(result.nextSteps).join('\n'));
  }
}

const collectInto = (collector?: PlanCollector): Partial<StepContext> =>
  collector ? { onPlan: collector.onPlan } : {};

/**
 * The steps only a person can do, gathered from every step, in the order to do them: the RingCentral redirect
 * URI, then the named credentials' consent, then the wait for a new app to work; each once.
 */
function handOver(steps: readonly StepReport[], dryRun: boolean): NextStep[] {
  // The integration user's own hand-over ("run the remaining steps as this user") is for the step command alone:
  // configure has just run them; the ECI consent step says to give it as the integration user.
  const all = steps.filter((s) => s.id !== 'integration-user').flatMap((s) => s.nextSteps);
  const rcNamedCredential = steps.find((s) => s.id === 'ringcentral-named-credential');
  const endpointMoved = rcNamedCredential?.components.some(
    (c) => c.action === 'update' && c.changes.some((ch) => ch.field === 'endpoint'),
  );
  const rcProvider = steps.find((s) => s.id === 'ringcentral-auth-provider');
  const callbackUrl = (rcProvider?.details as { callbackUrl?: string } | undefined)?.callbackUrl;
  const appCreated = steps.some(
    (s) => (s.id === 'eci-connected-app' || s.id === 'ringcentral-auth-provider') && s.status === 'created',
  );
  // A first configuration may have no RingCentral app yet: offer the pre-filled creation link then only, right
  // after the redirect URI it stands in for (the consents need the app).
  const creation =
    callbackUrl && rcProvider?.components.some((c) => c.action === 'create')
      ? ringCentralAppCreationStep(callbackUrl)
      : undefined;
  const redirect = rcProvider?.nextSteps[0];
  // A moved endpoint turns the RingCentral consent into a second one: say so where the consent is, with its URL.
  const rcConsent = endpointMoved ? rcNamedCredential?.nextSteps[0] : undefined;
  const ordered = all.flatMap((s): NextStep[] =>
    s === redirect && creation
      ? [s, creation]
      : s === rcConsent
        ? [{ ...reauthorizeStep('Ring Central'), ...(s.url ? { url: s.url } : {}) }]
        : [s],
  );
  const extra: NextStep[] = [
    ...(creation && !ordered.includes(creation) ? [creation] : []),
    ...(endpointMoved && !rcConsent ? [reauthorizeStep('Ring Central')] : []),
    ...(appCreated && !dryRun ? [propagationStep()] : []),
  ];
  const seen = new Set<string>();
  return [...ordered, ...extra].filter((s) => {
    const key = `${s.title}|${s.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
