// The shortest chain of events linking two actors, through participant relationships only.
// Of several equally short chains, the one whose node ids, read from the start, sort first:
// shortestPath alone returns whichever it meets first, which changes with the store's layout,
// and the docs could not say which chain comes back.
import { z } from 'zod';
import { PARTICIPANT_ROLES } from '../../ontology';
import { defineQuery, type Graph } from '../driver';
import { ACTOR } from '../projections';
import { actorRow, type ActorPathRow, type ActorRow, type EventRow } from '../rows';
import { ANY_NODE, taggedNode } from './search';

export const MAX_PATH_HOPS = 10;

// Variable-length bounds cannot be parameters; `hops` is a checked integer, never user text.
const pathQuery = (hops: number) =>
  defineQuery(
    'actorPath',
    `MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
  MATCH p = allShortestPaths((a)-[:${PARTICIPANT_ROLES.join('|')}*..${2 * hops}]-(b))
  WITH p ORDER BY [n IN nodes(p) | n.id] LIMIT 1
  RETURN length(p) / 2 AS hops, [n IN nodes(p) | ${ANY_NODE('n')}] AS nodes`,
    z.object({ hops: z.number().int(), nodes: z.array(taggedNode) }),
  );

const actorQuery = defineQuery(
  'actorForPath',
  `MATCH (a:Actor {id: $id}) RETURN ${ACTOR('a')} AS row`,
  z.object({ row: actorRow }),
);

export async function actorPath(
  graph: Graph,
  fromId: string,
  toId: string,
  maxHops: number,
): Promise<ActorPathRow | null> {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_PATH_HOPS) {
    throw new Error(`maxHops must be an integer from 1 to ${MAX_PATH_HOPS}`);
  }
  if (fromId === toId) {
    const [row] = await graph.read(actorQuery, { id: fromId });
    return row ? { hops: 0, nodes: [row.row] } : null;
  }
  const [row] = await graph.read(pathQuery(maxHops), { fromId, toId });
  if (!row) return null;
  return { hops: row.hops, nodes: row.nodes as (ActorRow | EventRow)[] };
}
