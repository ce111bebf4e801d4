// The words of a text as the full-text index sees them, with where each stands, so that a search
// hit can show which words matched. The index uses Lucene's `english` analyzer: the standard
// tokenizer (Unicode word breaks), a filter that drops possessive 's, lower case, 33 stop words
// and the Porter stemmer. This imitates it, with two known differences:
// - Stems come from the Porter2 ("English") stemmer that wink's language model carries, not from
//   the original Porter algorithm Lucene runs. They agree on most words (retaliation, retaliate
//   and retaliated are "retali" in both) but not on all: Porter makes "new" of "news" and
//   "gener" of "generously", Porter2 keeps "news" and makes "generous". Where they differ, a
//   word Lucene matched may go unmarked (the hit is still found; its snippet may then be null).
// - Word breaks follow the rules that matter in news text (letters and digits, underscores,
//   apostrophes, periods and colons between letters, periods and commas between digits), not
//   all of Unicode's: ideographs, for instance, are not split one by one as Lucene splits them.
import model from 'wink-eng-lite-web-model';

const porter2: unknown = model.addons.stem;
if (typeof porter2 !== 'function') {
  throw new Error('wink-eng-lite-web-model no longer carries its stemmer (model.addons.stem)');
}
const stemOf = porter2 as (word: string) => string;

/** Lucene's English stop words, which the `english` analyzer drops from text and queries alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their ' +
    'then there these they this to was will with'
  ).split(' '),
);

export interface Term {
  /** The stem the word is matched by. */
  term: string;
  /** Where the word stands in the text: start inclusive, end exclusive (UTF-16 code units). */
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{N}/u;
// A character that joins what stands on both sides of it into one word, when both sides are
// letters (U.S., l'Express, a:b) or both are digits (1.9, 1,000).
const BETWEEN_LETTERS = new Set(['.', "'", '\u2019', ':']);
const BETWEEN_DIGITS = new Set(['.', ',', "'", '\u2019']);
const POSSESSIVE = /['\u2019\u201b][sS]$/;

function joins(text: string, i: number): boolean {
  const c = text[i]!;
  const before = text[i - 1];
  const after = text[i + 1];
  if (before === undefined || after === undefined) return false;
  if (BETWEEN_LETTERS.has(c) && LETTER.test(before) && LETTER.test(after)) return true;
  return BETWEEN_DIGITS.has(c) && DIGIT.test(before) && DIGIT.test(after);
}

/** The words of `text` with their places, before possessives, case and stems are dealt with. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const found: { word: string; start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && (WORD_CHAR.test(text[i]!) || (start >= 0 && joins(text, i)));
    if (inWord && start < 0) start = i;
    if (!inWord && start >= 0) {
      found.push({ word: text.slice(start, i), start, end: i });
      start = -1;
    }
  }
  return found;
}

/** One word as the index stores it; null for a stop word. */
export function termOf(word: string): string | null {
  const lower = word.replace(POSSESSIVE, '').toLowerCase();
  if (lower === '' || STOP_WORDS.has(lower)) return null;
  // The stemmer reads an apostrophe as the start of a possessive, which is gone by now.
  return lower.includes("'") || lower.includes('\u2019') ? lower : stemOf(lower);
}

/** The terms of `text` in order, with where their words stand; stop words left out. */
export function analyse(text: string): Term[] {
  const terms: Term[] = [];
  for (const w of words(text)) {
    const term = termOf(w.word);
    if (term !== null) terms.push({ term, start: w.start, end: w.end });
  }
  return terms;
}

/** The distinct terms of an analyst's query. */
export function queryTerms(query: string): Set<string> {
  return new Set(analyse(query).map((t) => t.term));
}

/**
 * An event type in words, as it is indexed for search: RETALIATION_VOW is "retaliation vow".
 * The graph writes the same with Cypher (TYPE_WORDS in graph/search-index.ts).
 */
export function typeWords(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}
