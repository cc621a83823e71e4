import { Messages } from '@salesforce/core';
import type { ComponentResult } from '../engine/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/**
 * A step that failed on a component ends in an SfError (non-zero exit) that carries the whole result, so
 * `--json` still shows what was done, and whose actions say that a re-run finishes the job.
 */
export function throwIfFailed(result: { components: ComponentResult[] }): void {
  const failed = result.components.filter((c) => c.status === 'failed');
  if (failed.length === 0) return;
  const detail = failed.map((c) => `${c.type} ${c.name}: ${c.error?.message ?? 'failed'}`).join('\n');
  const error = messages.createError('error.ComponentsFailed', [detail]);
  error.setData(result);
  throw error;
}
