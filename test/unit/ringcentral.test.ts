/*
 * The RingCentral checks at the HTTP boundary: nock intercepts the SDK's bundled node-fetch. Every OAuth error family
 * RingCentral documents, the authorize answer without following redirects, 429 with Retry-After, network failures, the SDK's
 * 401 retry, and the client secret in no result.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { Secret } from '../../src/model/secret.js';
import {
  checkRingCentralCredentials,
  checkRingCentralRedirectUri,
  retryAfterSeconds,
  type RingCentralCheckOptions,
  type RingCentralCheckResult,
} from '../../src/ringcentral/index.js';
import { ringCentralAppCreationUrl } from '../../src/guide/ringcentral-app-link.js';

const SERVER = 'https://platform.ringcentral.com';
const CLIENT_ID = 'rcClientId0123';
const SECRET_VALUE = 'S3cr3t-Value-xyz';
const BASIC = Buffer.from(`${CLIENT_ID}:${SECRET_VALUE}`).toString('base64');
const CALLBACK = 'https://acme.my.salesforce.com/services/authcallback/Ring_Central';

const oauthError = (error: string, errorCode: string, message: string): Record<string, unknown> => ({
  error,
  error_description: message,
  errors: [{ errorCode, message }],
});

const credentials = (options: RingCentralCheckOptions = {}): Promise<RingCentralCheckResult> =>
  checkRingCentralCredentials(
    { server: SERVER, clientId: CLIENT_ID, clientSecret: new Secret(SECRET_VALUE), redirectUri: CALLBACK },
    options,
  );

const redirect = (options: RingCentralCheckOptions = {}): Promise<RingCentralCheckResult> =>
  checkRingCentralRedirectUri({ server: SERVER, clientId: CLIENT_ID, redirectUri: CALLBACK }, options);

/** A socket error as Node gives it (nock 14 needs an Error instance: a plain object never reaches node-fetch). */
const netError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/** Every result and every message must be free of the secret (and of the Basic header that encodes it). */
function expectNoSecret(result: RingCentralCheckResult): void {
  const text = JSON.stringify(result);
  expect(text).not.to.contain(SECRET_VALUE);
  expect(text).not.to.contain(BASIC);
}

type TokenRequest = { authorization?: string; form: URLSearchParams };

/** One token request answered with `status` and `body`; records what was sent. */
function token(status: number, body: unknown, headers: Record<string, string> = {}): TokenRequest[] {
  const seen: TokenRequest[] = [];
  nock(SERVER)
    .post('/restapi/oauth/token')
    .reply(function (this: nock.ReplyFnContext, _uri, requestBody) {
      seen.push({
        authorization: String(this.req.headers.authorization ?? ''),
        form: new URLSearchParams(String(requestBody)),
      });
      return [status, body, { 'content-type': 'application/json', ...headers }];
    });
  return seen;
}

describe('RingCentral checks (nock at the HTTP boundary)', () => {
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('checkRingCentralCredentials', () => {
    it('sends one authorization_code token request with a random code, the redirect URI and Basic client auth', async () => {
      const first = token(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      const second = token(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      await credentials();
      await credentials();
      expect(first).to.have.length(1);
      expect(first[0].authorization).to.equal(`Basic ${BASIC}`);
      expect(first[0].form.get('grant_type')).to.equal('authorization_code');
      expect(first[0].form.get('redirect_uri')).to.equal(CALLBACK);
      expect(first[0].form.get('client_secret'), 'the secret travels only in the Basic header').to.equal(null);
      const code = first[0].form.get('code');
      expect(code).to.match(/^eci-verify-[0-9a-f]{32}$/);
      expect(second[0].form.get('code')).to.not.equal(code);
    });

    for (const code of ['OAU-106', 'OAU-107', 'OAU-108', 'OAU-109', 'OAU-110']) {
      it(`passes on invalid_grant ${code}: the client and the flow were accepted, only the code was refused`, async () => {
        token(400, oauthError('invalid_grant', code, 'Invalid authorization code'));
        const result = await credentials();
        expect(result).to.include({ status: 'pass', reason: 'ok', code, httpStatus: 400 });
        expect(result.action).to.equal(undefined);
        expect(result.detail).to.contain(CLIENT_ID);
        expectNoSecret(result);
      });
    }

    for (const code of ['OAU-146', 'OAU-153', 'OAU-123', 'OAU-120', 'OAU-121']) {
      it(`fails with invalid-credentials on invalid_client ${code}`, async () => {
        token(401, oauthError('invalid_client', code, 'Invalid client credentials'));
        const result = await credentials();
        expect(result).to.include({ status: 'fail', reason: 'invalid-credentials', code, httpStatus: 401 });
        expect(result.detail).to.contain(CLIENT_ID).and.to.contain(code);
        expect(result.action).to.contain('Credentials');
        expectNoSecret(result);
      });
    }

    it('fails with wrong-environment on OAU-165 (a sandbox app on the production server)', async () => {
      token(401, oauthError('invalid_client', 'OAU-165', `Sandbox client is not allowed: ${CLIENT_ID}`));
      const result = await credentials();
      expect(result).to.include({ status: 'fail', reason: 'wrong-environment', code: 'OAU-165' });
      expect(result.action).to.contain('--environment sandbox');
      expectNoSecret(result);
    });

    for (const code of ['OAU-251', 'OAU-112']) {
      it(`fails with flow-not-allowed on unauthorized_client ${code}`, async () => {
        token(400, oauthError('unauthorized_client', code, 'Unauthorized for this grant type'));
        const result = await credentials();
        expect(result).to.include({ status: 'fail', reason: 'flow-not-allowed', code });
        expect(result.action).to.contain('3-legged OAuth flow authorization code');
        expectNoSecret(result);
      });
    }

    it('checks against the sandbox server without the SDK printing its deprecation warning', async () => {
      const sandbox = 'https://platform.devtest.ringcentral.com';
      nock(sandbox)
        .post('/restapi/oauth/token')
        .reply(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      const warnings: unknown[] = [];
      const warn = console.warn; // eslint-disable-line no-console
      console.warn = (...args: unknown[]): void => void warnings.push(args); // eslint-disable-line no-console
      try {
        const result = await checkRingCentralCredentials({
          server: sandbox,
          clientId: CLIENT_ID,
          clientSecret: new Secret(SECRET_VALUE),
          redirectUri: CALLBACK,
        });
        expect(result).to.include({ status: 'pass' });
      } finally {
        console.warn = warn; // eslint-disable-line no-console
      }
      expect(warnings).to.deep.equal([]);
    });

    it('classifies by the OAuth error when RingCentral gives no errorCode', async () => {
      token(401, { error: 'invalid_client', error_description: 'Invalid client' });
      expect(await credentials()).to.include({ status: 'fail', reason: 'invalid-credentials' });
      token(400, { error: 'unauthorized_client', error_description: 'Unauthorized for this grant type' });
      expect(await credentials()).to.include({ status: 'fail', reason: 'flow-not-allowed' });
      token(400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
      expect(await credentials()).to.include({ status: 'pass', reason: 'ok' });
    });

    it('does not let the SDK retry a refused token request on 401 (one request, not two)', async () => {
      let requests = 0;
      nock(SERVER)
        .post('/restapi/oauth/token')
        .times(2)
        .reply(() => {
          requests += 1;
          return [401, oauthError('invalid_client', 'OAU-146', 'Invalid client credentials')];
        });
      const result = await credentials();
      expect(result.reason).to.equal('invalid-credentials');
      expect(requests).to.equal(1);
    });

    it('never shows the secret, even when the server echoes it back', async () => {
      token(401, oauthError('invalid_client', 'OAU-146', `Invalid client credentials: ${SECRET_VALUE} / ${BASIC}`));
      const refused = await credentials();
      expect(refused.detail).to.contain('********');
      expectNoSecret(refused);
      token(500, { message: `boom ${SECRET_VALUE}` });
      const odd = await credentials();
      expect(odd.reason).to.equal('unexpected');
      expectNoSecret(odd);
      nock(SERVER)
        .post('/restapi/oauth/token')
        .replyWithError(netError('ECONNRESET', `socket hang up ${SECRET_VALUE}`));
      expectNoSecret(await credentials());
    });

    it('waits as long as Retry-After asks, once, then asks again', async () => {
      const limited = token(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '3' });
      const after = token(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      const waits: number[] = [];
      const result = await credentials({ sleep: async (ms) => void waits.push(ms) });
      expect(waits).to.deep.equal([3000]);
      expect(limited).to.have.length(1);
      expect(after).to.have.length(1);
      expect(result).to.include({ status: 'pass', reason: 'ok' });
    });

    it("asks again after each 429 as long as Retry-After says, up to the org layer's three tries", async () => {
      const first = token(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '2' });
      const second = token(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '1' });
      const third = token(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      const waits: number[] = [];
      const result = await credentials({ sleep: async (ms) => void waits.push(ms) });
      expect(waits).to.deep.equal([2000, 1000]);
      expect([first.length, second.length, third.length]).to.deep.equal([1, 1, 1]);
      expect(third[0].authorization).to.equal(`Basic ${BASIC}`);
      expect(result).to.include({ status: 'pass', reason: 'ok' });
      expectNoSecret(result);
    });

    it("without Retry-After, waits by capped exponential backoff (the org layer's schedule)", async () => {
      for (let i = 0; i < 4; i++) token(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' });
      token(400, oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code'));
      const waits: number[] = [];
      const result = await credentials({
        sleep: async (ms) => void waits.push(ms),
        retry: { attempts: 5, firstDelayMs: 500, maxDelayMs: 1500 },
      });
      expect(waits).to.deep.equal([500, 1000, 1500, 1500]);
      expect(result).to.include({ status: 'pass', reason: 'ok' });
    });

    it('429 on every try: rate-limited with the tries and the wait, a way forward, and no secret', async () => {
      for (let i = 0; i < 3; i++)
        token(429, { errorCode: 'CMN-301', message: `Request rate exceeded for ${CLIENT_ID}` }, { 'retry-after': '1' });
      const waits: number[] = [];
      const result = await credentials({ sleep: async (ms) => void waits.push(ms) });
      expect(waits).to.deep.equal([1000, 1000]);
      expect(result).to.include({ status: 'error', reason: 'rate-limited', httpStatus: 429, retryAfterSeconds: 1 });
      expect(result.detail).to.contain(SERVER).and.to.contain('HTTP 429').and.to.contain('after 3 tries');
      expect(result.detail).to.contain('waiting 2 seconds in all');
      expect(result.action).to.match(/Wait a minute and run again/);
      expectNoSecret(result);
      expect(nock.isDone()).to.equal(true);
    });

    it('429 forever is asked three times in all, never more', async () => {
      const sent: number[] = [];
      nock(SERVER)
        .post('/restapi/oauth/token')
        .times(10)
        .reply(() => {
          sent.push(Date.now());
          return [429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '0' }];
        });
      const result = await credentials({ timeoutMs: 1000 });
      expect(sent).to.have.length(3);
      expect(result).to.include({ status: 'error', reason: 'rate-limited' });
      nock.cleanAll();
    });

    it('reports rate-limited at once when Retry-After is longer than it will wait', async () => {
      token(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '600' });
      const waits: number[] = [];
      const result = await credentials({ sleep: async (ms) => void waits.push(ms), maxRetryAfterSeconds: 60 });
      expect(waits).to.deep.equal([]);
      expect(result).to.include({ status: 'error', reason: 'rate-limited' });
      expect(result.detail).to.contain('600 seconds');
    });

    it('reports an unreachable server as a result, not a stack', async () => {
      nock(SERVER)
        .post('/restapi/oauth/token')
        .replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND platform.ringcentral.com'));
      const result = await credentials();
      expect(result).to.include({ status: 'error', reason: 'unreachable' });
      expect(result.detail).to.contain(SERVER).and.to.contain('ENOTFOUND');
      expect(result.detail).not.to.match(/\n\s+at /);
      expect(result.action).to.be.a('string');
    });

    it('gives up on a server that does not answer in time', async () => {
      nock(SERVER)
        .post('/restapi/oauth/token')
        .delay(2000)
        .reply(400, oauthError('invalid_grant', 'OAU-106', 'x'));
      const result = await credentials({ timeoutMs: 100 });
      expect(result).to.include({ status: 'error', reason: 'unreachable' });
      expect(result.detail).to.contain('no answer within');
    });

    it('reports an answer it does not understand as unexpected, with the status', async () => {
      nock(SERVER).post('/restapi/oauth/token').reply(503, '<html>maintenance</html>', { 'content-type': 'text/html' });
      const result = await credentials();
      expect(result).to.include({ status: 'error', reason: 'unexpected', httpStatus: 503 });
      expect(result.detail).to.contain('HTTP 503');
    });
  });

  describe('checkRingCentralRedirectUri', () => {
    const authorize = (status: number, body?: unknown, headers: Record<string, string> = {}): URLSearchParams[] => {
      const seen: URLSearchParams[] = [];
      nock(SERVER)
        .get('/restapi/oauth/authorize')
        .query(true)
        .reply((uri) => {
          seen.push(new URL(uri, SERVER).searchParams);
          return [status, body ?? '', { 'content-type': 'application/json', ...headers }];
        });
      return seen;
    };

    it('passes on 302 without following the redirect, and asks with response_type, client_id and the exact redirect_uri', async () => {
      // Following the redirect would hit login.ringcentral.com, which nock refuses: the result would not be a pass.
      const seen = authorize(302, undefined, { location: 'https://login.ringcentral.com/?client_id=x' });
      const result = await redirect();
      expect(result).to.include({ status: 'pass', reason: 'ok', httpStatus: 302 });
      expect(result.detail).to.contain(CALLBACK);
      expect(seen).to.have.length(1);
      expect(Object.fromEntries(seen[0])).to.deep.equal({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: CALLBACK,
      });
    });

    it('fails with redirect-mismatch on OAU-109 and says which URI to register where', async () => {
      authorize(403, oauthError('invalid_grant', 'OAU-109', 'Redirect URIs do not match'));
      const result = await redirect();
      expect(result).to.include({ status: 'fail', reason: 'redirect-mismatch', code: 'OAU-109' });
      expect(result.action).to.contain(CALLBACK).and.to.contain('OAuth Redirect URI');
    });

    it('fails with redirect-missing on OAU-113', async () => {
      authorize(403, oauthError('invalid_client', 'OAU-113', 'No redirect uri is registered for the client'));
      const result = await redirect();
      expect(result).to.include({ status: 'fail', reason: 'redirect-missing', code: 'OAU-113' });
      expect(result.action).to.contain(CALLBACK);
    });

    it('tells an unknown client, a sandbox app on production and an app without the flow apart', async () => {
      authorize(401, oauthError('invalid_client', 'OAU-120', 'Wrong Application ID'));
      expect(await redirect()).to.include({ status: 'fail', reason: 'invalid-credentials', code: 'OAU-120' });
      authorize(401, oauthError('invalid_client', 'OAU-165', 'Sandbox client is not allowed'));
      expect(await redirect()).to.include({ status: 'fail', reason: 'wrong-environment', code: 'OAU-165' });
      authorize(
        403,
        oauthError('unauthorized_client', 'OAU-112', 'The client is unauthorized for the required grant type'),
      );
      expect(await redirect()).to.include({ status: 'fail', reason: 'flow-not-allowed', code: 'OAU-112' });
    });

    it('honours Retry-After on 429 once', async () => {
      authorize(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'retry-after': '2' });
      authorize(302, undefined, { location: 'https://login.ringcentral.com/' });
      const waits: number[] = [];
      expect(await redirect({ sleep: async (ms) => void waits.push(ms) })).to.include({ status: 'pass' });
      expect(waits).to.deep.equal([2000]);
    });

    it('reports a network failure as unreachable', async () => {
      nock(SERVER)
        .get('/restapi/oauth/authorize')
        .query(true)
        .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.1:443'));
      expect(await redirect()).to.include({ status: 'error', reason: 'unreachable' });
    });

    it('does not pass an error page answered with 200', async () => {
      authorize(200, '<html>error</html>', { 'content-type': 'text/html' });
      expect(await redirect()).to.include({ status: 'error', reason: 'unexpected' });
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('7')).to.equal(7);
    expect(retryAfterSeconds(new Date(Date.now() + 10_000).toUTCString())).to.be.within(9, 11);
    expect(retryAfterSeconds('soon')).to.equal(undefined);
    expect(retryAfterSeconds(null)).to.equal(undefined);
  });

  it('builds the pre-filled developer-console link with the six permissions and the encoded redirect URI', () => {
    expect(ringCentralAppCreationUrl({ name: 'ECI for Acme & Co', redirectUri: CALLBACK })).to.equal(
      'https://developers.ringcentral.com/new-app?name=ECI%20for%20Acme%20%26%20Co&public=true&type=ServerWeb' +
        '&permissions=CallControl,ReadAccounts,ReadCallLog,ReadCallRecording,ReadMessages,SubscriptionWebhook' +
        '&redirectUri=https%3A%2F%2Facme.my.salesforce.com%2Fservices%2Fauthcallback%2FRing_Central',
    );
  });

  it('loads @ringcentral/sdk only when a check runs', async () => {
    const script = [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const loaded = () => Object.keys(require.cache).some((k) => k.includes('@ringcentral'));",
      "const rc = await import('./src/ringcentral/index.ts');",
      'const before = loaded();',
      "await rc.checkRingCentralRedirectUri({ server: 'http://127.0.0.1:1', clientId: 'x', redirectUri: 'https://x/cb' });",
      'console.log(JSON.stringify({ before, after: loaded() }));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: process.cwd() },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')).to.deep.equal({ before: false, after: true });
  });
});
