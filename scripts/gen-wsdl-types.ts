/*
 * Generates test/sim/wsdl/metadata-types.json from Salesforce's Metadata API WSDL.
 *
 *   npx tsx scripts/gen-wsdl-types.ts <path-to-wsdl>      (or METADATA_WSDL=<path-to-wsdl>)
 *
 * The WSDL is Salesforce's Metadata API WSDL, v66: Setup > API > Generate Metadata WSDL in any org, or
 * resources/metadata.wsdl of the public forcedotcom/wsdl repository.
 * The output is committed so tests on a fresh clone do not need the WSDL.
 *
 * For every complexType reachable from ROOT_TYPES it records the extension base and the full ordered
 * element list (inherited elements first, as XML Schema extension orders them), and every simpleType
 * reachable from them with its enumeration values. To cover a new metadata type, add it to ROOT_TYPES
 * and rerun.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** Metadata types the simulator validates (and everything reachable from them). */
export const ROOT_TYPES = [
  'AuthProvider',
  'NamedCredential',
  'ConnectedApp',
  'ExternalClientApplication',
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppOauthConfigurablePolicies',
  'ExtlClntAppConfigurablePolicies',
  'ExternalClientAppSettings',
  'CustomSite',
  'ApexPage',
  // deploy(): package.xml, the call's options and results
  'Package',
  'DeployOptions',
  'AsyncResult',
  'DeployResult',
  'CancelDeployResult',
];
/** Simple types needed by the simulator itself (result status codes). */
export const EXTRA_SIMPLE_TYPES = ['StatusCode'];

export type WsdlElement = {
  name: string;
  /** 'xsd:string' | 'xsd:boolean' | ... | 'tns:SomeType' */
  type: string;
  minOccurs: number;
  maxOccurs: number | 'unbounded';
  nillable: boolean;
};
export type WsdlComplexType = {
  /** extension base (without prefix), e.g. 'Metadata' */
  base?: string;
  /** full ordered element list, inherited elements first */
  elements: WsdlElement[];
};
export type WsdlSimpleType = { base: string; enum?: string[] };
export type WsdlTypeTable = {
  source: string;
  version: string;
  namespace: string;
  complexTypes: Record<string, WsdlComplexType>;
  simpleTypes: Record<string, WsdlSimpleType>;
};

type XNode = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const stripPrefix = (q: string): string => q.slice(q.indexOf(':') + 1);

type RawComplex = { base?: string; own: WsdlElement[] };

function parseWsdl(text: string): {
  version: string;
  namespace: string;
  complex: Map<string, RawComplex>;
  simple: Map<string, WsdlSimpleType>;
} {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ['xsd:complexType', 'xsd:simpleType', 'xsd:element', 'xsd:enumeration'].includes(name),
  });
  const doc = parser.parse(text) as XNode;
  const definitions = doc['definitions'] as XNode;
  const schema = (definitions['types'] as XNode)['xsd:schema'] as XNode;
  const namespace = String(schema['@_targetNamespace']);
  const versionMatch = /Metadata API version ([0-9.]+)/.exec(text.slice(0, 2000));
  const version = versionMatch ? versionMatch[1] : 'unknown';

  const toElement = (e: XNode): WsdlElement => {
    const max =
      e['@_maxOccurs'] === undefined ? 1 : e['@_maxOccurs'] === 'unbounded' ? 'unbounded' : Number(e['@_maxOccurs']);
    return {
      name: String(e['@_name']),
      type: String(e['@_type']),
      minOccurs: e['@_minOccurs'] === undefined ? 1 : Number(e['@_minOccurs']),
      maxOccurs: max,
      nillable: e['@_nillable'] === 'true',
    };
  };

  const complex = new Map<string, RawComplex>();
  for (const ct of asArray(schema['xsd:complexType'] as XNode[])) {
    const name = String(ct['@_name']);
    const content = ct['xsd:complexContent'] as XNode | undefined;
    if (content) {
      const ext = content['xsd:extension'] as XNode;
      const seq = (ext['xsd:sequence'] ?? {}) as XNode;
      complex.set(name, {
        base: stripPrefix(String(ext['@_base'])),
        own: asArray(seq['xsd:element'] as XNode[]).map(toElement),
      });
    } else {
      const seq = (ct['xsd:sequence'] ?? {}) as XNode;
      complex.set(name, { own: asArray(seq['xsd:element'] as XNode[]).map(toElement) });
    }
  }
  const simple = new Map<string, WsdlSimpleType>();
  for (const st of asArray(schema['xsd:simpleType'] as XNode[])) {
    const restriction = st['xsd:restriction'] as XNode;
    const values = asArray(restriction['xsd:enumeration'] as XNode[]).map((e) => String(e['@_value']));
    simple.set(String(st['@_name']), {
      base: String(restriction['@_base']),
      ...(values.length ? { enum: values } : {}),
    });
  }
  return { version, namespace, complex, simple };
}

export function buildTable(wsdlText: string, source: string): WsdlTypeTable {
  const { version, namespace, complex, simple } = parseWsdl(wsdlText);
  const complexTypes: Record<string, WsdlComplexType> = {};
  const simpleTypes: Record<string, WsdlSimpleType> = {};

  const fullElements = (name: string): WsdlElement[] => {
    const raw = complex.get(name);
    if (!raw) throw new Error(`complexType ${name} not in WSDL`);
    return [...(raw.base ? fullElements(raw.base) : []), ...raw.own];
  };

  const visitSimple = (name: string): void => {
    if (simpleTypes[name]) return;
    const st = simple.get(name);
    if (!st) throw new Error(`simpleType ${name} not in WSDL`);
    simpleTypes[name] = st;
  };
  const visitComplex = (name: string): void => {
    if (complexTypes[name]) return;
    const raw = complex.get(name);
    if (!raw) throw new Error(`complexType ${name} not in WSDL`);
    const elements = fullElements(name);
    complexTypes[name] = { ...(raw.base ? { base: raw.base } : {}), elements };
    if (raw.base) visitComplex(raw.base);
    for (const el of elements) {
      if (!el.type.startsWith('tns:')) continue;
      const t = stripPrefix(el.type);
      if (complex.has(t)) visitComplex(t);
      else visitSimple(t);
    }
  };
  for (const root of ROOT_TYPES) visitComplex(root);
  for (const s of EXTRA_SIMPLE_TYPES) visitSimple(s);

  const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  return { source, version, namespace, complexTypes: sortKeys(complexTypes), simpleTypes: sortKeys(simpleTypes) };
}

/** Compact but diff-friendly: one line per type. */
export function serializeTable(table: WsdlTypeTable): string {
  const section = (o: Record<string, unknown>): string =>
    '{\n' +
    Object.entries(o)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n') +
    '\n  }';
  return (
    '{\n' +
    `  "source": ${JSON.stringify(table.source)},\n` +
    `  "version": ${JSON.stringify(table.version)},\n` +
    `  "namespace": ${JSON.stringify(table.namespace)},\n` +
    `  "complexTypes": ${section(table.complexTypes)},\n` +
    `  "simpleTypes": ${section(table.simpleTypes)}\n` +
    '}\n'
  );
}

function main(): void {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const given = process.argv[2] ?? process.env.METADATA_WSDL;
  if (!given) throw new Error('Give the Metadata API WSDL: gen-wsdl-types.ts <path>, or METADATA_WSDL=<path>.');
  const wsdlPath = resolve(given);
  const out = resolve(repoRoot, 'test/sim/wsdl/metadata-types.json');
  const table = buildTable(
    readFileSync(wsdlPath, 'utf8'),
    'metadata-v66.wsdl (forcedotcom/wsdl resources/metadata.wsdl)',
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, serializeTable(table));
  process.stdout.write(
    `wrote ${out}: ${Object.keys(table.complexTypes).length} complexTypes, ${Object.keys(table.simpleTypes).length} simpleTypes (API ${table.version})\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
