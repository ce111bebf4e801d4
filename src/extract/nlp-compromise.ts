// The same analysis as nlp.ts, from compromise instead of wink-nlp: the other tagger that ships
// its model in the package. The extractor runs on wink; this one exists to compare the two on
// the evaluation (`npm run eval -- --tagger compromise`), as docs/extraction.md reports.
import nlpCompromise from 'compromise';
import type { Analysed, Sentence, Token } from './nlp';

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
  normal?: string;
  root?: string;
}

/** compromise's tags, in universal parts of speech as wink gives them. */
function pos(tags: string[]): string {
  const has = (t: string) => tags.includes(t);
  if (has('Auxiliary') || has('Copula') || has('Modal')) return 'AUX';
  if (has('Verb')) return 'VERB';
  if (has('Pronoun')) return 'PRON';
  if (has('ProperNoun')) return 'PROPN';
  if (has('Value') || has('Cardinal') || has('NumericValue')) return 'NUM';
  if (has('Noun')) return 'NOUN';
  if (has('Adjective')) return 'ADJ';
  if (has('Adverb')) return 'ADV';
  if (has('Preposition')) return 'ADP';
  if (has('Conjunction')) return 'CCONJ';
  if (has('Determiner')) return 'DET';
  if (has('Negative')) return 'PART';
  return 'X';
}

export function analyseWithCompromise(text: string): Analysed {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const lines = /[^\n]+/g;
  for (let m = lines.exec(text); m; m = lines.exec(text)) {
    if (!/\S/.test(m[0])) continue;
    const doc = nlpCompromise(m[0]);
    doc.compute('root');
    const json = doc.json({ offset: true, terms: { offset: true } }) as { terms: Term[] }[];
    for (const s of json) {
      const from = tokens.length;
      for (const t of s.terms) {
        const base = m.index + t.offset.start;
        const push = (start: number, end: number, p: string, lemma?: string) => {
          const value = text.slice(start, end);
          if (!value.trim()) return;
          tokens.push({
            i: tokens.length,
            text: value,
            lower: value.toLowerCase(),
            lemma: (lemma ?? value).toLowerCase(),
            pos: p,
            start,
            end,
            sentence: sentences.length,
          });
        };
        // Punctuation before and after a term, and a possessive, are tokens of their own, as wink
        // makes them.
        let start = base - t.pre.length;
        for (const ch of t.pre) {
          if (/\S/.test(ch)) push(start, start + 1, 'PUNCT');
          start++;
        }
        const word = t.text;
        const poss = /['’]s$/.exec(word);
        const wordEnd = base + word.length - (poss ? 2 : 0);
        push(base, wordEnd, pos(t.tags), poss ? undefined : (t.root ?? t.normal));
        if (poss) push(wordEnd, wordEnd + 2, 'PART');
        let k = base + word.length;
        for (const ch of t.post) {
          if (/\S/.test(ch)) push(k, k + 1, 'PUNCT');
          k++;
        }
      }
      const first = tokens[from];
      const last = tokens[tokens.length - 1];
      if (first && last && tokens.length > from) {
        sentences.push({
          index: sentences.length,
          start: first.start,
          end: last.end,
          from,
          to: tokens.length,
        });
      }
    }
  }
  return { text, tokens, sentences };
}
