// `mediagraph load --bulk`: a corpus into an EMPTY local database through Neo4j's own importer,
// some ten times faster than the online loader. The files pass the same validation as `load`
// (same errors), are turned into the same properties (bulk-rows.ts) and written as CSV
// (bulk-csv.ts); then, with the server stopped, `neo4j-admin database import full` builds the
// store, and the server is started to create the schema as `start` does (migrate) and to set
// what the importer cannot write (empty lists, captions of renamed actors' events).
//
// Only the local Neo4j that mediagraph runs can be bulk-loaded: the importer writes its store
// files directly. Nothing is written to the database until every file has been validated and
// turned into CSV; a database that holds anything is refused, never overwritten.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT, type Config, type LocalNeo4jConfig } from '../config';
import { refreshCaptions, dependentsOf } from '../graph/captions';
import { defineQuery, Graph } from '../graph/driver';
import { migrate } from '../graph/migrations';
import { markIntegersStored } from '../graph/integer-properties';
import { markRolesStamped } from '../graph/stamp-roles';
import { createSearchIndex } from '../graph/search-index';
import { ensureLocalCredentials } from '../local-neo4j/credentials';
import { localDirs, neo4jLibDir, renderNeo4jConf } from '../local-neo4j/conf';
import {
  LocalNeo4jError,
  startLocalNeo4j,
  stopStrayNeo4j,
  type RunningNeo4j,
} from '../local-neo4j/server';
import { LINK_KINDS, PARTICIPANT_ROLES } from '../ontology';
import { toWriteBatch } from './batch';
import {
  ARRAY_DELIMITER,
  CsvSink,
  NODE_COLUMNS,
  REL_FILES,
  UnrepresentableValue,
} from './bulk-csv';
import { BulkGraph } from './bulk-rows';
import { InputError } from './errors';
import { createProgress, silentProgress } from './progress';
import { annotationFiles, rereadArticle, textPathOf } from './read';
import { validateAll } from './load';
import type { ValidArticle } from './validate';

/** Refused before anything was written: the database is not one a bulk load may fill. */
export class BulkRefused extends Error {}

export interface BulkOptions {
  progress?: boolean;
  log?: (line: string) => void;
  /** Keep the CSV files (in NEO4J_HOME/bulk-import) after the import, to look at them. */
  keepCsv?: boolean;
}

export interface BulkSummary {
  articles: number;
  events: number;
  nodes: number;
  relationships: number;
  /** Milliseconds of each phase. */
  phases: { validate: number; csv: number; import: number; schema: number };
  ms: number;
}

/** The importer's Java heap and its off-heap cache: modest, as the server is stopped meanwhile. */
const IMPORT_HEAP = '1g';
const IMPORT_OFF_HEAP = '2g';
/** Nodes whose empty lists are set in one transaction after the import. */
const FIX_BATCH = 10_000;

const counted = z.object({ n: z.number() });

const countNodes = defineQuery('bulkCountNodes', 'MATCH (n) RETURN count(n) AS n', counted);

/** Refuses a Neo4j that mediagraph does not run, which the importer cannot write to. */
export function localOnly(config: Config): LocalNeo4jConfig {
  const local = config.neo4j.local;
  if (!local) {
    throw new BulkRefused(
      `load --bulk writes the store files of the local Neo4j that mediagraph runs, with the ` +
        `server stopped; NEO4J_URI points at ${config.neo4j.uri}, which mediagraph does not run. ` +
        'Unset NEO4J_URI to bulk-load into the local Neo4j (NEO4J_HOME), or load without --bulk ' +
        '(the online loader writes to any Neo4j).',
    );
  }
  return local;
}

function graphOf(config: Config): Graph {
  return new Graph({
    uri: config.neo4j.uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    timeoutMs: 600_000,
  });
}

async function started(
  config: Config,
  local: LocalNeo4jConfig,
  log: (line: string) => void,
): Promise<{ server: RunningNeo4j; graph: Graph }> {
  const server = await startLocalNeo4j(local, PROJECT_ROOT, log);
  try {
    await ensureLocalCredentials(config.neo4j.uri, config.neo4j.user, config.neo4j.password);
    return { server, graph: graphOf(config) };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/**
 * Refuses a database that holds anything. One never started has no store to ask; otherwise the
 * server is started (and stopped again) to count its nodes.
 */
async function refuseNonEmpty(
  config: Config,
  local: LocalNeo4jConfig,
  log: (line: string) => void,
): Promise<void> {
  const store = path.join(localDirs(local).data, 'databases', config.neo4j.database);
  if (!existsSync(store)) return;
  const { server, graph } = await started(config, local, log);
  let n: number;
  try {
    n = (await graph.read(countNodes))[0]?.n ?? 0;
  } finally {
    await graph.close();
    await server.stop();
  }
  if (n > 0) {
    throw new BulkRefused(
      `The database '${config.neo4j.database}' of the local Neo4j in ${local.home} holds ${n} ` +
        'node(s): load --bulk only fills an empty database, and never overwrites one. To add ' +
        'these files to it, load them without --bulk; to replace it, delete ' +
        `${localDirs(local).data} (everything in it is lost, API keys too) and run load --bulk again.`,
    );
  }
}

/** A file's size and modification time: whether it changed between two passes. */
const stamp = (file: string) => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
};

/**
 * What the CSV pass needs from validation: the ids of events, quotes and claims that more than
 * one file uses (see bulk-rows.ts), and each file's stamp, so that the CSV pass reads the files
 * again without validating them twice (a file changed in between is refused).
 */
function recurringIds() {
  const stamps = new Map<string, string>();
  const seen = { events: new Set<string>(), quotes: new Set<string>(), claims: new Set<string>() };
  const recurring = {
    events: new Set<string>(),
    quotes: new Set<string>(),
    claims: new Set<string>(),
  };
  const note = (kind: keyof typeof seen, id: string) => {
    if (seen[kind].has(id)) recurring[kind].add(id);
    else seen[kind].add(id);
  };
  return {
    recurring,
    earlierEvent: (id: string) => seen.events.has(id),
    unchanged: (file: string, textPath: string) =>
      stamps.get(file) === `${stamp(file)}\n${stamp(textPath)}`,
    visit: (a: ValidArticle) => {
      const x = a.annotation;
      stamps.set(a.file, `${stamp(a.file)}\n${stamp(textPathOf(a.file, x.article.textFile))}`);
      x.events.forEach((e) => note('events', e.id));
      (x.quotes ?? []).forEach((q) => note('quotes', q.id));
      (x.claims ?? []).forEach((c) => note('claims', c.id));
    },
  };
}

function runImporter(local: LocalNeo4jConfig, database: string, args: string[], report: string) {
  const libDir = neo4jLibDir(PROJECT_ROOT);
  const dirs = localDirs(local);
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // The importer reads the server's configuration: where the store goes.
  writeFileSync(path.join(dirs.conf, 'neo4j.conf'), renderNeo4jConf(local, libDir));
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const argv = [
    `-Xmx${IMPORT_HEAP}`,
    '-cp',
    path.join(libDir, '*'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // Before the options: --nodes and --relationships take any number of files after them.
    database,
    '--id-type=string',
    `--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
    // Texts and evidence hold line breaks.
    '--multiline-fields=true',
    // The store of an empty database (refuseNonEmpty) is replaced: it holds nothing to lose.
    '--overwrite-destination=true',
    `--max-off-heap-memory=${IMPORT_OFF_HEAP}`,
    `--report-file=${report}`,
    ...args,
  ];
  return new Promise<string>((resolve, reject) => {
    const child = spawn(java, argv, {
      env: { ...process.env, NEO4J_HOME: local.home, NEO4J_CONF: dirs.conf },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) {
        resolve(out);
        return;
      }
      // What a failed import leaves is unusable; the database was empty before (refuseNonEmpty).
      for (const sub of ['databases', 'transactions']) {
        rmSync(path.join(dirs.data, sub, database), { recursive: true, force: true });
      }
      reject(
        new LocalNeo4jError(
          `Neo4j's importer failed (exit code ${code}); the database was left empty. Its ` +
            `report is ${report}; the end of its output:\n${out.trim().split('\n').slice(-15).join('\n')}`,
        ),
      );
    });
  });
}

/**
 * The importer stores no empty list: such properties are set to [] here, a page of nodes (and
 * the relationships they start) at a time, in the order of the id constraint that migrate made.
 */
function emptyListFixes() {
  const setIfNull = (v: string, props: string[]) =>
    props
      .map(
        (p) =>
          `FOREACH (_ IN CASE WHEN ${v}.${p} IS NULL THEN [1] ELSE [] END | SET ${v}.${p} = [])`,
      )
      .join('\n  ');
  const lists = (columns: readonly (readonly [string, string])[]) =>
    columns.filter(([, t]) => t.endsWith('[]')).map(([name]) => name);
  return (Object.keys(NODE_COLUMNS) as (keyof typeof NODE_COLUMNS)[]).map((space) => {
    const rels = Object.entries(REL_FILES).filter(
      ([, spec]) => spec.from === space && lists(spec.columns).length > 0,
    );
    const calls = rels.map(([file, spec]) => {
      const types =
        file === 'roles'
          ? PARTICIPANT_ROLES.join('|')
          : file === 'links'
            ? LINK_KINDS.join('|')
            : { mentions: 'MENTIONS', reports: 'REPORTS', positions: 'HOLDS_POSITION' }[file];
      return `CALL (n) {
    MATCH (n)-[r:${types}]->(:${spec.to})
    ${setIfNull('r', lists(spec.columns))}
  }`;
    });
    return defineQuery(
      `bulkEmptyLists${space}`,
      `MATCH (n:${space}) WHERE n.id > $after
  WITH n ORDER BY n.id LIMIT toInteger($batch)
  ${setIfNull('n', lists(NODE_COLUMNS[space]))}
  WITH n
  ${calls.join('\n  ')}
  RETURN count(n) AS n, max(n.id) AS last`,
      z.object({ n: z.number(), last: z.string().nullable() }),
    );
  });
}
const EMPTY_LIST_FIXES = emptyListFixes();

async function setEmptyLists(graph: Graph): Promise<void> {
  for (const query of EMPTY_LIST_FIXES) {
    for (let after = ''; ;) {
      const [done] = await graph.write(query, { after, batch: FIX_BATCH });
      if (!done?.last || done.n < FIX_BATCH) break;
      after = done.last;
    }
  }
}

export async function bulkLoad(
  config: Config,
  input: string | readonly string[],
  options: BulkOptions = {},
): Promise<BulkSummary> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const local = localOnly(config);
  // A Neo4j another mediagraph runs on this home is refused; one an earlier run left is stopped.
  await stopStrayNeo4j(local, log);

  const files: string[] = [];
  for (const p of typeof input === 'string' ? [input] : input) {
    const found = await annotationFiles(p);
    if (found.length === 0) {
      throw new InputError([{ file: p, field: '', reason: 'holds no annotation (*.json) files' }]);
    }
    files.push(...found);
  }
  const report = (label: string) =>
    options.progress ? createProgress(label, files.length) : silentProgress;

  // 1. The same validation as `load`, with an empty graph; ids used by several files are noted.
  const ids = recurringIds();
  const total = await validateAll(files, null, report('validated'), ids);
  const tValidated = Date.now();

  // 2. The CSV files, article by article, in the online loader's order.
  const csvDir = path.join(local.home, 'bulk-import');
  rmSync(csvDir, { recursive: true, force: true });
  mkdirSync(csvDir, { recursive: true });
  const sink = new CsvSink(csvDir);
  const graphRows = new BulkGraph(sink, ids.recurring);
  const progress = report('written as CSV');
  let events = 0;
  try {
    for (const [i, file] of files.entries()) {
      // Validated above; a file changed since then is refused rather than half-trusted.
      const article = rereadArticle(file, ids.unchanged);
      if (!article) {
        throw new InputError([
          {
            file,
            field: '',
            reason: 'changed while it was being loaded (after validation); nothing was written',
          },
        ]);
      }
      if (article.annotation.extraction) {
        throw new InputError([
          {
            file,
            field: 'extraction',
            reason:
              'load --bulk takes hand-made annotations only: extracted ones are matched with the ' +
              "graph's events as they are written; load them without --bulk",
          },
        ]);
      }
      try {
        graphRows.add(toWriteBatch([article]));
      } catch (e) {
        if (!(e instanceof UnrepresentableValue)) throw e;
        throw new InputError([{ file, field: '', reason: `${e.message}; load it without --bulk` }]);
      }
      events += article.annotation.events.length;
      progress.update(i + 1, events);
      await sink.drain();
    }
    graphRows.finish();
  } finally {
    await sink.close();
  }
  progress.finish(files.length, events);
  const tCsv = Date.now();

  // 3. The store, with the server stopped, if its database is empty.
  await refuseNonEmpty(config, local, log);
  log(`Importing ${sink.nodes} nodes and ${sink.relationships} relationships ...`);
  await runImporter(
    local,
    config.neo4j.database,
    sink.importArgs(),
    path.join(localDirs(local).logs, 'bulk-import.report'),
  );
  const tImported = Date.now();

  // 4. The schema, as `start` makes it, and what the importer cannot write.
  const { server, graph } = await started(config, local, log);
  // Each step says how long it took: on a large corpus this phase is minutes of index building.
  const step = async (what: string, run: () => Promise<unknown>) => {
    const t = Date.now();
    await run();
    log(`  ${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    // typeText is written already: the search index is created as it is, not backfilled.
    await step('search index', () => createSearchIndex(graph));
    await step('constraints and indexes', async () => {
      // The role order keys came in with the relationships (bulk-rows.ts): nothing to stamp.
      await markRolesStamped(graph);
      // The importer stores offsets as the long[] columns say: nothing to convert.
      await markIntegersStored(graph);
      await migrate(graph);
    });
    await step('empty lists', () => setEmptyLists(graph));
    if (graphRows.renamed.size > 0) {
      await step('captions of renamed actors', () =>
        graph.writeTx(async (tx) => {
          await refreshCaptions(tx, await dependentsOf(tx, [...graphRows.renamed]));
        }),
      );
    }
  } finally {
    await graph.close();
    await server.stop();
  }
  if (!options.keepCsv) rmSync(csvDir, { recursive: true, force: true });
  const tDone = Date.now();
  return {
    articles: total.articles,
    events: total.events,
    nodes: sink.nodes,
    relationships: sink.relationships,
    phases: {
      validate: tValidated - t0,
      csv: tCsv - tValidated,
      import: tImported - tCsv,
      schema: tDone - tImported,
    },
    ms: tDone - t0,
  };
}
