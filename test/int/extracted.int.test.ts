// Machine-extracted articles through the API: the extraction block stored on the article and on
// the events it creates, and the analysts' review queue of what the machine made.
import type { Graph } from '../../src/graph/driver';
import { load } from '../../src/ingest/load';
import { annotationOf, articleDir, type ArticleSpec } from '../support/article-fixtures';
import {
  createApi,
  createKey,
  gql,
  gqlData,
  loadSeeds,
  seedAnnotation,
  wipe,
} from '../support/graph-fixtures';
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
      // Years after the seed's ad ban, so that the matcher keeps the two apart (duplicates.int.test.ts).
      occurredOn: '2019-06-13',
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
      occurredOn: '2019-06-14',
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

type Page = {
  events: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; reviewStatus: string } }[];
  };
};
const queue = async (filter: string, first = 20, after: string | null = null) =>
  (
    await gqlData<Page>(
      api,
      `query ($after: String) { events(filter: ${filter}, first: ${first}, after: $after) {
         totalCount pageInfo { hasNextPage endCursor } edges { node { id reviewStatus } } } }`,
      { after },
    )
  ).events;

test('extracted events land as DRAFT, and the review queue filters them by state and by who made them', async () => {
  await ingest(extractedA());
  const drafts = await queue('{ extracted: true, reviewStatuses: [DRAFT] }');
  expect(drafts.edges.map((e) => e.node)).toEqual([
    { id: 'Event:x-article-a-ad-ban', reviewStatus: 'DRAFT' },
    { id: 'Event:x-article-a-criticism', reviewStatus: 'DRAFT' },
  ]);
  expect(drafts.totalCount).toBe(2);
  await gqlData(
    api,
    `mutation { setEventReview(eventId: "Event:x-article-a-ad-ban", status: VERIFIED) { id } }`,
    {},
    editor,
  );
  // The queue pages with the usual cursors, in date order.
  const first = await queue('{ extracted: true, reviewStatuses: [DRAFT, REJECTED] }', 1);
  expect(first.edges.map((e) => e.node.id)).toEqual(['Event:x-article-a-criticism']);
  expect(first.pageInfo.hasNextPage).toBe(false);
  const verified = await queue('{ reviewStatuses: [VERIFIED] }');
  expect(verified.edges.map((e) => e.node.id)).toEqual(['Event:x-article-a-ad-ban']);
  // The seed's hand-made events are all DRAFT and none is extracted.
  const seedEvents = seedAnnotation<{ events: unknown[] }>().events.length;
  expect((await queue('{ extracted: false }')).totalCount).toBe(seedEvents);
  expect((await queue('{ extracted: false, reviewStatuses: [DRAFT] }')).totalCount).toBe(
    seedEvents,
  );
  expect((await queue('{ reviewStatuses: [DRAFT] }')).totalCount).toBe(seedEvents + 1);
  // With the other filters, and under an actor.
  const byActor = await gqlData<{ actor: { events: { edges: { node: { id: string } }[] } } }>(
    api,
    `{ actor(id: "Actor:twitter") { events(filter: { extracted: true, role: AGENT }) { edges { node { id } } } } }`,
  );
  expect(byActor.actor.events.edges.map((e) => e.node.id)).toEqual(['Event:x-article-a-ad-ban']);
  const paged = [];
  let after: string | null = null;
  for (;;) {
    const page = await queue('{ reviewStatuses: [DRAFT], types: [CRITICISM, AD_BAN] }', 2, after);
    paged.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(paged).toContain('Event:x-article-a-criticism');
  expect(paged).not.toContain('Event:x-article-a-ad-ban');
  expect(new Set(paged).size).toBe(paged.length);
});

test("a re-extraction of the article keeps the analysts' review, notes and corrections", async () => {
  await ingest(extractedA());
  const mutate = (m: string) => gqlData(api, `mutation { ${m} { id } }`, {}, editor);
  await mutate(
    `setEventReview(eventId: "Event:x-article-a-ad-ban", status: VERIFIED, note: "Twitter's own post says so")`,
  );
  await mutate(
    `setEventReview(eventId: "Event:x-article-a-criticism", status: REJECTED, note: "no criticism in the text")`,
  );
  await mutate(
    `correctEvent(eventId: "Event:x-article-a-ad-ban", correction: { confidence: 0.99 }, note: "confirmed")`,
  );
  await mutate(
    `removeParticipant(eventId: "Event:x-article-a-ad-ban", actorId: "Actor:sputnik", role: TARGET)`,
  );
  // The new extractor finds other values, and the text gained a sentence at its start.
  const text = `MOSCOW. ${TEXT_A}`;
  const changed = extractedA({ method: 'rules', version: '0.2.0' }, text);
  changed.events[0]!.confidence = 0.6;
  changed.events[0]!.summary = 'Twitter stopped RT and Sputnik ads.';
  changed.events[1]!.confidence = 0.3;
  for (const reload of [
    () => ingest(changed, 're-extracted'),
    async () => load(graph, articleDir(changed)),
  ]) {
    await reload();
    const d = await gqlData<{
      ban: Record<string, unknown>;
      criticism: Record<string, unknown>;
    }>(
      api,
      `{ ban: event(id: "Event:x-article-a-ad-ban") { reviewStatus reviewNote confidence summary
           participants { role actor { id } } evidence { start text } extraction { version } }
         criticism: event(id: "Event:x-article-a-criticism") { reviewStatus reviewNote confidence } }`,
    );
    expect(d.ban).toEqual({
      reviewStatus: 'VERIFIED',
      reviewNote: "Twitter's own post says so",
      confidence: 0.99,
      summary: 'Twitter stopped RT and Sputnik ads.',
      participants: [
        { role: 'AGENT', actor: { id: 'Actor:twitter' } },
        { role: 'TARGET', actor: { id: 'Actor:rt' } },
      ],
      evidence: [{ start: 8, text: 'Twitter banned advertising from RT and Sputnik' }],
      extraction: { version: '0.2.0' },
    });
    // Review is the analyst's alone; the new confidence of an uncurated field is written.
    expect(d.criticism).toEqual({
      reviewStatus: 'REJECTED',
      reviewNote: 'no criticism in the text',
      confidence: 0.3,
    });
  }
  expect((await queue('{ extracted: true, reviewStatuses: [DRAFT] }')).totalCount).toBe(0);
});
