// One event, several articles. An extracted article whose event the graph holds already joins
// that event (evidence and new participants, never its fields or its curation); reloads write
// onto the same event even when the matcher would now decide otherwise; uncertain matches are
// possible duplicates, which editors merge or dismiss, audited.
import type { Graph } from '../../src/graph/driver';
import { load } from '../../src/ingest/load';
import { annotationOf, articleDir, type ArticleSpec } from '../support/article-fixtures';
import { createApi, createKey, gql, gqlData, snapshot, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const RULES = { method: 'rules', version: '1.0.0' };

const tass = { id: 'tass', name: 'TASS', kind: 'MEDIA_OUTLET', named: 'TASS' };
const twitter = { id: 'twitter', name: 'Twitter', kind: 'PLATFORM', named: 'Twitter' };
const rt = { id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', named: 'RT' };

const A: ArticleSpec = {
  id: 'art-a',
  text: 'MOSCOW /TASS/. Twitter banned advertising from RT and Sputnik on Thursday. The Kremlin criticised the decision.',
  publisherId: 'tass',
  extraction: RULES,
  actors: [
    tass,
    twitter,
    rt,
    { id: 'sputnik', name: 'Sputnik', kind: 'MEDIA_OUTLET', named: 'Sputnik' },
    { id: 'kremlin', name: 'the Kremlin', kind: 'GOVERNMENT_BODY', named: 'The Kremlin' },
  ],
  events: [
    {
      id: 'art-a-ad-ban-1',
      type: 'AD_BAN',
      summary: 'Twitter stops advertising for RT and Sputnik',
      occurredOn: '2017-10-26',
      confidence: 0.9,
      stated: 'Twitter banned advertising from RT and Sputnik',
      participants: [
        ['AGENT', 'twitter', 'Twitter'],
        ['TARGET', 'rt', 'RT'],
        ['TARGET', 'sputnik', 'Sputnik'],
      ],
    },
    {
      id: 'art-a-criticism-1',
      type: 'CRITICISM',
      occurredOn: '2017-10-27',
      stated: 'The Kremlin criticised the decision',
      participants: [
        ['AGENT', 'kremlin', 'The Kremlin'],
        ['TARGET', 'twitter', 'decision'],
      ],
    },
  ],
  links: [['art-a-criticism-1', 'RESPONDS_TO', 'art-a-ad-ban-1', 'criticised']],
};

const B_TEXT =
  'MOSCOW /TASS/. The company Twitter barred RT and Ruptly from buying ads on October 26. ' +
  'Kremlin spokesman Dmitry Peskov called the ban regrettable. "We regret it," Peskov said, ' +
  'and urged Twitter to reconsider.';

const B = (edit: (b: ArticleSpec) => void = () => {}): ArticleSpec => {
  const b: ArticleSpec = {
    id: 'art-b',
    text: B_TEXT,
    publisherId: 'tass',
    extraction: RULES,
    actors: [
      tass,
      twitter,
      rt,
      { id: 'ruptly', name: 'Ruptly', kind: 'MEDIA_OUTLET', named: 'Ruptly' },
      { id: 'peskov', name: 'Dmitry Peskov', kind: 'PERSON', named: 'Dmitry Peskov' },
    ],
    events: [
      {
        id: 'art-b-ad-ban-1',
        type: 'AD_BAN',
        summary: 'The company stops advertising for RT and Ruptly',
        occurredOn: '2017-10-26',
        confidence: 0.5,
        stated: 'barred RT and Ruptly from buying ads',
        participants: [
          ['AGENT', 'twitter', 'Twitter'],
          ['TARGET', 'rt', 'RT'],
          ['TARGET', 'ruptly', 'Ruptly'],
        ],
      },
      {
        id: 'art-b-criticism-1',
        type: 'CRITICISM',
        occurredOn: '2017-10-27',
        stated: 'called the ban regrettable',
        participants: [
          ['AGENT', 'peskov', 'Dmitry Peskov'],
          ['TARGET', 'twitter', 'Twitter@1'],
        ],
      },
      {
        id: 'art-b-appeal-1',
        type: 'APPEAL',
        occurredOn: '2017-10-27',
        stated: 'urged Twitter to reconsider',
        participants: [
          ['AGENT', 'peskov', 'Peskov@1'],
          ['TARGET', 'twitter', 'Twitter@1'],
        ],
      },
    ],
    links: [
      ['art-b-criticism-1', 'RESPONDS_TO', 'art-b-ad-ban-1', 'called the ban'],
      ['art-b-appeal-1', 'IN_CONTEXT_OF', 'art-b-criticism-1', 'and urged'],
    ],
    quotes: [['q-art-b-1', 'peskov', 'art-b-criticism-1', 'We regret it']],
  };
  edit(b);
  return b;
};

/** A hand-made report of the same ad ban: never matched, since its annotator named its events. */
const C: ArticleSpec = {
  id: 'art-c',
  text: 'WASHINGTON (Reuters). Twitter stopped ads from RT on October 26.',
  publisherId: 'reuters',
  actors: [{ id: 'reuters', name: 'Reuters', kind: 'MEDIA_OUTLET', named: 'Reuters' }, twitter, rt],
  events: [
    {
      id: 'reuters-twitter-stops-rt-ads',
      type: 'AD_BAN',
      occurredOn: '2017-10-26',
      stated: 'Twitter stopped ads from RT',
      participants: [
        ['AGENT', 'twitter', 'Twitter'],
        ['TARGET', 'rt', 'RT'],
      ],
    },
  ],
};

/** Three days later: close, but not the same day. */
const D: ArticleSpec = {
  id: 'art-d',
  text: 'MOSCOW /TASS/. Twitter stopped selling ads to Sputnik on Sunday.',
  publisherId: 'tass',
  extraction: RULES,
  actors: [
    tass,
    twitter,
    { id: 'sputnik', name: 'Sputnik', kind: 'MEDIA_OUTLET', named: 'Sputnik' },
  ],
  events: [
    {
      id: 'art-d-ad-ban-1',
      type: 'AD_BAN',
      occurredOn: '2017-10-29',
      stated: 'Twitter stopped selling ads to Sputnik',
      participants: [
        ['AGENT', 'twitter', 'Twitter'],
        ['TARGET', 'sputnik', 'Sputnik'],
      ],
    },
  ],
};

const AD_BAN = 'Event:art-a-ad-ban-1';
const A_CRITICISM = 'Event:art-a-criticism-1';
const B_CRITICISM = 'Event:art-b-criticism-1';

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;
let reader: string;

beforeAll(async () => {
  graph = testGraph();
  api = createApi(graph);
  // Neo4j plans each statement on first use, which on a busy machine can outlast a request's
  // time limit: one load of the articles first, outside any request, warms them up.
  await wipe(graph);
  await load(graph, articleDir(A, B()));
});

beforeEach(async () => {
  await wipe(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  reader = await createKey(graph, 'READER', 'reader Rui');
});

afterAll(async () => {
  await graph.close();
});

type Payload = {
  created: boolean;
  joined: { annotationEventId: string; event: { id: string }; score: number; reason: string }[];
  possibleDuplicates: {
    event: { id: string };
    other: { id: string };
    score: number;
    reason: string;
  }[];
};
const ingest = async (spec: ArticleSpec, note = 'extracted'): Promise<Payload> =>
  (
    await gqlData<{ ingestArticle: Payload }>(
      api,
      `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
         created joined { annotationEventId event { id } score reason }
         possibleDuplicates { event { id } other { id } score reason } } }`,
      { input: { text: spec.text, annotation: annotationOf(spec), note } },
      editor,
    )
  ).ingestArticle;

const mutate = (m: string, key = editor) => gql(api, `mutation { ${m} }`, {}, key);
const mutateOk = async (m: string) => {
  const r = await mutate(m);
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return r.data;
};

const EVENT = `id type summary confidence reviewStatus reviewNote occurredOn
  extraction { version }
  participants { role actor { id } evidence { article { id } start end } }
  evidence { article { id } start end text }
  articles { id }
  links { kind direction other { id } evidence { article { id } text } }
  quotes { id }
  aliasIds
  possibleDuplicates { other { id } score reason }`;
type EventView = {
  id: string;
  type: string;
  summary: string;
  confidence: number;
  reviewStatus: string;
  reviewNote: string | null;
  extraction: { version: string } | null;
  participants: { role: string; actor: { id: string }; evidence: { article: { id: string } }[] }[];
  evidence: { article: { id: string }; start: number; end: number; text: string }[];
  articles: { id: string }[];
  links: { kind: string; direction: string; other: { id: string } }[];
  quotes: { id: string }[];
  aliasIds: string[];
  possibleDuplicates: { other: { id: string }; score: number; reason: string }[];
};
const event = async (id: string): Promise<EventView | null> =>
  (await gqlData<{ event: EventView | null }>(api, `{ event(id: "${id}") { ${EVENT} } }`)).event;
const roles = (e: EventView) => e.participants.map((p) => `${p.role} ${p.actor.id}`).sort();

const graphWithoutAudit = async () =>
  (await snapshot(graph)).filter((l) => !l.startsWith(':AuditRecord '));

type Queue = {
  possibleDuplicates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { event: { id: string }; other: { id: string }; score: number } }[];
  };
};
const queue = async (first = 20, after: string | null = null) =>
  (
    await gqlData<Queue>(
      api,
      `query ($after: String) { possibleDuplicates(first: ${first}, after: $after) {
         totalCount pageInfo { hasNextPage endCursor }
         edges { node { event { id } other { id } score } } } }`,
      { after },
    )
  ).possibleDuplicates;

test("a second article's event joins the event the graph holds: evidence and new participants added, fields and curation untouched", async () => {
  await ingest(A);
  await mutateOk(`setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: "checked") { id }`);
  await mutateOk(`correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.97 }) { id }`);

  const payload = await ingest(B());
  expect(payload.created).toBe(true);
  expect(payload.joined).toEqual([
    {
      annotationEventId: 'art-b-ad-ban-1',
      event: { id: AD_BAN },
      score: 0.73,
      reason:
        'same type AD_BAN; agents overlap (twitter); targets overlap (rt); the dates agree: 2017-10-26 (DAY) and 2017-10-26 (DAY)',
    },
  ]);
  const after = (await event(AD_BAN))!;
  // The event's own fields, review and curation are the first article's and the analyst's.
  expect(after).toMatchObject({
    summary: 'Twitter stops advertising for RT and Sputnik',
    confidence: 0.97,
    reviewStatus: 'VERIFIED',
    reviewNote: 'checked',
    extraction: { version: '1.0.0' },
    aliasIds: ['Event:art-b-ad-ban-1'],
  });
  expect(roles(after)).toEqual([
    'AGENT Actor:twitter',
    'TARGET Actor:rt',
    'TARGET Actor:ruptly',
    'TARGET Actor:sputnik',
  ]);
  // Twitter's agency is stated by both articles now.
  const agent = after.participants.find((p) => p.role === 'AGENT')!;
  expect(agent.evidence.map((s) => s.article.id)).toEqual(['Article:art-a', 'Article:art-b']);
  expect(after.articles.map((a) => a.id)).toEqual(['Article:art-a', 'Article:art-b']);
  expect(after.evidence.map((s) => [s.article.id, s.text])).toEqual([
    ['Article:art-a', 'Twitter banned advertising from RT and Sputnik'],
    ['Article:art-b', 'barred RT and Ruptly from buying ads'],
  ]);
  // B's criticism responds to the joined event; no copy of the ad ban was made.
  expect(await event('Event:art-b-ad-ban-1')).toBeNull();
  const criticism = (await event(B_CRITICISM))!;
  expect(criticism.links).toEqual(
    [
      { kind: 'RESPONDS_TO', direction: 'OUTGOING', other: { id: AD_BAN } },
      { kind: 'IN_CONTEXT_OF', direction: 'INCOMING', other: { id: 'Event:art-b-appeal-1' } },
    ].map((l) => expect.objectContaining(l)),
  );
  const articleEvents = await gqlData<{
    article: { events: { edges: { node: { id: string } }[] } };
  }>(api, `{ article(id: "Article:art-b") { events { edges { node { id } } } } }`);
  expect(articleEvents.article.events.edges.map((e) => e.node.id)).toEqual([
    AD_BAN,
    'Event:art-b-appeal-1',
    B_CRITICISM,
  ]);
});

test('uncertain matches are possible duplicates: in the payload, on both events and in the queue', async () => {
  await ingest(A);
  const b = await ingest(B());
  expect(b.possibleDuplicates).toEqual([
    {
      event: { id: B_CRITICISM },
      other: { id: A_CRITICISM },
      score: 0.6,
      reason:
        'same type CRITICISM; agents differ (peskov / kremlin); targets overlap (twitter); the dates agree: 2017-10-27 (DAY) and 2017-10-27 (DAY)',
    },
  ]);
  const d = await ingest(D);
  expect(d.joined).toEqual([]);
  expect(d.possibleDuplicates.map((p) => [p.event.id, p.other.id, p.score])).toEqual([
    ['Event:art-d-ad-ban-1', AD_BAN, 0.59],
  ]);
  expect(d.possibleDuplicates[0]!.reason).toContain(
    'the dates are close but differ: 2017-10-29 (DAY) and 2017-10-26 (DAY)',
  );
  expect((await event(A_CRITICISM))!.possibleDuplicates).toEqual([
    expect.objectContaining({ other: { id: B_CRITICISM }, score: 0.6 }),
  ]);
  // The queue: the highest score first, paged with its own cursors.
  const first = await queue(1);
  expect(first.totalCount).toBe(2);
  expect(first.edges.map((e) => [e.node.event.id, e.node.other.id])).toEqual([
    [B_CRITICISM, A_CRITICISM],
  ]);
  const second = await queue(1, first.pageInfo.endCursor);
  expect(second.edges.map((e) => e.node.event.id)).toEqual(['Event:art-d-ad-ban-1']);
  expect(second.pageInfo.hasNextPage).toBe(false);
  const wrong = await gql(
    api,
    `{ possibleDuplicates(after: "${first.pageInfo.endCursor}") { totalCount } events(after: "${first.pageInfo.endCursor}") { totalCount } }`,
  );
  expect(wrong.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    argument: 'after',
  });
});

test('hand-made annotations are never matched automatically', async () => {
  await ingest(A);
  const c = await ingest(C);
  expect(c.joined).toEqual([]);
  expect(c.possibleDuplicates).toEqual([]);
  expect((await event('Event:reuters-twitter-stops-rt-ads'))!.extraction).toBeNull();
});

test('reloads are idempotent, and find the same event even when the matcher would now decide otherwise', async () => {
  await ingest(A);
  await ingest(B());
  const once = await graphWithoutAudit();
  await ingest(B(), 'again');
  await load(graph, articleDir(B()));
  expect(await graphWithoutAudit()).toEqual(once);

  // A re-extraction moves B's ad ban far from A's: the matcher would not join them now, but the
  // remembered alias still writes it onto the same event, with the new evidence.
  const moved = B((b) => {
    b.events[0]!.occurredOn = '2018-03-01';
    b.events[0]!.stated = 'buying ads';
    b.events[0]!.participants = [['AGENT', 'twitter', 'Twitter']];
  });
  const again = await ingest(moved, 're-extracted');
  expect(again.joined).toEqual([]);
  expect(again.created).toBe(false);
  const after = (await event(AD_BAN))!;
  expect(after.evidence.map((s) => [s.article.id, s.text])).toEqual([
    ['Article:art-a', 'Twitter banned advertising from RT and Sputnik'],
    ['Article:art-b', 'buying ads'],
  ]);
  expect(await event('Event:art-b-ad-ban-1')).toBeNull();
  const counts = await gqlData<{ events: { totalCount: number } }>(
    api,
    `{ events(filter: { types: [AD_BAN] }) { totalCount } }`,
  );
  expect(counts.events.totalCount).toBe(1);
});

test('two extracted articles ingested at once report one event: one creates it, the other joins it', async () => {
  const [a, b] = await Promise.all([ingest(A), ingest(B())]);
  expect(a.joined.length + b.joined.length).toBe(1);
  const counts = await gqlData<{ events: { totalCount: number } }>(
    api,
    `{ events(filter: { types: [AD_BAN] }) { totalCount } }`,
  );
  expect(counts.events.totalCount).toBe(1);
});

type Audit = {
  action: string;
  keyName: string;
  targetId: string;
  note: string;
  before: unknown;
  after: unknown;
};
const latestAudit = async (targetId: string): Promise<Audit> =>
  (
    await gqlData<{ auditRecords: { edges: { node: Audit }[] } }>(
      api,
      `query ($t: ID) { auditRecords(targetId: $t, first: 1) { edges { node { action keyName targetId note before after } } } }`,
      { t: targetId },
    )
  ).auditRecords.edges[0]!.node;

describe('mergeEvents', () => {
  beforeEach(async () => {
    await ingest(A);
    await ingest(B());
  });

  test("moves evidence, participants, links and quotes to the kept event, keeps both events' curation, and audits it", async () => {
    // Analysts' decisions on both: K's win, M's are kept where K has none.
    await mutateOk(
      `setEventReview(eventId: "${B_CRITICISM}", status: VERIFIED, note: "Peskov said it") { id }`,
    );
    await mutateOk(
      `correctEvent(eventId: "${B_CRITICISM}", correction: { confidence: 0.3 }) { id }`,
    );
    await mutateOk(
      `addParticipant(eventId: "${B_CRITICISM}", actorId: "Actor:kremlin", role: ON_BEHALF_OF) { id }`,
    );
    await mutateOk(
      `removeEventLink(fromId: "Event:art-b-appeal-1", toId: "${B_CRITICISM}", kind: IN_CONTEXT_OF) { id }`,
    );
    const kBefore = (await event(A_CRITICISM))!;

    const r = await mutateOk(
      `mergeEvents(keepId: "${A_CRITICISM}", mergeId: "${B_CRITICISM}", note: "one criticism") { id reviewStatus reviewNote confidence }`,
    );
    expect(r).toEqual({
      mergeEvents: {
        id: A_CRITICISM,
        // K had no review: it takes M's. K's fields stay: M's corrected confidence does not win.
        reviewStatus: 'VERIFIED',
        reviewNote: 'Peskov said it',
        confidence: kBefore.confidence,
      },
    });
    const k = (await event(A_CRITICISM))!;
    expect(roles(k)).toEqual([
      'AGENT Actor:kremlin',
      'AGENT Actor:peskov',
      'ON_BEHALF_OF Actor:kremlin',
      'TARGET Actor:twitter',
    ]);
    expect(k.articles.map((a) => a.id)).toEqual(['Article:art-a', 'Article:art-b']);
    expect(k.quotes.map((q) => q.id)).toEqual(['Quote:q-art-b-1']);
    // Both articles say it responds to the ad ban; the appeal's link stays removed.
    expect(k.links.map((l) => `${l.direction} ${l.kind} ${l.other.id}`)).toEqual([
      `OUTGOING RESPONDS_TO ${AD_BAN}`,
    ]);
    expect(k.aliasIds).toEqual([B_CRITICISM]);
    expect(k.possibleDuplicates).toEqual([]);
    expect(await event(B_CRITICISM)).toBeNull();
    expect((await queue()).totalCount).toBe(0);

    const audit = await latestAudit(A_CRITICISM);
    expect(audit).toMatchObject({
      action: 'mergeEvents',
      keyName: 'analyst Ana',
      targetId: A_CRITICISM,
      note: 'one criticism',
      before: {
        kept: { id: 'art-a-criticism-1', reviewStatus: 'DRAFT' },
        merged: {
          id: 'art-b-criticism-1',
          reviewStatus: 'VERIFIED',
          confidence: 0.3,
          participants: ['AGENT peskov', 'ON_BEHALF_OF kremlin', 'TARGET twitter'],
          quotes: ['q-art-b-1'],
        },
      },
      after: { kept: { id: 'art-a-criticism-1', reviewStatus: 'VERIFIED' }, merged: null },
    });

    // Reloading the merged event's article writes onto the kept event, and recreates nothing.
    const merged = await graphWithoutAudit();
    const reload = await ingest(B(), 'reload');
    expect(reload.possibleDuplicates).toEqual([]);
    await load(graph, articleDir(B()));
    expect(await graphWithoutAudit()).toEqual(merged);
    expect(await event(B_CRITICISM)).toBeNull();
  });

  test('refuses itself, other types, unknown ids and readers, and writes nothing', async () => {
    const before = await snapshot(graph);
    const code = async (m: string, key = editor) => {
      const r = await mutate(`${m} { id }`, key);
      return [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.argument];
    };
    expect(await code(`mergeEvents(keepId: "${AD_BAN}", mergeId: "${AD_BAN}")`)).toEqual([
      'BAD_USER_INPUT',
      'mergeId',
    ]);
    expect(await code(`mergeEvents(keepId: "${AD_BAN}", mergeId: "${A_CRITICISM}")`)).toEqual([
      'CONFLICT',
      'mergeId',
    ]);
    expect(await code(`mergeEvents(keepId: "Event:nope", mergeId: "${AD_BAN}")`)).toEqual([
      'NOT_FOUND',
      'keepId',
    ]);
    expect(await code(`mergeEvents(keepId: "${AD_BAN}", mergeId: "Actor:rt")`)).toEqual([
      'BAD_USER_INPUT',
      'mergeId',
    ]);
    expect(
      await code(`mergeEvents(keepId: "${A_CRITICISM}", mergeId: "${B_CRITICISM}")`, reader),
    ).toEqual(['FORBIDDEN', undefined]);
    // An id that was joined to another event names it.
    const joined = await mutate(
      `mergeEvents(keepId: "${AD_BAN}", mergeId: "Event:art-b-ad-ban-1") { id }`,
    );
    expect(joined.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(joined.errors?.[0]?.message).toContain(`joined to 'art-a-ad-ban-1'`);
    expect(await snapshot(graph)).toEqual(before);
  });
});

describe('dismissPossibleDuplicate', () => {
  test('takes the pair out of the queue, audited; a second time it is NOT_FOUND', async () => {
    await ingest(A);
    await ingest(B());
    const r = await mutateOk(
      `dismissPossibleDuplicate(eventId: "${A_CRITICISM}", otherId: "${B_CRITICISM}", note: "Kremlin and Peskov spoke apart") { id possibleDuplicates { score } }`,
    );
    expect(r).toEqual({ dismissPossibleDuplicate: { id: A_CRITICISM, possibleDuplicates: [] } });
    expect((await queue()).totalCount).toBe(0);
    expect(await latestAudit(A_CRITICISM)).toMatchObject({
      action: 'dismissPossibleDuplicate',
      note: 'Kremlin and Peskov spoke apart',
      before: { otherId: B_CRITICISM, possibleDuplicate: { score: 0.6 } },
      after: { otherId: B_CRITICISM, possibleDuplicate: null },
    });
    const again = await mutate(
      `dismissPossibleDuplicate(eventId: "${B_CRITICISM}", otherId: "${A_CRITICISM}") { id }`,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'otherId' });
    const unknown = await mutate(
      `dismissPossibleDuplicate(eventId: "Event:nope", otherId: "${A_CRITICISM}") { id }`,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'eventId',
    });
    // A reload of either article does not bring the pair back.
    await ingest(B(), 'reload');
    await ingest(A, 'reload');
    expect((await queue()).totalCount).toBe(0);
  });
});
