// The actors the graph holds, as the extractor takes them (src/extract/types.ts KnownActor): an
// actor it resolves to one of these keeps its id, so a new article names the same actors as the
// graph's, and its events can be matched with the graph's by actor id.
import { z } from 'zod';
import { ACTOR_KINDS } from '../../ontology';
import type { KnownActor } from '../../extract/types';
import { defineQuery, type Graph } from '../driver';

const knownActorsQuery = defineQuery(
  'knownActors',
  `MATCH (a:Actor) WHERE a.name IS NOT NULL
   RETURN a.id AS id, a.name AS name, a.kind AS kind, coalesce(a.aliases, []) AS aliases,
     a.country AS country
   ORDER BY a.id`,
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ACTOR_KINDS),
    aliases: z.array(z.string()),
    country: z.string().nullable(),
  }),
);

export function readKnownActors(graph: Graph): Promise<KnownActor[]> {
  return graph.read(knownActorsQuery);
}
