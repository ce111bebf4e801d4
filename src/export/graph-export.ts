// What the GraphML and GEXF writers share: two passes over the subgraph, nodes then edges (GEXF
// wants all nodes before the first edge, and Gephi reads GraphML faster that way too).
import type { Writable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import type { GrassStyle } from './grass';
import { Pending, type ExportProgress } from './output';
import { subgraphBatches, type ExportEdge, type ExportNode } from './subgraph';

export interface XmlGraphWriter {
  open(xml: XMLBuilderCB): void;
  node(xml: XMLBuilderCB, node: ExportNode): void;
  /** Between the nodes and the edges (GEXF closes <nodes> and opens <edges>). */
  between(xml: XMLBuilderCB): void;
  edge(xml: XMLBuilderCB, edge: ExportEdge): void;
  close(xml: XMLBuilderCB): void;
}

export async function writeXmlGraph(
  writer: XmlGraphWriter,
  graph: Graph,
  filter: EventFilterInput,
  style: GrassStyle,
  out: Writable,
  progress: ExportProgress,
): Promise<void> {
  const pending = new Pending();
  const xml = createCB({ data: pending.push, prettyPrint: true });
  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  writer.open(xml);
  for await (const batch of subgraphBatches(graph, filter, style)) {
    for (const n of batch.nodes) writer.node(xml, n);
    await pending.flushTo(out);
    progress.add(batch.nodes.length);
  }
  writer.between(xml);
  for await (const batch of subgraphBatches(graph, filter, style)) {
    for (const e of batch.edges) writer.edge(xml, e);
    await pending.flushTo(out);
    progress.add(batch.nodes.length);
  }
  writer.close(xml);
  xml.end();
  await pending.flushTo(out);
}
