// The hand-written Cypher floor: each benchmark query as one parameterised statement sent
// straight through the driver, with no GraphQL in between. It is what the other systems' overhead
// is measured against. Every statement carries a leading name comment, for Neo4j's query log.
import neo4j, { type Driver, type EagerResult, type RecordShape } from 'neo4j-driver';
import { SEARCH_INDEX } from '../../src/graph/migrations';
import { dateBound, orderKey } from '../../src/graph/role-order';
import { LINK_KINDS, PARTICIPANT_ROLES } from '../../src/ontology';
import {
  distinctActors,
  sortDetail,
  sortHits,
  type ActorNeighbourhood,
  type ActorPath,
  type ActorRef,
  type EventCount,
  type EventDetail,
  type EventSummary,
  type SearchHit,
} from '../shapes';

const ROLES = PARTICIPANT_ROLES.join('|');
const LINKS = LINK_KINDS.join('|');
const NODE_KINDS = ['Event', 'Actor', 'Quote', 'Claim', 'Article'];
export const FLOOR_MAX_PATH_HOPS = 10;

export interface EventsByActorParams {
  actorId: string;
  types: readonly string[];
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  first: number;
}

/** The floor's keyset cursor: the (occurredOn, id) of the last event seen. */
export interface FloorKeyset {
  occurredOn: string;
  id: string;
}

export interface EventsByActorDeepParams extends EventsByActorParams {
  after: FloorKeyset;
}

export interface EventDetailParams {
  eventId: string;
}

export interface ActorNeighbourhoodParams {
  actorId: string;
  first: number;
}

export interface SearchParams {
  /** Lucene terms, already escaped (see toLuceneTerms in src/graph/reads/search.ts). */
  terms: string;
  first: number;
}

export interface ActorPathParams {
  fromId: string;
  toId: string;
  maxHops: number;
}

export interface CountFilteredParams {
  type: string;
  from: string;
  to: string;
}

async function read<T extends RecordShape>(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const result = await driver.executeQuery<EagerResult<T>>(cypher, params, {
    database,
    routing: neo4j.routing.READ,
  });
  return result.records.map((r) => r.toObject());
}

/** A number from Cypher, whether or not the driver was built with disableLosslessIntegers. */
function num(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'number') return value;
  throw new Error(`expected a number from Neo4j, got ${JSON.stringify(value)}`);
}

/** The cursor after an event of a floor page (its date is known: the filters require a range). */
export function floorCursorOf(event: EventSummary): FloorKeyset {
  if (event.occurredOn === null) throw new Error(`event ${event.id} has no date`);
  return { occurredOn: event.occurredOn, id: event.id };
}

type EventSummaryRow = {
  id: string;
  type: string;
  summary: string;
  occurredOn: string | null;
};

// An actor's events through the role order index (src/graph/role-order.ts), as our API reads them:
// one seek per role type in (date, id) order from the range's first key (or the cursor's), each
// stopping after a page of events that pass the filters, then merged; UNION drops the second row of
// an event in which the actor holds two roles. The date range excludes events of unknown date.
// The composite index is sought only with a predicate on both its properties: IS NOT NULL.
const seekPerRole = (keyset: string, filters: string) =>
  PARTICIPANT_ROLES.map(
    (role) => `  MATCH (e:Event)-[r:${role}]->()
  WHERE r.actorId = $actorId AND r.orderAsc IS NOT NULL${keyset}${filters}
  WITH e, r ORDER BY r.actorId, r.orderAsc LIMIT $first
  RETURN e, r.orderAsc AS key`,
  ).join('\n  UNION\n');

const EVENTS_BY_ACTOR = (name: string, keyset: string) => `/* ${name} */
CALL () {
${seekPerRole(
  `\n    AND r.orderAsc >= $lowKey AND r.orderAsc < $highKey${keyset}`,
  `\n    AND e.type IN $types AND e.occurredOn >= date($from) AND e.occurredOn <= date($to)`,
)}
}
WITH e, key ORDER BY key LIMIT $first
RETURN e.id AS id, e.type AS type, e.summary AS summary, toString(e.occurredOn) AS occurredOn`;

const Q1 = EVENTS_BY_ACTOR('floorEventsByActor', '');
const Q2 = EVENTS_BY_ACTOR('floorEventsByActorDeep', ' AND r.orderAsc > $afterKey');

/** The range's keys: from the first key of `from` to above every key of `to`. */
const rangeKeys = (p: EventsByActorParams) => ({
  lowKey: orderKey('ASC', p.from, ''),
  highKey: dateBound('ASC', p.to),
});

/** A statement and its parameters: what bench/plans.ts profiles. */
export interface FloorStatement {
  cypher: string;
  params: Record<string, unknown>;
}

/** Q1's statement, or Q2's when `after` is given. */
export function floorEventsByActorStatement(
  p: EventsByActorParams,
  after: FloorKeyset | null,
): FloorStatement {
  return {
    cypher: after ? Q2 : Q1,
    params: {
      ...rangeKeys(p),
      actorId: p.actorId,
      types: [...p.types],
      from: p.from,
      to: p.to,
      first: neo4j.int(p.first),
      ...(after ? { afterKey: orderKey('ASC', after.occurredOn, after.id) } : {}),
    },
  };
}

/** Q1: the first page of an actor's events of some types in a date range. */
export async function floorEventsByActor(
  driver: Driver,
  database: string,
  p: EventsByActorParams,
): Promise<EventSummary[]> {
  const s = floorEventsByActorStatement(p, null);
  return read<EventSummaryRow>(driver, database, s.cypher, s.params);
}

/** Q2: the page after a keyset cursor, deep in the same walk. */
export async function floorEventsByActorDeep(
  driver: Driver,
  database: string,
  p: EventsByActorDeepParams,
): Promise<EventSummary[]> {
  const s = floorEventsByActorStatement(p, p.after);
  return read<EventSummaryRow>(driver, database, s.cypher, s.params);
}

const Q3 = `/* floorEventDetail */
MATCH (e:Event {id: $eventId})
RETURN e.id AS id, e.type AS type, e.summary AS summary, toString(e.occurredOn) AS occurredOn,
  [(e)-[r:${ROLES}]->(a:Actor) | {role: type(r), actor: {id: a.id, name: a.name}}] AS participants,
  [(e)-[l:${LINKS}]->(o:Event) | {kind: type(l), direction: 'OUTGOING', other: {id: o.id, summary: o.summary}}]
    + [(e)<-[l:${LINKS}]-(o:Event) | {kind: type(l), direction: 'INCOMING', other: {id: o.id, summary: o.summary}}] AS links,
  [(s:Actor)-[:SAID]->(q:Quote)-[:MADE_IN]->(e) | {text: q.text, speaker: {name: s.name}}] AS quotes,
  reduce(acc = [], spans IN [(:Article)-[r:REPORTS]->(e) |
      [i IN range(0, size(coalesce(r.evStart, [])) - 1) | {start: r.evStart[i], end: r.evEnd[i], text: r.evText[i]}]]
    | acc + spans) AS evidence`;

type EventDetailRow = Omit<EventDetail, 'evidence'> & {
  evidence: { start: unknown; end: unknown; text: string }[];
};

/** Q3: one event with its participants, links, quotes and evidence. */
export async function floorEventDetail(
  driver: Driver,
  database: string,
  p: EventDetailParams,
): Promise<EventDetail | null> {
  const [row] = await read<EventDetailRow>(driver, database, Q3, { eventId: p.eventId });
  if (!row) return null;
  return sortDetail({
    ...row,
    evidence: row.evidence.map((s) => ({ start: num(s.start), end: num(s.end), text: s.text })),
  });
}

const Q4 = `/* floorActorNeighbourhood */
MATCH (a:Actor {id: $actorId})
CALL (a) {
  CALL () {
${seekPerRole('', '')}
  }
  WITH e, key ORDER BY key LIMIT $first
  RETURN collect({
    id: e.id,
    occurredOn: toString(e.occurredOn),
    actors: [(e)-[:${ROLES}]->(p:Actor) | {id: p.id, name: p.name}]
  }) AS events
}
RETURN a.id AS id, a.name AS name, events`;

export function floorActorNeighbourhoodStatement(p: ActorNeighbourhoodParams): FloorStatement {
  return { cypher: Q4, params: { actorId: p.actorId, first: neo4j.int(p.first) } };
}

/** Q4: an actor, its first events by date (then id), and each event's participants. */
export async function floorActorNeighbourhood(
  driver: Driver,
  database: string,
  p: ActorNeighbourhoodParams,
): Promise<ActorNeighbourhood | null> {
  const [row] = await read<{
    id: string;
    name: string;
    events: { id: string; occurredOn: string | null; actors: ActorRef[] }[];
  }>(driver, database, Q4, floorActorNeighbourhoodStatement(p).params);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    events: row.events.map((e) => ({ ...e, actors: distinctActors(e.actors) })),
  };
}

const Q5 = `/* floorSearch */
CALL db.index.fulltext.queryNodes($index, $terms, {limit: $first})
YIELD node, score
RETURN score, [l IN labels(node) WHERE l IN $kinds][0] AS kind, node.id AS id
ORDER BY score DESC
LIMIT $first`;

/** Q5: the best full-text hits over the mediagraph_search index. */
export async function floorSearch(
  driver: Driver,
  database: string,
  p: SearchParams,
): Promise<SearchHit[]> {
  const rows = await read<{ score: unknown; kind: string; id: string }>(driver, database, Q5, {
    index: SEARCH_INDEX,
    terms: p.terms,
    first: neo4j.int(p.first),
    kinds: NODE_KINDS,
  });
  return sortHits(rows.map((r) => ({ score: num(r.score), kind: r.kind, id: r.id })));
}

// A variable-length bound cannot be a parameter; it comes from a checked integer, never from text.
const q6 = (maxHops: number) => `/* floorActorPath */
MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
MATCH p = shortestPath((a)-[:${ROLES}*..${2 * maxHops}]-(b))
RETURN length(p) / 2 AS hops, [n IN nodes(p) | n.id] AS nodeIds`;

/** Q6: the shortest chain of at most maxHops events between two actors, or null. */
export async function floorActorPath(
  driver: Driver,
  database: string,
  p: ActorPathParams,
): Promise<ActorPath | null> {
  if (!Number.isInteger(p.maxHops) || p.maxHops < 1 || p.maxHops > FLOOR_MAX_PATH_HOPS) {
    throw new Error(`maxHops must be an integer from 1 to ${FLOOR_MAX_PATH_HOPS}`);
  }
  if (p.fromId === p.toId)
    throw new Error('the floor does not answer paths from an actor to itself');
  const [row] = await read<{ hops: unknown; nodeIds: string[] }>(driver, database, q6(p.maxHops), {
    fromId: p.fromId,
    toId: p.toId,
  });
  return row ? { hops: num(row.hops), nodeIds: row.nodeIds } : null;
}

const Q7 = `/* floorCountFiltered */
MATCH (e:Event)
WHERE e.type = $type AND e.occurredOn >= date($from) AND e.occurredOn <= date($to)
RETURN count(e) AS n`;

/** Q7: how many events of one type fall in a date range. */
export async function floorCountFiltered(
  driver: Driver,
  database: string,
  p: CountFilteredParams,
): Promise<EventCount> {
  const [row] = await read<{ n: unknown }>(driver, database, Q7, {
    type: p.type,
    from: p.from,
    to: p.to,
  });
  return { count: row ? num(row.n) : 0 };
}

const CHECK_PATH = `/* floorCheckActorPath */
UNWIND range(0, size($nodeIds) - 2) AS i
WITH i,
  CASE i % 2 WHEN 0 THEN $nodeIds[i] ELSE $nodeIds[i + 1] END AS actorId,
  CASE i % 2 WHEN 0 THEN $nodeIds[i + 1] ELSE $nodeIds[i] END AS eventId
RETURN i, EXISTS { (:Event {id: eventId})-[:${ROLES}]->(:Actor {id: actorId}) } AS linked`;

/**
 * Whether nodeIds is a real chain actor, event, actor, ... through participant relationships.
 * Not a benchmark query: it lets the harness accept a different shortest path of the same length.
 */
export async function floorIsActorPath(
  driver: Driver,
  database: string,
  nodeIds: readonly string[],
): Promise<boolean> {
  if (nodeIds.length % 2 === 0) return false;
  if (nodeIds.length === 1) return true;
  const rows = await read<{ i: unknown; linked: boolean }>(driver, database, CHECK_PATH, {
    nodeIds: [...nodeIds],
  });
  return rows.length === nodeIds.length - 1 && rows.every((r) => r.linked);
}
