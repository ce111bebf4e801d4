// The synthetic corpus generator without a database: every generated annotation passes the
// validator, links to earlier articles point at events defined there, the same seed gives the
// same bytes, and the corpus has the intended shape.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MediagraphArticleAnnotation as Annotation } from '../../src/generated/annotation';
import { parseGenerateArgs } from '../../src/generate/args';
import { articleId, bucketOf, generateCorpus } from '../../src/generate/corpus';
import { validateAnnotation } from '../../src/ingest/validate';
import { EVENT_TYPES } from '../../src/ontology';

const ARTICLES = 50;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-generate-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The annotation files below a folder, in path order. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f))
    .sort();
}

interface Read {
  file: string;
  text: string;
  annotation: Annotation;
}
const read = (file: string): Read => ({
  file,
  text: readFileSync(file.replace(/\.json$/, '.txt'), 'utf8'),
  annotation: JSON.parse(readFileSync(file, 'utf8')),
});

let out: string;
let articles: Read[];
let progress: number[];
let summary: Awaited<ReturnType<typeof generateCorpus>>;

beforeAll(async () => {
  out = tempDir();
  progress = [];
  summary = await generateCorpus({
    articles: ARTICLES,
    seed: 7,
    out,
    onProgress: (n) => progress.push(n),
  });
  articles = jsonFiles(out).map(read);
});

test('writes one .txt and one .json per article, in buckets, in article order', () => {
  expect(summary.articles).toBe(ARTICLES);
  expect(progress).toEqual([ARTICLES]);
  expect(readdirSync(out)).toEqual(['0000']);
  expect(articles.map((a) => a.annotation.article.id)).toEqual(
    Array.from({ length: ARTICLES }, (_, i) => articleId(i + 1)),
  );
  expect(articles[0]?.file).toBe(path.join(out, '0000', 'syn-0000001.json'));
  expect([bucketOf(1), bucketOf(1000), bucketOf(1001), bucketOf(12345)]).toEqual([
    '0000',
    '0000',
    '0001',
    '0012',
  ]);
  expect(summary.events).toBe(articles.reduce((n, a) => n + a.annotation.events.length, 0));
  const actors = new Set(articles.flatMap((a) => a.annotation.actors.map((x) => x.id)));
  expect(summary.actors).toBe(actors.size);
});

test('every annotation is valid; links to earlier articles point at events defined there', () => {
  const defined = new Set<string>();
  let crossLinks = 0;
  for (const { file, text, annotation: a } of articles) {
    const own = new Set(a.events.map((e) => e.id));
    const links = a.links ?? [];
    for (const l of links) {
      expect(own.has(l.from)).toBe(true);
      if (!own.has(l.to)) {
        crossLinks++;
        expect(defined.has(l.to)).toBe(true);
      }
    }
    // Links to earlier articles are the loader's to resolve, not the single-file validator's.
    expect(validateAnnotation(file, a, text)).toEqual([]);
    a.events.forEach((e) => defined.add(e.id));
  }
  expect(crossLinks).toBeGreaterThan(0);
});

test('actors are shared across articles with the same name and kind', () => {
  const seen = new Map<string, string>();
  for (const { annotation: a } of articles) {
    const publisher = a.actors.find((x) => x.id === a.article.publisherId);
    expect(publisher?.kind).toBe('MEDIA_OUTLET');
    for (const x of a.actors) {
      const key = `${x.name}/${x.kind}`;
      expect(seen.get(x.id) ?? key).toBe(key);
      seen.set(x.id, key);
    }
  }
});

test('has the shape of the news: events, types, dates, quotes, claims and money', () => {
  const counts = articles.map((a) => a.annotation.events.length);
  expect(Math.min(...counts)).toBeGreaterThanOrEqual(6);
  expect(Math.max(...counts)).toBeLessThanOrEqual(14);
  const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
  expect(mean).toBeGreaterThan(8.5);
  expect(mean).toBeLessThan(11.5);

  const events = articles.flatMap((a) => a.annotation.events);
  const types = new Set(events.map((e) => e.type));
  expect(types.size).toBeGreaterThanOrEqual(10);
  types.forEach((t) => expect(EVENT_TYPES).toContain(t));
  for (const e of events) {
    expect(e.participants.some((p) => p.role === 'AGENT')).toBe(true);
    expect(e.confidence).toBeGreaterThanOrEqual(0.5);
    expect(e.confidence).toBeLessThanOrEqual(1);
    expect(e.datePrecision === 'UNKNOWN').toBe(e.occurredOn === undefined);
  }
  const day = events.filter((e) => e.datePrecision === 'DAY').length;
  expect(day / events.length).toBeGreaterThan(0.5);
  expect(events.some((e) => e.datePrecision === 'UNKNOWN')).toBe(true);
  expect(events.filter((e) => e.modality === 'ASSERTED').length / events.length).toBeGreaterThan(
    0.8,
  );
  const donations = events.filter((e) => e.type === 'DONATION');
  expect(donations.length).toBeGreaterThan(0);
  for (const d of donations) {
    expect(d.amount).toBeDefined();
    expect(d.participants.some((p) => p.role === 'FUNDS_SOURCE')).toBe(true);
    expect(d.participants.some((p) => p.role === 'BENEFICIARY')).toBe(true);
  }
  expect(events.some((e) => e.participants.some((p) => p.role === 'ON_BEHALF_OF'))).toBe(true);
  const claims = articles.flatMap((a) => a.annotation.claims ?? []);
  expect(claims.some((c) => (c.disputes ?? []).length > 0)).toBe(true);
  expect(articles.flatMap((a) => a.annotation.quotes ?? []).length).toBeGreaterThan(0);

  const dates = articles.map((a) => a.annotation.article.publishedOn);
  expect(dates[0]! < '2016').toBe(true);
  expect(dates[dates.length - 1]! > '2024').toBe(true);
});

test('a few actors take a large share of the mentions', () => {
  const mentions = new Map<string, number>();
  for (const { annotation: a } of articles) {
    for (const e of a.events) {
      for (const p of e.participants) mentions.set(p.actorId, (mentions.get(p.actorId) ?? 0) + 1);
    }
  }
  const sorted = [...mentions.values()].sort((x, y) => y - x);
  const total = sorted.reduce((s, n) => s + n, 0);
  const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((s, n) => s + n, 0);
  expect(top / total).toBeGreaterThan(0.3);
});

test('the same seed gives the same bytes; another seed does not', async () => {
  const again = tempDir();
  await generateCorpus({ articles: ARTICLES, seed: 7, out: again });
  const other = tempDir();
  await generateCorpus({ articles: ARTICLES, seed: 8, out: other });
  for (const name of ['syn-0000001', 'syn-0000025', 'syn-0000050']) {
    for (const ext of ['.txt', '.json']) {
      const file = path.join('0000', name + ext);
      const first = readFileSync(path.join(out, file));
      expect(readFileSync(path.join(again, file)).equals(first)).toBe(true);
      expect(readFileSync(path.join(other, file)).equals(first)).toBe(false);
    }
  }
});

test('refuses a folder that already holds files', async () => {
  await expect(generateCorpus({ articles: 1, seed: 1, out })).rejects.toThrow(/is not empty/);
});

describe('parseGenerateArgs', () => {
  test('reads the flags, with seed 1 by default', () => {
    expect(parseGenerateArgs(['--articles', '100', '--out', 'corpus'])).toEqual({
      articles: 100,
      seed: 1,
      out: 'corpus',
    });
    expect(parseGenerateArgs(['--seed=42', '--out=x', '--articles=5'])).toEqual({
      articles: 5,
      seed: 42,
      out: 'x',
    });
  });

  test.each<[string[], RegExp]>([
    [['--out', 'x'], /--articles is required/],
    [['--articles', '5'], /--out is required/],
    [['--articles', '--out', 'x'], /--articles needs a value/],
    [['--articles', '5', '--out'], /--out needs a value/],
    [['--articles', 'ten', '--out', 'x'], /--articles must be a whole number/],
    [['--articles', '0', '--out', 'x'], /--articles must be a whole number from 1/],
    [['--articles', '5', '--seed', '-1', '--out', 'x'], /--seed must be a whole number/],
    [['--articles', '5', '--seed', '1.5', '--out', 'x'], /--seed must be a whole number/],
    [['--articles', '5', '--out', 'x', '--out', 'y'], /--out is given more than once/],
    [['--articles', '5', '--out', 'x', '--colour', 'red'], /unknown option '--colour'/],
    [['--articles', '5', 'x'], /unexpected argument 'x'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGenerateArgs(argv)).toThrow(message);
  });
});
