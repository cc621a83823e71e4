/* The fake RingCentral: its documented answers, then the plugin's checks against it over real HTTP (no nock). */
import { expect } from 'chai';
import { Secret } from '../../src/model/secret.js';
import { checkRingCentralCredentials, checkRingCentralRedirectUri } from '../../src/ringcentral/index.js';
import { FakeRingCentral, type FakeRingCentralApp } from './ringcentral.js';

const CALLBACK = 'https://acme.my.salesforce.com/services/authcallback/Ring_Central';
const app = (over: Partial<FakeRingCentralApp> = {}): FakeRingCentralApp => ({
  clientId: 'prodClientId',
  clientSecret: 'prodClientSecret',
  redirectUris: [CALLBACK],
  authCodeFlow: true,
  environment: 'production',
  ...over,
});

type Raw = {
  status: number;
  json: { error?: string; error_description?: string; errors?: Array<{ errorCode: string; message: string }> };
  location: string | null;
  retryAfter: string | null;
};

async function raw(url: string, init: RequestInit = {}): Promise<Raw> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as Raw['json']) : {},
    location: res.headers.get('location'),
    retryAfter: res.headers.get('retry-after'),
  };
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('FakeRingCentral', () => {
  let rc: FakeRingCentral;

  const token = (
    authorization: string | undefined,
    form: Record<string, string> = { grant_type: 'authorization_code', code: 'abc', redirect_uri: CALLBACK },
  ): Promise<Raw> =>
    raw(`${rc.url}/restapi/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(form).toString(),
    });
  const authorize = (query: Record<string, string>): Promise<Raw> =>
    raw(`${rc.url}/restapi/oauth/authorize?${new URLSearchParams(query).toString()}`);
  const expectError = (r: Raw, status: number, error: string, errorCode: string): void => {
    expect(r.status).to.equal(status);
    expect(r.json.error).to.equal(error);
    expect(r.json.errors?.[0].errorCode).to.equal(errorCode);
    expect(r.json.error_description).to.equal(r.json.errors?.[0].message).and.to.be.a('string');
  };

  beforeEach(async () => {
    rc = await FakeRingCentral.start({
      apps: [
        app(),
        app({ clientId: 'sandboxClientId', clientSecret: 'sandboxSecret', environment: 'sandbox' }),
        app({ clientId: 'jwtClientId', clientSecret: 'jwtSecret', authCodeFlow: false }),
      ],
    });
  });
  afterEach(() => rc.stop());

  it('listens on 127.0.0.1 on a random port', () => {
    expect(rc.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(rc.environment).to.equal('production');
  });

  describe('token endpoint', () => {
    it('refuses a request without client authentication (OAU-123)', async () => {
      expectError(await token(undefined), 401, 'invalid_client', 'OAU-123');
    });
    it('refuses an unknown client id (OAU-153) and a wrong secret (OAU-146)', async () => {
      expectError(await token(basic('nobody', 'x')), 401, 'invalid_client', 'OAU-153');
      expectError(await token(basic('prodClientId', 'wrong')), 401, 'invalid_client', 'OAU-146');
    });
    it('refuses a sandbox app on a production server (OAU-165), even with the right secret', async () => {
      expectError(await token(basic('sandboxClientId', 'sandboxSecret')), 401, 'invalid_client', 'OAU-165');
    });
    it('refuses the authorization code grant for an app without that flow, and other grants (OAU-251)', async () => {
      expectError(await token(basic('jwtClientId', 'jwtSecret')), 400, 'unauthorized_client', 'OAU-251');
      expectError(
        await token(basic('prodClientId', 'prodClientSecret'), {
          grant_type: 'password',
          username: 'u',
          password: 'p',
        }),
        400,
        'unauthorized_client',
        'OAU-251',
      );
    });
    it('refuses any code with invalid_grant (OAU-106) once the client and the flow are right', async () => {
      expectError(await token(basic('prodClientId', 'prodClientSecret')), 400, 'invalid_grant', 'OAU-106');
    });
    it('logs calls without the secret', async () => {
      await token(basic('prodClientId', 'prodClientSecret'));
      expect(rc.calls).to.have.length(1);
      expect(rc.calls[0]).to.include({
        method: 'POST',
        operation: 'token',
        status: 400,
        clientId: 'prodClientId',
        grantType: 'authorization_code',
        redirectUri: CALLBACK,
        errorCode: 'OAU-106',
      });
      expect(JSON.stringify(rc.calls)).not.to.contain('prodClientSecret');
    });
  });

  describe('authorize endpoint', () => {
    it('redirects (302) to its login page when the redirect URI is registered, without following it itself', async () => {
      const r = await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK });
      expect(r.status).to.equal(302);
      expect(r.location).to.match(new RegExp(`^${rc.url}/login\\?`));
    });
    it('answers OAU-109 for an unregistered redirect URI, and OAU-113 for an app with none', async () => {
      expectError(
        await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: 'https://other.example/cb' }),
        403,
        'invalid_grant',
        'OAU-109',
      );
      rc.app('prodClientId')!.redirectUris = [];
      expectError(
        await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK }),
        403,
        'invalid_client',
        'OAU-113',
      );
    });
    it('lets a test register the redirect URI later (mutable apps)', async () => {
      rc.app('prodClientId')!.redirectUris = ['https://old.example/cb'];
      expect(
        (await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK })).status,
      ).to.equal(403);
      rc.app('prodClientId')!.redirectUris.push(CALLBACK);
      expect(
        (await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK })).status,
      ).to.equal(302);
    });
    it('needs redirect_uri when several are registered', async () => {
      expect((await authorize({ response_type: 'code', client_id: 'prodClientId' })).status).to.equal(302);
      rc.app('prodClientId')!.redirectUris.push('https://second.example/cb');
      expectError(
        await authorize({ response_type: 'code', client_id: 'prodClientId' }),
        400,
        'invalid_request',
        'OAU-101',
      );
    });
    it('refuses an unknown client (OAU-120), a sandbox app on production (OAU-165), an app without the flow (OAU-112) and a bad request', async () => {
      expectError(
        await authorize({ response_type: 'code', client_id: 'nobody', redirect_uri: CALLBACK }),
        401,
        'invalid_client',
        'OAU-120',
      );
      expectError(
        await authorize({ response_type: 'code', client_id: 'sandboxClientId', redirect_uri: CALLBACK }),
        401,
        'invalid_client',
        'OAU-165',
      );
      expectError(
        await authorize({ response_type: 'code', client_id: 'jwtClientId', redirect_uri: CALLBACK }),
        403,
        'unauthorized_client',
        'OAU-112',
      );
      expectError(
        await authorize({ response_type: 'token', client_id: 'prodClientId', redirect_uri: CALLBACK }),
        400,
        'unsupported_response_type',
        'OAU-101',
      );
      expectError(await authorize({ response_type: 'code' }), 400, 'invalid_request', 'OAU-101');
    });
  });

  it('a sandbox server knows sandbox apps and not production ones', async () => {
    const sandbox = await FakeRingCentral.start({ environment: 'sandbox', apps: rc.apps });
    try {
      const r = await raw(
        `${sandbox.url}/restapi/oauth/authorize?response_type=code&client_id=sandboxClientId&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      );
      expect(r.status).to.equal(302);
      const p = await raw(
        `${sandbox.url}/restapi/oauth/authorize?response_type=code&client_id=prodClientId&redirect_uri=${encodeURIComponent(CALLBACK)}`,
      );
      expect(p.json.errors?.[0].errorCode).to.equal('OAU-120');
    } finally {
      await sandbox.stop();
    }
  });

  it('answers 429 CMN-301 with Retry-After when told to, then normally', async () => {
    rc.rateLimitNext({ operation: 'authorize', retryAfter: 2 });
    const limited = await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK });
    expect(limited.status).to.equal(429);
    expect(limited.retryAfter).to.equal('2');
    expect(limited.json.errors?.[0].errorCode).to.equal('CMN-301');
    expect(
      (await token(basic('prodClientId', 'prodClientSecret'))).status,
      'only the authorize endpoint was limited',
    ).to.equal(400);
    expect(
      (await authorize({ response_type: 'code', client_id: 'prodClientId', redirect_uri: CALLBACK })).status,
    ).to.equal(302);
  });

  it('answers 404 in the REST error shape for anything else', async () => {
    const r = await raw(`${rc.url}/restapi/v1.0/account/~`);
    expect(r.status).to.equal(404);
    expect(r.json.errors?.[0].errorCode).to.equal('CMN-102');
  });

  describe('the plugin checks against it (real HTTP)', () => {
    const credentials = (clientId: string, secret: string) =>
      checkRingCentralCredentials({
        server: rc.url,
        clientId,
        clientSecret: new Secret(secret),
        redirectUri: CALLBACK,
      });
    const redirect = (clientId: string, redirectUri = CALLBACK) =>
      checkRingCentralRedirectUri({ server: rc.url, clientId, redirectUri });

    it('credentials: pass, wrong secret, sandbox app on production, no authorization code flow; one request each', async () => {
      expect(await credentials('prodClientId', 'prodClientSecret')).to.include({
        status: 'pass',
        reason: 'ok',
        code: 'OAU-106',
      });
      const wrong = await credentials('prodClientId', 'wrongSecret');
      expect(wrong).to.include({ status: 'fail', reason: 'invalid-credentials', code: 'OAU-146', httpStatus: 401 });
      expect(JSON.stringify(wrong)).not.to.contain('wrongSecret');
      expect(await credentials('sandboxClientId', 'sandboxSecret')).to.include({
        status: 'fail',
        reason: 'wrong-environment',
        code: 'OAU-165',
      });
      expect(await credentials('jwtClientId', 'jwtSecret')).to.include({
        status: 'fail',
        reason: 'flow-not-allowed',
        code: 'OAU-251',
      });
      expect(rc.calls.map((c) => c.operation)).to.deep.equal(['token', 'token', 'token', 'token']);
    });

    it('redirect URI: registered, mismatch, missing, and registered later', async () => {
      expect(await redirect('prodClientId')).to.include({ status: 'pass', reason: 'ok', httpStatus: 302 });
      expect(await redirect('prodClientId', 'https://acme.my.salesforce.com/services/authcallback/Other')).to.include({
        status: 'fail',
        reason: 'redirect-mismatch',
        code: 'OAU-109',
      });
      rc.app('prodClientId')!.redirectUris = [];
      expect(await redirect('prodClientId')).to.include({
        status: 'fail',
        reason: 'redirect-missing',
        code: 'OAU-113',
      });
      rc.app('prodClientId')!.redirectUris.push(CALLBACK);
      expect(await redirect('prodClientId')).to.include({ status: 'pass' });
      expect(
        rc.calls.filter((c) => c.path === '/login'),
        'the redirect is not followed',
      ).to.deep.equal([]);
    });

    it('waits out a 429 once', async () => {
      rc.rateLimitNext({ operation: 'token', retryAfter: 0 });
      expect(await credentials('prodClientId', 'prodClientSecret')).to.include({ status: 'pass' });
      expect(rc.calls.map((c) => c.status)).to.deep.equal([429, 400]);
    });

    it('reports a stopped server as unreachable', async () => {
      const url = rc.url;
      await rc.stop();
      const result = await checkRingCentralRedirectUri({
        server: url,
        clientId: 'prodClientId',
        redirectUri: CALLBACK,
      });
      expect(result).to.include({ status: 'error', reason: 'unreachable' });
    });
  });
});
