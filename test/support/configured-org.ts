/*
 * What verify's and teardown's tests start from (in process, test/commands, and through the real CLI, test/e2e): an
 * org configured by `sf eci ringcentral configure` against a stand-in of RingCentral's OAuth endpoints, with the
 * person's steps still open (the redirect URI, the named credentials' consent); and verify's checks as it reports them.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import { commandOf, type OrgAndCli, type RunResult } from './cli-run.js';

export const CLIENT_ID = 'VerifyClient01';
export const SECRET = 'RcVerifySecret-91c2e7';
export const INTEGRATION_USER = 'eci.integration@sim.example';

export type Check = {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  actions?: string[];
  drift?: Array<{ fields: Array<{ field: string }> }>;
};

export const check = (r: RunResult, id: string): Check => (r.json.result.checks as Check[]).find((c) => c.id === id)!;

/** configure's flags for the whole guide, the integration user included, against the RingCentral stand-in. */
export const fullConfigure = (alias: string, rc: FakeRingCentral): string[] => [
  ...['eci', 'ringcentral', 'configure', '-o', alias, '--client-id', CLIENT_ID, '--server', rc.url],
  ...['--contact-email', 'admin@sim.example', '--integration-username', INTEGRATION_USER],
  ...['--integration-email', 'admin@sim.example', '--json'],
];

/** A fresh org logged in as `alias`, configured in full; the RingCentral stand-in is the caller's to stop. */
export async function configuredOrg(
  fixture: OrgAndCli,
  alias: string,
): Promise<{ org: SimulatedOrg; rc: FakeRingCentral }> {
  // The org keeps the External Client App's own secret: configure can hand it to the ECI auth provider only when the
  // org lets its REST API give it (the setting the plugin names when it is off).
  const org = await fixture.freshOrg(alias, {
    seed: { settings: { clientSecretInRestApiAccess: true } },
    prepare: (o) => installVoiceConnector(o),
  });
  const rc = await FakeRingCentral.start({
    apps: [
      { clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: [], authCodeFlow: true, environment: 'production' },
    ],
  });
  const configured = await fixture.cli.run(fullConfigure(alias, rc), { env: { RINGCENTRAL_CLIENT_SECRET: SECRET } });
  expect(configured.code, configured.stdout).to.equal(0);
  return { org, rc };
}

/**
 * What a describe of verify's or teardown's tests shares: its `before` configures a fresh org (configuredOrg) as
 * `alias`, its `after` stops the RingCentral stand-in; `sf` runs with the RingCentral secret unless a test gives its
 * own environment, and keeps every output for the file's leak check.
 */
export function configuredRuns(
  fixture: OrgAndCli,
  alias: string,
): {
  readonly org: SimulatedOrg;
  readonly rc: FakeRingCentral;
  readonly outputs: string[];
  sf(args: string[], env?: Record<string, string>): Promise<RunResult>;
  callbackUrl(): string;
} {
  let made: { org: SimulatedOrg; rc: FakeRingCentral } | undefined;
  const outputs: string[] = [];
  const sf = commandOf(fixture, [], outputs);
  before(async () => {
    made = await configuredOrg(fixture, alias);
  });
  after(() => made?.rc.stop());
  return {
    get org() {
      return made!.org;
    },
    get rc() {
      return made!.rc;
    },
    outputs,
    sf: (args, env = { RINGCENTRAL_CLIENT_SECRET: SECRET }) => sf(args, { env }),
    callbackUrl: () => `${made!.org.instanceUrl}/services/authcallback/Ring_Central`,
  };
}
