// Exports against the real Neo4j with the seeds loaded: every format is parsed back with a reader
// of that format (graphology's GraphML and GEXF parsers, csv-parse, JSON) and compared with what
// the graph holds, counted here by Cypher of the test's own; the filter, bad input, and the HTTP
// download with and without a key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import Graphology, { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { z } from 'zod';
import { defaultApiSettings } from '../../src/api/server';
import { PROJECT_ROOT } from '../../src/config';
import { ExportInputError, parseExportFilter } from '../../src/export/filter';
import { writeExport, type FileFormat } from '../../src/export/formats';
import { ICEWS_COLUMNS } from '../../src/export/events-tsv';
import { NO_PROGRESS } from '../../src/export/output';
import { defineQuery } from '../../src/graph/driver';
import type { EventFilterInput } from '../../src/graph/reads/events-page';
import {
  createApi,
  createKey,
  gqlData,
  SEED_ARTICLE_ID,
  SEED_TEXT,
  seededGraph,
} from '../support/graph-fixtures';

const { graph } = seededGraph();
let reader: string;

beforeAll(async () => {
  reader = await createKey(graph, 'READER');
});

async function exported(format: FileFormat, filter: EventFilterInput = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(graph, format, filter, out, NO_PROGRESS);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Colours of the stylesheet, read here with a pattern of the test's own. */
function grassColour(selector: string): string {
  const text = readFileSync(path.join(PROJECT_ROOT, 'browser', 'mediagraph.grass'), 'utf8');
  const rule = new RegExp(`^${selector.replace('.', '\\.')} \\{([^}]*)\\}`, 'm').exec(text);
  const colour = /(?:^|\n)\s*color:\s*(#[0-9A-Fa-f]{6})/.exec(rule?.[1] ?? '')?.[1];
  if (!colour) throw new Error(`no colour for ${selector}`);
  return colour.toLowerCase();
}

const EXCLUDED = ['MENTIONS', 'POSSIBLE_DUPLICATE', 'NOT_DUPLICATE', 'ALIAS_OF'];

/**
 * The subgraph of a list of events, as the docs define it: the events, the articles reporting
 * them, their quotes and claims, and every actor taking part, speaking, claiming, claimed about
 * or publishing; with every relationship among those nodes but the bookkeeping ones.
 */
async function expectedSubgraph(eventIds: string[]) {
  const [row] = await graph.read(
    defineQuery(
      'testExportSubgraph',
      `MATCH (e:Event) WHERE e.id IN $ids
       WITH collect(e) AS events
       CALL (events) {
         UNWIND events AS e
         MATCH (x)-[:REPORTS|MADE_IN]->(e)
         RETURN collect(DISTINCT x) AS attached
       }
       CALL (events, attached) {
         UNWIND events + attached AS n
         MATCH (n)-[r]-(a:Actor)
         WHERE (n:Event AND type(r) IN $roles) OR (n:Article AND type(r) = 'PUBLISHED_BY')
           OR (n:Quote AND type(r) = 'SAID') OR (n:Claim AND type(r) IN ['CLAIMS', 'ABOUT'])
         RETURN collect(DISTINCT a) AS actors
       }
       WITH events + attached + actors AS nodes
       UNWIND nodes AS a
       OPTIONAL MATCH (a)-[r]->(b) WHERE b IN nodes AND NOT type(r) IN $excluded
       WITH nodes, collect(r) AS rels
       RETURN [n IN nodes | labels(n)[0] + ':' + n.id] AS nodes,
         [r IN rels | type(r)] AS edgeTypes`,
      z.object({ nodes: z.array(z.string()), edgeTypes: z.array(z.string()) }),
    ),
    {
      ids: eventIds,
      roles: ['AGENT', 'TARGET', 'BENEFICIARY', 'FUNDS_SOURCE', 'ON_BEHALF_OF'],
      excluded: EXCLUDED,
    },
  );
  return { nodes: new Set(row!.nodes), edgeTypes: row!.edgeTypes };
}

const allEventIds = async () =>
  (
    await graph.read(
      defineQuery(
        'testEventIds',
        'MATCH (e:Event) RETURN e.id AS id',
        z.object({ id: z.string() }),
      ),
    )
  ).map((r) => r.id);

const AD_BAN_ID = 'twitter-ad-ban-rt-sputnik';

describe('GraphML', () => {
  test('opens in graphology with the subgraph, labels and the Browser colours', async () => {
    const expected = await expectedSubgraph(await allEventIds());
    const g = parseGraphml(MultiDirectedGraph, await exported('graphml'));
    expect(new Set(g.nodes())).toEqual(expected.nodes);
    expect(g.size).toBe(expected.edgeTypes.length);
    const event = g.getNodeAttributes(`Event:${AD_BAN_ID}`);
    expect(event).toMatchObject({
      kind: 'Event',
      label: 'AD BAN · Twitter',
      type: 'AD_BAN',
      cameoCode: '163',
    });
    expect(event.color).toBe(grassColour('node.Sanction'));
    const rt = g.getNodeAttributes('Actor:rt');
    expect(rt).toMatchObject({ label: 'RT', name: 'RT', type: 'MEDIA_OUTLET' });
    expect(rt.color).toBe(grassColour('node.MediaOutlet'));
    const agent = g.edges(`Event:${AD_BAN_ID}`, 'Actor:twitter').map((e) => g.getEdgeAttributes(e));
    expect(agent).toEqual([
      expect.objectContaining({
        type: 'AGENT',
        label: 'AGENT',
        color: grassColour('relationship.AGENT'),
      }),
    ]);
    const types = g.mapEdges((_e, a) => a.type as string).sort();
    expect(types).toEqual([...expected.edgeTypes].sort());
  });
});

describe('GEXF', () => {
  test('opens in graphology with the same nodes, edges, labels and colours', async () => {
    const expected = await expectedSubgraph(await allEventIds());
    const g = parseGexf(MultiDirectedGraph, await exported('gexf'));
    expect(new Set(g.nodes())).toEqual(expected.nodes);
    expect(g.size).toBe(expected.edgeTypes.length);
    const event = g.getNodeAttributes(`Event:${AD_BAN_ID}`);
    expect(event).toMatchObject({ label: 'AD BAN · Twitter', kind: 'Event', cameoCode: '163' });
    const hex = grassColour('node.Sanction');
    const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    expect(event.color).toBe(`rgb(${rgb.join(',')})`);
    const article = g.getNodeAttributes(`Article:${SEED_ARTICLE_ID}`);
    expect(article.color).toBe(
      `rgb(${[1, 3, 5].map((i) => Number.parseInt(grassColour('node.Article').slice(i, i + 2), 16)).join(',')})`,
    );
  });
});

describe('CSV', () => {
  test('nodes and edges tables parse back to the subgraph, with the graph values', async () => {
    const expected = await expectedSubgraph(await allEventIds());
    const nodes = parseCsv<Record<string, string>>(await exported('csv-nodes'), { columns: true });
    const edges = parseCsv<Record<string, string>>(await exported('csv-edges'), { columns: true });
    expect(new Set(nodes.map((n) => n.id))).toEqual(expected.nodes);
    expect(nodes).toHaveLength(expected.nodes.size);
    expect(edges.map((e) => e.type).sort()).toEqual([...expected.edgeTypes].sort());
    const [stored] = await graph.read(
      defineQuery(
        'testAdBan',
        'MATCH (e:Event {id: $id}) RETURN toString(e.occurredOn) AS date, e.cameoCode AS cameo, e.summary AS summary',
        z.object({ date: z.string(), cameo: z.string(), summary: z.string() }),
      ),
      { id: AD_BAN_ID },
    );
    const event = nodes.find((n) => n.id === `Event:${AD_BAN_ID}`);
    expect(event).toMatchObject({
      kind: 'Event',
      type: 'AD_BAN',
      occurredOn: stored!.date,
      cameoCode: stored!.cameo,
      summary: stored!.summary,
      color: grassColour('node.Sanction'),
    });
    for (const e of edges) {
      expect(expected.nodes.has(e.source!)).toBe(true);
      expect(expected.nodes.has(e.target!)).toBe(true);
    }
  });
});

describe('JSONL', () => {
  test('one event per line, with evidence that is the article text it points at', async () => {
    const lines = (await exported('jsonl')).trimEnd().split('\n');
    expect(lines).toHaveLength((await allEventIds()).length);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const adBan = events.find((e) => e.id === `Event:${AD_BAN_ID}`) as {
      type: string;
      cameo: { code: string };
      evidence: { articleId: string; start: number; end: number; text: string }[];
      participants: {
        role: string;
        actor: { id: string };
        evidence: { start: number; end: number; text: string }[];
      }[];
    };
    expect(adBan.type).toBe('AD_BAN');
    expect(adBan.cameo.code).toBe('163');
    expect(adBan.evidence.length).toBeGreaterThan(0);
    for (const span of [...adBan.evidence, ...adBan.participants.flatMap((p) => p.evidence)]) {
      expect(span.text).toBe(SEED_TEXT.slice(span.start, span.end));
    }
    expect(adBan.evidence[0]!.articleId).toBe(`Article:${SEED_ARTICLE_ID}`);
    expect(adBan.participants).toContainEqual(
      expect.objectContaining({
        role: 'AGENT',
        actor: expect.objectContaining({ id: 'Actor:twitter' }),
      }),
    );
    // Oldest first, as Query.events gives them.
    const dates = events.map((e) => (e.occurredOn as string | null) ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
  });
});

describe('events TSV', () => {
  test('has the ICEWS header and one dyad per row, CAMEO-coded', async () => {
    const text = await exported('events-tsv');
    const rows = parseCsv<Record<string, string>>(text, { delimiter: '\t', columns: true });
    expect(text.split('\n')[0]!.split('\t')).toEqual([...ICEWS_COLUMNS]);
    const adBan = rows.filter((r) => r['Event ID'] === `Event:${AD_BAN_ID}`);
    expect(adBan.length).toBeGreaterThan(0);
    expect(adBan[0]).toMatchObject({
      'CAMEO Code': '163',
      'Event Text': 'Impose embargo, boycott, or sanctions',
      Intensity: '-8',
      'Source Name': 'Twitter',
      'Story ID': `Article:${SEED_ARTICLE_ID}`,
      Publisher: 'TASS',
      City: '',
      Latitude: '',
    });
    const [stored] = await graph.read(
      defineQuery(
        'testAdBanDate',
        'MATCH (e:Event {id: $id}) RETURN toString(e.occurredOn) AS date',
        z.object({ date: z.string() }),
      ),
      { id: AD_BAN_ID },
    );
    expect(adBan[0]!['Event Date']).toBe(stored!.date);
    expect(rows.every((r) => /^\d{3,4}$/.test(r['CAMEO Code']!))).toBe(true);
  });
});

describe('the filter', () => {
  test('selects what Query.events selects, and the subgraph of just those events', async () => {
    const json = JSON.stringify({
      actorId: 'Actor:rt',
      role: 'TARGET',
      types: ['AD_BAN', 'BROADCAST_BAN'],
    });
    const filter = parseExportFilter(json, '--filter');
    const api = createApi(graph);
    const data = await gqlData<{
      events: { totalCount: number; edges: { node: { id: string } }[] };
    }>(
      api,
      'query ($f: EventFilter) { events(filter: $f, first: 100) { totalCount edges { node { id } } } }',
      { f: JSON.parse(json) as unknown },
    );
    expect(data.events.totalCount).toBeGreaterThan(0);
    expect(data.events.totalCount).toBeLessThan((await allEventIds()).length);
    const ids = data.events.edges.map((e) => e.node.id.replace(/^Event:/, ''));
    const lines = (await exported('jsonl', filter)).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(
      data.events.edges.map((e) => e.node.id),
    );
    const expected = await expectedSubgraph(ids);
    const g = parseGraphml(MultiDirectedGraph, await exported('graphml', filter));
    expect(new Set(g.nodes())).toEqual(expected.nodes);
    expect(g.size).toBe(expected.edgeTypes.length);
  });

  test('a filter that selects nothing gives empty but well-formed files', async () => {
    const filter = parseExportFilter('{"occurredFrom": "2999-01-01"}', '--filter');
    // graphology reads an empty graph as a mixed one, so it is read without a type here.
    expect(parseGexf(Graphology, await exported('gexf', filter)).order).toBe(0);
    expect(parseGraphml(Graphology, await exported('graphml', filter)).order).toBe(0);
    expect(await exported('jsonl', filter)).toBe('');
    expect((await exported('events-tsv', filter)).trimEnd().split('\n')).toHaveLength(1);
  });

  test.each([
    ['{"types": ["NOPE"]}', 'filter.types[0]', /"NOPE" does not exist in "EventType"/],
    ['{"colour": "red"}', 'filter', /Field "colour" is not defined by type "EventFilter"/],
    ['{"occurredFrom": "27 October"}', 'filter.occurredFrom', /date/i],
    ['{"minConfidence": 2}', 'filter.minConfidence', /between 0 and 1/],
    ['{"role": "TARGET"}', 'filter.role', /needs filter.actorId/],
    ['{"actorId": "Event:x"}', 'filter.actorId', /is not an Actor id/],
    ['{types: []}', 'filter', /is not JSON/],
  ])('%s is refused, naming %s', (json, field, reason) => {
    let error: unknown;
    try {
      parseExportFilter(json, '--filter');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExportInputError);
    const e = error as ExportInputError;
    expect(e.field).toBe(field);
    expect(e.reason).toMatch(reason);
    expect(e.message.startsWith(`--filter: ${field}: `)).toBe(true);
  });
});

describe('GET /export', () => {
  const url = (q: string) => `http://mediagraph.test/export?${q}`;

  test('streams the file with its type and name to a reader key', async () => {
    const s = defaultApiSettings();
    s.access.readsNeedKey = true;
    const api = createApi(graph, s);
    const filter = encodeURIComponent('{"types": ["AD_BAN"]}');
    const res = await api.fetch(url(`format=gexf&filter=${filter}`), {
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="mediagraph-events.gexf"',
    );
    const g = parseGexf(MultiDirectedGraph, await res.text());
    expect(
      g.filterNodes((_n, a) => a.kind === 'Event').map((n) => g.getNodeAttribute(n, 'type')),
    ).toEqual(expect.arrayContaining(['AD_BAN']));
    expect(g.filterNodes((_n, a) => a.kind === 'Event' && a.type !== 'AD_BAN')).toEqual([]);
  });

  test('without a key where reads need one: 401; with a bad key: 401, as GraphQL', async () => {
    const s = defaultApiSettings();
    s.access.readsNeedKey = true;
    const api = createApi(graph, s);
    const none = await api.fetch(url('format=jsonl'));
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(/needs an API key/),
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    const bad = await api.fetch(url('format=jsonl'), {
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(bad.status).toBe(401);
  });

  test('open reads need no key; a bad format or filter is a 400 with a JSON error', async () => {
    const api = createApi(graph);
    const ok = await api.fetch(url('format=events-tsv'));
    expect(ok.status).toBe(200);
    expect((await ok.text()).split('\n')[0]).toBe(ICEWS_COLUMNS.join('\t'));
    const format = await api.fetch(url('format=xlsx'));
    expect(format.status).toBe(400);
    expect(await format.json()).toEqual({
      errors: [
        {
          message:
            "format: 'xlsx' is not one of graphml, gexf, jsonl, events-tsv, csv-nodes, csv-edges",
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
    const filter = await api.fetch(
      url(`format=jsonl&filter=${encodeURIComponent('{"types":["X"]}')}`),
    );
    expect(filter.status).toBe(400);
    const body = (await filter.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/^filter\.types\[0\]: .*"X" does not exist/);
  });
});
