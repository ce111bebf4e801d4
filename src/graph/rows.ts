// What the read queries return, checked row by row. These are also the GraphQL mappers: a
// resolver receives one of these and resolves the rest through loaders.
import { z } from 'zod';
import { ACTOR_KINDS, EVENT_TYPES, LINK_KINDS, MODALITIES, PARTICIPANT_ROLES } from '../ontology';

/** An event's review status; events nobody has reviewed yet have none stored (DRAFT). */
export const REVIEW_STATUSES = ['DRAFT', 'VERIFIED', 'REJECTED'] as const;

const str = z.string();
const optStr = z.string().nullable();

export const evidenceRow = z.object({
  articleId: str,
  start: z.number().int(),
  end: z.number().int(),
  text: str,
});
export type EvidenceRow = z.infer<typeof evidenceRow>;

const externals = {
  externalFields: z.array(str).nullable(),
  externalNotes: z.array(str).nullable(),
};

/** Which machine made an article's annotation, or the event it created; null when made by hand. */
const extraction = {
  extractionMethod: optStr,
  extractionVersion: optStr,
};

export interface ExtractionRow {
  method: string;
  version: string;
}
export function extractionOf(row: {
  extractionMethod: string | null;
  extractionVersion: string | null;
}): ExtractionRow | null {
  return row.extractionMethod !== null && row.extractionVersion !== null
    ? { method: row.extractionMethod, version: row.extractionVersion }
    : null;
}

export interface ExternalFactRow {
  field: string;
  note: string;
}
export function externalFacts(row: {
  externalFields: string[] | null;
  externalNotes: string[] | null;
}): ExternalFactRow[] {
  const notes = row.externalNotes ?? [];
  return (row.externalFields ?? []).map((field, i) => ({ field, note: notes[i] ?? '' }));
}

export const articleRow = z
  .object({
    id: str,
    title: optStr,
    url: optStr,
    dateline: optStr,
    publishedOn: optStr,
    text: str,
    publisherId: optStr,
    ...externals,
    ...extraction,
  })
  .transform((r) => ({ ...r, __typename: 'Article' as const }));
export type ArticleRow = z.infer<typeof articleRow>;

export const actorRow = z
  .object({
    id: str,
    name: str,
    kind: z.enum(ACTOR_KINDS),
    aliases: z
      .array(str)
      .nullable()
      .transform((a) => a ?? []),
    country: optStr,
    wikidataId: optStr,
    ...externals,
  })
  .transform((r) => ({ ...r, __typename: 'Actor' as const }));
export type ActorRow = z.infer<typeof actorRow>;

export const eventRow = z
  .object({
    id: str,
    type: z.enum(EVENT_TYPES),
    // What Neo4j Browser and the graph exports label the event with (graph/captions.ts).
    caption: optStr,
    summary: str,
    occurredOn: optStr,
    datePrecision: z.enum(['DAY', 'MONTH', 'YEAR', 'UNKNOWN']),
    dateNote: optStr,
    modality: z.enum(MODALITIES),
    confidence: z.number(),
    cameoCode: optStr,
    cameoLabel: optStr,
    ploverType: optStr,
    ploverMode: optStr,
    amount: z.number().nullable(),
    currency: optStr,
    amountEvidence: z.array(evidenceRow),
    // Absent until an analyst reviews the event (see graph/curation.ts).
    reviewStatus: z.enum(REVIEW_STATUSES).nullable(),
    reviewNote: optStr,
    // Analysts' decisions the loader must keep, as JSON (see graph/curation-state.ts).
    curation: optStr,
    ...externals,
    ...extraction,
  })
  .transform((r) => ({ ...r, __typename: 'Event' as const }));
export type EventRow = z.infer<typeof eventRow>;

export const quoteRow = z
  .object({ id: str, text: str, speakerId: str, eventId: optStr, evidence: z.array(evidenceRow) })
  .transform((r) => ({ ...r, __typename: 'Quote' as const }));
export type QuoteRow = z.infer<typeof quoteRow>;

export const claimRow = z
  .object({
    id: str,
    text: str,
    verbatim: z.boolean(),
    claimantId: str,
    eventId: optStr,
    evidence: z.array(evidenceRow),
  })
  .transform((r) => ({ ...r, __typename: 'Claim' as const }));
export type ClaimRow = z.infer<typeof claimRow>;

export const positionRow = z.object({
  title: str,
  organizationId: str,
  evidence: z.array(evidenceRow),
});
export type PositionRow = z.infer<typeof positionRow>;

export const participantRow = z.object({
  role: z.enum(PARTICIPANT_ROLES),
  actorId: str,
  evidence: z.array(evidenceRow),
});
export type ParticipantRow = z.infer<typeof participantRow>;

export const eventLinkRow = z.object({
  kind: z.enum(LINK_KINDS),
  direction: z.enum(['OUTGOING', 'INCOMING']),
  otherId: str,
  evidence: z.array(evidenceRow),
});
export type EventLinkRow = z.infer<typeof eventLinkRow>;

export interface MoneyRow {
  amount: number;
  currency: string;
  evidence: EvidenceRow[];
}

export type NodeRow = ArticleRow | ActorRow | EventRow | QuoteRow | ClaimRow;

export interface SearchHitRow {
  score: number;
  node: NodeRow;
}

export interface ActorPathRow {
  hops: number;
  nodes: (ActorRow | EventRow)[];
}
