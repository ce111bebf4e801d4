// `mediagraph export`: the filtered subgraph or its events to files, streamed from Neo4j in
// batches (docs/export.md). Each file is written beside its target and renamed over it when
// complete, so a failed export leaves no half-written file.
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Graph } from '../graph/driver';
import { countExportNodes } from '../graph/reads/export';
import { temporaryFor } from '../extract/write-atomic';
import { writeCsv } from '../export/csv';
import { ExportInputError, parseExportFilter } from '../export/filter';
import { CLI_FORMATS, FORMAT_INFO, writeExport, type FileFormat } from '../export/formats';
import { readGrass } from '../export/grass';
import { exportProgress } from '../export/progress';

export const EXPORT_USAGE = `export --format ${CLI_FORMATS.join('|')} [--filter JSON|@FILE] --out PATH`;

export class ExportUsageError extends Error {}

interface ExportArgs {
  format: (typeof CLI_FORMATS)[number];
  filterJson: string | null;
  filterSource: string;
  out: string;
}

export function parseExportArgs(args: string[]): ExportArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--(format|filter|out)(?:=(.*))?$/s.exec(arg);
    if (!m)
      throw new ExportUsageError(
        `export: unknown argument '${arg}'\nUsage: mediagraph ${EXPORT_USAGE}`,
      );
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new ExportUsageError(`export: --${m[1]} needs a value`);
    values[m[1]!] = value;
  }
  const format = values.format;
  if (!format) throw new ExportUsageError(`export needs --format (${CLI_FORMATS.join(', ')})`);
  if (!(CLI_FORMATS as readonly string[]).includes(format)) {
    throw new ExportUsageError(
      `export: --format '${format}' is not one of ${CLI_FORMATS.join(', ')}`,
    );
  }
  if (!values.out) throw new ExportUsageError('export needs --out PATH (- for standard output)');
  let filterJson = values.filter ?? null;
  let filterSource = '--filter';
  if (filterJson?.startsWith('@')) {
    filterSource = filterJson.slice(1);
    try {
      filterJson = readFileSync(filterSource, 'utf8');
    } catch (e) {
      throw new ExportUsageError(
        `${filterSource}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
  return { format: format as ExportArgs['format'], filterJson, filterSource, out: values.out };
}

/** Where `csv` writes its two tables: into a folder, or beside a prefix (docs/export.md). */
export function csvPaths(out: string): { nodes: string; edges: string } {
  const isDir =
    out.endsWith('/') || out.endsWith(path.sep) || (existsSync(out) && statSync(out).isDirectory());
  return isDir
    ? { nodes: path.join(out, 'nodes.csv'), edges: path.join(out, 'edges.csv') }
    : { nodes: `${out}-nodes.csv`, edges: `${out}-edges.csv` };
}

/** A file written under a temporary name, renamed over `file` by commit(). */
function atomicFile(file: string): { stream: Writable; commit(): Promise<void>; abort(): void } {
  const dir = path.dirname(file);
  if (!existsSync(dir)) throw new ExportUsageError(`export: the folder '${dir}' does not exist`);
  const tmp = temporaryFor(file);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream);
      renameSync(tmp, file);
    },
    abort() {
      stream.destroy();
      rmSync(tmp, { force: true });
    },
  };
}

export interface ExportSummary {
  format: string;
  events: number;
  nodes: number;
  files: string[];
  ms: number;
}

export async function exportCommand(graph: Graph, args: ExportArgs): Promise<ExportSummary> {
  let filter;
  try {
    filter = parseExportFilter(args.filterJson, args.filterSource);
  } catch (e) {
    if (e instanceof ExportInputError) throw new ExportUsageError(e.message);
    throw e;
  }
  // Read before anything is written: a broken stylesheet stops the export at once.
  readGrass();
  const t0 = Date.now();
  const counts = await countExportNodes(graph, filter);
  const nodes = counts.Event + counts.Actor + counts.Article + counts.Quote + counts.Claim;
  const single: FileFormat | null = args.format === 'csv' ? null : args.format;
  const total = single ? FORMAT_INFO[single].total(counts) : nodes;
  const progress = exportProgress(`export ${args.format}`, total);
  const files =
    args.format === 'csv' ? Object.values(csvPaths(args.out)) : args.out === '-' ? [] : [args.out];
  const targets = files.map(atomicFile);
  try {
    if (single) {
      const out = targets[0]?.stream ?? process.stdout;
      await writeExport(graph, single, filter, out, progress);
    } else {
      await writeCsv(
        graph,
        filter,
        readGrass(),
        { nodes: targets[0]!.stream, edges: targets[1]!.stream },
        progress,
      );
    }
    for (const t of targets) await t.commit();
  } catch (e) {
    for (const t of targets) t.abort();
    throw e;
  } finally {
    progress.stop();
  }
  return { format: args.format, events: counts.Event, nodes, files, ms: Date.now() - t0 };
}
