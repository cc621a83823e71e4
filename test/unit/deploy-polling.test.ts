/*
 * A deploy's status polls: the first soon, then a backoff up to Salesforce's own pace (source-deploy-retrieve polls
 * every second), never noticing a finished deploy later than SDR would; the time spent polling is in the simulator's
 * log for the bench (test/sim/deploy-polling.ts).
 */
import { expect } from 'chai';
import { pollDelayMs, pollUntilDone } from '../../src/org/deploy-polling.js';
import { DEFAULT_TIMINGS, setOrgTimings } from '../../src/org/timings.js';
import { deployPolling } from '../sim/deploy-polling.js';
import type { SimCall } from '../sim/types.js';

/** When each poll is sent, in ms after the deploy was answered, by a schedule. */
const pollTimes = (schedule: readonly number[], count: number): number[] => {
  const times: number[] = [];
  for (let n = 0, t = 0; n < count; n++) times.push((t += pollDelayMs(schedule, n)));
  return times;
};

describe('deploy polling', () => {
  it('the first poll within 250 ms, then a backoff that never waits longer than SDR (a poll in every second it polls in)', () => {
    const ours = pollTimes(DEFAULT_TIMINGS.deployPollsMs, 40);
    expect(ours[0]).to.be.at.most(250);
    expect(ours[1] - ours[0]).to.be.at.most(ours[2] - ours[1]);
    // SDR polls at 0, 1000, 2000, …: a deploy done at any moment t is seen by SDR at ceil(t/1000)*1000; ours no later.
    for (let t = 1; t < 30_000; t += 37) {
      const sdr = Math.ceil(t / 1000) * 1000;
      expect(
        ours.find((p) => p >= t),
        `done at ${t} ms`,
      ).to.be.at.most(sdr);
    }
  });

  it('polls until done, each poll one call; gives up when the wait is over (done false)', async () => {
    const restore = setOrgTimings({ deployPollsMs: [1] });
    try {
      let n = 0;
      const done = await pollUntilDone({ check: () => Promise.resolve(++n), done: (s) => s === 3 });
      expect(done).to.include({ done: true, polls: 3, status: 3 });
      const cut = await pollUntilDone({ check: () => Promise.resolve(0), done: () => false, waitMs: 5 });
      expect(cut.done).to.equal(false);
    } finally {
      restore();
    }
  });

  it("the simulator's log gives the bench each run's deploys, polls and time spent polling", () => {
    const call = (operation: string, at: number, doneAt: number): SimCall =>
      ({ api: 'soap-metadata', operation, write: false, at, doneAt, method: 'POST', path: '/' }) as SimCall;
    const log = [
      call('deploy', 0, 100),
      call('checkDeployStatus', 350, 400),
      call('checkDeployStatus', 600, 650),
      call('readMetadata', 700, 750),
    ];
    expect(deployPolling(log)).to.deep.equal({ deploys: 1, polls: 2, pollingMs: 550 });
  });
});
