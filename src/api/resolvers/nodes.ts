// Field resolvers of the graph's node types: each reads its parent row or one loader.
import type {
  ActorResolvers,
  ArticleResolvers,
  ClaimResolvers,
  EventResolvers,
  NodeResolvers,
  QuoteResolvers,
} from '../../generated/graphql';
import { externalFacts, extractionOf, type EventRow } from '../../graph/rows';
import { curatedFacts } from '../curation';
import type { Loaders } from '../loaders';
import { eventConnection } from '../event-connections';
import { toGlobalId } from '../ids';

export const Node: NodeResolvers = {
  __resolveType: (row) => row.__typename,
};

export const Article: ArticleResolvers = {
  id: (a) => toGlobalId('Article', a.id),
  publisher: (a, _, { loaders }) => (a.publisherId ? loaders.actor.load(a.publisherId) : null),
  events: (a, args, ctx) => eventConnection(ctx, 'article', a.id, args),
  externalFacts: (a) => externalFacts(a),
  extraction: (a) => extractionOf(a),
};

export const Actor: ActorResolvers = {
  id: (a) => toGlobalId('Actor', a.id),
  positions: (a, _, { loaders }) => loaders.positions.load(a.id),
  events: (a, args, ctx) => eventConnection(ctx, 'actor', a.id, args),
  quotes: (a, _, { loaders }) => loaders.actorQuotes.load(a.id),
  claims: (a, _, { loaders }) => loaders.actorClaims.load(a.id),
  externalFacts: (a) => externalFacts(a),
};

/** Events at the other end of this event's links of one kind and direction. */
async function linked(
  loaders: Loaders,
  eventId: string,
  kind: string,
  direction: 'OUTGOING' | 'INCOMING',
) {
  const { links } = await loaders.eventDetails.load(eventId);
  const others = await loaders.event.loadMany(
    links.filter((l) => l.kind === kind && l.direction === direction).map((l) => l.otherId),
  );
  return others.filter((o): o is EventRow => o !== null && !(o instanceof Error));
}

export const Event: EventResolvers = {
  id: (e) => toGlobalId('Event', e.id),
  cameo: (e) => (e.cameoCode ? { code: e.cameoCode, label: e.cameoLabel ?? e.cameoCode } : null),
  plover: (e) => (e.ploverType ? { type: e.ploverType, mode: e.ploverMode } : null),
  participants: async (e, { role }, { loaders }) => {
    const all = (await loaders.eventDetails.load(e.id)).participants;
    return role ? all.filter((p) => p.role === role) : all;
  },
  amount: (e) =>
    e.amount !== null && e.currency !== null
      ? { amount: e.amount, currency: e.currency, evidence: e.amountEvidence }
      : null,
  links: async (e, _, { loaders }) => (await loaders.eventDetails.load(e.id)).links,
  respondsTo: (e, _, { loaders }) => linked(loaders, e.id, 'RESPONDS_TO', 'OUTGOING'),
  responses: (e, _, { loaders }) => linked(loaders, e.id, 'RESPONDS_TO', 'INCOMING'),
  justifiedBy: (e, _, { loaders }) => linked(loaders, e.id, 'JUSTIFIED_BY', 'OUTGOING'),
  justifies: (e, _, { loaders }) => linked(loaders, e.id, 'JUSTIFIED_BY', 'INCOMING'),
  quotes: async (e, _, { loaders }) => (await loaders.eventDetails.load(e.id)).quotes,
  claims: (e, _, { loaders }) => loaders.eventClaims.load(e.id),
  evidence: async (e, _, { loaders }) => (await loaders.eventDetails.load(e.id)).evidence,
  articles: (e, _, { loaders }) => loaders.eventArticles.load(e.id),
  externalFacts: (e) => externalFacts(e),
  reviewStatus: (e) => e.reviewStatus ?? 'DRAFT',
  extraction: (e) => extractionOf(e),
  possibleDuplicates: (e, _, { loaders }) => loaders.eventDuplicates.load(e.id),
  aliasIds: async (e, _, { loaders }) =>
    (await loaders.eventAliasIds.load(e.id)).map((id) => toGlobalId('Event', id)),
  curated: (e) => curatedFacts(e.id, e.curation),
};

export const Quote: QuoteResolvers = {
  id: (q) => toGlobalId('Quote', q.id),
  speaker: async (q, _, { loaders }) => (await loaders.actor.load(q.speakerId))!,
  event: (q, _, { loaders }) => (q.eventId ? loaders.event.load(q.eventId) : null),
};

export const Claim: ClaimResolvers = {
  id: (c) => toGlobalId('Claim', c.id),
  claimant: async (c, _, { loaders }) => (await loaders.actor.load(c.claimantId))!,
  about: (c, _, { loaders }) => loaders.claimAbout.load(c.id),
  disputes: (c, _, { loaders }) => loaders.claimDisputes.load(c.id),
  disputedBy: (c, _, { loaders }) => loaders.claimDisputedBy.load(c.id),
  event: (c, _, { loaders }) => (c.eventId ? loaders.event.load(c.eventId) : null),
};
