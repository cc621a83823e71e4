/*
 * The destructive changes of a deploy (Metadata API Developer Guide, "Deleting Components from an Organization"):
 *  - the zip holds destructiveChangesPre.xml, destructiveChanges.xml or destructiveChangesPost.xml beside package.xml,
 *    in package.xml's format without wildcards ("wildcards aren't supported"); Pre (and the plain one, as the API did
 *    before version 33) is applied before the package's components, Post after them;
 *  - each member is deleted with its type's rules (validateDelete), so what the CRUD call refuses is refused here too;
 *    a member the org does not have is a warning, "No <type> named: <name> found" (problemType Warning, the
 *    shape SDR parses: fullName and fileName the manifest's name), and "the rest of the deletions will be attempted";
 *  - DeployOptions.ignoreWarnings false (the default): a deploy with a warning does not complete successfully
 *    ("Indicates whether a deployment is allowed to complete successfully despite one or more warnings");
 *  - External Client Apps: the header is deleted before its parts (which it takes with it); a part alone while its app
 *    stays is refused (rules/external-client-app.ts). The simulator lists warnings among componentFailures (success
 *    false, problemType Warning): where a real org lists them is not documented, so a client must look in both lists.
 */
import { clientFault, MD_NS, parseXml, SoapFault } from './soap.js';
import type { SimState } from './types.js';
import { decodeComplex, type MetadataRecord } from './validate.js';
import { ECA_HEADER_TYPE, partDeleteRefusal } from './rules/external-client-app.js';

export const DESTRUCTIVE_BEFORE = ['destructiveChangesPre.xml', 'destructiveChanges.xml'];
export const DESTRUCTIVE_AFTER = ['destructiveChangesPost.xml'];

export type DestructiveMember = { type: string; name: string; manifest: string };

export const notFoundWarning = (type: string, name: string): string => `No ${type} named: ${name} found`;

/** What deleting the members gave: a message per member (successes, errors, warnings). */
export type Destroyed = { successes: MetadataRecord[]; errors: MetadataRecord[]; warnings: MetadataRecord[] };

const message = (m: DestructiveMember, extra: MetadataRecord): MetadataRecord => ({
  changed: false,
  componentType: m.type,
  created: false,
  createdDate: new Date().toISOString(),
  deleted: false,
  fileName: m.manifest,
  fullName: m.name,
  ...extra,
});

/** Headers first (they take their parts with them), then the rest in the manifest's order. */
const order = (members: readonly DestructiveMember[]): DestructiveMember[] => [
  ...members.filter((m) => m.type === ECA_HEADER_TYPE),
  ...members.filter((m) => m.type !== ECA_HEADER_TYPE),
];

/** Deletes the members of one phase (before or after the package's components), each with its type's rules. */
export function destroy(state: SimState, members: readonly DestructiveMember[]): Destroyed {
  const out: Destroyed = { successes: [], errors: [], warnings: [] };
  const apps = new Set(members.filter((m) => m.type === ECA_HEADER_TYPE).map((m) => m.name.toLowerCase()));
  for (const m of order(members)) {
    if (!state.metadata.get(m.type, m.name)) {
      out.warnings.push(
        message(m, {
          fullName: m.manifest,
          problem: notFoundWarning(m.type, m.name),
          problemType: 'Warning',
          success: false,
        }),
      );
      continue;
    }
    const refused = partDeleteRefusal(state, m.type, m.name, apps);
    const r = refused ? { success: false, errors: [refused] } : state.metadata.delete(m.type, m.name);
    if (r.success) out.successes.push(message(m, { deleted: true, success: true }));
    else
      for (const e of r.errors)
        out.errors.push(message(m, { problem: e.message, problemType: 'Error', success: false }));
  }
  return out;
}

/** The members of the destructive manifests of one phase, and the problem of each manifest that cannot be read. */
export function destructiveMembers(
  files: Map<string, string>,
  root: string,
  names: readonly string[],
): { members: DestructiveMember[]; problems: Array<{ file: string; problem: string }> } {
  const members: DestructiveMember[] = [];
  const problems: Array<{ file: string; problem: string }> = [];
  for (const manifest of names) {
    const xml = files.get(`${root}${manifest}`);
    if (xml === undefined) continue;
    try {
      const node = parseXml(xml);
      if (node.name !== 'Package' || node.ns !== MD_NS) throw clientFault(`the root element must be {${MD_NS}}Package`);
      const pkg = decodeComplex(node, 'Package');
      for (const t of (pkg.types ?? []) as MetadataRecord[])
        for (const name of (t.members ?? []) as string[]) {
          if (name === '*') problems.push({ file: manifest, problem: `Wildcards aren't supported in ${manifest}` });
          else members.push({ type: String(t.name), name, manifest });
        }
    } catch (e) {
      if (!(e instanceof SoapFault)) throw e;
      problems.push({ file: manifest, problem: `Error parsing file: ${e.faultstring}` });
    }
  }
  return { members, problems };
}
