// Text is text, through yoga against the real Neo4j: a lone surrogate anywhere in a request's
// strings (a variable, a string nested in the JSON scalar, a key, a literal of the document,
// written raw or as an escape) is a BAD_USER_INPUT naming the argument, and nothing is written;
// surrogate pairs are stored exactly. An evidence span that starts or ends inside a pair is
// refused by ingestArticle's validation, naming the offset.
import type { Graph } from '../../src/graph/driver';
import {
  createApi,
  createKey,
  gql,
  loadSeeds,
  seedAnnotation,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';
/** The seed annotation, to break; `any` because the point is to write what the types forbid. */
const brokenAnnotation = () => seedAnnotation<any>();
const BOMB = '\u{1F4A3}';

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`;
const REVIEW = (note: string) =>
  `mutation { setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: ${note}) { reviewNote } }`;

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  api = createApi(graph);
  editor = await createKey(graph, 'EDITOR', 'text editor');
});

afterAll(async () => {
  await graph.close();
});

type Errors = {
  errors?: {
    message: string;
    extensions?: { code?: string; argument?: string; issues?: unknown };
  }[];
};
const refusal = (r: Errors & { data?: unknown }) => ({
  data: r.data ?? null,
  errors: r.errors?.map((e) => ({ code: e.extensions?.code, argument: e.extensions?.argument })),
});
const refused = (argument: string) => ({
  data: null,
  errors: [{ code: 'BAD_USER_INPUT', argument }],
});

describe('a lone surrogate in any string of a request is refused, naming the argument', () => {
  let before: string[];
  beforeAll(async () => {
    before = await snapshot(graph);
  });
  afterAll(async () => {
    // Not one of these requests wrote anything, not even an audit record.
    expect(await snapshot(graph)).toEqual(before);
  });

  test.each<[string, string, Record<string, unknown>, string]>([
    [
      'a query argument',
      'query ($v: String) { actors(filter: { nameContains: $v }) { totalCount } }',
      { v: 'RT \ud800' },
      'filter.nameContains',
    ],
    ['a search', 'query ($q: String!) { search(query: $q) { score } }', { q: '\udc00' }, 'query'],
    [
      'a note',
      `mutation ($n: String) { setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: $n) { id } }`,
      { n: 'fine, then \udc00' },
      'note',
    ],
    [
      'an id',
      'mutation ($id: ID!) { setEventReview(eventId: $id, status: VERIFIED) { id } }',
      { id: 'Event:\ud800' },
      'eventId',
    ],
    [
      "an article's text",
      INGEST,
      { input: { text: `${SEED_TEXT}\ud800`, annotation: brokenAnnotation() } },
      'input.text',
    ],
    [
      'a string deep inside the JSON scalar',
      INGEST,
      {
        input: {
          text: SEED_TEXT,
          annotation: (() => {
            const a = brokenAnnotation();
            a.events[2].participants[0].evidence[0].text = '\ud83d';
            return a;
          })(),
        },
      },
      'input.annotation.events[2].participants[0].evidence[0].text',
    ],
    [
      'a key inside the JSON scalar',
      INGEST,
      {
        input: {
          text: SEED_TEXT,
          annotation: { ...brokenAnnotation(), external: { 'ti\udc00tle': 'x' } },
        },
      },
      'input.annotation.external',
    ],
    [
      'an id of a path query',
      'query ($id: ID!) { actorPath(fromId: "Actor:rt", toId: $id) { hops } }',
      { id: 'Actor:\ud800' },
      'toId',
    ],
  ])('%s, given as a variable', async (_, query, variables, argument) => {
    const r = await gql(api, query, variables, editor);
    expect(refusal(r)).toEqual(refused(argument));
    expect(r.errors?.[0]?.message).toMatch(/lone surrogate/);
  });

  test.each<[string, string, string]>([
    ['a \\u escape', REVIEW('"fine \\ud800 then"'), 'note'],
    ['a low half as an escape', REVIEW('"\\udc00"'), 'note'],
    ['a high half before another escape', REVIEW('"\\ud83d\\u0041"'), 'note'],
    ['a \\u{...} escape', REVIEW('"\\u{D800}"'), 'note'],
    ['a raw lone surrogate', REVIEW('"raw \ud800"'), 'note'],
    ['a raw lone surrogate in a block string', REVIEW('"""block \udc00"""'), 'note'],
    [
      'an escape inside a JSON literal',
      `mutation { ingestArticle(input: { text: "x", annotation: { article: { title: ["a", "\\udc00"] } } }) { created } }`,
      'input.annotation.article.title[1]',
    ],
    [
      'an escape in a nested input object',
      '{ actors(filter: { nameContains: "\\ud800" }) { totalCount } }',
      'filter.nameContains',
    ],
    [
      "an escape in a variable's default value",
      'query ($v: String = "\\ud800") { actors(filter: { nameContains: $v }) { totalCount } }',
      '$v',
    ],
  ])('%s in a literal of the document', async (_, query, argument) => {
    const r = await gql(api, query, {}, editor);
    expect(refusal(r)).toEqual(refused(argument));
  });
});

test('surrogate pairs are text: stored and read back exactly, as a variable or an escape', async () => {
  const note = `boom ${BOMB} \u{1F469}\u200d\u{1F4BB}`;
  const asVariable = await gql<{ setEventReview: { reviewNote: string } }>(
    api,
    `mutation ($n: String) { setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: $n) { reviewNote } }`,
    { n: note },
    editor,
  );
  expect(asVariable).toEqual({ data: { setEventReview: { reviewNote: note } } });
  const asEscape = await gql<{ setEventReview: { reviewNote: string } }>(
    api,
    REVIEW('"pair \\ud83d\\udca3 and \\u{1F4A3}"'),
    {},
    editor,
  );
  expect(asEscape).toEqual({
    data: { setEventReview: { reviewNote: `pair ${BOMB} and ${BOMB}` } },
  });
});

const issuesOf = (r: Errors) => r.errors?.[0]?.extensions?.issues;

describe('evidence spans in ingestArticle', () => {
  // The seed text with a bomb and a word after it: the seed's own offsets stay as they were.
  const text = `${SEED_TEXT} ${BOMB}boom`;
  const bombAt = SEED_TEXT.length + 1;
  const ingest = (span: { start: number; end: number; text: string }) => {
    const annotation = brokenAnnotation();
    annotation.events[0].evidence.push(span);
    return gql(api, INGEST, { input: { text, annotation } }, editor) as Promise<Errors>;
  };

  test('a span that starts inside a pair is refused, naming its start and the character', async () => {
    const before = await snapshot(graph);
    // Its text is well-formed, so only the offset is wrong.
    const r = await ingest({ start: bombAt + 1, end: text.length, text: 'xboom' });
    expect(refusal(r)).toEqual(refused('input.annotation'));
    expect(issuesOf(r)).toEqual([
      {
        file: 'ingestArticle',
        field: 'events[0].evidence[3].start',
        reason: `${bombAt + 1} falls between the two UTF-16 code units of the character U+1F4A3 at ${bombAt}-${bombAt + 2}; a span must start and end between characters`,
      },
    ]);
    expect(await snapshot(graph)).toEqual(before);
  });

  test('a span that ends inside a pair is refused, naming its end', async () => {
    const r = await ingest({ start: bombAt - 1, end: bombAt + 1, text: ' x' });
    expect(issuesOf(r)).toEqual([expect.objectContaining({ field: 'events[0].evidence[3].end' })]);
  });

  test("a span whose text is the article's half character is refused as text first", async () => {
    const r = await ingest({ start: bombAt + 1, end: text.length, text: text.slice(bombAt + 1) });
    expect(refusal(r)).toEqual(refused('input.annotation.events[0].evidence[3].text'));
  });

  test('a span around the whole character is written, and reads back with it', async () => {
    const r = await ingest({ start: bombAt, end: text.length, text: `${BOMB}boom` });
    expect(r.errors).toBeUndefined();
    const back = await gql<{ event: { evidence: { start: number; text: string }[] } }>(
      api,
      '{ event(id: "Event:twitter-ad-ban-rt-sputnik") { evidence { start end text } } }',
    );
    expect(back.data?.event.evidence).toContainEqual({
      start: bombAt,
      end: text.length,
      text: `${BOMB}boom`,
    });
  });

  test('addEvidence refuses a span that starts or ends inside the pair, naming the argument', async () => {
    const add = (start: number, end: number) =>
      gql(
        api,
        `mutation { addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: ${start}, end: ${end}) { id } }`,
        {},
        editor,
      );
    // The article now holds the bomb (the test before wrote it).
    const before = await snapshot(graph);
    expect(refusal(await add(bombAt + 1, text.length))).toEqual(refused('start'));
    expect(refusal(await add(bombAt - 1, bombAt + 1))).toEqual(refused('end'));
    expect(await snapshot(graph)).toEqual(before);
    expect((await add(bombAt, bombAt + 2)).errors).toBeUndefined();
  });
});
