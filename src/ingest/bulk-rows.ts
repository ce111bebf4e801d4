// What the bulk loader (bulk.ts) writes for each node and relationship: the same properties, with
// the same values, as the online writer's Cypher (src/graph/write-articles.ts, captions.ts)
// leaves after loading the same files in the same order. Pure: no files, no database, so that
// it can be unit-tested and so that one more property is one more line in one of the
// *Properties functions below.
//
// The online writer MERGEs: an actor named by many articles is one node whose description the
// last article gives, and evidence lists keep one stretch per article. Here the same rules are
// applied in memory, article after article (replaceArticleSpans is replaceSpans of
// write-articles.ts). Actors and positions are few and always kept in memory; events, quotes and
// claims are written as they come, except those whose id more than one file uses, which are kept
// until the end (bulk.ts finds them while validating).
import { EVENT_TYPE_CAPTION, CAPTION_WORDS } from '../graph/captions';
import { isRepeatedRole, roleOrderProperties } from '../graph/role-order';
import { MAX_POSITION_SPANS } from '../graph/write-articles';
import type {
  ActorRow,
  ArticleRow,
  ClaimRow,
  EventRow,
  LinkRow,
  MentionRow,
  ParticipantRow,
  PositionRow,
  QuoteRow,
  SpanRow,
  WriteBatch,
} from './batch';
import type { EventType } from '../generated/graphql';

/** A property value as Neo4j stores it; a null property is not stored at all. */
export type Value = string | number | boolean | null | readonly string[] | readonly number[];
export type Props = Record<string, Value>;

/** Evidence kept per article on an element many articles share (replaceSpans in Cypher). */
export interface ArticleSpans {
  start: number[];
  end: number[];
  text: string[];
  article: string[];
}

export const noSpans = (): ArticleSpans => ({ start: [], end: [], text: [], article: [] });

/** replaceSpans of write-articles.ts: the article's spans replace its earlier ones, at the end. */
export function replaceArticleSpans(
  old: ArticleSpans,
  articleId: string,
  spans: readonly SpanRow[],
): ArticleSpans {
  const keep = old.article.map((a) => a !== articleId);
  const kept = <T>(list: T[]) => list.filter((_, i) => keep[i]);
  return {
    start: [...kept(old.start), ...spans.map((s) => s.start)],
    end: [...kept(old.end), ...spans.map((s) => s.end)],
    text: [...kept(old.text), ...spans.map((s) => s.text)],
    article: [...kept(old.article), ...spans.map(() => articleId)],
  };
}

/** The four properties of replaceSpans. */
function articleSpanProps(s: ArticleSpans): Props {
  return { evStart: s.start, evEnd: s.end, evText: s.text, evArticle: s.article };
}

/** setSpans of write-articles.ts: an element of one article. */
function spanProps(spans: readonly SpanRow[]): Props {
  return {
    evStart: spans.map((s) => s.start),
    evEnd: spans.map((s) => s.end),
    evText: spans.map((s) => s.text),
  };
}

const dedupe = (list: readonly string[]) => [...new Set(list)];

// ---- captions (captions.ts, in TypeScript) ----

/** The Cypher fold of captions.ts: a separator only once something non-empty came before. */
function joinLikeCypher(list: readonly string[], separator: string): string {
  let s = '';
  for (const x of list) s = s + (s === '' ? '' : separator) + x;
  return s;
}

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function eventCaption(
  type: string,
  occurredOn: string | null,
  agents: readonly { id: string; name: string }[],
): string {
  const sorted = [...agents].sort(byNameThenId).map((a) => a.name);
  const head = EVENT_TYPE_CAPTION[type as EventType] ?? type;
  if (sorted.length > 0) return `${head} · ${joinLikeCypher(sorted, ', ')}`;
  // toString(e.occurredOn.year): the year as a number, without leading zeros.
  if (occurredOn !== null) return `${head} · ${Number(occurredOn.split('-')[0])}`;
  return head;
}

export function sayingCaption(speaker: string | null, text: string): string {
  const words = text.split(' ');
  return (
    (speaker === null ? '' : `${speaker}: `) +
    '"' +
    joinLikeCypher(words.slice(0, CAPTION_WORDS), ' ') +
    (words.length > CAPTION_WORDS ? ' …"' : '"')
  );
}

export function articleCaption(id: string, publisher: string | null, publishedOn: string): string {
  return `${publisher ?? id} · ${publishedOn}`;
}

// ---- nodes ----

/** An actor as the graph holds it after every article so far. */
export interface ActorNode {
  label: string;
  props: Props & { id: string; name: string; aliases: string[] };
  country: string | null;
  wikidataId: string | null;
}

/** upsertActors: the later article's description wins, aliases add up, known ids stay. */
export function mergeActor(earlier: ActorNode | undefined, row: ActorRow): ActorNode {
  const aliases = dedupe([...(earlier?.props.aliases ?? []), ...row.aliases]);
  const country = row.country ?? earlier?.country ?? null;
  const wikidataId = row.wikidataId ?? earlier?.wikidataId ?? null;
  return {
    label: row.label,
    country,
    wikidataId,
    props: actorProperties(row, aliases, country, wikidataId),
  };
}

export function actorProperties(
  row: ActorRow,
  aliases: string[],
  country: string | null,
  wikidataId: string | null,
): ActorNode['props'] {
  const aliasesText = aliases.map((x) => `${x}\n`).join('');
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases,
    country,
    wikidataId,
    externalFields: row.externalFields,
    externalNotes: row.externalNotes,
    aliasesText,
    namesLower: `${row.name}\n${aliasesText}`.toLowerCase(),
  };
}

export function articleProperties(row: ArticleRow, publisherName: string | null): Props {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    dateline: row.dateline,
    publishedOn: row.publishedOn,
    text: row.text,
    externalFields: row.externalFields,
    externalNotes: row.externalNotes,
    extractionMethod: row.extractionMethod,
    extractionVersion: row.extractionVersion,
    ...spanProps(row.spans),
    caption: articleCaption(row.id, publisherName, row.publishedOn),
  };
}

export function eventProperties(row: EventRow, amountSpans: ArticleSpans, caption: string): Props {
  return {
    id: row.id,
    type: row.type,
    typeText: row.type.toLowerCase().replaceAll('_', ' '),
    summary: row.summary,
    occurredOn: row.occurredOn,
    datePrecision: row.datePrecision,
    dateNote: row.dateNote,
    modality: row.modality,
    confidence: row.confidence,
    cameoCode: row.cameoCode,
    cameoLabel: row.cameoLabel,
    ploverType: row.ploverType,
    ploverMode: row.ploverMode,
    amount: row.amount,
    currency: row.currency,
    externalFields: row.externalFields,
    externalNotes: row.externalNotes,
    extractionMethod: row.extractionMethod,
    extractionVersion: row.extractionVersion,
    amountEvStart: amountSpans.start,
    amountEvEnd: amountSpans.end,
    amountEvText: amountSpans.text,
    amountEvArticle: amountSpans.article,
    caption,
  };
}

export function quoteProperties(row: QuoteRow, spans: ArticleSpans, caption: string): Props {
  return { id: row.id, text: row.text, ...articleSpanProps(spans), caption };
}

export function claimProperties(row: ClaimRow, spans: ArticleSpans, caption: string): Props {
  return {
    id: row.id,
    text: row.text,
    verbatim: row.verbatim,
    ...articleSpanProps(spans),
    caption,
  };
}

// ---- relationships ----

export const mentionProperties = (row: MentionRow): Props => spanProps(row.spans);
export const reportProperties = (row: EventRow): Props => spanProps(row.spans);
/**
 * Participants: (Event)-[:AGENT|TARGET|...]->(Actor), with the order keys the online writers
 * stamp (graph/stamp-roles.ts) from the event's final date and the roles the actor holds in it.
 */
export const roleProperties = (
  row: ParticipantRow,
  spans: ArticleSpans,
  occurredOn: string | null,
  rolesHeld: readonly string[],
): Props => ({
  ...articleSpanProps(spans),
  ...roleOrderProperties(row.actorId, occurredOn, row.eventId, isRepeatedRole(row.role, rolesHeld)),
});

/** The roles each actor holds in each event, by `${eventId}\n${actorId}`. */
function rolesHeldIn(rows: Iterable<ParticipantRow>): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.eventId}\n${row.actorId}`;
    const list = held.get(key) ?? [];
    list.push(row.role);
    held.set(key, list);
  }
  return held;
}
export const linkProperties = (_row: LinkRow, spans: ArticleSpans): Props =>
  articleSpanProps(spans);
export const positionProperties = (row: PositionRow, spans: ArticleSpans): Props => ({
  title: row.title,
  externalFields: row.externalFields,
  externalNotes: row.externalNotes,
  ...articleSpanProps(spans),
});

// ---- the records the bulk loader writes ----

export interface NodeRecord {
  /** The id space: Actor, Article, Event, Quote or Claim. */
  space: 'Actor' | 'Article' | 'Event' | 'Quote' | 'Claim';
  labels: string[];
  props: Props;
}
export interface RelRecord {
  /** The file the relationship goes to, by what it joins (see bulk.ts). */
  file: RelFile;
  type: string;
  from: string;
  to: string;
  props: Props;
}
export type RelFile =
  | 'mentions'
  | 'publishedBy'
  | 'positions'
  | 'reports'
  | 'roles'
  | 'links'
  | 'said'
  | 'claims'
  | 'quoteMadeIn'
  | 'claimMadeIn'
  | 'about'
  | 'disputes';

export interface Sink {
  node(r: NodeRecord): void;
  rel(r: RelRecord): void;
}

/** Ids that more than one file uses: their elements are merged in memory and written last. */
export interface Recurring {
  events: ReadonlySet<string>;
  quotes: ReadonlySet<string>;
  claims: ReadonlySet<string>;
}

interface PositionState {
  row: PositionRow;
  spans: ArticleSpans;
}
interface EdgeState<R> {
  row: R;
  spans: ArticleSpans;
}

/** A row's spans replace its article's earlier ones on the element at `key` (replaceSpans). */
function mergeSpans<R extends { articleId: string; spans: readonly SpanRow[] }>(
  into: Map<string, EdgeState<R>>,
  key: string,
  row: R,
): void {
  const spans = replaceArticleSpans(into.get(key)?.spans ?? noSpans(), row.articleId, row.spans);
  into.set(key, { row, spans });
}
interface EventState {
  row: EventRow;
  amount: ArticleSpans;
}
interface SayingState<R> {
  row: R;
  spans: ArticleSpans;
}

/**
 * The graph the online writer would build from the same articles in the same order, written to
 * a Sink as it goes. Call add() once per article (a batch of one from toWriteBatch), then finish().
 */
export class BulkGraph {
  private readonly actors = new Map<string, ActorNode>();
  /** Actors whose name changed after captions named them: captioned again after the import. */
  readonly renamed = new Set<string>();
  private readonly positions = new Map<string, PositionState>();
  private readonly events = new Map<string, EventState>();
  private readonly roles = new Map<string, EdgeState<ParticipantRow>>();
  private readonly links = new Map<string, EdgeState<LinkRow>>();
  private readonly quotes = new Map<string, SayingState<QuoteRow>>();
  private readonly claims = new Map<string, SayingState<ClaimRow>>();
  private readonly disputes = new Set<string>();

  constructor(
    private readonly sink: Sink,
    private readonly recurring: Recurring,
  ) {}

  private name(actorId: string): string | null {
    return this.actors.get(actorId)?.props.name ?? null;
  }

  /** One article's rows, in the order writeBatchIn runs its statements. */
  add(batch: WriteBatch): void {
    const sink = this.sink;
    for (const row of batch.actors) {
      const earlier = this.actors.get(row.id);
      if (earlier && earlier.props.name !== row.name) this.renamed.add(row.id);
      this.actors.set(row.id, mergeActor(earlier, row));
    }
    for (const row of batch.mentions) {
      sink.rel({
        file: 'mentions',
        type: 'MENTIONS',
        from: row.articleId,
        to: row.actorId,
        props: mentionProperties(row),
      });
    }
    for (const row of batch.articles) {
      const props = articleProperties(row, this.name(row.publisherId));
      sink.node({ space: 'Article', labels: ['Article'], props });
      if (this.actors.has(row.publisherId)) {
        sink.rel({
          file: 'publishedBy',
          type: 'PUBLISHED_BY',
          from: row.id,
          to: row.publisherId,
          props: {},
        });
      }
    }
    for (const row of batch.positions) {
      if (!this.actors.has(row.personId) || !this.actors.has(row.organizationId)) continue;
      const key = `${row.personId}\n${row.organizationId}\n${row.title}`;
      const earlier = this.positions.get(key);
      let spans = earlier?.spans ?? noSpans();
      // upsertPositions: evidence of the first MAX_POSITION_SPANS spans' articles only.
      if (spans.article.includes(row.articleId) || spans.article.length < MAX_POSITION_SPANS) {
        spans = replaceArticleSpans(spans, row.articleId, row.spans);
      }
      this.positions.set(key, { row, spans });
    }

    const articleRoles = new Map<string, EdgeState<ParticipantRow>>();
    for (const row of batch.participants) {
      const shared = this.recurring.events.has(row.eventId);
      mergeSpans(
        shared ? this.roles : articleRoles,
        `${row.eventId}\n${row.role}\n${row.actorId}`,
        row,
      );
    }
    // Agents of this article's events, for the captions of those written now.
    const agents = this.agentsOf(articleRoles.values());
    for (const row of batch.events) {
      const shared = this.recurring.events.has(row.id);
      const amount = replaceArticleSpans(
        (shared ? this.events.get(row.id)?.amount : undefined) ?? noSpans(),
        row.articleId,
        row.amountSpans,
      );
      if (shared) this.events.set(row.id, { row, amount });
      else {
        const caption = eventCaption(row.type, row.occurredOn, agents.get(row.id) ?? []);
        sink.node({
          space: 'Event',
          labels: ['Event', row.label],
          props: eventProperties(row, amount, caption),
        });
      }
      if (row.spans.length > 0) {
        sink.rel({
          file: 'reports',
          type: 'REPORTS',
          from: row.articleId,
          to: row.id,
          props: reportProperties(row),
        });
      }
    }
    const dates = new Map(batch.events.map((e) => [e.id, e.occurredOn]));
    this.writeRoles([...articleRoles.values()], (id) => dates.get(id) ?? null);
    const articleLinks = new Map<string, EdgeState<LinkRow>>();
    for (const row of batch.links) {
      const into = this.recurring.events.has(row.from) ? this.links : articleLinks;
      mergeSpans(into, `${row.from}\n${row.kind}\n${row.to}`, row);
    }
    for (const { row, spans } of articleLinks.values()) {
      sink.rel({
        file: 'links',
        type: row.kind,
        from: row.from,
        to: row.to,
        props: linkProperties(row, spans),
      });
    }
    for (const row of batch.quotes) {
      this.saying(row, this.recurring.quotes, this.quotes, (r, spans) => this.writeQuote(r, spans));
    }
    for (const row of batch.claims) {
      this.saying(row, this.recurring.claims, this.claims, (r, spans) => this.writeClaim(r, spans));
    }
    // upsertDisputes only ever adds: a recurring claim keeps what earlier articles said it disputes.
    for (const row of batch.claims) {
      for (const disputed of dedupe(row.disputes)) {
        const key = `${row.id}\n${disputed}`;
        if (this.disputes.has(key)) continue;
        if (this.recurring.claims.has(row.id)) this.disputes.add(key);
        else
          sink.rel({ file: 'disputes', type: 'DISPUTES', from: row.id, to: disputed, props: {} });
      }
    }
  }

  /** The agents of each event among `roles`, by event id, as event captions name them. */
  private agentsOf(
    roles: Iterable<EdgeState<ParticipantRow>>,
  ): Map<string, { id: string; name: string }[]> {
    const agents = new Map<string, { id: string; name: string }[]>();
    for (const { row } of roles) {
      if (row.role !== 'AGENT') continue;
      const list = agents.get(row.eventId) ?? [];
      list.push({ id: row.actorId, name: this.name(row.actorId) ?? '' });
      agents.set(row.eventId, list);
    }
    return agents;
  }

  /** Role relationships, with the order keys of their event's final date (`dateOf`). */
  private writeRoles(
    roles: readonly EdgeState<ParticipantRow>[],
    dateOf: (eventId: string) => string | null,
  ): void {
    const held = rolesHeldIn(roles.map((r) => r.row));
    for (const { row, spans } of roles) {
      this.sink.rel({
        file: 'roles',
        type: row.role,
        from: row.eventId,
        to: row.actorId,
        props: roleProperties(
          row,
          spans,
          dateOf(row.eventId),
          held.get(`${row.eventId}\n${row.actorId}`) ?? [],
        ),
      });
    }
  }

  /** A quote or claim: written now, or kept to the end when other files use its id too. */
  private saying<R extends QuoteRow | ClaimRow>(
    row: R,
    recurring: ReadonlySet<string>,
    kept: Map<string, SayingState<R>>,
    write: (row: R, spans: ArticleSpans) => void,
  ): void {
    const shared = recurring.has(row.id);
    const spans = replaceArticleSpans(
      (shared ? kept.get(row.id)?.spans : undefined) ?? noSpans(),
      row.articleId,
      row.spans,
    );
    if (shared) kept.set(row.id, { row, spans });
    else write(row, spans);
  }

  private writeQuote(row: QuoteRow, spans: ArticleSpans): void {
    const caption = sayingCaption(this.name(row.speakerId), row.text);
    this.sink.node({
      space: 'Quote',
      labels: ['Quote'],
      props: quoteProperties(row, spans, caption),
    });
    this.sink.rel({ file: 'said', type: 'SAID', from: row.speakerId, to: row.id, props: {} });
    if (row.eventId !== null) {
      this.sink.rel({
        file: 'quoteMadeIn',
        type: 'MADE_IN',
        from: row.id,
        to: row.eventId,
        props: {},
      });
    }
  }

  private writeClaim(row: ClaimRow, spans: ArticleSpans): void {
    const caption = sayingCaption(this.name(row.claimantId), row.text);
    this.sink.node({
      space: 'Claim',
      labels: ['Claim'],
      props: claimProperties(row, spans, caption),
    });
    this.sink.rel({ file: 'claims', type: 'CLAIMS', from: row.claimantId, to: row.id, props: {} });
    for (const about of dedupe(row.aboutIds)) {
      this.sink.rel({ file: 'about', type: 'ABOUT', from: row.id, to: about, props: {} });
    }
    if (row.eventId !== null) {
      this.sink.rel({
        file: 'claimMadeIn',
        type: 'MADE_IN',
        from: row.id,
        to: row.eventId,
        props: {},
      });
    }
  }

  /** What is kept to the end: actors, positions and the elements of recurring ids. */
  finish(): void {
    const sink = this.sink;
    for (const a of this.actors.values()) {
      sink.node({ space: 'Actor', labels: ['Actor', a.label], props: a.props });
    }
    for (const { row, spans } of this.positions.values()) {
      sink.rel({
        file: 'positions',
        type: 'HOLDS_POSITION',
        from: row.personId,
        to: row.organizationId,
        props: positionProperties(row, spans),
      });
    }
    const roles = [...this.roles.values()];
    this.writeRoles(roles, (id) => this.events.get(id)?.row.occurredOn ?? null);
    const agents = this.agentsOf(roles);
    for (const { row, amount } of this.events.values()) {
      const caption = eventCaption(row.type, row.occurredOn, agents.get(row.id) ?? []);
      sink.node({
        space: 'Event',
        labels: ['Event', row.label],
        props: eventProperties(row, amount, caption),
      });
    }
    for (const { row, spans } of this.links.values()) {
      sink.rel({
        file: 'links',
        type: row.kind,
        from: row.from,
        to: row.to,
        props: linkProperties(row, spans),
      });
    }
    for (const { row, spans } of this.quotes.values()) this.writeQuote(row, spans);
    for (const { row, spans } of this.claims.values()) this.writeClaim(row, spans);
    for (const key of this.disputes) {
      const [from, to] = key.split('\n') as [string, string];
      sink.rel({ file: 'disputes', type: 'DISPUTES', from, to, props: {} });
    }
  }
}
