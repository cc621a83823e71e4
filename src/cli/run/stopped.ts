import { Messages, type SfError } from '@salesforce/core';
import { exitCodeOf, type StopSignal } from './interrupt.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'run');

/** The error of a run a signal stopped: what was done before it (none: nothing), and the signal's exit code. */
export function stoppedError(signal: StopSignal, done: readonly string[]): SfError {
  return messages.createError(
    'error.Interrupted',
    [
      messages.getMessage(`signal.${signal}`),
      done.length ? done.join(', ') : messages.getMessage('interrupted.Nothing'),
    ],
    [],
    exitCodeOf(signal),
  );
}

/** A signal before any step wrote: nothing was done. */
export const stoppedBeforeWrites = (signal: StopSignal): SfError => stoppedError(signal, []);
