import { Messages } from '@salesforce/core';
import type { NextStep } from '../model/component.js';
import type { RotationStatus, RotationStep, RotationTarget } from '../rotation/types.js';
import { renderNextSteps } from './render.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.rotate');

export type RotateResult = {
  /** Which secret: the RingCentral client secret, or the ECI app's consumer key and secret. */
  target: RotationTarget;
  dryRun: boolean;
  /**
   * rotated: done and proven (the ECI app's former key and secret retired); waiting: a person's step is open (exit 68:
   * a re-run, or --wait, finishes); planned: a dry run; handed-over: a Connected App, which only Setup rotates.
   */
  status: RotationStatus;
  /** Every step of the rotation, the plugin's and the person's, each done, planned or open. Never a key or secret. */
  steps: RotationStep[];
  /** The person's steps still to do, each with its exact URL. */
  nextSteps: NextStep[];
  /** The ECI app: until when the former key and secret stay valid if they are not retired (the org's date). */
  formerValidUntil?: string;
  /** Where the progress of a rotation under way is kept (ids and dates only), until it is done. */
  progressFile?: string;
};

/** The rotation's steps, one line each with its mark; then the person's steps with their URLs; then what it means. */
export function renderRotation(result: RotateResult): string[] {
  const lines = [messages.getMessage(`heading.${result.target}`)];
  for (const s of result.steps) lines.push(`  ${messages.getMessage(`mark.${s.status}`)} ${s.title}`);
  lines.push(...renderNextSteps(result.nextSteps));
  lines.push('', messages.getMessage(`status.${result.status}`));
  if (result.formerValidUntil) lines.push(messages.getMessage('info.FormerValidUntil', [result.formerValidUntil]));
  if (result.progressFile && result.status === 'waiting')
    lines.push(messages.getMessage('info.ProgressFile', [result.progressFile]));
  return lines;
}
