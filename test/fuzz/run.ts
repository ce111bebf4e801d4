// `npm run test:fuzz`: Schemathesis, the API fuzzer, in GraphQL mode against the API as it is
// deployed (its own process, production mode) over a Neo4j of the run's own (own ports, own data
// folder wiped at start) holding the seeds. It fuzzes twice: without a key, and with an editor
// key made with `mediagraph keys create`, so that the mutations run too; ingestArticle's
// annotation comes from the JSON generator of test/fuzz/hooks.py.
//
// A run fails on any HTTP 5xx, any answer that is not a JSON object, and any crash behind a 200
// (see hooks.py); each such answer is printed with its request. Without a key no mutation may
// write; with the editor key, ingestArticle must have written articles, or the annotations never
// got past validation and it was not really fuzzed. The closing line is `fuzz: N passed, M failed`.
//
//   npm run test:fuzz                    the full run: 300 cases per operation and phase
//   npm run test:fuzz -- --quick         the bounded run of CI: 25, a few minutes on 2 cores
//   ... -- --examples N --seed N --max-time S   (--max-time: fuzz on until S seconds are spent)
//
// FUZZ_NEO4J_BOLT_PORT / FUZZ_NEO4J_HTTP_PORT (57687 / 57474) and FUZZ_API_PORT (a free one) move it.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stop } from '../../bench/run';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../../src/config';
import { ensureLocalCredentials } from '../../src/local-neo4j/credentials';
import { freeLoopbackPort, startLocalNeo4j, type RunningNeo4j } from '../../src/local-neo4j/server';
import { closeRun, runCli, serveApi, type ServedApi } from '../support/deployed-api';
import { seedIds, writeConfig, writeSchema, writeSeedIds } from './inputs';
import {
  CHECKS,
  runSchemathesis,
  stopSchemathesis,
  type CheckName,
  type Finding,
  type FuzzSettings,
  type RunResult,
} from './schemathesis';
import { ensureVenv } from './venv';

const PASSWORD = 'mediagraph-fuzz';
const DIR = path.join(PROJECT_ROOT, 'var', 'fuzz');
const SEEDS = path.join(PROJECT_ROOT, 'seeds');
/** Far above what the fuzzer sends, so that the limiter never answers 429 to it. */
const RATE_LIMIT_PER_MINUTE = 1_000_000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number, not ${process.env[name]}`);
  }
  return value;
}

function settingsOf(argv: string[]): FuzzSettings {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const v = argv[i + 1];
    if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} needs a whole number`);
    return v;
  };
  const known = ['--quick', '--examples', '--seed', '--max-time'];
  const unknown = argv.filter((a) => a.startsWith('--') && !known.includes(a));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')}`);
  const quick = argv.includes('--quick');
  const maxTime = value('--max-time');
  const maxTimeS = maxTime === null ? null : Number(maxTime);
  return {
    examples: Number(value('--examples') ?? (quick ? 25 : 300)),
    maxTimeS,
    seed: value('--seed'),
    workers: 2,
    // A hang guard, not a speed target: far above what either run takes on 2 shared cores.
    limitS: (maxTimeS ?? 0) + (quick ? 900 : 3600),
  };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Checks per run: ran to the end, the three of hooks.py, and what the key may write. */
const CHECKS_PER_RUN = 5;

function judge(name: string, withKey: boolean, r: RunResult): Check[] {
  const report = r.report;
  const ran: Check = {
    name: `${name}: Schemathesis tested every operation, without errors`,
    ok:
      report !== null &&
      !r.timedOut &&
      report.complete &&
      report.operations.tested === report.operations.total &&
      report.operations.total > 0 &&
      report.operations.errored === 0 &&
      report.errors.length === 0 &&
      report.test_cases.generated > 0,
    detail: report
      ? `${report.test_cases.generated} cases, ${report.operations.tested}/${report.operations.total} operations, ` +
        `${report.errors.length} errors, ${report.stop_reason}, seed ${report.seed}`
      : r.timedOut
        ? 'stopped at its time limit, without a report'
        : `no report (exit ${r.exitCode})`,
  };
  const checks = (Object.keys(CHECKS) as CheckName[]).map((check): Check => {
    const found = r.findings.filter((f) => f.check === check).length;
    return {
      name: `${name}: ${CHECKS[check]}`,
      // Nothing found by a run that did not run says nothing.
      ok: report !== null && found === 0,
      detail: report === null ? 'did not run' : `${found} failing answers`,
    };
  });
  const mutations = r.calls.filter((c) => c.operation.startsWith('Mutation.'));
  const wrote = mutations.filter((c) => c.data);
  const ingested = wrote.filter((c) => c.operation === 'Mutation.ingestArticle').length;
  const writes: Check = withKey
    ? {
        name: `${name}: ingestArticle wrote articles (the annotations got past validation)`,
        ok: ingested > 0,
        detail: `${ingested} of ${mutations.filter((c) => c.operation === 'Mutation.ingestArticle').length} ingestArticle calls wrote`,
      }
    : {
        name: `${name}: no mutation wrote anything without a key`,
        ok: mutations.length > 0 && wrote.length === 0,
        detail: `${wrote.length} of ${mutations.length} mutation calls answered with data`,
      };
  return [ran, ...checks, writes];
}

/** Each distinct failure once (shrinking repeats it), with the shortest request that shows it. */
function distinct(findings: Finding[]): { finding: Finding; times: number }[] {
  const groups = new Map<string, { finding: Finding; times: number }>();
  for (const f of findings) {
    let message = f.answer.body.slice(0, 200);
    try {
      const errors = (JSON.parse(f.answer.body) as { errors?: { message?: string }[] }).errors;
      message = errors?.[0]?.message ?? message;
    } catch {
      // Not JSON: the body's start is the message.
    }
    const key = `${f.check} ${f.answer.status} ${message}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { finding: f, times: 1 });
    else {
      g.times++;
      if ((f.request.body ?? '').length < (g.finding.request.body ?? '').length) g.finding = f;
    }
  }
  return [...groups.values()];
}

function showFindings(name: string, findings: Finding[]): void {
  const groups = distinct(findings);
  if (groups.length === 0) return;
  log(
    `\n${name}: ${groups.length} distinct failing answers (all in var/fuzz/${name}-findings.ndjson):`,
  );
  for (const { finding: f, times } of groups.slice(0, 20)) {
    log(`\n  [${f.check}] ${f.reason} (${times} times)`);
    log(`  request: ${f.request.method} ${f.request.url}${f.request.key ? ' (with the key)' : ''}`);
    log(`    ${f.request.body ?? ''}`);
    log(`  answer: ${f.answer.status} ${f.answer.contentType ?? '(no content type)'}`);
    log(`    ${f.answer.body.slice(0, 1000)}`);
  }
}

async function main(): Promise<Check[]> {
  const t0 = Date.now();
  const settings = settingsOf(process.argv.slice(2));
  const local: LocalNeo4jConfig = {
    home: path.join(PROJECT_ROOT, 'var', 'neo4j-fuzz'),
    boltPort: port('FUZZ_NEO4J_BOLT_PORT', 57687),
    httpPort: port('FUZZ_NEO4J_HTTP_PORT', 57474),
    heap: '768m',
    pagecache: '256m',
    startTimeoutMs: 180_000,
  };
  const neo4jEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: `bolt://127.0.0.1:${local.boltPort}`,
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
  };
  let neo4j: Promise<RunningNeo4j> | null = null;
  let api: ServedApi | null = null;
  const cleanUp = async () => {
    stopSchemathesis();
    if (api) await stop(api.child);
    // A Neo4j still starting is stopped once up, so that none is left behind.
    await neo4j?.then(
      (n) => n.stop(),
      () => {},
    );
  };
  // Ctrl-C must leave neither the API, the fuzzer nor the run's Neo4j running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }

  try {
    mkdirSync(DIR, { recursive: true });
    rmSync(path.join(local.home, 'data'), { recursive: true, force: true });
    log(`Starting the fuzz run's Neo4j on ${local.boltPort} ...`);
    neo4j = startLocalNeo4j(local, PROJECT_ROOT, log);
    // The Python environment is made while Neo4j starts.
    log(ensureVenv(log));
    const up = await neo4j;
    await ensureLocalCredentials(up.boltUri, 'neo4j', PASSWORD);
    log(`  up after ${seconds(t0)} s; loading the seeds ...`);
    log(`  ${(await runCli(['load', SEEDS], neo4jEnv, /Loaded .*/))[0]}`);
    const key = (
      await runCli(
        ['keys', 'create', '--name', 'fuzz-editor', '--role', 'editor'],
        neo4jEnv,
        /^(mg_\S+)\n/m,
      )
    )[1]!;
    log('  an editor key made with `mediagraph keys create`');

    const ids = await seedIds(SEEDS);
    const schemaFile = writeSchema(DIR);
    const seedIdsFile = writeSeedIds(DIR, ids);
    const apiPort = process.env.FUZZ_API_PORT ? port('FUZZ_API_PORT', 0) : await freeLoopbackPort();
    api = await serveApi({
      ...neo4jEnv,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      MEDIAGRAPH_MODE: 'production',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    });
    log(`API up (production mode) after ${seconds(t0)} s: ${api.url}`);
    log(
      `Fuzzing: ${settings.examples} cases per operation and phase, ${settings.workers} workers` +
        (settings.maxTimeS === null ? '' : `, on for ${settings.maxTimeS} s`) +
        (settings.seed === null ? '' : `, seed ${settings.seed}`),
    );

    const checks: Check[] = [];
    const found: [string, Finding[]][] = [];
    for (const [name, runKey] of [
      ['no-key', null],
      ['editor', key],
    ] as const) {
      log(`\n== ${name}: Schemathesis ${runKey === null ? 'without a key' : 'with an editor key'}`);
      const tr = Date.now();
      const result = await runSchemathesis({
        name,
        dir: DIR,
        schemaFile,
        configFile: writeConfig(DIR, name, ids, runKey !== null),
        seedIdsFile,
        url: api.url,
        key: runKey,
        settings,
        log,
      });
      log(`== ${name}: exit ${result.exitCode} after ${seconds(tr)} s`);
      checks.push(...judge(name, runKey !== null, result));
      found.push([name, result.findings]);
    }
    // The API must still be up: a fuzz case that kills it fails every later one, but say so.
    const alive = api.child.exitCode === null && api.child.signalCode === null;
    checks.push({
      name: 'the API is still running after both runs',
      ok: alive,
      detail: alive ? 'yes' : `it exited:\n${api.output().slice(-3000)}`,
    });

    for (const [name, findings] of found) showFindings(name, findings);
    log('');
    for (const c of checks) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    log(`Fuzzing took ${seconds(t0)} s; reports and logs in var/fuzz/.`);
    return checks;
  } finally {
    await cleanUp();
  }
}

closeRun('fuzz', main, 2 * CHECKS_PER_RUN + 1);
