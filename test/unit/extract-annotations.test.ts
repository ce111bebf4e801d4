// What the extractor writes is an annotation the loader accepts as it is: valid against the
// schema, every span the article's exact text, and marked as a machine's work. Checked on every
// article we wrote for the extractor and on the seed article.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { EXTRACTOR, extractArticle, type Annotation } from '../../src/extract';
import { eventsFormat } from '../../src/extract/events-format';
import { goldFromAnnotation, scoreArticle } from '../../src/extract/score';
import { validateAnnotation } from '../../src/ingest/validate';

const own = path.join(PROJECT_ROOT, 'test', 'extract', 'articles');
const seeds = path.join(PROJECT_ROOT, 'seeds');
const articles = [
  ...readdirSync(own)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(own, f)),
  ...readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(seeds, f)),
];

interface Spanned {
  start: number;
  end: number;
  text: string;
}

function spansOf(value: unknown, out: Spanned[] = []): Spanned[] {
  if (Array.isArray(value)) for (const v of value) spansOf(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && typeof o.text === 'string')
      out.push(o as unknown as Spanned);
    for (const v of Object.values(o)) spansOf(v, out);
  }
  return out;
}

test('there are articles to check', () => {
  expect(articles.length).toBeGreaterThanOrEqual(28);
});

describe.each(articles.map((f) => [path.basename(f), f]))('%s', (_name, file) => {
  const text = readFileSync(file, 'utf8');
  const annotation = extractArticle({ text, textFile: path.basename(file) });

  it('is an annotation the loader accepts, spans and all', () => {
    expect(validateAnnotation(file.replace(/\.txt$/, '.json'), annotation, text)).toEqual([]);
    const spans = spansOf(annotation);
    expect(spans.length).toBeGreaterThan(annotation.events.length);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('says a machine made it, and is the same on a second run', () => {
    expect(annotation.extraction).toEqual(EXTRACTOR);
    expect(extractArticle({ text, textFile: path.basename(file) })).toEqual(annotation);
  });
});

test('the seed article: at least 10 of its 14 hand-coded events are found with type, agents and targets', () => {
  const file = path.join(seeds, 'tass-2017-10-27-kremlin-regrets-twitter-ad-ban');
  const text = readFileSync(`${file}.txt`, 'utf8');
  const hand = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Annotation;
  const gold = goldFromAnnotation(hand);
  const predicted = eventsFormat(extractArticle({ text, textFile: 'seed.txt' })).events;
  const score = scoreArticle(predicted, gold);
  expect(score.gold).toBe(14);
  expect(score.matched).toBeGreaterThanOrEqual(10);
});
