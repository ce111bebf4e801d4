// `mediagraph <command>`: start | serve | load PATH... | ingest PATH... | migrate | generate |
// extract | export | neo4j (see USAGE)
import { ConfigError, loadConfig, loadDotEnv, PROJECT_ROOT, type Config } from '../config';
import { createHttpServer } from '../api/http';
import { createApi } from '../api/server';
import { InputError } from '../ingest/errors';
import { generateCorpus } from '../generate/corpus';
import { parseGenerateArgs } from '../generate/args';
import { WriteRefused } from '../graph/errors';
import { ingestFiles } from '../ingest/ingest-files';
import { load, type LoadSummary } from '../ingest/load';
import { bulkLoad, BulkRefused } from '../ingest/bulk';
import { curationReportLines, matchReportLines } from './curation-report';
import { EXTRACT_USAGE, ExtractRefused, ExtractUsageError, extractCommand } from './extract';
import { EXPORT_USAGE, ExportUsageError, exportCommand, parseExportArgs } from './export';
import { LocalNeo4jError, startLocalNeo4j } from '../local-neo4j/server';
import { ensureLocalCredentials } from '../local-neo4j/credentials';
import { KEYS_USAGE, keysCommand, KeysUsageError } from './keys';
import { openRuntime } from './runtime';
import { CLI_AUTHOR } from '../graph/api-keys';

const USAGE = `Usage: mediagraph <command>

  start        start Neo4j (the local one unless NEO4J_URI is set), migrate, load the seeds
               and serve the GraphQL API; Ctrl-C stops all of it
  serve        the same without loading the seeds
  load PATH... [--overwrite-curation]
               validate and load annotation files or folders of them, in path order;
               values analysts curated are kept (and reported) unless --overwrite-curation
  load --bulk PATH...
               the same files into an EMPTY local database with Neo4j's importer (much
               faster; the local Neo4j must not be running; not with NEO4J_URI)
  ingest FILE|DIR... [--out DIR] [--overwrite-curation]
               extract English articles (.txt, .html, .htm; a DIR gives every one below it)
               and load what the extractor finds as load does, with the graph's actors as
               known actors: every file is read and extracted before anything is written;
               --out DIR keeps the annotations and texts there
  migrate      create the constraints and indexes (idempotent)
  ${KEYS_USAGE}
               manage API keys: a new key is printed once; keys are stored hashed
  generate --articles N [--seed S] --out DIR
               write a deterministic synthetic corpus of N annotated articles (benchmarks)
  ${EXTRACT_USAGE}
               extract events from English articles (.txt, .html, .htm; a DIR gives every one
               below it): with --out, <id>.json annotations and their <id>.txt texts, ready for
               load (or, with --format events, <name>.json event lists); without --out, one
               file's result on stdout. Files that are no article are skipped and named (exit 1)
  ${EXPORT_USAGE}
               write the events that a filter (JSON of GraphQL's EventFilter) selects, with their
               actors, articles, quotes and claims, as GraphML or GEXF (Gephi), CSV nodes and edges
               (--out a folder, or a prefix for PATH-nodes.csv and PATH-edges.csv), JSON Lines of
               events with their evidence, or an ICEWS-style CAMEO event table (docs/export.md)
  neo4j        run only the local Neo4j, with Neo4j Browser, until Ctrl-C (exit 1 if it dies)

Settings come from the environment or .env (see .env.example).`;

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

async function start(config: Config, options: { seed: boolean }): Promise<void> {
  const t0 = Date.now();
  // An external Neo4j that is down does not stop the API: it serves, and connects (then seeds)
  // once Neo4j is back.
  const runtime = await openRuntime(config, log, {
    waitForNeo4j: true,
    requestTimeoutMs: config.queryTimeoutMs,
    whenConnected: async (graph) => {
      if (!options.seed) return;
      // Seeds never overwrite curation: an analyst's correction outlives every restart.
      const summary = await load(graph, config.seedsDir);
      log(
        `Loaded ${summary.articles} article(s), ${summary.events} event(s) from ${config.seedsDir}.`,
      );
      curationReportLines(summary.curation, summary.files).forEach((l) => log(l));
    },
  });
  try {
    const server = createHttpServer(createApi(runtime.graph, config), config.limits);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.http.port, config.http.host, resolve);
    });
    // Caught before the line that invites Ctrl-C: a script (or a quick hand) may send it as soon
    // as that line shows, and on a busy machine before the next statement would have run.
    const signalled = untilSignal();
    const base = `http://${config.http.host}:${config.http.port}`;
    const state = runtime.connecting ? 'serving (waiting for Neo4j)' : 'ready';
    log(`\nmediagraph is ${state} after ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    log(`  GraphQL and GraphiQL: ${base}/graphql`);
    log(`  Health:               ${base}/health  ${base}/ready`);
    if (config.neo4j.local) {
      log(`  Neo4j Browser:        http://127.0.0.1:${config.neo4j.local.httpPort}/browser/`);
      log(`                        (connect to ${config.neo4j.uri} as ${config.neo4j.user})`);
      // Both are typed into Browser's editor: the style in one command, no file to drag.
      log(`  Browser style:        :style ${base}/browser/mediagraph.grass`);
      log(`  Browser guide:        :guide ${base}/browser/guide.html`);
    } else {
      log(`  Neo4j:                ${config.neo4j.uri}`);
    }
    log('Press Ctrl-C to stop.');
    // A Neo4j that refuses us once it is back (a wrong password) stops the API with its reason;
    // so does the local Neo4j of this process dying under it, which nothing would restart.
    const refused = new Promise<Error>((resolve) => void runtime.connecting?.catch(resolve));
    const died = runtime.neo4j?.died ?? new Promise<never>(() => {});
    const outcome = await Promise.race([signalled, refused, died]);
    if (typeof outcome === 'string') log(`\n${outcome}: stopping ...`);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (outcome instanceof Error) throw outcome;
  } finally {
    await runtime.close();
  }
  log('Stopped.');
}

async function loadCommand(config: Config, args: string[]): Promise<void> {
  const overwriteCuration = args.includes('--overwrite-curation');
  const bulk = args.includes('--bulk');
  const inputs = args.filter((a) => a !== '--overwrite-curation' && a !== '--bulk');
  const unknown = inputs.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`load: unknown option '${unknown}'`);
  if (inputs.length === 0) {
    throw new UsageError('load needs a PATH: an annotation file or a folder of them');
  }
  if (bulk) {
    // An empty database holds no analysts' work to overwrite.
    if (overwriteCuration)
      throw new UsageError('load: --bulk and --overwrite-curation exclude each other');
    const s = await bulkLoad(config, inputs, { progress: true, log });
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    log(
      `Bulk-loaded ${s.articles} article(s), ${s.events} event(s) (${s.nodes} nodes, ` +
        `${s.relationships} relationships) in ${sec(s.ms)} s: validation ${sec(s.phases.validate)} s, ` +
        `CSV ${sec(s.phases.csv)} s, import ${sec(s.phases.import)} s, schema ${sec(s.phases.schema)} s ` +
        `(peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB).`,
    );
    return;
  }
  const runtime = await openRuntime(config, log);
  try {
    // Every file is validated before anything is written (links may name loaded events).
    const summary = await load(runtime.graph, inputs, { progress: true, overwriteCuration });
    loadReport(summary);
  } finally {
    await runtime.close();
  }
}

/** What a load (or an ingest) wrote, and what it met of analysts' work. */
function loadReport(summary: LoadSummary): void {
  const rate = summary.events / Math.max(summary.ms / 1000, 0.001);
  log(
    `Loaded ${summary.articles} article(s), ${summary.events} event(s) in ${(summary.ms / 1000).toFixed(1)} s ` +
      `(${Math.round(rate)} events/s, peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB).`,
  );
  curationReportLines(summary.curation, summary.files).forEach((l) => log(l));
  matchReportLines(summary.joined, summary.possibleDuplicates).forEach((l) => log(l));
}

async function ingestCommand(config: Config, args: string[]): Promise<void> {
  const overwriteCuration = args.includes('--overwrite-curation');
  const inputs: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--overwrite-curation') continue;
    if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (!value || value.startsWith('--')) throw new UsageError('ingest: --out needs a DIR');
      out = value;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`ingest: unknown option '${arg}'`);
    } else inputs.push(arg);
  }
  if (inputs.length === 0) {
    throw new UsageError('ingest needs a FILE or DIR of articles (.txt, .html, .htm)');
  }
  const runtime = await openRuntime(config, log);
  try {
    const summary = await ingestFiles(runtime.graph, inputs, {
      progress: true,
      overwriteCuration,
      out,
      author: { ...CLI_AUTHOR, keyName: 'mediagraph ingest' },
    });
    loadReport(summary);
    if (summary.noEvents.length > 0) {
      log(`No events found in ${summary.noEvents.length} file(s), so they were not loaded:`);
      summary.noEvents.forEach((f) => log(`  ${f}`));
    }
    if (summary.out) log(`The annotations and their texts are in ${summary.out}.`);
  } finally {
    await runtime.close();
  }
}

async function generateCommand(argv: string[]): Promise<void> {
  let args;
  try {
    args = parseGenerateArgs(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const t0 = Date.now();
  const summary = await generateCorpus({
    ...args,
    onProgress: (done) => process.stderr.write(`generated ${done}/${args.articles} articles\n`),
  }).catch((e: unknown) => {
    // Its refusals (a folder that is not empty, bad numbers) are the caller's to fix.
    throw new UsageError((e as Error).message);
  });
  log(
    `Wrote ${summary.articles} article(s), ${summary.events} event(s), ${summary.actors} actor(s) ` +
      `to ${args.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
  );
}

async function migrateCommand(config: Config): Promise<void> {
  const runtime = await openRuntime(config, log);
  await runtime.close();
  log('Constraints, indexes, integer offsets and captions are in place.');
}

async function neo4jCommand(config: Config): Promise<void> {
  const local = config.neo4j.local;
  if (!local) throw new UsageError('NEO4J_URI is set: there is no local Neo4j to run');
  const neo4j = await startLocalNeo4j(local, PROJECT_ROOT, log);
  try {
    await ensureLocalCredentials(config.neo4j.uri, config.neo4j.user, config.neo4j.password);
    const signalled = untilSignal();
    log(`Neo4j is up: Bolt ${neo4j.boltUri}, Browser ${neo4j.browserUrl}. Ctrl-C stops it.`);
    const outcome = await Promise.race([signalled, neo4j.died]);
    if (outcome instanceof Error) throw outcome;
  } finally {
    await neo4j.stop();
  }
}

async function keysRun(config: Config, args: string[]): Promise<void> {
  // Progress lines go to stderr: stdout carries only what a script may want, such as a new key.
  const runtime = await openRuntime(config, (line) => process.stderr.write(`${line}\n`));
  try {
    await keysCommand(runtime.graph, args, log);
  } catch (e) {
    throw e instanceof KeysUsageError ? new UsageError(e.message) : e;
  } finally {
    await runtime.close();
  }
}

async function extractRun(args: string[]): Promise<void> {
  try {
    await extractCommand(args, {
      stdout: (text) => process.stdout.write(text),
      stderr: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (e) {
    throw e instanceof ExtractUsageError ? new UsageError(e.message) : e;
  }
}

async function exportRun(config: Config, args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseExportArgs(args);
  } catch (e) {
    throw e instanceof ExportUsageError ? new UsageError(e.message) : e;
  }
  // With --out - the export is stdout: everything else goes to stderr.
  const say = parsed.out === '-' ? (line: string) => process.stderr.write(`${line}\n`) : log;
  const runtime = await openRuntime(config, (line) => process.stderr.write(`${line}\n`));
  try {
    const s = await exportCommand(runtime.graph, parsed);
    say(
      `Exported ${s.events} event(s), ${s.nodes} node(s) as ${s.format} to ${s.files.join(' and ') || 'standard output'} in ${(s.ms / 1000).toFixed(1)} s (peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB).`,
    );
  } catch (e) {
    throw e instanceof ExportUsageError ? new UsageError(e.message) : e;
  } finally {
    await runtime.close();
  }
}

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    log(USAGE);
    return command ? 0 : 2;
  }
  try {
    loadDotEnv();
    const config = loadConfig();
    switch (command) {
      case 'start':
        await start(config, { seed: true });
        break;
      case 'serve':
        await start(config, { seed: false });
        break;
      case 'load':
        await loadCommand(config, rest);
        break;
      case 'ingest':
        await ingestCommand(config, rest);
        break;
      case 'generate':
        await generateCommand(rest);
        break;
      case 'keys':
        await keysRun(config, rest);
        break;
      case 'extract':
        await extractRun(rest);
        break;
      case 'export':
        await exportRun(config, rest);
        break;
      case 'migrate':
        await migrateCommand(config);
        break;
      case 'neo4j':
        await neo4jCommand(config);
        break;
      default:
        throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
    }
    return 0;
  } catch (e) {
    if (
      e instanceof InputError ||
      e instanceof ConfigError ||
      e instanceof LocalNeo4jError ||
      e instanceof UsageError ||
      e instanceof WriteRefused ||
      e instanceof BulkRefused ||
      e instanceof ExtractRefused
    ) {
      process.stderr.write(`mediagraph: ${e.message}\n`);
      return e instanceof UsageError ? 2 : 1;
    }
    process.stderr.write(
      `mediagraph: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
