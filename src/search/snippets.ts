// What a search hit is and where the query matched it: the field, a passage of it and the matched
// words' offsets. Lucene says only that a node matched, so the words are found again here with
// the same analysis (english.ts; its comment says where that differs from the index's).
import type { SearchField, SearchHitKind } from '../generated/graphql';
import type { NodeRow, SearchHitRow } from '../graph/rows';
import { termsIn, typeWords, type Term } from './english';

/** At most this many characters of a field are shown around its first matched word. */
export const SNIPPET_CHARS = 200;
/** How far before the first matched word a passage cut out of a longer text starts. */
const LEAD_CHARS = 60;

export interface TextRange {
  start: number;
  end: number;
}

export interface SnippetModel extends TextRange {
  field: SearchField;
  /** The article the offsets count in; null when they count in the field's own value. */
  articleId: string | null;
  text: string;
  matches: TextRange[];
}

export interface SearchHitModel extends SearchHitRow {
  kind: SearchHitKind;
  snippet: SnippetModel | null;
}

/**
 * A text a hit may have matched in. `shift` is where `text` starts in what the offsets count in:
 * 0 for a field's value, the span's start for evidence (whose text is the article's).
 */
interface Candidate {
  field: SearchField;
  text: string;
  shift: number;
  articleId: string | null;
}

const KIND: Record<NodeRow['__typename'], SearchHitKind> = {
  Event: 'EVENT',
  Actor: 'ACTOR',
  Quote: 'QUOTE',
  Claim: 'CLAIM',
  Article: 'ARTICLE',
};

/**
 * The texts the index holds for a node, in the order that breaks ties between fields matching
 * as many words: the more telling first (an event's summary before its type). A quote's or
 * claim's evidence comes before its own text, so that offsets count in the article whenever
 * the article has the words.
 */
function candidates(node: NodeRow): Candidate[] {
  const own = (field: SearchField, text: string | null): Candidate[] =>
    text === null ? [] : [{ field, text, shift: 0, articleId: null }];
  switch (node.__typename) {
    case 'Event':
      return [...own('SUMMARY', node.summary), ...own('TYPE', typeWords(node.type))];
    case 'Actor':
      return [...own('NAME', node.name), ...node.aliases.flatMap((a) => own('ALIAS', a))];
    case 'Quote':
    case 'Claim':
      return [
        ...node.evidence.map((ev): Candidate => ({
          field: 'TEXT',
          text: ev.text,
          shift: ev.start,
          articleId: ev.articleId,
        })),
        ...own('TEXT', node.text),
      ];
    case 'Article':
      return [
        ...own('TITLE', node.title),
        { field: 'TEXT', text: node.text, shift: 0, articleId: node.id },
      ];
  }
}

/**
 * Where `terms` occur in `text`, in order. Reading stops once every term is found and the words
 * are past any passage that could be shown, which in a long article is often early.
 */
function matchesIn(text: string, terms: ReadonlySet<string>): Term[] {
  const found: Term[] = [];
  const seen = new Set<string>();
  for (const t of termsIn(text)) {
    if (seen.size === terms.size && found.length > 0 && t.start >= found[0]!.end + SNIPPET_CHARS)
      break;
    if (!terms.has(t.term)) continue;
    found.push(t);
    seen.add(t.term);
  }
  return found;
}

/** The passage of `text` to show: all of it when short, else a stretch from before `first`. */
export function passage(text: string, first: TextRange): TextRange {
  if (text.length <= SNIPPET_CHARS) return trimmed(text, 0, text.length);
  let start = Math.max(0, first.start - LEAD_CHARS);
  // Cut between words: forward to the start of a word, never past the matched one.
  if (start > 0 && /\S/.test(text[start - 1]!)) {
    const space = text.slice(start, first.start).search(/\s/);
    start = space < 0 ? first.start : start + space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length && /\S/.test(text[end]!)) {
    const space = text.slice(first.end, end).search(/\s\S*$/);
    if (space >= 0) end = first.end + space;
    // A word longer than the passage is cut inside, but never inside a character.
    else if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  }
  return trimmed(text, start, Math.max(end, first.end));
}

function trimmed(text: string, start: number, end: number): TextRange {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The best passage of `node` for `terms`; null when none of its texts has any of them. */
export function findSnippet(node: NodeRow, terms: ReadonlySet<string>): SnippetModel | null {
  let best: { c: Candidate; found: Term[]; distinct: number } | null = null;
  for (const c of candidates(node)) {
    const found = matchesIn(c.text, terms);
    const distinct = new Set(found.map((f) => f.term)).size;
    if (distinct > (best?.distinct ?? 0)) best = { c, found, distinct };
  }
  if (best === null) return null;
  const { c, found } = best;
  const p = passage(c.text, found[0]!);
  return {
    field: c.field,
    articleId: c.articleId,
    text: c.text.slice(p.start, p.end),
    start: p.start + c.shift,
    end: p.end + c.shift,
    matches: found
      .filter((f) => f.start >= p.start && f.end <= p.end)
      .map((f) => ({ start: f.start + c.shift, end: f.end + c.shift })),
  };
}

/** A hit as the API shows it: its kind and where the query's terms matched it. */
export function toSearchHit(row: SearchHitRow, terms: ReadonlySet<string>): SearchHitModel {
  return { ...row, kind: KIND[row.node.__typename], snippet: findSnippet(row.node, terms) };
}
