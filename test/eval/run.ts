// `npm run eval`: the extractor, in this process, scored against gold, with the figures of the
// shared score.py (src/extract/score.ts gives the same ones) and what it does not give: precision,
// recall and F1 per event type, and a confusion table. Three sets:
//
// - evaluation: the development set beside the repository (../shared/eval/NAME.txt and its gold
//   NAME.json), what `python3 ../shared/eval/score.py` scores;
// - own: our own articles in test/extract/articles, in the same gold format (skipped when absent);
// - seed: the seed article against its hand annotation (seeds/*.json) made into gold.
//
//   npm run eval                          all three
//   npm run eval -- --dir DIR             another folder as the evaluation set
//   npm run eval -- --only own,seed       some of the sets
//   npm run eval -- --tagger compromise   the same rules over compromise's tagger, to compare
//   npm run eval -- --json FILE           also write the figures as JSON
//
// It exits 1 when an article could not be read, extracted or scored (its line says why; it counts
// as predicting nothing), or when a folder it needs is missing; 2 on bad arguments.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { eventsFormat, type PredictedEvent } from '../../src/extract/events-format';
import { EXTRACTOR, extractArticle } from '../../src/extract/index';
import { readArticleInput } from '../../src/extract/input';
import {
  addBreakdown,
  addCounts,
  articleBreakdown,
  articleLine,
  emptyBreakdown,
  goldFromAnnotation,
  goldProblem,
  prf,
  pyFixed,
  scoreArticle,
  totalLine,
  type Breakdown,
  type Counts,
  type Gold,
} from '../../src/extract/score';
import type { Annotation } from '../../src/extract/types';
import { writeFileAtomic } from '../../src/extract/write-atomic';

export const DEFAULT_EVAL_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'eval');
export const OWN_DIR = path.join(PROJECT_ROOT, 'test', 'extract', 'articles');
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

const SETS = ['evaluation', 'own', 'seed'] as const;
type SetName = (typeof SETS)[number];

class UsageError extends Error {}

/** npm runs scripts in the project root; paths given on the command line are the caller's. */
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

interface Args {
  dir: string;
  dirGiven: boolean;
  only: SetName[];
  json: string | null;
  /** The part-of-speech tagger under the rules; wink is the extractor's, compromise to compare. */
  tagger: 'wink' | 'compromise';
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    dir: DEFAULT_EVAL_DIR,
    dirGiven: false,
    only: [...SETS],
    json: null,
    tagger: 'wink',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (!v) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--dir') {
      args.dir = fromCaller(value());
      args.dirGiven = true;
    } else if (flag === '--json') args.json = fromCaller(value());
    else if (flag === '--tagger') {
      const t = value();
      if (t !== 'wink' && t !== 'compromise')
        throw new UsageError(`--tagger takes wink or compromise, not '${t}'`);
      args.tagger = t;
    } else if (flag === '--only') {
      const names = value().split(',');
      const bad = names.find((n) => !(SETS as readonly string[]).includes(n));
      if (bad)
        throw new UsageError(`--only takes ${SETS.join(', ')} (comma-separated), not '${bad}'`);
      args.only = names as SetName[];
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return args;
}

/** One article to score: where its text is and its gold (or why there is none). */
interface Item {
  name: string;
  textFile: string;
  gold: Gold | null;
  problem?: string;
}

/** NAME.json gold files of a folder with their NAME.txt texts, sorted by name as score.py does. */
function goldFolder(dir: string): Item[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      const item: Item = { name, textFile: path.join(dir, `${name}.txt`), gold: null };
      try {
        const data: unknown = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
        const problem = goldProblem(data);
        if (problem) item.problem = `${f}: ${problem}`;
        else item.gold = data as Gold;
      } catch (e) {
        item.problem = `${f}: is not valid JSON: ${(e as Error).message}`;
      }
      if (!existsSync(item.textFile)) item.problem ??= `${name}.txt is missing`;
      return item;
    });
}

/** The seed annotations as gold, with the texts they name. */
function seedItems(dir: string): Item[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      try {
        const annotation = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Annotation;
        return {
          name,
          textFile: path.join(dir, annotation.article.textFile),
          gold: goldFromAnnotation(annotation),
        };
      } catch (e) {
        return { name, textFile: '', gold: null, problem: `${f}: ${(e as Error).message}` };
      }
    });
}

interface ArticleFigures extends Counts {
  name: string;
  problem?: string;
}

interface SetFigures {
  name: SetName;
  dir: string;
  articles: ArticleFigures[];
  total: Counts & ReturnType<typeof prf>;
  byType: Record<string, Breakdown['byType'][string] & ReturnType<typeof prf>>;
  confusion: Breakdown['confusion'];
}

const log = (line = '') => process.stdout.write(`${line}\n`);

/** The extractor's events for one article file, read as `mediagraph extract` reads it. */
async function predict(
  file: string,
  tagger: Args['tagger'],
): Promise<{ events: PredictedEvent[]; problem?: string }> {
  const read = await readArticleInput(file);
  if (!read.ok) return { events: [], problem: read.issue.reason };
  try {
    return { events: eventsFormat(extractArticle(read.article.input, { tagger })).events };
  } catch (e) {
    return { events: [], problem: `extraction failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

async function runSet(
  name: SetName,
  dir: string,
  items: Item[],
  tagger: Args['tagger'],
): Promise<SetFigures> {
  log(`== ${name}: ${path.relative(process.cwd(), dir) || '.'} (${items.length} articles)`);
  let total: Counts = { matched: 0, predicted: 0, gold: 0 };
  const breakdown = emptyBreakdown();
  const articles: ArticleFigures[] = [];
  for (const item of items) {
    let problem = item.problem;
    let events: PredictedEvent[] = [];
    if (!problem) {
      const p = await predict(item.textFile, tagger);
      events = p.events;
      problem = p.problem;
    }
    const gold = item.gold ?? { events: [], actors: {} };
    const s = scoreArticle(events, gold);
    total = addCounts(total, s);
    addBreakdown(breakdown, articleBreakdown(events, gold, s));
    articles.push({
      name: item.name,
      matched: s.matched,
      predicted: s.predicted,
      gold: s.gold,
      ...(problem ? { problem } : {}),
    });
    log(articleLine(item.name, s));
    if (problem) log(`  ^ not scored as it should be: ${problem}`);
  }
  log(totalLine(total));
  const byType = Object.fromEntries(
    Object.entries(breakdown.byType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, c]) => [type, { ...c, ...prf(c) }]),
  );
  const figures: SetFigures = {
    name,
    dir,
    articles,
    total: { ...total, ...prf(total) },
    byType,
    confusion: breakdown.confusion,
  };
  printBreakdown(figures);
  return figures;
}

function table(rows: (string | number)[][], alignLeft = 1): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) =>
    r
      .map((cell, c) =>
        c < alignLeft ? String(cell).padEnd(widths[c]!) : String(cell).padStart(widths[c]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

const f2 = (x: number) => pyFixed(x, 2);

function printBreakdown(s: SetFigures): void {
  log();
  log('per event type:');
  log('  (confused: unmatched, but a prediction of another type has its agents and targets;');
  log('   missed: no prediction has them; spurious: a prediction that meets no gold event)');
  const rows: (string | number)[][] = [
    ['type', 'gold', 'predicted', 'matched', 'P', 'R', 'F1', 'confused', 'missed', 'spurious'],
  ];
  for (const [type, t] of Object.entries(s.byType)) {
    rows.push([
      type,
      t.gold,
      t.predicted,
      t.matched,
      f2(t.precision),
      f2(t.recall),
      f2(t.f1),
      t.confused,
      t.missed,
      t.spurious,
    ]);
  }
  table(rows).forEach((l) => log(`  ${l}`));
  const confused = Object.entries(s.confusion).flatMap(([gold, row]) =>
    Object.entries(row).map(([predicted, n]) => [gold, predicted, n] as const),
  );
  confused.sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  log();
  if (confused.length === 0) {
    log('confusions: none (no unmatched gold event was met by a prediction of another type)');
  } else {
    log(
      'confusions (an unmatched gold event, and a prediction with its agents and targets but another type):',
    );
    table([['gold type', 'predicted type', 'count'], ...confused.map((c) => [...c])], 2).forEach(
      (l) => log(`  ${l}`),
    );
  }
  log();
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(
      `eval: ${(e as Error).message}\nusage: npm run eval -- [--dir DIR] [--only ${SETS.join(',')}] [--json FILE] [--tagger wink|compromise]\n`,
    );
    return 2;
  }
  const sets: [SetName, string, () => Item[]][] = [];
  const missing: string[] = [];
  for (const name of args.only) {
    if (name === 'evaluation') {
      const isDir = existsSync(args.dir) && statSync(args.dir).isDirectory();
      if (!isDir) {
        missing.push(
          `the evaluation set is not at ${args.dir}` +
            (args.dirGiven
              ? ''
              : ' (it is the shared eval folder beside the repository); pass --dir DIR, or --only own,seed'),
        );
      } else sets.push([name, args.dir, () => goldFolder(args.dir)]);
    } else if (name === 'own') {
      if (existsSync(OWN_DIR)) sets.push([name, OWN_DIR, () => goldFolder(OWN_DIR)]);
      else log(`(no own articles: ${path.relative(PROJECT_ROOT, OWN_DIR)} does not exist)`);
    } else sets.push([name, SEEDS_DIR, () => seedItems(SEEDS_DIR)]);
  }
  if (missing.length > 0) {
    missing.forEach((m) => process.stderr.write(`eval: ${m}\n`));
    return 1;
  }

  log(`Extractor ${EXTRACTOR.method} ${EXTRACTOR.version}`);
  log();
  const figures: SetFigures[] = [];
  for (const [name, dir, items] of sets)
    figures.push(await runSet(name, dir, items(), args.tagger));

  log('== summary');
  const rows: (string | number)[][] = [
    ['set', 'articles', 'matched', 'predicted', 'gold', 'P', 'R', 'F1'],
  ];
  for (const s of figures) {
    rows.push([
      s.name,
      s.articles.length,
      s.total.matched,
      s.total.predicted,
      s.total.gold,
      f2(s.total.precision),
      f2(s.total.recall),
      f2(s.total.f1),
    ]);
  }
  table(rows).forEach((l) => log(`  ${l}`));

  if (args.json) {
    const report = { date: new Date().toISOString(), extractor: EXTRACTOR, sets: figures };
    writeFileAtomic(args.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`Wrote ${path.relative(process.cwd(), args.json)}.`);
  }
  const problems = figures.flatMap((s) => s.articles.filter((a) => a.problem));
  if (problems.length > 0) {
    process.stderr.write(
      `eval: ${problems.length} article(s) could not be scored as they should be (see the lines marked ^)\n`,
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
