/* Test helpers for the simulator's own tests (and for other suites that want a connected org). */
import type { MetadataComponent } from '../../src/model/component.js';
import { AuthInfo, Connection } from '@salesforce/core';
import JSZip from 'jszip';
import { SimulatedOrg, type SimSeed } from './index.js';
import { MD_NS } from './soap.js';
import { jsforceStyleXml } from './validate.js';

/** A real @salesforce/core Connection (jsforce inside), exactly what the plugin uses. */
export async function connect(org: SimulatedOrg): Promise<Connection> {
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl },
  });
  return Connection.create({ authInfo });
}

export async function startConnected(seed?: SimSeed): Promise<{ org: SimulatedOrg; conn: Connection }> {
  const org = await SimulatedOrg.start({ seed });
  try {
    return { org, conn: await connect(org) };
  } catch (e) {
    await org.stop();
    throw e;
  }
}

/** The guide's RingCentral auth provider, elements in WSDL order. */
export const ringCentralAuthProvider = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  fullName: 'Ring_Central',
  authorizeUrl: 'https://platform.ringcentral.com/restapi/oauth/authorize',
  consumerKey: 'rcClientId',
  consumerSecret: 'rcClientSecret',
  defaultScopes: 'ReadCallRecording',
  friendlyName: 'Ring Central',
  providerType: 'OpenIdConnect',
  sendAccessTokenInHeader: false,
  sendClientCredentialsInHeader: true,
  sendSecretInApis: true,
  tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
  userInfoUrl: 'https://platform.ringcentral.com/restapi/oauth/userinfo',
  ...over,
});

/** A Salesforce-type provider (no endpoints or credentials required). */
export const salesforceAuthProvider = (
  fullName: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> => ({
  fullName,
  friendlyName: fullName.replace(/_/g, ' '),
  providerType: 'Salesforce',
  ...over,
});

/** Both auth providers of the guide, as if made before: what the named credentials sign in through. */
export function seedGuideAuthProviders(org: SimulatedOrg): void {
  org.seedMetadata('AuthProvider', ringCentralAuthProvider());
  org.seedMetadata('AuthProvider', salesforceAuthProvider('ECI_Auth_Provider'));
}

/** POSTs a raw SOAP body (for wire shapes jsforce never produces). */
export async function soapRaw(
  org: SimulatedOrg,
  bodyInner: string,
  opts: { sessionId?: string; version?: string } = {},
): Promise<{ status: number; text: string }> {
  const envelope =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>${opts.sessionId ?? org.accessToken}</sessionId></SessionHeader></soapenv:Header>` +
    `<soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata">${bodyInner}</soapenv:Body></soapenv:Envelope>`;
  const res = await fetch(`${org.instanceUrl}/services/Soap/m/${opts.version ?? '66.0'}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', SOAPAction: '""' },
    body: envelope,
  });
  return { status: res.status, text: await res.text() };
}

/** A raw REST call with the org's token (or another). */
export async function rest(
  org: SimulatedOrg,
  method: string,
  path: string,
  body?: unknown,
  token: string = org.accessToken,
): Promise<{ status: number; json: any }> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${org.instanceUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json };
}

/** Awaits a promise expected to reject and returns the error. */
export async function rejection(p: Promise<unknown>): Promise<Error & { errorCode?: string; name: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { errorCode?: string };
  }
  throw new Error('expected the call to fail, it succeeded');
}

export type MdError = { statusCode: string; message: string; fields: string[] };
export type MdSaveResult = { created?: boolean; fullName: string; success: boolean; errors: MdError[] };
export type MdRecord = Record<string, unknown>;

/** Untyped access to conn.metadata (jsforce's typings want per-type definitions). */
export function md(conn: Connection) {
  // jsforce types `type` as a union of type names and each record per type; the simulator tests speak plain records
  const m = conn.metadata as unknown as {
    upsert(type: string, m: unknown): Promise<unknown>;
    create(type: string, m: unknown): Promise<unknown>;
    update(type: string, m: unknown): Promise<unknown>;
    delete(type: string, names: string[]): Promise<unknown>;
    read(type: string, names: string | string[]): Promise<unknown>;
    list(queries: Array<{ type: string; folder?: string }>): Promise<unknown>;
  };
  return {
    upsert: (type: string, records: MdRecord[]): Promise<MdSaveResult[]> =>
      m.upsert(type, records) as unknown as Promise<MdSaveResult[]>,
    upsertOne: (type: string, record: MdRecord): Promise<MdSaveResult> =>
      m.upsert(type, record) as unknown as Promise<MdSaveResult>,
    create: (type: string, records: MdRecord[]): Promise<MdSaveResult[]> =>
      m.create(type, records) as unknown as Promise<MdSaveResult[]>,
    update: (type: string, records: MdRecord[]): Promise<MdSaveResult[]> =>
      m.update(type, records) as unknown as Promise<MdSaveResult[]>,
    delete: (type: string, fullNames: string[]): Promise<MdSaveResult[]> =>
      m.delete(type, fullNames) as unknown as Promise<MdSaveResult[]>,
    read: (type: string, fullNames: string[]): Promise<MdRecord[]> =>
      m.read(type, fullNames) as unknown as Promise<MdRecord[]>,
    readOne: (type: string, fullName: string): Promise<MdRecord> =>
      m.read(type, fullName) as unknown as Promise<MdRecord>,
    list: (queries: Array<{ type: string; folder?: string }>): Promise<MdRecord[]> =>
      m.list(queries) as unknown as Promise<MdRecord[]>,
  };
}

/* ---------- deploy() ---------- */

/** A Metadata API format file: `<Type xmlns=…>` with the record's elements in key order (fullName left out). */
export function mdapiXml(type: string, record: MdRecord): string {
  const body = Object.entries(record)
    .filter(([k]) => k !== 'fullName')
    .map(([k, v]) => jsforceStyleXml(k, v))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="${MD_NS}">${body}</${type}>\n`;
}

/** package.xml naming these members. */
export function packageXml(types: Record<string, string[]>, version = '66.0'): string {
  const t = Object.entries(types)
    .map(
      ([name, members]) =>
        `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${name}</name></types>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="${MD_NS}">${t}<version>${version}</version></Package>\n`;
}

export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [path, text] of Object.entries(files)) zip.file(path, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** One component of a deploy: type, record (with fullName), and the folder/suffix its file goes in. */
export type DeployComponent = { type: string; record: MdRecord; folder: string; suffix: string };

/** The zip's files for these components, with their package.xml. */
export function deployFiles(components: DeployComponent[], extra: Record<string, string> = {}): Record<string, string> {
  const types: Record<string, string[]> = {};
  const files: Record<string, string> = {};
  for (const c of components) {
    (types[c.type] ??= []).push(String(c.record.fullName));
    files[`${c.folder}/${String(c.record.fullName)}.${c.suffix}`] = mdapiXml(c.type, c.record);
  }
  return { 'package.xml': packageXml(types), ...files, ...extra };
}

export type DeployMessageJs = {
  componentType?: string;
  fullName: string;
  fileName: string;
  problem?: string;
  problemType?: string;
  success: boolean | string;
  created: boolean | string;
  changed: boolean | string;
  deleted?: boolean | string;
};
export type DeployResultJs = {
  id: string;
  done: boolean;
  status: string;
  success: boolean;
  checkOnly: boolean;
  rollbackOnError: boolean;
  numberComponentErrors: number;
  numberComponentsDeployed: number;
  numberComponentsTotal: number;
  details: {
    componentSuccesses?: DeployMessageJs | DeployMessageJs[];
    componentFailures?: DeployMessageJs | DeployMessageJs[];
  };
};

export const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** Deploys a zip with jsforce (conn.metadata.deploy) and polls it to the end, details included. */
export async function deployZip(
  conn: Connection,
  files: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<DeployResultJs> {
  conn.metadata.pollInterval = 10;
  const zip = await zipOf(files);
  return (await conn.metadata.deploy(zip, options).complete(true)) as unknown as DeployResultJs;
}

export const failuresOf = (r: DeployResultJs): DeployMessageJs[] => asArray(r.details.componentFailures);
export const successesOf = (r: DeployResultJs): DeployMessageJs[] => asArray(r.details.componentSuccesses);

/** A named credential without authentication, as the plugin's org layer writes a component. */
export const anonymousNamedCredential = (fullName: string, endpoint: string): MetadataComponent => ({
  kind: 'metadata',
  type: 'NamedCredential',
  fullName,
  label: fullName,
  fields: {
    label: fullName,
    endpoint,
    namedCredentialType: 'Legacy',
    principalType: 'Anonymous',
    protocol: 'NoAuthentication',
  } as never,
});
