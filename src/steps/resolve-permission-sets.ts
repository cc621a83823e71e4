import { Messages } from '@salesforce/core';
import { choosePermissionSet } from '../guide/permission-set-choice.js';
import { qualifiedName, type PermissionSetRef } from '../model/permission-set.js';
import type { OrgReads } from '../org/port.js';
import { permissionSetsByLabel, permissionSetsByName } from '../org/permission-set-reads.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'voice-connector');

/** The error of permission set API names given with --permission-set that the org does not have (a mistyped flag). */
export const permissionSetNamesNotFound = (missing: readonly string[]): Error =>
  messages.createError('error.PermissionSetNameNotFound', [missing.map((n) => `"${n}"`).join(', ')]);

/**
 * The permission sets a step assigns: the ones named with --permission-set (API names) replace the lookup
 * by label entirely; otherwise each guide label must lead to exactly one set (see choosePermissionSet), and of
 * `oneOf` (labels in a documented order) the first the org has is taken, or an error names them all.
 */
export async function resolvePermissionSets(
  org: OrgReads,
  labels: readonly string[],
  overrides: readonly string[] = [],
  oneOf: readonly string[] = [],
): Promise<PermissionSetRef[]> {
  if (overrides.length > 0) {
    const { found, missing } = await permissionSetsByName(org, overrides);
    if (missing.length > 0) throw permissionSetNamesNotFound(missing);
    return dedupe(found);
  }
  const candidates = await permissionSetsByLabel(org, [...labels, ...oneOf]);
  const choices = labels.map((label) => choosePermissionSet(label, candidates));
  for (const choice of choices) {
    if (choice.kind === 'missing') throw messages.createError('error.PermissionSetNotFound', [choice.label]);
  }
  if (oneOf.length > 0) {
    const first = oneOf.map((label) => choosePermissionSet(label, candidates)).find((c) => c.kind !== 'missing');
    if (!first)
      throw messages.createError('error.EciAccessPermissionSetNotFound', [oneOf.map((l) => `"${l}"`).join(', ')]);
    choices.push(first);
  }
  const ambiguous = choices.find((c) => c.kind === 'ambiguous');
  if (ambiguous?.kind === 'ambiguous') {
    const list = ambiguous.candidates
      .map((c) => `${qualifiedName(c)}${c.namespacePrefix ? ` (package ${c.namespacePrefix})` : ' (no package)'}`)
      .join(', ');
    // The example names every set: the ones already clear, and the choice to make for each unclear label.
    const example = choices
      .map((c) =>
        c.kind === 'found'
          ? qualifiedName(c.set)
          : c.kind === 'ambiguous'
            ? `<${c.candidates.map(qualifiedName).join(' or ')}>`
            : '',
      )
      .map((name) => `--permission-set ${name}`)
      .join(' ');
    throw messages.createError(
      'error.PermissionSetAmbiguous',
      [String(ambiguous.candidates.length), ambiguous.label, list],
      [example],
    );
  }
  return dedupe(choices.flatMap((c) => (c.kind === 'found' ? [c.set] : [])));
}

const dedupe = (sets: PermissionSetRef[]): PermissionSetRef[] =>
  sets.filter((s, i) => sets.findIndex((x) => x.id === s.id) === i);
