// Tokens, parts of speech, lemmas and sentences from wink-nlp, with the character offsets every
// evidence span needs. wink gives token values and the spaces before them; offsets are found by
// walking the text, so they are exact even where wink normalises nothing and the text has odd
// whitespace.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { ItemSentence, ItemToken } from 'wink-nlp';

const nlp = winkNLP(model);
const its = nlp.its;
// wink recognises its `its` functions by identity, so they are passed as they are (not bound);
// its typings give lemma a parameter the model fills in.
/* eslint-disable @typescript-eslint/unbound-method */
const lemmaOf = its.lemma as unknown as typeof its.pos;
const posOf = its.pos;
/* eslint-enable @typescript-eslint/unbound-method */

export interface Token {
  /** Index in the article's token list. */
  i: number;
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  sentence: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token indices [first, last + 1). */
  from: number;
  to: number;
}

export interface Analysed {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

export function analyse(text: string): Analysed {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  // A line break always ends a sentence: headlines and related-headline lines have no full stop.
  const lines = /[^\n]+/g;
  let si = 0;
  for (let m = lines.exec(text); m; m = lines.exec(text)) {
    if (!/\S/.test(m[0])) continue;
    si = readLine(text, m.index, m[0], tokens, sentences, si);
  }
  return { text, tokens, sentences: renumber(sentences, tokens) };
}

function readLine(
  text: string,
  offset: number,
  line: string,
  tokens: Token[],
  sentences: Sentence[],
  first: number,
): number {
  const doc = nlp.readDoc(line);
  let cursor = offset;
  let si = first;
  doc.sentences().each((s: ItemSentence) => {
    const from = tokens.length;
    s.tokens().each((t: ItemToken) => {
      const value = t.out();
      let start = text.indexOf(value, cursor);
      // wink may normalise a token; fall back to the next non-space character.
      if (start < 0 || start - cursor > 200) {
        start = cursor;
        while (start < text.length && /\s/.test(text[start] ?? '')) start++;
      }
      const end = Math.min(text.length, start + value.length);
      cursor = end;
      tokens.push({
        i: tokens.length,
        text: value,
        lower: value.toLowerCase(),
        lemma: String(t.out(lemmaOf)).toLowerCase(),
        pos: String(t.out(posOf)),
        start,
        end,
        sentence: si,
      });
    });
    const firstTok = tokens[from];
    const last = tokens[tokens.length - 1];
    if (firstTok && last && tokens.length > from) {
      sentences.push({ index: si, start: firstTok.start, end: last.end, from, to: tokens.length });
    }
    si++;
  });
  return si;
}

/** Sentences that ended up empty are dropped; indices stay dense. */
function renumber(sentences: Sentence[], tokens: Token[]): Sentence[] {
  return sentences.map((s, index) => {
    for (let k = s.from; k < s.to; k++) {
      const t = tokens[k];
      if (t) t.sentence = index;
    }
    return { ...s, index };
  });
}
