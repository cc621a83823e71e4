import { Messages, type SfError } from '@salesforce/core';
import { apply } from '../engine/apply.js';
import { planResults } from '../engine/engine.js';
import type { ComponentResult } from '../model/component.js';
import type { BoundStep, StepInfo } from '../steps/step.js';
import { unprovenReasons } from './eci-records.js';
import { planTeardown } from './plan.js';
import type { Removal, TeardownKept, TeardownNotFound, TeardownPart, TeardownScope, UnprovenUser } from './types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'teardown');

export type TeardownAction = 'delete' | 'deactivate';
/**
 * planned: a dry run; already-gone: the org no longer had it when asked to delete it; skipped: kept, see error;
 * unknown: the answer to its removal was lost, so it may or may not be gone (a re-run finds out).
 */
export type TeardownStatus = 'planned' | 'deleted' | 'deactivated' | 'already-gone' | 'failed' | 'skipped' | 'unknown';

export type TeardownItemResult = {
  /** Metadata type or sObject. */
  type: string;
  /** fullName for metadata, a readable name for records. */
  name: string;
  label: string;
  /** Which part of the guide it belongs to. */
  part: TeardownPart;
  action: TeardownAction;
  status: TeardownStatus;
  /** Why it failed (Salesforce's words: what still uses it) or was skipped. */
  error?: { message: string; statusCode?: string };
};

/** What the teardown task tells its command: each removal's outcome, what was not found or kept, the suffixes retired. */
export type TeardownDetails = {
  items: TeardownItemResult[];
  notFound: TeardownNotFound[];
  /** What the scope covers and is left in place on purpose (a Connected App, which cannot be made again). */
  kept: TeardownKept[];
  /** The auth providers deleted (or to delete): their URL suffixes can never be used again in this org. */
  retiredSuffixes: string[];
  /** The integration user, when the plan changes it and cannot show it was made for this setup. */
  unprovenUser?: UnprovenUser;
};

/** A user the markers cannot prove and the admin did not name again: nothing is removed. */
export function unprovenUserError(user: UnprovenUser): SfError {
  return messages.createError('error.UnprovenUser', [user.username, unprovenReasons(user)], [user.username]);
}

const TEARDOWN: StepInfo = { id: 'teardown', title: 'Teardown', dependsOn: [] };

/**
 * Teardown as a run of one task: its plan deletes (and deactivates) what the guide made, in reverse dependency order,
 * and the engine applies it. One refused delete keeps only what depends on it (the ECI app, on its auth provider).
 */
export function teardownTask(scope: TeardownScope): BoundStep<TeardownDetails> {
  return {
    step: TEARDOWN,
    inputs: scope,
    async execute(ctx) {
      const plan = await planTeardown(ctx.org, scope, { id: ctx.facts.userId, username: ctx.facts.username });
      // The consent refuses first; this holds the line for any caller that did not ask it.
      if (!ctx.dryRun && plan.unprovenUser) throw unprovenUserError(plan.unprovenUser);
      ctx.onPlan?.(plan.removals);
      const components = ctx.dryRun
        ? planResults(plan.removals)
        : await apply(plan.removals, ctx.org, ctx.onProgress, 'skip-dependents');
      return {
        components,
        nextSteps: [],
        warnings: plan.warnings,
        details: {
          items: plan.removals.map((r, i) => itemResult(r, components[i])),
          notFound: plan.notFound,
          kept: plan.kept,
          retiredSuffixes: plan.authProviders,
          ...(plan.unprovenUser ? { unprovenUser: plan.unprovenUser } : {}),
        },
      };
    },
  };
}

const STATUS: Partial<Record<ComponentResult['status'], TeardownStatus>> = {
  planned: 'planned',
  deleted: 'deleted',
  updated: 'deactivated',
  gone: 'already-gone',
  unchanged: 'already-gone',
  failed: 'failed',
  skipped: 'skipped',
};

function itemResult(removal: Removal, result: ComponentResult): TeardownItemResult {
  const kept = result.status === 'skipped' && removal.after?.length;
  const error = kept
    ? { message: messages.getMessage('skipped.After', [removal.after!.map((a) => `${a.type} ${a.name}`).join(', ')]) }
    : result.error
      ? { message: result.error.message, ...(result.error.statusCode ? { statusCode: result.error.statusCode } : {}) }
      : undefined;
  return {
    type: result.type,
    name: result.name,
    label: result.label,
    part: removal.part,
    action: removal.action === 'delete' ? 'delete' : 'deactivate',
    status: result.error?.meaning === 'outcome-unknown' ? 'unknown' : (STATUS[result.status] ?? 'failed'),
    ...(error ? { error } : {}),
  };
}

/** Whether an item was removed (or found gone): what "complete" needs of every item. */
export const removed = (item: TeardownItemResult): boolean =>
  item.status === 'deleted' ||
  item.status === 'deactivated' ||
  item.status === 'already-gone' ||
  item.status === 'planned';

/**
 * complete: everything planned is gone; failed: nothing was removed and nothing may have been; partial: the rest,
 * a removal whose answer was lost included (it may have landed: never reported as "nothing removed").
 */
export function teardownOutcome(items: readonly TeardownItemResult[]): 'complete' | 'partial' | 'failed' {
  const done = items.filter(removed).length;
  if (done === items.length) return 'complete';
  return done === 0 && !items.some((i) => i.status === 'unknown') ? 'failed' : 'partial';
}
