// Analysts' corrections to events. Each runs in one write transaction that first takes the
// event's write lock, then reads its "before", checks, writes, records the audit entry and marks
// what the analyst decided as curated (curation-state.ts), so that no load undoes it: all of it
// is committed, or none, and concurrent corrections of one event follow one another. A write
// that would change nothing is not made and not audited.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { splitsSurrogatePair } from '../ingest/text';
import type { EVENT_TYPES } from '../ontology';
import {
  cameoFor,
  EVENT_FAMILY_LABEL,
  EVENT_FAMILY_LABELS,
  LINK_KINDS,
  PARTICIPANT_ROLES,
  ploverFor,
} from '../ontology';
import { recordAudit, type Author } from './audit';
import { refreshCaptions } from './captions';
import {
  curationProps,
  decide,
  evidenceKey,
  linkKey,
  parseCuration,
  participantKey,
  spanKeys,
  type CuratedValue,
} from './curation-state';
import { defineQuery, runIn, type Graph } from './driver';
import { WriteRefused } from './errors';
import { TYPE_WORDS } from './search-index';
import { stampRoles } from './stamp-roles';
import { LOCK } from './locks';
import { EVENT, reportSpans, spansOf } from './projections';
import type { REVIEW_STATUSES } from './rows';
import { eventRow, type EventRow } from './rows';
import { setSpans } from './write-articles';

export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const lockedEvent = defineQuery(
  'curationLockEvent',
  `MATCH (e:Event {id: $id}) ${LOCK('e')} RETURN ${EVENT('e')} AS row`,
  z.object({ row: eventRow }),
);

const eventById = defineQuery(
  'curationEvent',
  `MATCH (e:Event {id: $id}) RETURN ${EVENT('e')} AS row`,
  z.object({ row: eventRow }),
);

const storeCuration = defineQuery(
  'curationStore',
  `MATCH (e:Event {id: $id}) SET e.curation = $curation, e.curated = $curated RETURN count(e) AS n`,
  z.object({ n: z.number() }),
);

const setReview = defineQuery(
  'setEventReview',
  `MATCH (e:Event {id: $id}) SET e.reviewStatus = $status, e.reviewNote = $note RETURN count(e) AS n`,
  z.object({ n: z.number() }),
);

const correct = defineQuery(
  'correctEvent',
  `MATCH (e:Event {id: $id})
   WITH e, [l IN labels(e) WHERE l IN $eventLabels AND l <> $label] AS stale
   REMOVE e:$(stale)
   SET e:$($label),
     e.type = $type, e.typeText = ${TYPE_WORDS('$type')}, e.occurredOn = date($occurredOn), e.datePrecision = $datePrecision,
     e.confidence = $confidence, e.cameoCode = $cameoCode, e.cameoLabel = $cameoLabel,
     e.ploverType = $ploverType, e.ploverMode = $ploverMode
   RETURN count(e) AS n`,
  z.object({ n: z.number() }),
);

// The far end of an edge is an Event (links) or an Actor (participants): one statement for each,
// with the label written in, since a dynamic label cannot be used in a WHERE.
const edgeQueries = (toLabel: 'Event' | 'Actor') => ({
  /** Whether (from)-[type]->(to) exists, with its evidence; no row when `to` does not exist. */
  state: defineQuery(
    `curationEdgeTo${toLabel}`,
    `MATCH (from:Event {id: $from}), (to:${toLabel} {id: $to})
     OPTIONAL MATCH (from)-[x:$($type)]->(to)
     RETURN x IS NOT NULL AS exists, CASE WHEN x IS NULL THEN [] ELSE ${spansOf('x')} END AS evidence`,
    z.object({
      exists: z.boolean(),
      evidence: z.array(
        z.object({
          articleId: z.string().nullable(),
          start: z.number(),
          end: z.number(),
          text: z.string(),
        }),
      ),
    }),
  ),
  add: defineQuery(
    `addEventEdgeTo${toLabel}`,
    `MATCH (from:Event {id: $from}), (to:${toLabel} {id: $to})
     MERGE (from)-[:$($type)]->(to)
     RETURN count(*) AS n`,
    z.object({ n: z.number() }),
  ),
  remove: defineQuery(
    `removeEventEdgeTo${toLabel}`,
    `MATCH (from:Event {id: $from})-[x:$($type)]->(to:${toLabel} {id: $to})
     DELETE x
     RETURN count(*) AS n`,
    z.object({ n: z.number() }),
  ),
});
const EDGES = { Event: edgeQueries('Event'), Actor: edgeQueries('Actor') };

const articleText = defineQuery(
  'curationArticleText',
  `MATCH (art:Article {id: $id}) RETURN art.text AS text`,
  z.object({ text: z.string() }),
);

const reportSpansOf = defineQuery(
  'curationReportSpans',
  `MATCH (art:Article {id: $articleId})-[r:REPORTS]->(:Event {id: $eventId})
   RETURN ${reportSpans('art', 'r')} AS evidence`,
  z.object({
    evidence: z.array(
      z.object({ articleId: z.string(), start: z.number(), end: z.number(), text: z.string() }),
    ),
  }),
);

// Offsets are checked whole (changeEvidence) and stored as INTEGER, as the loader stores them
// (write-articles.ts): the driver would send them as FLOAT.
const setReportSpans = defineQuery(
  'setReportSpans',
  `MATCH (art:Article {id: $articleId}), (e:Event {id: $eventId})
   MERGE (art)-[r:REPORTS]->(e)
   SET ${setSpans('r', '$spans')}
   WITH r WHERE size(r.evStart) = 0
   DELETE r
   RETURN count(*) AS n`,
  z.object({ n: z.number() }),
);

interface Change {
  before: unknown;
  after: unknown;
  /** The facts the analyst decided, each with its value before: they become curated. */
  curated: { key: string; before: CuratedValue }[];
}

/**
 * Runs one curation of event `eventId`: `work` checks and writes and says what changed, or null
 * when nothing would; the audit record, the curation marks and the event as it now is are written
 * and read in the same transaction, which holds the event's lock from its first statement.
 */
async function curate(
  graph: Graph,
  author: Author,
  action: string,
  eventId: string,
  note: string | null,
  work: (tx: ManagedTransaction, event: EventRow) => Promise<Change | null>,
): Promise<EventRow> {
  return graph.writeTx(async (tx) => {
    const [current] = await runIn(tx, lockedEvent, { id: eventId });
    if (!current) throw new WriteRefused('NOT_FOUND', `There is no event '${eventId}'.`, 'eventId');
    const change = await work(tx, current.row);
    if (change === null) return current.row;
    const audit = await recordAudit(tx, author, {
      action,
      targetType: 'Event',
      targetId: `Event:${eventId}`,
      note,
      before: change.before,
      after: change.after,
    });
    if (change.curated.length > 0) {
      let state = parseCuration(eventId, current.row.curation);
      for (const c of change.curated) {
        state = decide(state, c.key, c.before, {
          at: audit.at,
          by: author.keyName,
          audit: audit.id,
        });
      }
      await runIn(tx, storeCuration, { id: eventId, ...curationProps(state) });
    }
    // A new date or participant changes where the event sorts among its actors' events.
    await stampRoles(tx, [eventId]);
    // A new type or a new agent changes what Browser shows on the event.
    await refreshCaptions(tx, { events: [eventId] });
    const [updated] = await runIn(tx, eventById, { id: eventId });
    return updated!.row;
  });
}

export function setEventReview(
  graph: Graph,
  author: Author,
  eventId: string,
  status: ReviewStatus,
  note: string | null,
): Promise<EventRow> {
  return curate(graph, author, 'setEventReview', eventId, note, async (tx, e) => {
    const before = { reviewStatus: e.reviewStatus ?? 'DRAFT', reviewNote: e.reviewNote };
    if (before.reviewStatus === status && before.reviewNote === note) return null;
    await runIn(tx, setReview, { id: eventId, status, note });
    // Review is the analyst's alone: no annotation carries it, so there is nothing to keep.
    return { before, after: { reviewStatus: status, reviewNote: note }, curated: [] };
  });
}

export interface EventCorrection {
  type?: (typeof EVENT_TYPES)[number] | null;
  occurredOn?: string | null;
  datePrecision?: 'DAY' | 'MONTH' | 'YEAR' | 'UNKNOWN' | null;
  confidence?: number | null;
}

export function correctEvent(
  graph: Graph,
  author: Author,
  eventId: string,
  correction: EventCorrection,
  note: string | null,
): Promise<EventRow> {
  return curate(graph, author, 'correctEvent', eventId, note, async (tx, e) => {
    const before = {
      type: e.type,
      occurredOn: e.occurredOn,
      datePrecision: e.datePrecision,
      confidence: e.confidence,
    };
    const after = {
      type: correction.type ?? before.type,
      occurredOn: correction.occurredOn ?? before.occurredOn,
      // A date given to an event that had none is a day unless the correction says otherwise.
      datePrecision:
        correction.datePrecision ??
        (correction.occurredOn && before.datePrecision === 'UNKNOWN'
          ? 'DAY'
          : before.datePrecision),
      confidence: correction.confidence ?? before.confidence,
    };
    if (!Number.isFinite(after.confidence) || after.confidence < 0 || after.confidence > 1) {
      throw new WriteRefused(
        'BAD_USER_INPUT',
        `confidence must be between 0 and 1, got ${after.confidence}`,
        'correction.confidence',
      );
    }
    if (after.datePrecision !== 'UNKNOWN' && after.occurredOn === null) {
      throw new WriteRefused(
        'BAD_USER_INPUT',
        `datePrecision ${after.datePrecision} needs a date: give occurredOn too`,
        'correction.datePrecision',
      );
    }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (f) => after[f] !== before[f],
    );
    if (changed.length === 0) return null;
    const label = EVENT_FAMILY_LABEL[after.type];
    if (!EVENT_FAMILY_LABELS.includes(label)) throw new Error(`'${label}' is not an allowed label`);
    // A mild criticism keeps its milder CAMEO code through a correction that leaves it criticism.
    const cameo = cameoFor(after.type, e.modality, e.cameoCode === '110');
    const plover = ploverFor(after.type, e.modality);
    await runIn(tx, correct, {
      id: eventId,
      ...after,
      label,
      eventLabels: EVENT_FAMILY_LABELS,
      cameoCode: cameo?.code ?? null,
      cameoLabel: cameo?.label ?? null,
      ploverType: plover?.type ?? null,
      ploverMode: plover?.mode ?? null,
    });
    return { before, after, curated: changed.map((key) => ({ key, before: before[key] })) };
  });
}

/** A participant (event)-[role]->(actor) or a link (event)-[kind]->(event). */
export interface EdgeSpec {
  kind: 'participant' | 'link';
  eventId: string;
  /** The actor's or the other event's id. */
  otherId: string;
  /** The role or the link kind. */
  type: string;
}

export function changeEdge(
  graph: Graph,
  author: Author,
  op: 'add' | 'remove',
  edge: EdgeSpec,
  note: string | null,
): Promise<EventRow> {
  const isLink = edge.kind === 'link';
  const allowed: readonly string[] = isLink ? LINK_KINDS : PARTICIPANT_ROLES;
  if (!allowed.includes(edge.type))
    throw new Error(`'${edge.type}' is not an allowed relationship type`);
  const action = `${op}${isLink ? 'EventLink' : 'Participant'}`;
  const otherArg = isLink ? 'toId' : 'actorId';
  const params = { from: edge.eventId, to: edge.otherId, type: edge.type };
  const queries = EDGES[isLink ? 'Event' : 'Actor'];
  return curate(graph, author, action, edge.eventId, note, async (tx) => {
    if (isLink && edge.eventId === edge.otherId) {
      throw new WriteRefused('BAD_USER_INPUT', 'An event cannot be linked to itself.', otherArg);
    }
    const [state] = await runIn(tx, queries.state, params);
    if (!state) {
      throw new WriteRefused(
        'NOT_FOUND',
        `There is no ${isLink ? 'event' : 'actor'} '${edge.otherId}'.`,
        otherArg,
      );
    }
    if (op === 'remove' && !state.exists) {
      throw new WriteRefused(
        'NOT_FOUND',
        `Event '${edge.eventId}' has no ${edge.type} ${isLink ? 'link to' : 'participant'} '${edge.otherId}'.`,
        otherArg,
      );
    }
    if (op === 'add' && state.exists) return null;
    await runIn(tx, op === 'add' ? queries.add : queries.remove, params);
    const what = { [isLink ? 'kind' : 'role']: edge.type, [otherArg]: edge.otherId };
    const key = isLink ? linkKey(edge.type, edge.otherId) : participantKey(edge.type, edge.otherId);
    return {
      before: { ...what, exists: state.exists, evidence: state.evidence },
      after: { ...what, exists: op === 'add', evidence: op === 'add' ? state.evidence : [] },
      curated: [{ key, before: state.exists }],
    };
  });
}

export interface SpanSpec {
  eventId: string;
  articleId: string;
  start: number;
  end: number;
}

export function changeEvidence(
  graph: Graph,
  author: Author,
  op: 'add' | 'remove',
  span: SpanSpec,
  note: string | null,
): Promise<EventRow> {
  return curate(graph, author, `${op}Evidence`, span.eventId, note, async (tx) => {
    const [article] = await runIn(tx, articleText, { id: span.articleId });
    if (!article) {
      throw new WriteRefused('NOT_FOUND', `There is no article '${span.articleId}'.`, 'articleId');
    }
    const { start, end } = span;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end <= start ||
      end > article.text.length
    ) {
      throw new WriteRefused(
        'BAD_USER_INPUT',
        `The span ${start}-${end} is not within the article's text (0-${article.text.length}, start before end).`,
        'start',
      );
    }
    for (const [argument, offset] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (splitsSurrogatePair(article.text, offset)) {
        throw new WriteRefused(
          'BAD_USER_INPUT',
          `${argument} ${offset} falls inside a character (between the two halves of a surrogate pair, such as an emoji): a span must start and end between characters.`,
          argument,
        );
      }
    }
    const [state] = await runIn(tx, reportSpansOf, {
      articleId: span.articleId,
      eventId: span.eventId,
    });
    const current = (state?.evidence ?? []).map(({ start, end, text }) => ({ start, end, text }));
    const index = current.findIndex((s) => s.start === start && s.end === end);
    if (op === 'remove' && index < 0) {
      throw new WriteRefused(
        'NOT_FOUND',
        `Event '${span.eventId}' has no evidence at ${start}-${end} of article '${span.articleId}'.`,
        'start',
      );
    }
    if (op === 'add' && index >= 0) return null;
    const next =
      op === 'remove'
        ? current.filter((_, i) => i !== index)
        : [...current, { start, end, text: article.text.slice(start, end) }].sort(
            (a, b) => a.start - b.start || a.end - b.end,
          );
    await runIn(tx, setReportSpans, {
      articleId: span.articleId,
      eventId: span.eventId,
      spans: next,
    });
    return {
      before: { articleId: span.articleId, evidence: current },
      after: { articleId: span.articleId, evidence: next },
      curated: [{ key: evidenceKey(span.articleId), before: spanKeys(current) }],
    };
  });
}
