// An HTML page's article: Mozilla Readability (the Firefox Reader View) finds the body on a
// linkedom document; its text becomes the article text, one paragraph per block element,
// paragraphs separated by a blank line, and white space inside a paragraph collapsed to single
// spaces. The title comes from Readability, the address from the page's canonical link (or
// og:url), the publisher's name and the date from its metadata when it has them.
import { Readability } from '@mozilla/readability';
import type * as Linkedom from 'linkedom' with { 'resolution-mode': 'import' };

// linkedom is an ES module with a CommonJS build, which is what Node loads here; TypeScript,
// seeing its package type, would refuse a plain import of it from this CommonJS module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as typeof Linkedom;

/**
 * The most elements a page may have. Readability's time grows faster than the page: about 0.3 s
 * for 2,000 elements (a typical news page has 1,000 to 5,000), 3 s for 20,000 and 12 s for
 * 56,000; a page over the limit is not given to it.
 */
export const MAX_HTML_ELEMENTS = 20_000;

export interface HtmlArticle {
  /** The article body as plain text; empty when Readability found none (or was not run). */
  text: string;
  /** How many elements the page has; over MAX_HTML_ELEMENTS, Readability was not run. */
  elements: number;
  title?: string;
  url?: string;
  siteName?: string;
  /** YYYY-MM-DD, from the page's published time when it gives one. */
  publishedOn?: string;
}

/** Elements that start and end a paragraph of the text. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'UL',
]);
/** Table cells: words of neighbouring cells must not run together. */
const CELLS = new Set(['TD', 'TH']);
/** Elements whose text is not article text (Readability drops most of them already). */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME']);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** The parts of a linkedom node this module reads. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/**
 * The text of a block of HTML: paragraphs at block elements, separated by a blank line. A line
 * break is a space, but two in a row (with only white space between) end a paragraph, as on pages
 * that make paragraphs with them.
 */
export function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  /** Where the text after the last line break starts; -1 when there was none since the last paragraph. */
  let afterBreak = -1;
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
    afterBreak = -1;
  };
  // Without recursion: a page may nest deeper than the stack.
  const stack: (DomNode | 'break' | 'space')[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === 'break') {
      flush();
      continue;
    }
    if (item === 'space') {
      current += ' ';
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      current += item.textContent ?? '';
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE) continue;
    const name = item.nodeName.toUpperCase();
    if (SKIPPED.has(name)) continue;
    if (name === 'BR') {
      if (afterBreak >= 0 && current.slice(afterBreak).trim() === '') flush();
      else {
        current += ' ';
        afterBreak = current.length;
      }
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    if (block) stack.push('break');
    else if (CELLS.has(name)) stack.push('space');
    for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
  }
  flush();
  return paragraphs.join('\n\n');
}

const oneLine = (s: string | null | undefined) => s?.replace(/\s+/g, ' ').trim() || undefined;

function httpUrl(s: string | null | undefined): string | undefined {
  const url = s?.trim();
  return url && /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

function isoDay(s: string | null | undefined): string | undefined {
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|T|\s)/.exec(s?.trim() ?? '')?.[1];
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day) ? day : undefined;
}

/** Readability on the page; an empty text when it finds no article. */
export function htmlArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  // (linkedom's getElementsByTagName('*') finds nothing, so Readability's own limit would not work.)
  const elements = document.querySelectorAll('*').length;
  if (elements > MAX_HTML_ELEMENTS) return { text: '', elements };
  // Read before Readability, which rewrites the document as it goes.
  const url =
    httpUrl(document.querySelector('link[rel~="canonical"]')?.getAttribute('href')) ??
    httpUrl(document.querySelector('meta[property="og:url"]')?.getAttribute('content'));
  // The project loads no DOM types, so Readability takes linkedom's document as it is; the
  // serializer hands back the article element itself, not its HTML.
  const reader = new Readability<DomNode>(document, { serializer: (n) => n });
  const parsed = reader.parse();
  const article: HtmlArticle = {
    text: parsed?.content ? blockText(parsed.content) : '',
    elements,
  };
  const title = oneLine(parsed?.title);
  if (title) article.title = title;
  if (url) article.url = url;
  const siteName = oneLine(parsed?.siteName);
  if (siteName) article.siteName = siteName;
  const publishedOn = isoDay(parsed?.publishedTime);
  if (publishedOn) article.publishedOn = publishedOn;
  return article;
}
