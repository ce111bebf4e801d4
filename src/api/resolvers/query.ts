import type { QueryResolvers } from '../../generated/graphql';
import { listApiKeys } from '../../graph/api-keys';
import { countAudit, readAuditPage } from '../../graph/audit';
import {
  countActors,
  countArticles,
  readActorsPage,
  readArticlesPage,
} from '../../graph/reads/lists';
import { countDuplicates, readDuplicatesPage } from '../../graph/reads/duplicates';
import { actorPath, MAX_PATH_HOPS } from '../../graph/reads/path';
import { search, toLuceneTerms } from '../../graph/reads/search';
import { queryTerms } from '../../search/english';
import { toSearchHit } from '../../search/snippets';
import { checkFirst, toConnection } from '../connection';
import { decodeCursor } from '../cursor';
import { badInput } from '../errors';
import { eventConnection } from '../event-connections';
import { keyOf, parseGlobalId, requireKey } from '../ids';
import { selectsEventDetails } from '../lookahead';
import { requireRole } from '../access';

const MAX_SEARCH_WORDS = 32;
const MAX_SEARCH_CHARS = 500;

export const Query: QueryResolvers = {
  node: async (_, { id }, { loaders }) => {
    const { type, key } = parseGlobalId(id);
    const loader = {
      Article: loaders.article,
      Actor: loaders.actor,
      Event: loaders.event,
      Quote: loaders.quote,
      Claim: loaders.claim,
    }[type];
    return loader.load(key);
  },
  article: (_, { id }, { loaders }) => {
    const key = keyOf(id, 'Article');
    return key === null ? null : loaders.article.load(key);
  },
  actor: (_, { id }, { loaders }) => {
    const key = keyOf(id, 'Actor');
    return key === null ? null : loaders.actor.load(key);
  },
  event: (_, { id }, { loaders }, info) => {
    const key = keyOf(id, 'Event');
    if (key === null) return null;
    // Read the details alongside the event; the field resolvers then find them in the loader.
    // Its failure is reported by the field that awaits it, so here it is only marked handled.
    if (selectsEventDetails(info)) loaders.eventDetails.load(key).catch(() => undefined);
    return loaders.event.load(key);
  },
  articles: async (_, args, { graph }) => {
    const first = checkFirst(args.first);
    const after = decodeCursor(args.after, 'articles');
    const rows = first === 0 ? [] : await readArticlesPage(graph, first + 1, after);
    return toConnection('articles', rows, first, after !== null, () => countArticles(graph));
  },
  actors: async (_, args, { graph }) => {
    const first = checkFirst(args.first);
    const after = decodeCursor(args.after, 'actors');
    const rows = first === 0 ? [] : await readActorsPage(graph, args.filter, first + 1, after);
    return toConnection('actors', rows, first, after !== null, () =>
      countActors(graph, args.filter),
    );
  },
  events: (_, args, ctx) => eventConnection(ctx, 'all', 'all', args),
  search: async (_, args, { graph }) => {
    const first = checkFirst(args.first);
    // Lucene refuses a query of over 1024 clauses, and a word such as a-b-c is several: bounding
    // words and characters keeps every accepted query well inside that.
    if (args.query.length > MAX_SEARCH_CHARS || args.query.split(/\s+/).length > MAX_SEARCH_WORDS) {
      throw badInput(
        `query may have at most ${MAX_SEARCH_WORDS} words and ${MAX_SEARCH_CHARS} characters`,
        'query',
      );
    }
    const terms = toLuceneTerms(args.query);
    if (terms === null) throw badInput('query must contain at least one word', 'query');
    if (first === 0) return [];
    const words = queryTerms(args.query);
    return (await search(graph, terms, first)).map((row) => toSearchHit(row, words));
  },
  auditRecords: async (_, args, { graph }) => {
    const first = checkFirst(args.first);
    const after = decodeCursor(args.after, 'auditRecords');
    const targetId = args.targetId ?? null;
    const rows = first === 0 ? [] : await readAuditPage(graph, targetId, first + 1, after);
    return toConnection(
      'auditRecords',
      rows.map((r) => ({ cursor: { key: r.at, id: r.id }, node: r })),
      first,
      after !== null,
      () => countAudit(graph, targetId),
    );
  },
  possibleDuplicates: async (_, args, { graph }) => {
    const first = checkFirst(args.first);
    const after = decodeCursor(args.after, 'possibleDuplicates');
    const rows =
      first === 0
        ? []
        : await readDuplicatesPage(
            graph,
            first + 1,
            after ? { score: Number(after.key), pair: after.id } : null,
          );
    return toConnection(
      'possibleDuplicates',
      rows.map((r) => ({ cursor: { key: String(r.row.score), id: r.pair }, node: r.row })),
      first,
      after !== null,
      () => countDuplicates(graph),
    );
  },
  apiKeys: (_, __, { graph, principal }) => {
    requireRole(principal, 'ADMIN');
    return listApiKeys(graph);
  },
  actorPath: (_, args, { graph }) => {
    const maxHops = args.maxHops ?? 4;
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_PATH_HOPS) {
      throw badInput(`maxHops must be between 1 and ${MAX_PATH_HOPS}, got ${maxHops}`, 'maxHops');
    }
    return actorPath(
      graph,
      requireKey(args.fromId, 'Actor', 'fromId'),
      requireKey(args.toId, 'Actor', 'toId'),
      maxHops,
    );
  },
};
