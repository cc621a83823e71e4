import { access, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Messages, type Org } from '@salesforce/core';
import { isFields, secretsIn } from '../model/fields.js';
import { Secret } from '../model/secret.js';
import type { ComponentResult, FieldValue, Fields, MetadataComponent, PlanItem } from '../model/component.js';
import type { PlanCollector } from '../engine/plan-collector.js';
import { itemsToSend } from '../engine/whole-apps.js';
import { isSecretSafeUrl } from '../model/secure-url.js';
import { sourceFiles } from '../org/deploy.js';
import type { OrgFacts } from '../org/port.js';
import { OfflineOrg } from '../org/offline-org.js';
import type { StepContext } from '../steps/step.js';
import { guideDetails } from '../steps/index.js';
import type { StepReport } from '../steps/run-steps.js';
import type { RunTarget } from './run/mode.js';
import { exportedPayload, orgCredentials, placeholderFor } from './export-secrets.js';
import { finishingCommands, writePhases, type ExportPhase, type PhasedFile } from './export-phases.js';
import { exportGuide } from './export-guide.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');

/**
 * `--output-dir`: the metadata a plan would create or update (an External Client App whole, as a run deploys it),
 * written as a Salesforce DX project in source format (the files SDR's registry names, the same XML a deploy sends),
 * for a team's own pipeline (`sf project deploy start`), in phases (export-phases.ts) with manifests and a README that
 * say how. No credential is ever written (export-secrets.ts): each holds a placeholder that a `replacements` entry of
 * sfdx-project.json fills from an environment variable at deploy time. Records (users, permission-set assignments) are
 * not metadata: they are listed with the command that makes them.
 */

/** One entry of sfdx-project.json `replacements` (Salesforce DX Developer Guide, "Replace Strings in Code Before Deploying"). */
export type ReplacementEntry = {
  filename: string;
  stringToReplace: string;
  replaceWithEnv: string;
};

/** `unchanged`: written because its External Client App deploys whole (a part of it changes). */
export type ExportedFile = { type: string; fullName: string; action: 'create' | 'update' | 'unchanged'; path: string };

/** A record the plan would make, which a deploy of metadata cannot: what it is and the command that makes it. */
export type ExportedRecord = { type: string; name: string; label: string; command: string };

/** A value written for the org the export was planned against (My Domain, a username): change it for another org. */
export type OrgSpecificValue = { path: string; field: string; value: string };

export type ExportResult = {
  /** The project's root (absolute). */
  outputDir: string;
  /** Whether this run created the project (sfdx-project.json); false when it wrote into an existing one. */
  projectCreated: boolean;
  /** The package directory the files went to, relative to the project's root. */
  packageDirectory: string;
  /** The files written, relative to the project's root. */
  files: ExportedFile[];
  /** The replacements this export needs (in sfdx-project.json, merged with the project's own). */
  replacements: ReplacementEntry[];
  /** The environment variables a deploy of the project needs, one per secret kind. */
  environment: string[];
  /** How to deploy it: one phase, or two when the org makes the ECI app's key and secret on the first. */
  phases: ExportPhase[];
  /** The plugin commands that finish the second phase instead of its deploy (they read the key and secret). */
  finish: string[];
  /** The project's README on deploying it, relative to its root. */
  readme: string;
  records: ExportedRecord[];
  orgSpecific: OrgSpecificValue[];
  /** Whether the plan was also applied to the org (--deploy). */
  deployed: boolean;
};

/** The export's target, resolved (and checked) before anything is read or written. */
export type ExportTarget = {
  root: string;
  projectFile: string;
  /** The parsed sfdx-project.json of an existing project. */
  project?: ProjectJson;
  packageDirectory: string;
};

type ProjectJson = {
  packageDirectories?: Array<{ path: string; default?: boolean }>;
  replacements?: unknown[];
  [key: string]: unknown;
};

const PROJECT_FILE = 'sfdx-project.json';
const NEW_PACKAGE_DIRECTORY = 'force-app';
const SOURCE_SUBFOLDER = 'main/default';

/**
 * Where the export goes: an existing project (its default package directory), or a new project at `dir`. Checked
 * before the org is read: a file in the way, an sfdx-project.json that does not parse or has no package directory.
 */
export async function resolveExportTarget(dir: string): Promise<ExportTarget> {
  const root = resolve(dir);
  const kind = await stat(root).catch(() => undefined);
  if (kind && !kind.isDirectory()) throw messages.createError('error.NotADirectory', [root]);
  const projectFile = join(root, PROJECT_FILE);
  const text = await readFile(projectFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw messages.createError('error.ProjectUnreadable', [projectFile, e.message]);
  });
  if (text === undefined) return { root, projectFile, packageDirectory: NEW_PACKAGE_DIRECTORY };
  let project: ProjectJson;
  try {
    project = JSON.parse(text) as ProjectJson;
  } catch (error) {
    throw messages.createError('error.ProjectUnreadable', [projectFile, (error as Error).message]);
  }
  const dirs = Array.isArray(project.packageDirectories) ? project.packageDirectories : [];
  const chosen = dirs.find((d) => d?.default === true) ?? dirs[0];
  if (!chosen || typeof chosen.path !== 'string' || !chosen.path.trim())
    throw messages.createError('error.NoPackageDirectory', [projectFile]);
  const packageDirectory = chosen.path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (isAbsolute(packageDirectory) || relative(root, resolve(root, packageDirectory)).startsWith('..'))
    throw messages.createError('error.NoPackageDirectory', [projectFile]);
  if (project.replacements !== undefined && !Array.isArray(project.replacements))
    throw messages.createError('error.ProjectUnreadable', [projectFile, '"replacements" is not an array']);
  return { root, projectFile, project, packageDirectory };
}

/** The values in a file that belong to the org it was planned against: its My Domain, the usernames it names. */
function orgSpecificValues(
  path: string,
  fields: Fields,
  facts: OrgFacts,
  usernames: readonly string[],
): OrgSpecificValue[] {
  const host = facts.myDomainUrl ? new URL(facts.myDomainUrl).host.toLowerCase() : undefined;
  const names = new Set(usernames.map((u) => u.toLowerCase()));
  const out: OrgSpecificValue[] = [];
  const walk = (value: FieldValue, field: string): void => {
    if (value instanceof Secret) return;
    if (Array.isArray(value)) value.forEach((v) => walk(v, field));
    else if (isFields(value)) Object.entries(value).forEach(([k, v]) => walk(v, field ? `${field}.${k}` : k));
    else if (typeof value === 'string') {
      const lower = value.toLowerCase();
      if ((host && lower.includes(host)) || names.has(lower)) out.push({ path, field, value });
    }
  };
  walk(fields, '');
  return out;
}

/** The command that makes a record the export cannot: the step command that plans it, or `sf org assign permset`. */
function recordCommand(stepId: string | undefined, result: ComponentResult): string {
  if (result.type === 'User') return `sf eci ringcentral integration-user --username ${result.name} --email <email>`;
  if (stepId === 'guest-user-permissions') return 'sf eci ringcentral guest-permissions';
  const [set, assignee] = result.name.split(' → ');
  return assignee
    ? `sf org assign permset --name ${set} --on-behalf-of ${assignee}`
    : `sf eci ringcentral ${stepId ?? 'configure'}`;
}

const RECORD_TYPES = new Set(['User', 'PermissionSetAssignment']);

/** The usernames the exported files may name (the site contact, the record owner): org-specific in an export. */
export function exportUsernames(reports: readonly StepReport[]): string[] {
  const site = guideDetails(reports, 'voice-connector-site');
  return [site?.siteContact, site?.recordOwner].filter((u): u is string => typeof u === 'string' && u.length > 0);
}

/** The records among a run's results that would be made: listed, since a metadata deploy cannot make them. */
export function exportedRecords(
  steps: ReadonlyArray<{ id?: string; components: readonly ComponentResult[] }>,
): ExportedRecord[] {
  return steps.flatMap((step) =>
    step.components
      .filter((c) => RECORD_TYPES.has(c.type) && c.action !== 'unchanged')
      .map((c) => ({ type: c.type, name: c.name, label: c.label, command: recordCommand(step.id, c) })),
  );
}

/** Merges our entries into the project's: an entry for the same file and string is never added twice; theirs stay. */
function mergeReplacements(existing: readonly unknown[], ours: readonly ReplacementEntry[]): unknown[] {
  const same = (e: unknown, r: ReplacementEntry): boolean =>
    typeof e === 'object' &&
    e !== null &&
    (e as { filename?: unknown }).filename === r.filename &&
    (e as { stringToReplace?: unknown }).stringToReplace === r.stringToReplace;
  return [...existing, ...ours.filter((r) => !existing.some((e) => same(e, r)))];
}

const toPosix = (p: string): string => p.split(sep).join('/');

type ExportItem = PlanItem & { component: MetadataComponent; action: 'create' | 'update' | 'unchanged' };

/**
 * Writes the collected plan as source files into the target, its phases' manifests, its README and sfdx-project.json
 * with the replacements. A file of the same component elsewhere in the package directory is overwritten where it is (no
 * duplicate component).
 */
export async function writeExport(
  target: ExportTarget,
  collector: PlanCollector,
  options: {
    facts: OrgFacts;
    records: ExportedRecord[];
    apiVersion: string;
    deployed: boolean;
    /** Usernames the files may name (the site contact, the record owner): listed as org-specific. */
    usernames?: readonly string[];
  },
): Promise<ExportResult> {
  const items = itemsToSend(collector.items).filter((i): i is ExportItem => i.component.kind === 'metadata');
  const usernames = [options.facts.username, ...(options.usernames ?? [])].filter(Boolean);
  const { written, orgSpecific } = await writeSourceFiles(target, items, (path, fields) =>
    orgSpecificValues(path, fields, options.facts, usernames),
  );
  const replacements = written.flatMap((f) =>
    f.environment.map((envVar) => ({
      filename: f.path,
      stringToReplace: placeholderFor(envVar),
      replaceWithEnv: envVar,
    })),
  );
  const externalClientApp = collector.items.some(
    (i) => i.component.kind === 'metadata' && i.component.type === 'ExternalClientApplication',
  );
  const phases = await writePhases(target.root, written, { externalClientApp, apiVersion: options.apiVersion });
  await writeProject(target, replacements, options.apiVersion);
  const result: ExportResult = {
    outputDir: target.root,
    projectCreated: target.project === undefined,
    packageDirectory: target.packageDirectory,
    files: written.map(({ type, fullName, action, path }) => ({ type, fullName, action, path })),
    replacements,
    environment: [...new Set(replacements.map((r) => r.replaceWithEnv))],
    phases,
    finish: finishingCommands(phases, written),
    readme: target.project === undefined ? 'README.md' : 'README-eci-ringcentral.md',
    records: options.records,
    orgSpecific,
    deployed: options.deployed,
  };
  await writeFile(join(target.root, result.readme), exportGuide(result, 'readme').join('\n'), 'utf8');
  return result;
}

/**
 * Each item as its source file (credentials as placeholders), where the project already has it or under the package
 * directory's main/default; answers the files written and the org-specific values `specific` finds in each.
 */
async function writeSourceFiles(
  target: ExportTarget,
  items: readonly ExportItem[],
  specific: (path: string, fields: Fields) => OrgSpecificValue[],
): Promise<{ written: Array<ExportedFile & PhasedFile>; orgSpecific: OrgSpecificValue[] }> {
  const prepared = items.map((item) => ({ item, ...exportedPayload(item.component, item.current, item.action) }));
  const files = await sourceFiles(
    prepared.map(({ item, fields }) => ({ component: { ...item.component, fields }, current: { exists: false } })),
  );
  refuseLeaks(files, items);
  const existing = target.project ? await existingSourcePaths(target) : new Map<string, string>();
  const written: Array<ExportedFile & PhasedFile> = [];
  const orgSpecific: OrgSpecificValue[] = [];
  for (const [i, file] of files.entries()) {
    const { item, used, fields } = prepared[i];
    const path =
      existing.get(`${file.type}:${file.fullName}`) ?? `${target.packageDirectory}/${SOURCE_SUBFOLDER}/${file.path}`;
    await mkdir(dirname(join(target.root, path)), { recursive: true });
    await writeFile(join(target.root, path), file.xml, 'utf8');
    const authProvider = typeof fields.authProvider === 'string' ? { authProvider: fields.authProvider } : {};
    written.push({
      type: file.type,
      fullName: file.fullName,
      action: item.action,
      path,
      environment: used,
      ...authProvider,
    });
    orgSpecific.push(...specific(path, fields));
  }
  return { written, orgSpecific };
}

/** Belt and braces: no secret the plan holds, and no credential the org holds, may be in any file. */
function refuseLeaks(
  files: ReadonlyArray<{ type: string; fullName: string; xml: string }>,
  items: readonly ExportItem[],
): void {
  const values = [
    ...items.flatMap((item) => secretsIn(item.component.fields).map((s) => s.reveal())),
    ...items.flatMap((item) => orgCredentials(item.component, item.current)),
  ].filter((v) => v.length >= 4);
  const leaking = files.find((f) => values.some((v) => f.xml.includes(v)));
  if (leaking) throw messages.createError('error.SecretInFile', [leaking.type, leaking.fullName]);
}

/** sfdx-project.json: the project's own, with the export's replacements merged in; a new one for a new project. */
async function writeProject(
  target: ExportTarget,
  replacements: readonly ReplacementEntry[],
  apiVersion: string,
): Promise<void> {
  const project: ProjectJson = target.project ?? {
    packageDirectories: [{ path: NEW_PACKAGE_DIRECTORY, default: true }],
    name: 'eci-ringcentral',
    namespace: '',
    sfdcLoginUrl: 'https://login.salesforce.com',
    sourceApiVersion: apiVersion,
  };
  const merged = mergeReplacements(project.replacements ?? [], replacements);
  if (merged.length > 0 || project.replacements !== undefined) project.replacements = merged;
  await mkdir(target.root, { recursive: true });
  await writeFile(target.projectFile, `${JSON.stringify(project, null, 2)}\n`, 'utf8');
}

/** Where an existing project already has the guide's components (type:fullName → path from the project's root). */
async function existingSourcePaths(target: ExportTarget): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const dirs = (target.project?.packageDirectories ?? [])
    .map((d) => join(target.root, d.path))
    .filter((d) => !relative(target.root, d).startsWith('..'));
  const present: string[] = [];
  for (const d of dirs)
    if (
      await access(d).then(
        () => true,
        () => false,
      )
    )
      present.push(d);
  if (present.length === 0) return out;
  const { ComponentSet } = await import('@salesforce/source-deploy-retrieve');
  for (const c of ComponentSet.fromSource(present).getSourceComponents()) {
    if (c.xml) out.set(`${c.type.name}:${c.fullName}`, toPosix(relative(target.root, c.xml)));
  }
  return out;
}

/** The human lines of an export: the files, then how to deploy them (the README's words), records, org-specific values. */
export function renderExport(result: ExportResult): string[] {
  const lines = [
    messages.getMessage(result.projectCreated ? 'heading.Created' : 'heading.Existing', [
      result.outputDir,
      result.files.length,
    ]),
    ...result.files.map((f) => `  ${f.path}`),
  ];
  if (result.files.length === 0) lines.push(`  ${messages.getMessage('info.NothingToWrite')}`);
  return [...lines, '', ...exportGuide(result, 'terminal')];
}

/** The steps whose components are records: without an org they are not planned, only listed with their commands. */
export const RECORD_STEPS: readonly string[] = ['integration-user', 'guest-user-permissions'];

/**
 * The context of an export without an org: planned as against an empty org whose My Domain and user are the given
 * ones (cli/export.ts's OfflineOrg). A dry run by definition: it writes nothing anywhere but the files.
 */
export function offlineStepContext(myDomain: string, siteContact: string, apiVersion: string): StepContext {
  let url: URL | undefined;
  try {
    url = new URL(myDomain);
  } catch {
    url = undefined;
  }
  // https, or the loopback of a local stand-in (model/secure-url.ts, the rule every URL that gets a secret follows).
  if (!url || !isSecretSafeUrl(myDomain) || url.pathname.replace(/\/+$/, '') !== '' || url.search)
    throw messages.createError('error.BadMyDomain', [myDomain]);
  const facts: OrgFacts = { orgId: '', myDomainUrl: url.origin, userId: '', username: siteContact };
  return {
    org: new OfflineOrg(facts, apiVersion),
    facts,
    dryRun: true,
    handoff: {},
    requireSecret: () => Promise.reject(messages.createError('error.OfflineWrite')),
  };
}

/** The API version of an export without an org (the WSDL's). */
const OFFLINE_API_VERSION = '66.0';

/**
 * The org a run of the guide plans against: the target org, or none with --output-dir, --my-domain and --site-contact
 * (a pipeline's export, planned as against an empty org). Checked before anything is read.
 */
export function guideRunTarget(flags: {
  'target-org'?: Org;
  'api-version'?: string;
  'output-dir'?: string;
  'my-domain'?: string;
  'site-contact'?: string;
  deploy?: boolean;
}): RunTarget {
  const org = flags['target-org'];
  if (org) {
    if (flags['my-domain'] !== undefined) throw messages.createError('error.MyDomainWithOrg');
    return { kind: 'org', org, apiVersion: flags['api-version'] };
  }
  if (!flags['output-dir'] || !flags['my-domain'] || !flags['site-contact'] || flags.deploy)
    throw messages.createError('error.NoTargetOrg');
  return {
    kind: 'offline',
    myDomain: flags['my-domain'],
    siteContact: flags['site-contact'],
    apiVersion: flags['api-version'] ?? OFFLINE_API_VERSION,
  };
}

/** The records an export without an org lists in place of the steps that make them. */
export function offlineRecords(integration?: { username: string; email?: string }): ExportedRecord[] {
  return [
    ...(integration
      ? [
          {
            type: 'User',
            name: integration.username,
            label: 'integration user and its permission sets',
            command: `sf eci ringcentral integration-user --username ${integration.username} --email ${integration.email ?? '<email>'}`,
          },
        ]
      : []),
    {
      type: 'PermissionSetAssignment',
      name: 'VoiceConnector Site Guest User',
      label: 'the guest user permission sets',
      command: 'sf eci ringcentral guest-permissions',
    },
  ];
}
