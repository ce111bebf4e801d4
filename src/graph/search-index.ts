// The full-text index behind `search`, and the migration that brings an existing one to this
// definition. Lucene's `english` analyzer stems words, so "retaliation" finds "vowed to
// retaliate"; an event's type is indexed in words (typeText) so that it is found by them too.
import { z } from 'zod';
import { defineQuery, type Graph } from './driver';

export const SEARCH_INDEX = 'mediagraph_search';
export const SEARCH_ANALYZER = 'english';
export const SEARCH_LABELS = ['Event', 'Actor', 'Quote', 'Claim', 'Article'] as const;
/**
 * Every property any of the labels has that search reads: events' summary and type in words,
 * actors' name and aliases (one line each), the text of quotes, claims and articles, and
 * articles' titles.
 */
export const SEARCH_PROPERTIES = [
  'summary',
  'typeText',
  'name',
  'aliasesText',
  'text',
  'title',
] as const;

/**
 * An event type in words, in Cypher: RETALIATION_VOW is "retaliation vow". Every write of an
 * event's type writes it to typeText beside it; typeWords in search/english.ts is the same in
 * TypeScript.
 */
export const TYPE_WORDS = (type: string) => `replace(toLower(${type}), '_', ' ')`;

/** Events whose typeText is written in one transaction when the migration fills it in. */
export const BACKFILL_BATCH = 5000;

const indexState = defineQuery(
  'searchIndexState',
  `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options
   WHERE name = $name
   RETURN labelsOrTypes AS labels, properties, options.indexConfig['fulltext.analyzer'] AS analyzer`,
  z.object({
    labels: z.array(z.string()),
    properties: z.array(z.string()),
    analyzer: z.string().nullable(),
  }),
);

// In the order of the id index, from where the last batch ended: each batch reads only its own.
const backfillTypeText = defineQuery(
  'backfillEventTypeText',
  `MATCH (e:Event) WHERE e.id > $after
   WITH e ORDER BY e.id LIMIT toInteger($batch)
   SET e.typeText = ${TYPE_WORDS('e.type')}
   RETURN count(e) AS n, max(e.id) AS last`,
  z.object({ n: z.number(), last: z.string().nullable() }),
);

const dropIndex = defineQuery(
  'dropSearchIndex',
  `DROP INDEX ${SEARCH_INDEX} IF EXISTS`,
  z.object({}).passthrough(),
);

const createIndex = defineQuery(
  'createSearchIndex',
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS
   FOR (n:${SEARCH_LABELS.join('|')}) ON EACH [${SEARCH_PROPERTIES.map((p) => `n.${p}`).join(', ')}]
   OPTIONS {indexConfig: {\`fulltext.analyzer\`: '${SEARCH_ANALYZER}'}}`,
  z.object({}).passthrough(),
);

/**
 * Creates the search index over properties that are all written already (the bulk loader's
 * typeText), so that migrate finds it as it should be and backfills nothing; idempotent.
 */
export async function createSearchIndex(graph: Graph): Promise<void> {
  await graph.write(createIndex);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** What the migration did to the search index. */
export type SearchIndexChange = 'unchanged' | 'created' | 'rebuilt';

/**
 * Makes the search index what SEARCH_* say. One that is so already is left alone; one with
 * another analyzer, labels or properties is dropped and built again, which Neo4j does in the
 * background from the nodes' properties (db.awaitIndexes waits for it). The properties it
 * reads are filled in first, in batches, so an index that exists in this form has them all,
 * even after a migration stopped halfway.
 */
export async function ensureSearchIndex(
  graph: Graph,
  batch = BACKFILL_BATCH,
): Promise<SearchIndexChange> {
  const [state] = await graph.read(indexState, { name: SEARCH_INDEX });
  if (
    state &&
    state.analyzer === SEARCH_ANALYZER &&
    sameSet(state.labels, SEARCH_LABELS) &&
    sameSet(state.properties, SEARCH_PROPERTIES)
  ) {
    return 'unchanged';
  }
  for (let after = ''; ;) {
    const [done] = await graph.write(backfillTypeText, { after, batch });
    if (!done?.last || done.n < batch) break;
    after = done.last;
  }
  if (state) await graph.write(dropIndex);
  await graph.write(createIndex);
  return state ? 'rebuilt' : 'created';
}
