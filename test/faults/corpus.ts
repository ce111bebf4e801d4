// The corpus the crash checks load, and what each prefix of it must put in the graph. A crash
// may leave whole batches only: the first k batches' articles, each with all of its elements.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/config';
import { generateCorpus } from '../../src/generate/corpus';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { annotationFiles } from '../../src/ingest/read';

/** What one annotation writes, as far as the checks count it. */
interface Expected {
  id: string;
  events: number;
  quotes: number;
  claims: number;
  actorIds: string[];
}

export interface Corpus {
  dir: string;
  /** In load order: the loader writes files in path order. */
  articles: Expected[];
  events: number;
}

const annotation = z.object({
  article: z.object({ id: z.string() }),
  actors: z.array(z.object({ id: z.string() })),
  events: z.array(z.unknown()),
  quotes: z.array(z.unknown()).optional(),
  claims: z.array(z.unknown()).optional(),
});

export async function makeCorpus(articles: number, seed: number): Promise<Corpus> {
  const dir = path.join(PROJECT_ROOT, 'var', 'faults-corpus');
  await rm(dir, { recursive: true, force: true });
  const summary = await generateCorpus({ articles, seed, out: dir });
  const expected: Expected[] = [];
  for (const file of await annotationFiles(dir)) {
    const a = annotation.parse(JSON.parse(await readFile(file, 'utf8')));
    expected.push({
      id: a.article.id,
      events: a.events.length,
      quotes: a.quotes?.length ?? 0,
      claims: a.claims?.length ?? 0,
      actorIds: a.actors.map((x) => x.id),
    });
  }
  return { dir, articles: expected, events: summary.events };
}

export interface GraphCounts {
  /** Article ids with the number of events each one REPORTS. */
  reports: Map<string, number>;
  events: number;
  quotes: number;
  claims: number;
  actors: number;
}

const reportsQuery = defineQuery(
  'faultsReportsPerArticle',
  'MATCH (a:Article) RETURN a.id AS id, COUNT { (a)-[:REPORTS]->(:Event) } AS reports',
  z.object({ id: z.string(), reports: z.number() }),
);
const labelCounts = defineQuery(
  'faultsLabelCounts',
  `CALL () { MATCH (n:Event) RETURN count(n) AS events }
   CALL () { MATCH (n:Quote) RETURN count(n) AS quotes }
   CALL () { MATCH (n:Claim) RETURN count(n) AS claims }
   CALL () { MATCH (n:Actor) RETURN count(n) AS actors }
   RETURN events, quotes, claims, actors`,
  z.object({ events: z.number(), quotes: z.number(), claims: z.number(), actors: z.number() }),
);
const articleCount = defineQuery(
  'faultsArticleCount',
  'MATCH (a:Article) RETURN count(a) AS n',
  z.object({ n: z.number() }),
);

export async function countArticles(graph: Graph): Promise<number> {
  const [row] = await graph.read(articleCount);
  return row?.n ?? 0;
}

export async function graphCounts(graph: Graph): Promise<GraphCounts> {
  const rows = await graph.read(reportsQuery);
  const [counts] = await graph.read(labelCounts);
  if (!counts) throw new Error('no counts');
  return { reports: new Map(rows.map((r) => [r.id, r.reports])), ...counts };
}

/** What the first n articles of the corpus put in the graph when loaded alone. */
export function expectedFor(corpus: Corpus, n: number) {
  const prefix = corpus.articles.slice(0, n);
  const sum = (f: (a: Expected) => number) => prefix.reduce((s, a) => s + f(a), 0);
  return {
    ids: prefix.map((a) => a.id),
    reports: new Map(prefix.map((a) => [a.id, a.events])),
    events: sum((a) => a.events),
    quotes: sum((a) => a.quotes),
    claims: sum((a) => a.claims),
    actors: new Set(prefix.flatMap((a) => a.actorIds)).size,
  };
}
