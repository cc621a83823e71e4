/*
 * HTTP layer of the simulated org: path normalisation (the CLI stores the instance URL with a trailing slash, so
 * paths arrive as //services/...), authentication (Bearer token for REST; the SOAP handler checks SessionHeader),
 * routing to the route tables of rest.ts and metadata-api.ts, and the calls log.
 * Unknown routes answer 404 with a body naming the route, and are logged with operation 'unknown'.
 * SIM_LOG=1 in the environment prints every call to stderr.
 */
import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeployJobs } from './deploy.js';
import type { FailureQueue } from './failures.js';
import { isWriteRequest, peekSoap, type FaultAction, type FaultPlan } from './faults.js';
import type { SoqlEngine } from './soql.js';
import type { SimApi, SimCall, SimState } from './types.js';
import { versionOk } from './versions.js';

export type SimRequest = {
  method: string;
  /** normalised path, no query string */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** capture groups of the route's path regex */
  params: string[];
};

export type SimResponse = {
  status: number;
  headers?: Record<string, string>;
  /** string bodies are sent as is; anything else as JSON */
  body?: unknown;
};

export type SimContext = {
  state: SimState;
  failures: FailureQueue;
  /** the org's deploy() jobs (deploy.ts) */
  deploys: DeployJobs;
  soql: SoqlEngine;
  accessToken: string;
  /** the log entry of this request: handlers fill in operation, type, fullNames, write */
  call: SimCall;
};

export type Route = {
  method: string | string[];
  path: RegExp;
  api: SimApi;
  operation: string;
  write?: boolean;
  /** 'bearer': Authorization: Bearer <accessToken> required (401 INVALID_SESSION_ID otherwise) */
  auth: 'bearer' | 'none';
  handle(ctx: SimContext, req: SimRequest): SimResponse | Promise<SimResponse>;
};

export function normalizePath(rawUrl: string): { path: string; query: URLSearchParams } {
  const q = rawUrl.indexOf('?');
  const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const search = q >= 0 ? rawUrl.slice(q + 1) : '';
  let path = rawPath.replace(/\/{2,}/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep raw */
  }
  return { path, query: new URLSearchParams(search) };
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export type ServerDeps = {
  routes: Route[];
  context: (call: SimCall) => SimContext;
  accessToken: string;
  log: (call: SimCall) => void;
  /** Faults to inject (faults.ts). */
  faults?: FaultPlan;
  /** Salesforce's latency: every answer waits this long (ms), plus up to `jitterMs` more. */
  latency?: { ms: number; jitterMs?: number };
};

export class SimServer {
  private server?: Server;

  public constructor(private readonly deps: ServerDeps) {}

  public async listen(port = 0): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        process.stderr.write(`[sim] internal error: ${(e as Error).stack ?? String(e)}\n`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json;charset=UTF-8' });
          res.end(
            JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: `simulator bug: ${(e as Error).message}` }]),
          );
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  public async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Salesforce's latency, before every answer (an injected fault's too): `ms`, plus a uniform 0..`jitterMs` more. */
  private async latency(call: SimCall): Promise<void> {
    const latency = this.deps.latency;
    if (!latency || latency.ms + (latency.jitterMs ?? 0) <= 0) return;
    call.latencyMs = latency.ms + Math.random() * (latency.jitterMs ?? 0);
    await new Promise((r) => setTimeout(r, call.latencyMs));
  }

  /** Answers (or drops) a request as the fault says; the call is logged with status 0 for a dropped one. */
  private async fault(
    fault: Exclude<FaultAction, { kind: 'then' }>,
    res: ServerResponse,
    call: SimCall,
  ): Promise<void> {
    if (fault.kind === 'hang') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault.kind === 'answer') {
      await this.latency(call);
      call.status = fault.status;
      call.doneAt = Date.now();
      this.deps.log(call);
      const payload = fault.body ?? '';
      res.writeHead(fault.status, {
        'content-type': fault.contentType ?? 'text/html',
        ...(fault.headers ?? {}),
        'content-length': String(Buffer.byteLength(payload)),
      });
      res.end(payload);
      return;
    }
    call.status = 0;
    this.deps.log(call);
    res.socket?.destroy();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const { path, query } = normalizePath(req.url ?? '/');
    const body = await readBody(req);
    const call: SimCall = {
      api: 'rest',
      operation: 'unknown',
      write: false,
      at: Date.now(),
      method,
      path,
      key: requestKey(method, req.url ?? '/', body),
    };
    let response: SimResponse;
    const route = this.deps.routes.find(
      (r) => (Array.isArray(r.method) ? r.method.includes(method) : r.method === method) && r.path.test(path),
    );
    if (!route) {
      response = {
        status: 404,
        body: [
          {
            errorCode: 'NOT_FOUND',
            message: `The requested resource does not exist (simulator: no route for ${method} ${path})`,
          },
        ],
      };
    } else {
      call.api = route.api === 'rest' && /^\/services\/data\/v[\d.]+\/tooling(\/|$)/.test(path) ? 'tooling' : route.api;
      call.operation = route.operation;
      call.write = !!route.write;
      const params = route.path.exec(path)!.slice(1);
      const versionMatch = /^\/services\/data\/v(\d+\.\d+)/.exec(path);
      const token = /^(Bearer|OAuth)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[2];
      if (route.auth === 'bearer' && token !== this.deps.accessToken) {
        response =
          route.api === 'oauth'
            ? { status: 403, headers: { 'content-type': 'text/plain' }, body: 'Bad_OAuth_Token' }
            : { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
      } else if (versionMatch && !versionOk(versionMatch[1], this.deps.context(call).state.settings.maxApiVersion)) {
        response = {
          status: 404,
          body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
        };
      } else {
        const peek = route.api === 'soap-metadata' ? peekSoap(body) : {};
        const target = {
          api: call.api,
          operation: peek.operation ?? route.operation,
          ...(peek.type ? { type: peek.type } : {}),
          // A route that says it never writes (a composite of GET subrequests only) is a read whatever its method.
          write: route.write !== false && isWriteRequest(method, peek.operation),
        };
        const fault = this.deps.faults?.take(target);
        // A faulted request is logged as what it was, even when the org never saw it.
        if (fault) Object.assign(call, { operation: target.operation }, target.type ? { type: target.type } : {});
        if (fault && fault.kind !== 'then' && (fault.kind === 'hang' || (fault.when ?? 'before') === 'before'))
          return this.fault(fault, res, call);
        response = await route.handle(this.deps.context(call), {
          method,
          path,
          query,
          headers: req.headers,
          body,
          params,
        });
        if (fault?.kind === 'then') fault.run();
        else if (fault) return this.fault(fault, res, call);
      }
    }
    await this.latency(call);
    call.status = response.status;
    call.doneAt = Date.now();
    this.deps.log(call);
    if (process.env.SIM_LOG) {
      process.stderr.write(
        `[sim] ${method} ${path} -> ${response.status} ${call.api}/${call.operation}${call.type ? ` ${call.type}` : ''}${call.soql ? ` ${call.soql}` : ''}\n`,
      );
    }
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    let payload = '';
    if (response.body !== undefined && response.status !== 204) {
      if (typeof response.body === 'string') payload = response.body;
      else {
        payload = JSON.stringify(response.body);
        headers['content-type'] ??= 'application/json;charset=UTF-8';
      }
    }
    res.writeHead(response.status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  }
}

/** What makes two requests the same one asked twice: method, URL and body (the session id in it is the same). */
function requestKey(method: string, url: string, body: string): string {
  return `${method} ${url.replace(/\/{2,}/g, '/')} ${createHash('sha1').update(body).digest('hex')}`;
}
