// The exported subgraph as flat nodes and edges in batches: what the GraphML, GEXF and CSV
// writers share. Every node has the same columns (empty where a kind has no such value), so a
// spreadsheet gets one table and Gephi one attribute list.
import { ACTOR_KIND_LABEL, EVENT_FAMILY_LABEL } from '../ontology';
import type { Graph } from '../graph/driver';
import type { EventFilterInput, EventKeyset } from '../graph/reads/events-page';
import {
  readExportEventPage,
  readExportPage,
  type ExportEdgeRow,
  type ExportPage,
  type NodeOf,
  type PagedKind,
  type ExportNodeKind,
} from '../graph/reads/export';
import type { EventRow } from '../graph/rows';
import { nodeColor, relationshipColor, type GrassStyle, type Rgb } from './grass';

/** Rows read per round trip: each batch is one read transaction. */
export const BATCH_SIZE = 500;

export const NODE_COLUMNS = [
  'id',
  'kind',
  'label',
  'type',
  'color',
  'occurredOn',
  'datePrecision',
  'modality',
  'confidence',
  'cameoCode',
  'reviewStatus',
  'summary',
  'name',
  'country',
  'title',
  'url',
  'publishedOn',
  'text',
] as const;
export type NodeColumn = (typeof NODE_COLUMNS)[number];
export type NodeValues = Record<NodeColumn, string | number | null>;

/** Columns that hold numbers (GraphML and GEXF declare them as doubles). */
export const NUMBER_COLUMNS: ReadonlySet<NodeColumn> = new Set(['confidence']);

export interface ExportNode {
  values: NodeValues;
  rgb: Rgb;
}

export const EDGE_COLUMNS = ['id', 'source', 'target', 'type', 'label', 'color'] as const;
export type EdgeColumn = (typeof EDGE_COLUMNS)[number];

export interface ExportEdge {
  values: Record<EdgeColumn, string>;
  rgb: Rgb | null;
}

export interface SubgraphBatch {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

/** Ids as the API gives them (Type:key), so ids of different kinds never collide. */
export const globalId = (kind: ExportNodeKind, key: string) => `${kind}:${key}`;

const EMPTY: NodeValues = Object.fromEntries(NODE_COLUMNS.map((c) => [c, null])) as NodeValues;

function node(
  style: GrassStyle,
  kind: ExportNodeKind,
  key: string,
  labels: string[],
  values: Partial<NodeValues>,
  row: object,
): ExportNode {
  const rgb = nodeColor(style, labels);
  const all: NodeValues = { ...EMPTY, ...values, id: globalId(kind, key), kind, color: rgb.hex };
  // The label is what Neo4j Browser captions the node with (its grass `caption`), where set.
  const captioned = labels.map((l) => style.captions.get(l)).find((p) => p !== undefined);
  const caption = captioned ? (row as Record<string, unknown>)[captioned] : null;
  all.label = typeof caption === 'string' && caption !== '' ? caption : key;
  return { values: all, rgb };
}

export function eventNode(style: GrassStyle, e: EventRow): ExportNode {
  return node(
    style,
    'Event',
    e.id,
    [EVENT_FAMILY_LABEL[e.type], 'Event'],
    {
      type: e.type,
      occurredOn: e.occurredOn,
      datePrecision: e.datePrecision,
      modality: e.modality,
      confidence: e.confidence,
      cameoCode: e.cameoCode,
      reviewStatus: e.reviewStatus ?? 'DRAFT',
      summary: e.summary,
    },
    e,
  );
}

export function edge(style: GrassStyle, row: ExportEdgeRow): ExportEdge {
  const source = globalId(row.fromKind, row.from);
  const target = globalId(row.toKind, row.to);
  const rgb = relationshipColor(style, row.type);
  return {
    values: {
      id: `${source}-${row.type}${row.title ? `(${row.title})` : ''}->${target}`,
      source,
      target,
      type: row.type,
      label: row.title ?? row.type,
      color: rgb?.hex ?? '',
    },
    rgb,
  };
}

/**
 * The subgraph of `filter`'s events, page by page: events (oldest first, as Query.events), then
 * actors, articles, quotes and claims (by id). Each page carries the edges its nodes own, so
 * every node and every edge comes exactly once.
 */
export async function* subgraphBatches(
  graph: Graph,
  filter: EventFilterInput,
  style: GrassStyle,
  batchSize = BATCH_SIZE,
): AsyncGenerator<SubgraphBatch> {
  let cursor: EventKeyset | null = null;
  do {
    const page = await readExportEventPage(graph, filter, batchSize, cursor);
    yield {
      nodes: page.nodes.map((e) => eventNode(style, e)),
      edges: page.edges.map((r) => edge(style, r)),
    };
    cursor = page.cursor;
  } while (cursor);

  for await (const page of pages(graph, 'Actor', filter, batchSize)) {
    yield {
      nodes: page.nodes.map((a) =>
        node(
          style,
          'Actor',
          a.id,
          [ACTOR_KIND_LABEL[a.kind], 'Actor'],
          { type: a.kind, name: a.name, country: a.country },
          a,
        ),
      ),
      edges: page.edges.map((r) => edge(style, r)),
    };
  }
  for await (const page of pages(graph, 'Article', filter, batchSize)) {
    yield {
      nodes: page.nodes.map((a) =>
        node(
          style,
          'Article',
          a.id,
          ['Article'],
          { title: a.title, url: a.url, publishedOn: a.publishedOn },
          a,
        ),
      ),
      edges: page.edges.map((r) => edge(style, r)),
    };
  }
  for (const kind of ['Quote', 'Claim'] as const) {
    for await (const page of pages(graph, kind, filter, batchSize)) {
      yield {
        nodes: page.nodes.map((s) => node(style, kind, s.id, [kind], { text: s.text }, s)),
        edges: page.edges.map((r) => edge(style, r)),
      };
    }
  }
}

async function* pages<K extends PagedKind>(
  graph: Graph,
  kind: K,
  filter: EventFilterInput,
  batchSize: number,
): AsyncGenerator<ExportPage<NodeOf<K>>> {
  let after: string | null = '';
  while (after !== null) {
    const page: ExportPage<NodeOf<K>> = await readExportPage(graph, kind, filter, batchSize, after);
    yield page;
    after = page.after;
  }
}
