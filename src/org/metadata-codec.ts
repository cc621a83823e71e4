import { SfError } from '@salesforce/core';
import { Secret } from '../model/secret.js';
import type { FieldValue, Fields } from '../model/component.js';
import { METADATA_SHAPES } from './metadata-shapes.generated.js';

/**
 * Translates between the plugin's typed fields and what jsforce sends and returns for the Metadata API.
 * On the way out: elements in WSDL sequence order (the WSDL declares sequences), secrets revealed.
 * On the way back: jsforce gives every value as a string and a repeated element that occurs once as a
 * single object; the WSDL shapes turn them back into booleans, numbers and arrays.
 */

type Shape = ReadonlyArray<readonly [string, string, boolean]>;
type Wire = { [key: string]: unknown };

function shapeOf(type: string): Shape {
  const shape = METADATA_SHAPES[type];
  if (!shape) throw new SfError(`No WSDL shape for metadata type ${type}.`, 'UnknownMetadataType');
  return shape;
}

const SCALAR_KINDS = new Set(['string', 'boolean', 'number']);

/** Typed fields → the object jsforce serialises, in WSDL order. Unknown fields are a programming error. */
export function toWire(type: string, fields: Fields): Wire {
  const shape = shapeOf(type);
  const known = new Set(shape.map(([name]) => name));
  const unknown = Object.keys(fields).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new SfError(`Fields not in the WSDL for ${type}: ${unknown.join(', ')}.`, 'UnknownMetadataField');
  }
  const out: Wire = {};
  for (const [name, kind] of shape) {
    const value = fields[name];
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => valueToWire(kind, v)) : valueToWire(kind, value);
  }
  return out;
}

function valueToWire(kind: string, value: FieldValue): unknown {
  if (value instanceof Secret) return value.reveal();
  if (SCALAR_KINDS.has(kind)) return value;
  return toWire(kind, value as Fields);
}

/** What jsforce returned for one component → typed fields. `$` attributes and nil elements are dropped. */
export function fromWire(type: string, raw: Wire): Fields {
  const out: Fields = {};
  for (const [name, kind, repeated] of shapeOf(type)) {
    const value = raw[name];
    if (value === undefined || value === null || isNil(value)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v) => !isNil(v)).map((v) => valueFromWire(kind, v));
    if (values.length === 0) continue;
    out[name] = repeated ? values : values[0];
  }
  return out;
}

function isNil(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const attrs = (value as { $?: Record<string, string> }).$;
  return attrs?.['xsi:nil'] === 'true';
}

function valueFromWire(kind: string, value: unknown): FieldValue {
  if (kind === 'boolean') return value === true || value === 'true';
  if (kind === 'number') return Number(value);
  if (kind === 'string') return String(value);
  return fromWire(kind, (value ?? {}) as Wire);
}

/** The complex type of a field (e.g. ConnectedApp.oauthConfig → ConnectedAppOauthConfig), or undefined for scalars. */
export function fieldKind(type: string, field: string): string | undefined {
  const entry = shapeOf(type).find(([name]) => name === field);
  return entry && !SCALAR_KINDS.has(entry[1]) ? entry[1] : undefined;
}
