// Everything an event's detail view hangs off it, in one query per batch of events: participants
// with their actors, links with the events at their other end, quotes with their speakers, and
// the evidence spans. Separate loaders per field cost one round trip each, in up to three
// sequential rounds; this is one (see bench/results for what it gained on the event-detail query).
import { z } from 'zod';
import { LINK_KINDS, PARTICIPANT_ROLES } from '../../ontology';
import { defineQuery, type Graph } from '../driver';
import { ACTOR, EVENT, QUOTE, reportSpans, spansOf } from '../projections';
import {
  actorRow,
  eventLinkRow,
  eventRow,
  evidenceRow,
  participantRow,
  quoteRow,
  type ActorRow,
  type EventLinkRow,
  type EventRow,
  type EvidenceRow,
  type ParticipantRow,
  type QuoteRow,
} from '../rows';

const ROLES = PARTICIPANT_ROLES.join('|');
const LINKS = LINK_KINDS.join('|');

const detailRow = z.object({
  key: z.string(),
  participants: z.array(participantRow.extend({ actor: actorRow })),
  links: z.array(eventLinkRow.extend({ other: eventRow })),
  quotes: z.array(z.object({ quote: quoteRow, speaker: actorRow })),
  evidence: z.array(z.array(evidenceRow)),
});

const eventDetailsByIds = defineQuery(
  'eventDetailsByIds',
  `UNWIND $ids AS id
   MATCH (e:Event {id: id})
   RETURN id AS key,
     [(e)-[r:${ROLES}]->(a_:Actor) |
       {role: type(r), actorId: a_.id, evidence: ${spansOf('r')}, actor: ${ACTOR('a_')}}] AS participants,
     [(e)-[l:${LINKS}]->(o_:Event) |
       {kind: type(l), direction: 'OUTGOING', otherId: o_.id, evidence: ${spansOf('l')}, other: ${EVENT('o_')}}]
     + [(e)<-[l:${LINKS}]-(o_:Event) |
       {kind: type(l), direction: 'INCOMING', otherId: o_.id, evidence: ${spansOf('l')}, other: ${EVENT('o_')}}] AS links,
     [(s_:Actor)-[:SAID]->(q_:Quote)-[:MADE_IN]->(e) | {quote: ${QUOTE('q_')}, speaker: ${ACTOR('s_')}}] AS quotes,
     [(art_:Article)-[rep_:REPORTS]->(e) | ${reportSpans('art_', 'rep_')}] AS evidence`,
  detailRow,
);

export interface EventDetails {
  participants: ParticipantRow[];
  links: EventLinkRow[];
  quotes: QuoteRow[];
  evidence: EvidenceRow[];
  /** Actors and events the lists above point at, for the caller to prime its loaders with. */
  actors: ActorRow[];
  events: EventRow[];
}

const EMPTY: EventDetails = {
  participants: [],
  links: [],
  quotes: [],
  evidence: [],
  actors: [],
  events: [],
};

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Details for each id, in the order of `ids`; an unknown id gets empty lists. */
export async function readEventDetails(
  graph: Graph,
  ids: readonly string[],
): Promise<EventDetails[]> {
  const rows = await graph.read(eventDetailsByIds, { ids: [...new Set(ids)] });
  const byId = new Map<string, EventDetails>();
  for (const row of rows) {
    const participants = row.participants
      .map(({ actor, ...p }) => ({ p, actor }))
      .sort((x, y) => compare(x.p.role, y.p.role) || compare(x.actor.name, y.actor.name));
    const links = row.links
      .map(({ other, ...l }) => ({ l, other }))
      .sort(
        (x, y) =>
          compare(y.l.direction, x.l.direction) ||
          compare(x.l.kind, y.l.kind) ||
          compare(x.l.otherId, y.l.otherId),
      );
    const quotes = [...row.quotes].sort((x, y) => compare(x.quote.id, y.quote.id));
    byId.set(row.key, {
      participants: participants.map((x) => x.p),
      links: links.map((x) => x.l),
      quotes: quotes.map((x) => x.quote),
      evidence: row.evidence
        .flat()
        .sort((x, y) => compare(x.articleId, y.articleId) || compare(x.start, y.start)),
      actors: [...participants.map((x) => x.actor), ...quotes.map((x) => x.speaker)],
      events: links.map((x) => x.other),
    });
  }
  return ids.map((id) => byId.get(id) ?? EMPTY);
}
