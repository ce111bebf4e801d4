// Finding annotation files and reading them with their article texts. Files are read
// synchronously: the loaders read tens of thousands of small files one after another, where a
// promise-based read costs four trips through libuv's thread pool per file (open, stat, read,
// close) and measured as a quarter of a bulk load's validation spent idle. `start` loads the
// seeds in the API's process as it serves; a small file is read in tens of microseconds, less
// than validating it, which holds the event loop anyway.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type InputIssue } from './errors';
import { validateAnnotation, type ValidArticle } from './validate';

/** Where an annotation's `textFile` is: relative to the annotation's folder unless absolute. */
export function textPathOf(file: string, textFile: string): string {
  // Named as the annotation is (relative when it is), where path.resolve would make it absolute.
  return path.isAbsolute(textFile) ? textFile : path.join(path.dirname(file), textFile);
}

/** The annotation files at a path: the file itself, or every *.json below a folder. */
export async function annotationFiles(input: string): Promise<string[]> {
  const info = await stat(input).catch(() => null);
  if (!info) throw new InputError([{ file: input, field: '', reason: 'no such file or folder' }]);
  if (info.isFile()) return [input];
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * An annotation and its text read again, without validating them again: for a second pass over
 * files a first pass validated, when `unchanged` says neither file changed since (size and
 * modification time). Null when one changed or cannot be read.
 */
export function rereadArticle(
  file: string,
  unchanged: (file: string, textPath: string) => boolean,
): ValidArticle | null {
  try {
    const annotation = JSON.parse(readFileSync(file, 'utf8')) as ValidArticle['annotation'];
    const textPath = textPathOf(file, annotation.article.textFile);
    const text = readFileSync(textPath, 'utf8');
    return unchanged(file, textPath) ? { file, text, annotation } : null;
  } catch {
    return null;
  }
}

export type ReadResult = { ok: true; article: ValidArticle } | { ok: false; issues: InputIssue[] };

/** Reads and validates one annotation and the article text it names. */
export function readArticle(file: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return {
      ok: false,
      issues: [{ file, field: '', reason: `is not valid JSON: ${(e as Error).message}` }],
    };
  }
  const textFile =
    typeof data === 'object' && data !== null
      ? (data as { article?: { textFile?: unknown } }).article?.textFile
      : undefined;
  let text: string | null = null;
  let textPath: string | undefined;
  if (typeof textFile === 'string') {
    textPath = textPathOf(file, textFile);
    try {
      text = readFileSync(textPath, 'utf8');
    } catch {
      text = null;
    }
  }
  const issues = validateAnnotation(file, data, text, textPath);
  if (issues.length > 0 || text === null) return { ok: false, issues };
  return { ok: true, article: { file, text, annotation: data as ValidArticle['annotation'] } };
}

/**
 * The event ids of an annotation validated before, without validating it again: what resolving
 * links against earlier files needs. A file changed since is refused when it is read to be
 * written, so nothing trusts these ids further.
 */
export function readEventIds(file: string): string[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { events?: unknown };
    if (!Array.isArray(data.events)) return [];
    return data.events
      .map((e: unknown) => (e as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
