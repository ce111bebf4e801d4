// GraphiQL as the API serves it: its example tabs run against the seed graph, its page needs no
// other host, and `/` leads to it.
import { createApi, gql, seededGraph } from '../support/graph-fixtures';
import { GRAPHIQL_TABS } from '../../src/api/graphiql';
import { defaultApiSettings } from '../../src/api/server';

const { graph, api } = seededGraph();

type Named = { name: string };
type Participant = { role?: string; actor: Named };

/** Runs the tab's query as GraphiQL sends it, failing on any error. */
async function runTab<T>(index: number): Promise<T> {
  const tab = GRAPHIQL_TABS[index];
  if (!tab) throw new Error(`GRAPHIQL_TABS has no tab ${index}`);
  const result = await gql<T>(api, tab.query);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const names = (ps: Participant[]) => ps.map((p) => p.actor.name).sort();

describe('the example tabs run against the seed graph', () => {
  test('there are four, each a named query', () => {
    expect(GRAPHIQL_TABS.map((t) => /^query (\w+)/m.exec(t.query)?.[1])).toEqual([
      'WhoBannedWhom',
      'Responses',
      'WhoSaidWhat',
      'MoneyAndSearch',
    ]);
  });

  test('1: who banned whom, and why', async () => {
    const data = await runTab<{
      events: {
        totalCount: number;
        edges: {
          node: {
            type: string;
            agents: Participant[];
            targets: Participant[];
            justifiedBy: { type: string }[];
            evidence: { text: string }[];
          };
        }[];
      };
    }>(0);
    expect(data.events.totalCount).toBe(2);
    const byType = new Map(data.events.edges.map((e) => [e.node.type, e.node]));
    const ban = byType.get('AD_BAN')!;
    expect(names(ban.agents)).toEqual(['Twitter']);
    expect(names(ban.targets)).toEqual(['RT', 'Sputnik']);
    expect(ban.justifiedBy.map((e) => e.type)).toContain('ACCUSATION');
    expect(ban.evidence.length).toBeGreaterThan(0);
    const measure = byType.get('RESTRICTIVE_MEASURE')!;
    expect(names(measure.targets)).toEqual(['RT', 'Sputnik']);
  });

  test('2: how the others answered the ad ban', async () => {
    const data = await runTab<{
      event: {
        summary: string;
        responses: { type: string; participants: Participant[]; quotes: { text: string }[] }[];
      };
    }>(1);
    expect(data.event.summary).toMatch(/Twitter/);
    const types = data.event.responses.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['CRITICISM', 'RETALIATION_VOW']));
    const agents = data.event.responses.flatMap((r) =>
      r.participants.filter((p) => p.role === 'AGENT').map((p) => p.actor.name),
    );
    expect(agents).toContain('Dmitry Peskov');
    expect(data.event.responses.some((r) => r.quotes.length > 0)).toBe(true);
  });

  test('3: who said what', async () => {
    const data = await runTab<{
      actor: {
        name: string;
        positions: { title: string; organization: Named | null }[];
        quotes: { text: string; evidence: { text: string }[] }[];
        claims: { text: string; disputes: { text: string }[] }[];
      };
    }>(2);
    expect(data.actor.name).toBe('Dmitry Peskov');
    expect(data.actor.positions.map((p) => p.organization?.name)).toContain('the Kremlin');
    expect(data.actor.quotes.length).toBeGreaterThan(0);
    for (const q of data.actor.quotes) expect(q.evidence[0]?.text).toBe(q.text);
    expect(data.actor.claims.some((c) => c.disputes.length > 0)).toBe(true);
  });

  test('4: the money, a search and a path between two actors', async () => {
    const data = await runTab<{
      events: {
        edges: {
          node: {
            amount: { amount: number; currency: string } | null;
            participants: Participant[];
          };
        }[];
      };
      search: { score: number; node: { __typename: string; id: string } }[];
      actorPath: { hops: number; nodes: ({ __typename: string } & Partial<Named>)[] } | null;
    }>(3);
    const [donation] = data.events.edges.map((e) => e.node);
    expect(data.events.edges).toHaveLength(1);
    expect(donation?.amount).toMatchObject({ amount: 1_900_000, currency: 'USD' });
    expect(names(donation!.participants)).toEqual(['RT', 'Twitter']);
    expect(data.search.length).toBeGreaterThan(0);
    expect(data.search[0]!.score).toBeGreaterThan(0);
    // Which chain of events is the shortest is not this test's business: only its ends.
    const path = data.actorPath!;
    expect(path.hops).toBeGreaterThan(0);
    expect(path.nodes).toHaveLength(2 * path.hops + 1);
    expect(path.nodes[0]?.name).toBe('unnamed Russian senator');
    expect(path.nodes.at(-1)?.name).toBe('US Intelligence Community');
  });
});

describe('the GraphiQL page', () => {
  let html: string;

  beforeAll(async () => {
    const res = await api.fetch('http://mediagraph.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    html = await res.text();
  });

  test('holds GraphiQL itself and the example tabs', () => {
    expect(html).toContain('<title>mediagraph</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL(');
    expect(html).toContain(JSON.stringify(GRAPHIQL_TABS[0]!.query));
  });

  test('references no other host: scripts, styles, fonts, images and workers are inline', () => {
    // The markup around the inline script and style: each src or href in it is a data: URL.
    const markup = html
      .replace(/<script>[\s\S]*?<\/script>/g, '')
      .replace(/<style>[\s\S]*?<\/style>/g, '');
    const links = [...markup.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !l.startsWith('data:'))).toEqual([]);
    expect(markup.replace(/"data:[^"]*"/g, '').match(/(?:https?:)?\/\/\S*/g)).toBeNull();
    // Nothing anywhere in the page loads from a URL: no stylesheet or font by url() or @import,
    // no script, image or frame by src, no worker by importScripts. The URLs the code does hold
    // are licence comments, links in help texts and XML namespaces, none of which is fetched.
    const loads = [
      /url\(\s*["']?(?:https?:)?\/\/[^)]*/g,
      /@import[^;]*/g,
      /<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^>]*/g,
      /importScripts\(\s*["'`](?:https?:)?\/\/[^)]*/g,
    ];
    for (const load of loads) expect(html.match(load)).toBeNull();
    // The hosts GraphiQL pages usually load from.
    for (const cdn of [
      'unpkg.com',
      'cdn.jsdelivr.net',
      'cdnjs.cloudflare.com',
      'esm.sh',
      'raw.githubusercontent.com',
      'fonts.googleapis.com',
      'fonts.gstatic.com',
    ]) {
      expect(html.includes(cdn) ? cdn : null).toBeNull();
    }
  });
});

describe('/', () => {
  const production = () => createApi(graph, { ...defaultApiSettings(), production: true });

  test.each(['GET', 'HEAD'])('%s / redirects to /graphql, for a while (302)', async (method) => {
    const res = await api.fetch('http://mediagraph.test/', {
      method,
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
  });

  test('the query string goes along', async () => {
    const res = await api.fetch('http://mediagraph.test/?query=%7B__typename%7D', {
      redirect: 'manual',
    });
    expect(res.headers.get('location')).toBe('/graphql?query=%7B__typename%7D');
  });

  test('in production too, where /graphql answers a browser without GraphiQL', async () => {
    const res = await production().fetch('http://mediagraph.test/', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphql');
    const page = await production().fetch('http://mediagraph.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  test('a POST to / is not forwarded: it is the wrong address', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const res = await api.fetch('http://mediagraph.test/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
  });
});
