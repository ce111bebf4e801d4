// Editors settle possible duplicates: mergeEvents makes two events one, dismissPossibleDuplicate
// says they are two. Each runs in one write transaction whose first statement takes the write
// locks of both events (in id order); it then reads the "before", checks, writes, and records one
// audit record, as the curation mutations do (curation.ts).
//
// What a merge of M into K does with what analysts decided (curation-state.ts):
// - K's fields (type, date, precision, confidence, summary, modality, amount) stay as they are.
//   M's curated fields are dropped: M's article joins K from now on, and a joining article
//   writes no fields (src/ingest/match.ts). They remain in the audit record's "before".
// - A participant, link or article's evidence that K has a decision on stays as K has it: an edge
//   an analyst removed from K is not brought back by M. Otherwise M's edges and spans are added
//   to K's, and M's decision on that fact moves to K, so that reloading M's article keeps it.
// - Links between K and M, and decisions about them, are dropped: an event is not linked to
//   itself. Other events' links to M, and their decisions about those links, now name K.
// - K keeps its review status and note; when K has none (DRAFT), it takes M's.
// - M's id becomes an alias of K, as do the aliases M had: every later write of M goes to K.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { LINK_KINDS, PARTICIPANT_ROLES } from '../ontology';
import { recordAudit, type Author } from './audit';
import {
  curationProps,
  kindOf,
  linkKey,
  parseCuration,
  participantKey,
  evidenceKey,
  type CurationState,
} from './curation-state';
import { refreshCaptions } from './captions';
import { defineQuery, runIn, type Graph } from './driver';
import { WriteRefused } from './errors';
import { LOCK } from './locks';
import { EVENT, reportSpans, spansOf } from './projections';
import { eventRow, type EventRow } from './rows';
import { stampRoles } from './stamp-roles';

const ROLES = PARTICIPANT_ROLES.join('|');
const LINKS = LINK_KINDS.join('|');
const counted = z.object({ n: z.number() });

const lockEvents = defineQuery(
  'duplicatesLockEvents',
  `UNWIND $ids AS id
   MATCH (e:Event {id: id})
   ${LOCK('e')}
   RETURN e.id AS id`,
  z.object({ id: z.string() }),
);

const aliasOf = defineQuery(
  'duplicatesAliasOf',
  `MATCH (:EventAlias {id: $id})-[:ALIAS_OF]->(e:Event) RETURN e.id AS id`,
  z.object({ id: z.string() }),
);

const span = z.object({
  articleId: z.string().nullable(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});
const edge = z.object({ type: z.string(), otherId: z.string(), evidence: z.array(span) });
const pair = z.object({
  otherId: z.string(),
  outgoing: z.boolean(),
  score: z.number(),
  reason: z.string(),
});
const stateRow = z.object({
  row: eventRow,
  participants: z.array(edge),
  outgoing: z.array(edge),
  incoming: z.array(edge),
  reports: z.array(z.object({ articleId: z.string(), evidence: z.array(span) })),
  quotes: z.array(z.string()),
  claims: z.array(z.string()),
  aliasIds: z.array(z.string()),
  duplicates: z.array(pair),
  notDuplicates: z.array(z.string()),
});
type EventState = z.infer<typeof stateRow>;

const eventState = defineQuery(
  'duplicatesEventState',
  `MATCH (e:Event {id: $id})
   RETURN ${EVENT('e')} AS row,
     [(e)-[x:${ROLES}]->(a:Actor) | {type: type(x), otherId: a.id, evidence: ${spansOf('x')}}] AS participants,
     [(e)-[x:${LINKS}]->(o:Event) | {type: type(x), otherId: o.id, evidence: ${spansOf('x')}}] AS outgoing,
     [(e)<-[x:${LINKS}]-(o:Event) | {type: type(x), otherId: o.id, evidence: ${spansOf('x')}}] AS incoming,
     [(art:Article)-[r:REPORTS]->(e) | {articleId: art.id, evidence: ${reportSpans('art', 'r')}}] AS reports,
     [(q:Quote)-[:MADE_IN]->(e) | q.id] AS quotes,
     [(c:Claim)-[:MADE_IN]->(e) | c.id] AS claims,
     [(al:EventAlias)-[:ALIAS_OF]->(e) | al.id] AS aliasIds,
     [(e)-[d:POSSIBLE_DUPLICATE]->(o:Event) | {otherId: o.id, outgoing: true, score: d.score, reason: d.reason}]
       + [(e)<-[d:POSSIBLE_DUPLICATE]-(o:Event) | {otherId: o.id, outgoing: false, score: d.score, reason: d.reason}] AS duplicates,
     [(e)-[:NOT_DUPLICATE]-(o:Event) | o.id] AS notDuplicates`,
  stateRow,
);

// Events whose analysts decided about a link to M: they have or had one. The second part reads
// every curated event's keys, which only curation writes: few, and only for this rare mutation.
const linkingEvents = defineQuery(
  'mergeLinkingEvents',
  `CALL () {
     MATCH (o:Event)-[x:${LINKS}]->(:Event {id: $merge})
     RETURN o
     UNION
     MATCH (o:Event) WHERE o.curated IS NOT NULL
       AND any(k IN o.curated WHERE k STARTS WITH 'link:' AND k ENDS WITH ':' + $merge)
     RETURN o
   }
   WITH o WHERE NOT o.id IN [$keep, $merge]
   RETURN o.id AS id ORDER BY id`,
  z.object({ id: z.string() }),
);

const curationOf = defineQuery(
  'mergeCurationOf',
  `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN e.id AS id, e.curation AS curation`,
  z.object({ id: z.string(), curation: z.string().nullable() }),
);

const storeCurations = defineQuery(
  'mergeStoreCurations',
  `UNWIND $rows AS row
   MATCH (e:Event {id: row.id})
   SET e.curation = row.curation, e.curated = row.curated
   RETURN count(e) AS n`,
  counted,
);

/** SET items that add to `y`'s span lists the spans of `x` it does not have (same article and offsets). */
function unionSpans(x: string, y: string): string {
  const missing = `[i IN range(0, size(coalesce(${x}.evStart, [])) - 1) WHERE NOT any(j IN range(0, size(coalesce(${y}.evStart, [])) - 1) WHERE ${y}.evArticle[j] = ${x}.evArticle[i] AND ${y}.evStart[j] = ${x}.evStart[i] AND ${y}.evEnd[j] = ${x}.evEnd[i])]`;
  return `WITH ${x}, ${y}, ${missing} AS add
   SET ${y}.evStart = coalesce(${y}.evStart, []) + [i IN add | ${x}.evStart[i]],
     ${y}.evEnd = coalesce(${y}.evEnd, []) + [i IN add | ${x}.evEnd[i]],
     ${y}.evText = coalesce(${y}.evText, []) + [i IN add | ${x}.evText[i]],
     ${y}.evArticle = coalesce(${y}.evArticle, []) + [i IN add | ${x}.evArticle[i]]`;
}

const moveParticipants = defineQuery(
  'mergeMoveParticipants',
  `UNWIND $rows AS row
   MATCH (m:Event {id: $merge})-[x:$(row.type)]->(a:Actor {id: row.otherId}), (k:Event {id: $keep})
   MERGE (k)-[y:$(row.type)]->(a)
   ${unionSpans('x', 'y')}
   RETURN count(*) AS n`,
  counted,
);

const moveOutgoing = defineQuery(
  'mergeMoveOutgoingLinks',
  `UNWIND $rows AS row
   MATCH (m:Event {id: $merge})-[x:$(row.type)]->(o:Event {id: row.otherId}), (k:Event {id: $keep})
   MERGE (k)-[y:$(row.type)]->(o)
   ${unionSpans('x', 'y')}
   RETURN count(*) AS n`,
  counted,
);

const moveIncoming = defineQuery(
  'mergeMoveIncomingLinks',
  `UNWIND $rows AS row
   MATCH (m:Event {id: $merge})<-[x:$(row.type)]-(o:Event {id: row.otherId}), (k:Event {id: $keep})
   MERGE (k)<-[y:$(row.type)]-(o)
   ${unionSpans('x', 'y')}
   RETURN count(*) AS n`,
  counted,
);

const moveReports = defineQuery(
  'mergeMoveReports',
  `UNWIND $articleIds AS articleId
   MATCH (art:Article {id: articleId})-[x:REPORTS]->(:Event {id: $merge}), (k:Event {id: $keep})
   MERGE (art)-[y:REPORTS]->(k)
   WITH x, y, [i IN range(0, size(coalesce(x.evStart, [])) - 1)
     WHERE NOT any(j IN range(0, size(coalesce(y.evStart, [])) - 1) WHERE y.evStart[j] = x.evStart[i] AND y.evEnd[j] = x.evEnd[i])] AS add
   SET y.evStart = coalesce(y.evStart, []) + [i IN add | x.evStart[i]],
     y.evEnd = coalesce(y.evEnd, []) + [i IN add | x.evEnd[i]],
     y.evText = coalesce(y.evText, []) + [i IN add | x.evText[i]]
   RETURN count(*) AS n`,
  counted,
);

// Quotes and claims, the aliases of M and M's own id, and the pairs M was in, all go to K; then
// M is deleted with whatever is left on it.
const moveRest = defineQuery(
  'mergeMoveRest',
  `MATCH (m:Event {id: $merge}), (k:Event {id: $keep})
   CALL (m, k) {
     MATCH (x)-[r:MADE_IN]->(m)
     MERGE (x)-[:MADE_IN]->(k)
     DELETE r
   }
   CALL (m, k) {
     MATCH (al:EventAlias)-[r:ALIAS_OF]->(m)
     MERGE (al)-[:ALIAS_OF]->(k)
     DELETE r
   }
   CALL (m, k) {
     UNWIND $pairs AS p
     MATCH (o:Event {id: p.otherId})
     FOREACH (_ IN CASE WHEN p.outgoing THEN [1] ELSE [] END |
       MERGE (k)-[d:POSSIBLE_DUPLICATE]->(o)
       ON CREATE SET d.score = p.score, d.reason = p.reason, d.at = datetime.realtime())
     FOREACH (_ IN CASE WHEN p.outgoing THEN [] ELSE [1] END |
       MERGE (o)-[d:POSSIBLE_DUPLICATE]->(k)
       ON CREATE SET d.score = p.score, d.reason = p.reason, d.at = datetime.realtime())
   }
   CALL (m, k) {
     MATCH (m)-[r:NOT_DUPLICATE]-(o:Event) WHERE o <> k
     MERGE (k)-[n:NOT_DUPLICATE]->(o)
     ON CREATE SET n += properties(r)
   }
   SET k.reviewStatus = $reviewStatus, k.reviewNote = $reviewNote
   MERGE (alias:EventAlias {id: $merge})
   SET alias.via = 'merge', alias.at = datetime.realtime(), alias.by = $by, alias.note = $note
   WITH m, k, alias
   OPTIONAL MATCH (alias)-[old:ALIAS_OF]->()
   DELETE old
   MERGE (alias)-[:ALIAS_OF]->(k)
   DETACH DELETE m
   RETURN count(*) AS n`,
  counted,
);

const eventById = defineQuery(
  'duplicatesEvent',
  `MATCH (e:Event {id: $id}) RETURN ${EVENT('e')} AS row`,
  z.object({ row: eventRow }),
);

const pairBetween = defineQuery(
  'duplicatesPairBetween',
  `MATCH (a:Event {id: $a})-[d:POSSIBLE_DUPLICATE]-(b:Event {id: $b})
   RETURN startNode(d) = a AS outgoing, d.score AS score, d.reason AS reason`,
  z.object({ outgoing: z.boolean(), score: z.number(), reason: z.string() }),
);

const dismiss = defineQuery(
  'dismissPossibleDuplicate',
  `MATCH (a:Event {id: $a})-[d:POSSIBLE_DUPLICATE]-(b:Event {id: $b})
   DELETE d
   WITH DISTINCT a, b
   MERGE (a)-[n:NOT_DUPLICATE]->(b)
   SET n.at = datetime.realtime(), n.by = $by, n.note = $note
   RETURN count(*) AS n`,
  counted,
);

/** Locks both events, first in id order; refuses unknown ids, naming the argument. */
async function lockPair(
  tx: ManagedTransaction,
  ids: { id: string; argument: string }[],
): Promise<void> {
  const found = new Set(
    (
      await runIn(tx, lockEvents, {
        ids: ids.map((x) => x.id).sort(),
      })
    ).map((r) => r.id),
  );
  for (const { id, argument } of ids) {
    if (found.has(id)) continue;
    const [alias] = await runIn(tx, aliasOf, { id });
    throw new WriteRefused(
      'NOT_FOUND',
      alias
        ? `There is no event '${id}': it was merged into or joined to '${alias.id}'.`
        : `There is no event '${id}'.`,
      argument,
    );
  }
}

const spansKey = (evidence: { start: number; end: number }[]) =>
  evidence.map((s) => [s.start, s.end]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);

/** What the audit record keeps of an event: enough to see what the merge changed and undo it. */
function summary(s: EventState) {
  const e = s.row;
  return {
    id: e.id,
    type: e.type,
    summary: e.summary,
    occurredOn: e.occurredOn,
    datePrecision: e.datePrecision,
    modality: e.modality,
    confidence: e.confidence,
    reviewStatus: e.reviewStatus ?? 'DRAFT',
    reviewNote: e.reviewNote,
    participants: s.participants.map((p) => `${p.type} ${p.otherId}`).sort(),
    links: [
      ...s.outgoing.map((l) => `${l.type} -> ${l.otherId}`),
      ...s.incoming.map((l) => `${l.type} <- ${l.otherId}`),
    ].sort(),
    evidence: Object.fromEntries(
      [...s.reports]
        .sort((a, b) => (a.articleId < b.articleId ? -1 : 1))
        .map((r) => [r.articleId, spansKey(r.evidence)]),
    ),
    quotes: [...s.quotes].sort(),
    claims: [...s.claims].sort(),
    aliasIds: [...s.aliasIds].sort(),
    possibleDuplicates: s.duplicates.map((d) => d.otherId).sort(),
    curation: parseCuration(e.id, e.curation),
  };
}

export function mergeEvents(
  graph: Graph,
  author: Author,
  keepId: string,
  mergeId: string,
  note: string | null,
): Promise<EventRow> {
  if (keepId === mergeId) {
    return Promise.reject(
      new WriteRefused('BAD_USER_INPUT', 'An event cannot be merged into itself.', 'mergeId'),
    );
  }
  return graph.writeTx(async (tx) => {
    await lockPair(tx, [
      { id: keepId, argument: 'keepId' },
      { id: mergeId, argument: 'mergeId' },
    ]);
    const [keep] = await runIn(tx, eventState, { id: keepId });
    const [merge] = await runIn(tx, eventState, { id: mergeId });
    if (!keep || !merge) throw new Error('a locked event was not found');
    if (keep.row.type !== merge.row.type) {
      throw new WriteRefused(
        'CONFLICT',
        `Event '${mergeId}' is ${merge.row.type} and event '${keepId}' is ${keep.row.type}: only events of one type are merged. Correct the type of one of them first (correctEvent).`,
        'mergeId',
      );
    }
    // Other events whose decisions name M are locked too, before their curation is read.
    const linking = (await runIn(tx, linkingEvents, { keep: keepId, merge: mergeId })).map(
      (r) => r.id,
    );
    if (linking.length > 0) await runIn(tx, lockEvents, { ids: linking });

    const kState = parseCuration(keepId, keep.row.curation);
    const mState = parseCuration(mergeId, merge.row.curation);
    const next: CurationState = { ...kState };
    // K's decisions about M (links between the two) go with those links.
    for (const key of Object.keys(next)) {
      if (key.startsWith('link:') && key.endsWith(`:${mergeId}`)) delete next[key];
    }
    const decided = (key: string) => kState[key] !== undefined;
    const adopt = (key: string) => {
      if (!decided(key) && mState[key] !== undefined) next[key] = mState[key]!;
    };
    for (const key of Object.keys(mState)) {
      if (kindOf(key) === 'FIELD') continue;
      if (key.startsWith('link:') && key.endsWith(`:${keepId}`)) continue;
      adopt(key);
    }
    const participants = merge.participants.filter(
      (p) => !decided(participantKey(p.type, p.otherId)),
    );
    const outgoing = merge.outgoing.filter(
      (l) => l.otherId !== keepId && !decided(linkKey(l.type, l.otherId)),
    );
    const reports = merge.reports
      .map((r) => r.articleId)
      .filter((articleId) => !decided(evidenceKey(articleId)));

    // Other events' links to M: they now go to K, and so do their decisions about them, unless
    // they decided about a link to K already.
    const others = new Map(
      (await runIn(tx, curationOf, { ids: linking })).map((r) => [
        r.id,
        parseCuration(r.id, r.curation),
      ]),
    );
    const changed: { id: string; state: CurationState }[] = [];
    for (const [id, state] of others) {
      const renamed: CurationState = { ...state };
      let touched = false;
      for (const key of Object.keys(state)) {
        if (!key.startsWith('link:') || !key.endsWith(`:${mergeId}`)) continue;
        const toKeep = `${key.slice(0, key.length - mergeId.length)}${keepId}`;
        if (renamed[toKeep] === undefined) renamed[toKeep] = state[key]!;
        delete renamed[key];
        touched = true;
      }
      if (touched) changed.push({ id, state: renamed });
    }
    const incoming = merge.incoming.filter((l) => {
      if (l.otherId === keepId) return false;
      const state = others.get(l.otherId) ?? {};
      return state[linkKey(l.type, keepId)] === undefined;
    });

    const params = { keep: keepId, merge: mergeId };
    if (participants.length > 0)
      await runIn(tx, moveParticipants, { ...params, rows: participants });
    if (outgoing.length > 0) await runIn(tx, moveOutgoing, { ...params, rows: outgoing });
    if (incoming.length > 0) await runIn(tx, moveIncoming, { ...params, rows: incoming });
    if (reports.length > 0) await runIn(tx, moveReports, { ...params, articleIds: reports });
    const reviewed = (e: EventRow) => e.reviewStatus !== null && e.reviewStatus !== 'DRAFT';
    const review = !reviewed(keep.row) && reviewed(merge.row) ? merge.row : keep.row;
    const dismissed = new Set(keep.notDuplicates);
    await runIn(tx, moveRest, {
      ...params,
      pairs: merge.duplicates.filter((d) => d.otherId !== keepId && !dismissed.has(d.otherId)),
      reviewStatus: review.reviewStatus,
      reviewNote: review.reviewNote,
      by: author.keyName,
      note,
    });
    // M's participants moved to K carry M's date in their order properties, or none.
    await stampRoles(tx, [keepId]);
    // The kept event may now have the merged one's agents too.
    await refreshCaptions(tx, { events: [keepId] });
    await runIn(tx, storeCurations, {
      rows: [
        { id: keepId, ...curationProps(next) },
        ...changed.map((c) => ({ id: c.id, ...curationProps(c.state) })),
      ],
    });
    const [after] = await runIn(tx, eventState, { id: keepId });
    await recordAudit(tx, author, {
      action: 'mergeEvents',
      targetType: 'Event',
      targetId: `Event:${keepId}`,
      note,
      before: { kept: summary(keep), merged: summary(merge) },
      after: {
        kept: summary(after!),
        merged: null,
        relinked: changed.map((c) => c.id),
      },
    });
    return after!.row;
  });
}

export function dismissPossibleDuplicate(
  graph: Graph,
  author: Author,
  eventId: string,
  otherId: string,
  note: string | null,
): Promise<EventRow> {
  if (eventId === otherId) {
    return Promise.reject(
      new WriteRefused('BAD_USER_INPUT', 'An event is not a duplicate of itself.', 'otherId'),
    );
  }
  return graph.writeTx(async (tx) => {
    await lockPair(tx, [
      { id: eventId, argument: 'eventId' },
      { id: otherId, argument: 'otherId' },
    ]);
    const pairs = await runIn(tx, pairBetween, { a: eventId, b: otherId });
    if (pairs.length === 0) {
      throw new WriteRefused(
        'NOT_FOUND',
        `Events '${eventId}' and '${otherId}' are not recorded as possible duplicates.`,
        'otherId',
      );
    }
    await runIn(tx, dismiss, { a: eventId, b: otherId, by: author.keyName, note });
    await recordAudit(tx, author, {
      action: 'dismissPossibleDuplicate',
      targetType: 'Event',
      targetId: `Event:${eventId}`,
      note,
      before: {
        otherId: `Event:${otherId}`,
        possibleDuplicate: pairs.map(({ score, reason }) => ({ score, reason }))[0],
      },
      after: { otherId: `Event:${otherId}`, possibleDuplicate: null },
    });
    const [row] = await runIn(tx, eventById, { id: eventId });
    return row!.row;
  });
}
