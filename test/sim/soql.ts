/*
 * A small SOQL engine over the RecordStore.
 *
 * Supported: SELECT of fields, relationship paths (Profile.Name, any depth), COUNT() and COUNT(field);
 * FROM one object; WHERE with = != <> < > <= >= IN (...) NOT IN (...) LIKE, semi-joins and anti-joins
 * (IN / NOT IN (SELECT …), with the platform's rules: semi-join.ts), AND, OR, NOT, parentheses, string,
 * number, true/false/null, date and dateTime literals; ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...;
 * LIMIT; OFFSET. Keywords and field/object names are case-insensitive, text comparison is case-insensitive, ids
 * compare in their 18-char form, as on the platform.
 * Errors are Salesforce's: INVALID_TYPE (unknown object), INVALID_FIELD (unknown field or relationship),
 * MALFORMED_QUERY (syntax), INVALID_QUERY_FILTER_OPERATOR (literal of the wrong type), with the query excerpt,
 * caret and "ERROR at Row:r:Column:c" the platform puts in the message.
 */
import { normalizeId } from './ids.js';
import type { FieldDef, ObjectDef, RecordStore, Row } from './records.js';
import { clauseProblem, subqueryProblem, type SemiJoin } from './semi-join.js';

export class SoqlError extends Error {
  public constructor(
    public readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}

type TokKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';
type Token = { kind: TokKind; text: string; value?: string; pos: number };

export type FieldPath = { parts: string[]; pos: number; text: string };
type Literal = {
  kind: 'string' | 'number' | 'boolean' | 'null' | 'date' | 'datetime';
  value: string | number | boolean | null;
  pos: number;
  text: string;
};
export type Expr =
  | { kind: 'bool'; op: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; field: FieldPath; op: string; value: Literal | Literal[] }
  /** `field IN (SELECT …)` (semi-join) or `NOT IN` (anti-join): see semi-join.ts for the rules. */
  | { kind: 'semi'; field: FieldPath; op: 'in' | 'not in'; query: SoqlQuery; pos: number };
export type SelectItem = { kind: 'field'; path: FieldPath } | { kind: 'count'; path?: FieldPath; pos: number };
type OrderItem = { path: FieldPath; desc: boolean; nullsLast: boolean };
export type SoqlQuery = {
  select: SelectItem[];
  from: { name: string; pos: number };
  where?: Expr;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
};

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'like',
  'order',
  'by',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
  'true',
  'false',
  'null',
  'group',
  'having',
  'with',
  'for',
  'includes',
  'excludes',
  'using',
  'typeof',
]);

function errorAt(query: string, pos: number, errorCode: string, message: string): SoqlError {
  const before = query.slice(0, pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = query.indexOf('\n', pos) < 0 ? query.length : query.indexOf('\n', pos);
  const col = pos - lineStart + 1;
  const line = query.slice(lineStart, lineEnd);
  return new SoqlError(errorCode, `\n${line}\n${' '.repeat(col - 1)}^\nERROR at Row:${row}:Column:${col}\n${message}`);
}

function tokenize(q: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= q.length)
          throw errorAt(q, start, 'MALFORMED_QUERY', 'line 1:' + start + " mismatched character '<EOF>' expecting '''");
        const ch = q[i];
        if (ch === '\\') {
          const n = q[i + 1];
          const map: Record<string, string> = {
            n: '\n',
            r: '\r',
            t: '\t',
            b: '\b',
            f: '\f',
            '"': '"',
            "'": "'",
            '\\': '\\',
            _: '\\_',
            '%': '\\%',
          };
          if (n === undefined || !(n in map))
            throw errorAt(
              q,
              i,
              'MALFORMED_QUERY',
              `Invalid string literal '${q.slice(start, i + 2)}'. Illegal character sequence '\\${n ?? ''}' in string literal.`,
            );
          v += map[n];
          i += 2;
          continue;
        }
        if (ch === "'") {
          i++;
          break;
        }
        v += ch;
        i++;
      }
      toks.push({ kind: 'string', text: q.slice(start, i), value: v, pos: start });
      continue;
    }
    const dt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/.exec(q.slice(i));
    if (dt) {
      toks.push({ kind: 'datetime', text: dt[0], pos: start });
      i += dt[0].length;
      continue;
    }
    const d = /^\d{4}-\d{2}-\d{2}(?![\w:])/.exec(q.slice(i));
    if (d) {
      toks.push({ kind: 'date', text: d[0], pos: start });
      i += d[0].length;
      continue;
    }
    const num = /^[+-]?(\d+(\.\d*)?|\.\d+)(?![\w])/.exec(q.slice(i));
    if (num && (c !== '+' && c !== '-' ? true : toks.length > 0 && toks[toks.length - 1].kind === 'op')) {
      toks.push({ kind: 'number', text: num[0], pos: start });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(q.slice(i));
    if (id) {
      toks.push({ kind: 'ident', text: id[0], pos: start });
      i += id[0].length;
      continue;
    }
    const op = /^(!=|<>|<=|>=|=|<|>)/.exec(q.slice(i));
    if (op) {
      toks.push({ kind: 'op', text: op[0], pos: start });
      i += op[0].length;
      continue;
    }
    if ('(),*'.includes(c)) {
      toks.push({ kind: 'punct', text: c, pos: start });
      i++;
      continue;
    }
    throw errorAt(q, start, 'MALFORMED_QUERY', `unexpected token: '${c}'`);
  }
  toks.push({ kind: 'eof', text: '<EOF>', pos: q.length });
  return toks;
}

class Parser {
  private i = 0;
  public constructor(
    private readonly q: string,
    private readonly toks: Token[],
  ) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private isKw(t: Token, kw: string): boolean {
    return t.kind === 'ident' && t.text.toLowerCase() === kw;
  }
  private acceptKw(kw: string): boolean {
    if (this.isKw(this.peek(), kw)) {
      this.i++;
      return true;
    }
    return false;
  }
  private unexpected(t: Token = this.peek()): SoqlError {
    return errorAt(this.q, t.pos, 'MALFORMED_QUERY', `unexpected token: ${t.kind === 'eof' ? '<EOF>' : `'${t.text}'`}`);
  }
  private expectKw(kw: string): void {
    if (!this.acceptKw(kw)) throw this.unexpected();
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) throw this.unexpected(t);
  }
  private fieldPath(): FieldPath {
    const t = this.next();
    if (t.kind !== 'ident' || (KEYWORDS.has(t.text.toLowerCase()) && !t.text.includes('.'))) throw this.unexpected(t);
    return { parts: t.text.split('.'), pos: t.pos, text: t.text };
  }

  public parse(): SoqlQuery {
    const query = this.select();
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  /** A SELECT up to its end: the whole query, or a semi-join's subquery up to its closing parenthesis. */
  private select(): SoqlQuery {
    this.expectKw('select');
    const select: SelectItem[] = [];
    do {
      const t = this.peek();
      if (t.kind === 'ident' && t.text.toLowerCase() === 'count' && this.toks[this.i + 1]?.text === '(') {
        this.i += 2;
        let path: FieldPath | undefined;
        if (!(this.peek().kind === 'punct' && this.peek().text === ')')) path = this.fieldPath();
        this.expectPunct(')');
        select.push({ kind: 'count', path, pos: t.pos });
      } else if (t.kind === 'punct' && t.text === '(') {
        throw errorAt(this.q, t.pos, 'MALFORMED_QUERY', 'simulator: subqueries are not supported');
      } else {
        select.push({ kind: 'field', path: this.fieldPath() });
      }
    } while (this.peek().kind === 'punct' && this.peek().text === ',' && this.next());
    this.expectKw('from');
    const from = this.next();
    if (from.kind !== 'ident' || from.text.includes('.') || KEYWORDS.has(from.text.toLowerCase()))
      throw this.unexpected(from);
    const query: SoqlQuery = { select, from: { name: from.text, pos: from.pos }, orderBy: [] };
    if (this.acceptKw('where')) query.where = this.orExpr();
    if (this.acceptKw('order')) {
      this.expectKw('by');
      do {
        const path = this.fieldPath();
        let desc = false;
        if (this.acceptKw('desc')) desc = true;
        else this.acceptKw('asc');
        let nullsLast = desc;
        if (this.acceptKw('nulls')) {
          if (this.acceptKw('last')) nullsLast = true;
          else {
            this.expectKw('first');
            nullsLast = false;
          }
        }
        query.orderBy.push({ path, desc, nullsLast });
      } while (this.peek().kind === 'punct' && this.peek().text === ',' && this.next());
    }
    if (this.acceptKw('limit')) query.limit = this.integer();
    if (this.acceptKw('offset')) query.offset = this.integer();
    return query;
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw this.unexpected(t);
    return Number(t.text);
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.acceptKw('or')) left = { kind: 'bool', op: 'or', left, right: this.andExpr() };
    return left;
  }
  private andExpr(): Expr {
    let left = this.unary();
    while (this.acceptKw('and')) left = { kind: 'bool', op: 'and', left, right: this.unary() };
    return left;
  }
  private unary(): Expr {
    if (this.acceptKw('not')) return { kind: 'not', expr: this.unary() };
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.i++;
      const e = this.orExpr();
      this.expectPunct(')');
      return e;
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const field = this.fieldPath();
    const t = this.next();
    if (t.kind === 'op') return { kind: 'cmp', field, op: t.text === '<>' ? '!=' : t.text, value: this.literal() };
    if (this.isKw(t, 'like')) return { kind: 'cmp', field, op: 'like', value: this.literal() };
    const op = this.isKw(t, 'in') ? 'in' : this.isKw(t, 'not') && this.acceptKw('in') ? 'not in' : undefined;
    if (!op) throw this.unexpected(t);
    this.expectPunct('(');
    if (this.isKw(this.peek(), 'select')) {
      const pos = this.peek().pos;
      const query = this.select();
      this.expectPunct(')');
      return { kind: 'semi', field, op, query, pos };
    }
    return { kind: 'cmp', field, op, value: this.list() };
  }
  /** The literals of an IN list, after its opening parenthesis. */
  private list(): Literal[] {
    const out: Literal[] = [];
    do out.push(this.literal());
    while (this.peek().kind === 'punct' && this.peek().text === ',' && this.next());
    this.expectPunct(')');
    return out;
  }
  private literal(): Literal {
    const t = this.next();
    const base = { pos: t.pos, text: t.text };
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value!, ...base };
      case 'number':
        return { kind: 'number', value: Number(t.text), ...base };
      case 'date':
        return { kind: 'date', value: t.text, ...base };
      case 'datetime':
        return { kind: 'datetime', value: t.text, ...base };
      case 'ident': {
        const k = t.text.toLowerCase();
        if (k === 'true' || k === 'false') return { kind: 'boolean', value: k === 'true', ...base };
        if (k === 'null') return { kind: 'null', value: null, ...base };
        throw this.unexpected(t);
      }
      default:
        throw this.unexpected(t);
    }
  }
}

export function parseSoql(q: string): SoqlQuery {
  return new Parser(q, tokenize(q)).parse();
}

/* ---------------------------------------------------------------- execution */

type Resolved = { chain: Array<{ field: FieldDef; def: ObjectDef }>; field: FieldDef; def: ObjectDef };

export type QueryOptions = { api: 'data' | 'tooling'; version: string };
export type QueryResult = { totalSize: number; done: boolean; records: Row[] };

const TEXT = new Set(['string', 'textarea', 'email', 'url', 'phone', 'picklist']);

export class SoqlEngine {
  public constructor(private readonly store: RecordStore) {}

  private objectOrError(q: string, name: string, pos: number, opts: QueryOptions): ObjectDef {
    const def = this.store.describe(name, opts.api);
    // An object introduced in a later API version than the query's is unknown to it.
    if (!def || (def.since !== undefined && Number(opts.version) < def.since)) {
      throw errorAt(
        q,
        pos,
        'INVALID_TYPE',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return def;
  }

  private resolve(q: string, root: ObjectDef, path: FieldPath): Resolved {
    let def = root;
    const chain: Resolved['chain'] = [];
    for (let i = 0; i < path.parts.length - 1; i++) {
      const rel = path.parts[i].toLowerCase();
      const f = def.fields.find((x) => x.type === 'reference' && x.relationshipName?.toLowerCase() === rel);
      const target = f?.referenceTo?.[0] ? this.store.describe(f.referenceTo[0]) : undefined;
      if (!f || !target) {
        throw errorAt(
          q,
          path.pos,
          'INVALID_FIELD',
          `Didn't understand relationship '${path.parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      chain.push({ field: f, def: target });
      def = target;
    }
    const last = path.parts[path.parts.length - 1];
    const field = this.store.field(def, last);
    if (!field) {
      throw errorAt(
        q,
        path.pos,
        'INVALID_FIELD',
        `No such column '${last}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return { chain, field, def };
  }

  private valueOf(row: Row, r: Resolved): unknown {
    let cur: Row | undefined = row;
    for (const step of r.chain) {
      const id: unknown = cur?.[step.field.name];
      cur = typeof id === 'string' ? this.store.get(step.def.name, id) : undefined;
      if (!cur) return null;
    }
    return cur[r.field.name] ?? null;
  }

  /** Checks that a literal suits the field's type; returns the comparable value. */
  private literalFor(q: string, r: Resolved, lit: Literal, op: string): unknown {
    const f = r.field;
    const name = f.name;
    const wrong = (what: string): SoqlError =>
      errorAt(
        q,
        lit.pos,
        'INVALID_QUERY_FILTER_OPERATOR',
        `value of filter criterion for field '${name}' must be of type ${what}`,
      );
    if (lit.kind === 'null') {
      if (op !== '=' && op !== '!=' && op !== 'in' && op !== 'not in')
        throw errorAt(q, lit.pos, 'INVALID_QUERY_FILTER_OPERATOR', `invalid operator on null: ${op}`);
      return null;
    }
    if (op === 'like' && !TEXT.has(f.type))
      throw errorAt(q, lit.pos, 'INVALID_QUERY_FILTER_OPERATOR', `invalid operator on id field: like`);
    switch (f.type) {
      case 'id':
      case 'reference': {
        if (lit.kind !== 'string') throw wrong('id and should be enclosed in quotes');
        const id = normalizeId(String(lit.value));
        if (!id) throw errorAt(q, lit.pos, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${String(lit.value)}`);
        return id;
      }
      case 'boolean':
        if (lit.kind !== 'boolean') throw wrong('boolean and should not be enclosed in quotes');
        return lit.value;
      case 'int':
      case 'double':
        if (lit.kind !== 'number') throw wrong('number and should not be enclosed in quotes');
        return lit.value;
      case 'datetime':
        if (lit.kind !== 'datetime') throw wrong('dateTime and should not be enclosed in quotes');
        return Date.parse(String(lit.value));
      case 'date':
        if (lit.kind !== 'date') throw wrong('date and should not be enclosed in quotes');
        return lit.value;
      default:
        if (lit.kind !== 'string') throw wrong('string and should be enclosed in quotes');
        return lit.value;
    }
  }

  private compileExpr(q: string, def: ObjectDef, e: Expr, version: string): (row: Row) => boolean {
    if (e.kind === 'bool') {
      const l = this.compileExpr(q, def, e.left, version);
      const r = this.compileExpr(q, def, e.right, version);
      return e.op === 'and' ? (row) => l(row) && r(row) : (row) => l(row) || r(row);
    }
    if (e.kind === 'not') {
      const inner = this.compileExpr(q, def, e.expr, version);
      return (row) => !inner(row);
    }
    if (e.kind === 'semi') return this.semiJoin(q, def, e, version);
    const r = this.resolve(q, def, e.field);
    const text = TEXT.has(r.field.type);
    const norm = (v: unknown): unknown => {
      if (v === null || v === undefined) return null;
      if (text && typeof v === 'string') return v.toLowerCase();
      if ((r.field.type === 'id' || r.field.type === 'reference') && typeof v === 'string') return normalizeId(v) ?? v;
      if (r.field.type === 'datetime' && typeof v === 'string') return Date.parse(v.replace(/\+0000$/, 'Z'));
      return v;
    };
    if (e.op === 'in' || e.op === 'not in') {
      const values = (e.value as Literal[]).map((l) => norm(this.literalFor(q, r, l, e.op)));
      const neg = e.op === 'not in';
      return (row) => {
        const v = norm(this.valueOf(row, r));
        return values.includes(v) !== neg;
      };
    }
    const lit = norm(this.literalFor(q, r, e.value as Literal, e.op));
    switch (e.op) {
      case '=':
        return (row) => norm(this.valueOf(row, r)) === lit;
      case '!=':
        return (row) => norm(this.valueOf(row, r)) !== lit;
      case 'like': {
        const pattern = String(lit);
        let re = '';
        for (let i = 0; i < pattern.length; i++) {
          const c = pattern[i];
          if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) re += '\\' + pattern[++i];
          else if (c === '%') re += '.*';
          else if (c === '_') re += '.';
          else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        const rx = new RegExp(`^${re}$`, 's');
        return (row) => {
          const v = norm(this.valueOf(row, r));
          return typeof v === 'string' && rx.test(v);
        };
      }
      default: {
        const cmp = (a: unknown, b: unknown): number =>
          (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
        const ok: Record<string, (c: number) => boolean> = {
          '<': (c) => c < 0,
          '>': (c) => c > 0,
          '<=': (c) => c <= 0,
          '>=': (c) => c >= 0,
        };
        return (row) => {
          const v = norm(this.valueOf(row, r));
          if (v === null || lit === null) return false;
          return ok[e.op](cmp(v, lit));
        };
      }
    }
  }

  /** A semi-join (anti-join with NOT IN), checked by the platform's rules: its subquery's ids, run once. */
  private semiJoin(q: string, def: ObjectDef, e: SemiJoin, version: string): (row: Row) => boolean {
    const left = this.resolve(q, def, e.field);
    const sub = this.objectOrError(q, e.query.from.name, e.query.from.pos, { api: 'data', version });
    const item = e.query.select[0];
    const selected =
      item?.kind === 'field' && item.path.parts.length === 1 ? this.store.field(sub, item.path.parts[0]) : undefined;
    const problem = subqueryProblem(e, def, left.field, sub, selected);
    if (problem) throw errorAt(q, problem.pos, 'MALFORMED_QUERY', problem.message);
    const where = e.query.where ? this.compileExpr(q, sub, e.query.where, version) : (): boolean => true;
    const ids = new Set(
      this.store
        .all(sub.name)
        .filter(where)
        .map((row) => (typeof row[selected!.name] === 'string' ? normalizeId(row[selected!.name] as string) : null))
        .filter((id): id is string => Boolean(id)),
    );
    return (row) => {
      const v = this.valueOf(row, left);
      const member = typeof v === 'string' && ids.has(normalizeId(v) ?? v);
      return e.op === 'in' ? member : !member;
    };
  }

  public query(q: string, opts: QueryOptions): QueryResult {
    const parsed = parseSoql(q);
    const def = this.objectOrError(q, parsed.from.name, parsed.from.pos, opts);
    const clause = clauseProblem(parsed.where);
    if (clause) throw errorAt(q, clause.pos, 'MALFORMED_QUERY', clause.message);
    const counts = parsed.select.filter((s) => s.kind === 'count');
    if (counts.length && parsed.select.length > 1) {
      throw errorAt(
        q,
        counts[0].pos,
        'MALFORMED_QUERY',
        'Field must be grouped or aggregated: ' + parsed.select.find((s) => s.kind === 'field')?.path?.text,
      );
    }
    const fields = parsed.select.flatMap((s) =>
      s.kind === 'field' ? [{ path: s.path, r: this.resolve(q, def, s.path) }] : [],
    );
    const seen = new Set<string>();
    for (const f of fields) {
      const key = [...f.r.chain.map((c) => c.field.relationshipName!), f.r.field.name].join('.').toLowerCase();
      if (seen.has(key)) throw errorAt(q, f.path.pos, 'MALFORMED_QUERY', `duplicate field selected: ${f.path.text}`);
      seen.add(key);
    }
    const countPath = counts[0]?.kind === 'count' ? counts[0].path : undefined;
    const countResolved = countPath ? this.resolve(q, def, countPath) : undefined;
    const where = parsed.where ? this.compileExpr(q, def, parsed.where, opts.version) : (): boolean => true;
    const order = parsed.orderBy.map((o) => ({ ...o, r: this.resolve(q, def, o.path) }));

    let rows = this.store.all(def.name).filter(where);
    if (order.length) {
      rows = [...rows].sort((a, b) => {
        for (const o of order) {
          const norm = (v: unknown): unknown =>
            typeof v === 'string' && TEXT.has(o.r.field.type) ? v.toLowerCase() : v;
          const va = norm(this.valueOf(a, o.r));
          const vb = norm(this.valueOf(b, o.r));
          if (va === vb) continue;
          if (va === null) return o.nullsLast ? 1 : -1;
          if (vb === null) return o.nullsLast ? -1 : 1;
          const c = (va as number) < (vb as number) ? -1 : 1;
          return o.desc ? -c : c;
        }
        return 0;
      });
    }
    if (parsed.offset) rows = rows.slice(parsed.offset);
    if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);

    if (counts.length) {
      if (!countPath) return { totalSize: rows.length, done: true, records: [] };
      const n = rows.filter((row) => this.valueOf(row, countResolved!) !== null).length;
      return { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, expr0: n }] };
    }

    const base =
      opts.api === 'tooling'
        ? `/services/data/v${opts.version}/tooling/sobjects`
        : `/services/data/v${opts.version}/sobjects`;
    const attributes = (d: ObjectDef, id: unknown): Row => ({ type: d.name, url: `${base}/${d.name}/${String(id)}` });
    const records = rows.map((row) => {
      const out: Row = { attributes: attributes(def, row.Id) };
      for (const { r } of fields) {
        let target = out;
        let cur: Row | undefined = row;
        let dead = false;
        for (const step of r.chain) {
          const rel = step.field.relationshipName!;
          const id: unknown = cur?.[step.field.name];
          cur = typeof id === 'string' ? this.store.get(step.def.name, id) : undefined;
          if (!cur) {
            if (!(rel in target)) target[rel] = null;
            dead = true;
            break;
          }
          if (!target[rel]) target[rel] = { attributes: attributes(step.def, cur.Id) };
          target = target[rel] as Row;
        }
        if (!dead) target[r.field.name] = cur?.[r.field.name] ?? null;
      }
      return out;
    });
    return { totalSize: records.length, done: true, records };
  }

  /** The `columns=true` answer (what `sf data query` asks to lay out its table). */
  public columns(q: string, opts: QueryOptions): Row {
    const parsed = parseSoql(q);
    const def = this.objectOrError(q, parsed.from.name, parsed.from.pos, opts);
    const column = (f: FieldDef, name: string, display: string, join: Row[] = []): Row => ({
      aggregate: false,
      apexType:
        f.type === 'reference' || f.type === 'id'
          ? 'Id'
          : f.type === 'boolean'
            ? 'Boolean'
            : f.type === 'int'
              ? 'Integer'
              : f.type === 'double'
                ? 'Double'
                : f.type === 'datetime'
                  ? 'Datetime'
                  : f.type === 'date'
                    ? 'Date'
                    : 'String',
      booleanType: f.type === 'boolean',
      columnName: name,
      custom: false,
      displayName: display,
      foreignKeyName: null,
      insertable: f.createable !== false,
      joinColumns: join,
      numberType: f.type === 'int' || f.type === 'double',
      textType: TEXT.has(f.type),
      updatable: (f.updateable ?? f.createable) !== false,
    });
    const columnMetadata: Row[] = [];
    for (const s of parsed.select) {
      if (s.kind === 'count') {
        columnMetadata.push({
          aggregate: true,
          apexType: 'Integer',
          booleanType: false,
          columnName: 'expr0',
          custom: false,
          displayName: s.path ? `COUNT(${s.path.text})` : 'COUNT()',
          foreignKeyName: null,
          insertable: false,
          joinColumns: [],
          numberType: true,
          textType: false,
          updatable: false,
        });
        continue;
      }
      const r = this.resolve(q, def, s.path);
      if (!r.chain.length) {
        columnMetadata.push(column(r.field, r.field.name, r.field.name));
        continue;
      }
      // nest: Profile -> joinColumns [Name]
      let leaf = column(
        r.field,
        r.field.name,
        [...r.chain.map((c) => c.field.relationshipName!), r.field.name].join('.'),
      );
      for (let i = r.chain.length - 1; i >= 0; i--) {
        const step = r.chain[i];
        leaf = {
          ...column(
            step.field,
            step.field.relationshipName!,
            r.chain
              .slice(0, i + 1)
              .map((c) => c.field.relationshipName!)
              .join('.'),
            [leaf],
          ),
          apexType: step.def.name,
          textType: false,
        };
      }
      const existing = columnMetadata.find((c) => c.columnName === leaf.columnName && (c.joinColumns as Row[]).length);
      if (existing) (existing.joinColumns as Row[]).push(...(leaf.joinColumns as Row[]));
      else columnMetadata.push(leaf);
    }
    return {
      columnMetadata,
      entityName: def.name,
      groupBy: false,
      idSelected: parsed.select.some(
        (s) => s.kind === 'field' && s.path.parts.length === 1 && s.path.parts[0].toLowerCase() === 'id',
      ),
      keyPrefix: def.keyPrefix,
    };
  }
}
