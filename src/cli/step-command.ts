import { Messages, type Org } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { Secret } from '../engine/secret.js';
import type { ComponentResult } from '../engine/types.js';
import { OrgAccess } from '../org/org-access.js';
import type { StepContext, StepOutcome } from '../steps/step.js';
import { renderComponents, renderNextSteps } from './render.js';
import { missingSecretError, promptForSecret, type SecretIntake } from './secrets.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/**
 * Connects to the org and builds the context a step runs in, for a step command: secrets given up front
 * are used as they are; a missing one is asked for with a masked prompt only in a terminal without --json.
 */
export async function stepContextFor(
  command: SfCommand<unknown>,
  options: { org: Org; apiVersion?: string; dryRun: boolean; secrets?: ReadonlyMap<string, Secret | undefined>; noPrompt?: boolean }
): Promise<StepContext> {
  const org = await OrgAccess.connect(options.org, options.apiVersion);
  command.spinner.start(messages.getMessage('progress.Reading'));
  const facts = await org.facts();
  return {
    org,
    facts,
    dryRun: options.dryRun,
    handoff: new Map(),
    async requireSecret(intake: SecretIntake): Promise<Secret> {
      const given = options.secrets?.get(intake.envVar);
      if (given) return given;
      command.spinner.stop();
      if (options.noPrompt || !process.stdin.isTTY || command.jsonEnabled()) throw missingSecretError(intake);
      const secret = await promptForSecret(intake, (opts) => command.secretPrompt(opts));
      command.spinner.start(messages.getMessage('progress.Writing'));
      return secret;
    },
  };
}

/** Prints a step's outcome for a person: components, warnings, then what only a person can do. */
export function logOutcome(command: SfCommand<unknown>, outcome: StepOutcome, dryRun: boolean, extra: string[] = []): void {
  command.spinner.stop();
  outcome.warnings.forEach((w) => command.warn(w));
  command.log(renderComponents(outcome.components, dryRun).join('\n'));
  if (extra.length) command.log(['', ...extra].join('\n'));
  const next = renderNextSteps(outcome.nextSteps);
  if (next.length) command.log(next.join('\n'));
}

/**
 * A step that failed on a component ends in an SfError (non-zero exit) that carries the whole result, so
 * `--json` still shows what was done, and whose actions say that a re-run finishes the job.
 */
export function throwIfFailed(result: { components: ComponentResult[] }): void {
  const failed = result.components.filter((c) => c.status === 'failed');
  if (failed.length === 0) return;
  const detail = failed.map((c) => `${c.type} ${c.name}: ${c.error?.message ?? 'failed'}`).join('\n');
  const error = messages.createError('error.ComponentsFailed', [detail]);
  // A refusal the plugin recognises says what to do; "fix and run again" alone would loop.
  const known = failed.flatMap((c) => c.error?.actions ?? []);
  if (known.length) error.actions = [...known, ...(error.actions ?? [])];
  error.setData(result);
  throw error;
}
