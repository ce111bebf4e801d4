// Integers stay integers: offsets and counts are Neo4j INTEGERs in the database, whatever wrote
// them, because every tool that reads the graph (Neo4j Browser, cypher-shell, exports) sees the
// stored type, and the driver sends every JavaScript number as a FLOAT unless told otherwise.
import { z } from 'zod';
import { loadConfig } from '../../src/config';
import { defineQuery, Graph } from '../../src/graph/driver';
import { storeWholeNumbersAsIntegers } from '../../src/graph/integer-properties';
import { migrate } from '../../src/graph/migrations';
import {
  createApi,
  createKey,
  gqlData,
  loadSeeds,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testConfig } from '../support/test-db';

/**
 * The only properties that may be stored as FLOAT, each a real number rather than a count:
 * - confidence (Event): a probability between 0 and 1;
 * - amount (Event): a sum of money, which may have cents;
 * - score (POSSIBLE_DUPLICATE, EventAlias): how alike two events are, between 0 and 1.
 */
const FLOAT_PROPERTIES = ['amount', 'confidence', 'score'];
const INTEGER_TYPES = ['INTEGER NOT NULL', 'LIST<INTEGER NOT NULL> NOT NULL'];

const AD_BAN = 'twitter-ad-ban-rt-sputnik';
const TEXT =
  'MOSCOW, October 27. /TASS/. Twitter banned advertising from all accounts of RT and Sputnik ' +
  'on Thursday, the company said. Kremlin spokesman Dmitry Peskov criticised the decision.';
// Three days on, Twitter's ads ban of Sputnik again: close to the seed's ban, not the same day,
// so a possible duplicate, which an editor then merges.
const LATER_TEXT = 'MOSCOW, October 30. /TASS/. Twitter stopped selling ads to Sputnik on Sunday.';

const census = defineQuery(
  'testNumericPropertyTypes',
  `CALL () {
     MATCH (n) UNWIND keys(n) AS key
     RETURN reduce(s = '', l IN labels(n) | s + ':' + l) AS owner, key, valueType(n[key]) AS type
     UNION ALL
     MATCH ()-[r]->() UNWIND keys(r) AS key
     RETURN '[:' + type(r) + ']' AS owner, key, valueType(r[key]) AS type
   }
   WITH owner, key, type WHERE type CONTAINS 'INTEGER' OR type CONTAINS 'FLOAT'
   RETURN DISTINCT owner, key, type ORDER BY owner, key, type`,
  z.object({ owner: z.string(), key: z.string(), type: z.string() }),
);

type Typed = { owner: string; key: string; type: string };
const numericProperties = async (): Promise<Typed[]> => graph.read(census);
/** Numeric properties stored with a type they must not have. */
const wronglyTyped = (rows: Typed[]) =>
  rows.filter((r) =>
    FLOAT_PROPERTIES.includes(r.key)
      ? r.type !== 'FLOAT NOT NULL'
      : !INTEGER_TYPES.includes(r.type),
  );

const none = z.object({}).passthrough();
const run = (name: string, cypher: string, params: Record<string, unknown> = {}) =>
  graph.write(defineQuery(name, cypher, none), params);

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;

beforeAll(async () => {
  // The extractor runs inside ingestText's request, and Neo4j plans each statement on first use:
  // on a busy machine that takes longer than the usual 15 s limit of a request or a transaction.
  graph = new Graph({ ...testConfig().neo4j, timeoutMs: 120_000 });
  api = createApi(graph, loadConfig({ LOG_LEVEL: 'warn', QUERY_TIMEOUT_MS: '120000' }));
  await wipe(graph);
});

afterAll(async () => {
  await graph.close();
});

/** Asserts every numeric property has its type; returns which (owner, property) pairs exist. */
async function expectIntegers(): Promise<Set<string>> {
  const rows = await numericProperties();
  expect(wronglyTyped(rows)).toEqual([]);
  // Events carry a family label beside :Event; one name for all of them.
  return new Set(rows.map((r) => `${r.owner.replace(/^:Event:.*/, ':Event')} ${r.key}`));
}

test('the seed, extracted texts, matching, curation and a merge write integers', async () => {
  await loadSeeds(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  type Ingested = { possibleDuplicates: { event: { id: string }; other: { id: string } }[] };
  const ingest = (text: string, publishedOn: string) =>
    gqlData<{ ingestText: Ingested }>(
      api,
      `mutation ($input: IngestTextInput!) { ingestText(input: $input) {
        possibleDuplicates { event { id } other { id } } } }`,
      { input: { text, publishedOn } },
      editor,
    );
  await ingest(TEXT, '2017-10-27');
  const later = await ingest(LATER_TEXT, '2017-10-30');
  const pair = later.ingestText.possibleDuplicates[0]!;
  expect([pair.event.id, pair.other.id]).toContain(`Event:${AD_BAN}`);
  const seen = await expectIntegers();
  expect([...seen]).toEqual(
    expect.arrayContaining([':EventAlias score', '[:POSSIBLE_DUPLICATE] score']),
  );

  const mutate = (m: string) => gqlData(api, `mutation { ${m} { id } }`, {}, editor);
  const start = SEED_TEXT.indexOf('Kremlin');
  await mutate(
    `addEvidence(eventId: "Event:${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: ${start}, end: ${start + 'Kremlin'.length})`,
  );
  await mutate(
    `addParticipant(eventId: "Event:${AD_BAN}", actorId: "Actor:tass", role: BENEFICIARY, note: "not really")`,
  );
  await mutate(`setEventReview(eventId: "Event:${AD_BAN}", status: VERIFIED)`);
  await mutate(
    `correctEvent(eventId: "Event:${AD_BAN}", correction: { confidence: 1 }, note: "Twitter's own post")`,
  );
  const other = pair.event.id === `Event:${AD_BAN}` ? pair.other.id : pair.event.id;
  await mutate(`mergeEvents(keepId: "Event:${AD_BAN}", mergeId: "${other}")`);

  // What the census saw: offsets on every kind of element that carries evidence, and the scores.
  expect([...(await expectIntegers())]).toEqual(
    expect.arrayContaining([
      ':Article evStart',
      ':Article evEnd',
      ':Event amountEvStart',
      ':Event amountEvEnd',
      ':Event confidence',
      ':Event amount',
      ':EventAlias score',
      ':Quote evStart',
      ':Claim evEnd',
      '[:MENTIONS] evStart',
      '[:REPORTS] evStart',
      '[:REPORTS] evEnd',
      '[:HOLDS_POSITION] evStart',
      '[:AGENT] evStart',
      '[:TARGET] evEnd',
      '[:BENEFICIARY] evStart',
    ]),
  );
});

test('reads hand the API plain numbers', async () => {
  type Span = { article: { id: string }; start: number; end: number; text: string };
  const data = await gqlData<{ event: { confidence: number; evidence: Span[] } }>(
    api,
    `{ event(id: "Event:${AD_BAN}") { confidence evidence { article { id } start end text } } }`,
  );
  expect(data.event.confidence).toBe(1);
  const seed = data.event.evidence.filter((e) => e.article.id === `Article:${SEED_ARTICLE_ID}`);
  const start = SEED_TEXT.indexOf('Kremlin');
  expect(seed).toContainEqual({ ...seed[0], start, end: start + 7, text: 'Kremlin' });
  for (const e of seed) {
    expect(Number.isInteger(e.start) && Number.isInteger(e.end)).toBe(true);
    expect(SEED_TEXT.slice(e.start, e.end)).toBe(e.text);
  }
});

test('migrate turns offsets stored as FLOAT into INTEGER, values unchanged, and a second run changes nothing', async () => {
  // What an older version wrote: the offsets as FLOAT, in lists on nodes and relationships, and
  // one outside a list. Scores and amounts are FLOAT and stay so.
  const before = await snapshot(graph);
  await run(
    'testFloatOffsetsOnNodes',
    `MATCH (n) WHERE n.evStart IS NOT NULL OR n.amountEvStart IS NOT NULL
     SET n.evStart = [x IN n.evStart | toFloat(x)], n.evEnd = [x IN n.evEnd | toFloat(x)],
       n.amountEvStart = [x IN n.amountEvStart | toFloat(x)],
       n.amountEvEnd = [x IN n.amountEvEnd | toFloat(x)]`,
  );
  await run(
    'testFloatOffsetsOnRelationships',
    `MATCH ()-[r]->() WHERE r.evStart IS NOT NULL
     SET r.evStart = [x IN r.evStart | toFloat(x)], r.evEnd = [x IN r.evEnd | toFloat(x)]`,
  );
  // A list holding a fraction is not offsets: it is left for someone to look at, not rounded.
  await run(
    'testFloatOffsetProbe',
    `CREATE (:Probe {id: 'probe', evStart: 48.0, evEnd: [928.0, 12.5], amountEvStart: 7, score: 1.0})`,
  );
  const floats = wronglyTyped(await numericProperties());
  expect(floats.map((r) => `${r.owner} ${r.key} ${r.type}`)).toEqual(
    expect.arrayContaining([
      ':Article evStart LIST<FLOAT NOT NULL> NOT NULL',
      '[:REPORTS] evEnd LIST<FLOAT NOT NULL> NOT NULL',
      ':Probe evStart FLOAT NOT NULL',
    ]),
  );
  // Type aside, the old form holds the same values (the snapshot shows numbers as JSON).
  expect(await snapshot(graph)).toEqual(expect.arrayContaining(before));

  await migrate(graph);
  const after = await numericProperties();
  expect(wronglyTyped(after).map((r) => `${r.owner} ${r.key} ${r.type}`)).toEqual([
    ':Probe evEnd LIST<FLOAT NOT NULL> NOT NULL',
  ]);
  const [p] = await graph.read(
    defineQuery(
      'testProbe',
      `MATCH (p:Probe) RETURN p.evStart AS evStart, p.evEnd AS evEnd, valueType(p.evStart) AS t`,
      z.object({ evStart: z.number(), evEnd: z.array(z.number()), t: z.string() }),
    ),
  );
  expect(p).toEqual({ evStart: 48, evEnd: [928, 12.5], t: 'INTEGER NOT NULL' });
  const migrated = await snapshot(graph);
  expect(migrated.filter((l) => !l.startsWith(':Probe '))).toEqual(before);

  await migrate(graph);
  expect(await numericProperties()).toEqual(after);
  // Forced past the marker the first run left: a full scan finds nothing either.
  expect(await storeWholeNumbersAsIntegers(graph, true)).toEqual({ nodes: 0, relationships: 0 });
  expect(await snapshot(graph)).toEqual(migrated);
});
