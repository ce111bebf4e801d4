// Starts the tests' own Neo4j before the database tests, unless NEO4J_URI names one to use.
import { PROJECT_ROOT } from '../../src/config';
import { migrate } from '../../src/graph/migrations';
import { ensureLocalCredentials } from '../../src/local-neo4j/credentials';
import { sharedLocalNeo4j, startLocalNeo4j, type RunningNeo4j } from '../../src/local-neo4j/server';
import { testConfig, testGraph } from './test-db';

declare global {
  // Shared with global-teardown, which runs in the same process.
  var __MEDIAGRAPH_TEST_NEO4J__: RunningNeo4j | undefined;
}

export default async function globalSetup(): Promise<void> {
  const config = testConfig();
  if (config.neo4j.local) {
    // A test run going on beside this one shares its Neo4j; a killed run's leftover is stopped.
    if (!(await sharedLocalNeo4j(config.neo4j.local))) {
      globalThis.__MEDIAGRAPH_TEST_NEO4J__ = await startLocalNeo4j(
        config.neo4j.local,
        PROJECT_ROOT,
      );
    }
    await ensureLocalCredentials(config.neo4j.uri, config.neo4j.user, config.neo4j.password);
  } else if (process.env.NEO4J_TEST_ALLOW_WIPE !== '1') {
    // The tests delete everything in the database they use.
    throw new Error(
      `NEO4J_URI is set (${config.neo4j.uri}): the tests would erase that database. ` +
        'Set NEO4J_TEST_ALLOW_WIPE=1 if that is what you want, or unset NEO4J_URI to let them run their own Neo4j.',
    );
  }
  const graph = testGraph();
  try {
    await migrate(graph);
  } finally {
    await graph.close();
  }
}
