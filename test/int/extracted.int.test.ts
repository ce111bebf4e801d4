// Machine-extracted articles through the API: the extraction block stored on the article and on
// the events it creates, and the analysts' review queue of what the machine made.
import type { Graph } from '../../src/graph/driver';
import { load } from '../../src/ingest/load';
import { annotationOf, articleDir, type ArticleSpec } from '../support/article-fixtures';
import { createApi, createKey, gql, gqlData, loadSeeds, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const RULES = { method: 'rules', version: '0.1.0' };

const TEXT_A =
  'Twitter banned advertising from RT and Sputnik on Thursday. The Kremlin criticised the decision.';

const extractedA = (extraction = RULES, text = TEXT_A): ArticleSpec => ({
  id: 'x-article-a',
  text,
  publisherId: 'tass',
  extraction,
  actors: [
    { id: 'tass', name: 'TASS', kind: 'MEDIA_OUTLET', named: 'Kremlin' },
    { id: 'twitter', name: 'Twitter', kind: 'PLATFORM', named: 'Twitter' },
    { id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', named: 'RT' },
    { id: 'sputnik', name: 'Sputnik', kind: 'MEDIA_OUTLET', named: 'Sputnik' },
    { id: 'kremlin', name: 'the Kremlin', kind: 'GOVERNMENT_BODY', named: 'The Kremlin' },
  ],
  events: [
    {
      id: 'x-article-a-ad-ban',
      type: 'AD_BAN',
      occurredOn: '2017-10-26',
      stated: 'Twitter banned advertising from RT and Sputnik',
      participants: [
        ['AGENT', 'twitter', 'Twitter'],
        ['TARGET', 'rt', 'RT'],
        ['TARGET', 'sputnik', 'Sputnik'],
      ],
    },
    {
      id: 'x-article-a-criticism',
      type: 'CRITICISM',
      occurredOn: '2017-10-27',
      stated: 'The Kremlin criticised the decision',
      participants: [
        ['AGENT', 'kremlin', 'The Kremlin'],
        ['TARGET', 'twitter', 'Twitter'],
      ],
    },
  ],
  links: [['x-article-a-criticism', 'RESPONDS_TO', 'x-article-a-ad-ban', 'criticised']],
});

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;

beforeAll(() => {
  graph = testGraph();
  api = createApi(graph);
});

beforeEach(async () => {
  await wipe(graph);
  await loadSeeds(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
});

afterAll(async () => {
  await graph.close();
});

const ingest = (spec: ArticleSpec, note = 'extracted') =>
  gqlData<{ ingestArticle: { created: boolean } }>(
    api,
    `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`,
    { input: { text: spec.text, annotation: annotationOf(spec), note } },
    editor,
  );

test('the extraction block is stored on the article and on each event it creates; hand-made ones have none', async () => {
  await ingest(extractedA());
  const d = await gqlData<{
    article: {
      extraction: unknown;
      events: { edges: { node: { id: string; extraction: unknown } }[] };
    };
    seed: { extraction: unknown };
  }>(
    api,
    `{ article(id: "Article:x-article-a") { extraction { method version } events { edges { node { id extraction { method version } } } } }
       seed: event(id: "Event:twitter-ad-ban-rt-sputnik") { extraction { method } } }`,
  );
  expect(d.article.extraction).toEqual(RULES);
  expect(d.article.events.edges.map((e) => e.node)).toEqual([
    { id: 'Event:x-article-a-ad-ban', extraction: RULES },
    { id: 'Event:x-article-a-criticism', extraction: RULES },
  ]);
  expect(d.seed.extraction).toBeNull();
  // A newer extractor's reload says so; the loader path stores it the same way.
  const next = { method: 'rules', version: '0.2.0' };
  await load(graph, articleDir(extractedA(next)));
  const again = await gqlData<{ event: { extraction: unknown }; article: { extraction: unknown } }>(
    api,
    `{ event(id: "Event:x-article-a-ad-ban") { extraction { method version } }
       article(id: "Article:x-article-a") { extraction { method version } } }`,
  );
  expect(again).toEqual({ event: { extraction: next }, article: { extraction: next } });
});

test('an extraction block of the wrong shape is refused, naming the field', async () => {
  const annotation = annotationOf(extractedA());
  annotation.extraction = { method: 'rules', version: '0.1.0', model: 'x' };
  const r = await gql(
    api,
    `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`,
    { input: { text: TEXT_A, annotation } },
    editor,
  );
  expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(r.errors?.[0]?.message).toContain('extraction.model: is not a known field');
});
