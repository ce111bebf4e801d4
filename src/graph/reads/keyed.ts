// Batched look-ups by key: one query for a whole list of ids, the shape every DataLoader uses.
import { z } from 'zod';
import { defineQuery, type Graph, type Query } from '../driver';
import { ACTOR, ARTICLE, CLAIM, EVENT, QUOTE, spansOf } from '../projections';
import { actorRow, articleRow, claimRow, eventRow, positionRow, quoteRow } from '../rows';

export interface Keyed<Row> {
  key: string;
  row: Row;
}

function keyed<T extends z.ZodTypeAny>(
  name: string,
  cypher: string,
  row: T,
): Query<Keyed<z.output<T>>> {
  return defineQuery(
    name,
    cypher,
    z.object({ key: z.string(), row }) as z.ZodType<Keyed<z.output<T>>, z.ZodTypeDef, unknown>,
  );
}

/** `MATCH pattern` for each id in $ids, returning `row` keyed by the id, in `order`. */
function byKey<T extends z.ZodTypeAny>(
  name: string,
  pattern: string,
  row: string,
  schema: T,
  order?: string,
) {
  return keyed(
    name,
    `UNWIND $ids AS id
     MATCH ${pattern}
     RETURN id AS key, ${row} AS row${order ? `\n     ORDER BY key, ${order}` : ''}`,
    schema,
  );
}

export const KEYED = {
  articlesByIds: byKey('articlesByIds', '(art:Article {id: id})', ARTICLE('art'), articleRow),
  actorsByIds: byKey('actorsByIds', '(a:Actor {id: id})', ACTOR('a'), actorRow),
  eventsByIds: byKey('eventsByIds', '(e:Event {id: id})', EVENT('e'), eventRow),
  quotesByIds: byKey('quotesByIds', '(q:Quote {id: id})', QUOTE('q'), quoteRow),
  claimsByIds: byKey('claimsByIds', '(c:Claim {id: id})', CLAIM('c'), claimRow),
  articlesByEventIds: byKey(
    'articlesByEventIds',
    '(art:Article)-[:REPORTS]->(:Event {id: id})',
    ARTICLE('art'),
    articleRow,
    'art.publishedOn, art.id',
  ),
  claimsByEventIds: byKey(
    'claimsByEventIds',
    '(c:Claim)-[:MADE_IN]->(:Event {id: id})',
    CLAIM('c'),
    claimRow,
    'c.id',
  ),
  quotesByActorIds: byKey(
    'quotesByActorIds',
    '(:Actor {id: id})-[:SAID]->(q:Quote)',
    QUOTE('q'),
    quoteRow,
    'q.id',
  ),
  claimsByActorIds: byKey(
    'claimsByActorIds',
    '(:Actor {id: id})-[:CLAIMS]->(c:Claim)',
    CLAIM('c'),
    claimRow,
    'c.id',
  ),
  positionsByActorIds: byKey(
    'positionsByActorIds',
    '(:Actor {id: id})-[h:HOLDS_POSITION]->(o:Actor)',
    `{title: h.title, organizationId: o.id, evidence: ${spansOf('h')}}`,
    positionRow,
    'h.title, o.id',
  ),
  aboutByClaimIds: byKey(
    'aboutByClaimIds',
    '(:Claim {id: id})-[:ABOUT]->(a:Actor)',
    ACTOR('a'),
    actorRow,
    'a.name',
  ),
  disputesByClaimIds: byKey(
    'disputesByClaimIds',
    '(:Claim {id: id})-[:DISPUTES]->(c:Claim)',
    CLAIM('c'),
    claimRow,
    'c.id',
  ),
  aliasIdsByEventIds: byKey(
    'aliasIdsByEventIds',
    '(al:EventAlias)-[:ALIAS_OF]->(:Event {id: id})',
    'al.id',
    z.string(),
    'al.id',
  ),
  disputedByClaimIds: byKey(
    'disputedByClaimIds',
    '(:Claim {id: id})<-[:DISPUTES]-(c:Claim)',
    CLAIM('c'),
    claimRow,
    'c.id',
  ),
};

/** Runs a keyed query for `ids` and groups its rows by key, in the order of `ids`. */
export async function readKeyed<Row>(
  graph: Graph,
  query: Query<Keyed<Row>>,
  ids: readonly string[],
): Promise<Row[][]> {
  const rows = await graph.read(query, { ids: [...new Set(ids)] });
  const byKey = new Map<string, Row[]>();
  for (const { key, row } of rows) {
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return ids.map((id) => byKey.get(id) ?? []);
}
