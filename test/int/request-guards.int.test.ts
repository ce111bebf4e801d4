// The request guards, exactly: document limits counted by the GraphQL lexer (a quote in a
// comment cannot hide brackets), and a code and HTTP 400 for every limit.
import { defaultApiSettings, type ApiSettings } from '../../src/api/server';
import type { Graph } from '../../src/graph/driver';
import { createApi, loadSeeds, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

let graph: Graph;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
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
