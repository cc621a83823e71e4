/*
 * SOAP envelope parsing and serialising for the simulated Metadata API.
 *
 * Requests are parsed into an ordered, namespace-resolved tree (XmlNode) so the validator can check element order
 * and namespaces exactly. Responses are written the way Salesforce writes them: default namespace
 * http://soap.sforce.com/2006/04/metadata on the envelope, unprefixed elements, xsi:type on records, xsi:nil for
 * empty records, faults as HTTP 500 with faultcode/faultstring.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAPENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const MD_NS = 'http://soap.sforce.com/2006/04/metadata';

/** A whole-call failure, answered as a SOAP fault (HTTP 500). */
export class SoapFault extends Error {
  public constructor(
    public readonly faultcode: string,
    public readonly faultstring: string,
  ) {
    super(`${faultcode}: ${faultstring}`);
    this.name = 'SoapFault';
  }
}

/** Client fault as Salesforce raises it for schema violations (faultcode soapenv:Client). */
export const clientFault = (message: string): SoapFault => new SoapFault('soapenv:Client', message);
/** Salesforce API fault such as sf:INVALID_SESSION_ID; faultstring is "CODE: message" as Salesforce writes it. */
export const sfFault = (code: string, message: string): SoapFault => new SoapFault(`sf:${code}`, `${code}: ${message}`);

export type XmlNode = {
  /** local name */
  name: string;
  /** resolved namespace URI ('' when none) */
  ns: string;
  /** raw attributes as written (qualified names), xmlns declarations excluded */
  attrs: Record<string, string>;
  /** element children in document order */
  children: XmlNode[];
  /** concatenated character data (text and CDATA) */
  text: string;
  /** true when a non-whitespace text node sits beside child elements (mixed content) */
  mixed: boolean;
  /** xsi:nil="true" */
  nil: boolean;
  /** local part of xsi:type, when present */
  xsiType?: string;
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
});

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type RawNode = Record<string, unknown>;

function convert(raw: RawNode, scope: Record<string, string>): XmlNode | undefined {
  const tag = Object.keys(raw).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag === '#cdata') return undefined;
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, string>;
  const nsScope = { ...scope };
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') nsScope[''] = decodeEntities(v);
    else if (k.startsWith('xmlns:')) nsScope[k.slice(6)] = decodeEntities(v);
    else attrs[k] = decodeEntities(v);
  }
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const name = colon >= 0 ? tag.slice(colon + 1) : tag;
  if (prefix && !(prefix in nsScope))
    throw clientFault(`The namespace prefix "${prefix}" for element "${tag}" is not bound.`);
  const node: XmlNode = { name, ns: nsScope[prefix] ?? '', attrs, children: [], text: '', mixed: false, nil: false };
  for (const [k, v] of Object.entries(attrs)) {
    const c = k.indexOf(':');
    if (c < 0) continue;
    if (nsScope[k.slice(0, c)] !== XSI_NS) continue;
    const local = k.slice(c + 1);
    if (local === 'nil') node.nil = v === 'true' || v === '1';
    if (local === 'type') node.xsiType = v.slice(v.indexOf(':') + 1);
  }
  let text = '';
  for (const child of (raw[tag] ?? []) as RawNode[]) {
    if ('#text' in child) text += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) {
      for (const t of child['#cdata'] as RawNode[]) text += String(t['#text'] ?? '');
    } else {
      const c = convert(child, nsScope);
      if (c) node.children.push(c);
    }
  }
  node.text = text;
  node.mixed = node.children.length > 0 && text.trim() !== '';
  return node;
}

/** Parses any XML document into the root XmlNode; malformed XML is a client fault. */
export function parseXml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw clientFault(`Unable to parse the request: ${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})`);
  const doc = parser.parse(xml) as RawNode[];
  for (const raw of doc) {
    const node = convert(raw, {});
    if (node) return node;
  }
  throw clientFault('Unable to parse the request: no root element');
}

export type SoapRequest = {
  sessionId?: string;
  /** local name of the Body's first element, e.g. 'upsertMetadata' */
  operation: string;
  /** the operation element */
  body: XmlNode;
  /** namespace of the operation element */
  ns: string;
};

export function parseEnvelope(xml: string): SoapRequest {
  const env = parseXml(xml);
  if (env.name !== 'Envelope' || env.ns !== SOAPENV_NS)
    throw clientFault('Unable to parse the request: root element is not a SOAP 1.1 Envelope');
  const header = env.children.find((c) => c.name === 'Header' && c.ns === SOAPENV_NS);
  const body = env.children.find((c) => c.name === 'Body' && c.ns === SOAPENV_NS);
  if (!body || body.children.length === 0) throw clientFault('Unable to parse the request: missing soapenv:Body');
  const op = body.children[0];
  let sessionId: string | undefined;
  const sh = header?.children.find((c) => c.name === 'SessionHeader');
  if (sh) sessionId = sh.children.find((c) => c.name === 'sessionId')?.text.trim();
  return { sessionId, operation: op.name, body: op, ns: op.ns };
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns="${MD_NS}" xmlns:xsi="${XSI_NS}">`;

/** A successful response: `<{operation}Response>{inner}</{operation}Response>`. */
export function soapResponse(operation: string, inner: string): string {
  return `${ENVELOPE_OPEN}<soapenv:Body><${operation}Response>${inner}</${operation}Response></soapenv:Body></soapenv:Envelope>`;
}

export function soapFaultXml(fault: SoapFault): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAPENV_NS}" xmlns:sf="${MD_NS}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>${escapeXml(fault.faultcode)}</faultcode>` +
    `<faultstring>${escapeXml(fault.faultstring)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/**
 * Serialises a plain value as XML elements named `name` (arrays repeat the element, null is xsi:nil, objects nest in
 * key order, booleans and numbers as text). Used for result structures whose key order is already WSDL order.
 */
export function toXml(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null) return `<${name} xsi:nil="true"/>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
