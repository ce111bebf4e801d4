// What analysts have decided about an event, kept on the event itself so that every write path
// can honour it. An analyst's correction makes the fact "curated": from then on the event holds,
// for that fact, the value the annotation had when the analyst decided (the base). A load that
// brings the base again leaves the analyst's value alone; a load that brings a new value is a
// conflict, reported and kept for the analyst to settle. Pure: no database here.
import { z } from 'zod';

/** Event fields an analyst may correct (correctEvent), as curation keys. */
export const CURATED_FIELDS = ['type', 'occurredOn', 'datePrecision', 'confidence'] as const;
export type CuratedField = (typeof CURATED_FIELDS)[number];

/** A span as curation compares it: where it is, not its text (which follows from the article). */
export type SpanKey = [number, number];

/**
 * The value of a curated fact: a field's value, whether an edge exists, or the list of spans one
 * article gives as an event's evidence.
 */
export type CuratedValue = string | number | boolean | null | SpanKey[];

const curatedValue: z.ZodType<CuratedValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.tuple([z.number(), z.number()])),
]);

const entry = z.object({
  /** What the annotation said when the analyst decided. */
  base: curatedValue,
  /** What a later load said instead, when it differs from both base and the analyst: a conflict. */
  file: curatedValue.optional(),
  /** When the analyst decided, the key's name, and the audit record of the decision. */
  at: z.string(),
  by: z.string(),
  audit: z.string(),
});
export type CurationEntry = z.infer<typeof entry>;

const state = z.record(z.string(), entry);
/** Curation key -> entry. Keys: a field name, participant:ROLE:actor, link:KIND:event, evidence:article. */
export type CurationState = z.infer<typeof state>;

export const participantKey = (role: string, actorId: string) => `participant:${role}:${actorId}`;
export const linkKey = (kind: string, toId: string) => `link:${kind}:${toId}`;
export const evidenceKey = (articleId: string) => `evidence:${articleId}`;

export type CurationKind = 'FIELD' | 'PARTICIPANT' | 'LINK' | 'EVIDENCE';

export function kindOf(key: string): CurationKind {
  if (key.startsWith('participant:')) return 'PARTICIPANT';
  if (key.startsWith('link:')) return 'LINK';
  if (key.startsWith('evidence:')) return 'EVIDENCE';
  return 'FIELD';
}

/** Reads the event's stored state; a value that does not parse is an error, never ignored. */
export function parseCuration(eventId: string, json: string | null | undefined): CurationState {
  if (json === null || json === undefined || json === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`Event '${eventId}' has a curation property that is not JSON`);
  }
  const parsed = state.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Event '${eventId}' has a curation property of the wrong shape: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/** The two properties an event stores: the state as JSON, and its keys for Cypher and Browser. */
export function curationProps(s: CurationState): { curation: string | null; curated: string[] } {
  const keys = Object.keys(s).sort();
  if (keys.length === 0) return { curation: null, curated: [] };
  const sorted: CurationState = {};
  for (const k of keys) sorted[k] = s[k]!;
  return { curation: JSON.stringify(sorted), curated: keys };
}

export function sameValue(a: CuratedValue | undefined, b: CuratedValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export const spanKeys = (spans: readonly { start: number; end: number }[]): SpanKey[] =>
  spans.map((s): SpanKey => [s.start, s.end]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);

/** Who decided, for the entries an analyst's write makes. */
export interface Decision {
  at: string;
  by: string;
  audit: string;
}

/**
 * The state after an analyst sets `key` from `before` to `after`. The base stays what the
 * annotation said, however often the analyst changes the value; a pending conflict is settled by
 * the decision, so the file's value becomes the new base.
 */
export function decide(
  s: CurationState,
  key: string,
  before: CuratedValue,
  decision: Decision,
): CurationState {
  const old = s[key];
  const base = old ? (old.file !== undefined ? old.file : old.base) : before;
  return { ...s, [key]: { base, ...decision } };
}

/** The entry after an overwrite: the file's value is the base; who decided is filled in once audited. */
export const overwritten = (e: CurationEntry, file: CuratedValue): CurationEntry => ({
  base: file,
  at: e.at,
  by: e.by,
  audit: e.audit,
});

/** What a load found for one curated fact. */
export type Outcome =
  /** The file agrees with the analyst: nothing to keep. */
  | { kind: 'agrees' }
  /** The file says what it said when the analyst decided: the analyst's value stays. */
  | { kind: 'kept' }
  /** The file now says something else: reported; the analyst's value stays. */
  | { kind: 'conflict' }
  /**
   * The same, with --overwrite-curation: the file's value is written. The overwrite is itself an
   * audited decision, so the fact stays curated with the file's value as its base: a later file
   * that differs is a conflict again, and the audit log keeps telling the truth.
   */
  | { kind: 'overwritten' };

/**
 * Compares what the file says (`file`) with the analyst's current value and the base, and returns
 * the outcome with the entry as it should now be stored.
 */
export function reconcile(
  e: CurationEntry,
  current: CuratedValue,
  file: CuratedValue,
  overwrite: boolean,
): { outcome: Outcome; entry: CurationEntry } {
  const settled = (): CurationEntry => ({ base: e.base, at: e.at, by: e.by, audit: e.audit });
  if (sameValue(file, current)) return { outcome: { kind: 'agrees' }, entry: settled() };
  if (sameValue(file, e.base)) return { outcome: { kind: 'kept' }, entry: settled() };
  if (overwrite) return { outcome: { kind: 'overwritten' }, entry: overwritten(e, file) };
  return { outcome: { kind: 'conflict' }, entry: { ...e, file } };
}
