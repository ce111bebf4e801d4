// After any sequence of loads and mutations the graph and the audit log agree: replaying every
// audit record of the events, oldest first, gives exactly the values the graph holds for each
// fact an analyst (or an audited overwrite) decided. The sequence is random but seeded.
import type { Graph } from '../../src/graph/driver';
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

const EVENTS = ['twitter-ad-ban-rt-sputnik', 'kremlin-regrets-ad-ban', 'us-ic-accuses-rt-sputnik'];
const ACTORS = ['rt', 'sputnik', 'twitter'];
const ROLES = ['AGENT', 'TARGET'];
const TYPES = ['AD_BAN', 'BROADCAST_BAN', 'CRITICISM', 'ACCUSATION'];

let graph: Graph;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  graph = testGraph();
  api = createApi(graph);
  await wipe(graph);
  await loadSeeds(graph);
});

afterAll(async () => {
  await graph.close();
});

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed with some of the three events' confidences changed, in a folder of its own. */
const changedSeed = (random: () => number) =>
  changedSeedDir<{ events: { id: string; confidence: number }[] }>((a) => {
    for (const e of a.events) {
      if (EVENTS.includes(e.id) && random() < 0.5) e.confidence = Math.round(random() * 100) / 100;
    }
  });

type Audit = { action: string; targetId: string; after: Record<string, unknown> | null };

async function allEventAudit(): Promise<Audit[]> {
  const out: Audit[] = [];
  let after: string | null = null;
  for (;;) {
    const d: {
      auditRecords: {
        edges: { node: Audit }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await gqlData(
      api,
      `query ($after: String) { auditRecords(first: 100, after: $after) {
         edges { node { action targetId after } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    out.push(...d.auditRecords.edges.map((e) => e.node));
    if (!d.auditRecords.pageInfo.hasNextPage) break;
    after = d.auditRecords.pageInfo.endCursor;
  }
  return out.filter((a) => a.targetId.startsWith('Event:')).reverse();
}

/** fact key -> the value the audit log says it has now, per event. */
function replay(audit: Audit[]): Map<string, unknown> {
  const facts = new Map<string, unknown>();
  const set = (event: string, key: string, v: unknown) => facts.set(`${event} ${key}`, v);
  for (const a of audit) {
    const event = a.targetId.slice('Event:'.length);
    const after = a.after ?? {};
    switch (a.action) {
      case 'correctEvent':
        for (const f of ['type', 'confidence']) set(event, f, after[f]);
        break;
      case 'addParticipant':
      case 'removeParticipant':
        set(event, `participant:${String(after.role)}:${String(after.actorId)}`, after.exists);
        break;
      case 'addEvidence':
      case 'removeEvidence':
        set(
          event,
          `evidence:${String(after.articleId)}`,
          (after.evidence as { start: number; end: number }[]).map((s) => [s.start, s.end]),
        );
        break;
      case 'overwriteCuration':
        for (const [k, v] of Object.entries(after)) set(event, k, v);
        break;
    }
  }
  return facts;
}

type EventNow = {
  type: string;
  confidence: number;
  participants: { role: string; actor: { id: string } }[];
  evidence: { start: number; end: number; article: { id: string } }[];
};

async function graphValue(fact: string): Promise<unknown> {
  const [event, key] = fact.split(' ') as [string, string];
  const d = await gqlData<{ event: EventNow }>(
    api,
    `{ event(id: "Event:${event}") { type confidence participants { role actor { id } } evidence { start end article { id } } } }`,
  );
  const e = d.event;
  if (key === 'type') return e.type;
  if (key === 'confidence') return e.confidence;
  if (key.startsWith('participant:')) {
    const [, role, actor] = key.split(':');
    return e.participants.some((p) => p.role === role && p.actor.id === `Actor:${actor}`);
  }
  const article = key.slice('evidence:'.length);
  return e.evidence
    .filter((s) => s.article.id === `Article:${article}`)
    .map((s) => [s.start, s.end])
    .sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
}

test('after a random sequence of 60 loads and mutations, replaying the audit log gives the graph', async () => {
  const random = rng(20171027);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const editor = await createKey(graph, 'EDITOR', 'analyst Ana');
  const words = [...SEED_TEXT.matchAll(/[A-Za-z]{5,}/g)].slice(0, 30);
  const steps: string[] = [];
  for (let i = 0; i < 60; i++) {
    const event = `Event:${pick(EVENTS)}`;
    const r = random();
    let mutation: string | null = null;
    if (r < 0.2) {
      const c = Math.round(random() * 100) / 100;
      mutation = `correctEvent(eventId: "${event}", correction: { confidence: ${c}, type: ${pick(TYPES)} })`;
    } else if (r < 0.4) {
      const op = random() < 0.5 ? 'add' : 'remove';
      mutation = `${op}Participant(eventId: "${event}", actorId: "Actor:${pick(ACTORS)}", role: ${pick(ROLES)})`;
    } else if (r < 0.55) {
      const op = random() < 0.5 ? 'add' : 'remove';
      const w = pick(words);
      mutation = `${op}Evidence(eventId: "${event}", articleId: "Article:${SEED_ARTICLE_ID}", start: ${w.index}, end: ${w.index + w[0].length})`;
    } else if (r < 0.75) {
      steps.push('load seeds');
      await load(graph, SEEDS_DIR);
    } else if (r < 0.9) {
      const overwrite = random() < 0.5;
      steps.push(`load changed seed${overwrite ? ' --overwrite-curation' : ''}`);
      await load(graph, changedSeed(random), { overwriteCuration: overwrite });
    } else {
      steps.push('ingestArticle seed');
      await gqlData(
        api,
        `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }`,
        { input: { text: SEED_TEXT, annotation: seedAnnotation() } },
        editor,
      );
    }
    if (mutation) {
      steps.push(mutation);
      const res = await gql(api, `mutation { ${mutation} { id } }`, {}, editor);
      // Removing what is not there is refused; nothing else may be.
      const code = res.errors?.[0]?.extensions?.code;
      if (code !== undefined) expect(code).toBe('NOT_FOUND');
    }
  }
  const expected = replay(await allEventAudit());
  expect(expected.size).toBeGreaterThan(10);
  const disagree: unknown[] = [];
  for (const [fact, value] of expected) {
    const now = await graphValue(fact);
    if (JSON.stringify(now) !== JSON.stringify(value))
      disagree.push({ fact, audit: value, graph: now });
  }
  expect({ disagree, steps: disagree.length ? steps : [] }).toEqual({ disagree: [], steps: [] });
});
