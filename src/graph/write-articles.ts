// Writes validated articles in one transaction: MERGE on stable ids, so a reload changes nothing
// and concurrent loads create no duplicates (the uniqueness constraints serialise them).
// Labels and relationship types are dynamic ($(row.label)), but only ever names from the
// ontology's fixed lists: checkNames refuses a batch holding any other.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { SpanRow, WriteBatch } from '../ingest/batch';
import { ACTOR_KIND_LABEL, EVENT_FAMILY_LABELS, LINK_KINDS, PARTICIPANT_ROLES } from '../ontology';
import { dependentsOf, refreshCaptions, renamedActors } from './captions';
import { defineQuery, runIn, type Graph } from './driver';
import type { JoinNote } from '../ingest/match';
import { keepCuration, type CurationOptions, type CurationReport } from './keep-curation';
import { matchEvents, recordMatches } from './match-events';
import { stampRoles } from './stamp-roles';
import { TYPE_WORDS } from './search-index';
import type { DuplicatePairRow } from './reads/duplicates';

const ACTOR_LABELS: readonly string[] = Object.values(ACTOR_KIND_LABEL);
/** Evidence spans kept for one position (see upsertPositions). */
export const MAX_POSITION_SPANS = 50;
const counted = z.object({ n: z.number() });

function checkNames(batch: WriteBatch): void {
  const check = (name: string, list: readonly string[]) => {
    if (!list.includes(name))
      throw new Error(`'${name}' is not an allowed label or relationship type`);
  };
  batch.actors.forEach((r) => check(r.label, ACTOR_LABELS));
  batch.events.forEach((r) => check(r.label, EVENT_FAMILY_LABELS));
  batch.participants.forEach((r) => check(r.role, PARTICIPANT_ROLES));
  batch.links.forEach((r) => check(r.kind, LINK_KINDS));
}

/**
 * Evidence is the article's own text: every span written must be its article's slice, whatever
 * path made it (validation, extraction, kept curation). A batch that breaks this is a bug upstream,
 * and nothing of it is written.
 */
function checkSpanTexts(batch: WriteBatch): void {
  const texts = new Map(batch.articles.map((a) => [a.id, a.text]));
  const check = (what: string, articleId: string, spans: readonly SpanRow[]) => {
    const text = texts.get(articleId);
    for (const s of spans) {
      if (text === undefined || text.slice(s.start, s.end) !== s.text) {
        throw new Error(
          `${what}: the span ${s.start}-${s.end} of article '${articleId}' is not that article's text`,
        );
      }
    }
  };
  batch.articles.forEach((r) => check('article dateline', r.id, r.spans));
  batch.mentions.forEach((r) => check(`actor '${r.actorId}'`, r.articleId, r.spans));
  batch.positions.forEach((r) => check(`position of '${r.personId}'`, r.articleId, r.spans));
  batch.events.forEach((r) => {
    check(`event '${r.id}'`, r.articleId, r.spans);
    check(`amount of event '${r.id}'`, r.articleId, r.amountSpans);
  });
  batch.participants.forEach((r) => check(`participant of '${r.eventId}'`, r.articleId, r.spans));
  batch.links.forEach((r) => check(`link from '${r.from}'`, r.articleId, r.spans));
  batch.quotes.forEach((r) => check(`quote '${r.id}'`, r.articleId, r.spans));
  batch.claims.forEach((r) => check(`claim '${r.id}'`, r.articleId, r.spans));
}

// Offsets are stored as INTEGER: the driver sends every JavaScript number as a FLOAT, which
// Neo4j Browser and exports would show as 48.0. They are whole numbers by validation (the
// annotation schema's integers, curation's checks), so toInteger changes no value.

/**
 * SET items that replace, on `v`, the evidence spans of the row's article with `spans`, keeping
 * the spans other articles gave. The article list is assigned last, after the others read it.
 */
export function replaceSpans(v: string, spans: string, prefix = 'ev'): string {
  const keep = (prop: string) =>
    `[i IN range(0, size(coalesce(${v}.${prefix}Article, [])) - 1) WHERE ${v}.${prefix}Article[i] <> row.articleId | ${v}.${prefix}${prop}[i]]`;
  return [
    `${v}.${prefix}Start = ${keep('Start')} + [s IN ${spans} | toInteger(s.start)]`,
    `${v}.${prefix}End = ${keep('End')} + [s IN ${spans} | toInteger(s.end)]`,
    `${v}.${prefix}Text = ${keep('Text')} + [s IN ${spans} | s.text]`,
    `${v}.${prefix}Article = ${keep('Article')} + [s IN ${spans} | row.articleId]`,
  ].join(',\n    ');
}

// Kind and family labels are replaced only where they changed: most rows keep theirs.
/** SET items for spans on an element that belongs to one article (REPORTS, MENTIONS, Article). */
export function setSpans(v: string, spans: string): string {
  return [
    `${v}.evStart = [s IN ${spans} | toInteger(s.start)]`,
    `${v}.evEnd = [s IN ${spans} | toInteger(s.end)]`,
    `${v}.evText = [s IN ${spans} | s.text]`,
  ].join(',\n    ');
}

const upsertActors = defineQuery(
  'upsertActors',
  `UNWIND $rows AS row
  MERGE (a:Actor {id: row.id})
  WITH a, row, [l IN labels(a) WHERE l IN $actorLabels AND l <> row.label] AS stale
  REMOVE a:$(stale)
  SET a:$(row.label),
    a.name = row.name,
    a.kind = row.kind,
    a.aliases = reduce(acc = [], x IN coalesce(a.aliases, []) + row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    a.country = coalesce(row.country, a.country),
    a.wikidataId = coalesce(row.wikidataId, a.wikidataId),
    a.externalFields = row.externalFields,
    a.externalNotes = row.externalNotes
  SET a.aliasesText = reduce(s = '', x IN a.aliases | s + x + '\n'),
    a.namesLower = toLower(a.name + '\n' + reduce(s = '', x IN a.aliases | s + x + '\n'))
  RETURN count(*) AS n`,
  counted,
);

// An actor's evidence sits on (Article)-[:MENTIONS]->(Actor), one relationship per article:
// a popular actor is named in thousands of articles, and one growing list on its node would
// make every load slower than the one before.
const upsertMentions = defineQuery(
  'upsertMentions',
  `UNWIND $rows AS row
  MATCH (a:Actor {id: row.actorId})
  MERGE (art:Article {id: row.articleId})
  MERGE (art)-[m:MENTIONS]->(a)
  SET ${setSpans('m', 'row.spans')}
  RETURN count(*) AS n`,
  counted,
);

const upsertArticles = defineQuery(
  'upsertArticles',
  `UNWIND $rows AS row
  MERGE (art:Article {id: row.id})
  SET art.title = row.title,
    art.url = row.url,
    art.dateline = row.dateline,
    art.publishedOn = date(row.publishedOn),
    art.text = row.text,
    art.externalFields = row.externalFields,
    art.externalNotes = row.externalNotes,
    art.extractionMethod = row.extractionMethod,
    art.extractionVersion = row.extractionVersion,
    ${setSpans('art', 'row.spans')}
  WITH art, row
  MATCH (publisher:Actor {id: row.publisherId})
  OPTIONAL MATCH (art)-[old:PUBLISHED_BY]->(other) WHERE other <> publisher
  DELETE old
  MERGE (art)-[:PUBLISHED_BY]->(publisher)
  RETURN count(*) AS n`,
  counted,
);

const upsertPositions = defineQuery(
  'upsertPositions',
  `UNWIND $rows AS row
  // One row at a time: each row's cap below must see the spans the rows before it added, or
  // a batch that crosses the cap keeps all its spans, and the result depends on batch size.
  CALL (row) {
    MATCH (p:Actor {id: row.personId}), (o:Actor {id: row.organizationId})
    MERGE (p)-[h:HOLDS_POSITION {title: row.title}]->(o)
    SET h.externalFields = row.externalFields,
      h.externalNotes = row.externalNotes
    // A well-known office is stated in thousands of articles: its evidence keeps the spans of the
    // first articles only (up to MAX_POSITION_SPANS), and stays replaceable for those.
    WITH h, row
    WHERE row.articleId IN coalesce(h.evArticle, []) OR size(coalesce(h.evArticle, [])) < $maxSpans
    SET ${replaceSpans('h', 'row.spans')}
  }
  RETURN count(*) AS n`,
  counted,
);

const upsertEvents = defineQuery(
  'upsertEvents',
  `UNWIND $rows AS row
  MERGE (e:Event {id: row.id})
  WITH e, row, [l IN labels(e) WHERE l IN $eventLabels AND l <> row.label] AS stale
  REMOVE e:$(stale)
  SET e:$(row.label),
    e.type = row.type,
    e.typeText = ${TYPE_WORDS('row.type')},
    e.summary = row.summary,
    e.occurredOn = date(row.occurredOn),
    e.datePrecision = row.datePrecision,
    e.dateNote = row.dateNote,
    e.modality = row.modality,
    // confidence (a probability) and amount (money, with cents) are real numbers: FLOAT.
    e.confidence = row.confidence,
    e.cameoCode = row.cameoCode,
    e.cameoLabel = row.cameoLabel,
    e.ploverType = row.ploverType,
    e.ploverMode = row.ploverMode,
    e.amount = row.amount,
    e.currency = row.currency,
    e.externalFields = row.externalFields,
    e.externalNotes = row.externalNotes,
    e.extractionMethod = row.extractionMethod,
    e.extractionVersion = row.extractionVersion,
    ${replaceSpans('e', 'row.amountSpans', 'amountEv')}
  // An analyst may have taken away all of an article's evidence for the event (keep-curation.ts):
  // the article then no longer reports it.
  WITH e, row WHERE size(row.spans) > 0
  MATCH (art:Article {id: row.articleId})
  MERGE (art)-[r:REPORTS]->(e)
  SET ${setSpans('r', 'row.spans')}
  RETURN count(*) AS n`,
  counted,
);

// An article that joins an event the graph holds (src/ingest/match.ts) adds its evidence only:
// the event's fields are another article's, or an analyst's.
const upsertReports = defineQuery(
  'upsertReports',
  `UNWIND $rows AS row
  WITH row WHERE size(row.spans) > 0
  MATCH (e:Event {id: row.id}), (art:Article {id: row.articleId})
  MERGE (art)-[r:REPORTS]->(e)
  SET ${setSpans('r', 'row.spans')}
  RETURN count(*) AS n`,
  counted,
);

/**
 * Participants (Event)-[:ROLE]->(Actor) and links (Event)-[:KIND]->(Event) alike, one statement
 * per relationship type: MERGE on a dynamic type ($(row.role)) cannot expand by type, and made
 * these two the loader's slowest statements. The types are the ontology's fixed lists.
 */
const upsertEventEdges = (name: string, type: string, from: string, to: string) =>
  defineQuery(
    `${name}${type}`,
    `UNWIND $rows AS row
  MATCH (from:Event {id: row.${from}}), (to:${to === 'actorId' ? 'Actor' : 'Event'} {id: row.${to}})
  MERGE (from)-[x:${type}]->(to)
  SET ${replaceSpans('x', 'row.spans')}
  RETURN count(*) AS n`,
    counted,
  );
const upsertParticipants = new Map(
  PARTICIPANT_ROLES.map((role) => [
    role as string,
    upsertEventEdges('upsertParticipants', role, 'eventId', 'actorId'),
  ]),
);
const upsertLinks = new Map(
  LINK_KINDS.map((kind) => [kind as string, upsertEventEdges('upsertLinks', kind, 'from', 'to')]),
);

/** Rows grouped by relationship type, each group in the batch's order. */
function byType<R>(rows: readonly R[], typeOf: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const list = out.get(typeOf(r));
    if (list) list.push(r);
    else out.set(typeOf(r), [r]);
  }
  return out;
}

const upsertQuotes = defineQuery(
  'upsertQuotes',
  `UNWIND $rows AS row
  MERGE (q:Quote {id: row.id})
  SET q.text = row.text,
    ${replaceSpans('q', 'row.spans')}
  WITH q, row
  MATCH (speaker:Actor {id: row.speakerId})
  OPTIONAL MATCH (q)<-[oldSaid:SAID]-(:Actor)
  OPTIONAL MATCH (q)-[oldIn:MADE_IN]->(:Event)
  DELETE oldSaid, oldIn
  MERGE (speaker)-[:SAID]->(q)
  WITH q, row
  CALL (q, row) {
    MATCH (e:Event {id: row.eventId})
    MERGE (q)-[:MADE_IN]->(e)
  }
  RETURN count(*) AS n`,
  counted,
);

const upsertClaims = defineQuery(
  'upsertClaims',
  `UNWIND $rows AS row
  MERGE (c:Claim {id: row.id})
  SET c.text = row.text,
    c.verbatim = row.verbatim,
    ${replaceSpans('c', 'row.spans')}
  WITH c, row
  MATCH (claimant:Actor {id: row.claimantId})
  OPTIONAL MATCH (c)<-[old:CLAIMS]-(:Actor)
  OPTIONAL MATCH (c)-[oldIn:MADE_IN]->(:Event)
  OPTIONAL MATCH (c)-[oldAbout:ABOUT]->(:Actor)
  DELETE old, oldIn, oldAbout
  MERGE (claimant)-[:CLAIMS]->(c)
  WITH c, row
  CALL (c, row) {
    UNWIND row.aboutIds AS aboutId
    MATCH (about:Actor {id: aboutId})
    MERGE (c)-[:ABOUT]->(about)
  }
  CALL (c, row) {
    MATCH (e:Event {id: row.eventId})
    MERGE (c)-[:MADE_IN]->(e)
  }
  RETURN count(*) AS n`,
  counted,
);

/** Runs after all claims exist, since a claim may dispute one written later in the batch. */
const upsertDisputes = defineQuery(
  'upsertDisputes',
  `UNWIND $rows AS row
  UNWIND row.disputes AS disputedId
  MATCH (c:Claim {id: row.id}), (d:Claim {id: disputedId})
  MERGE (c)-[:DISPUTES]->(d)
  RETURN count(*) AS n`,
  counted,
);

/** What a batch's write met: analysts' curation, and events the graph held already. */
export interface WriteOutcome {
  curation: CurationReport;
  /** Events of extracted articles written onto an event the graph held (now their aliases). */
  joined: JoinNote[];
  /** Events created that may duplicate another, for analysts to merge or dismiss. */
  duplicates: DuplicatePairRow[];
}

/**
 * The statements of one batch, in dependency order, inside the caller's transaction. Events the
 * graph holds already are found first (match-events.ts), then analysts' curation is honoured
 * (keep-curation.ts); what that kept, met in conflict or joined is returned.
 */
export async function writeBatchIn(
  tx: ManagedTransaction,
  input: WriteBatch,
  curation: CurationOptions,
): Promise<WriteOutcome> {
  checkNames(input);
  const matched = await matchEvents(tx, input);
  const kept = await keepCuration(tx, matched.batch, curation);
  const batch = kept.batch;
  checkSpanTexts(batch);
  const renamed = await renamedActors(tx, batch.actors);
  const steps: (readonly [typeof upsertActors, unknown[], Record<string, unknown>?])[] = [
    [upsertActors, batch.actors, { actorLabels: ACTOR_LABELS }],
    [upsertMentions, batch.mentions],
    [upsertArticles, batch.articles],
    [upsertPositions, batch.positions, { maxSpans: MAX_POSITION_SPANS }],
    [upsertEvents, batch.events.filter((r) => !r.joins), { eventLabels: EVENT_FAMILY_LABELS }],
    [upsertReports, batch.events.filter((r) => r.joins)],
    ...[...byType(batch.participants, (r) => r.role)].map(
      ([role, rows]) => [upsertParticipants.get(role)!, rows] as const,
    ),
    ...[...byType(batch.links, (r) => r.kind)].map(
      ([kind, rows]) => [upsertLinks.get(kind)!, rows] as const,
    ),
    [upsertQuotes, batch.quotes],
    [upsertClaims, batch.claims],
    [upsertDisputes, batch.claims],
  ];
  for (const [query, rows, extra] of steps) {
    if (rows.length > 0) await runIn(tx, query, { rows, ...extra });
  }
  // New participants and new dates: the order properties of their role relationships.
  await stampRoles(tx, [
    ...batch.events.map((r) => r.id),
    ...batch.participants.map((r) => r.eventId),
  ]);
  const duplicates = await recordMatches(tx, matched.plan);
  await kept.finish(tx);
  // Last, when agents, speakers and publishers are all written (and curation has had its say).
  const ofRenamed = await dependentsOf(tx, renamed);
  await refreshCaptions(tx, {
    events: [...batch.events.map((r) => r.id), ...ofRenamed.events],
    quotes: [...batch.quotes.map((r) => r.id), ...ofRenamed.quotes],
    claims: [...batch.claims.map((r) => r.id), ...ofRenamed.claims],
    articles: [...batch.articles.map((r) => r.id), ...ofRenamed.articles],
  });
  return { curation: kept.report, joined: matched.plan.joined, duplicates };
}

/** Writes a batch atomically: all of it or, on any failure, nothing. */
export async function writeBatch(
  graph: Graph,
  batch: WriteBatch,
  curation: CurationOptions,
  timeoutMs = 300_000,
): Promise<WriteOutcome> {
  return graph.writeTx((tx) => writeBatchIn(tx, batch, curation), timeoutMs);
}
