// The one layer that talks to Neo4j. Every statement is a named, parameterised Query whose rows
// are checked against a schema when they come back.
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type Session,
  isDate,
  isDateTime,
  isLocalDateTime,
} from 'neo4j-driver';
import type { z } from 'zod';
import { openDriver } from './bolt-driver';
import { GraphError, mapDriverError } from './errors';

export interface Query<Row> {
  name: string;
  cypher: string;
  row: z.ZodType<Row, z.ZodTypeDef, unknown>;
}

/** A statement with its name as a leading comment, so it can be found in Neo4j's query log. */
export function defineQuery<Row>(
  name: string,
  cypher: string,
  row: z.ZodType<Row, z.ZodTypeDef, unknown>,
): Query<Row> {
  return { name, cypher: `/* ${name} */\n${cypher.trim()}`, row };
}

/** Temporal values become ISO strings; everything else is already plain with lossy integers off. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v);
  return out;
}

export function rowsOf<Row>(query: Query<Row>, result: QueryResult): Row[] {
  return result.records.map((record, i) => {
    const parsed = query.row.safeParse(plain(record.toObject()));
    if (!parsed.success) {
      throw new GraphError(
        'UNEXPECTED_ROW',
        `Query ${query.name} returned an unexpected row ${i}: ${parsed.error.issues
          .map((x) => `${x.path.join('.')}: ${x.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  });
}

export async function runIn<Row>(
  tx: ManagedTransaction,
  query: Query<Row>,
  params: Record<string, unknown>,
): Promise<Row[]> {
  return rowsOf(query, await tx.run(query.cypher, params));
}

export interface GraphOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  timeoutMs: number;
  /** How long transaction functions keep retrying transient failures (driver default 30 s). */
  retryTimeMs?: number;
}

/**
 * What one API request asked of the database, for its Server-Timing header (api/server-timing.ts):
 * a request that should take one read and takes five shows there, in any client.
 */
export class GraphTrace {
  reads = 0;
  writes = 0;
  /** Time spent waiting on Neo4j, summed over reads and writes that overlapped too. */
  ms = 0;

  record(kind: 'read' | 'write', ms: number): void {
    if (kind === 'read') this.reads++;
    else this.writes++;
    this.ms += ms;
  }
}

/**
 * The driver and the database it serves. Reads and writes go through transaction functions,
 * which the driver retries on transient errors and routes on a cluster (neo4j:// URIs).
 */
export class Graph {
  readonly driver: Driver;
  private trace: GraphTrace | undefined;

  constructor(private readonly options: GraphOptions) {
    this.driver = openDriver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      userAgent: 'mediagraph/0.1',
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      maxTransactionRetryTime: options.retryTimeMs ?? 10_000,
    });
  }

  get database(): string {
    return this.options.database;
  }

  /** This graph, on the same driver, counting what is asked of it into `trace`. */
  traced(trace: GraphTrace): Graph {
    const view = Object.create(this) as Graph;
    view.trace = trace;
    return view;
  }

  /**
   * One read query. driver.executeQuery sends BEGIN together with the query (a session's
   * executeRead waits for BEGIN's answer first), which measured 50 ms against 18 ms here.
   * It is a read transaction function too: retried, and routed to a reader on a cluster.
   */
  async read<Row>(query: Query<Row>, params: Record<string, unknown> = {}): Promise<Row[]> {
    const started = performance.now();
    try {
      const result = await this.driver.executeQuery(query.cypher, params, {
        database: this.database,
        routing: neo4j.routing.READ,
        transactionConfig: { timeout: this.options.timeoutMs },
      });
      return rowsOf(query, result);
    } catch (e) {
      throw mapDriverError(e);
    } finally {
      this.trace?.record('read', performance.now() - started);
    }
  }

  async write<Row>(query: Query<Row>, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.writeTx((tx) => runIn(tx, query, params));
  }

  async writeTx<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    const session = this.writeSession();
    const started = performance.now();
    try {
      return await session.executeWrite(work, { timeout: timeoutMs ?? this.options.timeoutMs });
    } catch (e) {
      throw mapDriverError(e);
    } finally {
      await session.close();
      this.trace?.record('write', performance.now() - started);
    }
  }

  /**
   * A session for writes that shares its bookmarks with read(): on a cluster a read sent to
   * another member after a write waits until that member has the write (causal consistency).
   * A session keeps bookmarks of its own unless given the driver's executeQuery manager.
   */
  writeSession(): Session {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  /** True when the database answers a trivial read; used by /ready. */
  async ping(): Promise<boolean> {
    try {
      await this.driver.executeQuery(
        '/* ping */ RETURN 1',
        {},
        {
          database: this.database,
          routing: neo4j.routing.READ,
        },
      );
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
