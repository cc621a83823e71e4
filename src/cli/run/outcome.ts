import { Messages, type SfError } from '@salesforce/core';
import { EXIT } from '../../model/exit-codes.js';
import type { ComponentResult, ValidationSummary } from '../../model/component.js';
import type { StepReport } from '../../steps/run-steps.js';
import { prerequisitesError } from '../prerequisites.js';
import { stoppedError } from './stopped.js';
import type { PipelineRun } from './pipeline.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const validateMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

/** complete: every step done or unchanged; partial: some failed or were skipped; failed: none done. */
export type RunOutcome = 'complete' | 'partial' | 'failed';

const unfinished = (r: StepReport): boolean => r.status === 'failed' || r.status === 'skipped';

export function outcomeOf(reports: readonly StepReport[]): RunOutcome {
  const left = reports.filter(unfinished).length;
  return left === 0 ? 'complete' : left === reports.length ? 'failed' : 'partial';
}

type Data = Parameters<SfError['setData']>[0];

/**
 * What ends a run before its own outcome counts, in this order: a missing prerequisite (exit 78, nothing written), a
 * stop signal (130 for Ctrl-C, 143 for SIGTERM: what was done, and that a re-run finishes), Salesforce refusing a
 * component of a --validate run (exit 1, each with its words). Each error carries the command's result for --json.
 */
export function endIfCut(run: PipelineRun, result: object): void {
  if (run.blocked) throw prerequisitesError(run.prerequisites, result);
  if (run.stoppedBy) throw stoppedRunError(run, result);
  if (run.validation)
    throwIfRefused(
      run.reports.flatMap((r) => r.components),
      run.validation,
      result,
    );
}

function stoppedRunError(run: PipelineRun, result: object): SfError {
  const done = run.reports.filter((r) => !unfinished(r)).map((r) => r.title);
  return stoppedError(run.stoppedBy!, done).setData(result as Data);
}

/**
 * A --validate run in which Salesforce would refuse a component ends in an SfError (exit 1) that names each refused
 * component with Salesforce's words, and carries the whole result (--json).
 */
function throwIfRefused(components: readonly ComponentResult[], validation: ValidationSummary, result: object): void {
  const refused = components.filter((c) => c.validation?.status === 'refused');
  if (refused.length === 0) return;
  const detail = refused.map((c) => `${c.type} ${c.name}: ${c.validation?.message ?? 'refused'}`).join('\n');
  const error = validateMessages.createError('error.ValidationRefused', [
    refused.length,
    validation.deployId ?? '',
    detail,
  ]);
  throw error.setData(result as Data);
}

/**
 * The exit code of a run that was not cut short: 0 when complete; 68 when partly done (what was done is listed, a
 * re-run finishes); a run that did nothing ends in the command's own error (exit 1) with the result.
 */
export function endWithOutcome(outcome: RunOutcome, result: object, nothingDone: () => SfError): void {
  if (outcome === 'partial') process.exitCode = EXIT.partial;
  if (outcome === 'failed') throw nothingDone().setData(result as Data);
}
