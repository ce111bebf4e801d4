// Full-text search over events, actors, quotes, claims and articles, best match first.
import { z } from 'zod';
import { defineQuery, type Graph } from '../driver';
import { SEARCH_INDEX } from '../search-index';
import { ACTOR, ARTICLE, CLAIM, EVENT, QUOTE } from '../projections';
import {
  actorRow,
  articleRow,
  claimRow,
  eventRow,
  quoteRow,
  type NodeRow,
  type SearchHitRow,
} from '../rows';

export const NODE_ROW = {
  Event: eventRow,
  Actor: actorRow,
  Quote: quoteRow,
  Claim: claimRow,
  Article: articleRow,
};
export type NodeLabel = keyof typeof NODE_ROW;

/** A CASE that projects any of our node types, tagged with its label. */
export const ANY_NODE = (v: string) => `CASE
    WHEN ${v}:Event THEN {label: 'Event', row: ${EVENT(v)}}
    WHEN ${v}:Actor THEN {label: 'Actor', row: ${ACTOR(v)}}
    WHEN ${v}:Quote THEN {label: 'Quote', row: ${QUOTE(v)}}
    WHEN ${v}:Claim THEN {label: 'Claim', row: ${CLAIM(v)}}
    WHEN ${v}:Article THEN {label: 'Article', row: ${ARTICLE(v)}}
  END`;

export const taggedNode = z
  .object({ label: z.enum(['Event', 'Actor', 'Quote', 'Claim', 'Article']), row: z.unknown() })
  .transform((t, ctx): NodeRow => {
    const parsed = NODE_ROW[t.label].safeParse(t.row);
    if (!parsed.success) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `bad ${t.label}: ${parsed.error.message}`,
      });
      return z.NEVER;
    }
    return parsed.data;
  });

const searchQuery = defineQuery(
  'search',
  `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $query, {limit: toInteger($limit)})
  YIELD node, score
  RETURN score, ${ANY_NODE('node')} AS node
  ORDER BY score DESC
  LIMIT toInteger($limit)`,
  z.object({ score: z.number(), node: taggedNode }),
);

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * The analyst's words as plain Lucene terms: operators and syntax characters are escaped, so
 * any input is a valid query and means what it says. Returns null when no word is left.
 */
export function toLuceneTerms(input: string): string | null {
  const words = input
    .replace(LUCENE_SPECIAL, (c) => `\\${c}`)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    // Upper-case AND, OR and NOT are operators to Lucene; as search words they are just words.
    .map((w) => (/^(AND|OR|NOT)$/.test(w) ? w.toLowerCase() : w));
  return words.length ? words.join(' ') : null;
}

export async function search(graph: Graph, terms: string, limit: number): Promise<SearchHitRow[]> {
  return graph.read(searchQuery, { query: terms, limit });
}
