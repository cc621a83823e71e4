import { Messages, type SfError } from '@salesforce/core';
import { missingPrerequisites, type PrerequisiteCheck } from '../guide/prerequisites.js';
import { EXIT } from '../model/exit-codes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'prerequisites');

/** The checklist of what is missing: each item, what was found, what to do with its Setup URL. */
export function renderChecklist(checks: readonly PrerequisiteCheck[]): string[] {
  const missing = missingPrerequisites(checks);
  if (missing.length === 0) return [];
  return [
    messages.getMessage('heading.Checklist'),
    ...missing.flatMap((c) => [`  ✗ ${c.title}`, `      ${c.detail ?? ''}`, `      → ${c.action ?? c.setupUrl}`]),
  ];
}

/**
 * The error a command ends with when a prerequisite is missing (exit 78): the checklist in its message, each item's
 * action in its actions, and `data` (the command's result, with `prerequisites`) for --json.
 */
export function prerequisitesError(checks: readonly PrerequisiteCheck[], data: object): SfError {
  const missing = missingPrerequisites(checks);
  const list = missing.map((c) => `- ${c.title}: ${c.detail ?? ''}`).join('\n');
  const error = messages.createError('error.PrerequisitesMissing', [missing.length, list], [], EXIT.prerequisites);
  error.actions = [...missing.map((c) => c.action ?? c.setupUrl), ...(error.actions ?? [])];
  error.setData(data as Parameters<typeof error.setData>[0]);
  return error;
}
