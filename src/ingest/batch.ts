// Turns validated annotations into the rows the graph writer UNWINDs. Pure: no database here,
// so what will be written can be unit-tested. Rows of many articles can share one batch; each
// row names its article so evidence is replaced per article on reload.
import type { Span } from '../generated/annotation';
import { ACTOR_KIND_LABEL, EVENT_FAMILY_LABEL, cameoFor, ploverFor } from '../ontology';
import type { ValidArticle } from './validate';

export interface SpanRow {
  start: number;
  end: number;
  text: string;
}
interface External {
  externalFields: string[];
  externalNotes: string[];
}

/** One row per actor of the batch, however many of its articles name it. */
export interface ActorRow extends External {
  /** The kind label (Person, Platform, ...), from ontology.ts. */
  label: string;
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  country: string | null;
  wikidataId: string | null;
}
/** Where one article names one actor. */
export interface MentionRow {
  articleId: string;
  actorId: string;
  spans: SpanRow[];
}
/** Which machine made an article's annotation: null for hand-made ones. */
interface Extracted {
  extractionMethod: string | null;
  extractionVersion: string | null;
}
export interface ArticleRow extends External, Extracted {
  id: string;
  title: string | null;
  url: string | null;
  publisherId: string;
  dateline: string;
  publishedOn: string;
  text: string;
  spans: SpanRow[];
}
export interface PositionRow extends External {
  articleId: string;
  personId: string;
  organizationId: string;
  title: string;
  spans: SpanRow[];
}
export interface EventRow extends External, Extracted {
  articleId: string;
  /** The family label (Sanction, Threat, ...), from ontology.ts. */
  label: string;
  id: string;
  type: string;
  summary: string;
  occurredOn: string | null;
  datePrecision: string;
  dateNote: string | null;
  modality: string;
  confidence: number;
  cameoCode: string | null;
  cameoLabel: string | null;
  ploverType: string | null;
  ploverMode: string | null;
  amount: number | null;
  currency: string | null;
  amountSpans: SpanRow[];
  spans: SpanRow[];
  /**
   * True when the article joins an event the graph holds already (src/ingest/match.ts): only
   * its evidence is written, and the event's fields stay as they are.
   */
  joins: boolean;
}
export interface ParticipantRow {
  articleId: string;
  /** The relationship type: the participant role. */
  role: string;
  eventId: string;
  actorId: string;
  spans: SpanRow[];
}
export interface LinkRow {
  articleId: string;
  /** The relationship type: the link kind. */
  kind: string;
  from: string;
  to: string;
  spans: SpanRow[];
}
export interface QuoteRow {
  articleId: string;
  id: string;
  text: string;
  speakerId: string;
  eventId: string | null;
  spans: SpanRow[];
}
export interface ClaimRow {
  articleId: string;
  id: string;
  text: string;
  verbatim: boolean;
  claimantId: string;
  aboutIds: string[];
  eventId: string | null;
  disputes: string[];
  spans: SpanRow[];
}

export interface WriteBatch {
  articleIds: string[];
  actors: ActorRow[];
  mentions: MentionRow[];
  articles: ArticleRow[];
  positions: PositionRow[];
  events: EventRow[];
  participants: ParticipantRow[];
  links: LinkRow[];
  quotes: QuoteRow[];
  claims: ClaimRow[];
}

const spanRows = (spans: readonly Span[] | undefined): SpanRow[] =>
  (spans ?? []).map(({ start, end, text }) => ({ start, end, text }));

function external(ext: Record<string, string> | undefined): External {
  const entries = Object.entries(ext ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return { externalFields: entries.map(([k]) => k), externalNotes: entries.map(([, v]) => v) };
}

export function toWriteBatch(articles: readonly ValidArticle[]): WriteBatch {
  const batch: WriteBatch = {
    articleIds: [],
    actors: [],
    mentions: [],
    articles: [],
    positions: [],
    events: [],
    participants: [],
    links: [],
    quotes: [],
    claims: [],
  };
  const actors = new Map<string, ActorRow>();
  for (const { annotation: a, text } of articles) {
    const articleId = a.article.id;
    const extracted: Extracted = {
      extractionMethod: a.extraction?.method ?? null,
      extractionVersion: a.extraction?.version ?? null,
    };
    batch.articleIds.push(articleId);
    for (const x of a.actors) {
      const row: ActorRow = {
        label: ACTOR_KIND_LABEL[x.kind],
        id: x.id,
        name: x.name,
        kind: x.kind,
        aliases: x.aliases ?? [],
        country: x.country ?? null,
        wikidataId: x.wikidataId ?? null,
        ...external(x.external),
      };
      // A later article's description wins; aliases add up; a country or Wikidata id once
      // known stays, as it does across batches (upsertActors' coalesce).
      const earlier = actors.get(x.id);
      if (earlier) {
        row.aliases = [...new Set([...earlier.aliases, ...row.aliases])];
        row.country ??= earlier.country;
        row.wikidataId ??= earlier.wikidataId;
      }
      actors.set(x.id, row);
      batch.mentions.push({ articleId, actorId: x.id, spans: spanRows(x.evidence) });
    }
    batch.articles.push({
      id: articleId,
      title: a.article.title ?? null,
      url: a.article.url ?? null,
      publisherId: a.article.publisherId,
      dateline: a.article.dateline,
      publishedOn: a.article.publishedOn,
      text,
      spans: spanRows(a.article.datelineEvidence),
      ...external(a.article.external),
      ...extracted,
    });
    for (const p of a.positions ?? []) {
      batch.positions.push({
        articleId,
        personId: p.personId,
        organizationId: p.organizationId,
        title: p.title,
        spans: spanRows(p.evidence),
        ...external(p.external),
      });
    }
    for (const e of a.events) {
      const cameo = cameoFor(e.type, e.modality, e.mild ?? false);
      const plover = ploverFor(e.type, e.modality);
      batch.events.push({
        articleId,
        label: EVENT_FAMILY_LABEL[e.type],
        id: e.id,
        type: e.type,
        summary: e.summary,
        occurredOn: e.occurredOn ?? null,
        datePrecision: e.datePrecision,
        dateNote: e.dateNote ?? null,
        modality: e.modality,
        confidence: e.confidence,
        cameoCode: cameo?.code ?? null,
        cameoLabel: cameo?.label ?? null,
        ploverType: plover?.type ?? null,
        ploverMode: plover?.mode ?? null,
        amount: e.amount?.amount ?? null,
        currency: e.amount?.currency ?? null,
        amountSpans: spanRows(e.amount?.evidence),
        spans: spanRows(e.evidence),
        joins: false,
        ...external(e.external),
        ...extracted,
      });
      for (const p of e.participants) {
        batch.participants.push({
          articleId,
          role: p.role,
          eventId: e.id,
          actorId: p.actorId,
          spans: spanRows(p.evidence),
        });
      }
    }
    for (const l of a.links ?? []) {
      batch.links.push({
        articleId,
        kind: l.kind,
        from: l.from,
        to: l.to,
        spans: spanRows(l.evidence),
      });
    }
    for (const q of a.quotes ?? []) {
      batch.quotes.push({
        articleId,
        id: q.id,
        text: q.text,
        speakerId: q.speakerId,
        eventId: q.eventId ?? null,
        spans: spanRows(q.evidence),
      });
    }
    for (const c of a.claims ?? []) {
      batch.claims.push({
        articleId,
        id: c.id,
        text: c.text,
        verbatim: c.verbatim,
        claimantId: c.claimantId,
        aboutIds: c.aboutIds ?? [],
        eventId: c.eventId ?? null,
        disputes: c.disputes ?? [],
        spans: spanRows(c.evidence),
      });
    }
  }
  batch.actors = [...actors.values()];
  return batch;
}
