// Analysts' corrections outlive every reload of the annotations: `start` loads the seeds each
// time, and on today's main it undid them. Here a reload keeps them and says so, a changed file
// is a reported conflict, --overwrite-curation is audited, and the audit log agrees with the graph.
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { load } from '../../src/ingest/load';
import {
  createApi,
  createKey,
  gql,
  gqlData,
  loadSeeds,
  changedSeedDir,
  seedAnnotation,
  SEEDS_DIR,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';

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

type Annotation = {
  events: {
    id: string;
    confidence: number;
    type: string;
    participants: { role: string; actorId: string }[];
  }[];
};

const changedSeed = (edit: (a: Annotation) => void) => changedSeedDir<Annotation>(edit);
const adBanOf = (a: Annotation) => a.events.find((e) => e.id === 'twitter-ad-ban-rt-sputnik')!;

const EVENT_STATE = `id type confidence occurredOn
  participants { role actor { id } }
  evidence { start end text }
  curated { key kind annotationValue conflictingValue decidedBy auditRecordId }`;
type EventState = {
  type: string;
  confidence: number;
  participants: { role: string; actor: { id: string } }[];
  evidence: { start: number; end: number; text: string }[];
  curated: {
    key: string;
    kind: string;
    annotationValue: unknown;
    conflictingValue: unknown;
    decidedBy: string;
    auditRecordId: string;
  }[];
};

async function adBan(): Promise<EventState> {
  const d = await gqlData<{ event: EventState }>(
    api,
    `{ event(id: "${AD_BAN}") { ${EVENT_STATE} } }`,
  );
  return d.event;
}
const roles = (e: EventState) => e.participants.map((p) => `${p.role} ${p.actor.id}`).sort();

async function mutate(query: string): Promise<void> {
  await gqlData(api, `mutation { ${query} { id } }`, {}, editor);
}

async function analystCorrects(): Promise<void> {
  await mutate(
    `correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.11, type: BROADCAST_BAN }, note: "one source only")`,
  );
  await mutate(`removeParticipant(eventId: "${AD_BAN}", actorId: "Actor:sputnik", role: TARGET)`);
}

test("a reload of the seeds keeps the analyst's corrections and reports what it kept", async () => {
  await analystCorrects();
  const summary = await load(graph, SEEDS_DIR);
  const after = await adBan();
  expect(after.type).toBe('BROADCAST_BAN');
  expect(after.confidence).toBe(0.11);
  expect(roles(after)).toEqual(['AGENT Actor:twitter', 'TARGET Actor:rt']);
  expect(summary.curation.conflicts).toEqual([]);
  expect(summary.curation.kept.map((n) => [n.key, n.analyst, n.file]).sort()).toEqual([
    ['confidence', 0.11, 0.95],
    ['participant:TARGET:sputnik', false, true],
    ['type', 'BROADCAST_BAN', 'AD_BAN'],
  ]);
  expect(after.curated.map((c) => [c.key, c.kind, c.annotationValue, c.conflictingValue])).toEqual([
    ['confidence', 'FIELD', 0.95, null],
    ['participant:TARGET:sputnik', 'PARTICIPANT', true, null],
    ['type', 'FIELD', 'AD_BAN', null],
  ]);
  expect(after.curated.every((c) => c.decidedBy === 'analyst Ana')).toBe(true);
  // The family label follows the analyst's type through the reload.
  const [labels] = await graph.read(
    defineQuery(
      'testAdBanLabels',
      `MATCH (e:Event {id: 'twitter-ad-ban-rt-sputnik'}) RETURN labels(e) AS labels`,
      z.object({ labels: z.array(z.string()) }),
    ),
  );
  expect(labels!.labels.sort()).toEqual(['Coercion', 'Event']);
});

test('a second reload changes nothing at all', async () => {
  await analystCorrects();
  await load(graph, SEEDS_DIR);
  const once = await adBan();
  await load(graph, SEEDS_DIR);
  expect(await adBan()).toEqual(once);
});

test("an annotation that changes a curated value is a conflict: reported, the analyst's value kept and the conflict shown", async () => {
  await analystCorrects();
  const dir = changedSeed((a) => {
    adBanOf(a).confidence = 0.5;
  });
  const summary = await load(graph, dir);
  expect(summary.curation.conflicts.map((n) => [n.key, n.analyst, n.file, n.base])).toEqual([
    ['confidence', 0.11, 0.5, 0.95],
  ]);
  const after = await adBan();
  expect(after.confidence).toBe(0.11);
  expect(after.curated.find((c) => c.key === 'confidence')?.conflictingValue).toBe(0.5);
  // The analyst settles it by deciding again: the file's value becomes the base, no more conflict.
  await mutate(`correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.2 })`);
  const again = await load(graph, dir);
  expect(again.curation.conflicts).toEqual([]);
  expect(again.curation.kept.find((n) => n.key === 'confidence')).toMatchObject({
    analyst: 0.2,
    file: 0.5,
    base: 0.5,
  });
});

test('--overwrite-curation takes the file where it changed, audits it, and leaves unchanged curation alone', async () => {
  await analystCorrects();
  const dir = changedSeed((a) => {
    adBanOf(a).confidence = 0.5;
  });
  const summary = await load(graph, dir, { overwriteCuration: true });
  expect(summary.curation.overwritten.map((n) => [n.key, n.analyst, n.file])).toEqual([
    ['confidence', 0.11, 0.5],
  ]);
  const after = await adBan();
  expect(after.confidence).toBe(0.5);
  // Type and the removed participant did not change in the file: they stay the analyst's.
  expect(after.type).toBe('BROADCAST_BAN');
  expect(roles(after)).toEqual(['AGENT Actor:twitter', 'TARGET Actor:rt']);
  // The overwrite is a decision of its own: confidence stays curated, now with 0.5 as its base.
  expect(after.curated.map((c) => [c.key, c.annotationValue, c.decidedBy])).toEqual([
    ['confidence', 0.5, 'mediagraph load'],
    ['participant:TARGET:sputnik', true, 'analyst Ana'],
    ['type', 'AD_BAN', 'analyst Ana'],
  ]);
  const audit = await gqlData<{
    auditRecords: {
      edges: { node: { action: string; keyName: string; before: unknown; after: unknown } }[];
    };
  }>(
    api,
    `{ auditRecords(targetId: "${AD_BAN}", first: 1) { edges { node { action keyName before after } } } }`,
  );
  expect(audit.auditRecords.edges[0]!.node).toEqual({
    action: 'overwriteCuration',
    keyName: 'mediagraph load',
    before: { confidence: 0.11 },
    after: { confidence: 0.5 },
  });
});

test('evidence an analyst added or removed stays so through a reload', async () => {
  // A span of the seed text that the annotation does not give as the ad ban's evidence.
  const start = SEED_TEXT.indexOf('Twitter');
  const end = start + 'Twitter'.length;
  await mutate(
    `addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: ${start}, end: ${end})`,
  );
  await mutate(
    `removeEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: 928, end: 988)`,
  );
  const before = await adBan();
  const summary = await load(graph, SEEDS_DIR);
  const after = await adBan();
  expect(after.evidence).toEqual(before.evidence);
  expect(after.evidence.map((s) => [s.start, s.end])).toEqual([
    [start, end],
    [48, 166],
    [1404, 1502],
  ]);
  expect(summary.curation.kept.map((n) => n.key)).toEqual([`evidence:${SEED_ARTICLE_ID}`]);
});

test('a removed link stays removed, and an added one stays', async () => {
  await mutate(
    `removeEventLink(fromId: "${AD_BAN}", toId: "Event:us-ic-accuses-rt-sputnik", kind: JUSTIFIED_BY)`,
  );
  await mutate(
    `addEventLink(fromId: "${AD_BAN}", toId: "Event:kremlin-regrets-ad-ban", kind: IN_CONTEXT_OF)`,
  );
  await load(graph, SEEDS_DIR);
  const d = await gqlData<{
    event: { links: { kind: string; direction: string; other: { id: string } }[] };
  }>(api, `{ event(id: "${AD_BAN}") { links { kind direction other { id } } } }`);
  const outgoing = d.event.links
    .filter((l) => l.direction === 'OUTGOING')
    .map((l) => `${l.kind} ${l.other.id}`)
    .sort();
  expect(outgoing).toEqual([
    'IN_CONTEXT_OF Event:kremlin-regrets-ad-ban',
    'JUSTIFIED_BY Event:twitter-review-of-election-reports',
  ]);
});

test('ingestArticle goes through the same path: it keeps curation and says so in its payload', async () => {
  await analystCorrects();
  const annotation = seedAnnotation<Annotation>();
  adBanOf(annotation).confidence = 0.6;
  const r = await gqlData<{
    ingestArticle: {
      created: boolean;
      curation: {
        kept: { eventId: string; key: string }[];
        conflicts: {
          eventId: string;
          key: string;
          analystValue: unknown;
          fileValue: unknown;
          baseValue: unknown;
        }[];
      };
    };
  }>(
    api,
    `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
       created curation { kept { eventId key } conflicts { eventId key analystValue fileValue baseValue } } } }`,
    { input: { text: SEED_TEXT, annotation } },
    editor,
  );
  expect(r.ingestArticle.created).toBe(false);
  expect(r.ingestArticle.curation.kept.map((n) => n.key).sort()).toEqual([
    'participant:TARGET:sputnik',
    'type',
  ]);
  expect(r.ingestArticle.curation.conflicts).toEqual([
    { eventId: AD_BAN, key: 'confidence', analystValue: 0.11, fileValue: 0.6, baseValue: 0.95 },
  ]);
  expect((await adBan()).confidence).toBe(0.11);
});

/** Every [start, end] the annotation gives anywhere. */
function spansIn(value: unknown, out: [number, number][] = []): [number, number][] {
  if (Array.isArray(value)) value.forEach((v) => spansIn(v, out));
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') out.push([o.start, o.end]);
    Object.values(o).forEach((v) => spansIn(v, out));
  }
  return out;
}

test('a changed article text that no longer holds curated evidence is refused whole, unless overwritten', async () => {
  const annotation = seedAnnotation<Annotation>();
  const covered = spansIn(annotation);
  // A word no annotation span touches: the analyst makes it evidence, then the text changes there.
  const words = [...SEED_TEXT.matchAll(/[A-Za-z]{6,}/g)].map((m): [number, number] => [
    m.index,
    m.index + m[0].length,
  ]);
  const [start, end] = words.find(([s, e]) => covered.every(([cs, ce]) => e <= cs || s >= ce))!;
  await mutate(
    `addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: ${start}, end: ${end})`,
  );
  const text = SEED_TEXT.slice(0, start) + 'x'.repeat(end - start) + SEED_TEXT.slice(end);
  const ingest = (overwriteCuration: boolean) =>
    gql<{ ingestArticle: { curation: { overwritten: { key: string }[] } } }>(
      api,
      `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { curation { overwritten { key } } } }`,
      { input: { text, annotation, overwriteCuration } },
      editor,
    );
  const refused = await ingest(false);
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(refused.errors?.[0]?.message).toContain(`${start}-${end}`);
  const [article] = await graph.read(
    defineQuery(
      'testSeedText',
      'MATCH (a:Article {id: $id}) RETURN a.text AS text',
      z.object({ text: z.string() }),
    ),
    { id: SEED_ARTICLE_ID },
  );
  expect(article!.text).toBe(SEED_TEXT);
  const overwritten = await ingest(true);
  expect(overwritten.data?.ingestArticle.curation.overwritten.map((n) => n.key)).toEqual([
    `evidence:${SEED_ARTICLE_ID}`,
  ]);
  expect((await adBan()).evidence.map((s) => [s.start, s.end])).toEqual([
    [48, 166],
    [928, 988],
    [1404, 1502],
  ]);
});

test('a write that changes nothing is not made and not audited, whichever mutation it is', async () => {
  const count = async () =>
    (
      await gqlData<{ auditRecords: { totalCount: number } }>(
        api,
        `{ auditRecords(targetId: "${AD_BAN}") { totalCount } }`,
      )
    ).auditRecords.totalCount;
  const twice = async (mutation: string) => {
    await mutate(mutation);
    const after = await count();
    await mutate(mutation);
    expect(await count()).toBe(after);
  };
  await twice(
    `addEvidence(eventId: "${AD_BAN}", articleId: "Article:${SEED_ARTICLE_ID}", start: 0, end: 5)`,
  );
  await twice(`addParticipant(eventId: "${AD_BAN}", actorId: "Actor:rt", role: BENEFICIARY)`);
  await twice(`setEventReview(eventId: "${AD_BAN}", status: VERIFIED, note: "checked")`);
  await twice(`correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.5 })`);
  expect(await count()).toBe(4);
});
