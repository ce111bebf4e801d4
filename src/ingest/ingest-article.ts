// One article through the API: the loader's validation and writer, in one transaction with its
// audit record. Links may name events already in the graph, as in a bulk load.
import { z } from 'zod';
import { recordAudit, type Author } from '../graph/audit';
import { defineQuery, runIn, type Graph } from '../graph/driver';
import { WriteRefused } from '../graph/errors';
import { ARTICLE } from '../graph/projections';
import { articleRow, type ArticleRow } from '../graph/rows';
import type { CurationReport } from '../graph/keep-curation';
import type { DuplicatePairRow } from '../graph/reads/duplicates';
import { LOCK } from '../graph/locks';
import { writeBatchIn } from '../graph/write-articles';
import { toWriteBatch } from './batch';
import type { JoinNote } from './match';
import { existingEvents } from './load';
import { externalLinkTargets, validateAnnotation, type ValidArticle } from './validate';

// The article is merged and locked by the first statement: concurrent ingests of one article
// queue here (the uniqueness constraint makes a second MERGE wait for the first to commit), and
// each sees the state the one before it left. An article that existed always has its text.
const lockArticle = defineQuery(
  'ingestArticleLock',
  `MERGE (art:Article {id: $id})
   ${LOCK('art')}
   RETURN art.text IS NOT NULL AS exists, art.title AS title,
     [(art)-[:REPORTS]->(e:Event) | e.id] AS eventIds`,
  z.object({ exists: z.boolean(), title: z.string().nullable(), eventIds: z.array(z.string()) }),
);

const articleById = defineQuery(
  'ingestedArticle',
  `MATCH (art:Article {id: $id}) RETURN ${ARTICLE('art')} AS row`,
  z.object({ row: articleRow }),
);

export interface IngestResult {
  article: ArticleRow;
  events: number;
  created: boolean;
  /** Analysts' curation this annotation met. */
  curation: CurationReport;
  /** Events of an extracted annotation written onto events the graph held already. */
  joined: JoinNote[];
  /** Possible duplicates recorded for the events this article created. */
  possibleDuplicates: DuplicatePairRow[];
}

function refuse(issues: { field: string; reason: string }[]): never {
  const shown = issues.slice(0, 5).map((i) => `${i.field || '(annotation)'}: ${i.reason}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new WriteRefused(
    'BAD_USER_INPUT',
    `The annotation has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was written: ${shown.join('; ')}${more}`,
    'input.annotation',
    issues,
  );
}

/**
 * Validates and writes one article with its annotation, audited as `action` (the mutation that
 * asked for it: ingestArticle, or ingestText with the annotation it extracted).
 */
export async function ingestArticle(
  graph: Graph,
  author: Author,
  input: {
    text: string;
    annotation: unknown;
    note: string | null;
    /** Settle conflicts with curated values for the annotation (audited); off by default. */
    overwriteCuration?: boolean;
  },
  action = 'ingestArticle',
): Promise<IngestResult> {
  // Issues name the mutation where the loader names a file.
  const issues = validateAnnotation(action, input.annotation, input.text, 'given in `text`');
  if (issues.length > 0) refuse(issues);
  const article: ValidArticle = {
    file: action,
    text: input.text,
    annotation: input.annotation as ValidArticle['annotation'],
  };
  const { annotation } = article;
  return graph.writeTx(async (tx) => {
    const [before] = await runIn(tx, lockArticle, { id: annotation.article.id });
    const targets = externalLinkTargets(annotation);
    if (targets.length > 0) {
      const found = new Set(
        (await runIn(tx, existingEvents, { ids: targets.map((t) => t.id) })).map((r) => r.id),
      );
      const missing = targets.filter((t) => !found.has(t.id));
      if (missing.length > 0) {
        refuse(
          missing.map((t) => ({
            field: t.field,
            reason: `'${t.id}' is not an event of this annotation or of the graph`,
          })),
        );
      }
    }
    const outcome = await writeBatchIn(tx, toWriteBatch([article]), {
      overwrite: input.overwriteCuration ?? false,
      author,
    });
    // The same statement reads the state after: the lock is ours already, and the MERGE matches.
    const [after] = await runIn(tx, lockArticle, { id: annotation.article.id });
    const summary = (s: typeof before) =>
      s?.exists ? { title: s.title, eventIds: [...s.eventIds].sort() } : null;
    await recordAudit(tx, author, {
      action,
      targetType: 'Article',
      targetId: `Article:${annotation.article.id}`,
      note: input.note,
      before: summary(before),
      after: summary(after),
    });
    const [row] = await runIn(tx, articleById, { id: annotation.article.id });
    return {
      article: row!.row,
      events: annotation.events.length,
      created: !before?.exists,
      curation: outcome.curation,
      joined: outcome.joined,
      possibleDuplicates: outcome.duplicates,
    };
  });
}
