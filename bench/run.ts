// `npm run bench`: ingest and the analyst query mix at growing corpus sizes, for our API, the
// @neo4j/graphql peer and hand-written Cypher (the floor), all over one Neo4j of the benchmark's
// own (own ports, own data folder: the default database and the seeds stay untouched).
//
//   npm run bench              1k, 10k and 100k articles, then the extraction benchmark
//   npm run bench -- --quick   1k articles, shorter runs (CI)
//   npm run bench -- --extract only the extraction benchmark (bench/extract.ts; no Neo4j)
//   npm run bench -- --export  only the export benchmark (bench/export.ts; a Neo4j of its own)
//   npm run bench -- --plans   only the plans of an actor's events pages (bench/plans.ts)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../src/config';
import { openDriver } from '../src/graph/bolt-driver';
import { generateCorpus } from '../src/generate/corpus';
import { freeLoopbackPort, neo4jVersion } from '../src/local-neo4j/server';
import { renderLatencyChart } from './chart';
import {
  QUERIES,
  QUERY_IDS,
  checkAgreement,
  findDeepCursors,
  runOn,
  type ParamsOf,
  type QueryId,
  type SystemName,
  type Systems,
} from './queries';
import { startBenchNeo4j } from './neo4j';
import { plansBenchmark } from './plans';
import { httpGraphqlClient } from './serve';

const QUICK = process.argv.includes('--quick');
const EXTRACT_ONLY = process.argv.includes('--extract');
const EXPORT_ONLY = process.argv.includes('--export');
const PLANS_ONLY = process.argv.includes('--plans');
const SIZES = QUICK ? [1000] : [1000, 10_000, 100_000];
const SEED = 7;
const BUCKET = 1000; // articles per corpus folder, as the generator writes them
const WARMUP = QUICK ? 10 : 30;
const ITERATIONS = QUICK ? 40 : 200;
/**
 * Time allowed to one query on one system, warm-up included, past which sampling stops once it
 * has MIN_SAMPLES: at 100k articles a slow peer query takes seconds, and 230 runs of it hours.
 */
const BUDGET_MS = QUICK ? 15_000 : 60_000;
const MIN_SAMPLES = 10;
const LOAD_SECONDS = QUICK ? 5 : 20;
/** Concurrent clients of the load runs: a team of analysts, and a crowd past what one API serves. */
const CLIENT_COUNTS = [16, 100] as const;
type Clients = (typeof CLIENT_COUNTS)[number];
/** `--profile`: the API writes a V8 CPU profile of its run to var/bench-profile/ (`node --cpu-prof`). */
const PROFILE = process.argv.includes('--profile');
/**
 * Sizes from this one on are built by `load --bulk` into the benchmark's own database instead of
 * the online loader: 900k events online take over twenty minutes, and the bulk load of the whole
 * corpus is measured at that size anyway. Its graph is the online loader's (same fingerprint,
 * test/int/bulk-load.int.test.ts), so the queries meet the same data.
 */
const BULK_FROM = 100_000;
const PAGE = 20;
const PASSWORD = 'mediagraph-bench';
const BOLT_PORT = 37687;
const HTTP_PORT = 37474;
/** The bulk load's own Neo4j, started and stopped by `load --bulk` itself. */
const BULK_BOLT_PORT = 37689;
const BULK_HTTP_PORT = 37476;

const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const NAME = QUICK ? 'quick' : 'full';

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Stats {
  p50: number;
  p95: number;
  mean: number;
  /** How many samples: fewer than ITERATIONS where BUDGET_MS ran out. */
  n: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    n: s.length,
  };
}

/** The CPU time process `pid` has used so far, user and system, in seconds (Linux). */
export function cpuSeconds(pid: number): number {
  // Fields after the command name, which sits in brackets and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The resident memory of process `pid`, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** A child process and the first line of its output that matches `ready`. */
export async function spawnUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray; output: () => string }> {
  const child = spawn(command, args, { env, cwd: PROJECT_ROOT });
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = ready.exec(output);
      if (m) resolve(m);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
  return { child, match, output: () => output };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

function childEnv(port?: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEO4J_URI: `bolt://127.0.0.1:${BOLT_PORT}`,
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
    ...(port === undefined ? {} : { PORT: String(port) }),
    QUERY_TIMEOUT_MS: '60000',
    // The benchmark measures speed: 16 clients from one address must not meet the rate limit.
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/** The benchmark's corpus, generated once per (size, seed) and kept under var/. */
async function corpus(articles: number): Promise<string> {
  const dir = path.join(PROJECT_ROOT, 'var', 'bench-corpus', `seed${SEED}-${articles}`);
  const done = path.join(dir, '.complete');
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`Generating ${articles} articles (seed ${SEED}) ...`);
  const t0 = performance.now();
  const r = await generateCorpus({ articles, seed: SEED, out: dir });
  log(`  ${r.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  writeFileSync(done, JSON.stringify(r));
  return dir;
}

interface IngestFigures {
  articles: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

async function ingest(dirs: string[]): Promise<IngestFigures> {
  const { child, match } = await spawnUntil(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'mediagraph.js'), 'load', ...dirs],
    childEnv(),
    /Loaded (\d+) article\(s\), (\d+) event\(s\) in ([\d.]+) s \((\d+) events\/s, peak memory (\d+) MB\)/,
  );
  await new Promise((resolve) =>
    child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
  );
  const [, articles, events, seconds, rate, rss] = match.map(Number);
  return {
    articles: articles!,
    events: events!,
    seconds: seconds!,
    eventsPerSecond: rate!,
    peakRssMb: rss!,
  };
}

interface BulkFigures {
  articles: number;
  events: number;
  seconds: number;
  /** Seconds of each phase: validation, CSV files, Neo4j's importer, schema (server start too). */
  phases: { validate: number; csv: number; import: number; schema: number };
  peakRssMb: number;
}

/**
 * `load --bulk` of the first `dirs` into a fresh database: by default one of its own (own home and
 * ports, deleted afterwards), or `into` the benchmark's, which is then kept for the queries.
 */
async function bulkLoad(dirs: string[], into?: LocalNeo4jConfig): Promise<BulkFigures> {
  const home = into?.home ?? path.join(PROJECT_ROOT, 'var', 'neo4j-bench-bulk');
  rmSync(path.join(home, 'data'), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_HOME: home,
    NEO4J_BOLT_PORT: String(into?.boltPort ?? BULK_BOLT_PORT),
    NEO4J_HTTP_PORT: String(into?.httpPort ?? BULK_HTTP_PORT),
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
    NEO4J_HEAP: into?.heap ?? (QUICK ? '1g' : '2g'),
    NEO4J_PAGECACHE: into?.pagecache ?? (QUICK ? '512m' : '2g'),
  };
  delete env.NEO4J_URI;
  const { child, match } = await spawnUntil(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'mediagraph.js'), 'load', '--bulk', ...dirs],
    env,
    /Bulk-loaded (\d+) article\(s\), (\d+) event\(s\) .* in ([\d.]+) s: validation ([\d.]+) s, CSV ([\d.]+) s, import ([\d.]+) s, schema ([\d.]+) s \(peak memory (\d+) MB\)/,
  );
  await new Promise((resolve) =>
    child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
  );
  if (!into) rmSync(path.join(home, 'data'), { recursive: true, force: true });
  const [, articles, events, seconds, validate, csv, imported, schema, rss] = match.map(Number);
  return {
    articles: articles!,
    events: events!,
    seconds: seconds!,
    phases: { validate: validate!, csv: csv!, import: imported!, schema: schema! },
    peakRssMb: rss!,
  };
}

/** Query parameters that give full answers on the graph as it is: the busiest actor, etc. */
async function chooseParams(driver: Driver, systems: Systems) {
  const read = async (cypher: string, params: Record<string, unknown> = {}) =>
    (
      await driver.executeQuery(cypher, params, { routing: neo4j.routing.READ, database: 'neo4j' })
    ).records.map((r) => r.toObject());
  const roles = 'AGENT|TARGET|BENEFICIARY|FUNDS_SOURCE|ON_BEHALF_OF';
  const [busiest] = await read(
    `/* benchBusiestActor */ MATCH (a:Actor) RETURN a.id AS id, COUNT { (a)<-[:${roles}]-(:Event) } AS n ORDER BY n DESC, id LIMIT 1`,
  );
  if (!busiest) throw new Error('The benchmark graph has no actor: nothing was loaded into it.');
  const actorId = String(busiest.id);
  const types = (
    await read(
      `/* benchActorTypes */ MATCH (:Actor {id: $actorId})<-[:${roles}]-(e:Event)
       WITH DISTINCT e RETURN e.type AS type, count(*) AS n ORDER BY n DESC, type LIMIT 2`,
      { actorId },
    )
  ).map((r) => String(r.type));
  const dates = (
    await read(
      `/* benchActorDates */ MATCH (:Actor {id: $actorId})<-[:${roles}]-(e:Event)
       WHERE e.type IN $types AND e.occurredOn IS NOT NULL
       WITH DISTINCT e RETURN toString(e.occurredOn) AS d ORDER BY d`,
      { actorId, types },
    )
  ).map((r) => String(r.d));
  // The middle 80% of the actor's dated events of those types: a range that really filters.
  const from = dates[Math.floor(dates.length * 0.1)] ?? '2000-01-01';
  const to = dates[Math.floor(dates.length * 0.9)] ?? '2100-01-01';
  const matching = dates.filter((d) => d >= from && d <= to).length;
  const eventsByActor = { actorId, types, from, to, first: PAGE };
  const pages = Math.max(1, Math.min(10, Math.floor(matching / PAGE) - 1));
  const after = await findDeepCursors(systems, eventsByActor, pages);
  if (!after) throw new Error(`actor ${actorId} has too few events for a deep page`);
  const [detail] = await read(
    `/* benchRichEvent */ MATCH (:Actor {id: $actorId})<-[:${roles}]-(e:Event)
     WITH DISTINCT e ORDER BY COUNT { (e)-[:RESPONDS_TO|JUSTIFIED_BY|PART_OF|IN_CONTEXT_OF]-() } + COUNT { (e)<-[:MADE_IN]-() } DESC, e.id
     RETURN e.id AS id, e.summary AS summary LIMIT 1`,
    { actorId },
  );
  const word =
    String(detail!.summary)
      .split(/[^A-Za-z]+/)
      .filter((w) => w.length >= 6)
      .sort((a, b) => b.length - a.length || a.localeCompare(b))[0] ?? 'media';
  // An actor two events away: bounded at each step, since the busiest actor has thousands of
  // events and an open two-hop expansion from it explodes.
  const [far] = await read(
    `/* benchPathTarget */ MATCH (a:Actor {id: $actorId})<-[:${roles}]-(:Event)-[:${roles}]->(b:Actor)
     WHERE b <> a
     WITH a, b LIMIT 20
     MATCH (b)<-[:${roles}]-(:Event)-[:${roles}]->(c:Actor)
     WHERE c <> a AND c <> b
     WITH DISTINCT a, b, c LIMIT 200
     WITH a, b, c, EXISTS { (c)<-[:${roles}]-(:Event)-[:${roles}]->(a) } AS direct
     RETURN c.id AS id ORDER BY direct, id LIMIT 1`,
    { actorId },
  );
  const [topType] = await read(
    `/* benchTopType */ MATCH (e:Event) RETURN e.type AS type, count(*) AS n ORDER BY n DESC, type LIMIT 1`,
  );
  const params: { [K in QueryId]: ParamsOf<K> } = {
    Q1: eventsByActor,
    Q2: { ...eventsByActor, after },
    Q3: { eventId: String(detail!.id) },
    Q4: { actorId, first: PAGE },
    Q5: { text: word, first: PAGE },
    Q6: { fromId: actorId, toId: String(far?.id ?? actorId), maxHops: 4 },
    Q7: { type: String(topType!.type), from, to },
  };
  return { params, deepPages: pages };
}

type Latencies = Record<QueryId, Record<SystemName, Stats>>;

async function measureLatency(systems: Systems, params: { [K in QueryId]: ParamsOf<K> }) {
  const latency = {} as Latencies;
  const pooled: Record<SystemName, number[]> = {
    ours: [],
    'neo4j-graphql': [],
    'cypher-floor': [],
  };
  for (const id of QUERY_IDS) {
    latency[id] = {} as Record<SystemName, Stats>;
    for (const system of ['cypher-floor', 'ours', 'neo4j-graphql'] as const) {
      const deadline = performance.now() + BUDGET_MS;
      for (let i = 0; i < WARMUP && performance.now() < deadline; i++) {
        await runOn(systems, system, id, params[id]);
      }
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS && (i < MIN_SAMPLES || performance.now() < deadline); i++) {
        const t = performance.now();
        await runOn(systems, system, id, params[id]);
        samples.push(performance.now() - t);
      }
      latency[id][system] = stats(samples);
      pooled[system].push(...samples);
      log(
        `  ${id} ${system.padEnd(13)} p50 ${latency[id][system].p50} ms, p95 ${latency[id][system].p95} ms`,
      );
    }
  }
  const mix = Object.fromEntries(
    Object.entries(pooled).map(([system, samples]) => [system, stats(samples)]),
  ) as Record<SystemName, Stats>;
  return { latency, mix };
}

interface LoadFigures {
  clients: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
  latencyP50: number;
  latencyP99: number;
  rssAtRestMb: number;
  rssUnderLoadMb: number;
  /**
   * The share of one core that the API process and Neo4j used during the run, in percent: an API
   * near 100 is bound by its event loop (one thread); both together near the machine's cores
   * times 100 mean the machine is the limit, the load generator included.
   */
  apiCpuPercent: number;
  neo4jCpuPercent: number;
}

/** The mix under `clients` concurrent clients for LOAD_SECONDS, against one server. */
async function underLoad(
  url: string,
  pid: number,
  neo4jPid: number,
  system: 'ours' | 'neo4j-graphql',
  params: { [K in QueryId]: ParamsOf<K> },
  clients: Clients,
): Promise<LoadFigures> {
  const rssAtRestMb = rssMb(pid);
  let graphqlErrors = 0;
  const requests = QUERY_IDS.map((id) => {
    const op = system === 'ours' ? QUERIES[id].ours : QUERIES[id].peer;
    return {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: op.document,
        variables: (op.variables as (p: unknown) => Record<string, unknown>)(params[id]),
        operationName: op.operationName,
      }),
      onResponse: (_status: number, body: string) => {
        if (body.includes('"errors"')) graphqlErrors++;
      },
    };
  });
  let peak = rssAtRestMb;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
  const cpuBefore = { api: cpuSeconds(pid), neo4j: cpuSeconds(neo4jPid), at: performance.now() };
  const result = await autocannon({
    url,
    connections: clients,
    duration: LOAD_SECONDS,
    requests,
  });
  const elapsedS = (performance.now() - cpuBefore.at) / 1000;
  const cpuPercent = (now: number, before: number) => Math.round(((now - before) / elapsedS) * 100);
  clearInterval(sampler);
  return {
    clients,
    apiCpuPercent: cpuPercent(cpuSeconds(pid), cpuBefore.api),
    neo4jCpuPercent: cpuPercent(cpuSeconds(neo4jPid), cpuBefore.neo4j),
    requestsPerSecond: Math.round(result.requests.average),
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    rssAtRestMb,
    rssUnderLoadMb: peak,
  };
}

/**
 * The extraction benchmark, in a process of its own: its memory figures are then the extractor's
 * alone, and it can collect garbage before each sample (--expose-gc).
 */
async function extractionBenchmark(): Promise<void> {
  log(`\n== extraction`);
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      'tsx/cjs',
      path.join(PROJECT_ROOT, 'bench', 'extract.ts'),
      ...(QUICK ? ['--quick'] : []),
    ],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the extraction benchmark exited with ${code}`);
}

/** The export benchmark, in a process of its own (it runs the built CLI for every export). */
async function exportBenchmark(): Promise<void> {
  log(`\n== export`);
  const sizes = process.argv.indexOf('--sizes');
  const child = spawn(
    process.execPath,
    [
      '--require',
      'tsx/cjs',
      path.join(PROJECT_ROOT, 'bench', 'export.ts'),
      ...(sizes >= 0 ? process.argv.slice(sizes, sizes + 2) : []),
    ],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the export benchmark exited with ${code}`);
}

async function main(): Promise<void> {
  if (EXPORT_ONLY) return exportBenchmark();
  if (PLANS_ONLY) return plansBenchmark();
  if (!EXTRACT_ONLY) await graphBenchmark();
  await extractionBenchmark();
}

async function graphBenchmark(): Promise<void> {
  const local: LocalNeo4jConfig = {
    home: path.join(PROJECT_ROOT, 'var', 'neo4j-bench'),
    boltPort: BOLT_PORT,
    httpPort: HTTP_PORT,
    // The same sizes on every machine, so that runs compare; NEO4J_HEAP and NEO4J_PAGECACHE
    // measure what more memory (README, "Sizing for a larger machine") buys.
    heap: process.env.NEO4J_HEAP ?? (QUICK ? '1g' : '4g'),
    pagecache: process.env.NEO4J_PAGECACHE ?? (QUICK ? '512m' : '6g'),
    startTimeoutMs: 180_000,
  };
  const corpusDir = await corpus(SIZES[SIZES.length - 1]!);
  let { server, uri } = await startBenchNeo4j(local, PASSWORD, log);
  const closers: (() => Promise<unknown>)[] = [() => server.stop()];
  try {
    // The floor's driver gets the same socket setting as ours (src/graph/bolt-driver.ts).
    const driver = openDriver(uri, neo4j.auth.basic('neo4j', PASSWORD));
    closers.unshift(() => driver.close());

    const results: Report['results'] = [];
    let loaded = 0;
    for (const size of SIZES) {
      log(`\n== ${size} articles`);
      const upToSize = Array.from({ length: size / BUCKET }, (_, b) =>
        path.join(corpusDir, String(b).padStart(4, '0')),
      );
      let ingestFigures: IngestFigures | null = null;
      let bulkFigures: BulkFigures;
      if (size >= BULK_FROM && !QUICK) {
        // The benchmark's own database, rebuilt by the bulk loader and served again.
        await server.stop();
        bulkFigures = await bulkLoad(upToSize, local);
        ({ server, uri } = await startBenchNeo4j(local, PASSWORD, log, true));
        closers[closers.length - 1] = () => server.stop();
      } else {
        ingestFigures = await ingest(upToSize.slice(loaded / BUCKET));
        log(
          `  ingest: ${ingestFigures.events} events, ${ingestFigures.eventsPerSecond} events/s, peak ${ingestFigures.peakRssMb} MB`,
        );
        // The whole corpus up to this size, into an empty database of its own.
        bulkFigures = await bulkLoad(upToSize);
      }
      loaded = size;
      log(
        `  bulk load: ${bulkFigures.seconds} s (validation ${bulkFigures.phases.validate}, CSV ${bulkFigures.phases.csv}, import ${bulkFigures.phases.import}, schema ${bulkFigures.phases.schema}), peak ${bulkFigures.peakRssMb} MB`,
      );

      const profileDir = path.join(PROJECT_ROOT, 'var', 'bench-profile');
      const ours = await spawnUntil(
        process.execPath,
        [
          ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
          path.join(PROJECT_ROOT, 'bin', 'mediagraph.js'),
          'serve',
        ],
        childEnv(await freeLoopbackPort()),
        /GraphQL and GraphiQL: (\S+)/,
      );
      const peer = await spawnUntil(
        process.execPath,
        ['--require', 'tsx/cjs', path.join(PROJECT_ROOT, 'bench', 'peer-server.ts')],
        childEnv(await freeLoopbackPort()),
        /listening (\S+)/,
      );
      try {
        const systems: Systems = {
          ours: httpGraphqlClient(ours.match[1]!),
          peer: httpGraphqlClient(peer.match[1]!),
          driver,
          database: 'neo4j',
        };
        const { params, deepPages } = await chooseParams(driver, systems);
        const agreement: Record<string, boolean> = {};
        for (const id of QUERY_IDS)
          agreement[id] = (await checkAgreement(systems, id, params[id])).agree;
        log(`  answers agree: ${JSON.stringify(agreement)}`);
        const { latency, mix } = await measureLatency(systems, params);
        const load: Record<'ours' | 'neo4j-graphql', LoadFigures[]> = {
          ours: [],
          'neo4j-graphql': [],
        };
        for (const clients of CLIENT_COUNTS) {
          load.ours.push(
            await underLoad(ours.match[1]!, ours.child.pid!, server.pid, 'ours', params, clients),
          );
          load['neo4j-graphql'].push(
            await underLoad(
              peer.match[1]!,
              peer.child.pid!,
              server.pid,
              'neo4j-graphql',
              params,
              clients,
            ),
          );
        }
        log(`  under load: ${JSON.stringify(load)}`);
        results.push({
          articles: size,
          ingest: ingestFigures,
          bulk: bulkFigures,
          params,
          deepPages,
          agreement,
          latency,
          mix,
          load,
        });
        // Written after every size, so a long run that is cut short still leaves what it measured.
        writeReport(results, local);
      } finally {
        await stop(ours.child);
        await stop(peer.child);
      }
    }
  } finally {
    for (const close of closers) await close();
  }
}

function writeReport(results: Report['results'], local: LocalNeo4jConfig): void {
  const report = {
    name: NAME,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    neo4j: neo4jVersion(PROJECT_ROOT),
    settings: {
      seed: SEED,
      warmup: WARMUP,
      iterations: ITERATIONS,
      loadSeconds: LOAD_SECONDS,
      clients: CLIENT_COUNTS,
      heap: local.heap,
      pagecache: local.pagecache,
    },
    results,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path.join(OUT_DIR, `${NAME}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(OUT_DIR, `${NAME}.md`), markdown(report));
  writeFileSync(
    path.join(OUT_DIR, `${NAME}-latency.svg`),
    renderLatencyChart(
      (['ours', 'neo4j-graphql', 'cypher-floor'] as const).map((system) => ({
        system,
        points: results.map((r) => ({
          corpus: r.articles,
          p50: r.mix[system].p50,
          p95: r.mix[system].p95,
        })),
      })),
      { title: 'Analyst query mix: latency against corpus size', xLabel: 'articles', yLabel: 'ms' },
    ),
  );
  log(
    `  wrote ${path.relative(PROJECT_ROOT, OUT_DIR)}/${NAME}.json, ${NAME}.md and ${NAME}-latency.svg`,
  );
}

type Report = {
  name: string;
  date: string;
  neo4j: string;
  machine: { cpus: number; memoryGb: number; node: string };
  results: {
    articles: number;
    /** null where the size was built by the bulk loader (BULK_FROM). */
    ingest: IngestFigures | null;
    bulk: BulkFigures;
    params: unknown;
    deepPages: number;
    agreement: Record<string, boolean>;
    latency: Latencies;
    mix: Record<SystemName, Stats>;
    load: Record<'ours' | 'neo4j-graphql', LoadFigures[]>;
  }[];
};

function markdown(report: Report): string {
  const lines = [
    `# Benchmark (${report.name}): ${report.date.slice(0, 10)}`,
    '',
    `Neo4j ${report.neo4j}, ${report.machine.cpus} cores, ${report.machine.memoryGb} GiB, Node ${report.machine.node}. Latencies in ms; each query alone, after a warm-up.`,
    '',
  ];
  for (const r of report.results) {
    lines.push(
      `## ${r.articles.toLocaleString('en-US')} articles (${r.bulk.events.toLocaleString('en-US')} events)`,
      '',
    );
    lines.push(
      r.ingest
        ? `Ingest: ${r.ingest.eventsPerSecond.toLocaleString('en-US')} events/s (${r.ingest.seconds} s for this step), loader peak memory ${r.ingest.peakRssMb} MB.`
        : 'Ingest: this size was built by the bulk loader below, not the online loader (BULK_FROM in bench/run.ts).',
      '',
      `Bulk load (\`load --bulk\`, all ${r.bulk.articles.toLocaleString('en-US')} articles into a fresh database): ${r.bulk.seconds} s (validation ${r.bulk.phases.validate} s, CSV ${r.bulk.phases.csv} s, import ${r.bulk.phases.import} s, schema ${r.bulk.phases.schema} s), peak memory ${r.bulk.peakRssMb} MB.`,
      '',
      '| query | ours p50 | ours p95 | floor p50 | floor p95 | @neo4j/graphql p50 | @neo4j/graphql p95 | ours / floor | peer / ours | answers agree |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    const row = (name: string, s: Record<SystemName, Stats>, agree: string) => {
      const o = s.ours;
      const f = s['cypher-floor'];
      const p = s['neo4j-graphql'];
      lines.push(
        `| ${name} | ${o.p50} | ${o.p95} | ${f.p50} | ${f.p95} | ${p.p50} | ${p.p95} | ${(o.p50 / f.p50).toFixed(2)} | ${(p.p50 / o.p50).toFixed(2)} | ${agree} |`,
      );
    };
    for (const id of QUERY_IDS)
      row(`${id} ${QUERIES[id].name}`, r.latency[id], r.agreement[id] ? 'yes' : 'NO');
    row('mix', r.mix, '');
    lines.push(
      '',
      `Under load (${LOAD_SECONDS} s a run; CPU in % of one core, of ${report.machine.cpus}):`,
      '',
      '| system | clients | requests/s | errors | p50 ms | p99 ms | RSS at rest MB | RSS under load MB | API CPU % | Neo4j CPU % |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const [system, runs] of Object.entries(r.load)) {
      for (const l of runs) {
        lines.push(
          `| ${system} | ${l.clients} | ${l.requestsPerSecond} | ${l.errors} | ${l.latencyP50} | ${l.latencyP99} | ${l.rssAtRestMb} | ${l.rssUnderLoadMb} | ${l.apiCpuPercent} | ${l.neo4jCpuPercent} |`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

// Only when run: the load test imports the helpers above.
if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
