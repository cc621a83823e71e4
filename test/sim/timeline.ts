/*
 * What an admin waits for on a real org is round trips (issue 10). From the simulator's calls log: how many requests,
 * how many were sent again though already answered, and the sequential round trips: the longest chain of requests
 * each sent after the previous one was answered (requests in parallel count once).
 */
import type { SimCall } from './types.js';

export type Timeline = {
  requests: number;
  reads: number;
  writes: number;
  repeated: number;
  roundTrips: number;
  repeatedRequests: string[];
};

export function timeline(calls: readonly SimCall[]): Timeline {
  const seen = new Map<string, number>();
  const repeatedRequests: string[] = [];
  for (const c of calls) {
    if (!c.key) continue;
    const n = (seen.get(c.key) ?? 0) + 1;
    seen.set(c.key, n);
    if (n === 2) repeatedRequests.push(`${c.operation}${c.type ? ` ${c.type}` : ''}${c.soql ? ` ${c.soql}` : ''}`);
  }
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  sorted.forEach((c, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if ((sorted[j].doneAt ?? sorted[j].at) <= c.at) before = Math.max(before, depth[j]);
    depth.push(before + 1);
  });
  return {
    requests: calls.length,
    reads: calls.filter((c) => !c.write).length,
    writes: calls.filter((c) => c.write).length,
    repeated: [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    roundTrips: depth.length ? Math.max(...depth) : 0,
    repeatedRequests,
  };
}
