import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { StepInfo } from '../../steps/step.js';
import type { RunHooks, StepReport } from '../../steps/run-steps.js';
import { StepProgress } from '../progress.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** How a run shows its progress: one stage per step (configure), or a spinner (a run of one task). */
export type ProgressKind = { kind: 'stages'; title: string } | { kind: 'spinner' };

/** Progress while the steps run: the hooks the runner calls, and pause/resume around a prompt. */
export type RunProgress = {
  hooks: RunHooks;
  pause(): void;
  resume(): void;
  stop(reports: readonly StepReport[]): void;
};

export async function startRunProgress(
  command: SfCommand<unknown>,
  shown: ProgressKind,
  steps: readonly StepInfo[],
  dryRun: boolean,
): Promise<RunProgress> {
  if (shown.kind === 'stages') {
    const stages = await StepProgress.start(shown.title, steps, command.jsonEnabled());
    return {
      hooks: { onStart: (step) => stages.started(step), onEnd: (step, report) => stages.finished(step, report) },
      pause: () => stages.pause(),
      resume: () => stages.resume(),
      stop: (reports) => stages.stop(reports),
    };
  }
  const start = (): void =>
    command.spinner.start(messages.getMessage(dryRun ? 'progress.Reading' : 'progress.Writing'));
  start();
  return { hooks: {}, pause: () => command.spinner.stop(), resume: start, stop: () => command.spinner.stop() };
}
