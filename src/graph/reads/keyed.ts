// Batched look-ups by key: one query for a whole list of ids, the shape every DataLoader uses.
import { z } from 'zod';
import { PARTICIPANT_ROLES, LINK_KINDS } from '../../ontology';
import { defineQuery, type Graph, type Query } from '../driver';
import { ACTOR, ARTICLE, CLAIM, EVENT, QUOTE, reportSpans, spansOf } from '../projections';
import {
  actorRow,
  articleRow,
  claimRow,
  eventLinkRow,
  eventRow,
  evidenceRow,
  participantRow,
  positionRow,
  quoteRow,
} from '../rows';

const ROLES = PARTICIPANT_ROLES.join('|');
const LINKS = LINK_KINDS.join('|');

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

export const KEYED = {
  articlesByIds: keyed(
    'articlesByIds',
    `UNWIND $ids AS id MATCH (art:Article {id: id}) RETURN id AS key, ${ARTICLE('art')} AS row`,
    articleRow,
  ),
  actorsByIds: keyed(
    'actorsByIds',
    `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN id AS key, ${ACTOR('a')} AS row`,
    actorRow,
  ),
  eventsByIds: keyed(
    'eventsByIds',
    `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN id AS key, ${EVENT('e')} AS row`,
    eventRow,
  ),
  quotesByIds: keyed(
    'quotesByIds',
    `UNWIND $ids AS id MATCH (q:Quote {id: id}) RETURN id AS key, ${QUOTE('q')} AS row`,
    quoteRow,
  ),
  claimsByIds: keyed(
    'claimsByIds',
    `UNWIND $ids AS id MATCH (c:Claim {id: id}) RETURN id AS key, ${CLAIM('c')} AS row`,
    claimRow,
  ),
  participantsByEventIds: keyed(
    'participantsByEventIds',
    `UNWIND $ids AS id
     MATCH (:Event {id: id})-[r:${ROLES}]->(a:Actor)
     RETURN id AS key, {role: type(r), actorId: a.id, evidence: ${spansOf('r')}} AS row
     ORDER BY key, type(r), a.name`,
    participantRow,
  ),
  linksByEventIds: keyed(
    'linksByEventIds',
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})
     CALL (e) {
       MATCH (e)-[l:${LINKS}]->(o:Event) RETURN l, o, 'OUTGOING' AS direction
       UNION
       MATCH (e)<-[l:${LINKS}]-(o:Event) RETURN l, o, 'INCOMING' AS direction
     }
     RETURN id AS key, {kind: type(l), direction: direction, otherId: o.id, evidence: ${spansOf('l')}} AS row
     ORDER BY key, direction DESC, type(l), o.id`,
    eventLinkRow,
  ),
  evidenceByEventIds: keyed(
    'evidenceByEventIds',
    `UNWIND $ids AS id
     MATCH (art:Article)-[r:REPORTS]->(:Event {id: id})
     UNWIND ${reportSpans('art', 'r')} AS span
     RETURN id AS key, span AS row
     ORDER BY key, span.articleId, span.start`,
    evidenceRow,
  ),
  articlesByEventIds: keyed(
    'articlesByEventIds',
    `UNWIND $ids AS id
     MATCH (art:Article)-[:REPORTS]->(:Event {id: id})
     RETURN id AS key, ${ARTICLE('art')} AS row ORDER BY key, art.publishedOn, art.id`,
    articleRow,
  ),
  quotesByEventIds: keyed(
    'quotesByEventIds',
    `UNWIND $ids AS id
     MATCH (q:Quote)-[:MADE_IN]->(:Event {id: id})
     RETURN id AS key, ${QUOTE('q')} AS row ORDER BY key, q.id`,
    quoteRow,
  ),
  claimsByEventIds: keyed(
    'claimsByEventIds',
    `UNWIND $ids AS id
     MATCH (c:Claim)-[:MADE_IN]->(:Event {id: id})
     RETURN id AS key, ${CLAIM('c')} AS row ORDER BY key, c.id`,
    claimRow,
  ),
  quotesByActorIds: keyed(
    'quotesByActorIds',
    `UNWIND $ids AS id
     MATCH (:Actor {id: id})-[:SAID]->(q:Quote)
     RETURN id AS key, ${QUOTE('q')} AS row ORDER BY key, q.id`,
    quoteRow,
  ),
  claimsByActorIds: keyed(
    'claimsByActorIds',
    `UNWIND $ids AS id
     MATCH (:Actor {id: id})-[:CLAIMS]->(c:Claim)
     RETURN id AS key, ${CLAIM('c')} AS row ORDER BY key, c.id`,
    claimRow,
  ),
  positionsByActorIds: keyed(
    'positionsByActorIds',
    `UNWIND $ids AS id
     MATCH (:Actor {id: id})-[h:HOLDS_POSITION]->(o:Actor)
     RETURN id AS key, {title: h.title, organizationId: o.id, evidence: ${spansOf('h')}} AS row
     ORDER BY key, h.title, o.id`,
    positionRow,
  ),
  aboutByClaimIds: keyed(
    'aboutByClaimIds',
    `UNWIND $ids AS id
     MATCH (:Claim {id: id})-[:ABOUT]->(a:Actor)
     RETURN id AS key, ${ACTOR('a')} AS row ORDER BY key, a.name`,
    actorRow,
  ),
  disputesByClaimIds: keyed(
    'disputesByClaimIds',
    `UNWIND $ids AS id
     MATCH (:Claim {id: id})-[:DISPUTES]->(c:Claim)
     RETURN id AS key, ${CLAIM('c')} AS row ORDER BY key, c.id`,
    claimRow,
  ),
  disputedByClaimIds: keyed(
    'disputedByClaimIds',
    `UNWIND $ids AS id
     MATCH (:Claim {id: id})<-[:DISPUTES]-(c:Claim)
     RETURN id AS key, ${CLAIM('c')} AS row ORDER BY key, c.id`,
    claimRow,
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
