// Where the database tests find their Neo4j: their own local instance (own ports, own data
// folder, so the data of `npm start` is never touched), or NEO4J_URI when it is set.
import { loadConfig, type Config } from '../../src/config';
import { Graph } from '../../src/graph/driver';

// TEST_NEO4J_BOLT_PORT and TEST_NEO4J_HTTP_PORT let two checkouts run their tests side by side.
// TEST_NEO4J_SCHEME=neo4j connects with a routing driver, as to a cluster: routing tables and the
// choice of a member by access mode are then tested too. A write sent as a read fails either
// way, as the driver sends the mode with every BEGIN and even a single server enforces it.
export const TEST_NEO4J = {
  home: 'var/neo4j-test',
  boltPort: Number(process.env.TEST_NEO4J_BOLT_PORT ?? 17687),
  httpPort: Number(process.env.TEST_NEO4J_HTTP_PORT ?? 17474),
  password: 'mediagraph-test',
  scheme: process.env.TEST_NEO4J_SCHEME ?? 'bolt',
};

/** The configuration the database tests use (also passed to the CLI in end-to-end tests). */
export function testEnv(): NodeJS.ProcessEnv {
  if (process.env.NEO4J_URI) return { ...process.env };
  return {
    ...process.env,
    NEO4J_HOME: TEST_NEO4J.home,
    NEO4J_BOLT_PORT: String(TEST_NEO4J.boltPort),
    NEO4J_HTTP_PORT: String(TEST_NEO4J.httpPort),
    NEO4J_LOCAL_SCHEME: TEST_NEO4J.scheme,
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: TEST_NEO4J.password,
    NEO4J_HEAP: '768m',
    NEO4J_PAGECACHE: '128m',
  };
}

export function testConfig(): Config {
  return loadConfig(testEnv());
}

export function testGraph(): Graph {
  const c = testConfig();
  return new Graph({ ...c.neo4j, timeoutMs: c.queryTimeoutMs });
}
