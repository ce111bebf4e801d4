// Cursors against the real Neo4j: each connection pages on with its own cursors; a cursor whose
// date could not exist, or that another connection gave, is a BAD_USER_INPUT naming the argument,
// never a Neo4j error. Forged cursors are made from real ones by changing one thing.
import type { Api } from '../../src/api/server';
import type { Graph } from '../../src/graph/driver';
import { createApi, createKey, gql, gqlData, loadSeeds, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

let graph: Graph;
let api: Api;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  api = createApi(graph);
  const editor = await createKey(graph, 'EDITOR');
  // A second article, so the articles have a second page.
  const text = 'RT said it stays.';
  const rt = { start: 0, end: 2, text: 'RT' };
  await gqlData(
    api,
    'mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }',
    {
      input: {
        text,
        annotation: {
          formatVersion: 1,
          article: {
            id: 'cursor-second-article',
            textFile: 'x.txt',
            publisherId: 'rt',
            dateline: 'none',
            publishedOn: '2020-01-01',
          },
          actors: [{ id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', evidence: [rt] }],
          events: [
            {
              id: 'cursor-second-event',
              type: 'STATEMENT',
              summary: text,
              datePrecision: 'UNKNOWN',
              modality: 'ASSERTED',
              confidence: 0.5,
              participants: [{ actorId: 'rt', role: 'AGENT', evidence: [rt] }],
              evidence: [{ start: 0, end: text.length, text }],
            },
          ],
        },
      },
    },
    editor,
  );
  // Audit records beside the ingest's, so the audit log has a second page.
  for (const status of ['VERIFIED', 'DRAFT']) {
    await gqlData(
      api,
      `mutation { setEventReview(eventId: "Event:twitter-ad-ban-rt-sputnik", status: ${status}) { id } }`,
      {},
      editor,
    );
  }
});

afterAll(async () => {
  await graph.close();
});

/** Each connection, read with first: 1, and the same read after a cursor. */
const CONNECTIONS = {
  events: 'query ($c: String) { c: events(first: 1, after: $c) { edges { cursor node { id } } } }',
  actorEvents:
    'query ($c: String) { actor(id: "Actor:twitter") { c: events(first: 1, after: $c) { edges { cursor node { id } } } } }',
  articles:
    'query ($c: String) { c: articles(first: 1, after: $c) { edges { cursor node { id } } } }',
  actors: 'query ($c: String) { c: actors(first: 1, after: $c) { edges { cursor node { id } } } }',
  auditRecords:
    'query ($c: String) { c: auditRecords(first: 1, after: $c) { edges { cursor node { id } } } }',
};
type Name = keyof typeof CONNECTIONS;
type Page = { edges: { cursor: string; node: { id: string } }[] };

async function page(name: Name, cursor: string | null) {
  const r = await gql<{ c?: Page; actor?: { c: Page } }>(api, CONNECTIONS[name], { c: cursor });
  return { page: r.data?.c ?? r.data?.actor?.c ?? null, errors: r.errors };
}

async function firstCursor(name: Name): Promise<string> {
  const { page: p, errors } = await page(name, null);
  expect(errors).toBeUndefined();
  return p!.edges[0]!.cursor;
}

/** A real cursor with its sort key replaced, encoded as the API encodes it. */
function withKey(cursor: string, key: string): string {
  const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
  // The sort key is the element before the last (the id).
  parts[parts.length - 2] = key;
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

const refusal = (errors: { extensions?: { code?: string; argument?: string } }[] | undefined) =>
  errors?.map((e) => ({ code: e.extensions?.code, argument: e.extensions?.argument }));

test.each(Object.keys(CONNECTIONS) as Name[])(
  'a cursor of %s pages on to the next row of that connection',
  async (name) => {
    const first = await firstCursor(name);
    const { page: next, errors } = await page(name, first);
    expect(errors).toBeUndefined();
    expect(next!.edges).toHaveLength(1);
    const { page: both } = await page(name, null);
    expect(next!.edges[0]!.node.id).not.toBe(both!.edges[0]!.node.id);
  },
);

test.each<[Name, string]>([
  ['events', '2017-02-30'],
  ['events', '2017-02-29'],
  ['events', '2017-13-01'],
  ['actorEvents', '2017-04-31'],
  ['articles', '2017-02-30'],
  ['articles', '1900-02-29'],
  ['auditRecords', '2024-13-01T10:00:00Z'],
  ['auditRecords', '2024-01-01T10:00:00+99:99'],
  ['auditRecords', '2024-01-01T10:00:00+18:30'],
  ['auditRecords', '2024-01-01T24:00:00Z'],
  ['auditRecords', '2023-02-29T10:00:00Z'],
])('a %s cursor with the impossible sort key %s is a BAD_USER_INPUT', async (name, key) => {
  const forged = withKey(await firstCursor(name), key);
  const { page: p, errors } = await page(name, forged);
  expect(p).toBeNull();
  expect(refusal(errors)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after' }]);
});

test.each<[Name, Name]>([
  ['events', 'actors'],
  ['events', 'articles'],
  ['articles', 'events'],
  ['articles', 'actorEvents'],
  ['actors', 'events'],
  ['auditRecords', 'actors'],
  ['actorEvents', 'auditRecords'],
])('a cursor of %s does not page %s', async (from, to) => {
  const cursor = await firstCursor(from);
  const { page: p, errors } = await page(to, cursor);
  expect(p).toBeNull();
  expect(refusal(errors)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after' }]);
});

test('a cursor of Query.events pages Actor.events: both are pages of events in the same order', async () => {
  const { errors } = await page('actorEvents', await firstCursor('events'));
  expect(errors).toBeUndefined();
});
