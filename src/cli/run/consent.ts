import type { SfError } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { mayPrompt } from './prompting.js';

/**
 * What a run is about to change of what the admin configured (updates, deletes), in the words of the command that
 * asks: the list, a warning that goes with it, the question, and the errors for "no" and for "no way to ask".
 */
export type ConsentRequest = {
  /** How many changes need a yes; none: nothing is asked. */
  pending: number;
  /** What a terminal shows before the question: each change, old → new or what goes. */
  shown: string[];
  /** Said with the list, and with --force too (a delete that can never be undone). */
  warning?: string;
  question: string;
  declined: () => SfError;
  /** Where no prompt can ask (CI, --json, --no-prompt) and --force was not given: the error lists the changes. */
  needsForce: () => SfError;
  /** What no yes and no --force can allow (a user the plan cannot prove is the guide's): the run ends here. */
  refusal?: () => SfError;
};

/**
 * Nothing the admin configured is changed or removed without a yes: asked once for all in a terminal; elsewhere only
 * --force gives it.
 */
export async function obtainConsent(
  command: SfCommand<unknown>,
  request: ConsentRequest,
  options: { force: boolean; noPrompt: boolean },
): Promise<void> {
  if (request.refusal) throw request.refusal();
  if (request.pending === 0) return;
  if (options.force) {
    if (request.warning) command.warn(request.warning);
    return;
  }
  if (mayPrompt(command, options.noPrompt)) {
    command.log(request.shown.join('\n'));
    if (request.warning) command.warn(request.warning);
    if (await command.confirm({ message: request.question, ms: 300_000 })) return;
    throw request.declined();
  }
  throw request.needsForce();
}
