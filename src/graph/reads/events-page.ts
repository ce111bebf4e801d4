// Pages of events under the analysts' filters, with keyset cursors on (date, id): a page deep in
// the walk costs what the first one costs, unlike SKIP. One query serves many parents at once
// (Actor.events, Article.events), so nested connections do not fan out.
import { z } from 'zod';
import { PARTICIPANT_ROLES } from '../../ontology';
import { defineQuery, type Graph, type Query } from '../driver';
import { EVENT } from '../projections';
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
export type SortDirection = 'ASC' | 'DESC';

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
const UNKNOWN_DATE: Record<SortDirection, string> = { ASC: '9999-12-31', DESC: '0001-01-01' };

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
}

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

/** The MATCH and WHERE shared by the page and the count, starting from the most selective node. */
function matchClause(spec: EventPageSpec): string {
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
  const where = [...rest.map((c) => c.check), ...own.where];
  // Predicates stand on the MATCH itself, where the planner can use the indexes for them.
  const match = `${first?.start ?? 'MATCH (e:Event)'}${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}`;
  // One actor can hold several roles in one event: count each event once.
  return first?.distinct ? `${match}\n  WITH DISTINCT e` : match;
}

const pageRow = z.object({ scopeId: z.string(), sortDate: z.string(), row: eventRow });
const countRow = z.object({ scopeId: z.string(), n: z.number().int() });

export function eventsPageQuery(
  spec: EventPageSpec,
  withAfter: boolean,
): Query<z.output<typeof pageRow>> {
  const cmp = spec.direction === 'ASC' ? '>' : '<';
  const keyset = withAfter
    ? `\n  WHERE k ${cmp} date($afterDate) OR (k = date($afterDate) AND e.id > $afterId)`
    : '';
  return defineQuery(
    `eventsPage_${spec.scope}`,
    `UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  ${matchClause(spec)}
  WITH e, coalesce(e.occurredOn, date('${UNKNOWN_DATE[spec.direction]}')) AS k${keyset}
  RETURN e, k
  ORDER BY k ${spec.direction}, e.id ASC
  LIMIT toInteger($limit)
}
RETURN scopeId, toString(k) AS sortDate, ${EVENT('e')} AS row`,
    pageRow,
  );
}

export function eventsCountQuery(spec: EventPageSpec): Query<z.output<typeof countRow>> {
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

/** One page for each scope id ('all' uses a single pseudo id). Fetches `limit` rows per scope. */
export async function readEventPages(
  graph: Graph,
  spec: EventPageSpec,
  scopeIds: readonly string[],
  limit: number,
  after: EventKeyset | null,
): Promise<EventPageItem[][]> {
  const rows = await graph.read(eventsPageQuery(spec, after !== null), {
    ...filterParams(spec.filter),
    scopeIds: [...new Set(scopeIds)],
    limit,
    afterDate: after?.date ?? null,
    afterId: after?.id ?? null,
  });
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

export async function countEvents(
  graph: Graph,
  spec: EventPageSpec,
  scopeIds: readonly string[],
): Promise<number[]> {
  const rows = await graph.read(eventsCountQuery(spec), {
    ...filterParams(spec.filter),
    scopeIds: [...new Set(scopeIds)],
  });
  const n = new Map(rows.map((r) => [r.scopeId, r.n]));
  return scopeIds.map((id) => n.get(id) ?? 0);
}
