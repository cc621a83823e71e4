/*
 * The Metadata API's deploy(), checkDeployStatus() and cancelDeploy() (SOAP, as the WSDL defines them).
 *
 *  - deploy(ZipFile base64, DeployOptions) answers an AsyncResult at once: { done: false, id, state: Queued }. The zip
 *    holds package.xml (at its root or in one top-level folder) and files in Metadata API format,
 *    `<directoryName>/<fullName>.<suffix>` as SDR's registry names them (the rules' folder and suffix).
 *  - checkDeployStatus(asyncProcessId, includeDetails): the first poll answers InProgress (done false); the next one
 *    runs the deploy and answers Succeeded, SucceededPartial or Failed (done true), and so on after. Nothing changes in
 *    the org before that second poll: a caller that never polls never deploys.
 *  - Each member named in package.xml is one component: its file is parsed and validated against the WSDL exactly like
 *    a CRUD body (names, order, enums, types, required fields), then written as an upsert with the type's rules
 *    (via 'deploy'). Problems are component failures (DeployMessage problem/problemType), never faults: "Error parsing
 *    file: …" for a schema violation, the rule's message otherwise, "An object 'X' of type T was named in
 *    package.xml, but was not found in zipped directory", "No package.xml found". Files not named in package.xml are
 *    not deployed. Components are deployed in dependency order (headers before parts, auth providers before named
 *    credentials). details.componentSuccesses lists package.xml first, as Salesforce does.
 *  - rollbackOnError true, or absent (the API's documented default is false, but production orgs force true: the
 *    simulator takes the stricter all-or-nothing): any failure saves nothing, status Failed. rollbackOnError false
 *    saves the good components: status SucceededPartial. checkOnly validates everything and saves nothing.
 *  - DeployOptions: element names and xsd types are checked, not their order nor presence (SDR sends
 *    rollbackOnError, ignoreWarnings, checkOnly, singlePackage in that order, and jsforce sends none, to real orgs).
 *  - cancelDeploy takes its id in the WSDL's element `String` (jsforce 3 sends `<id>`, which the WSDL does not name:
 *    refused). A deploy cancelled before it ran ends Canceled with nothing saved.
 *  - Settings (`Settings` members, e.g. `ExternalClientApp` in settings/ExternalClientApp.settings, root element the WSDL
 *    type ExternalClientAppSettings) change the fields the file names (rules/settings.ts); they are answered with
 *    componentType Settings, as package.xml names them.
 *  - The deploy speaks package.xml's <version> (the URL's when absent): a type or field introduced later is a
 *    component failure (version-floors.ts).
 *  - A new External Client App is provisioned after the deploy ends (objects/external-client-app.ts).
 *  - org.failNext({ operation: 'deploy', type, fullName }) fails one component.
 *  - No problem text ever carries a secret value found in the zip (consumerSecret, password …): replaced by '********'.
 *  - Destructive manifests (destructiveChanges*.xml) delete components before or after the package's: destructive.ts.
 *  - External Client Apps: a deploy that changes an app the org has must carry it whole (rules/external-client-app.ts).
 *  - A deploy running (made, not yet run by its completing poll, and asked about within ABANDONED_DEPLOY_LOCK_MS) holds
 *    the org's administration lock: a CRUD write of metadata meanwhile is refused per component, ALREADY_IN_PROCESS
 *    (Salesforce documents the lock and its words for deploys, not a CRUD call's status code: the stricter reading).
 */
import JSZip from 'jszip';
import type { MetadataStore } from './metadata-store.js';
import { clientFault, MD_NS, parseXml, sfFault, SoapFault, soapResponse, type XmlNode } from './soap.js';
import type { SimContext } from './server.js';
import type { SimState } from './types.js';
import {
  appOf,
  completeApps,
  ECA_HEADER_TYPE,
  ECA_TYPE_UNAVAILABLE_MESSAGE,
  isEcaType,
  partialAppProblems,
  type AppMember,
} from './rules/external-client-app.js';
import { DESTRUCTIVE_AFTER, DESTRUCTIVE_BEFORE, destroy, type Destroyed, destructiveMembers } from './destructive.js';
import { complexType, decodeComplex, encodeComplexContent, missingRequired, type MetadataRecord } from './validate.js';
import type { FailureQueue } from './failures.js';
import { markNewApp } from './objects/external-client-app.js';
import { SETTINGS, SETTINGS_FOLDER, SETTINGS_SUFFIX } from './rules/settings.js';
import { fieldsTooNew, typeKnownIn, typeTooNewMessage } from './version-floors.js';

/** Headers before parts, providers before what names them. Other registered types follow in name order. */
export const DEPLOY_ORDER = [
  'AuthProvider',
  'ExternalClientApplication',
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
  'ConnectedApp',
  'NamedCredential',
  'CustomSite',
];

export const NO_PACKAGE_XML = 'No package.xml found';
export const notInZip = (type: string, name: string): string =>
  `An object '${name}' of type ${type} was named in package.xml, but was not found in zipped directory`;

type DeployOptions = { checkOnly: boolean; rollbackOnError: boolean; ignoreWarnings: boolean };
type DeployMessage = MetadataRecord;

type DeployJob = {
  id: string;
  /** The API version of the deploy call's URL. */
  version: string;
  createdBy: string;
  options: DeployOptions;
  createdDate: string;
  polls: number;
  /** When the job was made or last polled (this machine's clock): how long an abandoned deploy still holds the lock. */
  touchedAt: number;
  /** zip entries by path (text), or why the zip could not be read */
  files?: Map<string, string>;
  zipError?: string;
  canceled?: boolean;
  result?: MetadataRecord;
};

/**
 * How long a deploy still running holds the org's administration lock after its caller last asked about it: a caller
 * that went away (Ctrl-C) leaves a deploy the org finishes on its own, a small one within about this.
 */
export const ABANDONED_DEPLOY_LOCK_MS = 1000;

/** The words of a setup change refused while a deploy runs (Salesforce knowledge article 000232368). */
export const ADMIN_LOCKED_MESSAGE =
  "Admin operation already in progress: the changes you requested require to temporarily lock your organization's administration setup. However, the administration setup has already been locked by another change. Please wait for the previous action to finish, then try again later.";

/** The deploys of one org, by id. */
export class DeployJobs {
  private readonly jobs = new Map<string, DeployJob>();
  /** Whether a deploy is running: it holds the org's administration lock (a CRUD write of metadata is refused). */
  public running(now = Date.now()): boolean {
    return [...this.jobs.values()].some(
      (j) => !j.result && !j.canceled && now - j.touchedAt < ABANDONED_DEPLOY_LOCK_MS,
    );
  }
  public add(job: DeployJob): void {
    this.jobs.set(job.id, job);
  }
  public get(id: string): DeployJob | undefined {
    return this.jobs.get(id.slice(0, 15)) ?? [...this.jobs.values()].find((j) => j.id.slice(0, 15) === id.slice(0, 15));
  }
}

const child = (op: XmlNode, name: string): XmlNode | undefined => op.children.find((c) => c.name === name);

/** DeployOptions decoded by name (any order, any subset), types checked against the WSDL. */
function decodeOptions(node: XmlNode | undefined): DeployOptions {
  if (!node) throw clientFault(`Element {${MD_NS}}DeployOptions is required in deploy`);
  const names = complexType('DeployOptions').elements.map((e) => e.name);
  const rank = (n: XmlNode): number => (names.includes(n.name) ? names.indexOf(n.name) : -1);
  const unknown = node.children.find((c) => rank(c) < 0 || c.ns !== MD_NS);
  if (unknown)
    throw clientFault(`Element {${unknown.ns}}${unknown.name} invalid at this location in type DeployOptions`);
  const sorted = { ...node, children: [...node.children].sort((a, b) => rank(a) - rank(b)) };
  const o = decodeComplex(sorted, 'DeployOptions');
  return {
    checkOnly: o.checkOnly === true,
    rollbackOnError: o.rollbackOnError !== false,
    ignoreWarnings: o.ignoreWarnings === true,
  };
}

async function readZip(base64: string): Promise<{ files?: Map<string, string>; zipError?: string }> {
  try {
    const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
    const files = new Map<string, string>();
    for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('string'));
    return { files };
  } catch (e) {
    return { zipError: `The deploy zip file could not be read: ${(e as Error).message}` };
  }
}

export async function deploy(ctx: SimContext, op: XmlNode, version: string): Promise<string> {
  const zipNode = child(op, 'ZipFile');
  if (!zipNode) throw clientFault(`Element {${MD_NS}}ZipFile is required in deploy`);
  const base64 = zipNode.text.trim();
  if (!/^[A-Za-z0-9+/=\s]*$/.test(base64))
    throw clientFault(`'${base64.slice(0, 20)}…' is not a valid value for the type xsd:base64Binary`);
  const options = decodeOptions(child(op, 'DeployOptions'));
  const job: DeployJob = {
    id: ctx.state.ids.next('0Af'),
    version,
    createdBy: ctx.state.userId,
    options,
    createdDate: ctx.state.now(),
    polls: 0,
    touchedAt: Date.now(),
    ...(await readZip(base64)),
  };
  ctx.deploys.add(job);
  ctx.call.write = !options.checkOnly;
  const members = job.files ? packageMembers(job.files) : [];
  ctx.call.type = [...new Set(members.map((m) => m.type))].join(',');
  ctx.call.fullNames = members.map((m) => m.name);
  if (job.files) {
    const { root } = findPackage(job.files);
    const deletes = destructiveMembers(job.files, root, [...DESTRUCTIVE_BEFORE, ...DESTRUCTIVE_AFTER]).members;
    if (deletes.length) ctx.call.deletes = deletes.map((m) => `${m.type} ${m.name}`);
  }
  return soapResponse(
    'deploy',
    `<result>${encodeComplexContent({ done: false, id: job.id, state: 'Queued' }, 'AsyncResult')}</result>`,
  );
}

export function checkDeployStatus(ctx: SimContext, op: XmlNode): string {
  const idNode = child(op, 'asyncProcessId');
  if (!idNode) throw clientFault(`Element {${MD_NS}}asyncProcessId is required in checkDeployStatus`);
  const detailsNode = child(op, 'includeDetails');
  const details = detailsNode?.text.trim() ?? 'false';
  if (!['true', 'false', '1', '0'].includes(details))
    throw clientFault(`'${details}' is not a valid value for the type xsd:boolean`);
  const withDetails = details === 'true' || details === '1';
  const job = ctx.deploys.get(idNode.text.trim());
  if (!job) throw sfFault('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  ctx.call.fullNames = [job.id];
  job.polls++;
  job.touchedAt = Date.now();
  if (job.polls === 1 && !job.canceled)
    return soapResponse(
      'checkDeployStatus',
      `<result>${encodeComplexContent(resultOf(job, inProgress(job), withDetails), 'DeployResult')}</result>`,
    );
  job.result ??= job.canceled ? canceled(job) : runDeploy(ctx.state, ctx.failures, job);
  return soapResponse(
    'checkDeployStatus',
    `<result>${encodeComplexContent(resultOf(job, job.result, withDetails), 'DeployResult')}</result>`,
  );
}

export function cancelDeploy(ctx: SimContext, op: XmlNode): string {
  const bad = op.children.find((c) => c.name !== 'String' || c.ns !== MD_NS);
  if (bad) throw clientFault(`Element {${bad.ns}}${bad.name} invalid at this location in type cancelDeploy`);
  const idNode = child(op, 'String');
  if (!idNode) throw clientFault(`Element {${MD_NS}}String is required in cancelDeploy`);
  const job = ctx.deploys.get(idNode.text.trim());
  if (!job) throw sfFault('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  ctx.call.fullNames = [job.id];
  if (!job.result) job.canceled = true;
  return soapResponse(
    'cancelDeploy',
    `<result>${encodeComplexContent({ done: true, id: job.id }, 'CancelDeployResult')}</result>`,
  );
}

/* ---------- the result records (typed JS, serialised in WSDL order by encodeComplexContent) ---------- */

type Outcome = {
  status: string;
  success: boolean;
  done: boolean;
  successes: DeployMessage[];
  failures: DeployMessage[];
  total: number;
  /** Component errors (warnings are listed among the failures but not counted); default: every failure. */
  errors?: number;
  errorMessage?: string;
  errorStatusCode?: string;
};

const inProgress = (job: DeployJob): Outcome => ({
  status: 'InProgress',
  success: false,
  done: false,
  successes: [],
  failures: [],
  total: job.files ? packageMembers(job.files).length : 0,
});

const canceled = (job: DeployJob): MetadataRecord =>
  resultRecord(job, { status: 'Canceled', success: false, done: true, successes: [], failures: [], total: 0 });

function resultRecord(job: DeployJob, o: Outcome): MetadataRecord {
  const componentSuccesses = o.successes.filter(
    (m) => m.fileName !== 'package.xml' && !String(m.fileName).endsWith('/package.xml'),
  );
  return {
    checkOnly: job.options.checkOnly,
    ...(o.done ? { completedDate: new Date().toISOString() } : {}),
    createdBy: job.createdBy,
    createdByName: 'Admin User',
    createdDate: job.createdDate,
    details: { componentFailures: o.failures, componentSuccesses: o.successes },
    done: o.done,
    ...(o.errorMessage ? { errorMessage: o.errorMessage, errorStatusCode: o.errorStatusCode } : {}),
    id: job.id,
    ignoreWarnings: job.options.ignoreWarnings,
    lastModifiedDate: new Date().toISOString(),
    numberComponentErrors: o.errors ?? o.failures.length,
    numberComponentsDeployed: componentSuccesses.length,
    numberComponentsTotal: o.total,
    numberTestErrors: 0,
    numberTestsCompleted: 0,
    numberTestsTotal: 0,
    rollbackOnError: job.options.rollbackOnError,
    runTestsEnabled: false,
    startDate: job.createdDate,
    status: o.status,
    success: o.success,
  };
}

/** The record to answer; without includeDetails the details carry nothing. */
function resultOf(job: DeployJob, r: Outcome | MetadataRecord, withDetails: boolean): MetadataRecord {
  const record = 'successes' in r ? resultRecord(job, r as Outcome) : structuredClone(r);
  if (!withDetails) record.details = {};
  return record;
}

/* ---------- running a deploy ---------- */

type Member = { type: string; name: string };

/** The package root ('' or 'folder/') and package.xml's text. */
function findPackage(files: Map<string, string>): { root: string; xml?: string } {
  if (files.has('package.xml')) return { root: '', xml: files.get('package.xml') };
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/') + 1) : '')));
  if (tops.size === 1) {
    const root = [...tops][0];
    if (root && files.has(`${root}package.xml`)) return { root, xml: files.get(`${root}package.xml`) };
  }
  return { root: '' };
}

/** package.xml's members, for the calls log (no validation). */
function packageMembers(files: Map<string, string>): Member[] {
  try {
    const { xml } = findPackage(files);
    if (!xml) return [];
    const pkg = decodeComplex(parseXml(xml), 'Package');
    return ((pkg.types ?? []) as MetadataRecord[]).flatMap((t) =>
      ((t.members ?? []) as string[]).map((name) => ({ type: String(t.name), name })),
    );
  } catch {
    return [];
  }
}

const message = (
  fileName: string,
  fullName: string,
  componentType: string | undefined,
  extra: MetadataRecord,
): DeployMessage => ({
  changed: false,
  ...(componentType !== undefined ? { componentType } : {}),
  created: false,
  createdDate: new Date().toISOString(),
  deleted: false,
  fileName,
  fullName,
  ...extra,
});
const failure = (
  fileName: string,
  fullName: string,
  componentType: string | undefined,
  problem: string,
): DeployMessage => message(fileName, fullName, componentType, { problem, problemType: 'Error', success: false });

/** Values of secret-looking elements anywhere in the zip. */
function secretsIn(files: Map<string, string>, store: MetadataStore): string[] {
  const names = new Set(
    store.registeredTypes().flatMap((t) => (store.rulesFor(t).secretFields ?? []).map((f) => f.split('.').pop()!)),
  );
  const out: string[] = [];
  for (const text of files.values()) {
    for (const m of text.matchAll(/<([A-Za-z]+)>([^<]+)<\/\1>/g))
      if (names.has(m[1]) && m[2].trim().length >= 4) out.push(m[2].trim());
  }
  return out;
}
const scrub = (text: string, secrets: string[]): string => secrets.reduce((t, s) => t.split(s).join('********'), text);

function parsePackage(xml: string): { members: Member[]; version?: string; problem?: string } {
  let pkg: MetadataRecord;
  try {
    const node = parseXml(xml);
    if (node.name !== 'Package' || node.ns !== MD_NS)
      return { members: [], problem: `Error parsing file: the root element must be {${MD_NS}}Package` };
    pkg = decodeComplex(node, 'Package');
  } catch (e) {
    if (e instanceof SoapFault) return { members: [], problem: `Error parsing file: ${e.faultstring}` };
    throw e;
  }
  const missing = missingRequired(pkg, 'Package');
  if (missing.length)
    return { members: [], problem: `Error parsing file: Required field is missing: ${missing[0].path}` };
  return {
    members: ((pkg.types ?? []) as MetadataRecord[]).flatMap((t) =>
      ((t.members ?? []) as string[]).map((name) => ({ type: String(t.name), name })),
    ),
    version: typeof pkg.version === 'string' ? pkg.version : undefined,
  };
}

/**
 * Deploys one settings component (a `Settings` member): its file's root element must be its WSDL type, and every
 * field it names must exist in the deploy's version. Answers the problem, or undefined when it was written.
 */
function deploySettings(
  state: SimState,
  files: Map<string, string>,
  fileName: string,
  name: string,
  version: string,
): string | undefined {
  const def = SETTINGS[name];
  if (!def)
    return `Unknown settings component '${name}' (simulator: known settings are ${Object.keys(SETTINGS).join(', ')})`;
  let record: MetadataRecord;
  try {
    const node = parseXml(files.get(fileName)!);
    if (node.name !== def.type || node.ns !== MD_NS)
      throw clientFault(`the root element must be {${MD_NS}}${def.type}, not {${node.ns}}${node.name}`);
    record = decodeComplex(node, def.type);
  } catch (e) {
    if (!(e instanceof SoapFault)) throw e;
    return `Error parsing file: ${e.faultstring}`;
  }
  if (!typeKnownIn(def.type, version)) return typeTooNewMessage(def.type, version);
  const tooNew = fieldsTooNew(def.type, record, version);
  if (tooNew.length)
    return `Error parsing file: Element {${MD_NS}}${tooNew[0]} invalid at this location in type ${def.type} (API version ${version})`;
  def.write(state, record);
  return undefined;
}

function runDeploy(state: SimState, failures: FailureQueue, job: DeployJob): MetadataRecord {
  if (!job.files) {
    return resultRecord(job, {
      status: 'Failed',
      success: false,
      done: true,
      successes: [],
      failures: [],
      total: 0,
      errorMessage: job.zipError,
      errorStatusCode: 'UNKNOWN_EXCEPTION',
    });
  }
  const files = job.files;
  const store = state.metadata;
  const secrets = secretsIn(files, store);
  const { root, xml } = findPackage(files);
  const successes: DeployMessage[] = [];
  const fails: DeployMessage[] = [];
  const fail = (fileName: string, fullName: string, type: string | undefined, problem: string): void => {
    fails.push(failure(fileName, fullName, type, scrub(problem, secrets)));
  };
  if (xml === undefined) {
    fail('package.xml', 'package.xml', undefined, NO_PACKAGE_XML);
    return resultRecord(job, { status: 'Failed', success: false, done: true, successes, failures: fails, total: 0 });
  }
  const pkgFile = `${root}package.xml`;
  const pkg = parsePackage(xml);
  if (pkg.problem) {
    fail(pkgFile, 'package.xml', undefined, pkg.problem);
    return resultRecord(job, { status: 'Failed', success: false, done: true, successes, failures: fails, total: 0 });
  }
  successes.push(message(pkgFile, 'package.xml', '', { changed: true, success: true }));

  // Members, wildcards expanded, in deploy order.
  const registered = new Set(store.registeredTypes());
  const components: DeployMember[] = [];
  const version = pkg.version ?? job.version;
  const settings: Array<Member & { fileName: string }> = [];
  for (const m of pkg.members) {
    if (m.type === 'Settings') {
      const fileName = `${root}${SETTINGS_FOLDER}/${m.name}.${SETTINGS_SUFFIX}`;
      if (!files.has(fileName)) fail(pkgFile, m.name, m.type, notInZip(m.type, m.name));
      else settings.push({ ...m, fileName });
      continue;
    }
    if (registered.has(m.type) && !typeKnownIn(m.type, version)) {
      fail(pkgFile, m.name, m.type, typeTooNewMessage(m.type, version));
      continue;
    }
    if (!registered.has(m.type)) {
      fail(
        pkgFile,
        m.name,
        m.type,
        `Unknown type name '${m.type}' specified in package.xml (simulator: deployable types are ${[...registered].sort().join(', ')})`,
      );
      continue;
    }
    const rules = store.rulesFor(m.type);
    const dir = `${root}${rules.folder}/`;
    if (m.name === '*') {
      for (const path of files.keys()) {
        if (path.startsWith(dir) && path.endsWith(`.${rules.suffix}`) && !path.slice(dir.length).includes('/')) {
          components.push({ type: m.type, name: path.slice(dir.length, -rules.suffix.length - 1), fileName: path });
        }
      }
      continue;
    }
    const fileName = `${dir}${m.name}.${rules.suffix}`;
    if (!files.has(fileName)) fail(pkgFile, m.name, m.type, notInZip(m.type, m.name));
    else components.push({ ...m, fileName });
  }
  const before = destructiveMembers(files, root, DESTRUCTIVE_BEFORE);
  const after = destructiveMembers(files, root, DESTRUCTIVE_AFTER);
  for (const p of [...before.problems, ...after.problems]) fail(p.file, p.file, undefined, p.problem);
  const total = components.length + settings.length + fails.length + before.members.length + after.members.length;
  const rank = (t: string): number => (DEPLOY_ORDER.includes(t) ? DEPLOY_ORDER.indexOf(t) : DEPLOY_ORDER.length);
  components.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));

  const snapshot = {
    metadata: store.snapshot(),
    records: state.records.snapshot(),
    settings: structuredClone(state.settings),
  };
  const destroyed: Destroyed[] = [destroy(state, before.members)];
  const partial = partialAppProblems(state, appMembers(components, files));
  for (const c of settings) {
    const problem = deploySettings(state, files, c.fileName, c.name, version);
    if (problem) fail(c.fileName, c.name, c.type, problem);
    else successes.push(message(c.fileName, c.name, c.type, { changed: true, success: true }));
  }
  const touchedApps = new Map<string, boolean>();
  for (const c of components) {
    const problem = componentProblem(state, failures, c, files, partial);
    if (typeof problem === 'string') {
      fail(c.fileName, c.name, c.type, problem);
      continue;
    }
    const r = store.write('upsert', c.type, { ...problem.record, fullName: c.name }, 'deploy');
    if (!r.success) {
      for (const e of r.errors) fail(c.fileName, c.name, c.type, e.message);
      continue;
    }
    const stored = store.get(c.type, c.name)!;
    successes.push(
      message(c.fileName, stored.fullName, c.type, {
        changed: !r.created,
        created: r.created,
        id: stored.id,
        success: true,
      }),
    );
    if (isEcaType(c.type)) {
      const app = c.type === ECA_HEADER_TYPE ? stored.fullName : String(stored.record.externalClientApplication);
      touchedApps.set(app, (touchedApps.get(app) ?? false) || (c.type === ECA_HEADER_TYPE && r.created));
    }
  }
  completeApps(
    state,
    [...touchedApps].map(([app, created]) => ({ app, created })),
  );
  for (const [app, created] of touchedApps) if (created) markNewApp(state, app);
  destroyed.push(destroy(state, after.members));
  for (const d of destroyed) {
    successes.push(...d.successes);
    for (const e of d.errors) fail(String(e.fileName), String(e.fullName), String(e.componentType), String(e.problem));
  }
  const warnings = destroyed.flatMap((d) => d.warnings);
  const blocking = fails.length > 0 || (warnings.length > 0 && !job.options.ignoreWarnings);

  const ok = successes.length - 1;
  const rollback = job.options.checkOnly || (blocking && job.options.rollbackOnError);
  if (rollback) {
    store.restore(snapshot.metadata);
    state.records.restore(snapshot.records);
    state.settings = snapshot.settings;
  }
  const status = !blocking
    ? 'Succeeded'
    : !job.options.rollbackOnError && ok > 0 && !job.options.checkOnly
      ? 'SucceededPartial'
      : 'Failed';
  const failed = [...fails, ...warnings];
  return resultRecord(job, {
    status,
    success: !blocking,
    done: true,
    successes,
    failures: failed,
    total,
    errors: fails.length,
  });
}

type DeployMember = Member & { fileName: string; member?: AppMember };

/** The External Client App components of the deploy, each with its app (read from its file), for the whole-app rule. */
function appMembers(components: DeployMember[], files: Map<string, string>): AppMember[] {
  const out: AppMember[] = [];
  for (const c of components) {
    if (!isEcaType(c.type)) continue;
    const app = appOf(c.type, c.name, files.get(c.fileName) ?? '');
    if (app) out.push((c.member = { type: c.type, name: c.name, app }));
  }
  return out;
}

/** Why a component cannot be written (its problem), or its record as parsed and validated against the WSDL. */
function componentProblem(
  state: SimState,
  failures: FailureQueue,
  c: DeployMember,
  files: Map<string, string>,
  partial: ReadonlyMap<AppMember, string>,
): string | { record: MetadataRecord } {
  if (isEcaType(c.type) && state.settings.externalClientAppsEnabled === false)
    return `INVALID_TYPE: ${ECA_TYPE_UNAVAILABLE_MESSAGE}: ${c.type}`;
  const whole = c.member && partial.get(c.member);
  if (whole) return whole;
  const injected = failures.take('deploy', c.type, c.name);
  if (injected) return injected.message;
  try {
    const node = parseXml(files.get(c.fileName)!);
    if (node.name !== c.type || node.ns !== MD_NS)
      throw clientFault(`the root element must be {${MD_NS}}${c.type}, not {${node.ns}}${node.name}`);
    return { record: decodeComplex(node, c.type) };
  } catch (e) {
    if (!(e instanceof SoapFault)) throw e;
    return `Error parsing file: ${e.faultstring}`;
  }
}
