// What the GraphML and GEXF writers share: two passes over the subgraph, nodes then edges (GEXF
// wants all nodes before the first edge, and Gephi reads GraphML faster that way too).
import type { Writable } from 'node:stream';
import { begin, type XMLDocumentCB } from 'xmlbuilder';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import type { GrassStyle } from './grass';
import { Pending, type ExportProgress } from './output';
import { subgraphBatches, type ExportEdge, type ExportNode } from './subgraph';

export interface XmlGraphWriter {
  open(xml: XMLDocumentCB): void;
  node(xml: XMLDocumentCB, node: ExportNode): void;
  /** Between the nodes and the edges (GEXF closes <nodes> and opens <edges>). */
  between(xml: XMLDocumentCB): void;
  edge(xml: XMLDocumentCB, edge: ExportEdge): void;
  close(xml: XMLDocumentCB): void;
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
  // xmlbuilder's callback document writes each element as soon as it is complete and keeps
  // only the open elements' path, so memory does not grow with the graph. (xmlbuilder2's
  // createCB builds a fragment per element and was some 30 times slower here.)
  // Not pretty-printed: in callback mode the writer would indent a value onto lines of its own,
  // and so change it.
  const xml = begin({ writer: { pretty: false } }, (chunk) => pending.push(chunk));
  xml.dec('1.0', 'UTF-8');
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
