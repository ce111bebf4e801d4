// The fault checks' own Neo4j: own ports and data folder, so the data of `npm start` and the
// Neo4j of the tests (17687) and of the benchmark (37687) are never touched. It is started by
// the project's own code and, where a check needs a crash, killed with SIGKILL.
//
// FAULTS_PORT_BASE moves every fixed port of the run (default 27000: this Neo4j on 27687 and
// 27474), so that two checkouts can run the fault checks side by side.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../../src/config';
import { Graph } from '../../src/graph/driver';
import { ensureLocalCredentials } from '../../src/local-neo4j/credentials';
import { startLocalNeo4j, stopStrayNeo4j, type RunningNeo4j } from '../../src/local-neo4j/server';

const PASSWORD = 'mediagraph-faults';

function portBase(): number {
  const base = Number(process.env.FAULTS_PORT_BASE ?? 27000);
  if (!Number.isInteger(base) || base < 1024 || base > 64000) {
    throw new Error(`FAULTS_PORT_BASE must be a whole number from 1024 to 64000, not ${base}`);
  }
  return base;
}

/** The run's fixed ports: base + the usual port's last three digits. */
export const PORT_BASE = portBase();

export class FaultsNeo4j {
  readonly local: LocalNeo4jConfig = {
    home: path.join(PROJECT_ROOT, 'var', 'neo4j-faults'),
    boltPort: PORT_BASE + 687,
    httpPort: PORT_BASE + 474,
    heap: '768m',
    pagecache: '256m',
    startTimeoutMs: 180_000,
  };
  readonly uri = `bolt://127.0.0.1:${this.local.boltPort}`;
  private running: RunningNeo4j | null = null;

  /** Every run starts from nothing: what an earlier run left is stopped, then its data deleted. */
  async wipe(): Promise<void> {
    await stopStrayNeo4j(this.local);
    rmSync(path.join(this.local.home, 'data'), { recursive: true, force: true });
  }

  /** Starts it (recovering after a kill) and resolves once it takes our credentials. */
  async start(): Promise<void> {
    this.running = await startLocalNeo4j(this.local, PROJECT_ROOT);
    await ensureLocalCredentials(this.uri, 'neo4j', PASSWORD);
  }

  get up(): boolean {
    return this.running !== null;
  }

  /** A clean shutdown. */
  async stop(): Promise<void> {
    const r = this.running;
    this.running = null;
    await r?.stop();
  }

  /** No shutdown and no checkpoint: what was committed must survive on its own. */
  async kill(): Promise<void> {
    const r = this.running;
    if (!r) return;
    this.running = null;
    process.kill(r.pid, 'SIGKILL');
    // The process is gone already; stop() waits for its exit and removes the pid file.
    await r.stop();
  }

  /** The run's own connection, for polling and fingerprints; it rides out restarts. */
  graph(): Graph {
    return new Graph({
      uri: this.uri,
      user: 'neo4j',
      password: PASSWORD,
      database: 'neo4j',
      timeoutMs: 120_000,
      retryTimeMs: 30_000,
    });
  }

  /** The environment of a `mediagraph` child that uses this Neo4j as an external one. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NEO4J_URI: this.uri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: PASSWORD,
      ...extra,
    };
  }
}
