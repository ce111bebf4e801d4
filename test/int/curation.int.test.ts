// Writes through the API against the real Neo4j: each mutation's effect, its audit record, and
// that a refused write changes nothing at all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Graph } from '../../src/graph/driver';
import {
  createApi,
  createKey,
  gql,
  gqlData,
  loadSeeds,
  SEEDS_DIR,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';
const SEED_ANNOTATION = JSON.parse(
  readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.json`), 'utf8'),
) as Record<string, unknown>;

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;
let reader: string;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  api = createApi(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  reader = await createKey(graph, 'READER');
});

afterAll(async () => {
  await graph.close();
});

type Audit = {
  action: string;
  keyName: string;
  role: string;
  targetId: string;
  note: string | null;
  before: unknown;
  after: unknown;
};
const AUDIT_FIELDS = 'action keyName role targetId note before after at';

async function latestAudit(targetId: string): Promise<Audit> {
  const data = await gqlData<{ auditRecords: { edges: { node: Audit }[] } }>(
    api,
    `query ($t: ID) { auditRecords(targetId: $t, first: 1) { edges { node { ${AUDIT_FIELDS} } } } }`,
    { t: targetId },
  );
  return data.auditRecords.edges[0]!.node;
}

test('setEventReview records the decision, and the audit log says who, what, before and after', async () => {
  const data = await gqlData<{ setEventReview: { reviewStatus: string; reviewNote: string } }>(
    api,
    `mutation { setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: "Checked against Twitter's own post") { reviewStatus reviewNote } }`,
    {},
    editor,
  );
  expect(data.setEventReview).toEqual({
    reviewStatus: 'VERIFIED',
    reviewNote: "Checked against Twitter's own post",
  });
  const audit = await latestAudit(AD_BAN);
  expect(audit).toMatchObject({
    action: 'setEventReview',
    keyName: 'analyst Ana',
    role: 'EDITOR',
    targetId: AD_BAN,
    note: "Checked against Twitter's own post",
    before: { reviewStatus: 'DRAFT', reviewNote: null },
    after: { reviewStatus: 'VERIFIED', reviewNote: "Checked against Twitter's own post" },
  });
});

test('correctEvent changes type, date and confidence, and the type label and codes with them', async () => {
  const id = 'Event:journalists-union-blasts-twitter';
  const data = await gqlData<{ correctEvent: Record<string, unknown> }>(
    api,
    `mutation { correctEvent(eventId: "${id}", correction: { type: STATEMENT, occurredOn: "2017-10-27", confidence: 0.5 }) {
      type occurredOn datePrecision confidence cameo { code } } }`,
    {},
    editor,
  );
  expect(data.correctEvent).toEqual({
    type: 'STATEMENT',
    occurredOn: '2017-10-27',
    datePrecision: 'DAY',
    confidence: 0.5,
    cameo: { code: '010' },
  });
  const filtered = await gqlData<{ events: { totalCount: number } }>(
    api,
    '{ events(filter: { types: [CRITICISM] }) { totalCount } }',
  );
  expect(filtered.events.totalCount).toBe(1);
  const audit = await latestAudit(id);
  expect(audit.before).toMatchObject({ type: 'CRITICISM', confidence: expect.any(Number) });
  expect(audit.after).toMatchObject({
    type: 'STATEMENT',
    occurredOn: '2017-10-27',
    confidence: 0.5,
  });
});

test('links and participants are added and removed, with their evidence in the audit record', async () => {
  const from = 'Event:moscow-vows-retaliation';
  const links = async () =>
    (
      await gqlData<{ event: { respondsTo: { id: string }[] } }>(
        api,
        `{ event(id: "${from}") { respondsTo { id } } }`,
      )
    ).event.respondsTo.map((e) => e.id);
  const before = await links();
  await gqlData(
    api,
    `mutation { addEventLink(fromId: "${from}", toId: "${AD_BAN}", kind: RESPONDS_TO) { id } }`,
    {},
    editor,
  );
  expect(await links()).toEqual([...new Set([...before, AD_BAN])].sort());
  await gqlData(
    api,
    `mutation { removeEventLink(fromId: "${from}", toId: "${AD_BAN}", kind: RESPONDS_TO, note: "wrong") { id } }`,
    {},
    editor,
  );
  expect(await links()).toEqual(before.filter((id) => id !== AD_BAN));
  expect((await latestAudit(from)).after).toMatchObject({ kind: 'RESPONDS_TO', exists: false });

  const roles = async () =>
    (
      await gqlData<{ event: { participants: { role: string; actor: { id: string } }[] } }>(
        api,
        `{ event(id: "${AD_BAN}") { participants { role actor { id } } } }`,
      )
    ).event.participants.map((p) => `${p.role} ${p.actor.id}`);
  await gqlData(
    api,
    `mutation { addParticipant(eventId: "${AD_BAN}", actorId: "Actor:tass", role: BENEFICIARY) { id } }`,
    {},
    editor,
  );
  expect(await roles()).toContain('BENEFICIARY Actor:tass');
  await gqlData(
    api,
    `mutation { removeParticipant(eventId: "${AD_BAN}", actorId: "Actor:rt", role: TARGET) { id } }`,
    {},
    editor,
  );
  expect(await roles()).not.toContain('TARGET Actor:rt');
  const audit = await latestAudit(AD_BAN);
  expect(audit).toMatchObject({ action: 'removeParticipant', after: { exists: false } });
  expect((audit.before as { evidence: { text: string }[] }).evidence.map((s) => s.text)).toEqual([
    'the RT television channel',
    'RT',
    'the television channel',
  ]);
});

test('evidence spans are added with the article text at those offsets, and removed', async () => {
  const evidence = async () =>
    (
      await gqlData<{ event: { evidence: { start: number; text: string }[] } }>(
        api,
        `{ event(id: "${AD_BAN}") { evidence { start text } } }`,
      )
    ).event.evidence;
  const n = (await evidence()).length;
  await gqlData(
    api,
    `mutation { addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: 0, end: 10) { id } }`,
    {},
    editor,
  );
  const added = await evidence();
  expect(added).toHaveLength(n + 1);
  expect(added).toContainEqual({ start: 0, text: SEED_TEXT.slice(0, 10) });
  await gqlData(
    api,
    `mutation { removeEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: 0, end: 10) { id } }`,
    {},
    editor,
  );
  expect(await evidence()).toHaveLength(n);
});

test('refused writes name the argument and change nothing, not even the audit log', async () => {
  const graphBefore = await snapshot(graph);
  const cases: [string, string, string][] = [
    [
      `mutation { setEventReview(eventId: "Event:nope", status: VERIFIED) { id } }`,
      'NOT_FOUND',
      'eventId',
    ],
    [
      `mutation { correctEvent(eventId: "${AD_BAN}", correction: { confidence: 1.5 }) { id } }`,
      'BAD_USER_INPUT',
      'correction.confidence',
    ],
    [
      `mutation { addEventLink(fromId: "${AD_BAN}", toId: "${AD_BAN}", kind: PART_OF) { id } }`,
      'BAD_USER_INPUT',
      'toId',
    ],
    [
      `mutation { addParticipant(eventId: "${AD_BAN}", actorId: "Actor:nobody", role: AGENT) { id } }`,
      'NOT_FOUND',
      'actorId',
    ],
    [
      `mutation { removeEventLink(fromId: "${AD_BAN}", toId: "Event:us-election-2016", kind: PART_OF) { id } }`,
      'NOT_FOUND',
      'toId',
    ],
    [
      `mutation { addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: 5, end: 999999) { id } }`,
      'BAD_USER_INPUT',
      'start',
    ],
    [
      `mutation { addParticipant(eventId: "Actor:rt", actorId: "Actor:rt", role: AGENT) { id } }`,
      'BAD_USER_INPUT',
      'eventId',
    ],
  ];
  for (const [mutation, code, argument] of cases) {
    const r = await gql(api, mutation, {}, editor);
    expect({ mutation, error: r.errors?.[0]?.extensions }).toEqual({
      mutation,
      error: expect.objectContaining({ code, argument }),
    });
  }
  expect(await snapshot(graph)).toEqual(graphBefore);
});

test('mutations without an editor key are FORBIDDEN and change nothing', async () => {
  const graphBefore = await snapshot(graph);
  const mutation = `mutation { setEventReview(eventId: "${AD_BAN}", status: REJECTED) { id } }`;
  for (const key of [undefined, reader]) {
    const r = await gql(api, mutation, {}, key);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.message).toMatch(/EDITOR role/);
  }
  expect(await snapshot(graph)).toEqual(graphBefore);
});

describe('ingestArticle', () => {
  const INGEST = `mutation ($input: IngestArticleInput!) {
    ingestArticle(input: $input) { created events article { id title events(first: 100) { totalCount } } } }`;

  function variant(id: string): Record<string, unknown> {
    // The seed under another article id: a second article reporting the same events.
    const json = JSON.stringify(SEED_ANNOTATION).replace(new RegExp(SEED_ARTICLE_ID, 'g'), id);
    return JSON.parse(json) as Record<string, unknown>;
  }

  test('writes an article with all its events, audited; again, it replaces and doubles nothing', async () => {
    type Payload = {
      ingestArticle: {
        created: boolean;
        events: number;
        article: { id: string; events: { totalCount: number } };
      };
    };
    const input = { text: SEED_TEXT, annotation: variant('tass-copy'), note: 'second copy' };
    const first = await gqlData<Payload>(api, INGEST, { input }, editor);
    expect(first.ingestArticle).toEqual({
      created: true,
      events: 14,
      article: { id: 'Article:tass-copy', title: null, events: { totalCount: 14 } },
    });
    const withoutAudit = async () =>
      (await snapshot(graph)).filter((line) => !line.startsWith(':AuditRecord'));
    const afterFirst = await withoutAudit();
    const again = await gqlData<Payload>(api, INGEST, { input }, editor);
    expect(again.ingestArticle.created).toBe(false);
    expect(await withoutAudit()).toEqual(afterFirst);
    const audit = await latestAudit('Article:tass-copy');
    expect(audit).toMatchObject({ action: 'ingestArticle', note: 'second copy' });
    expect((audit.after as { eventIds: string[] }).eventIds).toHaveLength(14);
  });

  test('an invalid annotation is refused with every problem named, and nothing is written', async () => {
    const graphBefore = await snapshot(graph);
    const bad = variant('tass-broken') as {
      events: { id: string; confidence: number; evidence: { text: string }[] }[];
    };
    bad.events[0]!.evidence[0]!.text = 'not in the article';
    bad.events[1]!.evidence[0]!.text = 'nor this';
    const r = await gql<unknown>(
      api,
      INGEST,
      { input: { text: SEED_TEXT, annotation: bad } },
      editor,
    );
    const error = r.errors?.[0] as unknown as {
      extensions: { code: string; issues: { field: string }[] };
    };
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['events[0].evidence[0].text', 'events[1].evidence[0].text']),
    );
    expect(await snapshot(graph)).toEqual(graphBefore);
  });
});
