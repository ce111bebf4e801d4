// The export formats: what each writes, its file name and its media type. `csv` is two files
// (nodes and edges); over HTTP, where a response is one file, they are `csv-nodes` and `csv-edges`.
import type { Writable } from 'node:stream';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import type { ExportCounts } from '../graph/reads/export';
import { writeCsv } from './csv';
import { writeEventsTsv } from './events-tsv';
import { gexfWriter } from './gexf';
import { writeXmlGraph } from './graph-export';
import { graphmlWriter } from './graphml';
import { readGrass } from './grass';
import { writeJsonl } from './jsonl';
import type { ExportProgress } from './output';

/** Formats of one file each, which both the CLI and the download give. */
export const FILE_FORMATS = [
  'graphml',
  'gexf',
  'jsonl',
  'events-tsv',
  'csv-nodes',
  'csv-edges',
] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What the CLI's --format takes: the file formats and `csv`, which writes both tables. */
export const CLI_FORMATS = ['graphml', 'gexf', 'csv', 'jsonl', 'events-tsv'] as const;

export interface FormatInfo {
  extension: string;
  contentType: string;
  /** Progress units the export counts up to, from the subgraph's node counts. */
  total: (counts: ExportCounts) => number;
}

const nodes = (c: ExportCounts) => c.Event + c.Actor + c.Article + c.Quote + c.Claim;

export const FORMAT_INFO: Record<FileFormat, FormatInfo> = {
  // Nodes are read twice: once for the nodes, once for the edges they own.
  graphml: {
    extension: 'graphml',
    contentType: 'application/graphml+xml; charset=utf-8',
    total: (c) => 2 * nodes(c),
  },
  gexf: {
    extension: 'gexf',
    contentType: 'application/gexf+xml; charset=utf-8',
    total: (c) => 2 * nodes(c),
  },
  jsonl: {
    extension: 'jsonl',
    contentType: 'application/x-ndjson; charset=utf-8',
    total: (c) => c.Event,
  },
  'events-tsv': {
    extension: 'tsv',
    contentType: 'text/tab-separated-values; charset=utf-8',
    total: (c) => c.Event,
  },
  'csv-nodes': {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    total: nodes,
  },
  'csv-edges': {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    total: nodes,
  },
};

export function isFileFormat(s: string): s is FileFormat {
  return (FILE_FORMATS as readonly string[]).includes(s);
}

/** The file name a download suggests, e.g. mediagraph-events.graphml, mediagraph-nodes.csv. */
export function downloadName(format: FileFormat): string {
  const stem = format === 'csv-nodes' ? 'nodes' : format === 'csv-edges' ? 'edges' : 'events';
  return `mediagraph-${stem}.${FORMAT_INFO[format].extension}`;
}

/** Writes one file of the export to `out` (which it leaves open). */
export async function writeExport(
  graph: Graph,
  format: FileFormat,
  filter: EventFilterInput,
  out: Writable,
  progress: ExportProgress,
): Promise<void> {
  switch (format) {
    case 'graphml':
      return writeXmlGraph(graphmlWriter, graph, filter, readGrass(), out, progress);
    case 'gexf':
      return writeXmlGraph(gexfWriter, graph, filter, readGrass(), out, progress);
    case 'jsonl':
      return writeJsonl(graph, filter, out, progress);
    case 'events-tsv':
      return writeEventsTsv(graph, filter, out, progress);
    case 'csv-nodes':
      return writeCsv(graph, filter, readGrass(), { nodes: out }, progress);
    case 'csv-edges':
      return writeCsv(graph, filter, readGrass(), { edges: out }, progress);
  }
}
