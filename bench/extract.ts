// The extraction benchmark: articles per second through extractArticle on one core (one
// JavaScript thread, in this process), and whether memory stays flat over thousands of
// articles. `npm run bench` runs it after the graph benchmark, in a process of its own with
// --expose-gc; `npm run bench -- --extract` runs it alone.
//
//   node --expose-gc --require tsx/cjs bench/extract.ts [--quick]
//
// The corpus: distinct articles of the synthetic generator (src/generate, the phrasebook the
// graph benchmark loads), with the seed article and our own test articles (test/extract/articles)
// mixed in, one in every MIX_EVERY. Everything is made before the clock starts; the clock runs
// only around extractArticle. Every SAMPLE_EVERY articles the clock stops, the heap is collected
// (with --expose-gc) and heap and RSS are sampled: memory is flat when the heap after collection
// grows by less than FLAT_MB from the first sample (after a warm-up) to the last.
//
// The target is TARGET_PER_SECOND articles/s; it is reported, never asserted.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/config';
import { EXTRACTOR, extractArticle } from '../src/extract/index';
import type { ArticleInput } from '../src/extract/types';
import { buildPool } from '../src/generate/actors';
import { History, generateArticle } from '../src/generate/article';
import { FIRST_DAY, articleId } from '../src/generate/corpus';
import { Rng, mixSeed } from '../src/generate/rng';

const QUICK = process.argv.includes('--quick');
const ARTICLES = QUICK ? 1000 : 5000;
/** Articles extracted before the clock starts: the JIT needs a few hundred to settle. */
const WARMUP = 300;
const SAMPLE_EVERY = QUICK ? 100 : 250;
const MIX_EVERY = 20;
const SEED = 7;
const FLAT_MB = 5;
export const TARGET_PER_SECOND = 50;

const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const NAME = `${QUICK ? 'quick' : 'full'}-extract`;

const log = (line = '') => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

/** Texts of the seed and of our own articles: real news prose beside the phrasebook. */
function realArticles(): ArticleInput[] {
  const texts: ArticleInput[] = [];
  const seeds = path.join(PROJECT_ROOT, 'seeds');
  const own = path.join(PROJECT_ROOT, 'test', 'extract', 'articles');
  for (const dir of [seeds, own]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      texts.push({ text: readFileSync(path.join(dir, f), 'utf8'), textFile: f });
    }
  }
  return texts;
}

function corpus(): { inputs: ArticleInput[]; generated: number; real: number } {
  const pool = buildPool(SEED);
  const history = new History();
  const real = realArticles();
  const inputs: ArticleInput[] = [];
  let realTimed = 0;
  for (let n = 1; n <= WARMUP + ARTICLES; n++) {
    if (real.length > 0 && n % MIX_EVERY === 0) {
      inputs.push(real[(n / MIX_EVERY) % real.length]!);
      if (n > WARMUP) realTimed++;
      continue;
    }
    const id = articleId(n);
    const article = generateArticle({
      pool,
      rng: new Rng(mixSeed(SEED, n)),
      articleId: id,
      pubDay: FIRST_DAY + n,
      history,
    });
    for (const e of article.linkable) history.add(e);
    inputs.push({ text: article.text, textFile: `${id}.txt` });
  }
  return { inputs, generated: ARTICLES - realTimed, real: realTimed };
}

interface Sample {
  articles: number;
  heapUsedMb: number;
  rssMb: number;
}

function sample(articles: number): Sample {
  gc?.();
  const m = process.memoryUsage();
  return { articles, heapUsedMb: mb(m.heapUsed), rssMb: mb(m.rss) };
}

function percentile(sorted: number[], q: number): number {
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 100) /
    100
  );
}

export interface ExtractionFigures {
  articles: number;
  corpus: { generated: number; real: number; characters: number };
  seconds: number;
  articlesPerSecond: number;
  /** Articles per second of CPU time of this process (its one JavaScript thread and the GC's helpers). */
  articlesPerCpuSecond: number;
  charactersPerSecond: number;
  events: number;
  failures: number;
  firstFailure?: string;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  memory: {
    gcBeforeSamples: boolean;
    heapUsedMb: { start: number; end: number; max: number };
    rssMb: { start: number; end: number; max: number };
    growthMb: number;
    flat: boolean;
    samples: Sample[];
  };
  target: { articlesPerSecond: number; met: boolean };
}

export function runExtractionBenchmark(): ExtractionFigures {
  log(
    `Extraction benchmark${QUICK ? ' (quick)' : ''}: ${ARTICLES} articles, ${EXTRACTOR.method} ${EXTRACTOR.version}`,
  );
  if (!gc) log('  (no --expose-gc: memory is sampled without collecting first, so it saw-tooths)');
  const t0 = performance.now();
  const { inputs, generated, real } = corpus();
  log(
    `  corpus: ${generated} generated and ${real} real articles, made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  for (let i = 0; i < WARMUP; i++) extractArticle(inputs[i]!);
  const samples: Sample[] = [sample(0)];
  const latencies: number[] = [];
  let events = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  let characters = 0;
  let elapsed = 0;
  let elapsedBefore = 0;
  let cpu = 0;
  for (let k = 0; k < ARTICLES; k++) {
    const input = inputs[WARMUP + k]!;
    characters += input.text.length;
    const c0 = process.cpuUsage();
    const s = performance.now();
    try {
      events += extractArticle(input).events.length;
    } catch (e) {
      failures++;
      firstFailure ??= `${input.textFile}: ${(e as Error).message.split('\n')[0]}`;
    }
    const ms = performance.now() - s;
    const used = process.cpuUsage(c0);
    cpu += (used.user + used.system) / 1e6;
    elapsed += ms;
    latencies.push(ms);
    if ((k + 1) % SAMPLE_EVERY === 0 || k + 1 === ARTICLES) {
      const last = sample(k + 1);
      const previous = samples[samples.length - 1]!;
      const rate = (last.articles - previous.articles) / ((elapsed - elapsedBefore) / 1000);
      elapsedBefore = elapsed;
      samples.push(last);
      log(
        `  ${String(k + 1).padStart(5)} articles: ${Math.round(rate)} articles/s since the last sample, heap ${last.heapUsedMb} MB, RSS ${last.rssMb} MB`,
      );
    }
  }
  latencies.sort((a, b) => a - b);
  const seconds = elapsed / 1000;
  const heap = samples.map((x) => x.heapUsedMb);
  const rss = samples.map((x) => x.rssMb);
  const growthMb = Math.round((heap[heap.length - 1]! - heap[0]!) * 10) / 10;
  const figures: ExtractionFigures = {
    articles: ARTICLES,
    corpus: { generated, real, characters },
    seconds: Math.round(seconds * 100) / 100,
    articlesPerSecond: Math.round((ARTICLES / seconds) * 10) / 10,
    articlesPerCpuSecond: Math.round((ARTICLES / cpu) * 10) / 10,
    charactersPerSecond: Math.round(characters / seconds),
    events,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: percentile(latencies, 1),
    },
    memory: {
      gcBeforeSamples: Boolean(gc),
      heapUsedMb: { start: heap[0]!, end: heap[heap.length - 1]!, max: Math.max(...heap) },
      rssMb: { start: rss[0]!, end: rss[rss.length - 1]!, max: Math.max(...rss) },
      growthMb,
      flat: growthMb < FLAT_MB,
      samples,
    },
    target: { articlesPerSecond: TARGET_PER_SECOND, met: ARTICLES / seconds >= TARGET_PER_SECOND },
  };
  const f = figures;
  log(
    `  ${f.articlesPerSecond} articles/s (${f.articlesPerCpuSecond} per CPU second), ${Math.round(f.charactersPerSecond / 1000)}k characters/s; ` +
      `per article p50 ${f.latencyMs.p50} ms, p95 ${f.latencyMs.p95} ms, max ${f.latencyMs.max} ms; ${f.events} events`,
  );
  log(
    `  target ${TARGET_PER_SECOND} articles/s: ${f.target.met ? 'met' : 'NOT met'}; ` +
      `heap ${f.memory.heapUsedMb.start} -> ${f.memory.heapUsedMb.end} MB (max ${f.memory.heapUsedMb.max}), ` +
      `RSS ${f.memory.rssMb.start} -> ${f.memory.rssMb.end} MB (max ${f.memory.rssMb.max}): ` +
      `${f.memory.flat ? 'flat' : 'NOT flat'} (${growthMb >= 0 ? '+' : ''}${growthMb} MB over ${ARTICLES} articles)`,
  );
  if (failures > 0) log(`  ${failures} article(s) failed; the first: ${firstFailure}`);
  return figures;
}

function markdown(f: ExtractionFigures, date: string): string {
  const m = f.memory;
  return [
    `# Extraction benchmark (${QUICK ? 'quick' : 'full'}): ${date.slice(0, 10)}`,
    '',
    `${EXTRACTOR.method} ${EXTRACTOR.version}; ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. ` +
      `One JavaScript thread; the clock runs only around extractArticle.`,
    '',
    `Corpus: ${f.articles.toLocaleString('en-US')} articles (${f.corpus.generated} generated, ${f.corpus.real} real), ${f.corpus.characters.toLocaleString('en-US')} characters.`,
    '',
    '| articles/s | per CPU second | characters/s | p50 ms | p95 ms | p99 ms | max ms | events | failures | target |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${f.articlesPerSecond} | ${f.articlesPerCpuSecond} | ${f.charactersPerSecond.toLocaleString('en-US')} | ${f.latencyMs.p50} | ${f.latencyMs.p95} | ${f.latencyMs.p99} | ${f.latencyMs.max} | ${f.events} | ${f.failures} | ${f.target.articlesPerSecond}/s ${f.target.met ? 'met' : 'NOT met'} |`,
    '',
    `Memory${m.gcBeforeSamples ? ' (after a collection)' : ''}, every ${SAMPLE_EVERY} articles:`,
    '',
    '| | start MB | end MB | max MB |',
    '| --- | ---: | ---: | ---: |',
    `| heap used | ${m.heapUsedMb.start} | ${m.heapUsedMb.end} | ${m.heapUsedMb.max} |`,
    `| RSS | ${m.rssMb.start} | ${m.rssMb.end} | ${m.rssMb.max} |`,
    '',
    `Heap growth ${m.growthMb} MB: ${m.flat ? 'flat' : 'NOT flat'} (flat is under ${FLAT_MB} MB).`,
    '',
  ].join('\n');
}

if (require.main === module) {
  const date = new Date().toISOString();
  const figures = runExtractionBenchmark();
  mkdirSync(OUT_DIR, { recursive: true });
  const report = {
    name: NAME,
    date,
    extractor: EXTRACTOR,
    machine: { cpus: os.cpus().length, node: process.version },
    settings: {
      articles: ARTICLES,
      warmup: WARMUP,
      sampleEvery: SAMPLE_EVERY,
      mixEvery: MIX_EVERY,
      seed: SEED,
    },
    ...figures,
  };
  writeFileSync(path.join(OUT_DIR, `${NAME}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(OUT_DIR, `${NAME}.md`), markdown(figures, date));
  log(`  wrote ${path.relative(PROJECT_ROOT, OUT_DIR)}/${NAME}.json and ${NAME}.md`);
}
