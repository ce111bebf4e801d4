// Top-level pages of actors and articles, with keyset cursors like the events' ones.
import { z } from 'zod';
import { ACTOR_KINDS } from '../../ontology';
import { defineQuery, type Graph } from '../driver';
import { ACTOR, ARTICLE } from '../projections';
import { actorRow, articleRow, type ActorRow, type ArticleRow } from '../rows';

export interface ActorFilterInput {
  kinds?: readonly string[] | null;
  nameContains?: string | null;
}

/** A position in a list ordered by (sortKey, id). */
export interface ListKeyset {
  key: string;
  id: string;
}

const ACTOR_WHERE = `($kinds IS NULL OR a.kind IN $kinds)
    AND ($nameContains IS NULL OR a.namesLower CONTAINS toLower($nameContains))`;

const actorsPage = defineQuery(
  'actorsPage',
  `MATCH (a:Actor)
  WHERE ${ACTOR_WHERE}
    AND ($afterId IS NULL OR a.name > $afterKey OR (a.name = $afterKey AND a.id > $afterId))
  RETURN ${ACTOR('a')} AS row
  ORDER BY a.name, a.id
  LIMIT toInteger($limit)`,
  z.object({ row: actorRow }),
);

const actorsCount = defineQuery(
  'actorsCount',
  `MATCH (a:Actor) WHERE ${ACTOR_WHERE} RETURN count(a) AS n`,
  z.object({ n: z.number().int() }),
);

const articlesPage = defineQuery(
  'articlesPage',
  `MATCH (art:Article)
  WHERE $afterId IS NULL OR art.publishedOn > date($afterKey)
    OR (art.publishedOn = date($afterKey) AND art.id > $afterId)
  RETURN toString(art.publishedOn) AS sortKey, ${ARTICLE('art')} AS row
  ORDER BY art.publishedOn, art.id
  LIMIT toInteger($limit)`,
  z.object({ sortKey: z.string(), row: articleRow }),
);

const articlesCount = defineQuery(
  'articlesCount',
  'MATCH (art:Article) RETURN count(art) AS n',
  z.object({ n: z.number().int() }),
);

function actorParams(f: ActorFilterInput | null | undefined) {
  const kinds = f?.kinds ?? null;
  if (kinds?.some((k) => !(ACTOR_KINDS as readonly string[]).includes(k)))
    throw new Error('unknown actor kind');
  return { kinds, nameContains: f?.nameContains ?? null };
}

export async function readActorsPage(
  graph: Graph,
  filter: ActorFilterInput | null | undefined,
  limit: number,
  after: ListKeyset | null,
): Promise<{ cursor: ListKeyset; node: ActorRow }[]> {
  const rows = await graph.read(actorsPage, {
    ...actorParams(filter),
    limit,
    afterKey: after?.key ?? null,
    afterId: after?.id ?? null,
  });
  return rows.map(({ row }) => ({ cursor: { key: row.name, id: row.id }, node: row }));
}

export async function countActors(
  graph: Graph,
  filter: ActorFilterInput | null | undefined,
): Promise<number> {
  const [row] = await graph.read(actorsCount, actorParams(filter));
  return row?.n ?? 0;
}

export async function readArticlesPage(
  graph: Graph,
  limit: number,
  after: ListKeyset | null,
): Promise<{ cursor: ListKeyset; node: ArticleRow }[]> {
  const rows = await graph.read(articlesPage, {
    limit,
    afterKey: after?.key ?? null,
    afterId: after?.id ?? null,
  });
  return rows.map(({ sortKey, row }) => ({ cursor: { key: sortKey, id: row.id }, node: row }));
}

export async function countArticles(graph: Graph): Promise<number> {
  const [row] = await graph.read(articlesCount);
  return row?.n ?? 0;
}
