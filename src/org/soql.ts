/** A SOQL literal: a quoted string with `\` and `'` escaped, or a boolean as it is. The one escaping rule of the plugin. */
export const soqlLiteral = (v: string | boolean): string =>
  typeof v === 'boolean' ? String(v) : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A SOQL list for `IN (…)`. */
export const soqlList = (values: readonly string[]): string => values.map(soqlLiteral).join(', ');
