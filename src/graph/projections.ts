// Cypher map projections shared by the read queries, so every query returns the same row shape.
// Variables inside them end in _ so they never clash with the enclosing query's.

/** Evidence spans stored on an element as parallel lists (see write-articles.ts). */
export function spansOf(v: string, prefix = 'ev'): string {
  return `[i IN range(0, size(coalesce(${v}.${prefix}Start, [])) - 1) | {articleId: ${v}.${prefix}Article[i], start: ${v}.${prefix}Start[i], end: ${v}.${prefix}End[i], text: ${v}.${prefix}Text[i]}]`;
}

/** Spans on a REPORTS relationship, whose article is its start node. */
export function reportSpans(art: string, r: string): string {
  return `[i IN range(0, size(coalesce(${r}.evStart, [])) - 1) | {articleId: ${art}.id, start: ${r}.evStart[i], end: ${r}.evEnd[i], text: ${r}.evText[i]}]`;
}

export const ARTICLE = (v: string) =>
  `${v} { .id, .title, .url, .dateline, .publishedOn, .text, .externalFields, .externalNotes, .extractionMethod, .extractionVersion, publisherId: [(${v})-[:PUBLISHED_BY]->(publisher_:Actor) | publisher_.id][0] }`;

export const ACTOR = (v: string) =>
  `${v} { .id, .name, .kind, .aliases, .country, .wikidataId, .externalFields, .externalNotes }`;

export const EVENT = (v: string) =>
  `${v} { .id, .type, .caption, .summary, .occurredOn, .datePrecision, .dateNote, .modality, .confidence, .cameoCode, .cameoLabel, .ploverType, .ploverMode, .amount, .currency, .reviewStatus, .reviewNote, .curation, .externalFields, .externalNotes, .extractionMethod, .extractionVersion, amountEvidence: ${spansOf(v, 'amountEv')} }`;

export const QUOTE = (v: string) =>
  `${v} { .id, .text, speakerId: [(speaker_:Actor)-[:SAID]->(${v}) | speaker_.id][0], eventId: [(${v})-[:MADE_IN]->(event_:Event) | event_.id][0], evidence: ${spansOf(v)} }`;

export const CLAIM = (v: string) =>
  `${v} { .id, .text, .verbatim, claimantId: [(claimant_:Actor)-[:CLAIMS]->(${v}) | claimant_.id][0], eventId: [(${v})-[:MADE_IN]->(event_:Event) | event_.id][0], evidence: ${spansOf(v)} }`;
