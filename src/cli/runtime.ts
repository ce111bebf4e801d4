// Bringing up what a command needs: the configured Neo4j (the local one started on demand),
// a Graph on it, and the schema migrated. The API may come up before an external Neo4j does:
// it then serves at once (/ready says 503) and connects in the background.
import neo4j from 'neo4j-driver';
import { ConfigError, PROJECT_ROOT, type Config } from '../config';
import { Graph } from '../graph/driver';
import { GraphError } from '../graph/errors';
import { migrate } from '../graph/migrations';
import { ensureLocalCredentials } from '../local-neo4j/credentials';
import { sharedLocalNeo4j, startLocalNeo4j, type RunningNeo4j } from '../local-neo4j/server';

export interface Runtime {
  graph: Graph;
  /** The local Neo4j this process started, if it started one. */
  neo4j: RunningNeo4j | null;
  /**
   * Null when Neo4j answered at open. Otherwise (waitForNeo4j, external Neo4j down) it resolves
   * once Neo4j answers and is migrated, and rejects if it then refuses us for good (a wrong
   * password, say). It never settles if the runtime is closed first.
   */
  connecting: Promise<void> | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** When an external Neo4j cannot be reached, return anyway and keep trying in the background. */
  waitForNeo4j?: boolean;
  /** Runs after every successful migration, before `connecting` resolves (seeds, say). */
  whenConnected?: (graph: Graph) => Promise<void>;
  /**
   * The time limit of the requests this runtime serves. The driver's retries then give up well
   * inside it, so that with Neo4j down a request hears DATABASE_UNAVAILABLE rather than being
   * cut off as QUERY_TIMEOUT.
   */
  requestTimeoutMs?: number;
}

/** Waits between tries: doubling from the first up to the cap, so recovery is seen within it. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5_000;
/** While waiting, a line now and then shows the process is alive and why it still waits. */
const WAITING_LOG_EVERY_MS = 60_000;

/**
 * How long the driver may retry one transaction within a request's time limit. It tries again
 * about 1, 3, 7 and 15 s (each ±20%) after the first try for as long as less than this has
 * passed, and gives up at the first try past it: its default of 10 s gives up after about 15 s,
 * a third of the limit well inside the limit.
 */
function retryTimeWithin(limitMs: number): number {
  return Math.min(10_000, Math.floor(limitMs / 3));
}

/** Failures that go away by themselves: the server is down, starting, or failing over. */
function transient(e: unknown): boolean {
  if (e instanceof GraphError) return e.failure === 'DATABASE_UNAVAILABLE';
  return neo4j.isRetriableError(e);
}

/** The driver's messages run to a paragraph; the socket error at the end is the useful part. */
function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const cause = /Caused by: (.*)$/s.exec(message)?.[1];
  return (cause ?? message.split('\n')[0] ?? '').trim();
}

/** Refused logins, which no retry mends. */
const LOGIN_REFUSED = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
]);

/** A refused login, worded for the user who has to fix it; anything else unchanged. */
function explained(e: unknown, config: Config): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !LOGIN_REFUSED.has(code)) return e;
  return new ConfigError(
    `Neo4j at ${config.neo4j.uri} refuses user '${config.neo4j.user}' with the configured ` +
      `NEO4J_PASSWORD (${code}). Set NEO4J_USER and NEO4J_PASSWORD to its credentials.`,
  );
}

interface Retry {
  done: Promise<void>;
  stop(): void;
}

/**
 * Tries `connect` again, backing off, until it succeeds (done resolves), fails for good (done
 * rejects) or is stopped (done never settles).
 */
function retryInBackground(
  connect: () => Promise<void>,
  uri: string,
  log: (line: string) => void,
): Retry {
  const t0 = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    let delay = RETRY_FIRST_MS;
    let tries = 1;
    let lastLog = t0;
    const attempt = () => {
      tries++;
      connect().then(
        () => {
          if (stopped) return;
          const s = ((Date.now() - t0) / 1000).toFixed(1);
          log(`Connected to Neo4j at ${uri} after ${s} s of waiting; migrated.`);
          resolve();
        },
        (e: unknown) => {
          if (stopped) return;
          if (!transient(e)) {
            reject(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (Date.now() - lastLog >= WAITING_LOG_EVERY_MS) {
            lastLog = Date.now();
            log(`Still waiting for Neo4j at ${uri} (${tries} tries; ${reason(e)}).`);
          }
          delay = Math.min(delay * 2, RETRY_MAX_MS);
          timer = setTimeout(attempt, delay);
        },
      );
    };
    timer = setTimeout(attempt, delay);
  });
  return {
    done,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Connects to the configured Neo4j. Without NEO4J_URI the local one is used: shared when
 * another live `mediagraph` runs it (by its pid file), started otherwise. Only a Neo4j this
 * process started is stopped by close(); anything else on its ports is refused, not used.
 */
export async function openRuntime(
  config: Config,
  log: (line: string) => void,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const { local } = config.neo4j;
  let neo4jServer: RunningNeo4j | null = null;
  const shared = local && (await sharedLocalNeo4j(local));
  if (shared) {
    log(
      `Using the local Neo4j (pid ${shared.pid}) that mediagraph (pid ${shared.owner}) runs; ` +
        'that process stops it.',
    );
  } else if (local) {
    log(`Starting the local Neo4j (data in ${local.home}) ...`);
    const t0 = Date.now();
    neo4jServer = await startLocalNeo4j(local, PROJECT_ROOT, log);
    log(`Neo4j is up on ${neo4jServer.boltUri} after ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  }
  let graph: Graph | null = null;
  try {
    if (local)
      await ensureLocalCredentials(config.neo4j.uri, config.neo4j.user, config.neo4j.password);
    const g = new Graph({
      uri: config.neo4j.uri,
      user: config.neo4j.user,
      password: config.neo4j.password,
      database: config.neo4j.database,
      timeoutMs: config.queryTimeoutMs,
      ...(options.requestTimeoutMs
        ? { retryTimeMs: retryTimeWithin(options.requestTimeoutMs) }
        : {}),
    });
    graph = g;
    const connect = async () => {
      try {
        await g.driver.verifyConnectivity({ database: config.neo4j.database });
        await migrate(g);
        await options.whenConnected?.(g);
      } catch (e) {
        throw explained(e, config);
      }
    };
    let retry: Retry | null = null;
    try {
      await connect();
    } catch (e) {
      // Only an external Neo4j is waited for: the local one was just started and answered.
      if (!(options.waitForNeo4j && !local && transient(e))) throw e;
      log(
        `Neo4j at ${config.neo4j.uri} cannot be reached (${reason(e)}). Waiting for it: ` +
          'meanwhile /ready answers 503 and queries DATABASE_UNAVAILABLE.',
      );
      retry = retryInBackground(connect, config.neo4j.uri, log);
    }
    return {
      graph: g,
      neo4j: neo4jServer,
      connecting: retry?.done ?? null,
      close: async () => {
        retry?.stop();
        await g.close();
        await neo4jServer?.stop();
      },
    };
  } catch (e) {
    await graph?.close();
    await neo4jServer?.stop();
    throw e;
  }
}
