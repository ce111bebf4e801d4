// A deterministic synthetic corpus for benchmarks: N annotated articles written as
// <out>/<bucket>/<articleId>.txt and .json, where bucket is (article number - 1) divided by 1000
// (0000, 0001, ...) and articleId is syn-0000001, syn-0000002, ..., so that sorted paths give
// article order. Files are written as each article is made; only the actor pool and a bounded
// history of linkable events stay in memory, so memory is flat however many articles.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_ARTICLES } from './args';
import { buildPool } from './actors';
import { History, generateArticle } from './article';
import { Rng, mixSeed } from './rng';
import { daysOf } from './text';

export interface GenerateOptions {
  articles: number;
  seed: number;
  out: string;
  /** Called with the number of articles written, after every 1000th and after the last. */
  onProgress?: (done: number) => void;
}

export interface GenerateSummary {
  articles: number;
  events: number;
  /** Distinct actors named in the corpus. */
  actors: number;
}

/** Publication dates run from the first to the last day, in article order give or take days. */
export const FIRST_DAY = daysOf(2015, 1, 1);
export const LAST_DAY = daysOf(2024, 12, 31);
const JITTER_DAYS = 20;
const PROGRESS_EVERY = 1000;

/** syn-0000001 for article number 1. */
export function articleId(n: number): string {
  return `syn-${String(n).padStart(7, '0')}`;
}

/** The folder of article number n: 0000 for 1-1000, 0001 for 1001-2000, ... so that the first
 * k folders hold exactly the first 1000 k articles. */
export function bucketOf(n: number): string {
  return String(Math.floor((n - 1) / 1000)).padStart(4, '0');
}

function publicationDay(n: number, total: number, rng: Rng): number {
  const base = total > 1 ? FIRST_DAY + ((n - 1) * (LAST_DAY - FIRST_DAY)) / (total - 1) : FIRST_DAY;
  const day = Math.round(base + (rng.next() - 0.5) * JITTER_DAYS);
  return Math.min(LAST_DAY, Math.max(FIRST_DAY, day));
}

export async function generateCorpus(opts: GenerateOptions): Promise<GenerateSummary> {
  const { articles: total, seed, out, onProgress } = opts;
  if (!Number.isSafeInteger(total) || total < 1 || total > MAX_ARTICLES) {
    throw new Error(`articles must be a whole number from 1 to ${MAX_ARTICLES}, not ${total}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be a whole number from 0 to 4294967295, not ${seed}`);
  }
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0) {
    throw new Error(`${out} is not empty: a new corpus would mix with what is there`);
  }

  const pool = buildPool(seed);
  const history = new History();
  const named = new Uint8Array(pool.actors.length);
  let events = 0;
  let dir = '';
  for (let n = 1; n <= total; n++) {
    const bucket = path.join(out, bucketOf(n));
    if (bucket !== dir) {
      mkdirSync(bucket, { recursive: true });
      dir = bucket;
    }
    const rng = new Rng(mixSeed(seed, n));
    const id = articleId(n);
    const article = generateArticle({
      pool,
      rng,
      articleId: id,
      pubDay: publicationDay(n, total, rng),
      history,
    });
    writeFileSync(path.join(bucket, `${id}.txt`), article.text);
    writeFileSync(path.join(bucket, `${id}.json`), `${JSON.stringify(article.annotation)}\n`);
    events += article.annotation.events.length;
    for (const a of article.actors) named[a] = 1;
    for (const e of article.linkable) history.add(e);
    if (n % PROGRESS_EVERY === 0 || n === total) {
      onProgress?.(n);
      // Let timers and signals run between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return { articles: total, events, actors: named.reduce((s, x) => s + x, 0) };
}
