// The filtered events one by one with what hangs off them (participants, evidence, links), for
// the writers that give one line per event: JSONL and the event table.
import type { Graph } from '../graph/driver';
import type { EventFilterInput, EventKeyset } from '../graph/reads/events-page';
import {
  readExportEventPage,
  readExportEventRecords,
  type ExportEventRecord,
} from '../graph/reads/export';
import type { EventRow } from '../graph/rows';
import { BATCH_SIZE } from './subgraph';

export interface EventWithRecord {
  event: EventRow;
  record: ExportEventRecord;
}

/** Batches of events, oldest first (as Query.events with the same filter). */
export async function* eventBatches(
  graph: Graph,
  filter: EventFilterInput,
  batchSize = BATCH_SIZE,
): AsyncGenerator<EventWithRecord[]> {
  let cursor: EventKeyset | null = null;
  do {
    const page = await readExportEventPage(graph, filter, batchSize, cursor);
    const records = await readExportEventRecords(
      graph,
      page.nodes.map((e) => e.id),
    );
    yield page.nodes.map((event, i) => ({ event, record: records[i]! }));
    cursor = page.cursor;
  } while (cursor);
}
