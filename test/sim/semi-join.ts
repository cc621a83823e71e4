/*
 * Semi-joins and anti-joins: `field IN (SELECT …)` / `field NOT IN (SELECT …)` in a WHERE clause, with the rules of
 * the SOQL and SOSL Reference ("Comparison Operators", "Considerations for Semi-Join and Anti-Join Queries"):
 *  - no more than two IN or NOT IN subqueries per WHERE clause; none with OR; NOT as a conjunction with them is not
 *    allowed; no nesting (a subquery holds no subquery);
 *  - the left operand is an ID (primary key) or reference (foreign key) field of the main object, without a
 *    relationship path;
 *  - the subquery selects exactly one field, an ID or a reference field, without a relationship path, and that field
 *    refers to the same object as the left operand;
 *  - the subquery is not on the main query's object; COUNT, ORDER BY and LIMIT are not supported in it; ActivityHistory,
 *    Attachment, Event, Note, OpenActivity, Tag objects and Task cannot be queried in it.
 * Where the docs give no wording for a refusal, the messages are the simulator's own (MALFORMED_QUERY, as the platform
 * classes a query it will not run).
 */
import type { FieldDef, ObjectDef } from './records.js';
import type { Expr, SoqlQuery } from './soql.js';

export type SemiJoin = Extract<Expr, { kind: 'semi' }>;

/** Why a query's semi-joins break the rules: the position and the message, or undefined when they keep them. */
export type SemiJoinProblem = { pos: number; message: string } | undefined;

const NOT_IN_SUBQUERIES = new Set(['activityhistory', 'attachment', 'event', 'note', 'openactivity', 'task']);
const isTagObject = (name: string): boolean => /tag$/i.test(name) && name.toLowerCase() !== 'tag';

/** The semi-joins of a WHERE clause, each with whether it sits under OR or NOT. */
export function semiJoinsOf(where: Expr | undefined): Array<{ semi: SemiJoin; underOr: boolean; underNot: boolean }> {
  const out: Array<{ semi: SemiJoin; underOr: boolean; underNot: boolean }> = [];
  const walk = (e: Expr | undefined, underOr: boolean, underNot: boolean): void => {
    if (!e) return;
    if (e.kind === 'semi') out.push({ semi: e, underOr, underNot });
    else if (e.kind === 'bool') {
      walk(e.left, underOr || e.op === 'or', underNot);
      walk(e.right, underOr || e.op === 'or', underNot);
    } else if (e.kind === 'not') walk(e.expr, underOr, true);
  };
  walk(where, false, false);
  return out;
}

/** The WHERE-level rules: how many, and never with OR or NOT. */
export function clauseProblem(where: Expr | undefined): SemiJoinProblem {
  const semis = semiJoinsOf(where);
  if (semis.length > 2)
    return { pos: semis[2].semi.pos, message: 'No more than two IN or NOT IN semi join sub-selects per WHERE clause' };
  const or = semis.find((s) => s.underOr);
  if (or) return { pos: or.semi.pos, message: "Semi join sub-selects are not allowed with the 'OR' operator" };
  const not = semis.find((s) => s.underNot);
  if (not) return { pos: not.semi.pos, message: "Semi join sub-selects are not allowed with the 'NOT' operator" };
  return undefined;
}

/** The objects an ID or reference field refers to. */
const targetsOf = (field: FieldDef, owner: ObjectDef): string[] =>
  (field.type === 'id' ? [owner.name] : (field.referenceTo ?? [])).map((t) => t.toLowerCase());

const isKey = (field: FieldDef): boolean => field.type === 'id' || field.type === 'reference';

/** The rules of one subquery, given the main object and the left operand (resolved by the engine). */
export function subqueryProblem(
  semi: SemiJoin,
  main: ObjectDef,
  left: FieldDef,
  sub: ObjectDef,
  selected: FieldDef | undefined,
): SemiJoinProblem {
  const q: SoqlQuery = semi.query;
  const item = q.select[0];
  if (semi.field.parts.length > 1 || !isKey(left))
    return { pos: semi.field.pos, message: 'The left operand of a semi join must be an ID or reference field' };
  if (NOT_IN_SUBQUERIES.has(sub.name.toLowerCase()) || isTagObject(sub.name))
    return { pos: q.from.pos, message: `Entity '${sub.name}' is not supported for semi join inner selects` };
  if (sub.name.toLowerCase() === main.name.toLowerCase())
    return { pos: q.from.pos, message: 'The inner and outer selects should not be on the same object type' };
  if (q.select.length !== 1 || item.kind !== 'field' || item.path.parts.length > 1 || !selected || !isKey(selected))
    return {
      pos: semi.query.from.pos,
      message: `semi join sub selects can only query id fields, cannot use: '${item.kind === 'field' ? item.path.text : 'COUNT()'}'`,
    };
  if (q.orderBy.length || q.limit !== undefined || q.offset !== undefined)
    return { pos: semi.pos, message: 'ORDER BY, LIMIT and OFFSET are not supported in semi join sub-selects' };
  if (semiJoinsOf(q.where).length)
    return { pos: semi.pos, message: 'Nesting of semi join sub-selects is not supported' };
  const wanted = targetsOf(left, main);
  if (!targetsOf(selected, sub).some((t) => wanted.includes(t)))
    return {
      pos: semi.pos,
      message: `The selected field '${item.path.text}' of the sub-select does not refer to the object of '${semi.field.text}'`,
    };
  return undefined;
}
