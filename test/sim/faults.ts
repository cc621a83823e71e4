/*
 * Fault injection at the HTTP boundary: what a network, a proxy or a Salesforce outage does to a call.
 * A fault matches a request by API, operation and metadata type (SOAP operations are peeked from the envelope) and
 * the how-manieth matching request it is, and either replaces the request (`before`: the org never sees it) or its
 * answer (`after`: the org did the work, the caller never learns it, as when a connection drops on the way back).
 *
 * Kinds: `reset` (the socket is destroyed), `hang` (no answer for `ms`, then a reset: bounded, the suite never
 * waits forever), `answer` (a status, content type, body and headers of the test's choosing: an HTML outage page
 * with 200, an empty 200, 503 with Retry-After, 431, a SOAP fault such as REQUEST_LIMIT_EXCEEDED).
 */
import type { SimApi } from './types.js';

export type FaultMatch = {
  api?: SimApi;
  /** e.g. readMetadata, upsertMetadata, deploy, checkDeployStatus, query, sobject.create */
  operation?: string;
  /** metadata type (SOAP) or sObject */
  type?: string;
  /** only writes (CRUD and deploy on SOAP, anything but GET on REST) */
  write?: boolean;
  /** the n-th matching request (1-based) faults; default the first */
  nth?: number;
  /** how many matching requests in a row fault; default 1 */
  times?: number;
};

export type FaultAction =
  | { kind: 'reset'; when?: 'before' | 'after' }
  | { kind: 'hang'; ms: number }
  | {
      kind: 'answer';
      when?: 'before' | 'after';
      status: number;
      contentType?: string;
      body?: string;
      headers?: Record<string, string>;
    }
  /** Not a fault: the request is answered as usual, and `run` is called just before the answer goes out (e.g. Ctrl-C). */
  | { kind: 'then'; run: () => void };

type Armed = { match: FaultMatch; action: FaultAction; seen: number; fired: number };

/** What a request is, as far as faults are concerned. */
export type FaultTarget = { api: SimApi; operation: string; type?: string; write: boolean };

export class FaultPlan {
  private readonly armed: Armed[] = [];
  /** Every fault fired, for the tests' report. */
  public readonly fired: Array<FaultTarget & { kind: FaultAction['kind'] }> = [];

  public add(match: FaultMatch, action: FaultAction): void {
    this.armed.push({ match, action, seen: 0, fired: 0 });
  }

  public clear(): void {
    this.armed.length = 0;
  }

  /** The fault for this request, if one is armed for it (each matching request counts, fired or not). */
  public take(target: FaultTarget): FaultAction | undefined {
    let chosen: Armed | undefined;
    for (const a of this.armed) {
      const m = a.match;
      if (m.api !== undefined && m.api !== target.api) continue;
      if (m.operation !== undefined && m.operation !== target.operation) continue;
      if (m.type !== undefined && m.type !== target.type) continue;
      if (m.write !== undefined && m.write !== target.write) continue;
      a.seen++;
      if (!chosen && a.seen >= (m.nth ?? 1) && a.fired < (m.times ?? 1)) chosen = a;
    }
    if (!chosen) return undefined;
    chosen.fired++;
    this.fired.push({ ...target, kind: chosen.action.kind });
    return chosen.action;
  }
}

const SOAP_WRITES = new Set([
  'createMetadata',
  'updateMetadata',
  'upsertMetadata',
  'deleteMetadata',
  'renameMetadata',
  'deploy',
]);

/** Whether a request writes: by its SOAP operation, else by its HTTP method. */
export const isWriteRequest = (method: string, soapOperation?: string): boolean =>
  soapOperation !== undefined ? SOAP_WRITES.has(soapOperation) : method !== 'GET' && method !== 'HEAD';

/** The SOAP Metadata API operation and type of an envelope, peeked without parsing the whole body. */
export function peekSoap(body: string): { operation?: string; type?: string } {
  const op = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(body)?.[1];
  const type = /<(?:\w+:)?type>([^<]+)<\/(?:\w+:)?type>/.exec(body)?.[1] ?? /xsi:type="(?:\w+:)?(\w+)"/.exec(body)?.[1];
  return { ...(op ? { operation: op } : {}), ...(type ? { type } : {}) };
}

/** An outage page as a proxy or Salesforce's maintenance page serves it. */
export const OUTAGE_PAGE =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>We are down for maintenance</h1></body></html>';

/** A SOAP fault as the Metadata API answers one (HTTP 500), e.g. REQUEST_LIMIT_EXCEEDED or INVALID_SESSION_ID. */
export const soapFaultAnswer = (code: string, text: string): FaultAction => ({
  kind: 'answer',
  status: 500,
  contentType: 'text/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${text}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
});
