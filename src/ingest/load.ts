// The load path: every input is read and validated before anything is written, then each
// article is written in a transaction of its own.
import type { Graph } from '../graph/driver';
import { writeBatch } from '../graph/write-articles';
import { toWriteBatch } from './batch';
import { InputError, type InputIssue } from './errors';
import { annotationFiles, readArticle } from './read';
import type { ValidArticle } from './validate';

/** Reads and validates everything at `input`; throws InputError listing every problem found. */
export async function readAll(input: string): Promise<ValidArticle[]> {
  const files = await annotationFiles(input);
  if (files.length === 0) {
    throw new InputError([
      { file: input, field: '', reason: 'holds no annotation (*.json) files' },
    ]);
  }
  const issues: InputIssue[] = [];
  const articles: ValidArticle[] = [];
  const articleFile = new Map<string, string>();
  for (const file of files) {
    const r = await readArticle(file);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const id = r.article.annotation.article.id;
    const first = articleFile.get(id);
    if (first !== undefined) {
      issues.push({
        file,
        field: 'article.id',
        reason: `'${id}' is also the id of the article in ${first}`,
      });
      continue;
    }
    articleFile.set(id, file);
    articles.push(r.article);
  }
  if (issues.length > 0) throw new InputError(issues);
  return articles;
}

export interface LoadSummary {
  articles: number;
  events: number;
}

export async function load(graph: Graph, input: string): Promise<LoadSummary> {
  const articles = await readAll(input);
  let events = 0;
  for (const article of articles) {
    await writeBatch(graph, toWriteBatch([article]));
    events += article.annotation.events.length;
  }
  return { articles: articles.length, events };
}
