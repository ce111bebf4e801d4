// The benchmark's query mix, Q1 to Q7, for each of the three systems: our API, the @neo4j/graphql
// peer and the hand-written Cypher floor. For the two GraphQL systems: the document, a builder of
// its variables and a normaliser of its response; for the floor, its function. All three answer in
// the common shapes of shapes.ts, so `checkAgreement` can assert they agree before any timing.
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { toLuceneTerms } from '../src/graph/reads/search';
import {
  floorActorNeighbourhood,
  floorActorPath,
  floorCountFiltered,
  floorCursorOf,
  floorEventDetail,
  floorEventsByActor,
  floorEventsByActorDeep,
  floorIsActorPath,
  floorSearch,
  type ActorNeighbourhoodParams,
  type ActorPathParams,
  type CountFilteredParams,
  type EventDetailParams,
  type EventsByActorParams,
  type FloorKeyset,
} from './peers/cypher-floor';
import { LINK_FIELDS, ROLE_FIELDS } from './peers/neo4j-graphql';
import {
  distinctActors,
  keyOfGlobalId,
  sortDetail,
  sortHits,
  type ActorNeighbourhood,
  type ActorPath,
  type EventCount,
  type EventDetail,
  type EventSummary,
  type SearchHit,
} from './shapes';

export type QueryId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'Q6' | 'Q7';
export const QUERY_IDS: readonly QueryId[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'];

export type SystemName = 'ours' | 'neo4j-graphql' | 'cypher-floor';
export const SYSTEM_NAMES: readonly SystemName[] = ['ours', 'neo4j-graphql', 'cypher-floor'];

/** Q2's cursor: each system walks with its own mechanism to the same place. */
export interface DeepCursors {
  /** Our API's keyset cursor (endCursor of the page before). */
  ours: string;
  /** @neo4j/graphql's connection cursor (endCursor of the page before). */
  peer: string;
  /** The floor's keyset: (occurredOn, id) of the last event of the page before. */
  floor: FloorKeyset;
}

export type EventsByActorDeepBenchParams = EventsByActorParams & { after: DeepCursors };

export interface SearchBenchParams {
  /** Plain words, as an analyst types them; every system gets the same escaped Lucene terms. */
  text: string;
  first: number;
}

/** The parameters and the common result shape of each query. */
export interface QueryTypes {
  Q1: { params: EventsByActorParams; result: EventSummary[] };
  Q2: { params: EventsByActorDeepBenchParams; result: EventSummary[] };
  Q3: { params: EventDetailParams; result: EventDetail | null };
  Q4: { params: ActorNeighbourhoodParams; result: ActorNeighbourhood | null };
  Q5: { params: SearchBenchParams; result: SearchHit[] };
  Q6: { params: ActorPathParams; result: ActorPath | null };
  Q7: { params: CountFilteredParams; result: EventCount };
}
export type ParamsOf<K extends QueryId> = QueryTypes[K]['params'];
export type ResultOf<K extends QueryId> = QueryTypes[K]['result'];

export interface GraphqlOperation<P, R> {
  operationName: string;
  document: string;
  variables(p: P): Record<string, unknown>;
  /** The response's `data` in the common shape. */
  normalise(data: unknown, p: P): R;
}

export interface Comparison {
  agree: boolean;
  /** What differs, or why two different answers are both accepted. */
  note?: string;
}

export interface BenchQuery<P, R> {
  id: QueryId;
  name: string;
  ours: GraphqlOperation<P, R>;
  peer: GraphqlOperation<P, R>;
  floor(driver: Driver, database: string, p: P): Promise<R>;
  compare(a: R, b: R): Comparison;
}

// ---------------------------------------------------------------------------------------------
// Response schemas and helpers

const eventSummary = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string(),
  occurredOn: z.string().nullable(),
});
const actorRef = z.object({ id: z.string(), name: z.string() });
const pageInfo = z.object({ endCursor: z.string().nullable() });

function parse<T extends z.ZodTypeAny>(schema: T, data: unknown, what: string): z.output<T> {
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new Error(
      `unexpected ${what} response: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data as z.output<T>;
}

const ourEventId = (id: string) => keyOfGlobalId(id, 'Event');
const ourActorRef = (a: { id: string; name: string }) => ({
  id: keyOfGlobalId(a.id, 'Actor'),
  name: a.name,
});

/** JSON with every object's keys in order, so maps from Cypher compare equal to literals. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function sameJson(a: unknown, b: unknown): Comparison {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x === y ? { agree: true } : { agree: false, note: `${x}\n  vs\n  ${y}` };
}

function terms(text: string): string {
  const t = toLuceneTerms(text);
  if (t === null) throw new Error('the search text has no word');
  return t;
}

/** Our API's event filter for "actor A in any role, types T, date range". */
function ourFilter(p: EventsByActorParams) {
  return {
    actorId: `Actor:${p.actorId}`,
    types: [...p.types],
    occurredFrom: p.from,
    occurredTo: p.to,
  };
}

/** @neo4j/graphql: the actor in any role is one OR over the per-role relationship fields. */
function anyRole(actorId: string) {
  return ROLE_FIELDS.map((r) => ({ [r.onEvent]: { some: { id: { eq: actorId } } } }));
}

function peerWhere(p: EventsByActorParams) {
  return {
    type: { in: [...p.types] },
    occurredOn: { gte: p.from, lte: p.to },
    OR: anyRole(p.actorId),
  };
}

// ---------------------------------------------------------------------------------------------
// Q1 and Q2: events by actor, first page and a page deep in the walk

const OURS_EVENTS_PAGE = (
  name: string,
) => `query ${name}($filter: EventFilter!, $first: Int!, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { node { id type summary occurredOn } }
    pageInfo { endCursor }
  }
}`;

const PEER_EVENTS_PAGE = (
  name: string,
) => `query ${name}($where: EventWhere!, $first: Int!, $after: String) {
  eventsConnection(where: $where, first: $first, after: $after, sort: [{ occurredOn: ASC }, { id: ASC }]) {
    edges { node { id type summary occurredOn } }
    pageInfo { endCursor }
  }
}`;

const oursPage = z.object({
  events: z.object({ edges: z.array(z.object({ node: eventSummary })), pageInfo }),
});
const peerPage = z.object({
  eventsConnection: z.object({ edges: z.array(z.object({ node: eventSummary })), pageInfo }),
});

/** The page and the cursor after it, from one of our API's page responses. */
export function oursEventsPage(data: unknown): {
  events: EventSummary[];
  endCursor: string | null;
} {
  const d = parse(oursPage, data, 'our events page').events;
  return {
    events: d.edges.map(({ node }) => ({ ...node, id: ourEventId(node.id) })),
    endCursor: d.pageInfo.endCursor,
  };
}

/** The page and the cursor after it, from one of the @neo4j/graphql peer's page responses. */
export function peerEventsPage(data: unknown): {
  events: EventSummary[];
  endCursor: string | null;
} {
  const d = parse(peerPage, data, 'peer events page').eventsConnection;
  return { events: d.edges.map((e) => e.node), endCursor: d.pageInfo.endCursor };
}

const eventsByActor: BenchQuery<EventsByActorParams, EventSummary[]> = {
  id: 'Q1',
  name: 'eventsByActor',
  ours: {
    operationName: 'OursEventsByActor',
    document: OURS_EVENTS_PAGE('OursEventsByActor'),
    variables: (p) => ({ filter: ourFilter(p), first: p.first, after: null }),
    normalise: (data) => oursEventsPage(data).events,
  },
  peer: {
    operationName: 'PeerEventsByActor',
    document: PEER_EVENTS_PAGE('PeerEventsByActor'),
    variables: (p) => ({ where: peerWhere(p), first: p.first, after: null }),
    normalise: (data) => peerEventsPage(data).events,
  },
  floor: floorEventsByActor,
  compare: sameJson,
};

const eventsByActorDeep: BenchQuery<EventsByActorDeepBenchParams, EventSummary[]> = {
  id: 'Q2',
  name: 'eventsByActorDeep',
  ours: {
    operationName: 'OursEventsByActorDeep',
    document: OURS_EVENTS_PAGE('OursEventsByActorDeep'),
    variables: (p) => ({ filter: ourFilter(p), first: p.first, after: p.after.ours }),
    normalise: (data) => oursEventsPage(data).events,
  },
  peer: {
    operationName: 'PeerEventsByActorDeep',
    document: PEER_EVENTS_PAGE('PeerEventsByActorDeep'),
    variables: (p) => ({ where: peerWhere(p), first: p.first, after: p.after.peer }),
    normalise: (data) => peerEventsPage(data).events,
  },
  floor: (driver, database, p) =>
    floorEventsByActorDeep(driver, database, { ...p, after: p.after.floor }),
  compare: sameJson,
};

// ---------------------------------------------------------------------------------------------
// Q3: one event in detail

const OURS_EVENT_DETAIL = `query OursEventDetail($id: ID!) {
  event(id: $id) {
    id type summary occurredOn
    participants { role actor { id name } }
    links { kind direction other { id summary } }
    quotes { text speaker { name } }
    evidence { start end text }
  }
}`;

const PEER_EVENT_DETAIL = `query PeerEventDetail($id: ID!) {
  events(where: { id: { eq: $id } }) {
    id type summary occurredOn
    ${ROLE_FIELDS.map((r) => `${r.onEvent} { id name }`).join('\n    ')}
    ${LINK_FIELDS.map((l) => `${l.outgoing} { id summary } ${l.incoming} { id summary }`).join('\n    ')}
    quotes { text speaker { name } }
    reportedInConnection { edges { properties { evStart evEnd evText } } }
  }
}`;

const other = z.object({ id: z.string(), summary: z.string() });
const oursDetail = z.object({
  event: eventSummary
    .extend({
      participants: z.array(z.object({ role: z.string(), actor: actorRef })),
      links: z.array(
        z.object({ kind: z.string(), direction: z.enum(['OUTGOING', 'INCOMING']), other }),
      ),
      quotes: z.array(z.object({ text: z.string(), speaker: z.object({ name: z.string() }) })),
      evidence: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
    })
    .nullable(),
});

const peerDetailEvent = eventSummary
  .extend({
    quotes: z.array(
      z.object({ text: z.string(), speaker: z.array(z.object({ name: z.string() })) }),
    ),
    reportedInConnection: z.object({
      edges: z.array(
        z.object({
          properties: z.object({
            evStart: z.array(z.number()).nullable(),
            evEnd: z.array(z.number()).nullable(),
            evText: z.array(z.string()).nullable(),
          }),
        }),
      ),
    }),
  })
  .catchall(z.unknown());
const peerDetail = z.object({ events: z.array(peerDetailEvent) });

function peerEventDetail(data: unknown): EventDetail | null {
  const [e] = parse(peerDetail, data, 'peer event detail').events;
  if (!e) return null;
  const list = <T extends z.ZodTypeAny>(field: string, schema: T): z.output<T>[] =>
    parse(z.array(schema), e[field], `peer event detail ${field}`);
  return sortDetail({
    id: e.id,
    type: e.type,
    summary: e.summary,
    occurredOn: e.occurredOn,
    participants: ROLE_FIELDS.flatMap((r) =>
      list(r.onEvent, actorRef).map((actor) => ({ role: r.role, actor })),
    ),
    links: LINK_FIELDS.flatMap((l) => [
      ...list(l.outgoing, other).map((o) => ({
        kind: l.kind,
        direction: 'OUTGOING' as const,
        other: o,
      })),
      ...list(l.incoming, other).map((o) => ({
        kind: l.kind,
        direction: 'INCOMING' as const,
        other: o,
      })),
    ]),
    // Our model gives every quote exactly one speaker; the library sees a list.
    quotes: e.quotes.map((q) => ({ text: q.text, speaker: { name: q.speaker[0]?.name ?? '' } })),
    evidence: e.reportedInConnection.edges.flatMap(({ properties: r }) =>
      (r.evStart ?? []).map((start, i) => ({
        start,
        end: r.evEnd?.[i] ?? -1,
        text: r.evText?.[i] ?? '',
      })),
    ),
  });
}

const eventDetail: BenchQuery<EventDetailParams, EventDetail | null> = {
  id: 'Q3',
  name: 'eventDetail',
  ours: {
    operationName: 'OursEventDetail',
    document: OURS_EVENT_DETAIL,
    variables: (p) => ({ id: `Event:${p.eventId}` }),
    normalise: (data) => {
      const e = parse(oursDetail, data, 'our event detail').event;
      if (!e) return null;
      return sortDetail({
        ...e,
        id: ourEventId(e.id),
        participants: e.participants.map((x) => ({ role: x.role, actor: ourActorRef(x.actor) })),
        links: e.links.map((l) => ({ ...l, other: { ...l.other, id: ourEventId(l.other.id) } })),
      });
    },
  },
  peer: {
    operationName: 'PeerEventDetail',
    document: PEER_EVENT_DETAIL,
    variables: (p) => ({ id: p.eventId }),
    normalise: (data) => peerEventDetail(data),
  },
  floor: floorEventDetail,
  compare: sameJson,
};

// ---------------------------------------------------------------------------------------------
// Q4: an actor's neighbourhood

const OURS_NEIGHBOURHOOD = `query OursActorNeighbourhood($id: ID!, $first: Int!) {
  actor(id: $id) {
    id name
    events(first: $first) {
      edges { node { id occurredOn participants { actor { id name } } } }
    }
  }
}`;

// @neo4j/graphql has no "events in any role" field on Actor: the events come from the root field,
// filtered by the per-role relationships and sorted by the database, beside the actor itself.
const PEER_NEIGHBOURHOOD = `query PeerActorNeighbourhood($id: ID!, $where: EventWhere!, $first: Int!) {
  actors(where: { id: { eq: $id } }) { id name }
  events(where: $where, sort: [{ occurredOn: ASC }, { id: ASC }], limit: $first) {
    id occurredOn
    ${ROLE_FIELDS.map((r) => `${r.onEvent} { id name }`).join('\n    ')}
  }
}`;

const oursNeighbourhood = z.object({
  actor: actorRef
    .extend({
      events: z.object({
        edges: z.array(
          z.object({
            node: z.object({
              id: z.string(),
              occurredOn: z.string().nullable(),
              participants: z.array(z.object({ actor: actorRef })),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});
const peerNeighbourhood = z.object({
  actors: z.array(actorRef),
  events: z.array(
    z.object({ id: z.string(), occurredOn: z.string().nullable() }).catchall(z.unknown()),
  ),
});

const actorNeighbourhood: BenchQuery<ActorNeighbourhoodParams, ActorNeighbourhood | null> = {
  id: 'Q4',
  name: 'actorNeighbourhood',
  ours: {
    operationName: 'OursActorNeighbourhood',
    document: OURS_NEIGHBOURHOOD,
    variables: (p) => ({ id: `Actor:${p.actorId}`, first: p.first }),
    normalise: (data) => {
      const a = parse(oursNeighbourhood, data, 'our actor neighbourhood').actor;
      if (!a) return null;
      return {
        ...ourActorRef(a),
        events: a.events.edges.map(({ node }) => ({
          id: ourEventId(node.id),
          occurredOn: node.occurredOn,
          actors: distinctActors(node.participants.map((x) => ourActorRef(x.actor))),
        })),
      };
    },
  },
  peer: {
    operationName: 'PeerActorNeighbourhood',
    document: PEER_NEIGHBOURHOOD,
    variables: (p) => ({ id: p.actorId, where: { OR: anyRole(p.actorId) }, first: p.first }),
    normalise: (data) => {
      const d = parse(peerNeighbourhood, data, 'peer actor neighbourhood');
      const [a] = d.actors;
      if (!a) return null;
      return {
        id: a.id,
        name: a.name,
        events: d.events.map((e) => ({
          id: e.id,
          occurredOn: e.occurredOn,
          actors: distinctActors(
            ROLE_FIELDS.flatMap((r) => parse(z.array(actorRef), e[r.onEvent], r.onEvent)),
          ),
        })),
      };
    },
  },
  floor: floorActorNeighbourhood,
  compare: sameJson,
};

// ---------------------------------------------------------------------------------------------
// Q5: full-text search

const OURS_SEARCH = `query OursSearch($text: String!, $first: Int!) {
  search(query: $text, first: $first) { score node { __typename id } }
}`;

// One @fulltext query field per node type over the same index; the client merges them by score.
const PEER_FULLTEXT_FIELDS = [
  { kind: 'Event', field: 'eventsFulltext' },
  { kind: 'Actor', field: 'actorsFulltext' },
  { kind: 'Quote', field: 'quotesFulltext' },
  { kind: 'Claim', field: 'claimsFulltext' },
  { kind: 'Article', field: 'articlesFulltext' },
] as const;

const PEER_SEARCH = `query PeerSearch($phrase: String!, $first: Int!) {
  ${PEER_FULLTEXT_FIELDS.map(
    (f) =>
      `${f.field}(phrase: $phrase, first: $first, sort: [{ score: DESC }]) { edges { score node { id } } }`,
  ).join('\n  ')}
}`;

const oursSearch = z.object({
  search: z.array(
    z.object({ score: z.number(), node: z.object({ __typename: z.string(), id: z.string() }) }),
  ),
});
const peerHits = z.object({
  edges: z.array(z.object({ score: z.number(), node: z.object({ id: z.string() }) })),
});

/** Agreement up to float noise, and up to which of several hits tied on the last score made it. */
function compareHits(a: SearchHit[], b: SearchHit[]): Comparison {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
  const exact =
    a.length === b.length &&
    a.every((h, i) => {
      const o = b[i];
      return o !== undefined && h.kind === o.kind && h.id === o.id && close(h.score, o.score);
    });
  if (exact) return { agree: true };
  const last = a[a.length - 1]?.score;
  const above = (hits: SearchHit[]) =>
    hits.filter((h) => last === undefined || !close(h.score, last));
  const tieOnly =
    a.length === b.length &&
    last !== undefined &&
    b.every((h, i) => close(h.score, a[i]?.score ?? NaN)) &&
    sameJson(above(a), above(b)).agree;
  return tieOnly ? { agree: true, note: 'hits tied on the last score differ' } : sameJson(a, b);
}

const search: BenchQuery<SearchBenchParams, SearchHit[]> = {
  id: 'Q5',
  name: 'search',
  ours: {
    operationName: 'OursSearch',
    document: OURS_SEARCH,
    variables: (p) => ({ text: p.text, first: p.first }),
    normalise: (data) =>
      sortHits(
        parse(oursSearch, data, 'our search').search.map((h) => ({
          score: h.score,
          kind: h.node.__typename,
          id: keyOfGlobalId(h.node.id, h.node.__typename),
        })),
      ),
  },
  peer: {
    operationName: 'PeerSearch',
    document: PEER_SEARCH,
    variables: (p) => ({ phrase: terms(p.text), first: p.first }),
    normalise: (data, p) => {
      const d = parse(z.record(peerHits), data, 'peer search');
      const hits = PEER_FULLTEXT_FIELDS.flatMap((f) =>
        (d[f.field]?.edges ?? []).map((e) => ({ score: e.score, kind: f.kind, id: e.node.id })),
      );
      return sortHits(hits).slice(0, p.first);
    },
  },
  floor: (driver, database, p) =>
    floorSearch(driver, database, { terms: terms(p.text), first: p.first }),
  compare: compareHits,
};

// ---------------------------------------------------------------------------------------------
// Q6: the shortest path between two actors

const OURS_PATH = `query OursActorPath($fromId: ID!, $toId: ID!, $maxHops: Int!) {
  actorPath(fromId: $fromId, toId: $toId, maxHops: $maxHops) {
    hops
    nodes { __typename id }
  }
}`;

const PEER_PATH = `query PeerActorPath($fromId: ID!, $toId: ID!) {
  actorPath(fromId: $fromId, toId: $toId) {
    __typename
    ... on Actor { id }
    ... on Event { id }
  }
}`;

/** The peer's @cypher field has the bound written in: 4 events. */
export const PEER_PATH_MAX_HOPS = 4;

const oursPath = z.object({
  actorPath: z
    .object({
      hops: z.number(),
      nodes: z.array(z.object({ __typename: z.string(), id: z.string() })),
    })
    .nullable(),
});
const peerPath = z.object({
  actorPath: z.array(z.object({ __typename: z.string(), id: z.string() })),
});

function comparePaths(a: ActorPath | null, b: ActorPath | null): Comparison {
  if (sameJson(a, b).agree) return { agree: true };
  if (
    a &&
    b &&
    a.hops === b.hops &&
    a.nodeIds.length === b.nodeIds.length &&
    a.nodeIds[0] === b.nodeIds[0] &&
    a.nodeIds[a.nodeIds.length - 1] === b.nodeIds[b.nodeIds.length - 1]
  ) {
    return {
      agree: true,
      note: `another shortest path of the same length: ${a.nodeIds.join(' ')} / ${b.nodeIds.join(' ')}`,
    };
  }
  return sameJson(a, b);
}

const actorPath: BenchQuery<ActorPathParams, ActorPath | null> = {
  id: 'Q6',
  name: 'actorPath',
  ours: {
    operationName: 'OursActorPath',
    document: OURS_PATH,
    variables: (p) => ({
      fromId: `Actor:${p.fromId}`,
      toId: `Actor:${p.toId}`,
      maxHops: p.maxHops,
    }),
    normalise: (data) => {
      const path = parse(oursPath, data, 'our actor path').actorPath;
      if (!path) return null;
      return {
        hops: path.hops,
        nodeIds: path.nodes.map((n) => keyOfGlobalId(n.id, n.__typename)),
      };
    },
  },
  peer: {
    operationName: 'PeerActorPath',
    document: PEER_PATH,
    variables: (p) => {
      if (p.maxHops !== PEER_PATH_MAX_HOPS) {
        throw new Error(`the peer's actorPath is written for maxHops ${PEER_PATH_MAX_HOPS}`);
      }
      return { fromId: p.fromId, toId: p.toId };
    },
    normalise: (data) => {
      const nodes = parse(peerPath, data, 'peer actor path').actorPath;
      return nodes.length === 0
        ? null
        : { hops: (nodes.length - 1) / 2, nodeIds: nodes.map((n) => n.id) };
    },
  },
  floor: floorActorPath,
  compare: comparePaths,
};

// ---------------------------------------------------------------------------------------------
// Q7: a filtered count

const OURS_COUNT = `query OursCountFiltered($filter: EventFilter!) {
  events(filter: $filter, first: 0) { totalCount }
}`;

const PEER_COUNT = `query PeerCountFiltered($where: EventWhere!) {
  eventsConnection(where: $where) { aggregate { count { nodes } } }
}`;

const countFiltered: BenchQuery<CountFilteredParams, EventCount> = {
  id: 'Q7',
  name: 'countFiltered',
  ours: {
    operationName: 'OursCountFiltered',
    document: OURS_COUNT,
    variables: (p) => ({ filter: { types: [p.type], occurredFrom: p.from, occurredTo: p.to } }),
    normalise: (data) => ({
      count: parse(z.object({ events: z.object({ totalCount: z.number() }) }), data, 'our count')
        .events.totalCount,
    }),
  },
  peer: {
    operationName: 'PeerCountFiltered',
    document: PEER_COUNT,
    variables: (p) => ({
      where: { type: { eq: p.type }, occurredOn: { gte: p.from, lte: p.to } },
    }),
    normalise: (data) => ({
      count: parse(
        z.object({
          eventsConnection: z.object({
            aggregate: z.object({ count: z.object({ nodes: z.number() }) }),
          }),
        }),
        data,
        'peer count',
      ).eventsConnection.aggregate.count.nodes,
    }),
  },
  floor: floorCountFiltered,
  compare: sameJson,
};

export const QUERIES: { [K in QueryId]: BenchQuery<ParamsOf<K>, ResultOf<K>> } = {
  Q1: eventsByActor,
  Q2: eventsByActorDeep,
  Q3: eventDetail,
  Q4: actorNeighbourhood,
  Q5: search,
  Q6: actorPath,
  Q7: countFiltered,
};

// ---------------------------------------------------------------------------------------------
// Running the mix

/** Sends one GraphQL operation and returns its `data`; throws on any GraphQL error. */
export type GraphqlClient = (
  document: string,
  variables: Record<string, unknown>,
  operationName: string,
) => Promise<unknown>;

export interface Systems {
  ours: GraphqlClient;
  peer: GraphqlClient;
  driver: Driver;
  database: string;
}

/** Runs one query on one system and returns its answer in the common shape. */
export async function runOn<K extends QueryId>(
  systems: Systems,
  system: SystemName,
  id: K,
  params: ParamsOf<K>,
): Promise<ResultOf<K>> {
  const q = QUERIES[id] as BenchQuery<ParamsOf<K>, ResultOf<K>>;
  if (system === 'cypher-floor') return q.floor(systems.driver, systems.database, params);
  const op = system === 'ours' ? q.ours : q.peer;
  const client = system === 'ours' ? systems.ours : systems.peer;
  const data = await client(op.document, op.variables(params), op.operationName);
  return op.normalise(data, params);
}

/**
 * Walks `pages` pages of Q1 on every system and returns, for each, its cursor after the last of
 * them: Q2's `after`. Null when some system's walk ends before that.
 */
export async function findDeepCursors(
  systems: Systems,
  params: EventsByActorParams,
  pages: number,
): Promise<DeepCursors | null> {
  const q1 = QUERIES.Q1;
  let ours: string | null = null;
  let peer: string | null = null;
  let floor: FloorKeyset | null = null;
  for (let page = 0; page < pages; page++) {
    const o = oursEventsPage(
      await systems.ours(
        q1.ours.document,
        { ...q1.ours.variables(params), after: ours },
        q1.ours.operationName,
      ),
    );
    const n = peerEventsPage(
      await systems.peer(
        q1.peer.document,
        { ...q1.peer.variables(params), after: peer },
        q1.peer.operationName,
      ),
    );
    const f = floor
      ? await floorEventsByActorDeep(systems.driver, systems.database, { ...params, after: floor })
      : await floorEventsByActor(systems.driver, systems.database, params);
    const lastFloor = f[f.length - 1];
    if (!o.endCursor || !n.endCursor || !lastFloor) return null;
    ours = o.endCursor;
    peer = n.endCursor;
    floor = floorCursorOf(lastFloor);
  }
  return ours && peer && floor ? { ours, peer, floor } : null;
}

export interface Agreement<R> {
  id: QueryId;
  agree: boolean;
  results: Record<SystemName, R>;
  notes: string[];
}

/**
 * Runs one query on all three systems and compares our API and the peer with the floor. For Q6,
 * a different path is accepted only when it has the same length and is a real chain in the graph.
 */
export async function checkAgreement<K extends QueryId>(
  systems: Systems,
  id: K,
  params: ParamsOf<K>,
): Promise<Agreement<ResultOf<K>>> {
  const q = QUERIES[id] as BenchQuery<ParamsOf<K>, ResultOf<K>>;
  const results = {
    ours: await runOn(systems, 'ours', id, params),
    'neo4j-graphql': await runOn(systems, 'neo4j-graphql', id, params),
    'cypher-floor': await runOn(systems, 'cypher-floor', id, params),
  };
  const notes: string[] = [];
  let agree = true;
  for (const system of ['ours', 'neo4j-graphql'] as const) {
    const c = q.compare(results['cypher-floor'], results[system]);
    if (c.note) notes.push(`${system} vs cypher-floor: ${c.note}`);
    agree &&= c.agree;
    const path = results[system] as ActorPath | null;
    if (id === 'Q6' && c.agree && path) {
      const real = await floorIsActorPath(systems.driver, systems.database, path.nodeIds);
      if (!real) notes.push(`${system}: its path is not a chain in the graph`);
      agree &&= real;
    }
  }
  return { id, agree, results, notes };
}
