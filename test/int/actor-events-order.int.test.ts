// An actor's events read through the role order index (src/graph/role-order.ts) against the same
// events read the old way: every role relationship expanded, each event's date read and sorted.
// Both must agree on every page, in both directions, with cursors, roles and filters, including
// events of unknown date and an event where the actor holds two roles; and they must still agree
// after an analyst changes a date or a participant and after two events are merged.
import { z } from 'zod';
import type { Api } from '../../src/api/server';
import { loadConfig } from '../../src/config';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { ROLE_ORDER_VERSION, stampAllRoles } from '../../src/graph/stamp-roles';
import { PARTICIPANT_ROLES } from '../../src/ontology';
import { createApi, createKey, gqlData, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

let graph: Graph;
let api: Api;
let editor: string;

const TEXT = 'RT and TASS met the court.';
const span = (s: string) => {
  const start = TEXT.indexOf(s);
  return { start, end: start + s.length, text: s };
};
const ACTORS = [
  { id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', evidence: [span('RT')] },
  { id: 'tass', name: 'TASS', kind: 'MEDIA_OUTLET', evidence: [span('TASS')] },
  { id: 'court', name: 'court', kind: 'GOVERNMENT_BODY', evidence: [span('court')] },
];

interface Spec {
  id: string;
  type: string;
  date: string | null;
  roles: [string, string][];
}

// Ties on a date, unknown dates, all five roles, and rt holding two roles in ev-d.
const EVENTS: Spec[] = [
  { id: 'ev-a', type: 'STATEMENT', date: '2017-10-27', roles: [['rt', 'AGENT']] },
  { id: 'ev-b', type: 'STATEMENT', date: '2017-10-27', roles: [['rt', 'TARGET']] },
  { id: 'ev-c', type: 'CRITICISM', date: '2016-01-05', roles: [['rt', 'BENEFICIARY']] },
  {
    id: 'ev-d',
    type: 'STATEMENT',
    date: '2018-03-01',
    roles: [
      ['rt', 'AGENT'],
      ['rt', 'TARGET'],
      ['tass', 'AGENT'],
    ],
  },
  { id: 'ev-e', type: 'STATEMENT', date: null, roles: [['rt', 'FUNDS_SOURCE']] },
  { id: 'ev-f', type: 'CRITICISM', date: null, roles: [['rt', 'ON_BEHALF_OF']] },
  { id: 'ev-g', type: 'STATEMENT', date: '2019-07-07', roles: [['tass', 'AGENT']] },
  { id: 'ev-h', type: 'STATEMENT', date: '2016-01-05', roles: [['rt', 'AGENT']] },
  {
    id: 'ev-i',
    type: 'STATEMENT',
    date: '2017-10-27',
    roles: [
      ['court', 'AGENT'],
      ['rt', 'TARGET'],
    ],
  },
];

function annotation(articleId: string, events: Spec[]) {
  return {
    formatVersion: 1,
    article: {
      id: articleId,
      textFile: 'x.txt',
      publisherId: 'rt',
      dateline: 'none',
      publishedOn: '2020-01-01',
    },
    actors: ACTORS,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      summary: TEXT,
      ...(e.date ? { occurredOn: e.date, datePrecision: 'DAY' } : { datePrecision: 'UNKNOWN' }),
      modality: 'ASSERTED',
      confidence: 0.5,
      participants: e.roles.map(([actorId, role]) => ({
        actorId,
        role,
        evidence: [span(ACTORS.find((a) => a.id === actorId)!.name)],
      })),
      evidence: [{ start: 0, end: TEXT.length, text: TEXT }],
    })),
  };
}

async function ingest(articleId: string, events: Spec[]): Promise<void> {
  await gqlData(
    api,
    'mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { created } }',
    { input: { text: TEXT, annotation: annotation(articleId, events) } },
    editor,
  );
}

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  // Walking every page of every filter asks far more than the 600 a minute one client may.
  api = createApi(graph, loadConfig({ LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' }));
  editor = await createKey(graph, 'EDITOR');
  await ingest('order-article-1', EVENTS.slice(0, 6));
  await ingest('order-article-2', EVENTS.slice(6));
});

afterAll(async () => {
  await graph.close();
});

// The old access path, kept here as the reference: expand, DISTINCT, read the date, sort.
const reference = defineQuery(
  'testActorEventsReference',
  `MATCH (:Actor {id: $actorId})<-[x]-(e:Event)
   WHERE type(x) IN $roles
     AND ($types IS NULL OR e.type IN $types)
     AND ($from IS NULL OR e.occurredOn >= date($from))
     AND ($to IS NULL OR e.occurredOn <= date($to))
   WITH DISTINCT e
   WITH e, coalesce(e.occurredOn, date($unknown)) AS k
   ORDER BY CASE WHEN $asc THEN k END ASC, CASE WHEN $asc THEN null ELSE k END DESC, e.id ASC
   RETURN e.id AS id`,
  z.object({ id: z.string() }),
);

interface Read {
  actorId: string;
  direction: 'ASC' | 'DESC';
  role?: string;
  types?: string[];
  from?: string;
  to?: string;
}

async function expected(r: Read): Promise<string[]> {
  const rows = await graph.read(reference, {
    actorId: r.actorId,
    roles: r.role ? [r.role] : [...PARTICIPANT_ROLES],
    types: r.types ?? null,
    from: r.from ?? null,
    to: r.to ?? null,
    asc: r.direction === 'ASC',
    unknown: r.direction === 'ASC' ? '9999-12-31' : '0001-01-01',
  });
  return rows.map((x) => `Event:${x.id}`);
}

const page = z.object({
  totalCount: z.number(),
  edges: z.array(z.object({ node: z.object({ id: z.string() }) })),
  pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
});

/** Every page of `first` through Actor.events, and then through events(filter: {actorId}). */
async function walk(r: Read, first: number): Promise<{ ids: string[]; counts: number[] }[]> {
  const filter = {
    ...(r.types ? { types: r.types } : {}),
    ...(r.from ? { occurredFrom: r.from } : {}),
    ...(r.to ? { occurredTo: r.to } : {}),
  };
  const orderBy = r.direction === 'ASC' ? 'OCCURRED_ON_ASC' : 'OCCURRED_ON_DESC';
  const fields = `totalCount edges { node { id } } pageInfo { endCursor hasNextPage }`;
  const ways = [
    async (after: string | null) =>
      page.parse(
        (
          await gqlData<{ actor: { events: unknown } }>(
            api,
            `query ($id: ID!, $f: EventFilter, $o: EventOrder, $n: Int, $c: String) {
              actor(id: $id) { events(filter: $f, orderBy: $o, first: $n, after: $c) { ${fields} } } }`,
            {
              id: `Actor:${r.actorId}`,
              f: { ...filter, ...(r.role ? { role: r.role } : {}) },
              o: orderBy,
              n: first,
              c: after,
            },
          )
        ).actor.events,
      ),
    async (after: string | null) =>
      page.parse(
        (
          await gqlData<{ events: unknown }>(
            api,
            `query ($f: EventFilter, $o: EventOrder, $n: Int, $c: String) {
              events(filter: $f, orderBy: $o, first: $n, after: $c) { ${fields} } }`,
            {
              f: { ...filter, actorId: `Actor:${r.actorId}`, ...(r.role ? { role: r.role } : {}) },
              o: orderBy,
              n: first,
              c: after,
            },
          )
        ).events,
      ),
  ];
  const out: { ids: string[]; counts: number[] }[] = [];
  for (const read of ways) {
    const ids: string[] = [];
    const counts: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const p = await read(after);
      ids.push(...p.edges.map((e) => e.node.id));
      counts.push(p.totalCount);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    out.push({ ids, counts });
  }
  return out;
}

async function agree(r: Read): Promise<string[]> {
  const want = await expected(r);
  for (const first of [1, 2, 20]) {
    for (const got of await walk(r, first)) {
      expect(got.ids).toEqual(want);
      expect(new Set(got.counts)).toEqual(new Set([want.length]));
    }
  }
  return want;
}

const READS: Read[] = [
  { actorId: 'rt', direction: 'ASC' },
  { actorId: 'rt', direction: 'DESC' },
  { actorId: 'rt', direction: 'ASC', role: 'TARGET' },
  { actorId: 'rt', direction: 'DESC', role: 'AGENT' },
  { actorId: 'rt', direction: 'ASC', types: ['STATEMENT'] },
  { actorId: 'rt', direction: 'DESC', from: '2016-01-05', to: '2017-10-27' },
  { actorId: 'rt', direction: 'ASC', from: '2017-10-27', to: '2019-12-31', types: ['STATEMENT'] },
  { actorId: 'tass', direction: 'DESC' },
  { actorId: 'court', direction: 'ASC' },
];

test.each(READS)('pages agree with the expand-and-sort reading: %j', async (r) => {
  await agree(r);
});

test('the pages are what the data says: unknown dates last, ties by id, ev-d once', async () => {
  expect(await agree({ actorId: 'rt', direction: 'ASC' })).toEqual(
    ['ev-c', 'ev-h', 'ev-a', 'ev-b', 'ev-i', 'ev-d', 'ev-e', 'ev-f'].map((id) => `Event:${id}`),
  );
  expect(await agree({ actorId: 'rt', direction: 'DESC' })).toEqual(
    ['ev-d', 'ev-a', 'ev-b', 'ev-i', 'ev-c', 'ev-h', 'ev-e', 'ev-f'].map((id) => `Event:${id}`),
  );
});

const mutate = (query: string, variables: Record<string, unknown>) =>
  gqlData(api, query, variables, editor);

test('a corrected date moves the event in its actors pages', async () => {
  await mutate(
    'mutation ($id: ID!, $c: EventCorrection!) { correctEvent(eventId: $id, correction: $c) { id } }',
    { id: 'Event:ev-h', c: { occurredOn: '2020-02-02' } },
  );
  await mutate(
    'mutation ($id: ID!, $c: EventCorrection!) { correctEvent(eventId: $id, correction: $c) { id } }',
    { id: 'Event:ev-e', c: { occurredOn: '2015-05-05' } },
  );
  expect(await agree({ actorId: 'rt', direction: 'ASC' })).toEqual(
    ['ev-e', 'ev-c', 'ev-a', 'ev-b', 'ev-i', 'ev-d', 'ev-h', 'ev-f'].map((id) => `Event:${id}`),
  );
  for (const r of READS) await agree(r);
});

test('added and removed participants, and a second role, are counted once', async () => {
  const edge = (op: string) =>
    `mutation ($e: ID!, $a: ID!, $r: ParticipantRole!) { ${op}(eventId: $e, actorId: $a, role: $r) { id } }`;
  await mutate(edge('addParticipant'), { e: 'Event:ev-g', a: 'Actor:rt', r: 'ON_BEHALF_OF' });
  await mutate(edge('addParticipant'), { e: 'Event:ev-a', a: 'Actor:rt', r: 'BENEFICIARY' });
  await mutate(edge('removeParticipant'), { e: 'Event:ev-d', a: 'Actor:rt', r: 'AGENT' });
  const all = await agree({ actorId: 'rt', direction: 'DESC' });
  expect(all).toContain('Event:ev-g');
  expect(all).toContain('Event:ev-d');
  expect(all.filter((id) => id === 'Event:ev-a')).toHaveLength(1);
  for (const r of READS) await agree(r);
});

test('a merge moves the merged event into the kept one in every page', async () => {
  // ev-c (CRITICISM, 2016-01-05, rt BENEFICIARY) goes into ev-f (CRITICISM, date unknown).
  await mutate('mutation ($k: ID!, $m: ID!) { mergeEvents(keepId: $k, mergeId: $m) { id } }', {
    k: 'Event:ev-f',
    m: 'Event:ev-c',
  });
  const asc = await agree({ actorId: 'rt', direction: 'ASC' });
  expect(asc).not.toContain('Event:ev-c');
  expect(asc[asc.length - 1]).toBe('Event:ev-f');
  for (const r of READS) await agree(r);
});

const stripStamps = defineQuery(
  'testStripRoleOrder',
  `MATCH ()-[r]->() WHERE r.actorId IS NOT NULL
   REMOVE r.actorId, r.orderAsc, r.orderDesc, r.repeatOf
   WITH count(r) AS n
   OPTIONAL MATCH (m:SchemaMarker {name: 'roleOrder'})
   DETACH DELETE m
   RETURN n`,
  z.object({ n: z.number() }),
);

test('the migration stamps a database written before the stamps, once', async () => {
  const [stripped] = await graph.write(stripStamps);
  expect(stripped!.n).toBeGreaterThan(10);
  expect(await stampAllRoles(graph, 3)).toBe(stripped!.n);
  // The marker records the run: a second start writes nothing and reads no event.
  expect(await stampAllRoles(graph, 3)).toBe(0);
  const [marker] = await graph.read(
    defineQuery(
      'testRoleOrderMarker',
      `MATCH (m:SchemaMarker {name: 'roleOrder'}) RETURN m.version AS version`,
      z.object({ version: z.number() }),
    ),
  );
  expect(marker!.version).toBe(ROLE_ORDER_VERSION);
  for (const r of READS) await agree(r);
});
