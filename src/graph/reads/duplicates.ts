// Possible duplicates: pairs of events the matcher could not tell apart with certainty
// (src/ingest/match.ts), stored as (:Event)-[:POSSIBLE_DUPLICATE {score, reason, at}]->(:Event)
// from the event whose creation recorded the pair. Read per event, and as the analysts' queue,
// the highest score first.
import { z } from 'zod';
import { defineQuery, type Graph } from '../driver';
import { readKeyed, type Keyed } from './keyed';

export const duplicatePairRow = z.object({
  eventId: z.string(),
  otherId: z.string(),
  score: z.number(),
  reason: z.string(),
  at: z.string(),
});
/** One pair: the event that recorded it, the other, and why. */
export type DuplicatePairRow = z.infer<typeof duplicatePairRow>;

/** A pair as one of its events sees it. */
export const duplicateRow = duplicatePairRow.omit({ eventId: true });
export type DuplicateRow = z.infer<typeof duplicateRow>;

const PAIR = (a: string, d: string, b: string) =>
  `{eventId: ${a}.id, otherId: ${b}.id, score: ${d}.score, reason: ${d}.reason, at: toString(${d}.at)}`;

/** Both directions: the pair belongs to each of its events. */
export const duplicatesByEventIds = defineQuery(
  'possibleDuplicatesByEventIds',
  `UNWIND $ids AS id
   MATCH (:Event {id: id})-[d:POSSIBLE_DUPLICATE]-(o:Event)
   RETURN id AS key, {otherId: o.id, score: d.score, reason: d.reason, at: toString(d.at)} AS row
   ORDER BY key, d.score DESC, o.id`,
  z.object({ key: z.string(), row: duplicateRow }) as z.ZodType<
    Keyed<DuplicateRow>,
    z.ZodTypeDef,
    unknown
  >,
);

export function readDuplicates(graph: Graph, ids: readonly string[]): Promise<DuplicateRow[][]> {
  return readKeyed(graph, duplicatesByEventIds, ids);
}

// The pair's key orders by the first event's id, then the other's: a space sorts before every
// character an id may hold.
const duplicatesPage = defineQuery(
  'possibleDuplicatesPage',
  `MATCH (a:Event)-[d:POSSIBLE_DUPLICATE]->(b:Event)
   WITH a, d, b, a.id + ' ' + b.id AS pair
   WHERE $afterScore IS NULL OR d.score < $afterScore OR (d.score = $afterScore AND pair > $afterPair)
   RETURN pair, ${PAIR('a', 'd', 'b')} AS row
   ORDER BY d.score DESC, pair
   LIMIT toInteger($limit)`,
  z.object({ pair: z.string(), row: duplicatePairRow }),
);

const duplicatesCount = defineQuery(
  'possibleDuplicatesCount',
  'MATCH (:Event)-[d:POSSIBLE_DUPLICATE]->(:Event) RETURN count(d) AS n',
  z.object({ n: z.number().int() }),
);

export async function readDuplicatesPage(
  graph: Graph,
  limit: number,
  after: { score: number; pair: string } | null,
): Promise<{ pair: string; row: DuplicatePairRow }[]> {
  return graph.read(duplicatesPage, {
    limit,
    afterScore: after?.score ?? null,
    afterPair: after?.pair ?? null,
  });
}

export async function countDuplicates(graph: Graph): Promise<number> {
  const [row] = await graph.read(duplicatesCount);
  return row?.n ?? 0;
}
