// A fingerprint of the whole graph, to show that two graphs are the same without keeping either:
// node counts per label, relationship counts per type, and a sha256 over a canonical dump of
// every node (labels and properties) and every relationship (type, endpoint ids, properties).
// Element ids differ from one load to the next, so relationships name their ends by `id`.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';

export interface Fingerprint {
  nodes: number;
  relationships: number;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  /** Nodes without an `id`: relationships at them could not be told apart, so none are allowed. */
  nodesWithoutId: number;
  sha256: string;
}

const nodeRows = defineQuery(
  'faultsDumpNodes',
  // The migrations' record of what they did (a SchemaMarker, with its time) is not the graph.
  'MATCH (n) WHERE NOT n:SchemaMarker RETURN labels(n) AS labels, properties(n) AS props',
  z.object({ labels: z.array(z.string()), props: z.record(z.unknown()) }),
);

const relationshipRows = defineQuery(
  'faultsDumpRelationships',
  'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
  z.object({
    type: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    props: z.record(z.unknown()),
  }),
);

/** JSON with object keys sorted at every depth; list order is kept, since it carries meaning. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function tally(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function fingerprint(graph: Graph): Promise<Fingerprint> {
  const byLabel: Record<string, number> = {};
  const byType: Record<string, number> = {};
  const lines: string[] = [];
  let nodesWithoutId = 0;
  const nodes = await graph.read(nodeRows);
  for (const n of nodes) {
    const labels = [...n.labels].sort();
    labels.forEach((l) => tally(byLabel, l));
    if (typeof n.props.id !== 'string') nodesWithoutId++;
    lines.push(`N ${canonical(labels)} ${canonical(n.props)}`);
  }
  const relationships = await graph.read(relationshipRows);
  for (const r of relationships) {
    tally(byType, r.type);
    lines.push(`R ${r.type} ${canonical([r.from, r.to])} ${canonical(r.props)}`);
  }
  // Sorted, so that the order Neo4j returns rows in does not matter; duplicates stay and count.
  lines.sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return {
    nodes: nodes.length,
    relationships: relationships.length,
    byLabel: sortedKeys(byLabel),
    byType: sortedKeys(byType),
    nodesWithoutId,
    sha256: hash.digest('hex'),
  };
}

/** One line for a log: the totals and the start of the hash. */
export function summarize(f: Fingerprint): string {
  return `${f.nodes} nodes, ${f.relationships} relationships, sha256 ${f.sha256.slice(0, 16)}`;
}
