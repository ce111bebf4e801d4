// The load path. Pass 1 reads and validates every file, one at a time, before anything is
// written; links to events of other articles are then resolved against earlier files and the
// graph. Pass 2 reads the files again and writes them in batches, one transaction per batch:
// an article is never split between transactions. Only one batch is held in memory at a time,
// so memory stays flat however large the corpus.
import { z } from 'zod';
import { CLI_AUTHOR } from '../graph/api-keys';
import type { Author } from '../graph/audit';
import { defineQuery, type Graph } from '../graph/driver';
import { addReport, emptyReport, type CurationReport } from '../graph/keep-curation';
import { writeBatch } from '../graph/write-articles';
import { toWriteBatch } from './batch';
import { InputError, type InputIssue } from './errors';
import { createProgress, silentProgress, type ProgressReporter } from './progress';
import { annotationFiles, readArticle, readEventIds } from './read';
import { externalLinkTargets, type ValidArticle } from './validate';

/** Issues listed in full; past this many only the count grows. */
const MAX_LISTED_ISSUES = 200;

export interface LoadOptions {
  /** Articles per write transaction. */
  batchSize?: number;
  /** Progress on stderr (a bar on a terminal); off by default. */
  progress?: boolean;
  /**
   * Where an annotation changed a value an analyst had curated, write the annotation's value
   * (audited) instead of keeping the analyst's. Off by default: analysts' work is kept.
   */
  overwriteCuration?: boolean;
  /** Who overwrites are audited as; the CLI by default. */
  author?: Author;
}

export interface LoadSummary {
  articles: number;
  events: number;
  ms: number;
  /** Analysts' curation that the load met: kept, in conflict, or overwritten. */
  curation: CurationReport;
  /** Events of extracted articles written onto events the graph held already. */
  joined: number;
  /** Possible duplicates recorded for analysts. */
  possibleDuplicates: number;
  /** Article id -> the file it came from, to name files in the curation report. */
  files: Map<string, string>;
}

/**
 * Which of $ids name events in the graph: link targets outside the articles being written. An
 * alias (an event matched or merged into another) names the event it was written onto.
 */
export const existingEvents = defineQuery(
  'existingEvents',
  `UNWIND $ids AS id
   OPTIONAL MATCH (e:Event {id: id})
   OPTIONAL MATCH (al:EventAlias {id: id})
   WITH id, e, al WHERE e IS NOT NULL OR al IS NOT NULL
   RETURN id`,
  z.object({ id: z.string() }),
);

class IssueList {
  readonly listed: InputIssue[] = [];
  count = 0;
  add(...issues: InputIssue[]) {
    for (const i of issues) {
      this.count++;
      if (this.listed.length < MAX_LISTED_ISSUES) this.listed.push(i);
    }
  }
  throwIfAny() {
    if (this.count === 0) return;
    if (this.count > this.listed.length) {
      this.listed.push({
        file: '…',
        field: '',
        reason: `and ${this.count - this.listed.length} more problems`,
      });
    }
    throw new InputError(this.listed);
  }
}

/** What a caller of validateAll may add to it (the bulk loader). */
export interface ValidateHooks {
  /** Sees each valid article, in file order: the bulk loader notes ids there. */
  visit?: (article: ValidArticle) => void;
  /**
   * Whether an event id belongs to a file before the one being read. A caller that keeps every
   * event id seen (the bulk loader does anyway) spares the pass that reads the files again for
   * their event ids; the online loader keeps none, so that its memory stays flat.
   */
  earlierEvent?: (id: string) => boolean;
}

/**
 * Pass 1: validates every file. Throws InputError naming each problem; returns the number of
 * articles and events that pass 2 will write. `graph` resolves links to events already loaded.
 */
export async function validateAll(
  files: string[],
  graph: Graph | null,
  progress: ProgressReporter = silentProgress,
  hooks: ValidateHooks = {},
): Promise<{ articles: number; events: number }> {
  const issues = new IssueList();
  const articleFile = new Map<string, string>();
  // Link targets outside their own article, by target id: the first file and field naming it.
  const pending = new Map<string, { file: string; field: string; fileIndex: number }>();
  let events = 0;
  for (const [index, file] of files.entries()) {
    const r = readArticle(file);
    if (!r.ok) {
      issues.add(...r.issues);
      continue;
    }
    const a = r.article.annotation;
    const first = articleFile.get(a.article.id);
    if (first !== undefined) {
      issues.add({
        file,
        field: 'article.id',
        reason: `'${a.article.id}' is also the id of the article in ${first}`,
      });
      continue;
    }
    articleFile.set(a.article.id, file);
    events += a.events.length;
    for (const t of externalLinkTargets(a)) {
      if (hooks.earlierEvent?.(t.id)) continue;
      if (!pending.has(t.id)) pending.set(t.id, { file, field: t.field, fileIndex: index });
    }
    hooks.visit?.(r.article);
    progress.update(index + 1, events);
  }
  progress.finish(files.length, events);
  if (pending.size > 0 && issues.count === 0) {
    // Resolve against earlier files (read again for their event ids only, as JSON: they were
    // validated just now), unless earlierEvent knew them all already; then against the graph.
    if (!hooks.earlierEvent) {
      for (const [index, file] of files.entries()) {
        for (const id of readEventIds(file)) {
          const use = pending.get(id);
          if (use && use.fileIndex > index) pending.delete(id);
        }
      }
    }
    const ids = [...pending.keys()];
    for (let i = 0; graph && i < ids.length; i += 1000) {
      const found = await graph.read(existingEvents, { ids: ids.slice(i, i + 1000) });
      for (const { id } of found) pending.delete(id);
    }
    for (const [id, use] of pending) {
      issues.add({
        file: use.file,
        field: use.field,
        reason: `'${id}' is not an event of this annotation, of an earlier file of this load, or of the graph`,
      });
    }
  }
  issues.throwIfAny();
  return { articles: articleFile.size, events };
}

export async function load(
  graph: Graph,
  input: string | readonly string[],
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const t0 = Date.now();
  const batchSize = options.batchSize ?? 100;
  const files: string[] = [];
  for (const path of typeof input === 'string' ? [input] : input) {
    const found = await annotationFiles(path);
    if (found.length === 0) {
      throw new InputError([
        { file: path, field: '', reason: 'holds no annotation (*.json) files' },
      ]);
    }
    files.push(...found);
  }
  const report = (label: string) =>
    options.progress ? createProgress(label, files.length) : silentProgress;
  const total = await validateAll(files, graph, report('validated'));

  const progress = report('written');
  let written = 0;
  let events = 0;
  let batch: ValidArticle[] = [];
  const curation = emptyReport();
  let joined = 0;
  let possibleDuplicates = 0;
  const fileOf = new Map<string, string>();
  const curationOptions = {
    overwrite: options.overwriteCuration ?? false,
    author: options.author ?? { ...CLI_AUTHOR, keyName: 'mediagraph load' },
  };
  // One batch is written while the next is read: file reading overlaps the database's work.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const articles = batch;
    batch = [];
    await inflight;
    inflight = writeBatch(graph, toWriteBatch(articles), curationOptions).then((outcome) => {
      addReport(curation, outcome.curation);
      joined += outcome.joined.length;
      possibleDuplicates += outcome.duplicates.length;
      written += articles.length;
      events += articles.reduce((n, a) => n + a.annotation.events.length, 0);
      progress.update(written, events);
    });
  };
  for (const file of files) {
    const r = readArticle(file);
    // Validated in pass 1; a file changed since then is refused rather than half-trusted.
    if (!r.ok) throw new InputError(r.issues);
    batch.push(r.article);
    fileOf.set(r.article.annotation.article.id, file);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  await inflight;
  progress.finish(written, events);
  return {
    articles: total.articles,
    events: total.events,
    ms: Date.now() - t0,
    curation,
    joined,
    possibleDuplicates,
    files: fileOf,
  };
}
