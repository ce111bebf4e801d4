// DataLoaders, made afresh for every request: nested fields batch into one query per field shape
// instead of one per parent.
import DataLoader from 'dataloader';
import type { Graph, Query } from '../graph/driver';
import {
  countEvents,
  readEventPages,
  type EventKeyset,
  type EventPageItem,
  type EventPageSpec,
} from '../graph/reads/events-page';
import { readEventDetails } from '../graph/reads/event-details';
import { readDuplicates } from '../graph/reads/duplicates';
import { KEYED, readKeyed, type Keyed } from '../graph/reads/keyed';

function many<Row>(graph: Graph, query: Query<Keyed<Row>>): DataLoader<string, Row[]> {
  return new DataLoader((ids) => readKeyed(graph, query, ids));
}

function one<Row>(graph: Graph, query: Query<Keyed<Row>>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) =>
    (await readKeyed(graph, query, ids)).map((rows) => rows[0] ?? null),
  );
}

export interface EventPageKey {
  spec: EventPageSpec;
  scopeId: string;
  limit: number;
  after: EventKeyset | null;
}

/** Batches keys that differ only in their parent, running one query per group. */
function grouped<K extends { scopeId: string }, V>(
  groupOf: (key: K) => string,
  run: (sample: K, scopeIds: string[]) => Promise<V[]>,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      keys.forEach((k, i) => {
        const g = groupOf(k);
        const list = groups.get(g);
        if (list) list.push(i);
        else groups.set(g, [i]);
      });
      const out: V[] = new Array<V>(keys.length);
      await Promise.all(
        [...groups.values()].map(async (indexes) => {
          const sample = keys[indexes[0]!]!;
          const results = await run(
            sample,
            indexes.map((i) => keys[i]!.scopeId),
          );
          indexes.forEach((i, j) => (out[i] = results[j]!));
        }),
      );
      return out;
    },
    { cacheKeyFn: (k) => `${groupOf(k)}#${k.scopeId}` },
  );
}

export function createLoaders(graph: Graph) {
  const actor = one(graph, KEYED.actorsByIds);
  const event = one(graph, KEYED.eventsByIds);
  return {
    article: one(graph, KEYED.articlesByIds),
    actor,
    event,
    quote: one(graph, KEYED.quotesByIds),
    claim: one(graph, KEYED.claimsByIds),
    // The actors and events that details point at come with them: priming saves the nested
    // `actor` and `other` fields another round trip.
    eventDetails: new DataLoader(async (ids: readonly string[]) => {
      const details = await readEventDetails(graph, ids);
      for (const d of details) {
        for (const a of d.actors) actor.prime(a.id, a);
        for (const e of d.events) event.prime(e.id, e);
      }
      return details;
    }),
    eventArticles: many(graph, KEYED.articlesByEventIds),
    eventClaims: many(graph, KEYED.claimsByEventIds),
    actorQuotes: many(graph, KEYED.quotesByActorIds),
    actorClaims: many(graph, KEYED.claimsByActorIds),
    positions: many(graph, KEYED.positionsByActorIds),
    claimAbout: many(graph, KEYED.aboutByClaimIds),
    claimDisputes: many(graph, KEYED.disputesByClaimIds),
    claimDisputedBy: many(graph, KEYED.disputedByClaimIds),
    eventAliasIds: many(graph, KEYED.aliasIdsByEventIds),
    eventDuplicates: new DataLoader((ids: readonly string[]) => readDuplicates(graph, ids)),
    eventPages: grouped<EventPageKey, EventPageItem[]>(
      (k) => JSON.stringify([k.spec, k.limit, k.after]),
      (k, scopeIds) => readEventPages(graph, k.spec, scopeIds, k.limit, k.after),
    ),
    eventCounts: grouped<{ spec: EventPageSpec; scopeId: string }, number>(
      (k) => JSON.stringify(k.spec),
      (k, scopeIds) => countEvents(graph, k.spec, scopeIds),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
