// A cheap test that an article is in English, with no language-detection dependency: the
// extractor's rules and word lists are English, so on another language it finds nothing, or
// nonsense. Two measures over the first LANGUAGE_SAMPLE_CHARS characters:
//
// - script: the share of letters in the Latin script. English news is all but 100% Latin (a
//   name or a quoted word in another script is a few per cent); Russian, Chinese, Arabic or Greek
//   text is all but 0%. Below MIN_LATIN_SHARE the text is not English.
// - stop words: the share of words that are among ENGLISH_STOP_WORDS, the most frequent English
//   function words. A few of them are words of other languages too ("a", "in", "is", "to",
//   "for", "was"), but each such language shares only one or two of them. Measured with this
//   list: the seed article scores 0.37, the synthetic corpus of src/generate (a phrasebook
//   dense with names) 0.22 at its lowest over 2,000 articles and 0.32 in the middle; news
//   paragraphs in French, German, Spanish, Italian, Portuguese, Dutch, Polish and Danish score
//   0.02 to 0.08 (the unit tests hold such paragraphs). MIN_STOP_WORD_SHARE = 0.12 sits between
//   the two, with room on both sides: an English article heavy with names and figures stays
//   above it, and a foreign one quoting a little English stays below.
//
// A text of fewer than MIN_WORDS_TO_JUDGE words (or letters, for the script) is not judged: its
// share says too little.

export const LANGUAGE_SAMPLE_CHARS = 5000;
export const MIN_WORDS_TO_JUDGE = 30;
export const MIN_LATIN_SHARE = 0.5;
export const MIN_STOP_WORD_SHARE = 0.12;

// prettier-ignore
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'for', 'on', 'as', 'at', 'with', 'by',
  'from', 'this', 'these', 'those', 'which', 'was', 'were', 'will', 'their', 'they', 'she',
  'his', 'its', 'it', 'been', 'would', 'said', 'says', 'who', 'after', 'about', 'than', 'into',
  'our', 'could', 'should', 'there', 'when', 'what', 'them', 'are', 'have', 'has', 'not', 'but',
  'be', 'or', 'you', 'such', 'other', 'against',
]);

export interface LanguageMeasure {
  /** Letters in the sample. */
  letters: number;
  latinShare: number;
  /** Words (runs of letters) in the sample. */
  words: number;
  stopWordShare: number;
}

export function measureLanguage(text: string): LanguageMeasure {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let stop = 0;
  for (const w of words) if (ENGLISH_STOP_WORDS.has(w)) stop++;
  return {
    letters,
    latinShare: letters ? latin / letters : 1,
    words: words.length,
    stopWordShare: words.length ? stop / words.length : 0,
  };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Why the text is not taken as English; null when it is, or is too short to judge. */
export function notEnglishReason(text: string): string | null {
  const m = measureLanguage(text);
  if (m.letters >= MIN_WORDS_TO_JUDGE && m.latinShare < MIN_LATIN_SHARE) {
    return (
      `does not look like English: ${percent(m.latinShare)} of the letters of its first ` +
      `${LANGUAGE_SAMPLE_CHARS} characters are Latin script (English needs ${percent(MIN_LATIN_SHARE)}); ` +
      'the extractor reads English only'
    );
  }
  if (m.words >= MIN_WORDS_TO_JUDGE && m.stopWordShare < MIN_STOP_WORD_SHARE) {
    return (
      `does not look like English: ${percent(m.stopWordShare)} of its first ${m.words} words are ` +
      `common English words such as "the", "of" and "to" (English text has over ` +
      `${percent(MIN_STOP_WORD_SHARE)}); the extractor reads English only`
    );
  }
  return null;
}
