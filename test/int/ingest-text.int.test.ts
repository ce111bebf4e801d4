// ingestText: an article's text in, extracted with the graph's actors as known actors, and
// written as ingestArticle writes an annotation (matching, curation, one audit record).
import { EXTRACTOR } from '../../src/extract';
import type { Graph } from '../../src/graph/driver';
import {
  createApi,
  createKey,
  gql,
  gqlData,
  loadSeeds,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const TEXT =
  'MOSCOW, October 27. /TASS/. Twitter banned advertising from all accounts of RT and Sputnik ' +
  'on Thursday, the company said. Kremlin spokesman Dmitry Peskov criticised the decision.';
const SEED_AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';

const INGEST = `mutation ($input: IngestTextInput!) { ingestText(input: $input) {
  created events annotation
  article { id title url publishedOn extraction { method version } events { totalCount } }
  counts { actors events links quotes claims joined possibleDuplicates }
  joined { annotationEventId event { id } }
  possibleDuplicates { event { id } other { id } }
  curation { kept { key } conflicts { key } } } }`;

type Payload = {
  created: boolean;
  events: number;
  annotation: {
    extraction: unknown;
    actors: { id: string }[];
    events: { id: string; type: string }[];
    links?: unknown[];
    quotes?: unknown[];
    claims?: unknown[];
  };
  article: {
    id: string;
    title: string;
    url: string | null;
    publishedOn: string;
    extraction: unknown;
    events: { totalCount: number };
  };
  counts: Record<string, number>;
  joined: { annotationEventId: string; event: { id: string } }[];
  possibleDuplicates: { event: { id: string }; other: { id: string } }[];
};

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;
let reader: string;

beforeAll(async () => {
  graph = testGraph();
  api = createApi(graph);
  await wipe(graph);
  await loadSeeds(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  reader = await createKey(graph, 'READER');
});

afterAll(async () => {
  await graph.close();
});

const input = (over: Record<string, unknown> = {}) => ({
  text: TEXT,
  publishedOn: '2017-10-27',
  url: 'https://tass.com/politics/1234',
  note: 'from the desk',
  ...over,
});

test("extracts with the graph's actors, joins the event the graph holds, and is audited as ingestText", async () => {
  const r = await gqlData<{ ingestText: Payload }>(api, INGEST, { input: input() }, editor);
  const p = r.ingestText;
  expect(p.created).toBe(true);
  expect(p.annotation.extraction).toEqual(EXTRACTOR);
  expect(p.article.extraction).toEqual(EXTRACTOR);
  expect(p.article).toMatchObject({
    url: 'https://tass.com/politics/1234',
    publishedOn: '2017-10-27',
  });
  // The extractor resolved Twitter, RT and Sputnik to the graph's own actors.
  expect(p.annotation.actors.map((a) => a.id)).toEqual(
    expect.arrayContaining(['twitter', 'rt', 'sputnik']),
  );
  expect(p.counts).toEqual({
    actors: p.annotation.actors.length,
    events: p.annotation.events.length,
    links: p.annotation.links?.length ?? 0,
    quotes: p.annotation.quotes?.length ?? 0,
    claims: p.annotation.claims?.length ?? 0,
    joined: p.joined.length,
    possibleDuplicates: p.possibleDuplicates.length,
  });
  expect(p.events).toBe(p.annotation.events.length);
  // Its ad ban is the seed's: joined, not copied.
  const adBan = p.annotation.events.find((e) => e.type === 'AD_BAN')!;
  expect(p.joined).toContainEqual({ annotationEventId: adBan.id, event: { id: SEED_AD_BAN } });
  const seedBan = await gqlData<{ event: { articles: { id: string }[]; extraction: unknown } }>(
    api,
    `{ event(id: "${SEED_AD_BAN}") { articles { id } extraction { method } } }`,
  );
  expect(seedBan.event.articles.map((a) => a.id)).toContain(p.article.id);
  expect(seedBan.event.extraction).toBeNull();
  const audit = await gqlData<{
    auditRecords: { edges: { node: { action: string; note: string; targetId: string } }[] };
  }>(api, `{ auditRecords(first: 1) { edges { node { action note targetId } } } }`);
  expect(audit.auditRecords.edges[0]!.node).toEqual({
    action: 'ingestText',
    note: 'from the desk',
    targetId: p.article.id,
  });

  // The same text again is the same article: replaced, and nothing doubled.
  const before = (await snapshot(graph)).filter((l) => !l.startsWith(':AuditRecord '));
  const again = await gqlData<{ ingestText: Payload }>(api, INGEST, { input: input() }, editor);
  expect(again.ingestText.created).toBe(false);
  expect(again.ingestText.article.id).toBe(p.article.id);
  expect((await snapshot(graph)).filter((l) => !l.startsWith(':AuditRecord '))).toEqual(before);
});

test('refuses readers, texts without an event, bad urls and texts past the limit, writing nothing', async () => {
  const before = await snapshot(graph);
  const refusal = async (over: Record<string, unknown>, key = editor) => {
    const r = await gql(api, INGEST, { input: input(over) }, key);
    return [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.argument];
  };
  expect(await refusal({}, reader)).toEqual(['FORBIDDEN', undefined]);
  expect(await refusal({ text: 'Nothing happened.' })).toEqual(['BAD_USER_INPUT', 'input.text']);
  expect(await refusal({ text: '   ' })).toEqual(['BAD_USER_INPUT', 'input.text']);
  const french =
    'Le gouvernement a annoncé mardi que la chaîne de télévision ne pourra plus diffuser ses ' +
    'programmes dans le pays, une décision que les journalistes de la rédaction ont dénoncée ' +
    'comme une atteinte à la liberté de la presse et au droit du public à être informé.';
  expect(await refusal({ text: french })).toEqual(['BAD_USER_INPUT', 'input.text']);
  expect(await refusal({ url: 'ftp://tass.com/x' })).toEqual(['BAD_USER_INPUT', 'input.url']);
  expect(await refusal({ title: '  ' })).toEqual(['BAD_USER_INPUT', 'input.title']);
  expect(await refusal({ source: 'x'.repeat(201) })).toEqual(['BAD_USER_INPUT', 'input.source']);
  expect(await refusal({ text: 'x'.repeat(100_001) })).toEqual(['BAD_USER_INPUT', 'input.text']);
  expect(await refusal({ publishedOn: '2017-02-30' })).toEqual(['BAD_USER_INPUT', undefined]);
  expect(await snapshot(graph)).toEqual(before);
});
