// Events as JSON Lines: one event per line with its fields, its participants and its evidence
// (article id, offsets, and the text those offsets cut from the article). Ids are the API's.
import type { Writable } from 'node:stream';
import type { Graph } from '../graph/driver';
import type { EventFilterInput } from '../graph/reads/events-page';
import { extractionOf, type EvidenceRow } from '../graph/rows';
import { eventBatches, type EventWithRecord } from './events';
import { writeOut, type ExportProgress } from './output';
import { globalId } from './subgraph';

const span = (s: EvidenceRow) => ({
  articleId: globalId('Article', s.articleId),
  start: s.start,
  end: s.end,
  text: s.text,
});

export function eventLine({ event: e, record: r }: EventWithRecord): Record<string, unknown> {
  return {
    id: globalId('Event', e.id),
    type: e.type,
    summary: e.summary,
    occurredOn: e.occurredOn,
    datePrecision: e.datePrecision,
    dateNote: e.dateNote,
    modality: e.modality,
    confidence: e.confidence,
    cameo: e.cameoCode ? { code: e.cameoCode, label: e.cameoLabel } : null,
    plover: e.ploverType ? { type: e.ploverType, mode: e.ploverMode } : null,
    amount:
      e.amount !== null && e.currency !== null
        ? { amount: e.amount, currency: e.currency, evidence: e.amountEvidence.map(span) }
        : null,
    reviewStatus: e.reviewStatus ?? 'DRAFT',
    extraction: extractionOf(e),
    participants: r.participants.map((p) => ({
      role: p.role,
      actor: {
        id: globalId('Actor', p.actor.id),
        name: p.actor.name,
        kind: p.actor.kind,
        country: p.actor.country,
      },
      evidence: p.evidence.map(span),
    })),
    evidence: r.reports.flatMap((a) => a.evidence.map(span)),
    articles: r.reports.map((a) => globalId('Article', a.articleId)),
    links: r.links.map((l) => ({ kind: l.kind, other: globalId('Event', l.otherId) })),
    quotes: r.quoteIds.map((id) => globalId('Quote', id)),
    claims: r.claimIds.map((id) => globalId('Claim', id)),
  };
}

export async function writeJsonl(
  graph: Graph,
  filter: EventFilterInput,
  out: Writable,
  progress: ExportProgress,
): Promise<void> {
  for await (const batch of eventBatches(graph, filter)) {
    // JSON.stringify escapes the line breaks inside strings, so each event is one line.
    await writeOut(out, batch.map((e) => `${JSON.stringify(eventLine(e))}\n`).join(''));
    progress.add(batch.length);
  }
}
