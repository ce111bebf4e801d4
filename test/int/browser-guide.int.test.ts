// What Neo4j Browser shows of the seed: the captions the style draws, kept right by every write
// path and filled in by the migration; the guide's queries, each free of Neo4j's warnings and
// notices; and the chain between two actors, the same one every time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/config';
import { EVENT_TYPE_CAPTION, fillMissingCaptions } from '../../src/graph/captions';
import { defineQuery } from '../../src/graph/driver';
import { migrate } from '../../src/graph/migrations';
import {
  createKey,
  gqlData,
  loadSeeds,
  seededGraph,
  snapshot,
  wipe,
} from '../support/graph-fixtures';

const { graph, api } = seededGraph();

const captionRows = z.object({ label: z.string(), id: z.string(), caption: z.string().nullable() });
async function captions(): Promise<Record<string, string | null>> {
  const rows = await graph.read(
    defineQuery(
      'testCaptions',
      `MATCH (n) WHERE n:Event OR n:Quote OR n:Claim OR n:Article
       RETURN [l IN labels(n) WHERE l IN ['Event', 'Quote', 'Claim', 'Article']][0] AS label,
              n.id AS id, n.caption AS caption`,
      captionRows,
    ),
  );
  return Object.fromEntries(rows.map((r) => [`${r.label}:${r.id}`, r.caption]));
}

/** The runnable blocks of the guide, as Browser runs them (HTML entities decoded). */
function guideBlocks(): string[] {
  const html = readFileSync(path.join(PROJECT_ROOT, 'browser', 'guide.html'), 'utf8');
  const blocks = [...html.matchAll(/<pre[^>]*\brunnable\b[^>]*>([\s\S]*?)<\/pre>/g)];
  return blocks.map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim(),
  );
}

describe('captions', () => {
  test('say what each node is: the event type and who did it, the speaker and the opening words', async () => {
    const c = await captions();
    expect(c).toMatchObject({
      'Event:twitter-ad-ban-rt-sputnik': 'AD BAN · Twitter',
      'Event:kremlin-regrets-ad-ban': 'CRITICISM · Dmitry Peskov',
      'Event:journalists-union-blasts-twitter': 'CRITICISM · Russian journalists’ union',
      'Event:deputy-minister-vows-tit-for-tat':
        'VOW TO RETALIATE · unnamed Russian deputy minister',
      'Event:us-moves-against-rt-sputnik': 'MEASURE · United States',
      'Event:twitter-review-of-election-reports': 'INQUIRY · Twitter',
      'Event:us-election-2016': 'ELECTION · United States',
      'Quote:peskov-we-regret-it': 'Dmitry Peskov: "We regret it. …"',
      'Claim:kremlin-outlets-cannot-influence-elections': 'the Kremlin: "these media outlets …"',
      'Article:tass-2017-10-27-kremlin-regrets-twitter-ad-ban': 'TASS · 2017-10-27',
    });
    // 14 events, 5 quotes, 8 claims and the article: every one captioned, and no two alike.
    const values = Object.values(c);
    expect(values).toHaveLength(28);
    expect(values.every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
    expect(new Set(values).size).toBe(28);
  });

  test('short words only: Browser cuts a word wider than the circle', () => {
    const longest = Math.max(
      ...Object.values(EVENT_TYPE_CAPTION).flatMap((c) => c.split(' ').map((w) => w.length)),
    );
    expect(longest).toBeLessThanOrEqual(10);
  });

  test('the migration fills in the captions of an older database, and then writes nothing', async () => {
    const before = await captions();
    await graph.write(
      defineQuery(
        'testDropCaptions',
        'MATCH (n) WHERE n.caption IS NOT NULL REMOVE n.caption RETURN count(*) AS n',
        z.object({ n: z.number() }),
      ),
    );
    expect(Object.values(await captions()).every((v) => v === null)).toBe(true);
    await migrate(graph);
    expect(await captions()).toEqual(before);
    const unchanged = await snapshot(graph);
    expect(await fillMissingCaptions(graph)).toBe(0);
    expect(await snapshot(graph)).toEqual(unchanged);
  });

  test("a curation that changes an event's type or agents changes its caption", async () => {
    const editor = await createKey(graph, 'EDITOR');
    const id = 'Event:kremlin-regrets-ad-ban';
    await gqlData(
      api,
      `mutation { correctEvent(eventId: "${id}", correction: { type: DENIAL }) { id } }`,
      {},
      editor,
    );
    await gqlData(
      api,
      `mutation { addParticipant(eventId: "${id}", actorId: "Actor:kremlin", role: AGENT) { id } }`,
      {},
      editor,
    );
    expect((await captions())['Event:kremlin-regrets-ad-ban']).toBe(
      'DENIAL · Dmitry Peskov, the Kremlin',
    );
    await gqlData(
      api,
      `mutation { removeParticipant(eventId: "${id}", actorId: "Actor:dmitry-peskov", role: AGENT) { id } }`,
      {},
      editor,
    );
    expect((await captions())['Event:kremlin-regrets-ad-ban']).toBe('DENIAL · the Kremlin');
    await wipe(graph);
    await loadSeeds(graph);
  });
});

describe('the Browser guide', () => {
  const blocks = guideBlocks();
  const cypher = blocks.filter((b) => !b.startsWith(':'));

  test('applies the style in one command, naming the API as Browser reached it', async () => {
    expect(blocks[0]).toBe(':style {{API_ORIGIN}}/browser/mediagraph.grass');
    const res = await api.fetch('http://mediagraph.test/browser/guide.html');
    expect(await res.text()).toContain(':style http://mediagraph.test/browser/mediagraph.grass');
    expect(cypher).toHaveLength(17);
  });

  test('every query runs without a warning or notice from Neo4j, and finds something', async () => {
    const session = graph.driver.session({ database: graph.database });
    const found: { query: string; notices: string[]; rows: number }[] = [];
    try {
      for (const query of cypher) {
        const explained = await session.run(`EXPLAIN ${query}`);
        const notices = explained.summary.notifications.map((n) => `${n.code}: ${n.title}`);
        const rows = (await session.run(query)).records.length;
        found.push({ query, notices, rows });
      }
    } finally {
      await session.close();
    }
    expect(found.filter((f) => f.notices.length > 0)).toEqual([]);
    expect(found.filter((f) => f.rows === 0)).toEqual([]);
  });

  test('the chain from the senator to the Intelligence Community runs through RT', async () => {
    const session = graph.driver.session({ database: graph.database });
    try {
      const query = cypher.find((q) => q.includes('allShortestPaths'))!;
      const result = await session.run(query);
      const ids = result.records.map((r) =>
        (r.get('p') as { segments: { end: { properties: { id: string } } }[] }).segments.map(
          (s) => s.end.properties.id,
        ),
      );
      expect(ids).toEqual([
        [
          'senator-deletes-twitter-account',
          'rt',
          'us-ic-accuses-rt-sputnik',
          'us-intelligence-community',
        ],
      ]);
    } finally {
      await session.close();
    }
  });
});

test('actorPath gives the same chain every time: of equally short ones, the first by ids', async () => {
  const query = `{ actorPath(fromId: "Actor:russian-senator", toId: "Actor:us-intelligence-community") {
    hops nodes { id } } }`;
  for (let i = 0; i < 3; i++) {
    const data = await gqlData<{ actorPath: { hops: number; nodes: { id: string }[] } }>(
      api,
      query,
    );
    expect(data.actorPath).toEqual({
      hops: 2,
      nodes: [
        { id: 'Actor:russian-senator' },
        { id: 'Event:senator-deletes-twitter-account' },
        { id: 'Actor:rt' },
        { id: 'Event:us-ic-accuses-rt-sputnik' },
        { id: 'Actor:us-intelligence-community' },
      ],
    });
  }
  // Backwards, the chain sorts first from the other end, and is still the one through RT.
  const back = await gqlData<{ actorPath: { nodes: { id: string }[] } }>(
    api,
    `{ actorPath(fromId: "Actor:us-intelligence-community", toId: "Actor:russian-senator") { nodes { id } } }`,
  );
  expect(back.actorPath.nodes.map((n) => n.id)[2]).toBe('Actor:rt');
});
