// Guarantee 2: a bulk load cut short (Neo4j or the loader SIGKILLed between its first and its
// last batch) leaves whole batches only, and loading again gives exactly the graph of one
// clean load: same fingerprint. Loading twice gives it too.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { fingerprint, summarize, type Fingerprint } from '../support/fingerprint';
import { graphql, httpStatus, spawnCli, type CliChild } from './cli';
import { countArticles, expectedFor, graphCounts, type Corpus } from './corpus';
import type { FaultsNeo4j } from './neo4j';
import { checkApiWithoutNeo4j, type RunningApi } from './api-down';
import { log, seconds, until, type Report } from './report';

/** Articles per write transaction, as the loader documents it. */
const BATCH = 100;

const wipeQuery = defineQuery(
  'faultsWipe',
  'MATCH (n) DETACH DELETE n RETURN count(*) AS n',
  z.object({ n: z.number() }),
);

const openTransactions = defineQuery(
  'faultsOpenTransactions',
  `SHOW TRANSACTIONS YIELD database, currentQuery
   WHERE database = 'neo4j' AND NOT currentQuery CONTAINS 'faultsOpenTransactions'
   RETURN count(*) AS n`,
  z.object({ n: z.number() }),
);

export interface LoadContext {
  report: Report;
  neo4j: FaultsNeo4j;
  graph: Graph;
  corpus: Corpus;
}

async function wipe(ctx: LoadContext): Promise<void> {
  const t0 = Date.now();
  await ctx.graph.write(wipeQuery);
  const left = await fingerprint(ctx.graph);
  if (left.nodes + left.relationships > 0) throw new Error(`wipe left ${summarize(left)}`);
  log(`       database emptied in ${seconds(t0)} s`);
}

/** A load to its end; throws unless it reports every article. */
async function loadAll(ctx: LoadContext): Promise<string> {
  const t0 = Date.now();
  const loader = spawnCli(['load', ctx.corpus.dir], ctx.neo4j.env());
  const code = await loader.exitWithin(240_000);
  const n = ctx.corpus.articles.length;
  if (code !== 0 || !loader.output().includes(`Loaded ${n} article(s)`)) {
    throw new Error(`load exited ${code}:\n${loader.output()}`);
  }
  return seconds(t0);
}

/** Starts a load and returns as soon as its first batch is committed. */
async function loadUntilMidway(ctx: LoadContext): Promise<{ loader: CliChild; seen: number }> {
  const t0 = Date.now();
  const loader = spawnCli(['load', ctx.corpus.dir], ctx.neo4j.env());
  const seen = await until(
    'a first batch committed',
    async () => (loader.running() ? countArticles(ctx.graph) : -1),
    (count) => count !== 0,
    180_000,
    100,
  );
  if (seen < 0) throw new Error(`the load ended before a batch was seen:\n${loader.output()}`);
  log(`       a first batch committed ${seconds(t0)} s after the loader started`);
  return { loader, seen };
}

/** What a cut-short load left: the first k whole batches, nothing of the others. */
async function checkWholeBatches(ctx: LoadContext, fault: string, seen: number): Promise<void> {
  const { report, corpus } = ctx;
  const total = corpus.articles.length;
  report.check(
    `${fault}: it landed mid-load`,
    seen > 0 && seen < total,
    `${seen} of ${total} articles committed when it struck`,
  );
  const got = await graphCounts(ctx.graph);
  const n = got.reports.size;
  report.check(
    `${fault}: committed batches survive, the cut one is gone`,
    n >= seen && n < total && n % BATCH === 0,
    `${n} articles in the graph: ${n / BATCH} whole batches of ${BATCH}`,
  );
  const want = expectedFor(corpus, n);
  const strangers = [...got.reports.keys()].filter((id) => !want.reports.has(id));
  report.check(
    `${fault}: the articles are the first ${n} of the load`,
    strangers.length === 0,
    strangers.length === 0
      ? `${want.ids[0]} to ${want.ids[n - 1]}`
      : `${strangers.length} others, e.g. ${strangers.slice(0, 3).join(', ')}`,
  );
  const halfWritten = want.ids.filter((id) => got.reports.get(id) !== want.reports.get(id));
  report.check(
    `${fault}: no article half-written`,
    halfWritten.length === 0,
    halfWritten.length === 0
      ? `each of the ${n} articles reports all its events (${want.events} in all)`
      : `${halfWritten.length} articles miss events, e.g. ${halfWritten.slice(0, 3).join(', ')}`,
  );
  report.equal(
    `${fault}: nothing of later batches (events, quotes, claims, actors)`,
    [got.events, got.quotes, got.claims, got.actors],
    [want.events, want.quotes, want.claims, want.actors],
  );
}

/** The labels or types whose counts differ, as `name got/expected`. */
function countDiff(got: Record<string, number>, want: Record<string, number>): string[] {
  const keys = [...new Set([...Object.keys(got), ...Object.keys(want)])].sort();
  return keys.filter((k) => got[k] !== want[k]).map((k) => `${k} ${got[k] ?? 0}/${want[k] ?? 0}`);
}

function compare(report: Report, name: string, got: Fingerprint, reference: Fingerprint): void {
  const same = isDeepStrictEqual(got, reference);
  const diff = [
    ...countDiff(got.byLabel, reference.byLabel),
    ...countDiff(got.byType, reference.byType),
  ];
  report.check(
    name,
    same,
    same
      ? summarize(got)
      : `${summarize(got)}, expected ${summarize(reference)}` +
          (diff.length > 0 ? `; counts differ: ${diff.join(', ')}` : '; same counts, other values'),
  );
}

/** A clean load into an empty database, whose fingerprint the others must match; then again. */
export async function cleanLoadTwice(ctx: LoadContext): Promise<Fingerprint> {
  const { report, corpus } = ctx;
  await wipe(ctx);
  const took = await loadAll(ctx);
  const reference = await fingerprint(ctx.graph);
  const got = await graphCounts(ctx.graph);
  const want = expectedFor(corpus, corpus.articles.length);
  report.check(
    'a clean load writes the whole corpus',
    got.reports.size === corpus.articles.length &&
      got.events === corpus.events &&
      [...want.reports].every(([id, events]) => got.reports.get(id) === events) &&
      isDeepStrictEqual(
        [got.quotes, got.claims, got.actors],
        [want.quotes, want.claims, want.actors],
      ) &&
      reference.nodesWithoutId === 0,
    `${got.reports.size} articles, ${got.events} events, ${got.quotes} quotes, ${got.claims} claims, ` +
      `${got.actors} actors in ${took} s; ${summarize(reference)}`,
  );
  log(`       nodes per label: ${JSON.stringify(reference.byLabel)}`);
  log(`       relationships per type: ${JSON.stringify(reference.byType)}`);
  const again = await loadAll(ctx);
  compare(
    report,
    `loading again changes nothing (${again} s)`,
    await fingerprint(ctx.graph),
    reference,
  );
  return reference;
}

export async function neo4jKilledMidLoad(
  ctx: LoadContext,
  reference: Fingerprint,
  api: RunningApi | null,
): Promise<void> {
  const fault = 'Neo4j SIGKILLed';
  await wipe(ctx);
  const { loader, seen } = await loadUntilMidway(ctx);
  await ctx.neo4j.kill();
  // The loader retries for a while, then must fail rather than claim the load; the API is
  // asked meanwhile.
  const [code] = await Promise.all([
    loader.exitWithin(120_000),
    api && checkApiWithoutNeo4j(ctx.report, api, 'Neo4j killed under the API'),
  ]);
  ctx.report.check(
    `${fault}: the loader fails`,
    code !== 0 && !/Loaded \d+ article/.test(loader.output()),
    `exit ${code}`,
  );
  const t0 = Date.now();
  await ctx.neo4j.start();
  ctx.report.check(`${fault}: Neo4j restarts on its data`, true, `up in ${seconds(t0)} s`);
  await checkWholeBatches(ctx, fault, seen);
  if (api) {
    const ready = await until(
      '/ready',
      () => httpStatus(`${api.base}/ready`),
      (s) => s === 200,
      60_000,
      500,
    );
    const r = await graphql(api.base, '{ articles(first: 1) { totalCount } }');
    ctx.report.check(
      'the API recovers by itself after Neo4j restarts',
      ready === 200 && typeof r.data?.articles?.totalCount === 'number',
      `/ready ${ready}; articles.totalCount ${r.data?.articles?.totalCount}`,
    );
  }
  await reloadMatches(ctx, fault, reference);
}

/** Runs the whole load again and checks the graph is the clean load's, fingerprint for fingerprint. */
async function reloadMatches(
  ctx: LoadContext,
  fault: string,
  reference: Fingerprint,
): Promise<void> {
  const took = await loadAll(ctx);
  compare(
    ctx.report,
    `${fault}: loading again (${took} s) gives the clean load's graph`,
    await fingerprint(ctx.graph),
    reference,
  );
}

export async function loaderKilledMidLoad(ctx: LoadContext, reference: Fingerprint): Promise<void> {
  const fault = 'loader SIGKILLed';
  await wipe(ctx);
  const { loader, seen } = await loadUntilMidway(ctx);
  loader.kill('SIGKILL');
  await loader.exitWithin(30_000);
  // Neo4j rolls the dead loader's transaction back when it sees the connection gone; the
  // counts are read once nothing is in flight, so they cannot catch a batch half-seen.
  const t0 = Date.now();
  await until(
    "the dead loader's transaction ended",
    async () => (await ctx.graph.read(openTransactions))[0]?.n,
    (n) => n === 0,
    60_000,
  );
  log(`       its transaction ended ${seconds(t0)} s after the kill`);
  await checkWholeBatches(ctx, fault, seen);
  await reloadMatches(ctx, fault, reference);
}
