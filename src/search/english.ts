// The words of a text as the full-text index sees them, with where each stands, so that a search
// hit can show which words matched. The index uses Lucene's `english` analyzer: the standard
// tokenizer (Unicode word breaks), a filter that drops possessive 's, lower case, 33 stop words
// and the Porter stemmer. This imitates it, with two known differences:
// - Stems come from the Porter2 ("English") stemmer that wink's language model carries, not from
//   the original Porter algorithm Lucene runs. They agree on most words (retaliation, retaliate
//   and retaliated are "retali" in both; both keep "prejudice" apart from "prejudiced"), not on
//   all. Of the 1,301 distinct words of our own articles (seeds/, test/extract/articles/), 17
//   match other words under one than under the other: Lucene joins "news" with "new", "us" with
//   "use" and "community" with "communication"; Porter2 joins "first" with "firstly" and
//   "month" with "monthly". So a word Lucene matched may go unmarked (and when no word of a hit
//   is marked, its snippet is null), and now and then a word is marked that Lucene did not match.
// - Word breaks follow the rules that matter in news text (letters and digits, underscores,
//   apostrophes, periods and colons between letters, periods and commas between digits, emoji
//   and flags), not all of Unicode's: ideographs, for instance, are not split one by one as
//   Lucene splits them, and keycaps such as 1️⃣ are not words.
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

// A run of letters, digits and underscores, and further runs joined to it by a character that
// joins what stands on both sides of it into one word: . ' ’ : between letters (U.S., l'Express,
// a:b), . , ' ’ between digits (1.9, 1,000). Or an emoji, which Lucene keeps as a word with its
// skin tone, presentation selector and the emoji joined to it (👩‍💻), and a flag (🇷🇺). One
// regular expression, since articles are long.
const WORD =
  /[\p{L}\p{M}\p{N}_]+(?:(?:(?<=[\p{L}\p{M}])[.'\u2019:](?=[\p{L}\p{M}])|(?<=\p{N})[.,'\u2019](?=\p{N}))[\p{L}\p{M}\p{N}_]+)*|\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:[\u{1f3fb}-\u{1f3ff}]|\ufe0f)*(?:\u200d\p{Extended_Pictographic}(?:[\u{1f3fb}-\u{1f3ff}]|\ufe0f)*)*/gu;
const POSSESSIVE = /['\u2019\u201b][sS]$/;

/** The words of `text` with their places, before possessives, case and stems are dealt with. */
export function words(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// The stemmer is slow next to the rest, and an article says the same words many times.
const STEMS = new Map<string, string>();
const MAX_STEMS = 50_000;

function stem(word: string): string {
  let s = STEMS.get(word);
  if (s === undefined) {
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    s = stemOf(word);
    STEMS.set(word, s);
  }
  return s;
}

/** One word as the index stores it; null for a stop word. */
export function termOf(word: string): string | null {
  const lower = word.replace(POSSESSIVE, '').toLowerCase();
  if (lower === '' || STOP_WORDS.has(lower)) return null;
  // Every suffix either stemmer takes off ends in a letter a to z, so other words stay as they
  // are. The stemmer reads an apostrophe as the start of a possessive, which is gone by now.
  return /[a-z]$/.test(lower) && !/['\u2019]/.test(lower) ? stem(lower) : lower;
}

/** The terms of `text` in order, with where their words stand; stop words left out. */
export function* termsIn(text: string): Generator<Term> {
  for (const m of text.matchAll(WORD)) {
    const term = termOf(m[0]);
    if (term !== null) yield { term, start: m.index, end: m.index + m[0].length };
  }
}

export function analyse(text: string): Term[] {
  return [...termsIn(text)];
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
