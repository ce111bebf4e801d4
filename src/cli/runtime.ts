// Bringing up what a command needs: the configured Neo4j (the local one started on demand),
// a Graph on it, and the schema migrated.
import { PROJECT_ROOT, type Config } from '../config';
import { Graph } from '../graph/driver';
import { migrate } from '../graph/migrations';
import { ensureLocalCredentials } from '../local-neo4j/credentials';
import { portOpen, startLocalNeo4j, type RunningNeo4j } from '../local-neo4j/server';

export interface Runtime {
  graph: Graph;
  /** The local Neo4j this process started, if it started one. */
  neo4j: RunningNeo4j | null;
  close(): Promise<void>;
}

/**
 * Connects to the configured Neo4j. Without NEO4J_URI the local one is used: reused when it
 * already listens (another `mediagraph` runs it), started otherwise.
 */
export async function openRuntime(config: Config, log: (line: string) => void): Promise<Runtime> {
  const { local } = config.neo4j;
  let neo4j: RunningNeo4j | null = null;
  if (local && !(await portOpen(local.boltPort))) {
    log(`Starting the local Neo4j (data in ${local.home}) ...`);
    const t0 = Date.now();
    neo4j = await startLocalNeo4j(local, PROJECT_ROOT, log);
    log(`Neo4j is up on ${neo4j.boltUri} after ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  }
  try {
    if (local)
      await ensureLocalCredentials(config.neo4j.uri, config.neo4j.user, config.neo4j.password);
    const graph = new Graph({
      uri: config.neo4j.uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
      timeoutMs: config.queryTimeoutMs,
    });
    await graph.driver.verifyConnectivity({ database: config.neo4j.database });
    await migrate(graph);
    return {
      graph,
      neo4j,
      close: async () => {
        await graph.close();
        await neo4j?.stop();
      },
    };
  } catch (e) {
    await neo4j?.stop();
    throw e;
  }
}
