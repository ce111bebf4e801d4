// `mediagraph ingest FILE|DIR...`: extraction and load in one step. Every article file (.txt,
// .html, .htm, read by src/extract/input) is read and extracted first, with the actors the graph
// holds as known actors, and each annotation is written with its text into a folder (a temporary
// one unless --out names one). Then that folder's annotations go through the loader itself
// (load.ts): validated before anything is written, written in batches of whole articles,
// idempotent, with its progress bar and its curation report, and matched with the graph's events
// like every extracted article.
//
// As with `load`, a file that cannot be an article (unreadable, empty, not English, too large)
// or whose extraction fails stops the run before anything is written, naming the file and the
// reason. A file in which the extractor finds no event is no error: it is reported and left out.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractArticle } from '../extract';
import { inputFiles, readArticleInput } from '../extract/input';
import type { Annotation } from '../extract/types';
import { writeFileAtomic } from '../extract/write-atomic';
import type { Graph } from '../graph/driver';
import { readKnownActors } from '../graph/reads/known-actors';
import { InputError, type InputIssue } from './errors';
import { load, type LoadOptions, type LoadSummary } from './load';
import { createProgress, silentProgress } from './progress';
import { validateAnnotation } from './validate';

export interface IngestFilesOptions extends LoadOptions {
  /** Keep the extracted annotations and texts in this folder; a temporary one otherwise. */
  out?: string | null;
}

/** As the loader's; `files` maps each article id to the input file it was extracted from. */
export interface IngestFilesSummary extends LoadSummary {
  /** Files in which the extractor found no event: not loaded. */
  noEvents: string[];
  /** Where the annotations were written, when they were kept (--out). */
  out: string | null;
}

/** A problem of the extractor's, named against the input file. */
function extractorIssue(file: string, reason: string): InputIssue {
  return { file, field: '', reason };
}

export async function ingestFiles(
  graph: Graph,
  paths: readonly string[],
  options: IngestFilesOptions = {},
): Promise<IngestFilesSummary> {
  const t0 = Date.now();
  const found = await inputFiles(paths);
  const issues: InputIssue[] = [...found.issues];
  const knownActors = await readKnownActors(graph);
  const progress = options.progress
    ? createProgress('extracted', found.files.length)
    : silentProgress;
  const extracted: { file: string; text: string; annotation: Annotation }[] = [];
  const noEvents: string[] = [];
  /** Article id -> the input file it came from. */
  const fileOf = new Map<string, string>();
  let events = 0;
  for (const [i, file] of found.files.entries()) {
    const read = await readArticleInput(file);
    if (!read.ok) {
      issues.push(read.issue);
      continue;
    }
    let annotation: Annotation;
    try {
      annotation = extractArticle(read.article.input, { knownActors });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      issues.push(extractorIssue(file, `extraction failed: ${message.split('\n')[0]}`));
      continue;
    }
    if (annotation.events.length === 0) {
      noEvents.push(file);
      continue;
    }
    const id = annotation.article.id;
    const other = fileOf.get(id);
    if (other !== undefined) {
      issues.push(
        extractorIssue(file, `is the article '${id}', as ${other} is: ingest one of them`),
      );
      continue;
    }
    annotation.article.textFile = `${id}.txt`;
    const problems = validateAnnotation(file, annotation, read.article.input.text);
    if (problems.length > 0) {
      issues.push(
        ...problems.map((p) =>
          extractorIssue(
            file,
            `the extractor made an annotation the loader refuses: ${p.field ? `${p.field}: ` : ''}${p.reason}`,
          ),
        ),
      );
      continue;
    }
    fileOf.set(id, file);
    extracted.push({ file, text: read.article.input.text, annotation });
    events += annotation.events.length;
    progress.update(i + 1, events);
  }
  progress.finish(found.files.length, events);
  if (issues.length > 0) throw new InputError(issues);

  const keep = options.out ?? null;
  const dir = keep ?? mkdtempSync(path.join(tmpdir(), 'mediagraph-ingest-'));
  try {
    if (keep) mkdirSync(keep, { recursive: true });
    // Only the annotations of this run are loaded, whatever else the folder holds.
    const written: string[] = [];
    for (const { annotation, text } of extracted) {
      const id = annotation.article.id;
      writeFileAtomic(path.join(dir, `${id}.txt`), text);
      writeFileAtomic(path.join(dir, `${id}.json`), `${JSON.stringify(annotation, null, 2)}\n`);
      written.push(path.join(dir, `${id}.json`));
    }
    const summary: LoadSummary =
      written.length === 0
        ? {
            articles: 0,
            events: 0,
            ms: 0,
            curation: { kept: [], conflicts: [], overwritten: [] },
            joined: 0,
            possibleDuplicates: 0,
            files: new Map(),
          }
        : await load(graph, written, options).catch((e: unknown) => {
            // The loader names the annotation files; the user knows the article files.
            if (e instanceof InputError) {
              const byJson = new Map(
                extracted.map((x) => [path.join(dir, `${x.annotation.article.id}.json`), x.file]),
              );
              throw new InputError(
                e.issues.map((i) => ({ ...i, file: byJson.get(i.file) ?? i.file })),
              );
            }
            throw e;
          });
    return {
      ...summary,
      ms: Date.now() - t0,
      files: fileOf,
      noEvents,
      out: keep,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
