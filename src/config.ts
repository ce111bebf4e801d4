// The one place that reads the environment. Everything else receives a validated Config.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The repository root: this file sits one folder below it, in src/ or in dist/. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

const port = z.coerce.number().int().min(1).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const count = (max: number) => z.coerce.number().int().min(1).max(max);
const memory = z.string().regex(/^[0-9]+[kmg]$/i, 'a size such as 512m or 1g');
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

const schema = z
  .object({
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'a neo4j:// or bolt:// URI (optionally +s or +ssc)')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().min(1).optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_HOME: z.string().min(1).default('var/neo4j'),
    NEO4J_BOLT_PORT: port.default(7687),
    NEO4J_HTTP_PORT: port.default(7474),
    // neo4j: the driver asks the local server for a routing table and picks a member by access
    // mode, as on a cluster; the tests run that way too (docs/scale.md).
    NEO4J_LOCAL_SCHEME: z.enum(['bolt', 'neo4j']).default('bolt'),
    // Unset: sized from the machine's memory (localMemoryDefaults).
    NEO4J_HEAP: memory.optional(),
    NEO4J_PAGECACHE: memory.optional(),
    NEO4J_START_TIMEOUT_S: z.coerce.number().int().min(5).max(600).default(120),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    SEEDS_DIR: z.string().min(1).default('seeds'),
    MEDIAGRAPH_MODE: z.enum(['development', 'production']).default('development'),
    READS_NEED_KEY: flag.default('false'),
    API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
    RATE_LIMIT_PER_MINUTE: count(1_000_000).default(600),
    MAX_BODY_BYTES: count(64 * 1024 * 1024).default(2 * 1024 * 1024),
    MAX_QUERY_DEPTH: count(100).default(10),
    MAX_QUERY_COST: count(10_000_000).default(100_000),
    MAX_QUERY_ALIASES: count(1_000).default(15),
    MAX_QUERY_TOKENS: count(100_000).default(2_000),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && !env.NEO4J_PASSWORD) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['NEO4J_PASSWORD'],
        message: 'is required when NEO4J_URI points at an existing Neo4j',
      });
    }
    if (!env.NEO4J_URI && env.NEO4J_PASSWORD !== undefined && env.NEO4J_PASSWORD.length < 8) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['NEO4J_PASSWORD'],
        message: 'must have at least 8 characters (Neo4j 5 refuses shorter passwords)',
      });
    }
  });

/** The password of the local Neo4j when none is set; `.env.example` shows the same value. */
export const LOCAL_DEFAULT_PASSWORD = 'mediagraph-local';

export interface LocalNeo4jConfig {
  home: string;
  boltPort: number;
  httpPort: number;
  heap: string;
  pagecache: string;
  startTimeoutMs: number;
}

export interface Config {
  neo4j: {
    /** Where the driver connects. */
    uri: string;
    user: string;
    password: string;
    database: string;
    /** Set when the project runs its own Neo4j (NEO4J_URI unset). */
    local: LocalNeo4jConfig | null;
  };
  http: { host: string; port: number };
  /** The per-request time limit; also every Neo4j transaction's timeout. */
  queryTimeoutMs: number;
  seedsDir: string;
  /** production: no introspection, no GraphiQL, no field suggestions. */
  production: boolean;
  access: AccessConfig;
  limits: LimitsConfig;
  /** The API's log: info shows one line per refused request; errors come with their stack. */
  logLevel: LogLevel;
}

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AccessConfig {
  /** Whether queries need an API key too (mutations always need one). */
  readsNeedKey: boolean;
  /** How long a checked key is trusted before it is looked up again (revocation delay). */
  keyCacheMs: number;
  /** Requests a minute for one key, or for one address without a key. */
  ratePerMinute: number;
}

export interface LimitsConfig {
  maxBodyBytes: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

export class ConfigError extends Error {}

const MB = 2 ** 20;
const clampMb = (mb: number, min: number, max: number) =>
  Math.max(min, Math.min(max, Math.floor(mb / 256) * 256));
const size = (mb: number) => (mb % 1024 === 0 ? `${mb / 1024}g` : `${mb}m`);

/**
 * The local Neo4j's heap and page cache when NEO4J_HEAP and NEO4J_PAGECACHE are unset: an eighth
 * and a quarter of the machine's memory, so that Neo4j takes under half of it and the API, the
 * loader and the OS's file cache keep the rest (24 GiB: 3g and 6g; 4 GiB: 512m and 1g). The heap
 * stops at 8g, past which Neo4j's own advice is to grow the page cache instead, and the page cache
 * at 16g, more than the 100k-article benchmark's store; a larger store wants NEO4J_PAGECACHE.
 */
export function localMemoryDefaults(totalBytes: number = os.totalmem()): {
  heap: string;
  pagecache: string;
} {
  const totalMb = totalBytes / MB;
  return {
    heap: size(clampMb(totalMb / 8, 512, 8192)),
    pagecache: size(clampMb(totalMb / 4, 512, 16384)),
  };
}

/** Reads `.env` from the project root when there is one; variables already set win. */
export function loadDotEnv(file = path.join(PROJECT_ROOT, '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const memory = localMemoryDefaults();
  const local: LocalNeo4jConfig | null = e.NEO4J_URI
    ? null
    : {
        home: path.resolve(PROJECT_ROOT, e.NEO4J_HOME),
        boltPort: e.NEO4J_BOLT_PORT,
        httpPort: e.NEO4J_HTTP_PORT,
        heap: e.NEO4J_HEAP ?? memory.heap,
        pagecache: e.NEO4J_PAGECACHE ?? memory.pagecache,
        startTimeoutMs: e.NEO4J_START_TIMEOUT_S * 1000,
      };
  return {
    neo4j: {
      uri: e.NEO4J_URI ?? `${e.NEO4J_LOCAL_SCHEME}://127.0.0.1:${e.NEO4J_BOLT_PORT}`,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD ?? LOCAL_DEFAULT_PASSWORD,
      database: e.NEO4J_DATABASE,
      local,
    },
    http: { host: e.HOST, port: e.PORT },
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    seedsDir: path.resolve(PROJECT_ROOT, e.SEEDS_DIR),
    production: e.MEDIAGRAPH_MODE === 'production',
    access: {
      readsNeedKey: e.READS_NEED_KEY,
      keyCacheMs: e.API_KEY_CACHE_MS,
      ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    limits: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxTokens: e.MAX_QUERY_TOKENS,
    },
    logLevel: e.LOG_LEVEL,
  };
}
