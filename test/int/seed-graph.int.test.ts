// The seed article as analysts query it: exact answers from the real Neo4j through GraphQL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  countGraph,
  gql,
  gqlData,
  SEED_ARTICLE_ID,
  seededGraph,
  SEEDS_DIR,
} from '../support/graph-fixtures';

const ARTICLE_TEXT = readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`), 'utf8');
const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';

const { graph, api } = seededGraph();

type Named = { name: string };
type EventNode = {
  id: string;
  type: string;
  summary: string;
  participants: { role: string; actor: Named }[];
};

const names = (ps: { actor: Named }[]) => ps.map((p) => p.actor.name).sort();

test('the seeds make the expected graph', async () => {
  expect(await countGraph(graph)).toEqual({ nodes: 40, relationships: 120 });
});

test('who banned whom, and on what grounds', async () => {
  const data = await gqlData<{
    events: {
      totalCount: number;
      edges: {
        node: EventNode & {
          occurredOn: string;
          justifiedBy: EventNode[];
          cameo: { code: string };
          plover: { type: string; mode: string };
        };
      }[];
    };
  }>(
    api,
    `{ events(filter: { types: [AD_BAN] }) {
        totalCount
        edges { node {
          id type summary occurredOn cameo { code } plover { type mode }
          participants { role actor { name } }
          justifiedBy { id type summary participants { role actor { name } } }
        } }
      } }`,
  );
  expect(data.events.totalCount).toBe(1);
  const ban = data.events.edges[0]!.node;
  expect(ban.id).toBe(AD_BAN);
  expect(ban.occurredOn).toBe('2017-10-26');
  expect(ban.cameo.code).toBe('163');
  expect(ban.plover).toEqual({ type: 'SANCTION', mode: 'discontinue' });
  expect(names(ban.participants.filter((p) => p.role === 'AGENT'))).toEqual(['Twitter']);
  expect(names(ban.participants.filter((p) => p.role === 'TARGET'))).toEqual(['RT', 'Sputnik']);
  const grounds = ban.justifiedBy.map((e) => [
    e.type,
    names(e.participants.filter((p) => p.role === 'AGENT')),
  ]);
  expect(grounds.sort()).toEqual([
    ['ACCUSATION', ['US Intelligence Community']],
    ['INVESTIGATION', ['Twitter']],
  ]);
});

test('how the others answered the ban', async () => {
  const data = await gqlData<{ event: { responses: (EventNode & { confidence: number })[] } }>(
    api,
    `query ($id: ID!) { event(id: $id) { responses { id type summary confidence participants(role: AGENT) { role actor { name } } } } }`,
    { id: AD_BAN },
  );
  const answers = data.event.responses
    .map((e) => `${e.type} by ${names(e.participants).join(', ')}`)
    .sort();
  expect(answers).toEqual([
    'APPEAL by Dmitry Peskov',
    'CRITICISM by Dmitry Peskov',
    'CRITICISM by Russian journalists’ union',
    'PROTEST_ACTION by unnamed Russian senator',
    'RETALIATION_VOW by unnamed Russian deputy minister',
  ]);
  // Responses known only from the related headlines carry lower confidence.
  const headline = data.event.responses.filter(
    (e) => e.id !== 'Event:kremlin-regrets-ad-ban' && e.id !== 'Event:kremlin-appeal-to-twitter',
  );
  expect(headline.every((e) => e.confidence < 0.8)).toBe(true);
});

test('Moscow vows retaliation against the United States over the US moves', async () => {
  const data = await gqlData<{
    events: { edges: { node: EventNode & { respondsTo: EventNode[] } }[] };
  }>(
    api,
    `{ events(filter: { types: [RETALIATION_VOW], actorId: "Actor:russia", role: AGENT }) {
        edges { node { id type summary participants { role actor { name } } respondsTo { id type summary participants { role actor { name } } } } }
      } }`,
  );
  expect(data.events.edges).toHaveLength(1);
  const vow = data.events.edges[0]!.node;
  expect(names(vow.participants.filter((p) => p.role === 'TARGET'))).toEqual(['United States']);
  expect(vow.respondsTo.map((e) => e.type)).toEqual(['RESTRICTIVE_MEASURE']);
  expect(names(vow.respondsTo[0]!.participants.filter((p) => p.role === 'TARGET'))).toEqual([
    'RT',
    'Sputnik',
  ]);
});

test('the money: how much, whose, for what, and where it is written', async () => {
  const data = await gqlData<{
    events: {
      edges: {
        node: {
          modality: string;
          amount: {
            amount: number;
            currency: string;
            evidence: { start: number; end: number; text: string }[];
          };
          cameo: { code: string; label: string };
          plover: { type: string };
          participants: { role: string; actor: Named }[];
          links: { kind: string; direction: string; other: { id: string } }[];
          quotes: { text: string }[];
        };
      }[];
    };
  }>(
    api,
    `{ events(filter: { types: [DONATION] }) { edges { node {
        modality amount { amount currency evidence { start end text } }
        cameo { code label } plover { type }
        participants { role actor { name } }
        links { kind direction other { id } }
        quotes { text }
      } } } }`,
  );
  const d = data.events.edges[0]!.node;
  expect(d.modality).toBe('PLEDGED');
  expect(d.amount.amount).toBe(1_900_000);
  expect(d.amount.currency).toBe('USD');
  expect(d.amount.evidence.map((s) => s.text)).toEqual(['$ 1.9 mln']);
  expect(d.cameo).toEqual({ code: '0331', label: 'Express intent to provide economic aid' });
  expect(d.plover.type).toBe('AGREE');
  expect(d.participants.map((p) => `${p.role}:${p.actor.name}`).sort()).toEqual([
    'AGENT:Twitter',
    'FUNDS_SOURCE:RT',
  ]);
  expect(d.links).toEqual([{ kind: 'PART_OF', direction: 'OUTGOING', other: { id: AD_BAN } }]);
  expect(d.quotes[0]!.text).toContain('to support external research');
});

test('who said what, and which claims dispute each other', async () => {
  const data = await gqlData<{
    actor: {
      name: string;
      positions: { title: string; organization: Named }[];
      quotes: { text: string; event: { type: string } }[];
      claims: { text: string; verbatim: boolean }[];
    };
    ic: { claims: { text: string; disputedBy: { claimant: Named }[] }[] };
  }>(
    api,
    `{ actor(id: "Actor:dmitry-peskov") {
         name positions { title organization { name } }
         quotes { text event { type } }
         claims { text verbatim }
       }
       ic: actor(id: "Actor:us-intelligence-community") { claims { text disputedBy { claimant { name } } } } }`,
  );
  expect(data.actor.positions).toEqual([
    { title: 'Press Secretary', organization: { name: 'the Kremlin' } },
  ]);
  expect(data.actor.quotes.map((q) => q.text.slice(0, 20)).sort()).toEqual([
    'We hope that that th',
    'We regret it. We reg',
    'arouse anxiety and c',
  ]);
  expect(data.actor.quotes.map((q) => q.event.type).sort()).toEqual([
    'APPEAL',
    'CRITICISM',
    'CRITICISM',
  ]);
  expect(data.actor.claims).toHaveLength(3);
  const [icClaim] = data.ic.claims;
  expect(icClaim!.text).toBe(
    'both RT and Sputnik attempted to interfere with the election on behalf of the Russian government',
  );
  expect(names(icClaim!.disputedBy.map((c) => ({ actor: c.claimant })))).toEqual([
    'Dmitry Peskov',
    'the Kremlin',
  ]);
});

test("the Kremlin denies the Intelligence Community's accusation, and its claim disputes it", async () => {
  const data = await gqlData<{
    event: EventNode & {
      cameo: { code: string };
      plover: { type: string; mode: string | null };
      respondsTo: EventNode[];
      claims: { id: string; disputes: { claimant: Named }[] }[];
    };
  }>(
    api,
    `{ event(id: "Event:kremlin-denies-interference") {
        id type summary cameo { code } plover { type mode }
        participants { role actor { name } }
        respondsTo { id type summary participants { role actor { name } } }
        claims { id disputes { claimant { name } } } } }`,
  );
  const denial = data.event;
  expect(denial.type).toBe('DENIAL');
  expect([denial.cameo.code, denial.plover]).toEqual(['016', { type: 'REJECT', mode: null }]);
  expect(denial.participants.map((p) => `${p.role}:${p.actor.name}`).sort()).toEqual([
    'AGENT:Dmitry Peskov',
    'ON_BEHALF_OF:the Kremlin',
    'TARGET:US Intelligence Community',
  ]);
  expect(denial.respondsTo.map((e) => e.id)).toEqual(['Event:us-ic-accuses-rt-sputnik']);
  expect(denial.claims).toEqual([
    {
      id: 'Claim:kremlin-independent-media-not-intervention',
      disputes: [{ claimant: { name: 'US Intelligence Community' } }],
    },
  ]);
});

test('every evidence span equals the article text at its offsets', async () => {
  const span = '{ article { id } start end text }';
  const data = await gqlData<{
    events: { edges: { node: Record<string, unknown> }[] };
    actors: { edges: { node: Record<string, unknown> }[] };
  }>(
    api,
    `{ events(first: 100) { edges { node {
        evidence ${span}
        participants { evidence ${span} }
        links { evidence ${span} }
        amount { evidence ${span} }
        quotes { evidence ${span} }
        claims { evidence ${span} }
      } } }
      actors(first: 100) { edges { node { positions { evidence ${span} } } } } }`,
  );
  const spans: { article: { id: string }; start: number; end: number; text: string }[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.start === 'number' && typeof o.text === 'string') spans.push(o as never);
      else Object.values(o).forEach(collect);
    }
  };
  collect(data);
  expect(spans.length).toBeGreaterThan(80);
  for (const s of spans) {
    expect(s.article.id).toBe(`Article:${SEED_ARTICLE_ID}`);
    expect(ARTICLE_TEXT.slice(s.start, s.end)).toBe(s.text);
  }
});

test('the repeated headline is evidence of the same ban, not a second event', async () => {
  const data = await gqlData<{
    event: { evidence: { text: string }[]; articles: { id: string; publisher: Named }[] };
  }>(
    api,
    `query ($id: ID!) { event(id: $id) { evidence { text } articles { id publisher { name } } } }`,
    { id: AD_BAN },
  );
  expect(data.event.evidence.map((s) => s.text)).toContain(
    'Twitter removes advertising from all RT and Sputnik accounts',
  );
  expect(data.event.articles).toEqual([
    { id: `Article:${SEED_ARTICLE_ID}`, publisher: { name: 'TASS' } },
  ]);
});

test('knowledge from outside the text is marked as such', async () => {
  const data = await gqlData<{
    article: {
      dateline: string;
      publishedOn: string;
      externalFacts: { field: string; note: string }[];
    };
    event: { dateNote: string | null; externalFacts: { field: string }[] };
  }>(
    api,
    `query ($a: ID!) { article(id: $a) { dateline publishedOn externalFacts { field note } }
       event(id: "Event:kremlin-regrets-ad-ban") { dateNote externalFacts { field } } }`,
    { a: `Article:${SEED_ARTICLE_ID}` },
  );
  expect(data.article.dateline).toBe('MOSCOW, October 27');
  expect(data.article.publishedOn).toBe('2017-10-27');
  expect(data.article.externalFacts.map((f) => f.field)).toEqual(['publishedOn']);
  expect(data.article.externalFacts[0]!.note).toMatch(/2017/);
  expect(data.event.externalFacts.map((f) => f.field)).toEqual(['occurredOn']);
  expect(data.event.dateNote).toMatch(/year/i);
});

describe('events connection', () => {
  const PAGE = `query ($first: Int, $after: String, $order: EventOrder) {
    events(first: $first, after: $after, orderBy: $order) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id occurredOn } } } }`;
  type Page = {
    events: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      edges: { node: { id: string; occurredOn: string | null } }[];
    };
  };

  async function walk(order: string): Promise<{ id: string; occurredOn: string | null }[]> {
    const seen: { id: string; occurredOn: string | null }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const data: Page = await gqlData<Page>(api, PAGE, { first: 4, after, order });
      expect(data.events.totalCount).toBe(14);
      expect(data.events.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...data.events.edges.map((e) => e.node));
      if (!data.events.pageInfo.hasNextPage) break;
      after = data.events.pageInfo.endCursor;
    }
    return seen;
  }

  test('a cursor walk visits every event once, by date, undated last', async () => {
    const asc = await walk('OCCURRED_ON_ASC');
    expect(asc).toHaveLength(14);
    expect(new Set(asc.map((e) => e.id)).size).toBe(14);
    const dates = asc.map((e) => e.occurredOn);
    expect(dates.slice(0, 8)).toEqual([
      '2016-11-08',
      '2017-01-06',
      '2017-10-26',
      '2017-10-26',
      '2017-10-26',
      '2017-10-27',
      '2017-10-27',
      '2017-10-27',
    ]);
    expect(dates.slice(8)).toEqual([null, null, null, null, null, null]);
    const desc = await walk('OCCURRED_ON_DESC');
    expect(desc.map((e) => e.occurredOn).slice(0, 4)).toEqual([
      '2017-10-27',
      '2017-10-27',
      '2017-10-27',
      '2017-10-26',
    ]);
    expect(desc.slice(8).every((e) => e.occurredOn === null)).toBe(true);
  });

  test('filters by actor and role, date range, modality and confidence', async () => {
    const data = await gqlData<{
      targeted: { totalCount: number };
      range: { edges: { node: { id: string } }[] };
      pledged: { totalCount: number };
      sure: { totalCount: number };
    }>(
      api,
      `{ targeted: events(filter: { actorId: "Actor:twitter", role: TARGET }) { totalCount }
         range: events(filter: { occurredFrom: "2017-10-27", occurredTo: "2017-10-27" }) { edges { node { id } } }
         pledged: events(filter: { modalities: [PLEDGED] }) { totalCount }
         sure: events(filter: { minConfidence: 0.9 }) { totalCount } }`,
    );
    expect(data.targeted.totalCount).toBe(5);
    expect(data.range.edges.map((e) => e.node.id).sort()).toEqual([
      'Event:kremlin-appeal-to-twitter',
      'Event:kremlin-denies-interference',
      'Event:kremlin-regrets-ad-ban',
    ]);
    expect(data.pledged.totalCount).toBe(1);
    expect(data.sure.totalCount).toBe(8);
  });

  test('first above 100 is refused with a clear error', async () => {
    const r = await gql(api, '{ events(first: 101) { totalCount } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toBe('first must be between 0 and 100, got 101');
  });

  test('a forged cursor is refused', async () => {
    const r = await gql(api, '{ events(after: "not-a-cursor") { totalCount } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test("an actor's and an article's events", async () => {
    const data = await gqlData<{
      actor: { events: { totalCount: number } };
      article: { events: { totalCount: number } };
    }>(
      api,
      `{ actor(id: "Actor:sputnik") { events { totalCount } }
         article(id: "Article:${SEED_ARTICLE_ID}") { events(first: 2) { totalCount } } }`,
    );
    expect(data.actor.events.totalCount).toBe(4);
    expect(data.article.events.totalCount).toBe(14);
  });
});

test('actors filter by kind and by a part of a name or alias, any case', async () => {
  const data = await gqlData<{
    outlets: { edges: { node: Named }[] };
    moscow: { edges: { node: Named }[] };
  }>(
    api,
    `{ outlets: actors(filter: { kinds: [MEDIA_OUTLET] }) { edges { node { name } } }
       moscow: actors(filter: { nameContains: "mOSCOW" }) { edges { node { name } } } }`,
  );
  expect(data.outlets.edges.map((e) => e.node.name)).toEqual(['RT', 'Sputnik', 'TASS']);
  expect(data.moscow.edges.map((e) => e.node.name)).toEqual(['Russia']);
});

test('full-text search ranks by score and finds every kind of node', async () => {
  const data = await gqlData<{
    search: { score: number; node: { __typename: string; id: string } }[];
  }>(api, `{ search(query: "vowed to retaliate") { score node { __typename id } } }`);
  expect(data.search[0]!.node).toEqual({
    __typename: 'Event',
    id: 'Event:moscow-vows-retaliation',
  });
  const scores = data.search.map((h) => h.score);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  const peskov = await gqlData<{ search: { node: { __typename: string } }[] }>(
    api,
    `{ search(query: "Peskov") { node { __typename } } }`,
  );
  expect(peskov.search.map((h) => h.node.__typename)).toContain('Actor');
  const odd = await gql(api, '{ search(query: "RT AND (Sputnik") { score } }');
  expect(odd.errors).toBeUndefined();
});

test('actorPath finds the shortest chain of events between two actors', async () => {
  const data = await gqlData<{
    actorPath: { hops: number; nodes: { __typename: string; id: string }[] };
    none: null;
  }>(
    api,
    `{ actorPath(fromId: "Actor:russian-senator", toId: "Actor:us-intelligence-community") { hops nodes { __typename id } }
       none: actorPath(fromId: "Actor:tass", toId: "Actor:twitter") { hops } }`,
  );
  expect(data.actorPath.hops).toBe(2);
  expect(data.actorPath.nodes.map((n) => n.__typename)).toEqual([
    'Actor',
    'Event',
    'Actor',
    'Event',
    'Actor',
  ]);
  expect(data.actorPath.nodes[0]!.id).toBe('Actor:russian-senator');
  expect(data.actorPath.nodes[4]!.id).toBe('Actor:us-intelligence-community');
  // TASS only publishes: it takes part in no event.
  expect(data.none).toBeNull();
});

test('node(id) resolves every type; unknown ids give null', async () => {
  const data = await gqlData<Record<string, { __typename: string } | null>>(
    api,
    `{ a: node(id: "Article:${SEED_ARTICLE_ID}") { __typename }
       b: node(id: "Actor:rt") { __typename }
       c: node(id: "Event:us-election-2016") { __typename }
       d: node(id: "Quote:peskov-we-hope") { __typename }
       e: node(id: "Claim:ic-rt-sputnik-interfered") { __typename }
       f: node(id: "Actor:nobody") { __typename }
       g: actor(id: "Event:us-election-2016") { __typename } }`,
  );
  expect(Object.values(data).map((v) => v?.__typename ?? null)).toEqual([
    'Article',
    'Actor',
    'Event',
    'Quote',
    'Claim',
    null,
    null,
  ]);
});

test('nested fields are batched: the number of queries does not grow with the events', async () => {
  const query = `query ($first: Int) { events(first: $first) { edges { node {
    participants { actor { name positions { title } } } links { other { summary } }
    quotes { speaker { name } } claims { about { name } } evidence { article { id } } articles { id } } } } }`;
  const queriesFor = async (first: number) => {
    const read = jest.spyOn(graph, 'read');
    try {
      await gqlData(api, query, { first });
      return read.mock.calls.length;
    } finally {
      read.mockRestore();
    }
  };
  // The query asks for 12 nested field shapes besides the page: at most one query each,
  // however many events there are (one per event and field would be well over 100 here).
  const SHAPES = 13;
  expect(await queriesFor(2)).toBeLessThanOrEqual(SHAPES);
  expect(await queriesFor(14)).toBeLessThanOrEqual(SHAPES);
});

test('an event in detail is one round trip: the event and its details are read together', async () => {
  const original = graph.read.bind(graph);
  let inFlight = 0;
  let maxInFlight = 0;
  const read = jest.spyOn(graph, 'read').mockImplementation(async (query, params) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      return await original(query, params);
    } finally {
      inFlight--;
    }
  });
  try {
    const data = await gqlData<{
      event: { participants: { actor: Named }[]; links: { other: { summary: string } }[] };
    }>(
      api,
      `query ($id: ID!) { event(id: $id) { summary participants { actor { name } }
        links { other { summary } } quotes { speaker { name } } evidence { text } } }`,
      { id: AD_BAN },
    );
    expect(data.event.participants.map((p) => p.actor.name)).toContain('Twitter');
    expect(data.event.links.length).toBeGreaterThan(0);
    // Two reads (the event, its details with the actors and linked events they point at), sent
    // at the same time: nested actor, speaker and other-event fields cost no further query.
    expect(read.mock.calls.length).toBe(2);
    expect(maxInFlight).toBe(2);
  } finally {
    read.mockRestore();
  }
});

test('/health and /ready answer', async () => {
  expect((await api.fetch('http://mediagraph.test/health')).status).toBe(200);
  expect((await api.fetch('http://mediagraph.test/ready')).status).toBe(200);
});

test('the Neo4j Browser guide and style are served with CORS for Browser', async () => {
  const origin = 'http://127.0.0.1:7474';
  const preflight = await api.fetch('http://mediagraph.test/browser/guide.html', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'pragma, cache-control',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect(preflight.headers.get('access-control-allow-headers')).toContain('cache-control');
  const guide = await api.fetch('http://mediagraph.test/browser/guide.html', {
    headers: { origin },
  });
  expect(guide.status).toBe(200);
  expect(guide.headers.get('access-control-allow-origin')).toBe(origin);
  expect(await guide.text()).toContain('<article class="guide">');
  const grass = await api.fetch('http://mediagraph.test/browser/mediagraph.grass');
  expect(await grass.text()).toContain('node.Platform');
});
