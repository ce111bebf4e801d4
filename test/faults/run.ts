// `npm run test:faults`: the fault guarantees of issue 4, checked against a real Neo4j of the
// run's own (ports 27687/27474, data in var/neo4j-faults, wiped at start) with the built CLI.
//
//   1. The API starts while an external Neo4j is down, says so, and recovers by itself.
//   2. A bulk load cut short by SIGKILL (of Neo4j, or of the loader) and run again gives exactly
//      the graph of one clean load; so does loading twice.
//   3. The local Neo4j lives and dies with the mediagraph that started it: no Java is left after
//      any exit, a leftover is stopped by the next start, a Neo4j that is not ours is refused,
//      and a Neo4j that dies ends mediagraph with its log (lifecycle.ts).
//
// It ends with the line `faults: N passed, M failed` and exits 1 if any check failed.
// `-- --only api,load,neo4j-kill,loader-kill,api-kill,leftover,neo4j-dies,foreign` runs some of
// the scenarios. FAULTS_PORT_BASE moves the run's fixed ports (see neo4j.ts).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { Graph } from '../../src/graph/driver';
import { apiStartsWithoutNeo4j, type RunningApi } from './api-down';
import { killAllChildren } from './cli';
import { makeCorpus } from './corpus';
import { cleanLoadTwice, loaderKilledMidLoad, neo4jKilledMidLoad } from './crash-load';
import {
  apiKilled,
  foreignRefused,
  leftoverStopped,
  neo4jDies,
  prepareLifecycle,
} from './lifecycle';
import { FaultsNeo4j } from './neo4j';
import { log, Report, seconds } from './report';

/** Enough for several batches of 100, so that a kill lands between the first and the last. */
const ARTICLES = 300;
const SEED = 11;
const LOAD_SCENARIOS = ['load', 'neo4j-kill', 'loader-kill'] as const;
const LIFECYCLE_SCENARIOS = {
  'api-kill': ['the API SIGKILLed, then a start and Ctrl-C', apiKilled],
  leftover: [
    'the API and its watchdog SIGKILLed: the next start stops their Neo4j',
    leftoverStopped,
  ],
  'neo4j-dies': ['Neo4j dies under `mediagraph start` and `mediagraph neo4j`', neo4jDies],
  foreign: ['a Neo4j that is not ours on the ports', foreignRefused],
} as const;
const SCENARIOS = ['api', ...LOAD_SCENARIOS, ...Object.keys(LIFECYCLE_SCENARIOS)];

function chosenScenarios(argv: string[]): Set<string> {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',') : [...SCENARIOS];
  const unknown = only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}`);
  return new Set(only);
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const run = chosenScenarios(process.argv.slice(2));
  const report = new Report();
  const neo4j = new FaultsNeo4j();
  let graph: Graph | null = null;
  let api: RunningApi | null = null;
  const cleanUp = async () => {
    await killAllChildren();
    await graph?.close();
    await neo4j.stop();
  };
  // Ctrl-C must leave no Neo4j and no mediagraph behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }
  try {
    await neo4j.wipe();
    log(
      `Neo4j of the fault checks: ${neo4j.uri}, data in ${path.relative(PROJECT_ROOT, neo4j.local.home)}`,
    );
    if (run.has('api')) {
      api =
        (await report.scenario('the API starts while Neo4j is down', () =>
          apiStartsWithoutNeo4j(report, neo4j),
        )) ?? null;
    }
    if (LOAD_SCENARIOS.some((s) => run.has(s))) {
      // The load scenarios need it up, whatever became of the first one.
      if (!neo4j.up) await neo4j.start();
      const g = neo4j.graph();
      graph = g;
      const tc = Date.now();
      const corpus = await makeCorpus(ARTICLES, SEED);
      log(
        `\nCorpus: ${ARTICLES} articles, ${corpus.events} events (seed ${SEED}), in ${seconds(tc)} s`,
      );
      const ctx = { report, neo4j, graph: g, corpus };
      // Every crash is judged against this one clean load.
      const reference = await report.scenario('a clean load, then the same load again', () =>
        cleanLoadTwice(ctx),
      );
      if (reference && run.has('neo4j-kill')) {
        await report.scenario('Neo4j SIGKILLed in the middle of a load', () =>
          neo4jKilledMidLoad(ctx, reference, api),
        );
      }
      if (reference && run.has('loader-kill')) {
        await report.scenario('the loader SIGKILLed in the middle of a load', () =>
          loaderKilledMidLoad(ctx, reference),
        );
      }
    }
    if (api) {
      const { child } = api;
      await report.scenario('the API stops cleanly', async () => {
        child.kill('SIGINT');
        const code = await child.exitWithin(30_000);
        report.check(
          'Ctrl-C stops it',
          code === 0 && child.output().includes('Stopped.'),
          `exit ${code}`,
        );
      });
    }
    const lifecycle = Object.entries(LIFECYCLE_SCENARIOS).filter(([name]) => run.has(name));
    if (lifecycle.length > 0) {
      // They run Neo4j of their own; this one would only take memory and cores from them.
      await graph?.close();
      graph = null;
      await neo4j.stop();
      await prepareLifecycle();
      for (const [, [title, scenario]] of lifecycle) {
        await report.scenario(title, () => scenario(report));
      }
    }
  } catch (e) {
    report.check('the run itself', false, e instanceof Error ? (e.stack ?? e.message) : String(e));
  } finally {
    await cleanUp();
    await rm(path.join(PROJECT_ROOT, 'var', 'faults-corpus'), { recursive: true, force: true });
  }
  log(`\nFault checks took ${seconds(t0)} s.`);
  log(report.closingLine());
  return report.failed === 0 && report.passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`faults: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
