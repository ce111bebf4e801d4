// The request guards, exactly: document limits counted by the GraphQL lexer (a quote in a
// comment cannot hide brackets).
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
