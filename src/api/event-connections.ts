// The service behind every EventConnection field (Query.events, Actor.events, Article.events):
// argument checks, then a page and a lazy count through the request's loaders.
import type { EventFilter, EventOrder } from '../generated/graphql';
import type { EventFilterInput, EventPageSpec, EventScope } from '../graph/reads/events-page';
import type { ApiContext } from './context';
import { checkFirst, toConnection, type EventConnectionModel } from './connection';
import { decodeCursor } from './cursor';
import { badInput } from './errors';
import { requireKey } from './ids';

/** GraphQL's EventFilter, with global ids turned into keys and its values checked. */
export function toFilterInput(
  f: EventFilter | null | undefined,
  scope: EventScope,
): EventFilterInput {
  if (!f) return {};
  if (f.role && !f.actorId && scope !== 'actor') {
    throw badInput('filter.role needs filter.actorId: it is the role of that actor', 'filter.role');
  }
  if (
    f.minConfidence !== null &&
    f.minConfidence !== undefined &&
    (f.minConfidence < 0 || f.minConfidence > 1)
  ) {
    throw badInput('filter.minConfidence must be between 0 and 1', 'filter.minConfidence');
  }
  if (f.occurredFrom && f.occurredTo && f.occurredFrom > f.occurredTo) {
    throw badInput('filter.occurredFrom is after filter.occurredTo', 'filter.occurredFrom');
  }
  return {
    types: f.types?.length ? [...f.types].sort() : null,
    actorId: f.actorId ? requireKey(f.actorId, 'Actor', 'filter.actorId') : null,
    role: f.role ?? null,
    occurredFrom: f.occurredFrom ?? null,
    occurredTo: f.occurredTo ?? null,
    articleId: f.articleId ? requireKey(f.articleId, 'Article', 'filter.articleId') : null,
    modalities: f.modalities?.length ? [...f.modalities].sort() : null,
    minConfidence: f.minConfidence ?? null,
    reviewStatuses: f.reviewStatuses?.length ? [...new Set(f.reviewStatuses)].sort() : null,
    extracted: f.extracted ?? null,
  };
}

export interface EventConnectionArgs {
  filter?: EventFilter | null;
  orderBy?: EventOrder | null;
  first?: number | null;
  after?: string | null;
}

export async function eventConnection(
  ctx: ApiContext,
  scope: EventScope,
  scopeId: string,
  args: EventConnectionArgs,
): Promise<EventConnectionModel> {
  const first = checkFirst(args.first);
  const after = decodeCursor(args.after, 'events');
  const spec: EventPageSpec = {
    scope,
    filter: toFilterInput(args.filter, scope),
    direction: args.orderBy === 'OCCURRED_ON_DESC' ? 'DESC' : 'ASC',
  };
  const items =
    first === 0
      ? []
      : await ctx.loaders.eventPages.load({
          spec,
          scopeId,
          limit: first + 1,
          after: after ? { date: after.key, id: after.id } : null,
        });
  return toConnection(
    'events',
    items.map((i) => ({ cursor: { key: i.cursor.date, id: i.cursor.id }, node: i.event })),
    first,
    after !== null,
    () => ctx.loaders.eventCounts.load({ spec, scopeId }),
  );
}
