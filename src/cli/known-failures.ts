import { Messages, type SfError } from '@salesforce/core';
import type { ComponentResult } from '../engine/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

/**
 * Refusals whose cause the plugin knows, turned into an error that names the cause and the action (the
 * platform's own message included). Anything else goes to the generic throwIfFailed.
 */
function explain(failed: ComponentResult): SfError | undefined {
  const message = failed.error?.message ?? '';
  const code = failed.error?.statusCode;
  if (failed.type === 'User' && (code === 'DUPLICATE_USERNAME' || /duplicate username/i.test(message))) {
    const [local, domain] = failed.name.split('@');
    return messages.createError('error.UsernameTaken', [failed.name, message], [`${local}.eci@${domain}`]);
  }
  if (failed.type === 'PermissionSetAssignment' && /licen[cs]e/i.test(message)) {
    const assignee = failed.name.split(' → ')[1] ?? failed.name;
    return messages.createError('error.LicenseMismatch', [assignee, `${code ? `${code}: ` : ''}${message}`]);
  }
  return undefined;
}

export function throwIfKnownFailure(result: { components: ComponentResult[] }): void {
  for (const failed of result.components.filter((c) => c.status === 'failed')) {
    const error = explain(failed);
    if (error) {
      error.setData(result);
      throw error;
    }
  }
}
