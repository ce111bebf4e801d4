// The benchmarks' own Neo4j: an empty database on every run (sizes are reached by loading more),
// unless `keepData` serves what a bulk load left there; never left running after Ctrl-C, and
// migrated before the first load.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../src/config';
import { Graph } from '../src/graph/driver';
import { migrate } from '../src/graph/migrations';
import { ensureLocalCredentials } from '../src/local-neo4j/credentials';
import { startLocalNeo4j, type RunningNeo4j } from '../src/local-neo4j/server';

export interface BenchNeo4j {
  server: RunningNeo4j;
  uri: string;
}

export async function startBenchNeo4j(
  local: LocalNeo4jConfig,
  password: string,
  log: (line: string) => void,
  keepData = false,
): Promise<BenchNeo4j> {
  if (!keepData) rmSync(path.join(local.home, 'data'), { recursive: true, force: true });
  log(`Starting the benchmark's Neo4j on ${local.boltPort} ...`);
  const server = await startLocalNeo4j(local, PROJECT_ROOT);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.stop().then(() => process.exit(130)));
  }
  const uri = `bolt://127.0.0.1:${local.boltPort}`;
  try {
    await ensureLocalCredentials(uri, 'neo4j', password);
    const graph = new Graph({
      uri,
      user: 'neo4j',
      password,
      database: 'neo4j',
      timeoutMs: 600_000,
    });
    try {
      await migrate(graph);
    } finally {
      await graph.close();
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  return { server, uri };
}
