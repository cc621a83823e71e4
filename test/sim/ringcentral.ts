/*
 * A fake of RingCentral's OAuth endpoints for end-to-end tests: what the plugin's checks ask, answered
 * with RingCentral's status codes and error shapes `{"error","error_description","errors":[{"errorCode","message"}]}`.
 *
 *   POST /restapi/oauth/token       Basic client auth. Client first, then grant type, then the code:
 *     no / malformed Basic header          401 invalid_client OAU-123
 *     unknown client id                    401 invalid_client OAU-153 (a production app on a sandbox server too)
 *     sandbox app on a production server   401 invalid_client OAU-165
 *     wrong secret                         401 invalid_client OAU-146
 *     grant other than authorization_code, or an app without the authorization code flow
 *                                          400 unauthorized_client OAU-251
 *     authorization_code with any code     400 invalid_grant OAU-106 (the fake never issues codes: no user login)
 *   GET /restapi/oauth/authorize?response_type=code&client_id&redirect_uri
 *     missing client_id / response_type not code   400 invalid_request / unsupported_response_type OAU-101
 *     unknown client id                    401 invalid_client OAU-120
 *     sandbox app on a production server   401 invalid_client OAU-165
 *     no redirect URI registered           403 invalid_client OAU-113
 *     redirect_uri not registered          403 invalid_grant OAU-109
 *     redirect_uri absent, several registered      400 invalid_request OAU-101 (absent with one registered: that one)
 *     app without the authorization code flow      403 unauthorized_client OAU-112
 *     otherwise                            302 to the login page
 *   rateLimitNext(): the next matching requests answer 429 CMN-301 with Retry-After.
 * `apps` is mutable (register a redirect URI later); `calls` logs every request without any secret.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatorSecret } from './secrets.js';

export type FakeRingCentralEnvironment = 'production' | 'sandbox';

export type FakeRingCentralApp = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** the app's Auth setting is "3-legged OAuth flow authorization code" */
  authCodeFlow: boolean;
  environment: FakeRingCentralEnvironment;
};

export type FakeRingCentralCall = {
  method: string;
  path: string;
  status: number;
  /** 'token' | 'authorize' | 'unknown' */
  operation: string;
  clientId?: string;
  grantType?: string;
  redirectUri?: string;
  /** RingCentral's error code of the answer, e.g. OAU-146 */
  errorCode?: string;
  at: number;
};

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
type RateLimit = { operation?: 'token' | 'authorize'; remaining: number; retryAfter: string };

const oauthError = (status: number, error: string, errorCode: string, message: string): Answer => ({
  status,
  body: { error, error_description: message, errors: [{ errorCode, message }] },
});

export const OAU = {
  missingAuth: () => oauthError(401, 'invalid_client', 'OAU-123', 'Invalid Authorization header value: Authorization'),
  unknownClient: (id: string) => oauthError(401, 'invalid_client', 'OAU-153', `Invalid client: ${id}`),
  sandboxClient: (id: string) => oauthError(401, 'invalid_client', 'OAU-165', `Sandbox client is not allowed: ${id}`),
  wrongSecret: () => oauthError(401, 'invalid_client', 'OAU-146', 'Invalid client credentials'),
  grantNotAllowed: () => oauthError(400, 'unauthorized_client', 'OAU-251', 'Unauthorized for this grant type'),
  invalidCode: () => oauthError(400, 'invalid_grant', 'OAU-106', 'Invalid authorization code'),
  invalidParameter: (name: string, error = 'invalid_request') =>
    oauthError(400, error, 'OAU-101', `Parameter [${name}] is invalid`),
  wrongApplication: () => oauthError(401, 'invalid_client', 'OAU-120', 'Wrong Application ID'),
  noRedirectUri: () => oauthError(403, 'invalid_client', 'OAU-113', 'No redirect uri is registered for the client'),
  redirectMismatch: () => oauthError(403, 'invalid_grant', 'OAU-109', 'Redirect URIs do not match'),
  flowNotAllowed: () =>
    oauthError(
      403,
      'unauthorized_client',
      'OAU-112',
      'The client is unauthorized for the required grant type: [authorization_code]',
    ),
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export class FakeRingCentral {
  public readonly calls: FakeRingCentralCall[] = [];
  private readonly rateLimits: RateLimit[] = [];
  private server?: Server;
  private base = '';

  private constructor(
    /** mutable: tests add apps or redirect URIs at run time */
    public apps: FakeRingCentralApp[],
    public readonly environment: FakeRingCentralEnvironment,
    /** RingCentral's latency: every answer waits `ms`, plus a uniform 0..`jitterMs` more (as the simulated org's). */
    private readonly latency?: { ms: number; jitterMs?: number },
  ) {}

  public static async start(
    opts: {
      apps?: FakeRingCentralApp[];
      environment?: FakeRingCentralEnvironment;
      port?: number;
      latency?: { ms: number; jitterMs?: number };
    } = {},
  ): Promise<FakeRingCentral> {
    const fake = new FakeRingCentral(opts.apps ?? [], opts.environment ?? 'production', opts.latency);
    for (const a of fake.apps) simulatorSecret(a.clientSecret, 'a client secret of the simulated RingCentral');
    const server = createServer((req, res) => {
      fake.handle(req, res).catch((e: unknown) => {
        process.stderr.write(`[fake-ringcentral] internal error: ${(e as Error).stack ?? String(e)}\n`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ errorCode: 'CMN-201', message: `fake bug: ${(e as Error).message}` }] }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.server = server;
    fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** e.g. `http://127.0.0.1:54321`: the `server` of the SDK and of the auth provider's endpoints in tests. */
  public get url(): string {
    return this.base;
  }

  public async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  public app(clientId: string): FakeRingCentralApp | undefined {
    // Apps can be added at run time: their secrets are registered when first looked up.
    for (const a of this.apps) simulatorSecret(a.clientSecret, 'a client secret of the simulated RingCentral');
    return this.apps.find((a) => a.clientId === clientId);
  }

  /** The next `count` requests (to one endpoint, or any) answer 429 with this Retry-After. */
  public rateLimitNext(
    opts: { operation?: 'token' | 'authorize'; count?: number; retryAfter?: string | number } = {},
  ): void {
    this.rateLimits.push({
      operation: opts.operation,
      remaining: opts.count ?? 1,
      retryAfter: String(opts.retryAfter ?? 1),
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const call: FakeRingCentralCall = { method, path: url.pathname, status: 0, operation: 'unknown', at: Date.now() };
    let answer: Answer;
    if (method === 'POST' && url.pathname === '/restapi/oauth/token') {
      call.operation = 'token';
      answer = this.rateLimited('token') ?? this.token(req, new URLSearchParams(body), call);
    } else if (method === 'GET' && url.pathname === '/restapi/oauth/authorize') {
      call.operation = 'authorize';
      answer = this.rateLimited('authorize') ?? this.authorize(url.searchParams, call);
    } else {
      answer = {
        status: 404,
        body: {
          errors: [
            {
              errorCode: 'CMN-102',
              message: `Resource not found (fake RingCentral: no route for ${method} ${url.pathname})`,
            },
          ],
        },
      };
    }
    const latency = this.latency;
    if (latency && latency.ms + (latency.jitterMs ?? 0) > 0)
      await new Promise((r) => setTimeout(r, latency.ms + Math.random() * (latency.jitterMs ?? 0)));
    call.status = answer.status;
    const errors = (answer.body as { errors?: Array<{ errorCode?: string }> } | undefined)?.errors;
    if (errors?.[0]?.errorCode) call.errorCode = errors[0].errorCode;
    this.calls.push(call);
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(payload ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
      ...(answer.headers ?? {}),
      'content-length': String(Buffer.byteLength(payload)),
    });
    res.end(payload);
  }

  private rateLimited(operation: 'token' | 'authorize'): Answer | undefined {
    const limit = this.rateLimits.find((l) => l.remaining > 0 && (!l.operation || l.operation === operation));
    if (!limit) return undefined;
    limit.remaining -= 1;
    const message = 'Request rate exceeded';
    return {
      status: 429,
      headers: { 'retry-after': limit.retryAfter },
      body: { errorCode: 'CMN-301', message, errors: [{ errorCode: 'CMN-301', message }] },
    };
  }

  /** The app a client id names on this server, or the error RingCentral gives. */
  private lookup(clientId: string, unknown: () => Answer): FakeRingCentralApp | Answer {
    const app = this.app(clientId);
    if (!app || (app.environment === 'production' && this.environment === 'sandbox')) return unknown();
    if (app.environment === 'sandbox' && this.environment === 'production') return OAU.sandboxClient(clientId);
    return app;
  }

  private token(req: IncomingMessage, form: URLSearchParams, call: FakeRingCentralCall): Answer {
    call.grantType = form.get('grant_type') ?? undefined;
    call.redirectUri = form.get('redirect_uri') ?? undefined;
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon <= 0) return OAU.missingAuth();
    const clientId = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    call.clientId = clientId;
    const app = this.lookup(clientId, () => OAU.unknownClient(clientId));
    if ('status' in app) return app;
    if (secret !== app.clientSecret) return OAU.wrongSecret();
    if (call.grantType !== 'authorization_code' || !app.authCodeFlow) return OAU.grantNotAllowed();
    // No user ever logs in here, so no code is valid.
    return OAU.invalidCode();
  }

  private authorize(query: URLSearchParams, call: FakeRingCentralCall): Answer {
    const clientId = query.get('client_id');
    const redirectUri = query.get('redirect_uri');
    call.clientId = clientId ?? undefined;
    call.redirectUri = redirectUri ?? undefined;
    if (!clientId) return OAU.invalidParameter('client_id');
    if (query.get('response_type') !== 'code')
      return OAU.invalidParameter('response_type', 'unsupported_response_type');
    const app = this.lookup(clientId, () => OAU.wrongApplication());
    if ('status' in app) return app;
    if (app.redirectUris.length === 0) return OAU.noRedirectUri();
    if (!redirectUri && app.redirectUris.length > 1) return OAU.invalidParameter('redirect_uri');
    if (redirectUri && !app.redirectUris.includes(redirectUri)) return OAU.redirectMismatch();
    if (!app.authCodeFlow) return OAU.flowNotAllowed();
    const login = new URL('/login', this.base);
    login.searchParams.set('client_id', clientId);
    login.searchParams.set('redirect_uri', redirectUri ?? app.redirectUris[0]);
    login.searchParams.set('response_type', 'code');
    return { status: 302, headers: { location: login.toString() } };
  }
}
