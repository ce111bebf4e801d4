// Search that understands English, against the real Neo4j: stemmed matches, event types in words,
// what each hit is and where it matched, and the migration of an index of the older definition.
import { z } from 'zod';
import { defineQuery } from '../../src/graph/driver';
import { migrate } from '../../src/graph/migrations';
import { ensureSearchIndex, SEARCH_INDEX } from '../../src/graph/search-index';
import {
  createKey,
  gqlData,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  seededGraph,
} from '../support/graph-fixtures';

const { graph, api } = seededGraph();

interface Hit {
  score: number;
  kind: string;
  node: { id: string };
  snippet: {
    field: string;
    text: string;
    start: number;
    end: number;
    matches: { start: number; end: number }[];
    article: { id: string } | null;
  } | null;
}

const HIT =
  'score kind node { id } snippet { field text start end matches { start end } article { id } }';

async function search(query: string): Promise<Hit[]> {
  const data = await gqlData<{ search: Hit[] }>(
    api,
    `query ($q: String!) { search(query: $q, first: 50) { ${HIT} } }`,
    { q: query },
  );
  return data.search;
}

const hitOf = (hits: Hit[], id: string) => hits.find((h) => h.node.id === id);

/** The text a snippet's offsets count in, and what its matches cover there. */
function matchedWords(hit: Hit, own: string): string[] {
  const base = hit.snippet!.article ? SEED_TEXT : own;
  expect(base.slice(hit.snippet!.start, hit.snippet!.end)).toBe(hit.snippet!.text);
  return hit.snippet!.matches.map((m) => base.slice(m.start, m.end));
}

test('"retaliation" finds both retaliation vows: one by its summary, one by its type in words', async () => {
  const hits = await search('retaliation');
  const moscow = hitOf(hits, 'Event:moscow-vows-retaliation')!;
  const summary =
    'The Russian government vowed to retaliate for new US measures against RT and Sputnik.';
  expect(moscow.kind).toBe('EVENT');
  expect(moscow.snippet).toEqual({
    field: 'SUMMARY',
    text: summary,
    start: 0,
    end: summary.length,
    matches: [{ start: 32, end: 41 }],
    article: null,
  });
  expect(matchedWords(moscow, summary)).toEqual(['retaliate']);

  const deputy = hitOf(hits, 'Event:deputy-minister-vows-tit-for-tat')!;
  expect(deputy.kind).toBe('EVENT');
  expect(deputy.snippet).toEqual({
    field: 'TYPE',
    text: 'retaliation vow',
    start: 0,
    end: 15,
    matches: [{ start: 0, end: 11 }],
    article: null,
  });

  // The article's headline list says "Moscow vows retaliation": offsets into its text.
  const article = hitOf(hits, `Article:${SEED_ARTICLE_ID}`)!;
  const at = SEED_TEXT.indexOf('vows retaliation') + 5;
  expect(article.kind).toBe('ARTICLE');
  expect(article.snippet).toMatchObject({
    field: 'TEXT',
    article: { id: `Article:${SEED_ARTICLE_ID}` },
    matches: [{ start: at, end: at + 11 }],
  });
  expect(matchedWords(article, SEED_TEXT)).toEqual(['retaliation']);

  expect(hits.map((h) => h.node.id).sort()).toEqual(
    [
      'Event:moscow-vows-retaliation',
      'Event:deputy-minister-vows-tit-for-tat',
      `Article:${SEED_ARTICLE_ID}`,
    ].sort(),
  );
  const scores = hits.map((h) => h.score);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
});

test('an actor is found by an alias, and the snippet is that alias', async () => {
  const hits = await search('spokesman');
  expect(hitOf(hits, 'Actor:dmitry-peskov')).toMatchObject({
    kind: 'ACTOR',
    snippet: {
      field: 'ALIAS',
      text: 'the Kremlin spokesman',
      start: 0,
      end: 21,
      matches: [{ start: 12, end: 21 }],
      article: null,
    },
  });
  // The event whose summary says "Kremlin spokesman Peskov" is found too.
  expect(hitOf(hits, 'Event:kremlin-regrets-ad-ban')!.snippet!.field).toBe('SUMMARY');
});

test('a word of a quote finds it, with offsets into the article its evidence is in', async () => {
  const hits = await search('regrets');
  const quote = hitOf(hits, 'Quote:peskov-we-regret-it')!;
  expect(quote.kind).toBe('QUOTE');
  expect(quote.snippet).toMatchObject({
    field: 'TEXT',
    start: 362,
    end: 475,
    article: { id: `Article:${SEED_ARTICLE_ID}` },
    matches: [
      { start: 365, end: 371 },
      { start: 379, end: 385 },
    ],
  });
  expect(matchedWords(quote, '')).toEqual(['regret', 'regret']);

  const claims = await search('attitudes');
  const claim = hitOf(claims, 'Claim:peskov-unequal-attitude')!;
  expect(claim.kind).toBe('CLAIM');
  expect(claim.snippet!.article).toEqual({ id: `Article:${SEED_ARTICLE_ID}` });
  expect(matchedWords(claim, '')).toEqual(['attitude']);
});

test('a query of stop words only finds nothing, and says so without an error', async () => {
  expect(await search('the and of')).toEqual([]);
});

const indexState = defineQuery(
  'testSearchIndexState',
  `SHOW FULLTEXT INDEXES YIELD name, properties, options WHERE name = $name
   RETURN properties, options.indexConfig['fulltext.analyzer'] AS analyzer`,
  z.object({ properties: z.array(z.string()), analyzer: z.string() }),
);
const run = (name: string, cypher: string) =>
  graph.write(defineQuery(name, cypher, z.object({}).passthrough()));

test('migrate rebuilds an index of the older definition with the english analyzer and fills typeText in', async () => {
  await run('testDropSearch', `DROP INDEX ${SEARCH_INDEX} IF EXISTS`);
  await run('testForgetTypeText', 'MATCH (e:Event) REMOVE e.typeText');
  // The definition before this change: the default analyzer, no event types in words.
  await run(
    'testOldSearchIndex',
    `CREATE FULLTEXT INDEX ${SEARCH_INDEX} FOR (n:Event|Actor|Quote|Claim|Article)
     ON EACH [n.summary, n.name, n.aliasesText, n.text, n.title]`,
  );
  await run('testAwaitOld', 'CALL db.awaitIndexes(300)');
  expect(await graph.read(indexState, { name: SEARCH_INDEX })).toEqual([
    {
      properties: ['summary', 'name', 'aliasesText', 'text', 'title'],
      analyzer: 'standard-no-stop-words',
    },
  ]);
  expect((await search('retaliation')).map((h) => h.node.id)).toEqual([
    `Article:${SEED_ARTICLE_ID}`,
  ]);

  // Batches of 5 over the seed's 14 events: three batches.
  expect(await ensureSearchIndex(graph, 5)).toBe('rebuilt');
  await migrate(graph);
  const [state] = await graph.read(indexState, { name: SEARCH_INDEX });
  expect(state!.analyzer).toBe('english');
  expect(state!.properties.sort()).toEqual(
    ['aliasesText', 'name', 'summary', 'text', 'title', 'typeText'].sort(),
  );
  const [missing] = await graph.read(
    defineQuery(
      'testTypeTextMissing',
      'MATCH (e:Event) WHERE e.typeText IS NULL RETURN count(e) AS n',
      z.object({ n: z.number() }),
    ),
  );
  expect(missing!.n).toBe(0);
  expect((await search('retaliation')).map((h) => h.node.id)).toContain(
    'Event:deputy-minister-vows-tit-for-tat',
  );
  // When the index is right, the migration leaves it alone.
  expect(await ensureSearchIndex(graph)).toBe('unchanged');
});

test('correcting an event type changes the words it is found by', async () => {
  const editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  const id = 'Event:journalists-union-blasts-twitter';
  await gqlData(
    api,
    `mutation { correctEvent(eventId: "${id}", correction: { type: RETALIATION_VOW }) { type } }`,
    {},
    editor,
  );
  expect(hitOf(await search('retaliation'), id)!.snippet).toMatchObject({
    field: 'TYPE',
    text: 'retaliation vow',
  });
  expect(hitOf(await search('criticism'), id)).toBeUndefined();
});
