import { Readable } from 'node:stream';
import type { Connection } from '@salesforce/core';
import type { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { Logger, Messages } from '@salesforce/core';
import { secretsIn } from '../model/fields.js';
import { redact, Secret } from '../model/secret.js';
import { asArray, unreadableAnswer } from './answers.js';
import type { CallPolicy } from './call-policy.js';
import { pollUntilDone } from './deploy-polling.js';
import { toWire } from './metadata-codec.js';
import { payloadFields } from './payload.js';
import type { CheckOutcome, DeployItem, DeployOptions, WriteOutcome } from './port.js';

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
  fullName?: string;
  problem?: string;
  problemType?: string;
  created?: boolean | string;
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

/**
 * The items as source-format files, `<directoryName>/<fullName>.<suffix>-meta.xml` as SDR's registry names them
 * (what a deploy sends and an export writes). The XML is metadataXml's: secrets revealed, so a caller that writes
 * files gives placeholders instead.
 */
export async function sourceFiles(items: readonly DeployItem[]): Promise<SourceFile[]> {
  const { RegistryAccess } = await import('@salesforce/source-deploy-retrieve');
  const registry = new RegistryAccess();
  return items.map((item) => {
    const { type, fullName } = item.component;
    const entry = registry.getTypeByName(type);
    return {
      type,
      fullName,
      path: `${entry.directoryName}/${fullName}.${entry.suffix ?? ''}-meta.xml`,
      xml: metadataXml(type, item),
    };
  });
}

/** What a label of the deployed components reads like in progress and errors: "ExternalClientApplication ECI_Connected_App, …". */
const describe = (items: readonly DeployItem[]): string =>
  items.map((i) => `${i.component.type} ${i.component.fullName}`).join(', ');

/**
 * The items as an SDR ComponentSet made in memory: one source file per component (metadataXml: the merged payload a
 * real write sends), in the folder and with the suffix SDR's registry names for its type. Shared by every use of
 * the plan as metadata (deploy, check-only deploy).
 */
export async function componentSetFor(items: readonly DeployItem[], apiVersion: string): Promise<ComponentSet> {
  const sdr = await import('@salesforce/source-deploy-retrieve');

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

/** Deploys the items in one deploy and answers each one's outcome, in the order given. */
export async function deployComponents(
  conn: Connection,
  policy: CallPolicy,
  items: readonly DeployItem[],
  options: DeployOptions = {},
): Promise<WriteOutcome[]> {
  if (items.length === 0) return [];
  const { status, secrets } = await runDeploy(conn, policy, items, options, false);
  return outcomes(items, status, secrets);
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
  const { status, secrets, deployId } = await runDeploy(conn, policy, items, options, true);
  return { deployId, outcomes: checkOutcomes(items, status, secrets) };
}

/**
 * Sends one deploy (check-only or not), then polls it until done. The request and each poll are calls of their own
 * under the fault policy (call-policy.ts): its words, retries, deadline and redaction; the request is never sent
 * twice, a poll is tried again on a passing fault. A deploy still running when the wait is over is an SfError with
 * its ID and how to look it up.
 */
async function runDeploy(
  conn: Connection,
  policy: CallPolicy,
  items: readonly DeployItem[],
  options: DeployOptions,
  checkOnly: boolean,
): Promise<{ status: DeployStatus; secrets: Secret[]; deployId: string }> {
  const session = conn.accessToken ? [new Secret(conn.accessToken)] : [];
  const secrets: Secret[] = [...items.flatMap((i) => secretsIn(i.component.fields)), ...session];
  const set = await componentSetFor(items, conn.getApiVersion());
  // SOAP (rest: false), all or nothing: a part refused leaves none of the others half-made.
  const apiOptions = { rollbackOnError: true, singlePackage: true, rest: false, ...(checkOnly ? { checkOnly } : {}) };
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
    onProgress: (s) => options.onStatus?.(progressLine(items, deployId, s, checkOnly)),
    ...(options.timeout ? { waitMs: options.timeout.milliseconds } : {}),
  });
  Logger.childFromRoot('eci-deploy').debug(`deploy ${deployId}: ${polled.polls} status polls, ${polled.polledMs} ms`);
  if (!polled.done) throw stillRunning(items, deployId, polled.polledMs, checkOnly, conn.getUsername() ?? '');
  return { status: polled.status, secrets, deployId };
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

function progressLine(items: readonly DeployItem[], deployId: string, s: DeployStatus, checkOnly: boolean): string {
  const progress = s.numberComponentsTotal
    ? `${String(s.numberComponentsDeployed ?? 0)}/${String(s.numberComponentsTotal)}`
    : String(s.status ?? '');
  return messages.getMessage(checkOnly ? 'deploy.CheckStatus' : 'deploy.Status', [describe(items), deployId, progress]);
}

function stillRunning(
  items: readonly DeployItem[],
  deployId: string,
  waitedMs: number,
  checkOnly: boolean,
  username: string,
): Error {
  return messages
    .createError(
      checkOnly ? 'error.CheckStillRunning' : 'error.DeployStillRunning',
      [describe(items), deployId, String(Math.round(waitedMs / 1000))],
      [deployId, username],
    )
    .setData({ deployId });
}

const same = (m: DeployMessage, item: DeployItem): boolean =>
  m.componentType === item.component.type && (m.fullName ?? '').toLowerCase() === item.component.fullName.toLowerCase();

/** Salesforce's problems with an item (its componentFailures), as one redacted message and the status code it opens with. */
function problemOf(
  failures: readonly DeployMessage[],
  item: DeployItem,
  secrets: readonly Secret[],
): { message: string; statusCode?: string } | undefined {
  const problems = failures.filter((f) => same(f, item));
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
    if (ok && succeeded) return { success: true, created: String(ok.created) === 'true' };
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
