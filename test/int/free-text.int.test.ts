// The free text of every mutation against the real Neo4j: notes and article texts up to their
// limits are stored; past them they are refused as BAD_USER_INPUT naming the argument, and
// nothing is written, not even an audit record. A key mutation takes only a key id.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_ARTICLE_TEXT_CHARS, MAX_NOTE_CHARS } from '../../src/api/free-text';
import type { Graph } from '../../src/graph/driver';
import {
  createApi,
  createKey,
  gql,
  loadSeeds,
  SEEDS_DIR,
  SEED_ARTICLE_ID,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';
const ELECTION = 'Event:us-election-2016';
const SEED_ARTICLE = `Article:${SEED_ARTICLE_ID}`;
const SEED_TEXT = readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`), 'utf8');
const SEED_ANNOTATION = JSON.parse(
  readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.json`), 'utf8'),
) as Record<string, unknown>;

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;

/** Every mutation with a note, in pairs whose second undoes the first. */
const WITH_NOTE = [
  `setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: $n) { id }`,
  `setEventReview(eventId: "${AD_BAN}", status: DRAFT, note: $n) { id }`,
  `correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.125 }, note: $n) { id }`,
  `correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.95 }, note: $n) { id }`,
  `addEventLink(fromId: "${AD_BAN}", toId: "${ELECTION}", kind: PART_OF, note: $n) { id }`,
  `removeEventLink(fromId: "${AD_BAN}", toId: "${ELECTION}", kind: PART_OF, note: $n) { id }`,
  `addParticipant(eventId: "${AD_BAN}", actorId: "Actor:tass", role: BENEFICIARY, note: $n) { id }`,
  `removeParticipant(eventId: "${AD_BAN}", actorId: "Actor:tass", role: BENEFICIARY, note: $n) { id }`,
  `addEvidence(eventId: "${AD_BAN}", articleId: "${SEED_ARTICLE}", start: 0, end: 6, note: $n) { id }`,
  `removeEvidence(eventId: "${AD_BAN}", articleId: "${SEED_ARTICLE}", start: 0, end: 6, note: $n) { id }`,
];

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;
let admin: string;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  api = createApi(graph);
  editor = await createKey(graph, 'EDITOR', 'free-text editor');
  admin = await createKey(graph, 'ADMIN', 'free-text admin');
});

afterAll(async () => {
  await graph.close();
});

const errorOf = (r: { errors?: { extensions?: { code?: string; argument?: string } }[] }) =>
  r.errors?.map((e) => ({ code: e.extensions?.code, argument: e.extensions?.argument }));

async function notesOf(targetId: string, n: number): Promise<(string | null)[]> {
  const r = await gql<{ auditRecords: { edges: { node: { note: string | null } }[] } }>(
    api,
    `query ($t: ID) { auditRecords(targetId: $t, first: ${n}) { edges { node { note } } } }`,
    { t: targetId },
  );
  return r.data!.auditRecords.edges.map((e) => e.node.note);
}

test('a note of the longest length is stored by every mutation that takes one', async () => {
  const note = 'n'.repeat(MAX_NOTE_CHARS);
  for (const mutation of WITH_NOTE) {
    const r = await gql(api, `mutation ($n: String) { ${mutation} }`, { n: note }, editor);
    expect({ mutation, errors: r.errors }).toEqual({ mutation, errors: undefined });
  }
  expect(await notesOf(AD_BAN, WITH_NOTE.length)).toEqual(WITH_NOTE.map(() => note));
});

test('a note one character too long is refused by every mutation, naming it; nothing is written', async () => {
  const before = await snapshot(graph);
  for (const note of ['n'.repeat(MAX_NOTE_CHARS + 1), 'x'.repeat(1_900_000)]) {
    for (const mutation of WITH_NOTE) {
      const r = await gql(api, `mutation ($n: String) { ${mutation} }`, { n: note }, editor);
      expect({ mutation, data: r.data, errors: errorOf(r) }).toEqual({
        mutation,
        data: null,
        errors: [{ code: 'BAD_USER_INPUT', argument: 'note' }],
      });
    }
  }
  expect(await snapshot(graph)).toEqual(before);
});

test('ingestArticle refuses a note or a text past its limit, naming it; nothing is written', async () => {
  const before = await snapshot(graph);
  const cases: [Record<string, unknown>, string][] = [
    [{ note: 'n'.repeat(MAX_NOTE_CHARS + 1) }, 'input.note'],
    [{ note: 'x'.repeat(1_900_000) }, 'input.note'],
    // The text ends with the seed text, so the seed's spans would still be right at its offsets
    // were it not for the padding in front: it is the length that is refused, not the spans.
    [{ text: SEED_TEXT + ' '.repeat(MAX_ARTICLE_TEXT_CHARS + 1 - SEED_TEXT.length) }, 'input.text'],
  ];
  for (const [change, argument] of cases) {
    const input = { text: SEED_TEXT, annotation: SEED_ANNOTATION, ...change };
    const r = await gql(api, INGEST, { input }, editor);
    expect({ argument, data: r.data, errors: errorOf(r) }).toEqual({
      argument,
      data: null,
      errors: [{ code: 'BAD_USER_INPUT', argument }],
    });
  }
  expect(await snapshot(graph)).toEqual(before);
});

test('ingestArticle stores a note of the longest length', async () => {
  const note = 'n'.repeat(MAX_NOTE_CHARS);
  const r = await gql(
    api,
    INGEST,
    { input: { text: SEED_TEXT, annotation: SEED_ANNOTATION, note } },
    editor,
  );
  expect(r.errors).toBeUndefined();
  expect(await notesOf(SEED_ARTICLE, 1)).toEqual([note]);
});

test('revokeApiKey takes only a key id: anything else is a BAD_USER_INPUT, and no key changes', async () => {
  const before = await snapshot(graph);
  for (const id of ['x'.repeat(1_900_000), 'not-a-key', '0123456789ABCDEF', '0123456789abcdef0']) {
    const r = await gql(api, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id }, admin);
    expect(errorOf(r)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'id' }]);
  }
  // A key id that names no key is still a NOT_FOUND.
  const unknown = await gql(
    api,
    'mutation { revokeApiKey(id: "0123456789abcdef") { id } }',
    {},
    admin,
  );
  expect(errorOf(unknown)).toEqual([{ code: 'NOT_FOUND', argument: 'id' }]);
  expect(await snapshot(graph)).toEqual(before);
});
