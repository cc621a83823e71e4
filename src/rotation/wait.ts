import type { OrgPort } from '../org/port.js';
import type { RotationInputs } from './types.js';
import { personWaitMs, sleep as realSleep } from '../model/backoff.js';

/**
 * With --wait: checks again until `done` or the minutes are over, reading the org afresh each round (a person changed
 * it meanwhile), 5 s apart and then 1.5 times longer up to 30 s; a stop signal ends the wait. Without --wait: once.
 */
export async function checkUntil<T>(
  check: () => Promise<T>,
  done: (checked: T) => boolean,
  org: Pick<OrgPort, 'forgetReads' | 'interrupted'>,
  wait: RotationInputs['wait'],
): Promise<T> {
  let checked = await check();
  if (!wait) return checked;
  const now = wait.now ?? Date.now;
  const sleep = wait.sleep ?? realSleep;
  const until = now() + wait.minutes * 60_000;
  for (let round = 0; !done(checked) && now() < until && !org.interrupted; round++) {
    await sleep(Math.min(personWaitMs(round + 1), Math.max(0, until - now())));
    if (org.interrupted) break;
    org.forgetReads();
    checked = await check();
  }
  return checked;
}
