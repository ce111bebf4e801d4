// With Neo4j out of reach the API still answers: /ready says 503 and queries get a typed
// DATABASE_UNAVAILABLE error instead of a masked one.
import { Graph } from '../../src/graph/driver';
import { freeLoopbackPort } from '../../src/local-neo4j/server';
import { CapturedLog } from '../support/captured-log';
import { createApi, gql } from '../support/graph-fixtures';

const log = new CapturedLog();
afterEach(() => log.flush());

test('/ready is 503 and queries say DATABASE_UNAVAILABLE while Neo4j cannot be reached', async () => {
  const graph = new Graph({
    uri: `bolt://127.0.0.1:${await freeLoopbackPort()}`,
    user: 'neo4j',
    password: 'irrelevant',
    database: 'neo4j',
    timeoutMs: 1000,
    retryTimeMs: 500,
  });
  try {
    const api = createApi(graph, undefined, log.logger());
    expect((await api.fetch('http://mediagraph.test/health')).status).toBe(200);
    expect((await api.fetch('http://mediagraph.test/ready')).status).toBe(503);
    const r = await gql(api, '{ actor(id: "Actor:twitter") { name } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(r.errors?.[0]?.message).toBe('The graph database cannot be reached.');
    // The operator is told once, as a warning: a failure of ours, not a refused request.
    expect(log.takeTexts(/./)).toEqual([
      'warn WARN failed POST /graphql 200 DATABASE_UNAVAILABLE "The graph database cannot be reached."',
    ]);
  } finally {
    await graph.close();
  }
});
