// What a data migration has done, recorded in the graph so that later starts skip it instead of
// scanning every node again: (:SchemaMarker {name, version}). A migration whose work changes
// raises its version, and the next start runs it once more. Test fingerprints and snapshots leave
// these nodes out: they record the migrations, not the graph's content.
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { defineQuery, type Graph } from './driver';

const markerVersion = defineQuery(
  'schemaMarkerVersion',
  `OPTIONAL MATCH (m:SchemaMarker {name: $name}) RETURN m.version AS version`,
  z.object({ version: z.number().nullable() }),
);

const setMarker = defineQuery(
  'schemaMarkerSet',
  `MERGE (m:SchemaMarker {name: $name}) SET m.version = $version, m.at = datetime.realtime()
   RETURN m.version AS version`,
  z.object({ version: z.number() }),
);

/** True when the migration `name` has run at `version` or later on this graph. */
export async function hasRun(graph: Graph, name: string, version: number): Promise<boolean> {
  const [found] = await graph.read(markerVersion, { name });
  return (found?.version ?? 0) >= version;
}

/** Records that the migration `name` has run at `version` (or that a loader did its work). */
export async function markRun(graph: Graph, name: string, version: number): Promise<void> {
  await graph.write(setMarker, { name, version: neo4j.int(version) });
}
