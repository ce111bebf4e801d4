// The graph's side of matching a batch's events with the events it holds already (the decisions
// are in src/ingest/match.ts, pure). Runs inside the batch's write transaction, before analysts'
// curation is applied: the actors of the extracted events are locked first, so two writes that
// could report the same event follow one another and the second sees the first's event; then the
// aliases, the existing ids and the candidates are read, and the batch is rewritten so that
// matched ids point at the existing events. What was decided is written by recordMatches once
// the batch's events exist.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { WriteBatch } from '../ingest/batch';
import {
  applyPlan,
  batchEvents,
  planMatches,
  type MatchableEvent,
  type MatchPlan,
} from '../ingest/match';
import { defineQuery, runIn } from './driver';
import { LOCK } from './locks';
import { duplicatePairRow, type DuplicatePairRow } from './reads/duplicates';

/** Candidates read for one new event: the nearest in date first. */
export const MAX_CANDIDATES = 50;
/** Candidates further apart than this are never close (neighbouring years are at most 2 years). */
const MAX_CANDIDATE_DAYS = 800;

const counted = z.object({ n: z.number() });

// MERGE, not MATCH: an actor new to the graph is created here by the first of two writes naming
// it, and the second waits on the uniqueness constraint. The batch's upsertActors fills it in.
const lockActors = defineQuery(
  'matchLockActors',
  `UNWIND $ids AS id
   MERGE (a:Actor {id: id})
   ${LOCK('a')}
   RETURN count(a) AS n`,
  counted,
);

/** Ids that name another event now: matched by an earlier load, or merged by an editor. */
export const aliasTargets = defineQuery(
  'eventAliasTargets',
  `UNWIND $ids AS id
   MATCH (:EventAlias {id: id})-[:ALIAS_OF]->(e:Event)
   RETURN id, e.id AS eventId`,
  z.object({ id: z.string(), eventId: z.string() }),
);

const existingIds = defineQuery(
  'matchExistingEvents',
  'UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN e.id AS id',
  z.object({ id: z.string() }),
);

const candidateRow = z.object({
  key: z.string(),
  id: z.string(),
  type: z.string(),
  occurredOn: z.string().nullable(),
  datePrecision: z.string(),
  reviewStatus: z.string().nullable(),
  agents: z.array(z.string()),
  targets: z.array(z.string()),
});

// Events of the same type that share an agent (as agent) or a target (as target) with the new
// event, within MAX_CANDIDATE_DAYS of its date or of unknown date.
const candidatesOf = defineQuery(
  'matchCandidates',
  `UNWIND $rows AS row
   CALL (row) {
     CALL (row) {
       UNWIND row.agents AS actorId
       MATCH (:Actor {id: actorId})<-[:AGENT]-(e:Event)
       WHERE e.type = row.type
       RETURN e
       UNION
       UNWIND row.targets AS actorId
       MATCH (:Actor {id: actorId})<-[:TARGET]-(e:Event)
       WHERE e.type = row.type
       RETURN e
     }
     WITH e, CASE WHEN e.occurredOn IS NULL OR row.occurredOn IS NULL THEN 0
       ELSE abs(duration.inDays(e.occurredOn, date(row.occurredOn)).days) END AS distance
     WHERE distance <= $maxDays
     RETURN e
     ORDER BY distance, e.id
     LIMIT toInteger($maxCandidates)
   }
   RETURN row.id AS key, e.id AS id, e.type AS type, toString(e.occurredOn) AS occurredOn,
     e.datePrecision AS datePrecision, e.reviewStatus AS reviewStatus,
     [(e)-[:AGENT]->(a_:Actor) | a_.id] AS agents, [(e)-[:TARGET]->(a_:Actor) | a_.id] AS targets`,
  candidateRow,
);

// A match's score is a real number between 0 and 1, stored as FLOAT like every score.
const storeAliases = defineQuery(
  'storeEventAliases',
  `UNWIND $rows AS row
   MATCH (e:Event {id: row.eventId})
   MERGE (al:EventAlias {id: row.alias})
   ON CREATE SET al.via = 'match', al.articleId = row.articleId, al.score = row.score,
     al.reason = row.reason, al.at = datetime.realtime()
   MERGE (al)-[:ALIAS_OF]->(e)
   RETURN count(*) AS n`,
  counted,
);

const storeDuplicates = defineQuery(
  'storePossibleDuplicates',
  `UNWIND $rows AS row
   MATCH (a:Event {id: row.eventId}), (b:Event {id: row.otherId})
   MERGE (a)-[d:POSSIBLE_DUPLICATE]->(b)
   ON CREATE SET d.at = datetime.realtime()
   SET d.score = row.score, d.reason = row.reason
   RETURN a.id AS eventId, b.id AS otherId, d.score AS score, d.reason AS reason, toString(d.at) AS at`,
  duplicatePairRow,
);

const unique = (ids: Iterable<string>) => [...new Set(ids)].sort();

export interface Matched {
  /** The batch with matched and aliased ids written onto their events. */
  batch: WriteBatch;
  plan: MatchPlan;
}

/** Decides, in the caller's transaction, which of the batch's events the graph holds already. */
export async function matchEvents(tx: ManagedTransaction, batch: WriteBatch): Promise<Matched> {
  const events = batchEvents(batch);
  const extracted = new Set(
    batch.articles.filter((a) => a.extractionMethod !== null).map((a) => a.id),
  );
  const mine = events.filter((e) => extracted.has(e.articleId));
  if (mine.length > 0) {
    await runIn(tx, lockActors, { ids: unique(mine.flatMap((e) => [...e.agents, ...e.targets])) });
  }
  const aliases = new Map(
    (
      await runIn(tx, aliasTargets, {
        ids: unique([...events.map((e) => e.id), ...batch.links.map((l) => l.to)]),
      })
    ).map((r) => [r.id, r.eventId]),
  );
  const unaliased = mine.filter((e) => !aliases.has(e.id));
  const existing = new Set(
    unaliased.length === 0
      ? []
      : (await runIn(tx, existingIds, { ids: unique(unaliased.map((e) => e.id)) })).map(
          (r) => r.id,
        ),
  );
  const fresh = unaliased.filter((e) => !existing.has(e.id));
  const candidates = new Map<string, MatchableEvent[]>();
  if (fresh.length > 0) {
    const rows = await runIn(tx, candidatesOf, {
      rows: fresh.map((e) => ({
        id: e.id,
        type: e.type,
        occurredOn: e.occurredOn,
        agents: unique(e.agents),
        targets: unique(e.targets),
      })),
      maxDays: MAX_CANDIDATE_DAYS,
      maxCandidates: MAX_CANDIDATES,
    });
    for (const { key, ...c } of rows) {
      const list = candidates.get(key);
      if (list) list.push(c);
      else candidates.set(key, [c]);
    }
  }
  const plan = planMatches({ events, extracted, aliases, existing, candidates });
  return { batch: applyPlan(batch, plan.aliases), plan };
}

/**
 * Writes the new aliases and possible duplicates, once the batch's events are written; returns
 * the possible duplicates as stored.
 */
export async function recordMatches(
  tx: ManagedTransaction,
  plan: MatchPlan,
): Promise<DuplicatePairRow[]> {
  if (plan.joined.length > 0) await runIn(tx, storeAliases, { rows: plan.joined });
  if (plan.duplicates.length === 0) return [];
  return runIn(tx, storeDuplicates, { rows: plan.duplicates });
}
