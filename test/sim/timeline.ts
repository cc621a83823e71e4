/*
 * What an admin waits for on a real org is round trips. From the simulator's calls log: how many requests, how many
 * reads were asked again though nothing written since could have changed them, and the sequential round trips: the
 * longest chain of requests each sent after the previous one was answered (requests in parallel count once). A deploy's
 * status polls are counted apart (how many, how long the run waited on them) and left out of the round trips "besides
 * deploy polls", since how often to poll is the deploy's own business.
 */
import { apiCallsOf, type SimCall } from './types.js';

export type Timeline = {
  requests: number;
  reads: number;
  writes: number;
  /** reads asked again with no write answered in between (a Composite Batch's queries each count) */
  repeated: number;
  /** every sequential round trip, deploy polls included */
  roundTrips: number;
  /** the round trips less the deploy status polls (which follow one another: the wait a deploy's polling adds) */
  roundTripsBesidesPolls: number;
  /** checkDeployStatus calls, and the time from the first deploy's answer to the last poll's */
  deployPolls: number;
  pollMs: number;
  /** requests counted against the org's daily API limit (a Composite Batch: one per subrequest) */
  apiCalls: number;
  repeatedRequests: string[];
};

const isPoll = (c: SimCall): boolean => c.operation === 'checkDeployStatus';

/** The longest chain of requests each sent after the one before was answered, first to last. */
export function longestChain(calls: readonly SimCall[]): SimCall[] {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  const before: number[] = [];
  sorted.forEach((c, i) => {
    let best = -1;
    for (let j = 0; j < i; j++)
      if ((sorted[j].doneAt ?? sorted[j].at) <= c.at && (best < 0 || depth[j] > depth[best])) best = j;
    depth.push(best < 0 ? 1 : depth[best] + 1);
    before.push(best);
  });
  const chain: SimCall[] = [];
  for (let i = depth.indexOf(Math.max(...depth)); i >= 0; i = before[i]) chain.unshift(sorted[i]);
  return chain;
}

/** The reads asked again while nothing written in between (answered after the first, sent before the second) could change them. */
function repeats(calls: readonly SimCall[]): string[] {
  const writes = calls.filter((c) => c.write);
  const firstAsked = new Map<string, SimCall>();
  const out: string[] = [];
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    if (isPoll(c)) continue;
    for (const read of c.reads ?? (c.key ? [c.key] : [])) {
      const earlier = firstAsked.get(read);
      const writtenSince = earlier && writes.some((w) => w !== c && (w.doneAt ?? w.at) > earlier.at && w.at < c.at);
      if (earlier && !writtenSince) out.push(`${c.operation}${c.type ? ` ${c.type}` : ''} ${read}`.slice(0, 300));
      if (!earlier || writtenSince) firstAsked.set(read, c);
    }
  }
  return out;
}

export function timeline(calls: readonly SimCall[]): Timeline {
  const polls = calls.filter(isPoll);
  const deployDone = calls.filter((c) => c.operation === 'deploy').map((c) => c.doneAt ?? c.at);
  const lastPoll = Math.max(...polls.map((c) => c.doneAt ?? c.at));
  const repeatedRequests = repeats(calls);
  const chain = longestChain(calls);
  return {
    requests: calls.length,
    reads: calls.filter((c) => !c.write).length,
    writes: calls.filter((c) => c.write).length,
    repeated: repeatedRequests.length,
    roundTrips: chain.length,
    // A deploy's polls follow one another: the wait they add, however the chain around them happens to run.
    roundTripsBesidesPolls: chain.length - polls.length,
    deployPolls: polls.length,
    pollMs: polls.length && deployDone.length ? Math.max(0, lastPoll - Math.min(...deployDone)) : 0,
    apiCalls: calls.reduce((n, c) => n + apiCallsOf(c), 0),
    repeatedRequests,
  };
}
