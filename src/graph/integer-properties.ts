// Whole numbers are stored as Neo4j INTEGERs. The driver sends every JavaScript number as a FLOAT,
// so offsets written before the writers said toInteger (write-articles.ts, curation.ts) are FLOAT
// in older databases, and Neo4j Browser, cypher-shell and exports show them as 48.0. The
// migration below converts them in place; money amounts and scores are real numbers and stay FLOAT.
import { z } from 'zod';
import { defineQuery, rowsOf, type Graph, type Query } from './driver';
import { mapDriverError } from './errors';
import { hasRun, markRun } from './schema-marker';

/** Properties that hold whole numbers: evidence offsets, kept as lists on nodes and relationships. */
export const INTEGER_PROPERTIES = ['evStart', 'evEnd', 'amountEvStart', 'amountEvEnd'] as const;

/** Elements converted per transaction: small enough for a modest heap, large enough to be quick. */
const BATCH_ROWS = 10_000;

// Only whole FLOATs within JavaScript's safe range are converted: the API reads integers back as
// plain numbers, and a fraction in an offset would be a bug to find rather than to round away. A
// stored list has one type (Neo4j makes [928, 12.5] a FLOAT list), so a list is converted only
// when all its numbers are whole.
const whole = (x: string) =>
  `(${x} IS :: FLOAT NOT NULL AND ${x} = floor(${x}) AND abs(${x}) <= 9007199254740991)`;
const wholeList = (x: string) =>
  `(${x} IS :: LIST<FLOAT NOT NULL> NOT NULL AND size(${x}) > 0 AND all(x_ IN ${x} WHERE ${whole('x_')}))`;

/** True when `v` holds a whole FLOAT, or a list of them, in one of the integer properties. */
const needsConversion = (v: string) =>
  INTEGER_PROPERTIES.map((p) => `${whole(`${v}.${p}`)} OR ${wholeList(`${v}.${p}`)}`).join(' OR ');

/** A map of the integer properties, converted where they need it; absent ones stay null. */
const converted = (v: string) =>
  `{${INTEGER_PROPERTIES.map((p) => {
    const x = `${v}.${p}`;
    return `${p}: CASE WHEN ${whole(x)} THEN toInteger(${x}) WHEN ${wholeList(x)} THEN [x_ IN ${x} | toInteger(x_)] ELSE ${x} END`;
  }).join(', ')}}`;

// Each statement scans its elements once and rewrites the ones that need it in batches of their
// own transactions, so a large graph neither fills the heap nor holds one long transaction. A
// second run finds nothing to convert. `+=` with a null value leaves an absent property absent.
const counted = z.object({ n: z.number().int() });
const NODES = defineQuery(
  'integerPropertiesOfNodes',
  `MATCH (n) WHERE ${needsConversion('n')}
   CALL (n) { SET n += ${converted('n')} } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS
   RETURN count(*) AS n`,
  counted,
);
const RELATIONSHIPS = defineQuery(
  'integerPropertiesOfRelationships',
  `MATCH ()-[r]->() WHERE ${needsConversion('r')}
   CALL (r) { SET r += ${converted('r')} } IN TRANSACTIONS OF ${BATCH_ROWS} ROWS
   RETURN count(*) AS n`,
  counted,
);

// CALL { } IN TRANSACTIONS commits its own transactions, so it cannot run inside a transaction
// function: it needs an auto-commit query of a write session (routed to the leader, its bookmark
// shared with later reads). Without a timeout, as a migration of a large graph may take minutes.
async function runAutoCommit<Row>(graph: Graph, query: Query<Row>): Promise<Row[]> {
  const session = graph.writeSession();
  try {
    return rowsOf(query, await session.run(query.cypher));
  } catch (e) {
    throw mapDriverError(e);
  } finally {
    await session.close();
  }
}

// Every writer stores integers since this migration was written, so once it has run it need not
// scan the whole graph again at each start (7.9 s at 200k nodes): a marker records that it ran.
const INTEGERS_MARKER = 'integerProperties';
const INTEGERS_VERSION = 1;

/**
 * Converts whole numbers stored as FLOAT to INTEGER; says how many nodes and relationships
 * changed. `force` scans again even where the marker says it ran.
 */
export async function storeWholeNumbersAsIntegers(
  graph: Graph,
  force = false,
): Promise<{ nodes: number; relationships: number }> {
  if (!force && (await hasRun(graph, INTEGERS_MARKER, INTEGERS_VERSION))) {
    return { nodes: 0, relationships: 0 };
  }
  const [nodes] = await runAutoCommit(graph, NODES);
  const [relationships] = await runAutoCommit(graph, RELATIONSHIPS);
  await markIntegersStored(graph);
  return { nodes: nodes?.n ?? 0, relationships: relationships?.n ?? 0 };
}

/** Records that every whole number is an INTEGER (the bulk loader's importer types them so). */
export async function markIntegersStored(graph: Graph): Promise<void> {
  await markRun(graph, INTEGERS_MARKER, INTEGERS_VERSION);
}
