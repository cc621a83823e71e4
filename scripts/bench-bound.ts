/*
 * The bound of `npm run bench`: how many sequential round trips the guide's dependency chain forces on a run, so
 * that no plugin, however it batches and parallelises, can do with fewer. The bound in time is that many round trips
 * times the latency of one (the simulated org's fixed delay plus, with jitter, its mean: jitter / 2).
 *
 * Derivation (what a run must wait for, given what the org alone can tell or make):
 *
 * - Every run first reads what exists. Everything whose name is known from the guide and the flags is read in ONE
 *   round trip: metadata by type (readMetadata, up to ten names a call), every query in one Composite Batch (a query
 *   that needs another's ids takes them by semi-join), the callouts through the named credentials.
 * - What only the org can tell follows the answer that names it. The ECI auth provider's key is checked against its
 *   app's: the app is found by its name in the first round, its OAuth consumer (and key) only by the app's id:
 *   one round more. So a run with nothing to change (`configure` again) is 1 + 1 = 2.
 * - A step command with nothing to change (`create-auth-provider` again) reads its auth provider: 1.
 * - `verify` reads the org as `configure` again does (2), and asks RingCentral about the app (its redirect URI): the
 *   app's client id is in the org's auth provider, so RingCentral's round follows the first, beside the second: 2.
 * - `configure` on a fresh org: after the read round, one round of writes per level of each dependency chain, plus
 *   the rounds in which the org itself must answer before the next level can be written (what only the org makes):
 *     1. RingCentral auth provider → RingCentral named credential → its record Id (the consent URL names it; no
 *        write answers it)                                                                                  3 rounds
 *     2. ECI app → ECI auth provider → ECI named credential → its record Id
 *        - External Client App (`connectedAppCreationAllowed` off, `--app-type auto` as the demo runs it): the org
 *          tells that it refuses new Connected Apps only by refusing one (1); then one deploy of the app's five
 *          parts (1); a deploy is asynchronous: at least one checkDeployStatus (1; Salesforce documents no minimum,
 *          the simulated org on the stricter reading answers the first InProgress); the org makes the consumer key
 *          and secret: the deploy answers the app's id, the app's consumers list gives the consumer's id, and only
 *          the consumer gives the secret (2); the ECI auth provider, the named credential, its Id (3)    8 rounds
 *        - Connected App (`connectedAppCreationAllowed`): createMetadata answers synchronously, with the key and
 *          secret the plugin chose (the org holds what it was given): 1 + 3                                  4 rounds
 *     3. Site → (its guest user, which the org makes with the site) → the guest user's permission-set
 *        assignments: 1 + 1 + 1                                                                             3 rounds
 *     4. Integration user → its permission-set assignments (the create answers the user's Id)               2 rounds
 *   The chains are independent and run side by side, so the run waits for the longest: 1 + 8 = 9 round trips on
 *   the External Client App path (8 besides the deploy poll), 1 + 4 = 5 on the Connected App path. RingCentral
 *   forces nothing here: its checks (the redirect URI) need only the --client-id flag, and fit in the read round.
 *
 * The bench compares the measured wall time with floor + bound, where the floor is the wall time of the minimal
 * plugin fixture's command (test/fixtures/minimal-plugin: the CLI's and the stack's start-up, and the org
 * connection it makes) against the same org, less its one request: what remains above it is the plugin's own cost.
 */

export type AppPath = 'external-client-app' | 'connected-app';
export type RunKind = 'configure-fresh' | 'configure-again' | 'verify' | 'step-again';

/** One dependency chain of the guide: the round trips it forces, in order, after the read round. */
export type Chain = { name: string; rounds: string[] };

export const READ_ROUND = 'read everything that exists (one round: every name is known up front)';
export const CONSUMER_ROUND = "read the ECI app's OAuth consumer by the app's id (only the org tells the id)";
export const DEPLOY_POLL = 'checkDeployStatus (a deploy is asynchronous: at least one poll)';

/** The guide's dependency chains on a fresh org, per app path (see the derivation above). */
export function freshChains(path: AppPath): Chain[] {
  const app =
    path === 'external-client-app'
      ? [
          'create the Connected App: refused (the org tells the block only by refusing one)',
          'deploy the External Client App (its five parts, one deploy)',
          DEPLOY_POLL,
          "read the app's consumers (the deploy answered the app's id)",
          "read the consumer's key and secret (the org makes them)",
        ]
      : ['create the Connected App (createMetadata, synchronous; the key and secret are the ones sent)'];
  return [
    {
      name: 'RingCentral auth provider → named credential',
      rounds: [
        'write the RingCentral auth provider',
        'write the RingCentral named credential',
        'read its record Id (the consent URL names it)',
      ],
    },
    {
      name: 'ECI app → ECI auth provider → ECI named credential',
      rounds: [
        ...app,
        'write the ECI auth provider',
        'write the ECI named credential',
        'read its record Id (the consent URL names it)',
      ],
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
  /** the sequential round trips the longest chain forces (the org's and RingCentral's) */
  roundTrips: number;
  /** of them, deploy status polls */
  deployPolls: number;
  /** the chain that decides it, round by round */
  longest: string[];
};

const bound = (longest: string[]): Bound => ({
  roundTrips: longest.length,
  deployPolls: longest.filter((r) => r === DEPLOY_POLL).length,
  longest,
});

/** The round trips a run forces (see the derivation at the top of this file). */
export function forcedRoundTrips(kind: RunKind, path: AppPath): Bound {
  if (kind === 'configure-fresh') {
    const longest = freshChains(path).reduce((a, b) => (b.rounds.length > a.rounds.length ? b : a));
    return bound([READ_ROUND, ...longest.rounds]);
  }
  if (kind === 'step-again') return bound([READ_ROUND]);
  // verify: RingCentral's round (after the first, which names the app's client id) goes beside the consumer's.
  return bound([READ_ROUND, CONSUMER_ROUND]);
}

/** The mean time of one round trip: the fixed delay plus half the jitter (uniform 0..jitter). */
export const roundTripMs = (latencyMs: number, jitterMs = 0): number => latencyMs + jitterMs / 2;

/** The bound in ms: every forced round trip × one round trip. */
export const boundMs = (b: Bound, latencyMs: number, jitterMs = 0): number =>
  b.roundTrips * roundTripMs(latencyMs, jitterMs);
