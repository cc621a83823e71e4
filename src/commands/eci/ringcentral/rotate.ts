import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { EciCommand } from '../../../cli/eci-command.js';
import { clientSecretStdinFlag, dryRunFlag, orgFlags } from '../../../cli/flags.js';
import { environmentSection, errorCodesSection } from '../../../cli/help.js';
import { renderRotation, type RotateResult } from '../../../cli/rotate-report.js';
import { fileRotationLog, rotationFile } from '../../../cli/rotation-log.js';
import { endIfCut } from '../../../cli/run/outcome.js';
import { outcomeOfStep, runPipeline } from '../../../cli/run/pipeline.js';
import { secretFromEnvOrStdin } from '../../../cli/secrets.js';
import { EXIT } from '../../../model/exit-codes.js';
import { RINGCENTRAL_CLIENT_SECRET } from '../../../model/secret.js';
import { rotationTask } from '../../../rotation/task.js';
import type { SecretAccessReport } from '../../../steps/secret-access.js';
import type { RotationTarget } from '../../../rotation/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.rotate');

export type { RotateResult };

const TARGETS: readonly RotationTarget[] = ['ringcentral', 'eci-app'];

export default class Rotate extends EciCommand<RotateResult> {
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
  public static override readonly envVariablesSection = environmentSection(['RINGCENTRAL_CLIENT_SECRET']);

  public static override readonly flags = {
    ...orgFlags,
    secret: Flags.option({
      summary: messages.getMessage('flags.secret.summary'),
      description: messages.getMessage('flags.secret.description'),
      options: TARGETS,
      required: true,
    })(),
    'client-secret-stdin': clientSecretStdinFlag,
    'no-prompt': Flags.boolean({ summary: messages.getMessage('flags.no-prompt.summary'), default: false }),
    'allow-secret-read-via-rest': Flags.boolean({
      summary: messages.getMessage('flags.allow-secret-read-via-rest.summary'),
      description: messages.getMessage('flags.allow-secret-read-via-rest.description'),
      default: false,
    }),
    'dry-run': dryRunFlag,
    wait: Flags.integer({
      summary: messages.getMessage('flags.wait.summary'),
      min: 1,
      max: 60,
      helpValue: '<minutes>',
      exclusive: ['dry-run'],
    }),
  };

  public async run(): Promise<RotateResult> {
    const { flags } = await this.parse(Rotate);
    const target = flags.secret;
    if (target !== 'ringcentral' && flags['client-secret-stdin'])
      throw messages.createError('error.StdinNotForTarget', [target]);
    if (target !== 'eci-app' && flags['allow-secret-read-via-rest'])
      throw messages.createError('error.SecretReadNotForTarget', [target]);
    // Every input is checked before the first call: the secret comes from the environment or stdin, else the prompt.
    const clientSecret =
      target === 'ringcentral'
        ? await secretFromEnvOrStdin(RINGCENTRAL_CLIENT_SECRET, flags['client-secret-stdin'])
        : undefined;
    const task = rotationTask({
      target,
      ...(clientSecret ? { clientSecret } : {}),
      log: fileRotationLog(this.config.dataDir),
      ...(flags.wait ? { wait: { minutes: flags.wait } } : {}),
    });
    const run = await runPipeline({
      command: this,
      target: { kind: 'org', org: flags['target-org'], apiVersion: flags['api-version'] },
      mode: { dryRun: flags['dry-run'], validate: false, deploy: false },
      schedule: [task],
      progress: { kind: 'spinner' },
      noPrompt: flags['no-prompt'],
      allowSecretReadViaRest: flags['allow-secret-read-via-rest'],
      secretAccessPurpose: 'rotation',
    });
    const error = run.errors.get(task.step.id);
    if (error && !run.stoppedBy) throw error;
    // A run stopped while the REST secrets setting was on still says what was done with it.
    const access = error?.data as { secretAccess?: SecretAccessReport; secretAccessLine?: string } | undefined;
    const outcome = outcomeOfStep(run, task);
    const details = outcome?.details ?? { target, status: 'waiting' as const, steps: [] };
    const result: RotateResult = {
      target,
      dryRun: run.dryRun,
      status: details.status,
      steps: details.steps,
      nextSteps: outcome?.nextSteps ?? [],
      ...(details.formerValidUntil ? { formerValidUntil: details.formerValidUntil } : {}),
      ...(details.secretAccess ? { secretAccess: details.secretAccess } : {}),
      ...(access?.secretAccess ? { secretAccess: access.secretAccess } : {}),
      ...(details.status === 'waiting'
        ? { progressFile: rotationFile(this.config.dataDir, run.ctx.facts.orgId, target) }
        : {}),
    };
    outcome?.warnings.forEach((w) => this.warn(w));
    if (access?.secretAccessLine) this.warn(access.secretAccessLine);
    this.log(renderRotation(result).join('\n'));
    endIfCut(run, result);
    // Not finished until proven: a re-run (or --wait) finishes; CI can tell it from done.
    if (result.status === 'waiting') process.exitCode = EXIT.partial;
    return result;
  }
}
