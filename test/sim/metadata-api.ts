/*
 * The SOAP Metadata API: POST /services/Soap/m/<version>.
 * CRUD calls (create/update/upsert/delete) take at most 10 components, readMetadata one type and at most 10 names,
 * listMetadata at most 3 queries; each violation is a SOAP fault. Per-component failures are answered with HTTP 200
 * and success=false, as Salesforce does. deploy/checkDeployStatus/cancelDeploy are in deploy.ts. External Client App
 * types fault with INVALID_TYPE / INSUFFICIENT_ACCESS where the org or user cannot use them (rules/external-client-app.ts).
 */
import {
  clientFault,
  MD_NS,
  parseEnvelope,
  sfFault,
  soapFaultXml,
  soapResponse,
  SoapFault,
  toXml,
  type XmlNode,
} from './soap.js';
import { decodeComplex, encodeComplexContent, isKnownComplexType, isMetadataType, WSDL } from './validate.js';
import type { UpsertResult, WriteOp } from './metadata-store.js';
import type { Route, SimContext, SimResponse } from './server.js';
import type { ComponentError } from './types.js';
import { versionOk } from './versions.js';
import { ADMIN_LOCKED_MESSAGE, cancelDeploy, checkDeployStatus, deploy } from './deploy.js';
import { crudDeleteRefusal, ecaAccessFault } from './rules/external-client-app.js';
import { SETTINGS_BY_DEPLOY_MESSAGE, settingsOfType } from './rules/settings.js';
import { asOfVersion, typeVersionFault } from './version-floors.js';
import { mayUseMetadataApi, METADATA_API_PERMISSION_MESSAGE } from './user-permissions.js';

export const MAX_CRUD_COMPONENTS = 10;
export const MAX_LIST_QUERIES = 3;

const CRUD: Record<string, WriteOp | 'delete'> = {
  createMetadata: 'create',
  updateMetadata: 'update',
  upsertMetadata: 'upsert',
  deleteMetadata: 'delete',
};

const xmlResponse = (status: number, body: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body,
});

const errorsXml = (errors: ComponentError[]): Array<Record<string, unknown>> =>
  errors.map((e) => ({ fields: e.fields.length ? e.fields : undefined, message: e.message, statusCode: e.statusCode }));

function saveResultXml(r: UpsertResult, withCreated: boolean): string {
  return toXml('result', {
    ...(withCreated ? { created: r.created } : {}),
    errors: r.success ? undefined : errorsXml(r.errors),
    fullName: r.fullName,
    success: r.success,
  });
}

/** A setup change refused while a deploy holds the org's administration lock (deploy.ts). */
const adminLocked = (fullName: string): UpsertResult => ({
  created: false,
  fullName,
  success: false,
  errors: [{ statusCode: 'ALREADY_IN_PROCESS', message: ADMIN_LOCKED_MESSAGE, fields: [] }],
});

const childrenNamed = (op: XmlNode, name: string): XmlNode[] => op.children.filter((c) => c.name === name);

/** Checks the operation element's own children against its WSDL sequence (names and order). */
function checkOperationShape(op: XmlNode, allowed: string[]): void {
  let pos = 0;
  for (const c of op.children) {
    if (c.ns !== MD_NS) throw clientFault(`Element {${c.ns}}${c.name} invalid at this location in type ${op.name}`);
    const idx = allowed.indexOf(c.name, pos);
    if (idx < 0) throw clientFault(`Element {${c.ns}}${c.name} invalid at this location in type ${op.name}`);
    pos = idx;
  }
}

function requireType(typeName: string): void {
  if (!isKnownComplexType(typeName) || !isMetadataType(typeName)) {
    throw clientFault(
      `simulator: metadata type '${typeName}' is not in test/sim/wsdl/metadata-types.json (add it to ROOT_TYPES in scripts/gen-wsdl-types.ts and regenerate)`,
    );
  }
}

function requireAccess(ctx: SimContext, type: string, access: 'read' | 'write', version: string): void {
  const fault = typeVersionFault(type, version) ?? ecaAccessFault(ctx.state, type, access);
  if (fault) throw fault;
}

/** A settings type's readMetadata: its one component, as this API version shows it; any other name is absent. */
function readSettings(ctx: SimContext, type: string, fullNames: string[], version: string): string | undefined {
  const settings = settingsOfType(type);
  if (!settings) return undefined;
  const records = fullNames.map((fullName) =>
    fullName === settings.name
      ? `<records xsi:type="${type}">${encodeComplexContent(asOfVersion(type, settings.def.read(ctx.state), version), type)}</records>`
      : '<records xsi:nil="true"/>',
  );
  return soapResponse('readMetadata', `<result>${records.join('')}</result>`);
}

function limitFault(n: number, max: number): SoapFault {
  return sfFault(
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${max} records in this operation (got ${n})`,
  );
}

export async function handleMetadataSoap(ctx: SimContext, xml: string, version: string): Promise<SimResponse> {
  try {
    return xmlResponse(200, await dispatch(ctx, xml, version));
  } catch (e) {
    if (e instanceof SoapFault) return xmlResponse(500, soapFaultXml(e));
    throw e;
  }
}

async function dispatch(ctx: SimContext, xml: string, version: string): Promise<string> {
  const req = parseEnvelope(xml);
  const { call, state } = ctx;
  call.operation = req.operation;
  if (req.ns !== MD_NS) throw clientFault(`No operation available for request {${req.ns}}${req.operation}`);
  if (req.sessionId !== ctx.accessToken) {
    throw sfFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  }
  if (!versionOk(version, state.settings.maxApiVersion)) {
    throw sfFault('UNSUPPORTED_API_VERSION', `Invalid Api version specified on URL: ${version}`);
  }
  // Every Metadata API call, reads included, needs Modify All Data or Modify Metadata (user-permissions.ts).
  if (!mayUseMetadataApi(state)) throw sfFault('INSUFFICIENT_ACCESS', METADATA_API_PERMISSION_MESSAGE);
  const op = req.body;
  const mode = CRUD[req.operation];

  if (mode && mode !== 'delete') {
    checkOperationShape(op, ['metadata']);
    const items = childrenNamed(op, 'metadata');
    call.write = true;
    if (items.length > MAX_CRUD_COMPONENTS) throw limitFault(items.length, MAX_CRUD_COMPONENTS);
    // Decode everything first: a schema violation anywhere faults the whole call before any write.
    const decoded = items.map((item) => {
      if (!item.xsiType)
        throw clientFault(
          `Element {${item.ns}}metadata: the abstract type Metadata needs an xsi:type naming the concrete metadata type`,
        );
      requireType(item.xsiType);
      requireAccess(ctx, item.xsiType, 'write', version);
      return { type: item.xsiType, record: decodeComplex(item, item.xsiType) };
    });
    call.type = [...new Set(decoded.map((d) => d.type))].join(',');
    call.fullNames = decoded.map((d) => String(d.record.fullName ?? ''));
    const results = decoded.map(({ type, record }) => {
      const fullName = typeof record.fullName === 'string' ? record.fullName : '';
      const injected = ctx.failures.take(req.operation, type, fullName);
      if (injected) return { created: false, fullName, success: false, errors: [injected] };
      if (ctx.deploys.running()) return adminLocked(fullName);
      if (settingsOfType(type))
        return {
          created: false,
          fullName,
          success: false,
          errors: [{ statusCode: 'INVALID_OPERATION', message: SETTINGS_BY_DEPLOY_MESSAGE, fields: [] }],
        };
      return state.metadata.write(mode, type, record);
    });
    return soapResponse(req.operation, results.map((r) => saveResultXml(r, mode === 'upsert')).join(''));
  }

  if (mode === 'delete' || req.operation === 'readMetadata') {
    checkOperationShape(op, ['type', 'fullNames']);
    const typeNode = childrenNamed(op, 'type');
    if (typeNode.length !== 1) throw clientFault(`Element {${MD_NS}}type is required in ${req.operation}`);
    const type = typeNode[0].text.trim();
    const fullNames = childrenNamed(op, 'fullNames').map((n) => n.text);
    call.type = type;
    call.fullNames = fullNames;
    call.write = mode === 'delete';
    if (fullNames.length > MAX_CRUD_COMPONENTS) throw limitFault(fullNames.length, MAX_CRUD_COMPONENTS);
    requireType(type);
    requireAccess(ctx, type, mode === 'delete' ? 'write' : 'read', version);
    const settings = mode === 'delete' ? undefined : readSettings(ctx, type, fullNames, version);
    if (settings) return settings;
    if (mode === 'delete') {
      const results = fullNames.map((fullName) => {
        const injected = ctx.failures.take(req.operation, type, fullName);
        if (injected) return { created: false, fullName, success: false, errors: [injected] };
        if (ctx.deploys.running()) return adminLocked(fullName);
        const refused = crudDeleteRefusal(type);
        if (refused) return { created: false, fullName, success: false, errors: [refused] };
        return state.metadata.delete(type, fullName);
      });
      return soapResponse(req.operation, results.map((r) => saveResultXml(r, false)).join(''));
    }
    const records = fullNames.map((fullName) => {
      const rec = state.metadata.read(type, fullName);
      return rec
        ? `<records xsi:type="${type}">${encodeComplexContent(rec, type)}</records>`
        : '<records xsi:nil="true"/>';
    });
    return soapResponse(req.operation, `<result>${records.join('')}</result>`);
  }

  if (req.operation === 'listMetadata') {
    checkOperationShape(op, ['queries', 'asOfVersion']);
    const queries = childrenNamed(op, 'queries').map((q) => ({
      type: q.children.find((c) => c.name === 'type')?.text.trim() ?? '',
      folder: q.children.find((c) => c.name === 'folder')?.text.trim(),
    }));
    call.type = queries.map((q) => q.type).join(',');
    if (queries.length > MAX_LIST_QUERIES) {
      throw sfFault(
        'EXCEEDED_ID_LIMIT',
        `listMetadata accepts at most ${MAX_LIST_QUERIES} queries per call (got ${queries.length})`,
      );
    }
    const out: string[] = [];
    for (const q of queries) {
      if (!q.type) throw clientFault(`Element {${MD_NS}}type is required in ListMetadataQuery`);
      requireType(q.type);
      requireAccess(ctx, q.type, 'read', version);
      const rules = state.metadata.rulesFor(q.type);
      for (const c of state.metadata.list(q.type)) {
        out.push(
          toXml('result', {
            createdById: c.createdById,
            createdByName: 'Admin User',
            createdDate: c.createdDate,
            fileName: `${rules.folder}/${c.fullName}.${rules.suffix}`,
            fullName: c.fullName,
            id: c.id,
            lastModifiedById: c.lastModifiedById,
            lastModifiedByName: 'Admin User',
            lastModifiedDate: c.lastModifiedDate,
            manageableState: 'unmanaged',
            type: q.type,
          }),
        );
      }
    }
    return soapResponse(req.operation, out.join(''));
  }

  if (req.operation === 'describeMetadata') {
    const types = Object.keys(WSDL.complexTypes).filter(
      (t) => isMetadataType(t) && t !== 'Metadata' && t !== 'MetadataWithContent',
    );
    const objects = types.map((t) => {
      const r = state.metadata.rulesFor(t);
      return { directoryName: r.folder, inFolder: false, metaFile: t === 'ApexPage', suffix: r.suffix, xmlName: t };
    });
    return soapResponse(
      req.operation,
      toXml('result', {
        metadataObjects: objects,
        organizationNamespace: '',
        partialSaveAllowed: true,
        testRequired: false,
      }),
    );
  }

  if (req.operation === 'deploy') {
    checkOperationShape(op, ['ZipFile', 'DeployOptions']);
    return deploy(ctx, op, version);
  }
  if (req.operation === 'checkDeployStatus') {
    checkOperationShape(op, ['asyncProcessId', 'includeDetails']);
    return checkDeployStatus(ctx, op);
  }
  if (req.operation === 'cancelDeploy') return cancelDeploy(ctx, op);

  throw clientFault(`simulator: Metadata API operation '${req.operation}' is not implemented`);
}

export const metadataRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/services\/Soap\/m\/(\d+\.\d+)$/,
    api: 'soap-metadata',
    operation: 'soap',
    auth: 'none', // the session is in the SOAP header, checked by the handler
    handle: (ctx, req) => handleMetadataSoap(ctx, req.body, req.params[0]),
  },
];
