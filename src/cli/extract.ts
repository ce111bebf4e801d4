// `mediagraph extract FILE|DIR... [--out DIR] [--format annotation|events]`: the extractor over
// article files (.txt, .html, .htm; a folder gives every one below it).
//
// - annotation (the default): with --out, `<article id>.json` and the text its spans count in,
//   `<article id>.txt`, for each article, checked as `mediagraph load` checks them; without
//   --out, one file's annotation on stdout.
// - events: what the evaluation scores, {"events": [{type, agents, targets, modality}]}; with
//   --out, `<input name>.json` for each file (a folder score.py takes as PRED_DIR); without, one
//   file's on stdout.
//
// A file that cannot be read as an article, or whose extraction fails, is skipped with its
// reason; the others are still extracted, and the command then exits 1. Every file is written
// whole or not at all (a temporary file renamed), the text before its annotation.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, type InputIssue } from '../ingest/errors';
import { validateAnnotation } from '../ingest/validate';
import { eventsFormat } from '../extract/events-format';
import { extractArticle } from '../extract/index';
import { inputFiles, readArticleInput, type ReadInput } from '../extract/input';
import type { Annotation } from '../extract/types';
import { writeFileAtomic } from '../extract/write-atomic';

export const EXTRACT_USAGE = 'extract FILE|DIR... [--out DIR] [--format annotation|events]';

export type ExtractFormat = 'annotation' | 'events';

export interface ExtractArgs {
  inputs: string[];
  out: string | null;
  format: ExtractFormat;
}

/** Wrong arguments: the caller's to fix (exit 2). */
export class ExtractUsageError extends Error {}

/** Some files were refused; the others were extracted (exit 1). */
export class ExtractRefused extends Error {
  constructor(
    readonly issues: InputIssue[],
    files: number,
    wrote: boolean,
  ) {
    const refused = new Set(issues.map((i) => i.file)).size;
    const rest =
      refused >= files ? (wrote ? '' : '; nothing was written') : '; the others were extracted';
    super(
      `${refused} of ${files} file(s) refused${rest}:\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join('\n'),
    );
  }
}

const FORMATS: readonly ExtractFormat[] = ['annotation', 'events'];

export function parseExtractArgs(argv: readonly string[]): ExtractArgs {
  const inputs: string[] = [];
  let out: string | null = null;
  let format: ExtractFormat = 'annotation';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--out' && flag !== '--format') {
      throw new ExtractUsageError(`extract: unknown option '${flag}'; expected ${EXTRACT_USAGE}`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new ExtractUsageError(`extract: ${flag} needs a value; expected ${EXTRACT_USAGE}`);
    }
    if (flag === '--out') out = value;
    else if ((FORMATS as readonly string[]).includes(value)) format = value as ExtractFormat;
    else {
      throw new ExtractUsageError(
        `extract: --format must be one of ${FORMATS.join(', ')}, not '${value}'`,
      );
    }
  }
  if (inputs.length === 0) {
    throw new ExtractUsageError(
      `extract needs a FILE or DIR of articles; expected ${EXTRACT_USAGE}`,
    );
  }
  return { inputs, out, format };
}

export interface ExtractIo {
  /** What a script reads: one annotation or events document, or the summary with --out. */
  stdout: (text: string) => void;
  /** Progress of a long run. */
  stderr: (line: string) => void;
}

const PROGRESS_EVERY_MS = 10_000;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The extractor on one article; a failure of it is the file's, not the run's. */
function extract(
  read: ReadInput,
): { ok: true; annotation: Annotation } | { ok: false; issue: InputIssue } {
  try {
    return { ok: true, annotation: extractArticle(read.input) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      issue: { file: read.file, field: '', reason: `extraction failed: ${message.split('\n')[0]}` },
    };
  }
}

export async function extractCommand(argv: readonly string[], io: ExtractIo): Promise<void> {
  const args = parseExtractArgs(argv);
  const { files, issues } = await inputFiles(args.inputs);
  if (!args.out && files.length > 1) {
    throw new ExtractUsageError(
      `extract: ${files.length} files need --out DIR; without it one file's result goes to stdout`,
    );
  }
  const total = files.length + new Set(issues.map((i) => i.file)).size;
  if (!args.out) {
    if (files.length === 1) {
      const out = await extractOne(files[0]!, args.format);
      if (out.ok) io.stdout(out.text);
      else issues.push(...out.issues);
    }
    if (issues.length > 0) throw new ExtractRefused(issues, total, false);
    return;
  }

  const outDir = args.out;
  mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  let lastProgress = t0;
  let extracted = 0;
  let events = 0;
  let written = 0;
  const noEvents: string[] = [];
  /** Output name -> the input file that took it, so that no file overwrites another's. */
  const taken = new Map<string, string>();
  for (const [k, file] of files.entries()) {
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      io.stderr(`extracted ${k}/${files.length} files ...`);
    }
    const read = await readArticleInput(file);
    if (!read.ok) {
      issues.push(read.issue);
      continue;
    }
    const result = extract(read.article);
    if (!result.ok) {
      issues.push(result.issue);
      continue;
    }
    const annotation = result.annotation;
    const name =
      args.format === 'events'
        ? path.basename(file).replace(/\.[^.]*$/, '')
        : annotation.article.id;
    const other = taken.get(name);
    if (other !== undefined) {
      issues.push({
        file,
        field: '',
        reason: `would be written as ${name}.json, as ${other} was: extract it into another --out folder`,
      });
      continue;
    }
    if (args.format === 'events') {
      taken.set(name, file);
      writeFileAtomic(path.join(outDir, `${name}.json`), json(eventsFormat(annotation)));
    } else {
      if (annotation.events.length === 0) {
        // The loader needs an event: an article without one is reported, not written.
        noEvents.push(file);
        extracted++;
        continue;
      }
      const problems = checkAnnotation(file, outDir, annotation, read.article.input.text);
      if (problems.length > 0) {
        issues.push(...problems);
        continue;
      }
      taken.set(name, file);
      writeFileAtomic(path.join(outDir, `${name}.txt`), read.article.input.text);
      writeFileAtomic(path.join(outDir, `${name}.json`), json(annotation));
    }
    written++;
    extracted++;
    events += annotation.events.length;
  }
  const seconds = (Date.now() - t0) / 1000;
  io.stdout(
    `Extracted ${extracted} of ${total} file(s): ${events} event(s) in ${seconds.toFixed(1)} s; ` +
      `wrote ${written} ${args.format === 'events' ? 'events file(s)' : 'annotation(s) with their text'} to ${outDir}.\n`,
  );
  if (noEvents.length > 0) {
    io.stdout(
      `No events found in ${noEvents.length} file(s), so no annotation was written for them:\n` +
        noEvents.map((f) => `  ${f}\n`).join(''),
    );
  }
  if (issues.length > 0) throw new ExtractRefused(issues, total, written > 0);
}

/**
 * The annotation as `mediagraph load` will check it, with its text written beside it as
 * `<id>.txt`. A problem here is the extractor's, reported against the input file.
 */
function checkAnnotation(
  file: string,
  outDir: string,
  annotation: Annotation,
  text: string,
): InputIssue[] {
  const id = annotation.article.id;
  annotation.article.textFile = `${id}.txt`;
  const issues = validateAnnotation(path.join(outDir, `${id}.json`), annotation, text);
  return issues.map((i) => ({
    file,
    field: '',
    reason: `the extractor made an annotation that mediagraph load would refuse: ${i.field ? `${i.field}: ` : ''}${i.reason}`,
  }));
}

/** One file's result as text for stdout. */
async function extractOne(
  file: string,
  format: ExtractFormat,
): Promise<{ ok: true; text: string } | { ok: false; issues: InputIssue[] }> {
  const read = await readArticleInput(file);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  const result = extract(read.article);
  if (!result.ok) return { ok: false, issues: [result.issue] };
  if (format === 'events') return { ok: true, text: json(eventsFormat(result.annotation)) };
  const annotation = result.annotation;
  // The annotation names the input file as its text only where its spans count in that file.
  if (!read.article.verbatim) annotation.article.textFile = `${annotation.article.id}.txt`;
  return { ok: true, text: json(annotation) };
}
