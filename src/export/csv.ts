// The subgraph as two CSV tables, for spreadsheets and data frames: nodes (one row per node, the
// columns of every kind) and edges (source and target are node ids). One pass writes both.
import type { Writable } from 'node:stream';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import type { GrassStyle } from './grass';
import { endTable, table, put, type ExportProgress } from './output';
import { EDGE_COLUMNS, NODE_COLUMNS, subgraphBatches } from './subgraph';

export interface CsvOutputs {
  nodes?: Writable;
  edges?: Writable;
}

export async function writeCsv(
  graph: Graph,
  filter: EventFilterInput,
  style: GrassStyle,
  outs: CsvOutputs,
  progress: ExportProgress,
): Promise<void> {
  const nodes = outs.nodes ? table(NODE_COLUMNS, outs.nodes) : null;
  const edges = outs.edges ? table(EDGE_COLUMNS, outs.edges) : null;
  for await (const batch of subgraphBatches(graph, filter, style)) {
    if (nodes) for (const n of batch.nodes) await put(nodes, n.values);
    if (edges) for (const e of batch.edges) await put(edges, e.values);
    progress.add(batch.nodes.length);
  }
  if (nodes) await endTable(nodes);
  if (edges) await endTable(edges);
}
