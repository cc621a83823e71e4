/*
 * Salesforce locks an org's administration setup while a deploy runs, and refuses a setup change sent meanwhile ("Admin
 * operation already in progress … Please wait for the previous action to finish, then try again later", Salesforce
 * knowledge article 000232368). A run never sends one beside its own deploys (metadata-calls.ts); a deploy of another
 * run (one stopped by Ctrl-C a moment ago, a colleague's) can still hold the lock: the change is sound, and is sent
 * again once the lock has had time to go.
 */
import { sleep } from '../model/backoff.js';

type Outcome = { success: boolean; statusCode?: string; message?: string };

const LOCKED_WORDS = /admin(istration setup has already been locked| operation already in progress)/i;

/** A refusal by the administration lock: by its status code, or by Salesforce's words where the code differs. */
export function isAdminLocked(outcome: Outcome | undefined): boolean {
  if (!outcome || outcome.success) return false;
  return outcome.statusCode === 'ALREADY_IN_PROCESS' || LOCKED_WORDS.test(outcome.message ?? '');
}

/** `send` of the items, then again of those the lock refused, after each of the waits; the last answer stands. */
export async function sentUntilUnlocked<I, O extends Outcome>(
  items: readonly I[],
  send: (items: readonly I[]) => Promise<O[]>,
  waitsMs: readonly number[],
): Promise<O[]> {
  let outcomes = await send(items);
  for (const wait of waitsMs) {
    const locked = items.map((_, i) => i).filter((i) => isAdminLocked(outcomes[i]));
    if (locked.length === 0) break;
    await sleep(wait);
    const again = await send(locked.map((i) => items[i]));
    outcomes = outcomes.map((o, i) => (locked.includes(i) ? again[locked.indexOf(i)] : o));
  }
  return outcomes;
}
