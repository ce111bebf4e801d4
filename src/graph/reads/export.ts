// What the exports read: the subgraph of the events an EventFilter selects, in keyset-paged
// batches, each its own read transaction. The subgraph is the filtered events, the actors taking
// part in them, the articles reporting them (with their publishers), and their quotes and claims
// (with speakers, claimants and the actors claims are about); its edges are the relationships
// among those nodes. Membership is decided in Cypher from the same filter predicate as the events
// pages (eventFilterPredicate), so a node is found by an indexed walk and never held in a set here:
// memory does not grow with the graph.
import { z } from 'zod';
import { LINK_KINDS, PARTICIPANT_ROLES } from '../../ontology';
import { defineQuery, type Graph, type Query } from '../driver';
import { ACTOR, reportSpans, spansOf } from '../projections';
import { actorRow, evidenceRow, type ActorRow, type EvidenceRow } from '../rows';
import {
  eventFilterPredicate,
  filterParams,
  readEventPages,
  type EventFilterInput,
  type EventKeyset,
  type EventPageItem,
} from './events-page';

const ROLES = PARTICIPANT_ROLES.join('|');
const LINKS = LINK_KINDS.join('|');

/** The kinds of node an export holds, by their Neo4j label. */
export const EXPORT_NODE_KINDS = ['Event', 'Actor', 'Article', 'Quote', 'Claim'] as const;
export type ExportNodeKind = (typeof EXPORT_NODE_KINDS)[number];

/** A relationship of the subgraph, between two nodes' keys (the ids the graph MERGEs on). */
export interface ExportEdgeRow {
  type: string;
  fromKind: ExportNodeKind;
  from: string;
  toKind: ExportNodeKind;
  to: string;
  /** The office of a HOLDS_POSITION; one person can hold several at one organization. */
  title: string | null;
}

/** An edge as its owner reads it: the other end's kind and key, and whether it points there. */
const edgeTo = z.object({
  type: z.string(),
  kind: z.enum(EXPORT_NODE_KINDS),
  key: z.string(),
  out: z.boolean(),
  title: z.string().nullable(),
});
type EdgeTo = z.infer<typeof edgeTo>;

/**
 * Membership of the subgraph, as predicates on a node variable. Each names its events `e_` in
 * its own subquery, so it can stand inside a query that uses `e`.
 */
function membership(filter: EventFilterInput) {
  const event = (v: string) => eventFilterPredicate(filter, v);
  const eventsOf = (pattern: string) => `EXISTS { MATCH ${pattern} WHERE ${event('e_')} }`;
  return {
    event,
    article: (v: string) => eventsOf(`(${v})-[:REPORTS]->(e_:Event)`),
    statement: (v: string) => eventsOf(`(${v})-[:MADE_IN]->(e_:Event)`),
    actor: (v: string) =>
      [
        eventsOf(`(${v})<-[:${ROLES}]-(e_:Event)`),
        eventsOf(`(${v})-[:SAID|CLAIMS]->()-[:MADE_IN]->(e_:Event)`),
        eventsOf(`(${v})<-[:ABOUT]-(:Claim)-[:MADE_IN]->(e_:Event)`),
        eventsOf(`(${v})<-[:PUBLISHED_BY]-(:Article)-[:REPORTS]->(e_:Event)`),
      ].join('\n      OR '),
  };
}

const articleNode = z.object({
  id: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  dateline: z.string().nullable(),
  publishedOn: z.string().nullable(),
  extractionMethod: z.string().nullable(),
  caption: z.string().nullable(),
});
const statementNode = z.object({
  id: z.string(),
  text: z.string(),
  caption: z.string().nullable(),
});

const nodeRow = {
  Actor: actorRow,
  Article: articleNode,
  Quote: statementNode,
  Claim: statementNode.extend({ verbatim: z.boolean() }),
};
export type ExportActorRow = ActorRow;
export type ExportArticleRow = z.infer<typeof articleNode>;
export type ExportQuoteRow = z.infer<typeof statementNode>;
export type ExportClaimRow = z.infer<typeof nodeRow.Claim>;

export type PagedKind = keyof typeof nodeRow;

interface KindQuery {
  label: PagedKind;
  projection: (v: string) => string;
  member: (m: ReturnType<typeof membership>, v: string) => string;
  /** Edges this kind owns, as a list expression of {type, key, title, out}. */
  edges: (m: ReturnType<typeof membership>, v: string) => string;
}

/** An owned edge: `other` is the variable at its other end, of label `kind`. */
const edge = (type: string, kind: ExportNodeKind, other: string, out: boolean, title = 'null') =>
  `{type: ${type}, kind: '${kind}', key: ${other}.id, out: ${out}, title: ${title}}`;

// Which kind owns which edges: every edge of the subgraph is owned by exactly one node kind, so
// each is written once without remembering what was written.
const KINDS: Record<PagedKind, KindQuery> = {
  Actor: {
    label: 'Actor',
    projection: ACTOR,
    member: (m, v) => m.actor(v),
    edges: (m, v) =>
      `[(${v})-[h_:HOLDS_POSITION]->(o_:Actor) WHERE ${m.actor('o_')} | ${edge("'HOLDS_POSITION'", 'Actor', 'o_', true, 'h_.title')}]`,
  },
  Article: {
    label: 'Article',
    projection: (v) =>
      `${v} { .id, .title, .url, .dateline, publishedOn: toString(${v}.publishedOn), .extractionMethod, .caption }`,
    member: (m, v) => m.article(v),
    edges: (_m, v) =>
      `[(${v})-[:PUBLISHED_BY]->(p_:Actor) | ${edge("'PUBLISHED_BY'", 'Actor', 'p_', true)}]`,
  },
  Quote: {
    label: 'Quote',
    projection: (v) => `${v} { .id, .text, .caption }`,
    member: (m, v) => m.statement(v),
    edges: (_m, v) => `[(s_:Actor)-[:SAID]->(${v}) | ${edge("'SAID'", 'Actor', 's_', false)}]`,
  },
  Claim: {
    label: 'Claim',
    projection: (v) => `${v} { .id, .text, .caption, verbatim: coalesce(${v}.verbatim, false) }`,
    member: (m, v) => m.statement(v),
    edges: (m, v) =>
      `[(s_:Actor)-[:CLAIMS]->(${v}) | ${edge("'CLAIMS'", 'Actor', 's_', false)}]
      + [(${v})-[:ABOUT]->(a_:Actor) | ${edge("'ABOUT'", 'Actor', 'a_', true)}]
      + [(${v})-[:DISPUTES]->(d_:Claim) WHERE ${m.statement('d_')} | ${edge("'DISPUTES'", 'Claim', 'd_', true)}]`,
  },
};

function edgeRow(kind: ExportNodeKind, key: string, e: EdgeTo): ExportEdgeRow {
  return e.out
    ? { type: e.type, fromKind: kind, from: key, toKind: e.kind, to: e.key, title: e.title }
    : { type: e.type, fromKind: e.kind, from: e.key, toKind: kind, to: key, title: e.title };
}

export type NodeOf<K extends PagedKind> = z.output<(typeof nodeRow)[K]>;

function kindPageQuery<K extends PagedKind>(
  kind: K,
  filter: EventFilterInput,
): Query<{ node: NodeOf<K>; edges: EdgeTo[] }> {
  const k = KINDS[kind];
  const m = membership(filter);
  const row = z.object({
    node: nodeRow[kind] as z.ZodType<NodeOf<K>, z.ZodTypeDef, unknown>,
    edges: z.array(edgeTo),
  });
  return defineQuery(
    `exportPage${kind}`,
    `MATCH (n:${k.label})
  WHERE n.id > $after AND ${k.member(m, 'n')}
  WITH n ORDER BY n.id LIMIT toInteger($limit)
  RETURN ${k.projection('n')} AS node, ${k.edges(m, 'n')} AS edges`,
    row as z.ZodType<{ node: NodeOf<K>; edges: EdgeTo[] }, z.ZodTypeDef, unknown>,
  );
}

export interface ExportPage<Row> {
  nodes: Row[];
  edges: ExportEdgeRow[];
  /** Where the next page starts; null after the last. */
  after: string | null;
}

/** One page of the subgraph's nodes of one kind (other than events), ordered by id, with the edges they own. */
export async function readExportPage<K extends PagedKind>(
  graph: Graph,
  kind: K,
  filter: EventFilterInput,
  limit: number,
  after: string,
): Promise<ExportPage<NodeOf<K>>> {
  const rows = await graph.read(kindPageQuery(kind, filter), {
    ...filterParams(filter),
    after,
    limit,
  });
  const nodes = rows.map((r) => r.node);
  const edges = rows.flatMap((r) => r.edges.map((e) => edgeRow(kind, r.node.id, e)));
  const last = nodes[nodes.length - 1];
  return { nodes, edges, after: rows.length < limit || !last ? null : last.id };
}

const eventEdgesRow = z.object({ key: z.string(), edges: z.array(edgeTo) });
function eventEdgesQuery(filter: EventFilterInput) {
  const m = membership(filter);
  const cypher = `UNWIND $ids AS id
  MATCH (e:Event {id: id})
  RETURN id AS key,
    [(e)-[r_:${ROLES}]->(a_:Actor) | ${edge('type(r_)', 'Actor', 'a_', true)}]
    + [(e)-[l_:${LINKS}]->(o_:Event) WHERE ${m.event('o_')} | ${edge('type(l_)', 'Event', 'o_', true)}]
    + [(art_:Article)-[:REPORTS]->(e) | ${edge("'REPORTS'", 'Article', 'art_', false)}]
    + [(q_:Quote)-[:MADE_IN]->(e) | ${edge("'MADE_IN'", 'Quote', 'q_', false)}]
    + [(c_:Claim)-[:MADE_IN]->(e) | ${edge("'MADE_IN'", 'Claim', 'c_', false)}] AS edges`;
  return defineQuery('exportEventEdges', cypher, eventEdgesRow);
}

export interface ExportEventPage extends ExportPage<EventPageItem['event']> {
  cursor: EventKeyset | null;
}

/**
 * One page of the filtered events, as Query.events reads them (oldest first), with the edges
 * events own: their participants, their links to other events of the subgraph, the articles
 * reporting them, and the quotes and claims made in them.
 */
export async function readExportEventPage(
  graph: Graph,
  filter: EventFilterInput,
  limit: number,
  after: EventKeyset | null,
): Promise<ExportEventPage> {
  const [items = []] = await readEventPages(
    graph,
    { scope: 'all', filter, direction: 'ASC' },
    ['all'],
    limit,
    after,
  );
  const ids = items.map((i) => i.event.id);
  const rows =
    ids.length === 0
      ? []
      : await graph.read(eventEdgesQuery(filter), { ...filterParams(filter), ids });
  const edges = rows.flatMap((r) => r.edges.map((e) => edgeRow('Event', r.key, e)));
  const last = items[items.length - 1];
  const cursor = items.length < limit || !last ? null : last.cursor;
  return { nodes: items.map((i) => i.event), edges, after: cursor?.id ?? null, cursor };
}

const countsRow = z.object({
  Event: z.number().int(),
  Actor: z.number().int(),
  Article: z.number().int(),
  Quote: z.number().int(),
  Claim: z.number().int(),
});
export type ExportCounts = z.infer<typeof countsRow>;

/** How many nodes of each kind the subgraph holds: the progress bar's total. */
export async function countExportNodes(
  graph: Graph,
  filter: EventFilterInput,
): Promise<ExportCounts> {
  const m = membership(filter);
  const count = (label: string, member: string) =>
    `CALL () { MATCH (n:${label}) WHERE ${member} RETURN count(n) AS ${label} }`;
  const query = defineQuery(
    'exportCounts',
    `${count('Event', m.event('n'))}
  ${count('Actor', m.actor('n'))}
  ${count('Article', m.article('n'))}
  ${count('Quote', m.statement('n'))}
  ${count('Claim', m.statement('n'))}
  RETURN Event, Actor, Article, Quote, Claim`,
    countsRow,
  );
  const [row] = await graph.read(query, filterParams(filter));
  return row ?? { Event: 0, Actor: 0, Article: 0, Quote: 0, Claim: 0 };
}

const reportRow = z.object({
  articleId: z.string(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  evidence: z.array(evidenceRow),
});
const recordRow = z.object({
  key: z.string(),
  participants: z.array(
    z.object({ role: z.enum(PARTICIPANT_ROLES), actor: actorRow, evidence: z.array(evidenceRow) }),
  ),
  reports: z.array(reportRow),
  links: z.array(z.object({ kind: z.enum(LINK_KINDS), otherId: z.string() })),
  quoteIds: z.array(z.string()),
  claimIds: z.array(z.string()),
});

/** What an event table row and an events JSONL line need of an event besides its own fields. */
export interface ExportEventRecord {
  participants: { role: string; actor: ActorRow; evidence: EvidenceRow[] }[];
  /** The articles reporting it, oldest first, with the spans each gives. */
  reports: {
    articleId: string;
    publisher: string | null;
    publishedOn: string | null;
    evidence: EvidenceRow[];
  }[];
  /** Its links to other events (outgoing), whether or not the filter selects them. */
  links: { kind: string; otherId: string }[];
  quoteIds: string[];
  claimIds: string[];
}

const eventRecords = defineQuery(
  'exportEventRecords',
  `UNWIND $ids AS id
  MATCH (e:Event {id: id})
  RETURN id AS key,
    [(e)-[r_:${ROLES}]->(a_:Actor) | {role: type(r_), actor: ${ACTOR('a_')}, evidence: ${spansOf('r_')}}] AS participants,
    [(art_:Article)-[rep_:REPORTS]->(e) | {
      articleId: art_.id,
      publisher: [(art_)-[:PUBLISHED_BY]->(p_:Actor) | p_.name][0],
      publishedOn: toString(art_.publishedOn),
      evidence: ${reportSpans('art_', 'rep_')}}] AS reports,
    [(e)-[l_:${LINKS}]->(o_:Event) | {kind: type(l_), otherId: o_.id}] AS links,
    [(q_:Quote)-[:MADE_IN]->(e) | q_.id] AS quoteIds,
    [(c_:Claim)-[:MADE_IN]->(e) | c_.id] AS claimIds`,
  recordRow,
);

const cmp = (a: string | number | null, b: string | number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Records for each id, in the order of `ids`, every list in a stable order. */
export async function readExportEventRecords(
  graph: Graph,
  ids: readonly string[],
): Promise<ExportEventRecord[]> {
  if (ids.length === 0) return [];
  const rows = await graph.read(eventRecords, { ids: [...new Set(ids)] });
  const byId = new Map(rows.map((r) => [r.key, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) return { participants: [], reports: [], links: [], quoteIds: [], claimIds: [] };
    const byStart = (a: EvidenceRow, b: EvidenceRow) =>
      cmp(a.articleId, b.articleId) || cmp(a.start, b.start);
    return {
      participants: r.participants
        .map((p) => ({ ...p, evidence: [...p.evidence].sort(byStart) }))
        .sort((a, b) => cmp(a.role, b.role) || cmp(a.actor.name, b.actor.name)),
      reports: r.reports
        .map((p) => ({ ...p, evidence: [...p.evidence].sort(byStart) }))
        .sort((a, b) => cmp(a.publishedOn, b.publishedOn) || cmp(a.articleId, b.articleId)),
      links: [...r.links].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.otherId, b.otherId)),
      quoteIds: [...r.quoteIds].sort(),
      claimIds: [...r.claimIds].sort(),
    };
  });
}
