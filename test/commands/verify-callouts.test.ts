/*
 * verify's callout checks, in process against a simulated org seeded with the guide's named credentials
 * (no configure: only the callouts are looked at). The ECI probe is a REST resource its api scope allows, reached
 * with one slash after the credential's URL (which ends in "/"); a RingCentral 403 naming a permission reads
 * "authorised, but the app lacks permission X" with the Developer Console link.
 */
import { expect } from 'chai';
import type { SimulatedOrg } from '../sim/index.js';
import { FakeRingCentral } from '../sim/ringcentral.js';
import { ringCentralAuthProvider, salesforceAuthProvider } from '../sim/helpers.js';
import { installVoiceConnector } from '../sim/voice-connector-seed.js';
import type { RunResult } from '../support/cli-run.js';
import { inProcessOrgAndCli } from './in-process.js';

const CLIENT_ID = 'CalloutClient01';
type Check = { id: string; status: 'pass' | 'fail' | 'skip'; detail: string; actions?: string[] };

/** A legacy named credential in WSDL order, as jsforce sends it. */
const legacy = (
  fullName: string,
  authProvider: string,
  endpoint: string,
  label: string,
  oauthScope: string,
): Record<string, unknown> => ({
  fullName,
  authProvider,
  endpoint,
  generateAuthorizationHeader: true,
  label,
  namedCredentialType: 'Legacy',
  oauthScope,
  principalType: 'NamedUser',
  protocol: 'Oauth',
});

describe("in process: verify's callout checks through the named credentials", function () {
  this.timeout(60_000);
  const fixture = inProcessOrgAndCli();
  let org: SimulatedOrg;
  let rc: FakeRingCentral;

  const verify = (): Promise<RunResult> =>
    fixture.cli.run([
      'eci',
      'ringcentral',
      'verify',
      '-o',
      'co',
      '--client-id',
      CLIENT_ID,
      '--server',
      rc.url,
      '--json',
    ]);
  const check = (r: RunResult, id: string): Check => (r.json.result.checks as Check[]).find((c) => c.id === id)!;

  before(async () => {
    rc = await FakeRingCentral.start({
      apps: [
        {
          clientId: CLIENT_ID,
          clientSecret: 'RcSecret-1',
          redirectUris: [],
          authCodeFlow: true,
          environment: 'production',
        },
      ],
    });
    org = await fixture.freshOrg('co', {
      seed: { settings: { authorizedNamedCredentials: ['Ring_Central', 'ECI_Named_Credential'] } },
      prepare: (o) => {
        installVoiceConnector(o);
        o.seedMetadata('AuthProvider', ringCentralAuthProvider({ consumerKey: CLIENT_ID }));
        o.seedMetadata('AuthProvider', salesforceAuthProvider('ECI_Auth_Provider'));
        o.seedMetadata(
          'NamedCredential',
          legacy(
            'Ring_Central',
            'Ring_Central',
            'https://platform.ringcentral.com',
            'Ring Central',
            'ReadCallRecording',
          ),
        );
        o.seedMetadata(
          'NamedCredential',
          legacy(
            'ECI_Named_Credential',
            'ECI_Auth_Provider',
            `${o.instanceUrl}/`,
            'ECI Named Credential',
            'refresh_token web api content',
          ),
        );
      },
    });
  });

  after(async () => {
    await rc?.stop();
  });

  it("both pass once authorised; the ECI probe is the REST API's resource list, one slash after My Domain", async () => {
    const r = await verify();
    expect(check(r, 'callout:Ring_Central').status, JSON.stringify(check(r, 'callout:Ring_Central'))).to.equal('pass');
    const eci = check(r, 'callout:ECI_Named_Credential');
    expect(eci.status, eci.detail).to.equal('pass');
    expect(eci.detail).to.match(new RegExp(`${org.instanceUrl.replace(/[.]/g, '\\.')}/services/data/v\\d+\\.\\d/`));
    const reached = org.calls.filter((c) => c.operation === 'executeAnonymous').flatMap((c) => c.calloutUrls ?? []);
    expect(reached).to.include.members(['https://platform.ringcentral.com/restapi/v1.0/account/~/extension/~']);
    for (const url of reached) expect(String(url).replace(/^https?:\/\//, '')).to.not.include('//');
    expect(reached.some((u) => String(u).includes('/services/oauth2/userinfo'))).to.equal(false);
  });

  it('a RingCentral 403 naming a permission: authorised, but the app lacks it, with the Developer Console link', async () => {
    org.settings.ringCentralPermissionError = { errorCode: 'CMN-401', permissionName: 'ReadAccounts' };
    const r = await verify();
    const c = check(r, 'callout:Ring_Central');
    expect(c.status).to.equal('fail');
    expect(c.detail).to.include('is authorised, but the RingCentral app lacks the permission ReadAccounts');
    expect(c.actions!.join(' '))
      .to.include('https://developers.ringcentral.com/console/my-apps')
      .and.include('ReadAccounts');
    expect(check(r, 'callout:ECI_Named_Credential').status).to.equal('pass');
  });
});
