import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import {
  checkableIds,
  checkPersonSteps,
  withStates,
  type PersonStep,
  type PersonStepCheck,
  type PersonStepId,
  type PersonStepTarget,
  watching,
} from '../verify/person-steps.js';
import type { NextStep } from '../model/component.js';
import { StepOpener, waitWithChecklist } from './person-steps.js';
import { renderNextSteps } from './render.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'person-steps');

/** With --wait: how long it waited, and whether the time ran out before every person's step was done. */
export type WaitSummary = { minutes: number; seconds: number; rounds: number; timedOut: boolean };

/** What a command hands over to a person: each step with its state, and what --wait and --open did. */
export type HandOver = { personSteps: PersonStep[]; wait?: WaitSummary; opened?: string[] };

/**
 * The person's steps, each decided by its read-only check (a dry run checks nothing: each is not checked, saying
 * why): what the report lists as still to do.
 */
export async function checkHandOver(
  entries: ReadonlyArray<NextStep & { id: PersonStepId }>,
  target: PersonStepTarget,
  dryRun = false,
): Promise<{ personSteps: PersonStep[]; initial: PersonStepCheck[] }> {
  const initial = dryRun ? [] : await checkPersonSteps(checkableIds(entries), target);
  return { personSteps: withStates(entries, initial, { dryRun }), initial };
}

export type OpenAndWaitOptions = {
  personSteps: PersonStep[];
  initial: PersonStepCheck[];
  target: PersonStepTarget;
  open: boolean;
  /** --wait's minutes. */
  wait?: number;
};

/**
 * The one hand-over of configure and verify: with --open the first open step's URL in the browser; with --wait the
 * live checklist until every step is done or the time is up (then what is still to do), opening the next URL as each
 * is done.
 */
export async function openAndWait(command: SfCommand<unknown>, options: OpenAndWaitOptions): Promise<HandOver> {
  const opener = options.open
    ? new StepOpener({ log: (t) => command.log(t), warn: (t) => command.warn(t) })
    : undefined;
  if (opener) await opener.next(options.personSteps, { more: options.wait !== undefined });
  const waited = options.wait === undefined ? undefined : await waitFor(command, options, opener);
  return {
    personSteps: waited?.steps ?? options.personSteps,
    ...(waited ? { wait: waited.summary } : {}),
    ...(opener ? { opened: opener.urls } : {}),
  };
}

async function waitFor(
  command: SfCommand<unknown>,
  options: OpenAndWaitOptions,
  opener: StepOpener | undefined,
): Promise<{ steps: PersonStep[]; summary: WaitSummary }> {
  const minutes = options.wait!;
  const steps = options.personSteps;
  if (!steps.some((s) => s.id !== 'other' && s.state !== 'done'))
    return { steps, summary: { minutes, seconds: 0, rounds: 0, timedOut: false } };
  const waited = await waitWithChecklist({
    minutes,
    steps,
    initial: options.initial,
    check: (ids) => checkPersonSteps(ids, watching(options.target)),
    jsonEnabled: command.jsonEnabled(),
    opener,
  });
  const timedOut = !waited.outcome.done;
  if (timedOut) {
    command.log(`\n${messages.getMessage('wait.TimedOut', [minutes])}`);
    command.log(
      renderNextSteps(waited.steps.filter((s) => s.state !== 'done'))
        .slice(1)
        .join('\n'),
    );
  } else command.log(`\n${messages.getMessage('wait.Done')}`);
  const seconds = Math.round(waited.outcome.elapsedMs / 1000);
  return { steps: waited.steps, summary: { minutes, seconds, rounds: waited.outcome.rounds, timedOut } };
}
