// One input file as an ArticleInput for the extractor: a .txt file's text as it is (less a BOM),
// or the article body of an .html/.htm page. A file that cannot be an article is refused with
// the reason, naming the file; the caller goes on with the others.
//
// Limits, so that time and memory stay bounded whatever the input:
// - the article text is at most MAX_TEXT_CHARS characters (UTF-16 code units, as spans count);
// - the file's size is read before the file is: a .txt file over MAX_TEXT_FILE_BYTES cannot hold
//   fewer characters than that limit, and an HTML page over MAX_HTML_FILE_BYTES is refused
//   unread; and no more than the limit is ever read, even if the file grows meanwhile.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { InputIssue } from '../../ingest/errors';
import { LONE_SURROGATE_REASON, loneSurrogateAt } from '../../ingest/text';
import type { ArticleInput } from '../types';
import { decode } from './bytes';
import { MAX_HTML_ELEMENTS, htmlArticle } from './html';
import { notEnglishReason } from './language';

/** The longest article text: ten times a long-form feature, a hundred times a news story. */
export const MAX_TEXT_CHARS = 1_000_000;
/** UTF-8 takes at most 3 bytes for each UTF-16 code unit, so a larger file is over the limit. */
export const MAX_TEXT_FILE_BYTES = 3 * MAX_TEXT_CHARS;
/** News pages weigh 0.1 to 2 MB with their inline scripts and styles; the body is far less. */
export const MAX_HTML_FILE_BYTES = 4_000_000;
/** Less article text than this in a page is an index, a paywall or an error page. */
export const MIN_HTML_ARTICLE_CHARS = 200;

export const INPUT_EXTENSIONS: readonly string[] = ['.txt', '.html', '.htm'];

export type InputFormat = 'text' | 'html';

export interface ReadInput {
  file: string;
  format: InputFormat;
  /**
   * What the extractor reads. For a .txt file `textFile` is the file's name, from which the
   * extractor makes the article id; for a page it is unset (the id comes from date and title).
   */
  input: ArticleInput;
  /**
   * Whether `input.text` is the file exactly as it is (a .txt file without a BOM), so that an
   * annotation beside the file may name it as its text: its spans count in that file.
   */
  verbatim: boolean;
}

export type InputResult = { ok: true; article: ReadInput } | { ok: false; issue: InputIssue };

const n = (x: number) => x.toLocaleString('en-US');

export function formatOf(file: string): InputFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt') return 'text';
  if (ext === '.html' || ext === '.htm') return 'html';
  return null;
}

/**
 * Why an article text cannot be extracted from; null when it can. Also for texts that come from
 * elsewhere than a file.
 */
export function articleTextProblem(text: string): string | null {
  if (text.length === 0) return 'is empty';
  if (text.trim() === '') return 'holds only white space';
  if (text.length > MAX_TEXT_CHARS) {
    return `is ${n(text.length)} characters long, over the limit of ${n(MAX_TEXT_CHARS)} characters`;
  }
  const half = loneSurrogateAt(text);
  if (half >= 0) return `holds at offset ${half} of its text ${LONE_SURROGATE_REASON}`;
  return notEnglishReason(text);
}

/** At most `limit` + 1 bytes of the file: enough to know it is over the limit. */
async function readBounded(file: string, size: number, limit: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, limit) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

const tooLarge = (bytes: number, limit: number, what: string) =>
  `is ${n(bytes)} bytes, over the limit of ${n(limit)} bytes for ${what}`;

/** Reads and checks one input file. Never throws for a problem of the file itself. */
export async function readArticleInput(file: string): Promise<InputResult> {
  const refuse = (reason: string): InputResult => ({
    ok: false,
    issue: { file, field: '', reason },
  });
  const format = formatOf(file);
  if (!format) return refuse(`is not a ${INPUT_EXTENSIONS.join(', ')} file`);
  const info = await stat(file).catch(() => null);
  if (!info) return refuse('no such file');
  if (!info.isFile()) return refuse('is not a file');
  const limit = format === 'text' ? MAX_TEXT_FILE_BYTES : MAX_HTML_FILE_BYTES;
  const what =
    format === 'text'
      ? `a text file (articles are at most ${n(MAX_TEXT_CHARS)} characters)`
      : 'an HTML page';
  if (info.size > limit) return refuse(tooLarge(info.size, limit, what));
  let bytes: Buffer;
  try {
    bytes = await readBounded(file, info.size, limit);
  } catch (e) {
    return refuse(`cannot be read: ${(e as Error).message}`);
  }
  if (bytes.length > limit) return refuse(tooLarge(bytes.length, limit, what));
  const decoded = decode(bytes, { html: format === 'html' });
  if (!decoded.ok) return refuse(decoded.reason);

  if (format === 'text') {
    const problem = articleTextProblem(decoded.text);
    if (problem) return refuse(problem);
    const input: ArticleInput = { text: decoded.text, textFile: path.basename(file) };
    return { ok: true, article: { file, format, input, verbatim: !decoded.bom } };
  }

  if (decoded.text.trim() === '')
    return refuse(decoded.text ? 'holds only white space' : 'is empty');
  let page;
  try {
    page = htmlArticle(decoded.text);
  } catch (e) {
    return refuse(`cannot be read as HTML: ${(e as Error).message}`);
  }
  if (page.elements > MAX_HTML_ELEMENTS) {
    return refuse(
      `has ${n(page.elements)} HTML elements, over the limit of ${n(MAX_HTML_ELEMENTS)} for a page`,
    );
  }
  if (page.text.length < MIN_HTML_ARTICLE_CHARS) {
    return refuse(
      `has no article body: Readability found ${page.text.length === 0 ? 'no article text' : `only ${n(page.text.length)} characters of article text`} ` +
        `(at least ${MIN_HTML_ARTICLE_CHARS} needed)`,
    );
  }
  const problem = articleTextProblem(page.text);
  if (problem) return refuse(`has an article text that ${problem}`);
  const input: ArticleInput = { text: page.text };
  if (page.title) input.title = page.title;
  if (page.url) input.url = page.url;
  if (page.siteName) input.source = page.siteName;
  if (page.publishedOn) input.publishedOn = page.publishedOn;
  return { ok: true, article: { file, format, input, verbatim: false } };
}

/**
 * The input files at the given paths, in order: a file as it is, a folder as every .txt, .html
 * and .htm file below it (hidden ones left out), sorted. A path given twice is read once.
 */
export async function inputFiles(
  paths: readonly string[],
): Promise<{ files: string[]; issues: InputIssue[] }> {
  const files: string[] = [];
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const key = path.resolve(f);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) {
      issues.push({ file: p, field: '', reason: 'no such file or folder' });
    } else if (info.isDirectory()) {
      const entries = await readdir(p, { recursive: true, withFileTypes: true });
      const found = entries
        .filter((e) => e.isFile() && !e.name.startsWith('.') && formatOf(e.name) !== null)
        .map((e) => path.join(e.parentPath, e.name))
        .filter(
          (f) =>
            !path
              .relative(p, f)
              .split(path.sep)
              .some((part) => part.startsWith('.')),
        )
        .sort();
      if (found.length === 0) {
        issues.push({
          file: p,
          field: '',
          reason: `holds no ${INPUT_EXTENSIONS.join(', ')} file`,
        });
      }
      found.forEach(add);
    } else {
      add(p);
    }
  }
  return { files, issues };
}
