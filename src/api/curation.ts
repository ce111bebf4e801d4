// Analysts' curation as the API shows it: the facts decided on an event, and what a write of an
// annotation met of them.
import type { CuratedFact, CurationNoteResolvers } from '../generated/graphql';
import { kindOf, parseCuration } from '../graph/curation-state';
import { toGlobalId } from './ids';

export function curatedFacts(eventId: string, curation: string | null): CuratedFact[] {
  return Object.entries(parseCuration(eventId, curation)).map(([key, e]) => ({
    key,
    kind: kindOf(key),
    annotationValue: e.base,
    conflictingValue: e.file ?? null,
    decidedAt: e.at,
    decidedBy: e.by,
    auditRecordId: e.audit,
  }));
}

export const CurationNote: CurationNoteResolvers = {
  eventId: (n) => toGlobalId('Event', n.eventId),
  analystValue: (n) => n.analyst,
  fileValue: (n) => n.file,
  baseValue: (n) => n.base,
};
