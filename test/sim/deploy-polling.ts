/*
 * What a run spent waiting on its deploys, from the simulator's calls log (for the bench): per deploy, the status polls
 * sent and the time from the deploy's answer to the answer of its last poll. Polls are attributed to the last deploy
 * answered before them (a run's deploys do not overlap).
 */
import type { SimCall } from './types.js';

export type DeployPolling = {
  /** deploy requests (check-only ones included) */
  deploys: number;
  /** checkDeployStatus requests */
  polls: number;
  /** ms from each deploy's answer to its last poll's answer, summed */
  pollingMs: number;
};

export function deployPolling(calls: readonly SimCall[]): DeployPolling {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  let deploys = 0;
  let polls = 0;
  let pollingMs = 0;
  let since: number | undefined;
  let last: number | undefined;
  const close = (): void => {
    if (since !== undefined && last !== undefined) pollingMs += last - since;
  };
  for (const c of sorted) {
    if (c.operation === 'deploy') {
      close();
      deploys++;
      since = c.doneAt ?? c.at;
      last = undefined;
    } else if (c.operation === 'checkDeployStatus') {
      polls++;
      last = c.doneAt ?? c.at;
    }
  }
  close();
  return { deploys, polls, pollingMs };
}
