/*
 * The bound of `npm run bench`: how many sequential round trips the guide's dependency chain forces on a run, so
 * that no plugin, however it batches and parallelises, can do with fewer. The bound in time is that many round trips
 * times the latency of one (the simulated org's fixed delay plus, with jitter, its mean: jitter / 2).
 *
 * Derivation (what a run must wait for, given what the org alone can tell or make):
 *
 * - Every run first reads what exists. Everything can be read in ONE round trip: the names of all components are
 *   known from the guide and the flags (readMetadata per type with up to ten names, the SOQL side by side or in one
 *   composite call), and nothing read decides what else to read. A run with nothing to change (`configure` again,
 *   a step command again) is that one round: 1.
 * - `verify` reads the org in that one round, then asks RingCentral about the app (its redirect URI): the app's
 *   client id is in the org's auth provider, so RingCentral's round comes after the org's: 1 + 1 (RingCentral).
 *   The callouts through the named credentials need nothing read first: they fit in the org's round.
 * - `configure` on a fresh org: after the read round, one round of writes per level of each dependency chain, plus
 *   the rounds in which the org itself must answer before the next level can be written (what only the org makes).
 *   (Salesforce documents no minimum number of deploy status checks, so the bound counts one; the simulated org,
 *   on the stricter reading, answers the first check InProgress, so there the plugin needs at least one more.)
 *     1. RingCentral auth provider → RingCentral named credential                                         2 rounds
 *     2. ECI app → (deploy status) → (the app's consumer key and secret) → ECI auth provider → ECI named credential
 *        - External Client App (default path): one deploy of its five parts; a deploy is asynchronous, so at least
 *          one checkDeployStatus; the org makes the consumer key and secret, read back (OAuth credentials API)
 *          before the ECI auth provider can be written: 1 + 1 + 1 + 1 + 1                                  5 rounds
 *        - Connected App (`connectedAppCreationAllowed`): createMetadata answers synchronously; the key and
 *          secret are the org's, read back: 1 + 1 + 1 + 1                                                  4 rounds
 *     3. Site → (its guest user, which the org makes with the site) → the guest user's permission-set
 *        assignments: 1 + 1 + 1                                                                            3 rounds
 *     4. Integration user → its permission-set assignments (the create answers the user's Id)             2 rounds
 *   The chains are independent and run side by side, so the run waits for the longest: 1 + 5 = 6 round trips on
 *   the External Client App path, 1 + 4 = 5 on the Connected App path. RingCentral forces nothing here: its checks
 *   (the redirect URI) need only the --client-id flag, and fit in the read round.
 *
 * The bench compares the measured wall time with floor + bound, where the floor is the wall time of the minimal
 * plugin fixture's command (test/fixtures/minimal-plugin: the CLI's and the stack's start-up, and the org
 * connection it makes), run against the same org: what remains above it is the plugin's own cost.
 */

export type AppPath = 'external-client-app' | 'connected-app';
export type RunKind = 'configure-fresh' | 'configure-again' | 'verify' | 'step-again';

/** One dependency chain of the guide: the round trips it forces, in order, after the read round. */
export type Chain = { name: string; rounds: string[] };

export const READ_ROUND = 'read everything that exists (one round: every name is known up front)';

/** The guide's dependency chains on a fresh org, per app path (see the derivation above). */
export function freshChains(path: AppPath): Chain[] {
  const app =
    path === 'external-client-app'
      ? [
          'deploy the External Client App (its five parts, one deploy)',
          'checkDeployStatus (a deploy is asynchronous: at least one poll)',
          "read the app's consumer key and secret (the org makes them)",
        ]
      : [
          'create the Connected App (createMetadata, synchronous)',
          "read the app's consumer key and secret (the org makes them)",
        ];
  return [
    {
      name: 'RingCentral auth provider → named credential',
      rounds: ['write the RingCentral auth provider', 'write the RingCentral named credential'],
    },
    {
      name: 'ECI app → ECI auth provider → ECI named credential',
      rounds: [...app, 'write the ECI auth provider', 'write the ECI named credential'],
    },
    {
      name: "site → guest user's assignments",
      rounds: [
        'write the site',
        'read its guest user (the org makes it with the site)',
        "assign the guest user's permission sets",
      ],
    },
    {
      name: 'integration user → its assignments',
      rounds: [
        'create the integration user (the answer carries its Id)',
        "assign the integration user's permission sets",
      ],
    },
  ];
}

export type Bound = {
  /** round trips to the org the chain forces */
  orgRoundTrips: number;
  /** round trips to RingCentral that must follow the org's */
  ringCentralRoundTrips: number;
  /** the chain that decides it, round by round */
  longest: string[];
};

/** The round trips a run forces (see the derivation at the top of this file). */
export function forcedRoundTrips(kind: RunKind, path: AppPath): Bound {
  if (kind === 'configure-fresh') {
    const longest = freshChains(path).reduce((a, b) => (b.rounds.length > a.rounds.length ? b : a));
    return {
      orgRoundTrips: 1 + longest.rounds.length,
      ringCentralRoundTrips: 0,
      longest: [READ_ROUND, ...longest.rounds],
    };
  }
  if (kind === 'verify')
    return {
      orgRoundTrips: 1,
      ringCentralRoundTrips: 1,
      longest: [READ_ROUND, "ask RingCentral about the app (its client id is in the org's auth provider)"],
    };
  return { orgRoundTrips: 1, ringCentralRoundTrips: 0, longest: [READ_ROUND] };
}

/** The mean time of one round trip: the fixed delay plus half the jitter (uniform 0..jitter). */
export const roundTripMs = (latencyMs: number, jitterMs = 0): number => latencyMs + jitterMs / 2;

/** The bound in ms: every forced round trip (the org's and RingCentral's, both at the same latency) × one round trip. */
export const boundMs = (bound: Bound, latencyMs: number, jitterMs = 0): number =>
  (bound.orgRoundTrips + bound.ringCentralRoundTrips) * roundTripMs(latencyMs, jitterMs);
