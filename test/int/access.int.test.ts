// Access control and limits against the real Neo4j: API keys and roles, the rate limit, the
// query limits, the body limit over a real socket, time limits, and production mode.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createHttpServer } from '../../src/api/http';
import { defaultApiSettings, type ApiSettings } from '../../src/api/server';
import { defineQuery, Graph, type Graph as GraphType } from '../../src/graph/driver';
import { GraphError } from '../../src/graph/errors';
import { revokeApiKey } from '../../src/graph/api-keys';
import { CapturedLog } from '../support/captured-log';
import { createApi, createKey, gql, loadSeeds, wipe } from '../support/graph-fixtures';
import { testConfig, testGraph } from '../support/test-db';

let graph: GraphType;
let reader: string;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  reader = await createKey(graph, 'READER');
});

afterAll(async () => {
  await graph.close();
});

// Tests that make the API fail on purpose log here and assert on what it says.
const log = new CapturedLog();
afterEach(() => log.flush());

function settings(change: (s: ApiSettings) => void): ApiSettings {
  const s = defaultApiSettings();
  change(s);
  return s;
}

const ACTOR = '{ actor(id: "Actor:rt") { name } }';
type Errors = { errors?: { message: string; extensions?: { code?: string } }[] };

async function post(api: ReturnType<typeof createApi>, body: unknown, key?: string) {
  const res = await api.fetch('http://mediagraph.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Errors & { data?: unknown },
  };
}

describe('API keys', () => {
  test('a malformed, unknown or revoked key is refused with 401 UNAUTHENTICATED', async () => {
    const api = createApi(
      graph,
      settings((s) => (s.access.keyCacheMs = 0)),
    );
    const key = await createKey(graph, 'READER', 'to revoke');
    expect((await post(api, { query: ACTOR }, key)).body.data).toEqual({ actor: { name: 'RT' } });
    const id = key.split('_')[1]!;
    await revokeApiKey(graph, id);
    const unknown = `mg_0123456789abcdef_${'A'.repeat(43)}`;
    for (const bad of ['not-a-key', unknown, key, `${reader}x`]) {
      const r = await post(api, { query: ACTOR }, bad);
      expect({ bad, status: r.status, code: r.body.errors?.[0]?.extensions?.code }).toEqual({
        bad,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      // The key itself never comes back in an answer.
      expect(JSON.stringify(r.body)).not.toContain(bad.slice(-20));
    }
  });

  test('with READS_NEED_KEY, a query without a key gets 401; with a reader key it is answered', async () => {
    const api = createApi(
      graph,
      settings((s) => (s.access.readsNeedKey = true)),
    );
    const anonymous = await post(api, { query: ACTOR });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(api, { query: ACTOR }, reader)).body.data).toEqual({
      actor: { name: 'RT' },
    });
  });

  test('admins list and revoke keys; a revocation through the API takes effect at once', async () => {
    const api = createApi(graph); // keys cached for the default 5 s
    const admin = await createKey(graph, 'ADMIN', 'ops');
    const editor = await createKey(graph, 'EDITOR', 'leaked');
    const id = editor.split('_')[1]!;
    expect((await post(api, { query: ACTOR }, editor)).status).toBe(200); // now cached
    for (const key of [undefined, reader, editor]) {
      const r = await post(api, { query: '{ apiKeys { id } }' }, key);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const list = await post(api, { query: '{ apiKeys { id name role revokedAt } }' }, admin);
    expect((list.body.data as { apiKeys: unknown[] }).apiKeys).toContainEqual({
      id,
      name: 'leaked',
      role: 'EDITOR',
      revokedAt: null,
    });
    const revoked = await post(
      api,
      { query: `mutation { revokeApiKey(id: "${id}") { id revokedAt } }` },
      admin,
    );
    expect(
      (revoked.body.data as { revokeApiKey: { revokedAt: string } }).revokeApiKey.revokedAt,
    ).toMatch(/^\d{4}-/);
    expect((await post(api, { query: ACTOR }, editor)).status).toBe(401);
    const audit = await gql<{
      auditRecords: { edges: { node: { action: string; keyName: string } }[] };
    }>(
      api,
      `{ auditRecords(targetId: "ApiKey:${id}", first: 1) { edges { node { action keyName } } } }`,
    );
    expect(audit.data?.auditRecords.edges[0]?.node).toEqual({
      action: 'revokeApiKey',
      keyName: 'ops',
    });
  });

  test('keys are stored as hashes only', async () => {
    const rows = await graph.read(
      defineQuery(
        'testKeyProps',
        'MATCH (k:ApiKey) RETURN properties(k) AS p',
        z.object({ p: z.record(z.unknown()) }),
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { p } of rows) {
      expect(Object.keys(p).sort()).toEqual(
        ['createdAt', 'hash', 'id', 'name', 'revokedAt', 'role'].filter((k) => k in p),
      );
      expect(JSON.stringify(p)).not.toContain(reader.split('_')[2]);
    }
  });
});

test('the rate limit allows RATE_LIMIT_PER_MINUTE requests per key, then answers 429 with Retry-After', async () => {
  const api = createApi(
    graph,
    settings((s) => (s.access.ratePerMinute = 5)),
  );
  const other = await createKey(graph, 'READER', 'other client');
  for (let i = 0; i < 5; i++) expect((await post(api, { query: ACTOR }, reader)).status).toBe(200);
  const limited = await post(api, { query: ACTOR }, reader);
  expect(limited.status).toBe(429);
  expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  // Another key has its own allowance.
  expect((await post(api, { query: ACTOR }, other)).status).toBe(200);
});

describe('keys that are not good count against the address, before any lookup', () => {
  const UNKNOWN = (i: number) => `mg_${i.toString(16).padStart(16, '0')}_${'A'.repeat(43)}`;

  /** Runs `work` and counts the key lookups it made in Neo4j. */
  async function countLookups(work: () => Promise<void>): Promise<number> {
    const read = jest.spyOn(graph, 'read');
    try {
      await work();
      return read.mock.calls.filter(([query]) => query.name === 'apiKeyForAuth').length;
    } finally {
      read.mockRestore();
    }
  }

  test('past RATE_LIMIT_PER_MINUTE, unknown and malformed keys get 429 and no lookup', async () => {
    const api = createApi(
      graph,
      settings((s) => {
        s.access.ratePerMinute = 4;
        s.access.keyCacheMs = 0;
      }),
    );
    const answers: { status: number; code?: string }[] = [];
    const ask = async (key: string) => {
      const r = await post(api, { query: ACTOR }, key);
      answers.push({ status: r.status, code: r.body.errors?.[0]?.extensions?.code });
    };
    const lookups = await countLookups(async () => {
      for (let i = 0; i < 3; i++) await ask(UNKNOWN(i));
      await ask('not-a-key');
      // The allowance is spent: neither kind of bad key gets further.
      for (let i = 3; i < 6; i++) await ask(UNKNOWN(i));
      await ask('not-a-key');
    });
    const unauthenticated = { status: 401, code: 'UNAUTHENTICATED' };
    const limited = { status: 429, code: 'RATE_LIMITED' };
    expect(answers).toEqual([...Array(4).fill(unauthenticated), ...Array(4).fill(limited)]);
    expect(lookups).toBe(3);
    // And the address has spent its requests without a key too.
    expect((await post(api, { query: ACTOR })).status).toBe(429);
  });

  test('a good key keeps its own allowance while bad keys from its address are refused', async () => {
    const api = createApi(
      graph,
      settings((s) => (s.access.ratePerMinute = 3)),
    );
    const mine = await createKey(graph, 'READER', 'busy neighbour');
    // Checked once, then cached.
    expect((await post(api, { query: ACTOR }, mine)).status).toBe(200);
    const bad: number[] = [];
    for (let i = 0; i < 4; i++) bad.push((await post(api, { query: ACTOR }, UNKNOWN(i))).status);
    expect(bad).toEqual([401, 401, 401, 429]);
    expect((await post(api, { query: ACTOR }, mine)).status).toBe(200);
  });

  test("a good key's lookups do not spend its address's allowance", async () => {
    const api = createApi(
      graph,
      settings((s) => {
        s.access.ratePerMinute = 2;
        s.access.keyCacheMs = 0;
      }),
    );
    const keys = [await createKey(graph, 'READER', 'a'), await createKey(graph, 'READER', 'b')];
    const statuses: number[] = [];
    const lookups = await countLookups(async () => {
      for (const key of [...keys, ...keys]) {
        statuses.push((await post(api, { query: ACTOR }, key)).status);
      }
    });
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(lookups).toBe(4);
    // The address has both its requests left.
    expect((await post(api, { query: ACTOR })).status).toBe(200);
    expect((await post(api, { query: ACTOR })).status).toBe(200);
    expect((await post(api, { query: ACTOR })).status).toBe(429);
  });
});

describe('query limits', () => {
  const api = () => createApi(graph);
  const nested = (depth: number) => {
    let q = 'id';
    for (let i = 0; i < depth; i++) q = `respondsTo { ${q} }`;
    return `{ event(id: "Event:kremlin-regrets-ad-ban") { ${q} } }`;
  };

  test.each([
    ['depth', nested(12), /depth/i],
    [
      'aliases',
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: actor(id: "Actor:rt") { name }`).join(' ')} }`,
      /aliases/i,
    ],
    ['tokens', `{ ${'__typename '.repeat(2100)} }`, /token/i],
    ['directives', `{ __typename ${'@include(if: true) '.repeat(12)} }`, /directive/i],
  ])('a query over the %s limit is refused before it runs', async (_, query, message) => {
    const read = jest.spyOn(graph, 'read');
    try {
      const r = await post(api(), { query });
      expect(r.body.data ?? null).toBeNull();
      expect(r.body.errors?.[0]?.message).toMatch(message);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  test('a query over the cost limit is refused; a cheaper one is answered', async () => {
    const cheap = createApi(
      graph,
      settings((s) => (s.limits.maxCost = 50)),
    );
    const r = await post(cheap, { query: nested(5) });
    expect(r.body.errors?.[0]?.message).toMatch(/cost limit of 50 exceeded/i);
    expect((await post(cheap, { query: ACTOR })).body.data).toEqual({ actor: { name: 'RT' } });
  });

  test('a query within the limits, as deep as an analyst asks, is answered', async () => {
    const r = await post(api(), { query: nested(6) });
    expect(r.body.errors).toBeUndefined();
  });

  test('a batch of operations is refused', async () => {
    const r = await post(api(), [{ query: ACTOR }, { query: ACTOR }]);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.data).toBeUndefined();
  });

  test('page sizes over 100 are refused', async () => {
    const r = await gql(api(), '{ events(first: 101) { totalCount } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('over a real socket', () => {
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const limits = { ...defaultApiSettings().limits, maxBodyBytes: 1000 };
    const server = createHttpServer(createApi(graph), limits);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  test('a body over MAX_BODY_BYTES gets 413 before it is read', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ACTOR, variables: { pad: 'x'.repeat(2000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Errors).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a body without a length (chunked) gets 411; a small one is answered', async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(JSON.stringify({ query: ACTOR })));
        c.close();
      },
    });
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ACTOR }),
    });
    expect(await ok.json()).toEqual({ data: { actor: { name: 'RT' } } });
  });
});

describe('time limits', () => {
  test('a Neo4j transaction past QUERY_TIMEOUT_MS is stopped by Neo4j and reported as QUERY_TIMEOUT', async () => {
    const c = testConfig();
    const quick = new Graph({ ...c.neo4j, timeoutMs: 300 });
    try {
      const slow = defineQuery(
        'testSlow',
        'UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN count(*) AS n',
        z.object({ n: z.number() }),
      );
      const t0 = Date.now();
      const error = await quick.read(slow).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphError);
      expect((error as GraphError).failure).toBe('QUERY_TIMEOUT');
      expect(Date.now() - t0).toBeLessThan(10_000);
    } finally {
      await quick.close();
    }
  });

  test('a request past its time limit is answered with QUERY_TIMEOUT', async () => {
    const api = createApi(
      graph,
      settings((s) => (s.queryTimeoutMs = 200)),
      log.logger(),
    );
    const original = graph.read.bind(graph);
    const read = jest.spyOn(graph, 'read').mockImplementation(async (q, p) => {
      await new Promise((r) => setTimeout(r, 1000));
      return original(q, p);
    });
    try {
      const r = await post(api, { query: ACTOR });
      expect(r.body.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
      // A timeout is a failure of ours, not a refusal: a warning, on one line.
      expect(log.takeTexts(/./)).toEqual([
        'warn WARN failed POST /graphql 200 QUERY_TIMEOUT "The request took longer than its time limit of 200 ms."',
      ]);
    } finally {
      read.mockRestore();
    }
  });
});

describe('production mode', () => {
  const api = () =>
    createApi(
      graph,
      settings((s) => (s.production = true)),
      log.logger(),
    );

  test('no introspection and no field suggestions', async () => {
    const intro = await post(api(), { query: '{ __schema { types { name } } }' });
    expect(intro.body.data ?? null).toBeNull();
    expect(intro.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await post(api(), { query: '{ actr(id: "Actor:rt") { name } }' });
    expect(typo.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
    // Development mode helps with the same typo.
    const dev = await post(createApi(graph), { query: '{ actr(id: "Actor:rt") { name } }' });
    expect(dev.body.errors?.[0]?.message).toMatch(/did you mean "actor"/i);
  });

  test('no GraphiQL', async () => {
    const res = await api().fetch('http://mediagraph.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(await res.text()).not.toMatch(/graphiql/i);
  });

  test('unexpected errors are masked: no message, stack or Cypher reaches the client', async () => {
    const read = jest
      .spyOn(graph, 'read')
      .mockRejectedValue(new Error('MATCH (secret:Cypher) failed at driver.ts:42'));
    try {
      const r = await post(api(), { query: ACTOR });
      expect(r.body.errors).toEqual([
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 3 }],
          path: ['actor'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      // The operator's log keeps what the client was not told, as an error.
      expect(log.take(/./).map((l) => [l.level, l.text])).toEqual([
        [
          'error',
          expect.stringMatching(/^ERR \w*Error: MATCH \(secret:Cypher\) failed at driver.ts:42$/),
        ],
      ]);
    } finally {
      read.mockRestore();
    }
  });
});
