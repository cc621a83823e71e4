/*
 * Validation of metadata received over SOAP against the WSDL-derived type table (wsdl/metadata-types.json), and
 * serialisation of stored records back to XML in WSDL order.
 *
 * Structural violations are whole-call SOAP faults, worded as Salesforce words them:
 *   unknown element, element out of sequence order, repeated element with maxOccurs 1
 *       -> "Element {http://soap.sforce.com/2006/04/metadata}foo invalid at this location in type AuthProvider"
 *   enum value not allowed -> "'Foo' is not a valid value for the enum 'AuthProviderType'"
 *   bad xsd:boolean/int/double/dateTime -> "'yes' is not a valid value for the type xsd:boolean"
 * Missing required elements (minOccurs 1) are reported per component by the store (REQUIRED_FIELD_MISSING).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { clientFault, escapeXml, MD_NS, parseXml, type XmlNode } from './soap.js';

export type WsdlElement = {
  name: string;
  type: string;
  minOccurs: number;
  maxOccurs: number | 'unbounded';
  nillable: boolean;
};
export type WsdlComplexType = { base?: string; elements: WsdlElement[] };
export type WsdlSimpleType = { base: string; enum?: string[] };
export type WsdlTypeTable = {
  source: string;
  version: string;
  namespace: string;
  complexTypes: Record<string, WsdlComplexType>;
  simpleTypes: Record<string, WsdlSimpleType>;
};

export type MetadataRecord = Record<string, unknown>;

const here = dirname(fileURLToPath(import.meta.url));
export const WSDL: WsdlTypeTable = JSON.parse(
  readFileSync(join(here, 'wsdl', 'metadata-types.json'), 'utf8'),
) as WsdlTypeTable;

export const isKnownComplexType = (t: string): boolean => t in WSDL.complexTypes;

export function complexType(t: string): WsdlComplexType {
  const ct = WSDL.complexTypes[t];
  if (!ct)
    throw new Error(
      `simulator: complexType ${t} is not in test/sim/wsdl/metadata-types.json (add it to scripts/gen-wsdl-types.ts ROOT_TYPES)`,
    );
  return ct;
}

/** true if t is, or extends, Metadata (a top-level metadata type usable in CRUD calls) */
export function isMetadataType(t: string): boolean {
  let cur: string | undefined = t;
  while (cur) {
    if (cur === 'Metadata') return true;
    cur = WSDL.complexTypes[cur]?.base;
  }
  return false;
}

const isRepeated = (el: WsdlElement): boolean => el.maxOccurs === 'unbounded' || el.maxOccurs > 1;
const local = (t: string): string => t.slice(t.indexOf(':') + 1);
const qname = (n: XmlNode): string => `{${n.ns}}${n.name}`;
const invalidAt = (n: XmlNode, typeName: string): Error =>
  clientFault(`Element ${qname(n)} invalid at this location in type ${typeName}`);
const badValue = (v: string, xsd: string): Error => clientFault(`'${v}' is not a valid value for the type ${xsd}`);

const INT = /^[+-]?\d+$/;
const DOUBLE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|-INF|NaN)$/;
const DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

function decodeXsd(raw: string, xsd: string): unknown {
  const v = raw.trim(); // every non-string XSD type collapses whitespace
  switch (xsd) {
    case 'xsd:string':
      return raw;
    case 'xsd:boolean':
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      throw badValue(raw, xsd);
    case 'xsd:int': {
      if (!INT.test(v)) throw badValue(raw, xsd);
      const n = Number(v);
      if (n < -2147483648 || n > 2147483647) throw badValue(raw, xsd);
      return n;
    }
    case 'xsd:long':
      if (!INT.test(v)) throw badValue(raw, xsd);
      return Number(v);
    case 'xsd:double':
      if (!DOUBLE.test(v)) throw badValue(raw, xsd);
      return v === 'INF' ? Infinity : v === '-INF' ? -Infinity : Number(v);
    case 'xsd:dateTime':
      if (!DATETIME.test(v)) throw badValue(raw, xsd);
      return v;
    case 'xsd:date':
      if (!DATE.test(v)) throw badValue(raw, xsd);
      return v;
    case 'xsd:time':
      if (!TIME.test(v)) throw badValue(raw, xsd);
      return v;
    case 'xsd:base64Binary':
      if (!BASE64.test(v)) throw badValue(raw, xsd);
      return v.replace(/\s+/g, '');
    case 'xsd:anyType':
      return raw;
    default:
      throw new Error(`simulator: unsupported XSD type ${xsd}`);
  }
}

function decodeValue(node: XmlNode, el: WsdlElement, parentType: string): unknown {
  if (node.nil) {
    if (!el.nillable) throw clientFault(`Element ${qname(node)} is not nillable in type ${parentType}`);
    if (node.children.length || node.text.trim()) throw clientFault(`Element ${qname(node)} is nil but has content`);
    return null;
  }
  if (el.type.startsWith('xsd:')) {
    if (node.children.length) throw invalidAt(node.children[0], el.type);
    return decodeXsd(node.text, el.type);
  }
  const t = local(el.type);
  const st = WSDL.simpleTypes[t];
  if (st) {
    if (node.children.length) throw invalidAt(node.children[0], t);
    if (st.enum) {
      if (!st.enum.includes(node.text)) throw clientFault(`'${node.text}' is not a valid value for the enum '${t}'`);
      return node.text;
    }
    return decodeXsd(node.text, st.base);
  }
  // complex: xsi:type may name a derived type
  let actual = t;
  if (node.xsiType && node.xsiType !== t) {
    if (!isKnownComplexType(node.xsiType) || !derivesFrom(node.xsiType, t)) {
      throw clientFault(`Invalid xsi:type '${node.xsiType}' for element ${qname(node)} of type ${t}`);
    }
    actual = node.xsiType;
  }
  return decodeComplex(node, actual);
}

function derivesFrom(t: string, base: string): boolean {
  let cur: string | undefined = t;
  while (cur) {
    if (cur === base) return true;
    cur = WSDL.complexTypes[cur]?.base;
  }
  return false;
}

/**
 * Decodes a complex element into typed JS: booleans, numbers, strings, null for xsi:nil, arrays for every element
 * whose maxOccurs > 1 (even with one occurrence), nested objects. Keys come out in WSDL order.
 * Throws a SoapFault on unknown elements, out-of-order or repeated elements, bad enum or primitive values.
 */
export function decodeComplex(node: XmlNode, typeName: string): MetadataRecord {
  const ct = complexType(typeName);
  if (node.mixed || (node.children.length === 0 && node.text.trim() !== '')) {
    throw clientFault(`Unexpected character data in element ${qname(node)} of type ${typeName}`);
  }
  const out: MetadataRecord = {};
  let pos = 0;
  let countAtPos = 0;
  for (const child of node.children) {
    if (child.ns !== MD_NS) throw invalidAt(child, typeName);
    let idx = -1;
    for (let i = pos; i < ct.elements.length; i++) {
      if (ct.elements[i].name === child.name) {
        idx = i;
        break;
      }
    }
    if (idx < 0) throw invalidAt(child, typeName);
    const el = ct.elements[idx];
    if (idx === pos && countAtPos > 0) {
      if (!isRepeated(el) || (typeof el.maxOccurs === 'number' && countAtPos >= el.maxOccurs))
        throw invalidAt(child, typeName);
      countAtPos++;
    } else {
      pos = idx;
      countAtPos = 1;
    }
    const value = decodeValue(child, el, typeName);
    if (isRepeated(el)) ((out[el.name] ??= []) as unknown[]).push(value);
    else out[el.name] = value;
  }
  return out;
}

export type MissingField = { name: string; path: string };

/** Required elements (minOccurs >= 1) absent from a decoded record, recursively, in WSDL order. */
export function missingRequired(record: MetadataRecord, typeName: string, prefix = ''): MissingField[] {
  const ct = complexType(typeName);
  const missing: MissingField[] = [];
  for (const el of ct.elements) {
    const v = record[el.name];
    const path = prefix ? `${prefix}.${el.name}` : el.name;
    if (el.minOccurs >= 1 && (v === undefined || (Array.isArray(v) && v.length < el.minOccurs))) {
      missing.push({ name: el.name, path });
      continue;
    }
    const t = local(el.type);
    if (v !== undefined && v !== null && el.type.startsWith('tns:') && isKnownComplexType(t)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item && typeof item === 'object') missing.push(...missingRequired(item as MetadataRecord, t, path));
      }
    }
  }
  return missing;
}

/** Re-orders a record's keys into WSDL order (recursively); unknown keys are a simulator bug and throw. */
export function orderRecord(record: MetadataRecord, typeName: string): MetadataRecord {
  const ct = complexType(typeName);
  const names = new Set(ct.elements.map((e) => e.name));
  for (const k of Object.keys(record)) {
    if (!names.has(k)) throw new Error(`simulator: ${k} is not an element of ${typeName}`);
  }
  const out: MetadataRecord = {};
  for (const el of ct.elements) {
    const v = record[el.name];
    if (v === undefined) continue;
    const t = local(el.type);
    if (el.type.startsWith('tns:') && isKnownComplexType(t) && v !== null) {
      out[el.name] = Array.isArray(v)
        ? v.map((i) => orderRecord(i as MetadataRecord, t))
        : orderRecord(v as MetadataRecord, t);
    } else out[el.name] = v;
  }
  return out;
}

function encodeScalar(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'INF' : v < 0 ? '-INF' : 'NaN';
  return escapeXml(String(v));
}

/** Serialises a stored record's elements (children only) in WSDL order. */
export function encodeComplexContent(record: MetadataRecord, typeName: string): string {
  const ct = complexType(typeName);
  let xml = '';
  for (const el of ct.elements) {
    const v = record[el.name];
    if (v === undefined) continue;
    const t = local(el.type);
    const complex = el.type.startsWith('tns:') && isKnownComplexType(t);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === null) xml += `<${el.name} xsi:nil="true"/>`;
      else if (complex) xml += `<${el.name}>${encodeComplexContent(item as MetadataRecord, t)}</${el.name}>`;
      else xml += `<${el.name}>${encodeScalar(item)}</${el.name}>`;
    }
  }
  return xml;
}

/**
 * Serialises typed JS the way jsforce does (object key order, arrays repeated, null as xsi:nil, String(value)), so
 * a seed goes through exactly the validation a write from jsforce would.
 */
export function jsforceStyleXml(name: string, value: unknown, attrs = ''): string {
  if (Array.isArray(value)) return value.map((v) => jsforceStyleXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"${attrs}></${name}>`;
  if (value !== undefined && typeof value === 'object') {
    return `<${name}${attrs}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => jsforceStyleXml(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}${attrs}>${escapeXml(String(value))}</${name}>`;
}

/** Parses a typed JS record as if jsforce had sent it as `<metadata xsi:type="type">`. */
export function decodeFromJs(typeName: string, record: MetadataRecord): MetadataRecord {
  const xml = `<metadata xmlns="${MD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${Object.entries(record)
    .map(([k, v]) => jsforceStyleXml(k, v))
    .join('')}</metadata>`;
  return decodeComplex(parseXml(xml), typeName);
}
