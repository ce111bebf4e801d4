// Pages of events under the analysts' filters, with keyset cursors on (date, id): a page deep in
// the walk costs what the first one costs, unlike SKIP. One query serves many parents at once
// (Actor.events, Article.events), so nested connections do not fan out.
//
// An actor's events (Actor.events, or a filter's actorId where no article starts the match) are
// read through the order properties of the role relationships (../role-order.ts): one range seek
// per role type, in the page's order as the index provides it, each stopping after `limit` rows
// that pass the other filters, then merged. A page of an actor with 100,000 events reads what a
// page of an actor with ten reads (bench/results/plans.md).
import { z } from 'zod';
import { PARTICIPANT_ROLES } from '../../ontology';
import { defineQuery, type Graph, type Query } from '../driver';
import { EVENT } from '../projections';
import {
  dateBound,
  orderKey,
  ORDER_PROPERTY,
  UNKNOWN_SORT_DATE,
  type SortDirection,
} from '../role-order';
import { eventRow, type EventRow } from '../rows';

export interface EventFilterInput {
  types?: readonly string[] | null;
  actorId?: string | null;
  role?: string | null;
  occurredFrom?: string | null;
  occurredTo?: string | null;
  articleId?: string | null;
  modalities?: readonly string[] | null;
  minConfidence?: number | null;
  /** Review states; an event without a stored one is DRAFT. */
  reviewStatuses?: readonly string[] | null;
  /** true: only events a machine made; false: only hand-made ones. */
  extracted?: boolean | null;
}

/** Whose events: all, or one parent's (many parents are batched into one query). */
export type EventScope = 'all' | 'actor' | 'article';
export type { SortDirection };

export interface EventPageSpec {
  scope: EventScope;
  filter: EventFilterInput;
  direction: SortDirection;
}

export interface EventKeyset {
  /** The sort date as YYYY-MM-DD (unknown dates sort last, as 9999-12-31 or 0001-01-01). */
  date: string;
  id: string;
}

const ANY_ROLE = PARTICIPANT_ROLES.join('|');
/** Events whose date is unknown sort after all dated ones, in both directions. */
const UNKNOWN_DATE = UNKNOWN_SORT_DATE;

const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

function roleOf(r: string | null | undefined): string {
  if (!present(r)) return ANY_ROLE;
  if (!(PARTICIPANT_ROLES as readonly string[]).includes(r))
    throw new Error(`'${r}' is not a role`);
  return r;
}

interface Constraint {
  start: string;
  check: string;
  distinct: boolean;
  /** An actor's events in some roles: the constraint can start at the role order index instead. */
  actor?: { id: string; roles: readonly string[] };
}

const rolesOf = (role: string) => role.split('|');

/**
 * The filter as constraints on the event variable `e`: those that can start a match (an actor,
 * an article) and plain predicates. One place, so that the events pages, their counts and the
 * exports (graph/reads/export.ts) cannot disagree on what a filter means.
 */
function filterConstraints(
  f: EventFilterInput,
  e: string,
): { constraints: Constraint[]; where: string[] } {
  const constraints: Constraint[] = [];
  if (present(f.actorId)) {
    const role = roleOf(f.role);
    constraints.push({
      start: `MATCH (:Actor {id: $actorId})<-[:${role}]-(${e}:Event)`,
      check: `EXISTS { (${e})-[:${role}]->(:Actor {id: $actorId}) }`,
      distinct: true,
      actor: { id: '$actorId', roles: rolesOf(role) },
    });
  }
  if (present(f.articleId)) {
    constraints.push({
      start: `MATCH (:Article {id: $articleId})-[:REPORTS]->(${e}:Event)`,
      check: `EXISTS { (:Article {id: $articleId})-[:REPORTS]->(${e}) }`,
      distinct: false,
    });
  }
  const where: string[] = [];
  if (present(f.types)) where.push(`${e}.type IN $types`);
  if (present(f.modalities)) where.push(`${e}.modality IN $modalities`);
  if (present(f.minConfidence)) where.push(`${e}.confidence >= $minConfidence`);
  if (present(f.occurredFrom)) where.push(`${e}.occurredOn >= date($occurredFrom)`);
  if (present(f.occurredTo)) where.push(`${e}.occurredOn <= date($occurredTo)`);
  if (present(f.reviewStatuses))
    where.push(`coalesce(${e}.reviewStatus, 'DRAFT') IN $reviewStatuses`);
  if (present(f.extracted)) {
    where.push(`${e}.extractionMethod IS ${f.extracted ? 'NOT NULL' : 'NULL'}`);
  }
  return { constraints, where };
}

/**
 * The whole filter as one predicate on the event variable `e` (true without a filter), with the
 * parameters of filterParams.
 */
export function eventFilterPredicate(f: EventFilterInput, e: string): string {
  const { constraints, where } = filterConstraints(f, e);
  const all = [...constraints.map((c) => c.check), ...where];
  return all.length ? all.join(' AND ') : 'true';
}

/** The constraint that starts the match, and the predicates checked on what it finds. */
function planOf(spec: EventPageSpec): { first: Constraint | undefined; where: string[] } {
  const f = spec.filter;
  const own = filterConstraints(f, 'e');
  // Each constraint can start the match or be checked on the events it found.
  const constraints: Constraint[] = [];
  if (spec.scope === 'actor') {
    // In Actor.events a role without another actorId is the role of the parent actor.
    const role = roleOf(present(f.actorId) ? null : f.role);
    constraints.push({
      start: `MATCH (:Actor {id: scopeId})<-[:${role}]-(e:Event)`,
      check: `EXISTS { (e)-[:${role}]->(:Actor {id: scopeId}) }`,
      distinct: true,
      actor: { id: 'scopeId', roles: rolesOf(role) },
    });
  }
  if (spec.scope === 'article') {
    constraints.push({
      start: 'MATCH (:Article {id: scopeId})-[:REPORTS]->(e:Event)',
      check: 'EXISTS { (:Article {id: scopeId})-[:REPORTS]->(e) }',
      distinct: false,
    });
  }
  constraints.push(...own.constraints);
  const [first, ...rest] = constraints;
  return { first, where: [...rest.map((c) => c.check), ...own.where] };
}

/** The MATCH and WHERE shared by the page and the count, starting from the most selective node. */
function matchClause(spec: EventPageSpec): string {
  const { first, where } = planOf(spec);
  // Predicates stand on the MATCH itself, where the planner can use the indexes for them.
  const match = `${first?.start ?? 'MATCH (e:Event)'}${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}`;
  // One actor can hold several roles in one event: count each event once.
  return first?.distinct ? `${match}\n  WITH DISTINCT e` : match;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filter's date range as a range of order keys of `direction` (role-order.ts), or nulls. The
 * range narrows the seek; the date predicates on the event still decide, so a bound that cannot be
 * a key is simply left out.
 */
function keyRange(
  direction: SortDirection,
  f: EventFilterInput,
): { lowKey: string | null; highKey: string | null } {
  const date = (d: string | null | undefined) => (present(d) && ISO_DATE.test(d) ? d : null);
  const [low, high] =
    direction === 'ASC'
      ? [date(f.occurredFrom), date(f.occurredTo)]
      : [date(f.occurredTo), date(f.occurredFrom)];
  return {
    lowKey: low === null ? null : orderKey(direction, low, ''),
    highKey: high === null ? null : dateBound(direction, high),
  };
}

/**
 * One branch per role type: the role's order index sought from the actor's first key past the
 * cursor, in the page's order (ORDER BY names the index's own properties, so the planner sees the
 * order as provided and stops after `limit` rows), with the other filters checked on the way.
 */
function seekBranches(
  spec: EventPageSpec,
  actor: NonNullable<Constraint['actor']>,
  where: string[],
  withAfter: boolean,
  limited: boolean,
): string {
  const prop = `r.${ORDER_PROPERTY[spec.direction]}`;
  const range = keyRange(spec.direction, spec.filter);
  const preds = [
    // A composite index is sought only with a predicate on each of its properties.
    `r.actorId = ${actor.id}`,
    `${prop} IS NOT NULL`,
    ...(withAfter ? [`${prop} > $afterKey`] : []),
    ...(range.lowKey === null ? [] : [`${prop} >= $lowKey`]),
    ...(range.highKey === null ? [] : [`${prop} < $highKey`]),
    ...where,
  ];
  return actor.roles
    .map(
      (role) => `MATCH (e:Event)-[r:${role}]->()
    WHERE ${preds.join('\n      AND ')}
    ${limited ? `WITH e, r ORDER BY r.actorId, ${prop} LIMIT toInteger($limit)\n    ` : ''}RETURN e${limited ? `, ${prop} AS key` : ''}`,
    )
    .join('\n    UNION\n    ');
}

const pageRow = z.object({ scopeId: z.string(), sortDate: z.string(), row: eventRow });
const countRow = z.object({ scopeId: z.string(), n: z.number().int() });

export function eventsPageQuery(
  spec: EventPageSpec,
  withAfter: boolean,
): Query<z.output<typeof pageRow>> {
  const sortDate = `coalesce(e.occurredOn, date('${UNKNOWN_DATE[spec.direction]}'))`;
  const { first, where } = planOf(spec);
  if (first?.actor) {
    // UNION drops the second row of an event in which the actor holds two roles: both rows
    // carry the event's one key.
    return defineQuery(
      `eventsPage_${spec.scope}`,
      `UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  CALL (scopeId) {
    ${seekBranches(spec, first.actor, where, withAfter, true)}
  }
  WITH e, key ORDER BY key LIMIT toInteger($limit)
  RETURN e, ${sortDate} AS k
}
RETURN scopeId, toString(k) AS sortDate, ${EVENT('e')} AS row`,
      pageRow,
    );
  }
  const cmp = spec.direction === 'ASC' ? '>' : '<';
  const keyset = withAfter
    ? `\n  WHERE k ${cmp} date($afterDate) OR (k = date($afterDate) AND e.id > $afterId)`
    : '';
  return defineQuery(
    `eventsPage_${spec.scope}`,
    `UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  ${matchClause(spec)}
  WITH e, ${sortDate} AS k${keyset}
  RETURN e, k
  ORDER BY k ${spec.direction}, e.id ASC
  LIMIT toInteger($limit)
}
RETURN scopeId, toString(k) AS sortDate, ${EVENT('e')} AS row`,
    pageRow,
  );
}

/**
 * How many events a page walks through. An actor's events under no filter but a role are counted
 * from the actor's degrees, which Neo4j keeps for a node with many relationships: the busiest
 * actor's count reads no event. An event in which the actor holds two roles is two relationships;
 * the later one (in PARTICIPANT_ROLES order) carries repeatOf, found through its own small index
 * and subtracted, so the count stays exact. Under other filters the matching events are read
 * (through the role order index, so a date range reads only its own events).
 */
export function eventsCountQuery(spec: EventPageSpec): Query<z.output<typeof countRow>> {
  const { first, where } = planOf(spec);
  if (first?.actor && where.length === 0) {
    const { id, roles } = first.actor;
    const degrees = roles.map((role) => `COUNT { (a)<-[:${role}]-() }`).join(' + ');
    const repeats =
      roles.length > 1
        ? roles.map((role) => ` - COUNT { ()-[r:${role}]->() WHERE r.repeatOf = ${id} }`).join('')
        : '';
    return defineQuery(
      `eventsCount_${spec.scope}`,
      `UNWIND $scopeIds AS scopeId
OPTIONAL MATCH (a:Actor {id: ${id}})
RETURN scopeId, CASE WHEN a IS NULL THEN 0 ELSE ${degrees}${repeats} END AS n`,
      countRow,
    );
  }
  if (first?.actor) {
    return defineQuery(
      `eventsCount_${spec.scope}`,
      `UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  CALL (scopeId) {
    ${seekBranches(spec, first.actor, where, false, false)}
  }
  RETURN count(e) AS n
}
RETURN scopeId, n`,
      countRow,
    );
  }
  return defineQuery(
    `eventsCount_${spec.scope}`,
    `UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  ${matchClause(spec)}
  RETURN count(e) AS n
}
RETURN scopeId, n`,
    countRow,
  );
}

export function filterParams(f: EventFilterInput): Record<string, unknown> {
  return {
    actorId: f.actorId ?? null,
    articleId: f.articleId ?? null,
    types: f.types ?? null,
    modalities: f.modalities ?? null,
    minConfidence: f.minConfidence ?? null,
    occurredFrom: f.occurredFrom ?? null,
    occurredTo: f.occurredTo ?? null,
    reviewStatuses: f.reviewStatuses ?? null,
  };
}

export interface EventPageItem {
  cursor: EventKeyset;
  event: EventRow;
}

/** The parameters of eventsPageQuery (bench/plans.ts profiles the query with them). */
export function eventsPageParams(
  spec: EventPageSpec,
  scopeIds: readonly string[],
  limit: number,
  after: EventKeyset | null,
): Record<string, unknown> {
  return {
    ...filterParams(spec.filter),
    ...keyRange(spec.direction, spec.filter),
    scopeIds: [...new Set(scopeIds)],
    limit,
    afterDate: after?.date ?? null,
    afterId: after?.id ?? null,
    afterKey: after ? orderKey(spec.direction, after.date, after.id) : null,
  };
}

/** One page for each scope id ('all' uses a single pseudo id). Fetches `limit` rows per scope. */
export async function readEventPages(
  graph: Graph,
  spec: EventPageSpec,
  scopeIds: readonly string[],
  limit: number,
  after: EventKeyset | null,
): Promise<EventPageItem[][]> {
  const rows = await graph.read(
    eventsPageQuery(spec, after !== null),
    eventsPageParams(spec, scopeIds, limit, after),
  );
  const byScope = new Map<string, EventPageItem[]>();
  for (const r of rows) {
    const item = { cursor: { date: r.sortDate, id: r.row.id }, event: r.row };
    const list = byScope.get(r.scopeId);
    if (list) list.push(item);
    else byScope.set(r.scopeId, [item]);
  }
  // Rows of one scope come in the subquery's order; sorting again costs little and makes sure.
  const sign = spec.direction === 'ASC' ? 1 : -1;
  // Plain code-point comparison, as Cypher orders strings.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const order = (a: EventPageItem, b: EventPageItem) =>
    a.cursor.date === b.cursor.date
      ? cmp(a.cursor.id, b.cursor.id)
      : sign * cmp(a.cursor.date, b.cursor.date);
  return scopeIds.map((id) => (byScope.get(id) ?? []).sort(order));
}

export function eventsCountParams(
  spec: EventPageSpec,
  scopeIds: readonly string[],
): Record<string, unknown> {
  return {
    ...filterParams(spec.filter),
    ...keyRange(spec.direction, spec.filter),
    scopeIds: [...new Set(scopeIds)],
  };
}

export async function countEvents(
  graph: Graph,
  spec: EventPageSpec,
  scopeIds: readonly string[],
): Promise<number[]> {
  const rows = await graph.read(eventsCountQuery(spec), eventsCountParams(spec, scopeIds));
  const n = new Map(rows.map((r) => [r.scopeId, r.n]));
  return scopeIds.map((id) => n.get(id) ?? 0);
}
