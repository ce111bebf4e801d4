// Which events of a batch are events the graph holds already. Pure: the graph's side (aliases,
// existing ids, candidates) is read by src/graph/match-events.ts in the write's own transaction
// and handed in, so the decisions can be unit-tested.
//
// Three steps for each event row of the batch:
//   1. An id that is an alias (an event matched or merged into another before) is written onto
//      that other event, for every article, hand-made or extracted: a reload finds the same
//      target even when what the matcher sees has changed since.
//   2. An id the graph (or an earlier article of the batch) holds is that event: a reload.
//   3. A new id of an extracted article is compared with the candidates: events of the same type
//      that share an agent or a target. A sure match joins the existing event (its evidence and
//      any new participants are added; its fields stay) and the id becomes its alias; an
//      uncertain one is created, with a possible duplicate recorded for an analyst.
// Hand-made annotations name their events' ids themselves and link across articles by them, so
// step 3 is not applied to them.
import type { WriteBatch } from './batch';

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR' | 'UNKNOWN';

/** What the matcher compares: type, agents, targets and the date with its precision. */
export interface MatchableEvent {
  id: string;
  type: string;
  occurredOn: string | null;
  datePrecision: string;
  /** Actor ids in the AGENT role, and in the TARGET role. */
  agents: readonly string[];
  targets: readonly string[];
  /** An event analysts rejected is never joined automatically; a match with it is only possible. */
  reviewStatus?: string | null;
}

export type Verdict =
  | { kind: 'same'; score: number; reason: string }
  | { kind: 'possible'; score: number; reason: string }
  | { kind: 'different' };

type DateFit = 'unknown' | 'compatible' | 'close' | 'far';

const COARSENESS: Record<string, number> = { DAY: 0, MONTH: 1, YEAR: 2 };

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

/**
 * How two dates fit, at the coarser of their precisions: compatible when they fall in the same
 * day, month or year; close when they are within a week, in neighbouring months or in
 * neighbouring years; unknown when either is.
 */
export function dateFit(a: MatchableEvent, b: MatchableEvent): { fit: DateFit; words: string } {
  if (
    a.occurredOn === null ||
    b.occurredOn === null ||
    COARSENESS[a.datePrecision] === undefined ||
    COARSENESS[b.datePrecision] === undefined
  ) {
    return { fit: 'unknown', words: 'the date of one of them is unknown' };
  }
  const coarse = Math.max(COARSENESS[a.datePrecision]!, COARSENESS[b.datePrecision]!);
  const [ya, ma, da] = parts(a.occurredOn);
  const [yb, mb, db] = parts(b.occurredOn);
  const dates = `${a.occurredOn} (${a.datePrecision}) and ${b.occurredOn} (${b.datePrecision})`;
  let distance: number;
  let window: number;
  if (coarse === 0) {
    distance = Math.abs(Date.UTC(ya, ma - 1, da) - Date.UTC(yb, mb - 1, db)) / 86_400_000;
    window = 7;
  } else if (coarse === 1) {
    distance = Math.abs(ya * 12 + ma - (yb * 12 + mb));
    window = 1;
  } else {
    distance = Math.abs(ya - yb);
    window = 1;
  }
  if (distance === 0) return { fit: 'compatible', words: `the dates agree: ${dates}` };
  if (distance <= window)
    return { fit: 'close', words: `the dates are close but differ: ${dates}` };
  return { fit: 'far', words: `the dates are far apart: ${dates}` };
}

const DATE_SCORE: Record<DateFit, number> = { compatible: 1, unknown: 0.6, close: 0.3, far: 0 };

function shared(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => other.has(x)).sort();
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : shared(a, b).length / union;
}

function side(role: string, a: readonly string[], b: readonly string[]): string {
  const both = shared(a, b);
  if (both.length > 0) return `${role}s overlap (${both.join(', ')})`;
  if (a.length === 0 && b.length === 0)
    return `neither has ${role === 'agent' ? 'an' : 'a'} ${role}`;
  if (a.length === 0 || b.length === 0) return `only one of them has ${role}s`;
  return `${role}s differ (${[...a].sort().join(', ')} / ${[...b].sort().join(', ')})`;
}

/**
 * Compares a new event with an existing one. The same event: the same type, overlapping agents
 * and overlapping targets (by actor id), and compatible or unknown dates. Possibly the same: the
 * same type with agents and targets overlapping but dates only close, or with only one side's
 * actors overlapping (the other's differ or are missing) and dates that are not far apart.
 * The score, from 0 to 1, weighs the overlap of agents and of targets (0.4 each) and the dates.
 */
export function compareEvents(fresh: MatchableEvent, existing: MatchableEvent): Verdict {
  if (fresh.type !== existing.type) return { kind: 'different' };
  const date = dateFit(fresh, existing);
  if (date.fit === 'far') return { kind: 'different' };
  const agents = shared(fresh.agents, existing.agents).length > 0;
  const targets = shared(fresh.targets, existing.targets).length > 0;
  if (!agents && !targets) return { kind: 'different' };
  const score =
    Math.round(
      (0.4 * jaccard(fresh.agents, existing.agents) +
        0.4 * jaccard(fresh.targets, existing.targets) +
        0.2 * DATE_SCORE[date.fit]) *
        100,
    ) / 100;
  const reason = [
    `same type ${fresh.type}`,
    side('agent', fresh.agents, existing.agents),
    side('target', fresh.targets, existing.targets),
    date.words,
  ].join('; ');
  if (agents && targets && date.fit !== 'close') {
    if (existing.reviewStatus === 'REJECTED') {
      return {
        kind: 'possible',
        score,
        reason: `${reason}; not joined automatically because analysts rejected ${existing.id}`,
      };
    }
    return { kind: 'same', score, reason };
  }
  return { kind: 'possible', score, reason };
}

/** An event of one article of the batch, with what the matcher needs of it. */
export interface BatchEvent extends MatchableEvent {
  articleId: string;
}

export interface PlanInput {
  /** The batch's events, article by article in batch order. */
  events: readonly BatchEvent[];
  /** The articles of the batch that a machine extracted: only their new events are matched. */
  extracted: ReadonlySet<string>;
  /** Aliases in the graph: id -> the event it names now. */
  aliases: ReadonlyMap<string, string>;
  /** Ids of the batch's events that the graph holds already. */
  existing: ReadonlySet<string>;
  /** Candidates from the graph for each new event of an extracted article, by event id. */
  candidates: ReadonlyMap<string, readonly MatchableEvent[]>;
}

export interface JoinNote {
  articleId: string;
  /** The id the annotation gave the event, now an alias. */
  alias: string;
  /** The event it joined. */
  eventId: string;
  score: number;
  reason: string;
}

export interface DuplicateNote {
  /** The event created by this write. */
  eventId: string;
  /** The event it may be a duplicate of. */
  otherId: string;
  score: number;
  reason: string;
}

export interface MatchPlan {
  /** Every id to write onto another event: the graph's aliases and the new ones. */
  aliases: Map<string, string>;
  /** New aliases: events of extracted articles that join an existing event. */
  joined: JoinNote[];
  /** Possible duplicates of events this write creates, for analysts. */
  duplicates: DuplicateNote[];
}

/** Possible duplicates kept for one new event, the best first. */
export const MAX_DUPLICATES_PER_EVENT = 3;

export function planMatches(input: PlanInput): MatchPlan {
  const aliases = new Map(input.aliases);
  const joined: JoinNote[] = [];
  const duplicates: DuplicateNote[] = [];
  /** Events created by earlier articles of the batch: candidates for the later ones. */
  const created: MatchableEvent[] = [];
  const createdIds = new Set<string>();
  const byArticle = new Map<string, BatchEvent[]>();
  for (const e of input.events) {
    const list = byArticle.get(e.articleId);
    if (list) list.push(e);
    else byArticle.set(e.articleId, [e]);
  }
  for (const [articleId, events] of byArticle) {
    // What the article's own rows are written onto: none of its new events may join those.
    const claimed = new Set<string>();
    const fresh: BatchEvent[] = [];
    for (const e of events) {
      const target = aliases.get(e.id);
      if (target !== undefined) claimed.add(target);
      else if (input.existing.has(e.id) || createdIds.has(e.id)) claimed.add(e.id);
      else fresh.push(e);
    }
    const matched = new Set<string>();
    if (input.extracted.has(articleId)) {
      const verdicts = fresh.flatMap((e) =>
        [...(input.candidates.get(e.id) ?? []), ...created].map((c) => ({
          e,
          c,
          v: compareEvents(e, c),
        })),
      );
      // Sure matches, best first; each event, and each existing event, is taken once per article.
      const sure = verdicts
        .filter((x) => x.v.kind === 'same')
        .sort((x, y) => score(y.v) - score(x.v) || cmp(x.e.id, y.e.id) || cmp(x.c.id, y.c.id));
      for (const { e, c, v } of sure) {
        if (matched.has(e.id) || claimed.has(c.id) || v.kind !== 'same') continue;
        matched.add(e.id);
        claimed.add(c.id);
        aliases.set(e.id, c.id);
        joined.push({ articleId, alias: e.id, eventId: c.id, score: v.score, reason: v.reason });
      }
      for (const e of fresh.filter((x) => !matched.has(x.id))) {
        const possible = verdicts
          .filter((x) => x.e === e && x.v.kind !== 'different')
          .map((x) => ({
            otherId: x.c.id,
            score: score(x.v),
            reason:
              x.v.kind === 'same'
                ? `${reasonOf(x.v)}; not joined because another event of this article is written onto ${x.c.id}`
                : reasonOf(x.v),
          }))
          .sort((x, y) => y.score - x.score || cmp(x.otherId, y.otherId))
          .slice(0, MAX_DUPLICATES_PER_EVENT);
        duplicates.push(...possible.map((p) => ({ eventId: e.id, ...p })));
      }
    }
    for (const e of fresh) {
      if (matched.has(e.id) || createdIds.has(e.id)) continue;
      createdIds.add(e.id);
      created.push(e);
    }
  }
  return { aliases, joined, duplicates };
}

const score = (v: Verdict) => (v.kind === 'different' ? 0 : v.score);
const reasonOf = (v: Verdict) => (v.kind === 'different' ? '' : v.reason);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unionSpans<S extends { start: number; end: number }>(
  a: readonly S[],
  b: readonly S[],
): S[] {
  const seen = new Map<string, S>();
  for (const s of [...a, ...b]) {
    const key = `${s.start}:${s.end}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()].sort((x, y) => x.start - y.start || x.end - y.end);
}

/** Rows of one key combined: the first row wins, with the spans of all. */
function combine<R extends { spans: { start: number; end: number }[] }>(
  rows: readonly R[],
  keyOf: (r: R) => string,
  prefer: (r: R) => boolean = () => false,
): R[] {
  const out = new Map<string, R>();
  for (const r of rows) {
    const k = keyOf(r);
    const earlier = out.get(k);
    if (!earlier) out.set(k, r);
    else {
      const base = prefer(r) && !prefer(earlier) ? r : earlier;
      out.set(k, { ...base, spans: unionSpans(earlier.spans, r.spans) });
    }
  }
  return [...out.values()];
}

/**
 * The batch with every aliased id written onto its event: the rows of those events become
 * joining rows (evidence only, the event's fields untouched), and participants, links, quotes
 * and claims point at the event. Rows that now fall together (two events of one article merged by
 * an editor) are combined, spans united; a link that now starts and ends at one event is dropped.
 */
export function applyPlan(batch: WriteBatch, aliases: ReadonlyMap<string, string>): WriteBatch {
  if (aliases.size === 0) return batch;
  const to = (id: string) => aliases.get(id) ?? id;
  const events = combine(
    batch.events.map((r) => (aliases.has(r.id) ? { ...r, id: to(r.id), joins: true } : r)),
    (r) => `${r.articleId}\n${r.id}`,
    (r) => !r.joins,
  );
  const participants = combine(
    batch.participants.map((r) => ({ ...r, eventId: to(r.eventId) })),
    (r) => `${r.articleId}\n${r.eventId}\n${r.role}\n${r.actorId}`,
  );
  const links = combine(
    batch.links
      .map((r) => ({ ...r, from: to(r.from), to: to(r.to) }))
      .filter((r) => r.from !== r.to),
    (r) => `${r.articleId}\n${r.from}\n${r.kind}\n${r.to}`,
  );
  return {
    ...batch,
    events,
    participants,
    links,
    quotes: batch.quotes.map((r) => (r.eventId ? { ...r, eventId: to(r.eventId) } : r)),
    claims: batch.claims.map((r) => (r.eventId ? { ...r, eventId: to(r.eventId) } : r)),
  };
}

/** The batch's events as the matcher sees them, with their agents and targets. */
export function batchEvents(batch: WriteBatch): BatchEvent[] {
  const roles = new Map<string, { agents: string[]; targets: string[] }>();
  for (const p of batch.participants) {
    const key = `${p.articleId}\n${p.eventId}`;
    const r = roles.get(key) ?? { agents: [], targets: [] };
    if (p.role === 'AGENT') r.agents.push(p.actorId);
    if (p.role === 'TARGET') r.targets.push(p.actorId);
    roles.set(key, r);
  }
  return batch.events.map((e) => ({
    articleId: e.articleId,
    id: e.id,
    type: e.type,
    occurredOn: e.occurredOn,
    datePrecision: e.datePrecision,
    ...(roles.get(`${e.articleId}\n${e.id}`) ?? { agents: [], targets: [] }),
  }));
}
