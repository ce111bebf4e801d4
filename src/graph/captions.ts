// The `caption` property that Neo4j Browser draws inside a node (browser/mediagraph.grass). A
// Browser caption interpolates the node's own properties only, and it breaks lines at spaces
// alone, cutting any word wider than the circle: an event's type in full ("RESTRICTIVE_MEASURE")
// is cut, and who did it is not a property of the event at all. So every path that writes an
// event, quote, claim or article, or changes who did an event, refreshes the captions from the
// graph itself, and the migration fills in those an older database lacks.
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { EventType } from '../generated/graphql';
import { defineQuery, runIn, type Graph } from './driver';

/** Short words for each type, none wider than an event's circle at the style's font size. */
export const EVENT_TYPE_CAPTION: Record<EventType, string> = {
  AD_BAN: 'AD BAN',
  ACCOUNT_RESTRICTION: 'ACCOUNT CURBS',
  CONTENT_LABELING: 'LABELING',
  BROADCAST_BAN: 'BROADCAST BAN',
  PLATFORM_BLOCKING: 'BLOCKING',
  LEGAL_DESIGNATION: 'LEGAL STATUS',
  RESTRICTIVE_MEASURE: 'MEASURE',
  INVESTIGATION: 'INQUIRY',
  ACCUSATION: 'ACCUSATION',
  CRITICISM: 'CRITICISM',
  DENIAL: 'DENIAL',
  APPEAL: 'APPEAL',
  THREAT: 'THREAT',
  RETALIATION_VOW: 'VOW TO RETALIATE',
  PROTEST_ACTION: 'PROTEST',
  DONATION: 'DONATION',
  STATEMENT: 'STATEMENT',
  ELECTION: 'ELECTION',
  REJECTION: 'REJECTION',
  EASING: 'EASING',
  LEGAL_ACTION: 'LAWSUIT',
  ARREST: 'ARREST',
  DEMONSTRATION: 'RALLY',
};

/** How many words of a quote or claim its caption opens with. */
export const CAPTION_WORDS = 3;

const counted = z.object({ n: z.number() });

// Cypher has no string join: names are folded with reduce. Agents are sorted by name, then id,
// so a caption does not depend on the order relationships were written in.
const join = (list: string, separator: string) =>
  `reduce(s = '', x IN ${list} | s + CASE WHEN s = '' THEN '' ELSE '${separator}' END + x)`;

// "AD BAN · Twitter"; an event nobody did (an election) gets its year instead.
const EVENT_CAPTION = (e: string) => `coalesce($typeCaptions[${e}.type], ${e}.type) +
    CASE WHEN size(agents) > 0 THEN ' · ' + ${join('agents', ', ')}
         WHEN ${e}.occurredOn IS NOT NULL THEN ' · ' + toString(${e}.occurredOn.year)
         ELSE '' END`;

const AGENTS = (e: string) => `CALL (${e}) {
    OPTIONAL MATCH (${e})-[:AGENT]->(a:Actor)
    WITH a ORDER BY a.name, a.id
    RETURN [x IN collect(a) | x.name] AS agents
  }`;

// 'Dmitry Peskov: "We regret it. …"': the speaker and the opening words.
const SAYING_CAPTION = (x: string) => `coalesce(who.name + ': ', '') + '"' +
    ${join(`split(${x}.text, ' ')[0..$words]`, ' ')} +
    CASE WHEN size(split(${x}.text, ' ')) > $words THEN ' …"' ELSE '"' END`;

const SPEAKER = (x: string, rel: 'SAID' | 'CLAIMS') => `CALL (${x}) {
    OPTIONAL MATCH (${x})<-[:${rel}]-(w:Actor)
    WITH w ORDER BY w.name, w.id LIMIT 1
    RETURN w AS who
  }`;

// "TASS · 2017-10-27": who published it and when, where the dateline is long and unlike any other.
const ARTICLE_CAPTION = `coalesce(pub.name, art.id) +
    CASE WHEN art.publishedOn IS NULL THEN '' ELSE ' · ' + toString(art.publishedOn) END`;

const PUBLISHER = `CALL (art) {
    OPTIONAL MATCH (art)-[:PUBLISHED_BY]->(p:Actor)
    WITH p ORDER BY p.name, p.id LIMIT 1
    RETURN p AS pub
  }`;

const KINDS = {
  events: { label: 'Event', v: 'e', read: AGENTS('e'), caption: EVENT_CAPTION('e') },
  quotes: { label: 'Quote', v: 'q', read: SPEAKER('q', 'SAID'), caption: SAYING_CAPTION('q') },
  claims: { label: 'Claim', v: 'c', read: SPEAKER('c', 'CLAIMS'), caption: SAYING_CAPTION('c') },
  articles: { label: 'Article', v: 'art', read: PUBLISHER, caption: ARTICLE_CAPTION },
} as const;
type Kind = keyof typeof KINDS;

const byIds = Object.fromEntries(
  Object.entries(KINDS).map(([kind, k]) => [
    kind,
    defineQuery(
      `caption${k.label}s`,
      `UNWIND $ids AS id
  MATCH (${k.v}:${k.label} {id: id})
  ${k.read}
  SET ${k.v}.caption = coalesce(${k.caption}, ${k.v}.id)
  RETURN count(*) AS n`,
      counted,
    ),
  ]),
) as Record<Kind, ReturnType<typeof defineQuery<{ n: number }>>>;

// For the migration: those without a caption, a batch at a time, so that a large database is
// not captioned in one transaction.
const missing = Object.fromEntries(
  Object.entries(KINDS).map(([kind, k]) => [
    kind,
    defineQuery(
      `fillMissing${k.label}Captions`,
      `MATCH (${k.v}:${k.label}) WHERE ${k.v}.caption IS NULL
  WITH ${k.v} LIMIT $batch
  ${k.read}
  SET ${k.v}.caption = coalesce(${k.caption}, ${k.v}.id)
  RETURN count(*) AS n`,
      counted,
    ),
  ]),
) as Record<Kind, ReturnType<typeof defineQuery<{ n: number }>>>;

// An actor's new name shows in the captions of what it did, said, claimed and published.
const renamed = defineQuery(
  'captionRenamedActors',
  `UNWIND $rows AS row
  MATCH (a:Actor {id: row.id}) WHERE a.name <> row.name
  RETURN a.id AS id`,
  z.object({ id: z.string() }),
);

const dependents = defineQuery(
  'captionDependentsOfActors',
  `UNWIND $ids AS id
  MATCH (a:Actor {id: id})
  CALL (a) { OPTIONAL MATCH (a)<-[:AGENT]-(e:Event) RETURN collect(e.id) AS events }
  CALL (a) { OPTIONAL MATCH (a)-[:SAID]->(q:Quote) RETURN collect(q.id) AS quotes }
  CALL (a) { OPTIONAL MATCH (a)-[:CLAIMS]->(c:Claim) RETURN collect(c.id) AS claims }
  CALL (a) { OPTIONAL MATCH (a)<-[:PUBLISHED_BY]-(art:Article) RETURN collect(art.id) AS articles }
  RETURN events, quotes, claims, articles`,
  z.object({
    events: z.array(z.string()),
    quotes: z.array(z.string()),
    claims: z.array(z.string()),
    articles: z.array(z.string()),
  }),
);

/**
 * The actors of `rows` whose name differs from the graph's: read before the actors are written,
 * so that only their dependents are captioned again, not every event of a popular actor.
 */
export async function renamedActors(
  tx: ManagedTransaction,
  rows: readonly { id: string; name: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const found = await runIn(tx, renamed, { rows: rows.map(({ id, name }) => ({ id, name })) });
  return found.map((r) => r.id);
}

/** What the captions of these actors' events, quotes, claims and articles name them by. */
export async function dependentsOf(
  tx: ManagedTransaction,
  actorIds: readonly string[],
): Promise<Required<CaptionTargets>> {
  const out = {
    events: [] as string[],
    quotes: [] as string[],
    claims: [] as string[],
    articles: [] as string[],
  };
  if (actorIds.length === 0) return out;
  for (const row of await runIn(tx, dependents, { ids: actorIds })) {
    for (const kind of Object.keys(out) as Kind[]) out[kind].push(...row[kind]);
  }
  return out;
}

// The driver sends JavaScript numbers as floats, which a slice bound or LIMIT refuses.
const params = { typeCaptions: EVENT_TYPE_CAPTION, words: neo4j.int(CAPTION_WORDS) };

export type CaptionTargets = Partial<Record<Kind, readonly string[]>>;

/** Writes the captions of the given nodes from what the graph now holds, in the caller's tx. */
export async function refreshCaptions(
  tx: ManagedTransaction,
  targets: CaptionTargets,
): Promise<void> {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const ids = [...new Set(targets[kind] ?? [])];
    if (ids.length > 0) await runIn(tx, byIds[kind], { ids, ...params });
  }
}

/** Captions every node that has none; idempotent. Returns how many were written. */
export async function fillMissingCaptions(graph: Graph, batch = 5000): Promise<number> {
  let total = 0;
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (;;) {
      const [row] = await graph.write(missing[kind], { batch: neo4j.int(batch), ...params });
      const n = row?.n ?? 0;
      total += n;
      if (n < batch) break;
    }
  }
  return total;
}
