import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { dryRunFlag, exportFlags, orgFlags, validateFlag } from '../../../cli/flags.js';
import { guideChoicesFromFlags, guideFlags } from '../../../cli/guide-flags.js';
import type { ConfigureResult } from '../../../cli/guide-result.js';
import { errorCodesSection, environmentSection } from '../../../cli/help.js';
import {
  exportedRecords,
  exportUsernames,
  guideRunTarget,
  offlineRecords,
  RECORD_STEPS,
  renderExport,
} from '../../../cli/export.js';
import { runModeOf, writesNothing } from '../../../cli/run/mode.js';
import { endIfCut, endWithOutcome, outcomeOf } from '../../../cli/run/outcome.js';
import { runPipeline } from '../../../cli/run/pipeline.js';
import { allowSecretReadViaRestFlag, apiVersionNeeds } from '../../../cli/secret-read-flag.js';
import { updateConsent } from '../../../cli/update-consent.js';
import { EXIT } from '../../../model/exit-codes.js';
import { guideInputs } from '../../../steps/guide-inputs.js';
import { scheduleGuide } from '../../../steps/index.js';
import { consentCalloutReads } from '../../../steps/consent-callouts.js';
import { EciCommand } from '../../../cli/eci-command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.configure');
const exportMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

export type { ConfigureResult };

export default class Configure extends EciCommand<ConfigureResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly errorCodes = errorCodesSection([
    'success',
    'failed',
    'partial',
    'prerequisites',
    'interrupted',
    'terminated',
  ]);
  public static override readonly envVariablesSection = environmentSection([
    'RINGCENTRAL_CLIENT_SECRET',
    'ECI_CONSUMER_KEY',
    'ECI_CONSUMER_SECRET',
  ]);

  public static override readonly flags = {
    ...orgFlags,
    // Optional with --output-dir and --my-domain: a pipeline can export without an org.
    'target-org': Flags.optionalOrg(),
    // Checked in code (with --output-dir, without --target-org), so that a misuse is an SfError like every bad input.
    'my-domain': Flags.string({ summary: exportMessages.getMessage('flags.my-domain.summary') }),
    ...guideFlags,
    force: Flags.boolean({
      summary: messages.getMessage('flags.force.summary'),
      description: messages.getMessage('flags.force.description'),
      default: false,
    }),
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    'allow-secret-read-via-rest': allowSecretReadViaRestFlag,
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
    // Every input of every step is checked before the first call to the org.
    const allowSecretReadViaRest = flags['allow-secret-read-via-rest'];
    const choices = { ...(await guideChoicesFromFlags(flags)), secretReadViaRest: allowSecretReadViaRest };
    const target = guideRunTarget(flags);
    const offline = target.kind === 'offline';
    const mode = runModeOf(flags);
    const run = await runPipeline({
      command: this,
      target,
      mode,
      schedule: scheduleGuide(guideInputs({ ...choices, exporting: mode.outputDir !== undefined })).filter(
        (s) => !offline || !RECORD_STEPS.includes(s.step.id),
      ),
      progress: {
        kind: 'stages',
        title: messages.getMessage(writesNothing(mode) ? 'progress.TitleDryRun' : 'progress.Title'),
      },
      noPrompt: flags['no-prompt'],
      force: flags.force,
      consent: (plan) => updateConsent(plan),
      // The hand-over's consent checks go with the first reads (asked again after the run only if it wrote the NCs).
      reads: consentCalloutReads,
      validate: { connectedAppFallback: choices.appType === 'auto' },
      exportRecords: (reports) => (offline ? offlineRecords(choices.integrationUser) : exportedRecords(reports)),
      exportUsernames,
      allowSecretReadViaRest,
      apiVersionNeeds: apiVersionNeeds({ appType: choices.appType }),
    });
    // What follows the run loads after it: nothing the first request does not need loads before it.
    const [{ guideHandOver, guideResult }, { logGuideReport }] = await Promise.all([
      import('../../../cli/guide-result.js'),
      import('../../../cli/guide-report.js'),
    ]);
    const { result, initial } = await guideResult(run, choices, offline);
    if (result.refreshedFrom)
      this.log(messages.getMessage(run.dryRun ? 'info.RefreshedDryRun' : 'info.Refreshed', [result.refreshedFrom]));
    logGuideReport(this, result, run.exported ? renderExport(run.exported) : []);
    endIfCut(run, result);
    await guideHandOver(this, run, { result, initial }, choices, flags);
    if (result.wait?.timedOut) process.exitCode = EXIT.failed;
    endWithOutcome(outcomeOf(run.reports), result, () =>
      messages.createError('error.NothingDone', [
        run.reports
          .filter((r) => r.status === 'failed' || r.status === 'skipped')
          .map((r) => `${r.title}: ${r.reason ?? r.status}`)
          .join('\n'),
      ]),
    );
    return result;
  }
}
