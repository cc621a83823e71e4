import { Readable } from 'node:stream';
import type { Connection } from '@salesforce/core';
import type * as SourceDeployRetrieve from '@salesforce/source-deploy-retrieve';
import type { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Logger, Messages } from '@salesforce/core';
import { secretsIn } from '../model/fields.js';
import { redact, Secret } from '../model/secret.js';
import { asArray, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import { pollUntilDone } from './deploy-polling.js';
import { toWire } from './metadata-codec.js';
import { payloadFields } from './payload.js';
import { manifestType } from './platform-rules.js';
import type { CheckOutcome, DeleteOutcome, DeployItem, DeployOptions, DestroyItem, WriteOutcome } from './port.js';

export type { CheckOutcome, DeployItem, DeployOptions };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * One Metadata API deploy of components that the platform takes only by deploy (the External Client App family),
 * built and sent with @salesforce/source-deploy-retrieve (loaded here, lazily: only a command that deploys pays for
 * it). The components are source files made in memory (no zip or package.xml written by hand); SDR converts, zips and
 * sends them over SOAP with rollbackOnError, and the status is polled until done (deploy-polling.ts), each call
 * under the one fault policy. Every component's result is Salesforce's own: its problem for a failure, created or
 * changed for a success.
 */

const SOURCE_ROOT = 'eci-deploy/main/default';
const MD_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

type DeployMessage = {
  componentType?: string;
  /** The id of the component deployed (DeployMessage.id in the WSDL). */
  id?: string;
  fullName?: string;
  problem?: string;
  problemType?: string;
  created?: boolean | string;
  deleted?: boolean | string;
  success?: boolean | string;
};
type DeployStatus = {
  id?: string;
  status?: string;
  success?: boolean | string;
  done?: boolean | string;
  errorMessage?: string;
  errorStatusCode?: string;
  numberComponentsDeployed?: number | string;
  numberComponentsTotal?: number | string;
  details?: {
    componentFailures?: DeployMessage | DeployMessage[];
    componentSuccesses?: DeployMessage | DeployMessage[];
  };
};

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** One element per value, nested types as nested elements, in the order toWire gives (the WSDL's). */
function elements(wire: Record<string, unknown>, indent: string): string {
  return Object.entries(wire)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => element(name, v, indent)))
    .join('');
}

function element(name: string, value: unknown, indent: string): string {
  if (value !== null && typeof value === 'object')
    return `${indent}<${name}>\n${elements(value as Record<string, unknown>, `${indent}    `)}${indent}</${name}>\n`;
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** A component's metadata file (source format), without fullName: the file's name carries it. */
export function metadataXml(type: string, item: DeployItem): string {
  const { fullName, ...wire } = toWire(type, {
    fullName: item.component.fullName,
    ...payloadFields(type, item.component, item.current),
  });
  void fullName;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${type} xmlns="${MD_NAMESPACE}">\n${elements(wire, '    ')}</${type}>\n`;
}

/** A component as a source-format file: its path under a package's `main/default` folder and its XML. */
export type SourceFile = { type: string; fullName: string; path: string; xml: string };

/** The source deploy library (slow to load: loaded when first needed, or ahead of a deploy that may come). */
export const deployLibrary = (): Promise<typeof SourceDeployRetrieve> => import('@salesforce/source-deploy-retrieve');

/**
 * The items as source-format files, `<directoryName>/<fullName>.<suffix>-meta.xml` as SDR's registry names them
 * (what a deploy sends and an export writes). The XML is metadataXml's: secrets revealed, so a caller that writes
 * files gives placeholders instead.
 */
export async function sourceFiles(items: readonly DeployItem[]): Promise<SourceFile[]> {
  const { RegistryAccess } = await deployLibrary();
  const registry = new RegistryAccess();
  return items.map((item) => {
    const { type, fullName } = item.component;
    // An org settings type is filed as `Settings` (settings/<Name>.settings-meta.xml), its root element its own type.
    const entry = registry.getTypeByName(manifestType(type));
    return {
      type,
      fullName,
      path: `${entry.directoryName}/${fullName}.${entry.suffix ?? ''}-meta.xml`,
      xml: metadataXml(type, item),
    };
  });
}

/** What a label of the deployed components reads like in progress and errors: "ExternalClientApplication ECI_Connected_App, …". */
const describe = (items: readonly Named[]): string => items.map((i) => `${i.type} ${i.fullName}`).join(', ');

/**
 * The items as an SDR ComponentSet made in memory: one source file per component (metadataXml: the merged payload a
 * real write sends), in the folder and with the suffix SDR's registry names for its type. Shared by every use of
 * the plan as metadata (deploy, check-only deploy).
 */
export async function componentSetFor(items: readonly DeployItem[], apiVersion: string): Promise<ComponentSet> {
  const sdr = await deployLibrary();

  /** SDR's in-memory tree cannot stream a file (stream() is "not implemented"), which its converter needs. */
  class InMemoryTree extends sdr.VirtualTreeContainer {
    public override stream(fsPath: string): Readable {
      return Readable.from([this.readFileSync(fsPath)]);
    }
  }

  const folders = new Map<string, Array<{ name: string; data: Buffer }>>();
  for (const file of await sourceFiles(items)) {
    const [folder, name] = file.path.split('/');
    folders.set(folder, [...(folders.get(folder) ?? []), { name, data: Buffer.from(file.xml) }]);
  }
  const tree = new InMemoryTree([
    { dirPath: SOURCE_ROOT, children: [...folders.keys()] },
    ...[...folders].map(([folder, children]) => ({ dirPath: `${SOURCE_ROOT}/${folder}`, children })),
  ]);
  const set = sdr.ComponentSet.fromSource({ fsPaths: [SOURCE_ROOT], tree });
  set.apiVersion = apiVersion;
  return set;
}

/**
 * The items as a destructive-changes ComponentSet (SDR writes an empty package.xml and destructiveChangesPost.xml for
 * it): components named by type and name only, marked for deletion after the (empty) deploy.
 */
export async function destructiveSetFor(items: readonly DestroyItem[], apiVersion: string): Promise<ComponentSet> {
  const sdr = await deployLibrary();
  const registry = new sdr.RegistryAccess();
  const set = new sdr.ComponentSet([], registry);
  for (const item of items)
    set.add(
      new sdr.SourceComponent({ name: item.fullName, type: registry.getTypeByName(item.type) }),
      sdr.DestructiveChangesType.POST,
    );
  set.apiVersion = apiVersion;
  return set;
}

/** Deploys the items in one deploy and answers each one's outcome, in the order given. */
export async function deployComponents(
  conn: Connection,
  policy: CallPolicy,
  items: readonly DeployItem[],
  options: DeployOptions = {},
): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const secrets = secretsOf(conn, items);
  const set = await componentSetFor(items, conn.getApiVersion());
  const { status } = await runDeploy(conn, policy, set, {
    names: items.map(nameOf),
    secrets,
    options,
    checkOnly: false,
  });
  return outcomes(items, status, secrets);
}

/**
 * Deletes the items with ONE destructive-changes deploy (rollbackOnError: all or nothing). ignoreWarnings: a member
 * the org no longer has is only a warning ("No <type> named: <name> found"), which would otherwise fail the deploy;
 * that happens by design when an External Client App's parts are named beside the app that takes them with it.
 */
export async function destroyComponents(
  conn: Connection,
  policy: CallPolicy,
  items: readonly DestroyItem[],
  options: DeployOptions = {},
): Promise<DeleteOutcome[]> {
  if (items.length === 0) return [];
  const secrets = secretsOf(conn, []);
  const set = await destructiveSetFor(items, conn.getApiVersion());
  const { status } = await runDeploy(conn, policy, set, {
    names: items,
    secrets,
    options,
    checkOnly: false,
    ignoreWarnings: true,
  });
  return deleteOutcomes(items, status, secrets);
}

/**
 * A check-only deploy of the items (checkOnly, rollbackOnError): Salesforce validates every component, dependencies
 * inside the deploy included (a named credential on an auth provider the same deploy creates), and saves nothing.
 * Answers the deploy's ID and each item's outcome in Salesforce's words, in the order given.
 */
export async function checkComponents(
  conn: Connection,
  policy: CallPolicy,
  items: readonly DeployItem[],
  options: DeployOptions = {},
): Promise<{ deployId?: string; outcomes: CheckOutcome[] }> {
  if (items.length === 0) return { outcomes: [] };
  const secrets = secretsOf(conn, items);
  const set = await componentSetFor(items, conn.getApiVersion());
  const { status, deployId } = await runDeploy(conn, policy, set, {
    names: items.map(nameOf),
    secrets,
    options,
    checkOnly: true,
  });
  return { deployId, outcomes: checkOutcomes(items, status, secrets) };
}

/** What no message may show: the components' secrets and the session id every call carries. */
const secretsOf = (conn: Connection, items: readonly DeployItem[]): Secret[] => [
  ...items.flatMap((i) => secretsIn(i.component.fields)),
  ...(conn.accessToken ? [new Secret(conn.accessToken)] : []),
];

type DeployRun = {
  /** What the deploy carries, for progress and errors. */
  names: ReadonlyArray<{ type: string; fullName: string }>;
  /** Kept out of every message. */
  secrets: readonly Secret[];
  options: DeployOptions;
  checkOnly: boolean;
  ignoreWarnings?: boolean;
};

/**
 * Sends one deploy (check-only or not), then polls it until done. The request and each poll are calls of their own
 * under the fault policy (call-policy.ts): its words, retries, deadline and redaction; the request is never sent
 * twice, a poll is tried again on a passing fault. A deploy still running when the wait is over is an SfError with
 * its ID and how to look it up.
 */
async function runDeploy(
  conn: Connection,
  policy: CallPolicy,
  set: ComponentSet,
  run: DeployRun,
): Promise<{ status: DeployStatus; deployId: string }> {
  const { options, checkOnly, secrets } = run;
  // SOAP (rest: false), all or nothing: a part refused leaves none of the others half-made.
  const apiOptions = {
    rollbackOnError: true,
    singlePackage: true,
    rest: false,
    ...(checkOnly ? { checkOnly } : {}),
    ...(run.ignoreWarnings ? { ignoreWarnings: true } : {}),
  };
  const op = await policy.run(
    checkOnly ? 'check-only deploy' : 'deploy',
    checkOnly ? 'deploy (check only)' : 'deploy',
    () => set.deploy({ usernameOrConnection: conn, apiOptions }),
    { secrets, check: (sent) => deployIdOf(sent.id) },
  );
  const deployId = op.id!;
  const polled = await pollUntilDone<DeployStatus>({
    check: () =>
      policy.run(
        checkOnly ? 'check-only status' : 'deploy status',
        `checkDeployStatus ${deployId}`,
        async () => (await op.checkStatus()) as DeployStatus,
        { secrets, check: statusCheck(deployId) },
      ),
    done: (s) => String(s.done) === 'true',
    onProgress: (s) => options.onStatus?.(progressLine(run, deployId, s)),
    ...(options.timeout ? { waitMs: options.timeout.milliseconds } : {}),
  });
  Logger.childFromRoot('eci-deploy').debug(`deploy ${deployId}: ${polled.polls} status polls, ${polled.polledMs} ms`);
  if (!polled.done) throw stillRunning(run, deployId, polled.polledMs, conn.getUsername() ?? '');
  return { status: polled.status, deployId };
}

/** An answer to deploy() without a deploy ID was not understood: nothing can be polled. */
function deployIdOf(id: string | undefined): void {
  if (!id || typeof id !== 'string') throw unreadableAnswer('deploy', 'no deploy ID');
}

/**
 * A status poll answers the DeployResult of this deploy: its id and its status. jsforce makes an object with
 * `done: false` of any body it cannot find a result in (an HTML page with 200, an empty body), which must never be
 * taken for "still in progress": without the deploy's own id and a status, the answer was not understood.
 */
const statusCheck =
  (deployId: string) =>
  (status: DeployStatus | undefined): void => {
    const sameDeploy = typeof status?.id === 'string' && status.id.slice(0, 15) === deployId.slice(0, 15);
    if (!sameDeploy || typeof status?.status !== 'string' || status.done === undefined)
      throw unreadableAnswer(`checkDeployStatus ${deployId}`, 'no status of this deploy');
  };

function progressLine(run: DeployRun, deployId: string, s: DeployStatus): string {
  const progress = s.numberComponentsTotal
    ? `${String(s.numberComponentsDeployed ?? 0)}/${String(s.numberComponentsTotal)}`
    : String(s.status ?? '');
  return messages.getMessage(run.checkOnly ? 'deploy.CheckStatus' : 'deploy.Status', [
    describe(run.names),
    deployId,
    progress,
  ]);
}

function stillRunning(run: DeployRun, deployId: string, waitedMs: number, username: string): Error {
  return messages
    .createError(
      run.checkOnly ? 'error.CheckStillRunning' : 'error.DeployStillRunning',
      [describe(run.names), deployId, String(Math.round(waitedMs / 1000))],
      [deployId, username],
    )
    .setData({ deployId });
}

/** A component by type and name: a deploy's item, or a destructive deploy's. */
type Named = { type: string; fullName: string };
const nameOf = (item: DeployItem | DestroyItem): Named =>
  'component' in item ? { type: item.component.type, fullName: item.component.fullName } : item;

/** Whether a deploy message is of the item: its type (or, for org settings, `Settings`, as the manifest names it) and name. */
const same = (m: DeployMessage, item: DeployItem | DestroyItem): boolean =>
  (m.componentType === nameOf(item).type || m.componentType === manifestType(nameOf(item).type)) &&
  (m.fullName ?? '').toLowerCase() === nameOf(item).fullName.toLowerCase();

/** Salesforce's problems with an item (its componentFailures), as one redacted message and the status code it opens with. */
function problemOf(
  failures: readonly DeployMessage[],
  item: DeployItem | DestroyItem,
  secrets: readonly Secret[],
): { message: string; statusCode?: string } | undefined {
  const problems = failures.filter((f) => same(f, item) && f.problemType !== 'Warning');
  if (problems.length === 0) return undefined;
  const text = problems.map((p) => p.problem ?? p.problemType ?? 'unknown error').join(' ');
  const code = /^([A-Z][A-Z_]+):\s/.exec(text)?.[1];
  return { message: redact(text, secrets), ...(code ? { statusCode: code } : {}) };
}

/** Why a deploy failed as a whole, in Salesforce's words (redacted), or its status. */
const deployReason = (status: DeployStatus, secrets: readonly Secret[]): string =>
  status.errorMessage
    ? redact(`${status.errorStatusCode ? `${status.errorStatusCode}: ` : ''}${status.errorMessage}`, secrets)
    : String(status.status ?? '');

/** Each item's outcome from the deploy's details, in Salesforce's words. */
export function outcomes(
  items: readonly DeployItem[],
  status: DeployStatus,
  secrets: readonly Secret[] = [],
): WriteOutcome[] {
  const failures = asArray(status.details?.componentFailures);
  const successes = asArray(status.details?.componentSuccesses);
  const succeeded = String(status.success) === 'true';
  const failedNames = items
    .filter((i) => failures.some((f) => same(f, i)))
    .map((i) => `${i.component.type} ${i.component.fullName}`);
  return items.map((item): WriteOutcome => {
    const problem = problemOf(failures, item, secrets);
    if (problem) return { success: false, ...problem };
    const ok = successes.find((s) => same(s, item));
    if (ok && succeeded)
      return { success: true, created: String(ok.created) === 'true', ...(ok.id ? { id: String(ok.id) } : {}) };
    if (!succeeded && failedNames.length > 0)
      return {
        success: false,
        notSaved: true,
        message: messages.getMessage('deploy.RolledBack', [failedNames.join(', ')]),
      };
    return {
      success: false,
      message: messages.getMessage('deploy.Failed', [deployReason(status, secrets)]),
      ...(status.errorStatusCode ? { statusCode: status.errorStatusCode } : {}),
    };
  });
}

/**
 * Each item's outcome of a check-only deploy: refused with Salesforce's problem when a failure names it, accepted when
 * a success names it, else not validated with the deploy's own reason (a deploy that failed as a whole).
 */
export function checkOutcomes(
  items: readonly DeployItem[],
  status: DeployStatus,
  secrets: readonly Secret[] = [],
): CheckOutcome[] {
  const failures = asArray(status.details?.componentFailures);
  const successes = asArray(status.details?.componentSuccesses);
  const reason = deployReason(status, secrets);
  return items.map((item): CheckOutcome => {
    const problem = problemOf(failures, item, secrets);
    if (problem) return { status: 'refused', ...problem };
    if (successes.some((s) => same(s, item) && String(s.success ?? 'true') !== 'false')) return { status: 'accepted' };
    return { status: 'not-validated', message: messages.getMessage('deploy.CheckNoAnswer', [reason]) };
  });
}

/** The item a destructive deploy's "No <type> named: <name> found" warning names (SDR reads it the same way). */
const notFound = (m: DeployMessage, item: DestroyItem): boolean =>
  m.problemType === 'Warning' &&
  m.componentType === item.type &&
  (/^No \S+ named: (.*) found$/.exec(m.problem ?? '')?.[1] ?? '').toLowerCase() === item.fullName.toLowerCase();

/**
 * Each item's outcome of a destructive deploy: deleted when a message names it deleted; gone when a warning says the
 * org no longer had it (taken with its app, or removed meanwhile); else refused with Salesforce's problem, or not done
 * with the deploy's reason. A real org's lists for warnings are not documented: both are searched.
 */
export function deleteOutcomes(
  items: readonly DestroyItem[],
  status: DeployStatus,
  secrets: readonly Secret[] = [],
): DeleteOutcome[] {
  const failures = asArray(status.details?.componentFailures);
  const all = [...asArray(status.details?.componentSuccesses), ...failures];
  const succeeded = String(status.success) === 'true';
  return items.map((item): DeleteOutcome => {
    if (succeeded && all.some((m) => same(m, item) && String(m.deleted) === 'true'))
      return { success: true, gone: false };
    if (succeeded && all.some((m) => notFound(m, item))) return { success: true, gone: true };
    const problem = problemOf(failures, item, secrets);
    if (problem) return { success: false, ...problem };
    return {
      success: false,
      message: messages.getMessage('deploy.Failed', [deployReason(status, secrets)]),
      ...(status.errorStatusCode ? { statusCode: status.errorStatusCode } : {}),
    };
  });
}
