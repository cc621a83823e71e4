import type { RecordComponent } from '../model/component.js';

/** A SOQL literal: a quoted string with `\` and `'` escaped, or a boolean as it is. The one escaping rule of the plugin. */
export const soqlLiteral = (v: string | boolean): string =>
  typeof v === 'boolean' ? String(v) : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A SOQL list for `IN (…)`. */
export const soqlList = (values: readonly string[]): string => values.map(soqlLiteral).join(', ');

/** The query that reads a record component's current state: one per record (records of a step are few). */
export function recordQuery(c: RecordComponent): string {
  const fieldNames = [...new Set(['Id', ...Object.keys(c.fields)])];
  const where = Object.entries(c.match)
    .map(([k, v]) => `${k} = ${soqlLiteral(v)}`)
    .join(' AND ');
  return `SELECT ${fieldNames.join(', ')} FROM ${c.sobject} WHERE ${where}`;
}
