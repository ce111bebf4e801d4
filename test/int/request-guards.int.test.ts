// The request guards, exactly: document limits counted by the GraphQL lexer (a quote in a
// comment cannot hide brackets), a code and HTTP 400 for every limit, a JSON body for every
// 4xx (yoga's and node:http's too), slow clients cut when docs/security.md says, and one log
// line at info level for each refused request.
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { createHttpServer, RECEIVE_LIMIT, type ReceiveLimit } from '../../src/api/http';
import { createApiLogger, type LogSink } from '../../src/api/log';
import { defaultApiSettings, type ApiSettings } from '../../src/api/server';
import type { Graph } from '../../src/graph/driver';
import { createApi, createKey, loadSeeds, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

let graph: Graph;
let editor: string;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  editor = await createKey(graph, 'EDITOR', 'guards editor');
});

afterAll(async () => {
  await graph.close();
});

const production = (): ApiSettings => ({ ...defaultApiSettings(), production: true });

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function post(
  api: ReturnType<typeof createApi>,
  query: string,
  opts: { accept?: string; key?: string; contentType?: string } = {},
) {
  const res = await api.fetch('http://mediagraph.test/graphql', {
    method: 'POST',
    headers: {
      accept: opts.accept ?? GRAPHQL_RESPONSE,
      'content-type': opts.contentType ?? 'application/json',
      ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}),
    },
    body: opts.contentType ? query : JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, body: parse(text) };
}

function parse(text: string): Body | null {
  try {
    return JSON.parse(text) as Body;
  } catch {
    return null;
  }
}

const deepList = (n: number) => `${'['.repeat(n)}"x"${']'.repeat(n)}`;
const nestedEvents = (depth: number) => {
  let q = 'id';
  for (let i = 0; i < depth; i++) q = `respondsTo { ${q} }`;
  return `{ event(id: "Event:kremlin-regrets-ad-ban") { ${q} } }`;
};

describe('nesting and tokens are counted as the GraphQL lexer reads the document', () => {
  test.each([
    ['a quote in a comment', `# "\n{ search(query: ${deepList(5000)}) { score } }`],
    [
      'a lone quote in a block string',
      `{ a: search(query: """ " """) { score } b: search(query: ${deepList(5000)}) { score } }`,
    ],
    ['a quote in a comment, deep selections', `# "\n${'{ a '.repeat(3000)}${'}'.repeat(3000)}`],
  ])('%s hides no brackets: 400 TOO_NESTED in production mode', async (_, query) => {
    const r = await post(createApi(graph, production()), query);
    expect({ status: r.status, code: r.body?.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code: 'TOO_NESTED',
    });
  });

  test('comments are not tokens: a long comment before a small query is answered', async () => {
    const comment = `# ${'word '.repeat(5000)}\n`;
    const r = await post(createApi(graph), `${comment}{ actor(id: "Actor:rt") { name } }`);
    expect(r.body).toEqual({ data: { actor: { name: 'RT' } } });
  });
});

describe('every limit refuses with its code, and 400 for application/graphql-response+json', () => {
  const aliases = (field: string, n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  const cheap = () => ({ ...production(), limits: { ...production().limits, maxCost: 50 } });
  test.each([
    [
      'depth',
      nestedEvents(12),
      'QUERY_TOO_DEEP',
      /^Query depth limit of 10 exceeded, found \d+\.$/,
    ],
    [
      'cost',
      nestedEvents(5),
      'QUERY_TOO_COMPLEX',
      /^Query Cost limit of 50 exceeded, found [\d.]+\.$/,
    ],
    [
      'aliases',
      aliases('actor(id: "Actor:rt") { name }', 16),
      'TOO_MANY_ALIASES',
      /^Aliases limit of 15 exceeded, found 16\.$/,
    ],
    ['aliases of __typename', aliases('__typename', 16), 'TOO_MANY_ALIASES', /found 16\.$/],
    [
      'directives',
      `{ __typename ${'@skip(if: false) '.repeat(11)} }`,
      'TOO_MANY_DIRECTIVES',
      /^Directives limit of 10 exceeded, found 11\.$/,
    ],
    [
      'tokens',
      `{ ${'__typename '.repeat(2001)} }`,
      'TOO_MANY_TOKENS',
      /^The document has more than 2000 tokens\.$/,
    ],
    [
      'nesting',
      `{ search(query: ${deepList(99)}) { score } }`,
      'TOO_NESTED',
      /^The document nests brackets deeper than 100 levels\.$/,
    ],
  ])('%s', async (limit, query, code, message) => {
    const api = createApi(graph, limit === 'cost' ? cheap() : production());
    const r = await post(api, query);
    const refusal = r.body?.errors?.find((e) => e.extensions?.code === code);
    expect({ status: r.status, data: r.body?.data, code: refusal?.extensions?.code }).toEqual({
      status: 400,
      data: undefined,
      code,
    });
    expect(refusal?.message).toMatch(message);
    // A plain application/json client gets the same error with 200, as the GraphQL-over-HTTP
    // spec asks for a request error.
    const plain = await post(api, query, { accept: 'application/json' });
    expect({
      status: plain.status,
      codes: plain.body?.errors?.map((e) => e.extensions?.code),
    }).toEqual({ status: 200, codes: expect.arrayContaining([code]) });
  });

  test('just within each limit, the query is answered', async () => {
    const api = createApi(graph);
    const r = await post(
      api,
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    );
    expect(r.body?.errors).toBeUndefined();
    // { ( and 98 [ : 100 levels.
    const deep = await post(api, `{ search(query: ${deepList(98)}) { score } }`);
    // The list is not a string, but it was parsed: the refusal is the schema's, not a limit's.
    expect(deep.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('every 4xx answers with the JSON error', () => {
  test.each([
    [
      'POST text/plain',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' },
      '/graphql',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'POST octet-stream',
      { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'x' },
      '/graphql',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'POST without a content type',
      { method: 'POST', body: new Uint8Array([123, 125]) },
      '/graphql',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['GET of an unknown path', { method: 'GET' }, '/nowhere', 404, 'NOT_FOUND'],
    [
      'an answer the client does not accept',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'image/png' },
        body: '{"query":"{ __typename }"}',
      },
      '/graphql',
      406,
      'NOT_ACCEPTABLE',
    ],
    ['PUT', { method: 'PUT', body: 'x' }, '/graphql', 405, 'BAD_REQUEST'],
  ] as const)('%s', async (_, init, path, status, code) => {
    const res = await createApi(graph, production()).fetch(`http://mediagraph.test${path}`, init);
    const body = parse(await res.text());
    expect({ status: res.status, code: body?.errors?.[0]?.extensions?.code }).toEqual({
      status,
      code,
    });
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(body?.errors?.[0]?.message.length).toBeGreaterThan(10);
  });
});

/**
 * What a raw socket gets back for `chunks`, written `everyMs` apart until the server answers; it
 * resolves when the server closes the connection.
 */
function exchange(
  port: number,
  chunks: string[],
  everyMs = 0,
): Promise<{ status: number; body: Body | null; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
    // A write racing the server's close may be reset; what was received is judged below.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
        body: parse(body),
        closed: true,
      });
    });
    const rest = [...chunks];
    const next = () => {
      const chunk = rest.shift();
      if (chunk === undefined || socket.destroyed || received) return;
      socket.write(chunk);
      timer = setTimeout(next, everyMs);
    };
    socket.on('connect', next);
  });
}

async function listen(receive?: ReceiveLimit, logger?: ReturnType<typeof createApiLogger>) {
  const settings = defaultApiSettings();
  const server = createHttpServer(createApi(graph, settings, logger), settings.limits, receive);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('what node:http refuses by itself answers with the JSON error too', () => {
  test('a request line and headers over 16 KB: 431 HEADERS_TOO_LARGE', async () => {
    const { port, close } = await listen();
    try {
      const url = `/graphql?query=${encodeURIComponent(`{ search(query: "${'x'.repeat(20_000)}") { score } }`)}`;
      const r = await exchange(port, [`GET ${url} HTTP/1.1\r\nHost: mediagraph.test\r\n\r\n`]);
      expect({ status: r.status, code: r.body?.errors?.[0]?.extensions?.code }).toEqual({
        status: 431,
        code: 'HEADERS_TOO_LARGE',
      });
    } finally {
      await close();
    }
  });

  test('bytes that are not HTTP: 400 BAD_REQUEST', async () => {
    const { port, close } = await listen();
    try {
      const r = await exchange(port, ['HELLO mediagraph\r\n\r\n']);
      expect({ status: r.status, code: r.body?.errors?.[0]?.extensions?.code }).toEqual({
        status: 400,
        code: 'BAD_REQUEST',
      });
    } finally {
      await close();
    }
  });
});

describe('slow clients', () => {
  test('are cut when docs/security.md says: 30 s to send a request, checked every second', async () => {
    const { server, close } = await listen();
    try {
      expect(RECEIVE_LIMIT).toEqual({ receiveMs: 30_000, checkEveryMs: 1_000 });
      expect({
        requestTimeout: server.requestTimeout,
        headersTimeout: server.headersTimeout,
        // node:http compares clients with their deadline this often: the cut comes at most
        // this late. Its own default, 30 s, cut slow clients at up to 60 s.
        connectionsCheckingInterval: (server as unknown as { connectionsCheckingInterval: number })
          .connectionsCheckingInterval,
      }).toEqual({
        requestTimeout: 30_000,
        headersTimeout: 30_000,
        connectionsCheckingInterval: 1_000,
      });
    } finally {
      await close();
    }
  });

  // The same server with a short limit: a client that keeps sending, too slowly, is answered 408
  // and closed, whether it is still in its headers or in its body.
  test.each([
    [
      'headers',
      ['POST /graphql HTTP/1.1\r\nHost: mediagraph.test\r\nX-Slow: ', ...'a'.repeat(2000)],
    ],
    [
      'body',
      [
        'POST /graphql HTTP/1.1\r\nHost: mediagraph.test\r\ncontent-type: application/json\r\ncontent-length: 2000\r\n\r\n',
        ...' '.repeat(2000),
      ],
    ],
  ])('one still sending its %s is answered 408 REQUEST_TIMEOUT and closed', async (_, chunks) => {
    const { port, close } = await listen({ receiveMs: 300, checkEveryMs: 50 });
    try {
      const r = await exchange(port, chunks, 20);
      expect(r).toEqual({
        status: 408,
        body: {
          errors: [
            {
              message: 'The request was not received in time: it was closed.',
              extensions: { code: 'REQUEST_TIMEOUT' },
            },
          ],
        },
        closed: true,
      });
    } finally {
      await close();
    }
  });
});

describe('the log', () => {
  /** A logger at info level whose lines are kept, with the level each was written at. */
  function collector() {
    const lines: { level: string; args: unknown[] }[] = [];
    const sink: LogSink = {
      debug: (...args: unknown[]) => lines.push({ level: 'debug', args }),
      info: (...args: unknown[]) => lines.push({ level: 'info', args }),
      warn: (...args: unknown[]) => lines.push({ level: 'warn', args }),
      error: (...args: unknown[]) => lines.push({ level: 'error', args }),
    };
    return { lines, logger: createApiLogger('info', sink) };
  }

  const INGEST =
    'mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }';

  test.each([
    ['a limit', `# "\n{ search(query: ${deepList(5000)}) { score } }`, {}, 'TOO_NESTED'],
    ['the depth limit', nestedEvents(12), {}, 'QUERY_TOO_DEEP'],
    ['a malformed key', '{ __typename }', { key: 'not-a-key' }, 'UNAUTHENTICATED'],
    [
      'a mutation without a key',
      'mutation { setEventReview(eventId: "Event:x", status: VERIFIED) { id } }',
      {},
      'FORBIDDEN',
    ],
    ['a bad argument', '{ events(first: 101) { totalCount } }', {}, 'BAD_USER_INPUT'],
    [
      'a write to an event that does not exist',
      'mutation { setEventReview(eventId: "Event:no-such-event", status: VERIFIED) { id } }',
      { editor: true },
      'NOT_FOUND',
    ],
    [
      'an annotation that is not valid',
      JSON.stringify({
        query: INGEST,
        variables: { input: { text: 'x', annotation: { formatVersion: 1 } } },
      }),
      { editor: true, raw: true },
      'BAD_USER_INPUT',
    ],
    [
      'a body of a type the API does not read',
      '{ __typename }',
      { contentType: 'text/plain' },
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ] as const)('%s is one line at info level, with no stack', async (_, query, opts, code) => {
    const { lines, logger } = collector();
    const api = createApi(graph, production(), logger);
    const o = opts as { key?: string; editor?: boolean; raw?: boolean; contentType?: string };
    const r = await post(api, query, {
      key: o.editor ? editor : o.key,
      contentType: o.contentType ?? (o.raw ? 'application/json' : undefined),
    });
    expect(r.body?.errors?.[0]?.extensions?.code).toBe(code);
    expect(lines.map((l) => l.level)).toEqual(['info']);
    expect(lines[0]!.args).toEqual([
      'INFO',
      expect.stringMatching(new RegExp(`^refused POST /graphql \\d{3} ${code} "`)),
    ]);
    expect(String(lines[0]!.args[1])).not.toContain('\n');
  });

  test('a refusal by node:http is one line at info level', async () => {
    const { lines, logger } = collector();
    const { port, close } = await listen(undefined, logger);
    try {
      await exchange(port, [`GET /graphql?${'q'.repeat(20_000)} HTTP/1.1\r\n\r\n`]);
      expect(lines.map((l) => [l.level, ...l.args])).toEqual([
        ['info', 'INFO', expect.stringMatching(/^refused 431 HEADERS_TOO_LARGE "/)],
      ]);
    } finally {
      await close();
    }
  });

  test('an unexpected error is still logged at error level, with its stack', async () => {
    const { lines, logger } = collector();
    const api = createApi(graph, production(), logger);
    const read = jest.spyOn(graph, 'read').mockRejectedValue(new Error('driver.ts:42 broke'));
    try {
      const r = await post(api, '{ actor(id: "Actor:rt") { name } }');
      expect(r.body?.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      read.mockRestore();
    }
    expect(lines.map((l) => l.level)).toEqual(['error']);
    const logged = lines[0]!.args[1] as Error;
    expect(logged.stack).toMatch(/driver\.ts:42 broke\n\s+at /);
  });
});
