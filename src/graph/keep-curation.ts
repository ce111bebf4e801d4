// The one place where written annotations meet analysts' decisions. Every article write (the
// loader, `start`'s seeds, ingestArticle, and later re-extraction) passes its batch through here
// inside its own transaction: the events it touches are locked first, so no curation can slip in
// between this check and the write, and the rows are changed so that curated facts keep the
// analyst's value.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { WriteBatch } from '../ingest/batch';
import {
  cameoFor,
  EVENT_FAMILY_LABEL,
  ploverFor,
  type EVENT_TYPES,
  type MODALITIES,
} from '../ontology';

type Modality = (typeof MODALITIES)[number];
import { recordAudit, type Author } from './audit';
import {
  CURATED_FIELDS,
  curationProps,
  evidenceKey,
  linkKey,
  overwritten,
  parseCuration,
  participantKey,
  reconcile,
  sameValue,
  spanKeys,
  type CuratedValue,
  type CurationState,
} from './curation-state';
import { defineQuery, runIn } from './driver';
import { WriteRefused } from './errors';
import { LOCK } from './locks';
import { reportSpans } from './projections';

/** One curated fact that a write met, with the three values that decided its fate. */
export interface CurationNote {
  eventId: string;
  /** The article whose annotation brought the file's value. */
  articleId: string;
  key: string;
  analyst: CuratedValue;
  file: CuratedValue;
  base: CuratedValue;
}

export interface CurationReport {
  /** The file still says what it said when the analyst decided: the analyst's value stayed. */
  kept: CurationNote[];
  /** The file says something new: the analyst's value stayed, and the conflict is on the event. */
  conflicts: CurationNote[];
  /** Conflicts settled for the file by --overwrite-curation, each audited. */
  overwritten: CurationNote[];
}

export const emptyReport = (): CurationReport => ({ kept: [], conflicts: [], overwritten: [] });

export function addReport(into: CurationReport, more: CurationReport): void {
  into.kept.push(...more.kept);
  into.conflicts.push(...more.conflicts);
  into.overwritten.push(...more.overwritten);
}

export interface CurationOptions {
  /** Conflicts are settled for the file instead of the analyst. */
  overwrite: boolean;
  /** Who an overwrite is audited as. */
  author: Author;
}

const span = z.object({
  articleId: z.string(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
});
const curatedEvent = z.object({
  id: z.string(),
  curation: z.string(),
  type: z.string(),
  occurredOn: z.string().nullable(),
  datePrecision: z.string(),
  confidence: z.number(),
  cameoCode: z.string().nullable(),
  edges: z.array(z.string()),
  evidence: z.array(span),
});
type CuratedEvent = z.infer<typeof curatedEvent>;

// Every event of the batch is locked, curated or not: an analyst's first correction of one of them
// must wait for this write, or this write would overwrite it unseen. Ids are sorted so that
// concurrent batches take their locks in one order.
const lockAndRead = defineQuery(
  'curationOfEvents',
  `UNWIND $ids AS id
   MATCH (e:Event {id: id})
   ${LOCK('e')}
   WITH e WHERE e.curation IS NOT NULL
   RETURN e.id AS id, e.curation AS curation, e.type AS type, toString(e.occurredOn) AS occurredOn,
     e.datePrecision AS datePrecision, e.confidence AS confidence, e.cameoCode AS cameoCode,
     [(e)-[x]->(a:Actor) | 'participant:' + type(x) + ':' + a.id] +
       [(e)-[x]->(o:Event) | 'link:' + type(x) + ':' + o.id] AS edges,
     reduce(all = [], s IN [(art:Article)-[r:REPORTS]->(e) | ${reportSpans('art', 'r')}] | all + s) AS evidence`,
  curatedEvent,
);

const storeState = defineQuery(
  'storeCuration',
  `UNWIND $rows AS row
   MATCH (e:Event {id: row.id})
   SET e.curation = row.curation, e.curated = row.curated
   RETURN count(*) AS n`,
  z.object({ n: z.number() }),
);

/** What keepCuration hands back: the batch to write, and what to do once it is written. */
export interface Kept {
  batch: WriteBatch;
  report: CurationReport;
  /** Writes the changed curation states and audits the overwrites; call after the batch. */
  finish: (tx: ManagedTransaction) => Promise<void>;
}

/** The ids whose curation a batch may meet: its events, and the events its edges start from. */
function touchedEvents(batch: WriteBatch): string[] {
  const ids = new Set<string>();
  batch.events.forEach((r) => ids.add(r.id));
  batch.participants.forEach((r) => ids.add(r.eventId));
  batch.links.forEach((r) => ids.add(r.from));
  return [...ids].sort();
}

export async function keepCuration(
  tx: ManagedTransaction,
  batch: WriteBatch,
  options: CurationOptions,
): Promise<Kept> {
  const found = await runIn(tx, lockAndRead, { ids: touchedEvents(batch) });
  const applied = applyCuration(batch, found, options.overwrite);
  return {
    batch: applied.batch,
    report: applied.report,
    finish: async (tx) => {
      // Each overwrite is audited first, so that the facts it settled name their audit record.
      for (const o of applied.overwrites) {
        const audit = await recordAudit(tx, options.author, {
          action: 'overwriteCuration',
          targetType: 'Event',
          targetId: `Event:${o.eventId}`,
          note: `The annotation of article '${o.articleId}' replaced the analyst's value (--overwrite-curation).`,
          before: o.before,
          after: o.after,
        });
        applied.changed.add(o.eventId);
        const state = applied.states.get(o.eventId)!;
        for (const key of Object.keys(o.after)) {
          state[key] = {
            ...state[key]!,
            at: audit.at,
            by: options.author.keyName,
            audit: audit.id,
          };
        }
      }
      const rows = [...applied.changed]
        .sort()
        .map((id) => ({ id, ...curationProps(applied.states.get(id)!) }));
      if (rows.length > 0) await runIn(tx, storeState, { rows });
    },
  };
}

interface Applied {
  batch: WriteBatch;
  report: CurationReport;
  /** The curation of each curated event the batch touched, as it is to be stored. */
  states: Map<string, CurationState>;
  /** The events whose curation changed. */
  changed: Set<string>;
  /** Per event and article, the values an overwrite replaced and wrote. */
  overwrites: {
    eventId: string;
    articleId: string;
    before: Record<string, CuratedValue>;
    after: Record<string, CuratedValue>;
  }[];
}

/**
 * Pure: the batch with curated facts set to the analysts' values, and what that decided. Exported
 * for unit tests; keepCuration is the way in.
 */
export function applyCuration(
  batch: WriteBatch,
  found: readonly CuratedEvent[],
  overwrite: boolean,
): Applied {
  const events = new Map(found.map((e) => [e.id, e]));
  const texts = new Map(batch.articles.map((a) => [a.id, a.text]));
  const states = new Map<string, CurationState>(
    found.map((e) => [e.id, parseCuration(e.id, e.curation)]),
  );
  const changed = new Set<string>();
  const report = emptyReport();
  const overwrites = new Map<string, Applied['overwrites'][number]>();

  /** Decides one fact; true when the file's value is to be written. */
  const judge = (
    eventId: string,
    articleId: string,
    key: string,
    current: CuratedValue,
    file: CuratedValue,
    /** The analyst's value cannot stand (its evidence text is gone): the file's is written. */
    forced = false,
  ): boolean => {
    const state = states.get(eventId);
    const entry = state?.[key];
    if (!state || !entry) return true;
    const { outcome, entry: next } = forced
      ? { outcome: { kind: 'overwritten' as const }, entry: overwritten(entry, file) }
      : reconcile(entry, current, file, overwrite);
    if (JSON.stringify(next) !== JSON.stringify(entry)) {
      state[key] = next;
      changed.add(eventId);
    }
    const note = { eventId, articleId, key, analyst: current, file, base: entry.base };
    switch (outcome.kind) {
      case 'agrees':
        return true;
      case 'kept':
        report.kept.push(note);
        return false;
      case 'conflict':
        report.conflicts.push(note);
        return false;
      case 'overwritten': {
        report.overwritten.push(note);
        const id = `${eventId}\n${articleId}`;
        const o = overwrites.get(id) ?? { eventId, articleId, before: {}, after: {} };
        o.before[key] = current;
        o.after[key] = file;
        overwrites.set(id, o);
        return true;
      }
    }
  };

  const eventRows = batch.events.map((row) => {
    const e = events.get(row.id);
    if (!e) return row;
    const out = { ...row };
    // An article that joins an existing event writes none of its fields: nothing to judge.
    for (const field of row.joins ? [] : CURATED_FIELDS) {
      if (!judge(row.id, row.articleId, field, e[field], row[field])) {
        Object.assign(out, { [field]: e[field] });
      }
    }
    if (out.type !== row.type) {
      // The analyst's type brings its own family label and codes.
      const type = out.type as (typeof EVENT_TYPES)[number];
      const cameo = cameoFor(type, row.modality as Modality, e.cameoCode === '110');
      const plover = ploverFor(type, row.modality as Modality);
      Object.assign(out, {
        label: EVENT_FAMILY_LABEL[type],
        cameoCode: cameo?.code ?? null,
        cameoLabel: cameo?.label ?? null,
        ploverType: plover?.type ?? null,
        ploverMode: plover?.mode ?? null,
      });
    }
    const mine = e.evidence.filter((s) => s.articleId === row.articleId);
    const mineKeys = spanKeys(mine);
    const fileKeys = spanKeys(row.spans);
    // The analyst's spans are offsets into the article's text: a new text may not hold them.
    const text = texts.get(row.articleId);
    const lost = mine.filter((s) => text !== undefined && text.slice(s.start, s.end) !== s.text);
    const key = evidenceKey(row.articleId);
    const curated = states.get(row.id)?.[key] !== undefined;
    // Where the file moves the spans, the analyst's cannot be kept on the new text.
    const stranded = curated && lost.length > 0 && !sameValue(mineKeys, fileKeys);
    if (stranded && !overwrite) {
      throw new WriteRefused(
        'CONFLICT',
        `The text of article '${row.articleId}' changed where analysts chose evidence for event '${row.id}' ` +
          `(${lost.map((s) => `${s.start}-${s.end} "${s.text}"`).join(', ')}): nothing was written. ` +
          "Write it with --overwrite-curation (overwriteCuration) to take the annotation's evidence instead.",
        'evidence',
      );
    }
    if (!judge(row.id, row.articleId, key, mineKeys, fileKeys, stranded)) {
      out.spans = mine.map(({ start, end, text }) => ({ start, end, text }));
    }
    return out;
  });

  const edgeKept = (eventId: string, articleId: string, key: string) => {
    const e = events.get(eventId);
    if (!e) return true;
    return judge(eventId, articleId, key, e.edges.includes(key), true);
  };
  const participants = batch.participants.filter((r) =>
    edgeKept(r.eventId, r.articleId, participantKey(r.role, r.actorId)),
  );
  const links = batch.links.filter((r) => edgeKept(r.from, r.articleId, linkKey(r.kind, r.to)));

  return {
    batch: { ...batch, events: eventRows, participants, links },
    report,
    states,
    changed,
    overwrites: [...overwrites.values()],
  };
}
