// One synthetic article: its text, written sentence by sentence from the phrasebook, and its
// annotation, whose every span is recorded while the text is written. An article reports a main
// measure, sometimes its grounds (an accusation or investigation, perhaps about an election), the
// explanation its agent gave, reactions (criticism, appeals, vows, protests, denials, donations,
// further measures), quotes and claims, related headlines, and links to events of earlier
// articles, drawn from a bounded history so memory stays flat however long the corpus.
import type {
  Actor,
  Claim,
  Event,
  Evidence,
  Link,
  MediagraphArticleAnnotation as Annotation,
  Money,
  Participant,
  Position,
  Quote,
  Span,
} from '../generated/annotation';
import type { ActorKind, ActorPool, PoolActor } from './actors';
import { type Rng, at } from './rng';
import { TextBuilder, capitalise, civil, dayPhrase, iso, monthName, type CivilDate } from './text';
import {
  ACCUSATIONS,
  ACCUSATION_NOUN,
  APPEAL_FORMS,
  CRITICISM_LABELS,
  CRITICISM_VERBS,
  DEFENCES,
  ELECTION_KINDS,
  GROUNDS,
  INTERFERENCE,
  MAIN_TYPES,
  MEASURES,
  MEASURE_ROLES,
  MILD_CRITICISM_VERBS,
  QUOTES,
  ACCUSATION_DENIALS,
  RULE_DENIALS,
  REACTIONS,
  RETALIATION_FORMS,
  type EventType,
  type Variant,
} from './vocabulary';

type Modality = Event['modality'];
type Role = Participant['role'];
type LinkKind = Link['kind'];
type Precision = Event['datePrecision'];

/** An event of an earlier article that later articles may link to. */
export interface Earlier {
  id: string;
  type: EventType;
  variant: number;
  agent: number;
  targets: number[];
  pubDay: number;
  election?: { state: number; year: number; kind: string };
}

/** The most recent linkable events, in a ring of fixed size. */
export class History {
  private readonly items: Earlier[] = [];
  private next = 0;

  constructor(private readonly capacity = 4096) {}

  add(e: Earlier): void {
    if (this.items.length < this.capacity) this.items.push(e);
    else this.items[this.next] = e;
    this.next = (this.next + 1) % this.capacity;
  }

  /** A recent entry published no later than maxPubDay that `accept` takes, if one is found. */
  pick(rng: Rng, maxPubDay: number, accept: (e: Earlier) => boolean): Earlier | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const newest = this.next === 0 ? n - 1 : this.next - 1;
    for (let tries = 0; tries < 8; tries++) {
      let back = Math.floor(-Math.log(1 - rng.next()) * 80);
      if (back >= n) back = rng.int(n);
      const e = this.items[(((newest - back) % n) + n) % n];
      if (e && e.pubDay <= maxPubDay && accept(e)) return e;
    }
    return undefined;
  }
}

interface DatePlan {
  precision: Precision;
  day: number;
  /** Whether the text states the date (as "On March 10, " or "In March, "). */
  explicit: boolean;
  note?: string;
}

interface Speaker {
  agent: number;
  /** The organisation a person speaks for. */
  org?: number;
}

class Ev {
  readonly participants: { actorId: string; actor: number; role: Role; spans: Span[] }[] = [];
  readonly evidence: Span[] = [];
  summary = '';
  mild?: boolean;
  amount?: Money;

  constructor(
    readonly id: string,
    readonly type: EventType,
    readonly modality: Modality,
    readonly confidence: number,
    readonly date: DatePlan,
  ) {}

  part(actor: PoolActor, role: Role, span?: Span): void {
    let p = this.participants.find((x) => x.actor === actor.index && x.role === role);
    if (!p) {
      p = { actorId: actor.id, actor: actor.index, role, spans: [] };
      this.participants.push(p);
    }
    if (span) p.spans.push(span);
  }
}

export interface ArticleInput {
  pool: ActorPool;
  rng: Rng;
  articleId: string;
  pubDay: number;
  history: History;
}

export interface GeneratedArticle {
  text: string;
  annotation: Annotation;
  /** Pool indexes of the actors the article names. */
  actors: number[];
  /** This article's events that later articles may link to. */
  linkable: Earlier[];
}

export function generateArticle(input: ArticleInput): GeneratedArticle {
  return new ArticleWriter(input).write();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const MAX_SPANS = 8;
const COUNTRY_NOTE = 'Synthetic corpus: the country is part of the generated actor pool.';

function nonEmpty<T>(xs: readonly T[], what: string): [T, ...T[]] {
  const [first, ...rest] = xs;
  if (first === undefined) throw new Error(`generator bug: ${what} is empty`);
  return [first, ...rest];
}
const evidence = (spans: readonly Span[], what: string): Evidence => nonEmpty(spans, what);

function clip(s: string, max = 300): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 3);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}...`;
}

class ArticleWriter {
  private readonly b = new TextBuilder();
  private readonly pool: ActorPool;
  private readonly rng: Rng;
  private readonly articleId: string;
  private readonly pubDay: number;
  private readonly pub: CivilDate;
  private readonly history: History;
  private readonly spans = new Map<number, Span[]>();
  /** Mentions written as an alias or surname: a summary names the actor in full. */
  private readonly shortNames: { start: number; end: number; name: string }[] = [];
  private readonly positions: Position[] = [];
  private readonly events: Ev[] = [];
  private readonly links: Link[] = [];
  private readonly quotes: Quote[] = [];
  private readonly claims: Claim[] = [];
  private readonly linkable: Earlier[] = [];
  private lastOrgSpan: Span | undefined;
  private headlineMode = false;
  /** Where the last measure clause starts after its date prefix. */
  private core = 0;

  constructor(input: ArticleInput) {
    this.pool = input.pool;
    this.rng = input.rng;
    this.articleId = input.articleId;
    this.pubDay = input.pubDay;
    this.pub = civil(input.pubDay);
    this.history = input.history;
  }

  private actor(i: number): PoolActor {
    return at(this.pool.actors, i);
  }

  private sample(kind: ActorKind, exclude: readonly number[] = []): PoolActor {
    return this.actor(this.pool.sample(this.rng, kind, exclude));
  }

  private record(a: PoolActor, span: Span): void {
    const list = this.spans.get(a.index);
    if (list) list.push(span);
    else this.spans.set(a.index, [span]);
  }

  private firstSpan(a: PoolActor): Span {
    const s = this.spans.get(a.index)?.[0];
    if (!s) throw new Error(`generator bug: ${a.id} is not mentioned yet`);
    return s;
  }

  /**
   * Writes a reference to an actor and returns its span. A person is introduced with their
   * position the first time ("Press Secretary Ilva Morin of the Veloria Ministry"), then named by
   * surname; an organisation already named may be called by an alias.
   */
  private mention(a: PoolActor, cap = false, alias = true): Span {
    const b = this.b;
    this.lastOrgSpan = undefined;
    let span: Span;
    if (a.kind === 'PERSON') {
      if (!this.spans.has(a.index)) {
        const start = b.pos;
        b.add(`${a.title} `);
        span = b.span(a.name);
        b.add(' of ');
        const org = this.actor(a.org);
        const orgSpan = this.mention(org, false, false);
        this.positions.push({
          personId: a.id,
          title: a.title,
          organizationId: org.id,
          evidence: [b.from(start)],
        });
        this.lastOrgSpan = orgSpan;
      } else {
        span = b.span(a.surname);
        this.shortNames.push({ start: span.start, end: span.end, name: a.name });
      }
    } else {
      const name = a.aliases[0];
      if (alias && !cap && name !== undefined && this.spans.has(a.index) && this.rng.chance(0.2)) {
        span = b.span(this.rng.pick(a.aliases));
        this.shortNames.push({ start: span.start, end: span.end, name: a.name });
      } else {
        if (a.the) b.add(cap ? 'The ' : 'the ');
        span = b.span(a.name);
      }
    }
    this.record(a, span);
    return span;
  }

  /** "A", "A and B", "A, B and C"; each mention becomes the role's evidence when ev is given. */
  private names(list: readonly PoolActor[], ev?: Ev, role?: Role, cap = false): Span {
    const start = this.b.pos;
    list.forEach((a, k) => {
      if (k > 0) this.b.add(k === list.length - 1 ? ' and ' : ', ');
      const s = this.mention(a, cap && k === 0);
      if (ev && role) ev.part(a, role, s);
    });
    return this.b.from(start);
  }

  /** The speaker as AGENT, and the organisation a person speaks for as ON_BEHALF_OF. */
  private subject(ev: Ev, sp: Speaker, cap: boolean): void {
    const agent = this.actor(sp.agent);
    ev.part(agent, 'AGENT', this.mention(agent, cap));
    if (sp.org !== undefined) {
      const org = this.actor(sp.org);
      ev.part(org, 'ON_BEHALF_OF', this.lastOrgSpan ?? this.firstSpan(org));
    }
  }

  /** Writes a noun-phrase template ("{A}'s ban on {T}") and returns its span. */
  private noun(
    tpl: string,
    agent: PoolActor,
    targets: readonly PoolActor[],
    cap = false,
    onAgent?: (s: Span) => void,
    onTarget?: (a: PoolActor, s: Span) => void,
  ): Span {
    const start = this.b.pos;
    let first = true;
    for (const piece of tpl.split(/(\{[AT]\})/)) {
      if (piece === '') continue;
      if (piece === '{A}') {
        const s = this.mention(agent, cap && first);
        onAgent?.(s);
      } else if (piece === '{T}') {
        targets.forEach((t, k) => {
          if (k > 0) this.b.add(k === targets.length - 1 ? ' and ' : ', ');
          const s = this.mention(t, cap && first && k === 0);
          onTarget?.(t, s);
        });
      } else {
        this.b.add(cap && first ? capitalise(piece) : piece);
      }
      first = false;
    }
    return this.b.from(start);
  }

  private speaker(org: PoolActor, personChance = 0.5): Speaker {
    const persons = this.pool.personsAt.get(org.index);
    if (persons && this.rng.chance(personChance))
      return { agent: this.rng.pick(persons), org: org.index };
    return { agent: org.index };
  }

  // ---- dates ----

  private datePlan(kind: 'main' | 'reaction' | 'background', anchor: number): DatePlan {
    const r = this.rng.next();
    const pub = this.pubDay;
    if (kind === 'main') {
      if (r < 0.6) return this.dayPlan(pub - this.rng.binomial(4, 0.3));
      if (r < 0.78) return this.impliedDay();
      if (r < 0.88) return this.monthPlan(pub - this.rng.range(0, 20));
      return this.unknown();
    }
    if (kind === 'reaction') {
      if (r < 0.3) return this.dayPlan(anchor + this.rng.range(0, Math.max(0, pub - anchor)));
      if (r < 0.8) return this.impliedDay();
      if (r < 0.85) return this.monthPlan(pub);
      return this.unknown();
    }
    const day = anchor - this.rng.range(10, 240);
    if (r < 0.4) return this.dayPlan(day);
    if (r < 0.7) return this.monthPlan(day);
    if (r < 0.8)
      return {
        precision: 'YEAR',
        day,
        explicit: true,
        note: 'The text gives only the year; the date is set to January 1.',
      };
    return this.unknown();
  }

  private dayPlan(day: number): DatePlan {
    const sameYear = civil(day).year === this.pub.year;
    return sameYear
      ? { precision: 'DAY', day, explicit: true, note: 'The year is that of the date line.' }
      : { precision: 'DAY', day, explicit: true };
  }

  private impliedDay(): DatePlan {
    return {
      precision: 'DAY',
      day: this.pubDay,
      explicit: false,
      note: 'The text gives no date; taken to be the day of the date line.',
    };
  }

  private monthPlan(day: number): DatePlan {
    return {
      precision: 'MONTH',
      day,
      explicit: true,
      note: 'The text gives only the month; the day is set to the first.',
    };
  }

  private unknown(note?: string): DatePlan {
    return note === undefined
      ? { precision: 'UNKNOWN', day: 0, explicit: false }
      : { precision: 'UNKNOWN', day: 0, explicit: false, note };
  }

  private occurredOn(d: DatePlan): string | undefined {
    const c = civil(d.day);
    switch (d.precision) {
      case 'DAY':
        return iso(c);
      case 'MONTH':
        return iso({ ...c, day: 1 });
      case 'YEAR':
        return `${c.year}-01-01`;
      case 'UNKNOWN':
        return undefined;
    }
  }

  /** "On March 10, " / "In March, " / "In 2018, " before a sentence, or the fallback. */
  private datePrefix(d: DatePlan, fallback = ''): boolean {
    if (this.headlineMode || !d.explicit) {
      this.b.add(fallback);
      return fallback === '';
    }
    const c = civil(d.day);
    if (d.precision === 'DAY') this.b.add(`On ${dayPhrase(c, this.pub.year)}, `);
    else if (d.precision === 'MONTH')
      this.b.add(`In ${monthName(c.month)}${c.year === this.pub.year ? '' : ` ${c.year}`}, `);
    else this.b.add(`In ${c.year}, `);
    return false;
  }

  // ---- events, links, quotes, claims ----

  private event(type: EventType, modality: Modality, confidence: number, date: DatePlan): Ev {
    const ev = new Ev(
      `${this.articleId}-e${pad2(this.events.length + 1)}`,
      type,
      modality,
      round2(confidence),
      date,
    );
    this.events.push(ev);
    return ev;
  }

  private confidence(lo: number, hi: number): number {
    return this.headlineMode ? 0.5 + this.rng.next() * 0.2 : lo + this.rng.next() * (hi - lo);
  }

  private link(from: Ev, kind: LinkKind, to: string, span: Span): void {
    this.links.push({ from: from.id, kind, to, evidence: [span] });
  }

  private quote(ev: Ev, sp: Speaker, text: string): Quote {
    const b = this.b;
    b.add('"');
    const span = b.span(text);
    b.add('," ');
    const speaker = this.actor(sp.agent);
    ev.part(speaker, 'AGENT', this.mention(speaker));
    b.add(' said. ');
    ev.evidence.push(span);
    const q: Quote = {
      id: `${this.articleId}-q${pad2(this.quotes.length + 1)}`,
      text,
      speakerId: speaker.id,
      eventId: ev.id,
      evidence: [span],
    };
    this.quotes.push(q);
    return q;
  }

  private claim(
    ev: Ev,
    claimant: number,
    text: string,
    verbatim: boolean,
    about: readonly PoolActor[],
    span: Span,
    disputes?: string,
  ): string {
    const id = `${this.articleId}-c${pad2(this.claims.length + 1)}`;
    const c: Claim = {
      id,
      text,
      verbatim,
      claimantId: this.actor(claimant).id,
      aboutIds: [...new Set(about.map((a) => a.id))],
      eventId: ev.id,
      evidence: [span],
    };
    if (disputes !== undefined) c.disputes = [disputes];
    this.claims.push(c);
    return id;
  }

  /** The clause's span as the event's evidence, and a summary in full names. */
  private finish(ev: Ev, clause: Span): void {
    ev.evidence.unshift(clause);
    ev.summary = clip(`${capitalise(this.expand(clause))}.`);
  }

  /** The span's text with aliases and surnames replaced by full names. */
  private expand(clause: Span): string {
    let text = clause.text;
    for (let k = this.shortNames.length - 1; k >= 0; k--) {
      const s = this.shortNames[k];
      if (!s || s.end <= clause.start) break;
      if (s.start >= clause.start && s.end <= clause.end) {
        const a = s.start - clause.start;
        text = text.slice(0, a) + s.name + text.slice(a + s.end - s.start);
      }
    }
    return text;
  }

  private endSentence(): void {
    this.b.add(this.headlineMode ? '\n' : '. ');
  }

  private endParagraph(): void {
    if (this.b.text.endsWith(' ')) this.b.text = this.b.text.slice(0, -1);
    if (!this.b.text.endsWith('\n')) this.b.add('\n');
  }

  // ---- measures ----

  private modalityOf(type: EventType): Modality {
    if (type === 'THREAT') return 'ASSERTED';
    return this.rng.weighted<Modality>([
      ['ASSERTED', 82],
      ['PLEDGED', 7],
      ['ALLEGED', 6],
      ['DENIED', 3],
      ['HYPOTHETICAL', type === 'INVESTIGATION' ? 0 : 2],
    ]);
  }

  /** "On March 10, Chirpr removed all advertising from the accounts of Radio Norvan". */
  private measureClause(
    ev: Ev,
    variant: Variant,
    agent: PoolActor,
    targets: readonly PoolActor[],
    fallback = '',
  ): Span {
    const b = this.b;
    const start = b.pos;
    const cap = this.datePrefix(ev.date, fallback);
    this.core = b.pos;
    ev.part(agent, 'AGENT', this.mention(agent, cap));
    switch (ev.modality) {
      case 'ASSERTED':
        b.add(` ${variant.past} `);
        break;
      case 'PLEDGED':
        b.add(` announced that it will ${variant.base} `);
        break;
      case 'ALLEGED':
        b.add(` has reportedly ${variant.part} `);
        break;
      case 'DENIED':
        b.add(` denied that it had ${variant.part} `);
        break;
      case 'HYPOTHETICAL':
        b.add(` could ${variant.base} `);
        break;
    }
    this.names(targets, ev, 'TARGET');
    if (variant.fine) {
      b.add(' ');
      ev.amount = this.money();
    }
    b.add(variant.tail);
    if (ev.modality === 'HYPOTHETICAL') b.add(' under a draft law');
    const clause = b.from(start);
    this.finish(ev, clause);
    return clause;
  }

  private money(): Money {
    const rng = this.rng;
    const currency = rng.weighted([
      ['USD', 5],
      ['EUR', 4],
      ['GBP', 1],
      ['CHF', 1],
    ]);
    let amount: number;
    let figure: string;
    if (rng.chance(0.6)) {
      const tenths = rng.range(2, 250);
      amount = tenths * 100000;
      figure = `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} million`;
    } else {
      const thousands = rng.range(10, 900);
      amount = thousands * 1000;
      figure = `${thousands},000`;
    }
    const text = currency === 'USD' ? `$${figure}` : `${currency} ${figure}`;
    return { amount, currency, evidence: [this.b.span(text)] };
  }

  // ---- the article ----

  write(): GeneratedArticle {
    const { b, rng } = this;
    const publisher = this.sample('MEDIA_OUTLET');
    const home = this.actor(publisher.state);
    const dateline = `${home.capital.toUpperCase()}, ${monthName(this.pub.month)} ${this.pub.day}, ${this.pub.year}`;
    const datelineSpan = b.span(dateline);
    b.add('. /');
    this.record(publisher, b.span(publisher.name));
    b.add('/. ');

    const n = 6 + rng.binomial(8, 0.5);
    const room = (k: number) => this.events.length + k <= n;

    // The main measure.
    const mainType = rng.weighted(MAIN_TYPES);
    const roles = MEASURE_ROLES[mainType];
    const variants = MEASURES[mainType];
    if (!roles || !variants) throw new Error(`generator bug: no phrasebook for ${mainType}`);
    const agent = this.sample(rng.weighted(roles.agent));
    const targetKind = rng.weighted(roles.target);
    const targets = [this.sample(targetKind, [agent.index])];
    if (mainType !== 'THREAT' && rng.chance(0.3)) {
      targets.push(this.sample(targetKind, [agent.index, at(targets, 0).index]));
    }
    const variantIndex = rng.int(variants.length);
    const variant = at(variants, variantIndex);
    const main = this.event(
      mainType,
      this.modalityOf(mainType),
      rng.next() * 0.15 + 0.85,
      this.datePlan('main', this.pubDay),
    );
    const mainDay = main.date.precision === 'UNKNOWN' ? this.pubDay : main.date.day;
    this.measureClause(main, variant, agent, targets);
    const title = clip(capitalise(this.expand(b.from(this.core))), 200);
    if (room(2) && rng.chance(0.12)) {
      b.add(', ');
      const start = b.pos;
      b.add(rng.chance(0.5) ? 'following ' : 'in the wake of ');
      const election = this.election(this.actor(at(targets, 0).state));
      this.link(main, 'IN_CONTEXT_OF', election.id, b.from(start));
    }
    this.endSentence();
    this.linkable.push({
      id: main.id,
      type: mainType,
      variant: variantIndex,
      agent: agent.index,
      targets: targets.map((t) => t.index),
      pubDay: this.pubDay,
    });
    const mainNoun = variant.noun;

    // Its grounds.
    let accusation: { ev: Ev; claim: string; accuser: PoolActor; accused: PoolActor[] } | undefined;
    if (mainType !== 'INVESTIGATION' && room(2) && rng.chance(0.5)) {
      if (rng.chance(0.65)) {
        const accuserOrg = this.sample(
          rng.weighted<ActorKind>([
            ['GOVERNMENT_BODY', 3],
            ['STATE', 2],
          ]),
          [agent.index, ...targets.map((t) => t.index)],
        );
        const sp = this.speaker(accuserOrg, 0.35);
        const ev = this.event(
          'ACCUSATION',
          rng.chance(0.15) ? 'ALLEGED' : 'ASSERTED',
          this.confidence(0.75, 0.95),
          this.datePlan('background', mainDay),
        );
        const start = b.pos;
        const cap = this.datePrefix(ev.date, 'Earlier, ');
        this.subject(ev, sp, cap);
        b.add(ev.modality === 'ALLEGED' ? ' had reportedly accused ' : ' accused ');
        const accusedSpan = this.names(targets, ev, 'TARGET');
        b.add(' of ');
        let claimText: string;
        if (room(2) && rng.chance(0.45)) {
          const linkStart = b.pos;
          b.add(`${INTERFERENCE[0]} `);
          const election = this.election(this.actor(at(targets, 0).state));
          this.link(ev, 'IN_CONTEXT_OF', election.id, b.from(linkStart));
          claimText = `${accusedSpan.text} ${INTERFERENCE[1]} ${election.evidence[0]?.text ?? 'an election'}`;
        } else {
          const [ing, past] = rng.pick(ACCUSATIONS);
          b.add(ing);
          claimText = `${accusedSpan.text} ${past}`;
        }
        const clause = b.from(start);
        this.finish(ev, clause);
        this.endSentence();
        const claim = this.claim(ev, sp.agent, claimText, false, targets, clause);
        const linkStart = b.pos;
        this.mention(agent, true);
        b.add(' said the decision was based on those accusations');
        this.link(main, 'JUSTIFIED_BY', ev.id, b.from(linkStart));
        this.endSentence();
        accusation = { ev, claim, accuser: this.actor(sp.agent), accused: targets };
        this.linkable.push({
          id: ev.id,
          type: 'ACCUSATION',
          variant: 0,
          agent: sp.agent,
          targets: targets.map((t) => t.index),
          pubDay: this.pubDay,
        });
      } else {
        const investigator =
          (agent.kind === 'PLATFORM' || agent.kind === 'GOVERNMENT_BODY') && rng.chance(0.5)
            ? agent
            : this.sample('GOVERNMENT_BODY', [agent.index]);
        const invVariants = MEASURES.INVESTIGATION ?? [];
        const vi = rng.int(invVariants.length);
        const ev = this.event(
          'INVESTIGATION',
          'ASSERTED',
          this.confidence(0.75, 0.95),
          this.datePlan('background', mainDay),
        );
        this.measureClause(ev, at(invVariants, vi), investigator, targets, 'Earlier, ');
        this.endSentence();
        const linkStart = b.pos;
        b.add(
          `The decision was based on the findings of that ${['investigation', 'review', 'audit'][vi] ?? 'review'}`,
        );
        this.link(main, 'JUSTIFIED_BY', ev.id, b.from(linkStart));
        this.endSentence();
        this.linkable.push({
          id: ev.id,
          type: 'INVESTIGATION',
          variant: vi,
          agent: investigator.index,
          targets: targets.map((t) => t.index),
          pubDay: this.pubDay,
        });
      }
    }
    this.endParagraph();

    // The explanation its agent gave.
    let explanation: { ev: Ev; claim: string } | undefined;
    if (room(1) && rng.chance(0.4)) {
      const sp = this.speaker(agent);
      const ev = this.event(
        'STATEMENT',
        'ASSERTED',
        this.confidence(0.8, 0.95),
        this.datePlan('reaction', mainDay),
      );
      const start = b.pos;
      this.subject(ev, sp, this.datePrefix(ev.date));
      b.add(' said that ');
      const claimStart = b.pos;
      this.names(targets);
      b.add(` ${rng.pick(GROUNDS)}`);
      const claimSpan = b.from(claimStart);
      const clause = b.from(start);
      this.finish(ev, clause);
      this.endSentence();
      this.link(ev, 'IN_CONTEXT_OF', main.id, clause);
      const claim = this.claim(ev, sp.agent, claimSpan.text, true, targets, claimSpan);
      if (rng.chance(0.4)) this.quote(ev, sp, rng.pick(QUOTES.STATEMENT ?? ['No comment']));
      explanation = { ev, claim };
      this.endParagraph();
    }

    // Links to events of earlier articles.
    if (rng.chance(0.3)) {
      const count = rng.chance(0.3) ? 2 : 1;
      const used = new Set<string>();
      for (let k = 0; k < count; k++) {
        const e = this.history.pick(rng, this.pubDay, (x) => !used.has(x.id));
        if (!e) break;
        used.add(e.id);
        this.earlierLink(e, main, agent, accusation?.ev);
      }
      this.endParagraph();
    }

    // Reactions; some only as related headlines at the end.
    const headlines: (() => void)[] = [];
    let partOfDonation = false;
    let denied = false;
    for (let guard = 0; this.events.length + headlines.length < n && guard < 100; guard++) {
      const kind = rng.weighted(REACTIONS);
      const ctx: ReactionContext = {
        main,
        mainNoun,
        mainDay,
        agent,
        targets,
        accusation,
        explanation,
      };
      let render: (() => void) | undefined;
      switch (kind) {
        case 'CRITICISM':
          render = () => this.criticism(ctx);
          break;
        case 'APPEAL':
          render = () => this.appeal(ctx);
          break;
        case 'RETALIATION_VOW':
          render = () => this.retaliation(ctx);
          break;
        case 'PROTEST_ACTION':
          render = () => this.protest(ctx);
          break;
        case 'THREAT':
          render = () => this.counterThreat(ctx);
          break;
        case 'DENIAL':
          if (denied) continue;
          denied = true;
          this.denial(ctx);
          break;
        case 'STATEMENT':
          render = () => this.statement(ctx);
          break;
        case 'DONATION':
          if (mainType === 'AD_BAN' && !partOfDonation) {
            partOfDonation = true;
            this.pledgeRevenue(ctx);
          } else this.donation(ctx);
          break;
        case 'FOLLOW_UP':
          render = () => this.followUp(ctx);
          break;
        case 'ACCUSATION':
          render = () => this.counterAccusation(ctx);
          break;
        case 'INVESTIGATION':
          render = () => this.counterInvestigation(ctx);
          break;
        default:
          break;
      }
      if (render) {
        if (rng.chance(0.15)) headlines.push(render);
        else render();
      }
      this.endParagraph();
    }
    if (headlines.length > 0) {
      this.b.add('Related coverage:\n');
      this.headlineMode = true;
      for (const h of headlines) {
        b.add('- ');
        h();
      }
      this.headlineMode = false;
    }
    this.b.text = this.b.text.replace(/\s+$/, '');

    return this.output(publisher, dateline, datelineSpan, title);
  }

  /** One ELECTION event written as "the 2018 Veloria parliamentary election"; returns it. */
  private election(state: PoolActor): Ev {
    const b = this.b;
    const rng = this.rng;
    const year = this.pub.year - (this.pub.month > 1 && rng.chance(0.5) ? 0 : 1);
    const first = Date.UTC(year, 0, 1) / 86400000;
    const last = Math.min(Date.UTC(year, 11, 31) / 86400000, this.pubDay - 1);
    const day = first + rng.int(Math.max(1, last - first + 1));
    const kind = rng.pick(ELECTION_KINDS);
    const byDay = rng.chance(0.3);
    const date: DatePlan = byDay
      ? { precision: 'DAY', day, explicit: true }
      : {
          precision: 'YEAR',
          day,
          explicit: true,
          note: 'The text gives only the year; the date is set to January 1.',
        };
    const ev = this.event('ELECTION', 'ASSERTED', this.confidence(0.85, 1), date);
    const start = b.pos;
    b.add(byDay ? 'the ' : `the ${year} `);
    ev.part(state, 'AGENT', this.mention(state, false, false));
    b.add(` ${kind} election`);
    if (byDay) b.add(` of ${dayPhrase(civil(day), -1)}`);
    const span = b.from(start);
    ev.evidence.push(span);
    ev.summary = `The ${year} ${kind} election in ${state.name}.`;
    this.linkable.push({
      id: ev.id,
      type: 'ELECTION',
      variant: 0,
      agent: state.index,
      targets: [],
      pubDay: this.pubDay,
      election: { state: state.index, year, kind },
    });
    return ev;
  }

  /** A sentence linking one of this article's events to an event of an earlier article. */
  private earlierLink(e: Earlier, main: Ev, agent: PoolActor, accusation: Ev | undefined): void {
    const b = this.b;
    const when = civil(e.pubDay);
    const start = b.pos;
    const earlierAgent = this.actor(e.agent);
    const earlierTargets = e.targets.map((t) => this.actor(t));
    if (e.type === 'ELECTION' && e.election) {
      b.add(this.rng.chance(0.5) ? 'The case is linked to the ' : 'The dispute goes back to the ');
      b.add(`${e.election.year} `);
      this.mention(this.actor(e.election.state), false, false);
      b.add(` ${e.election.kind} election`);
      this.link(accusation ?? main, 'IN_CONTEXT_OF', e.id, b.from(start));
    } else if (e.type === 'ACCUSATION' || e.type === 'INVESTIGATION') {
      const tpl =
        e.type === 'ACCUSATION'
          ? ACCUSATION_NOUN
          : (MEASURES.INVESTIGATION?.[e.variant]?.noun ?? ACCUSATION_NOUN);
      this.mention(agent, true);
      b.add(' cited ');
      this.noun(tpl, earlierAgent, earlierTargets);
      b.add(` from ${monthName(when.month)} ${when.year} as grounds for the decision`);
      this.link(main, 'JUSTIFIED_BY', e.id, b.from(start));
    } else {
      const tpl = MEASURES[e.type]?.[e.variant]?.noun ?? "{A}'s measures against {T}";
      b.add(this.rng.chance(0.5) ? 'The step follows ' : 'It comes in response to ');
      this.noun(tpl, earlierAgent, earlierTargets);
      b.add(`, reported in ${monthName(when.month)} ${when.year}`);
      this.link(main, 'RESPONDS_TO', e.id, b.from(start));
    }
    this.endSentence();
  }

  // ---- reactions ----

  /** Who reacts: a target itself, its own state or government, or someone else. */
  private reactor(
    ctx: ReactionContext,
    kinds: readonly (readonly [ActorKind, number])[],
  ): PoolActor {
    const rng = this.rng;
    const target = at(ctx.targets, 0);
    const r = rng.next();
    if (r < 0.3) return target;
    if (r < 0.55) {
      const bodies = this.pool.bodiesOf.get(target.state) ?? [];
      const pick = bodies.length > 0 && rng.chance(0.6) ? rng.pick(bodies) : target.state;
      if (pick !== ctx.agent.index) return this.actor(pick);
    }
    return this.sample(rng.weighted(kinds), [ctx.agent.index]);
  }

  private reactionEvent(
    type: EventType,
    ctx: ReactionContext,
    modality: Modality = 'ASSERTED',
  ): Ev {
    const date = this.headlineMode
      ? this.unknown('Reported in a related headline; its own date is not given.')
      : this.datePlan('reaction', ctx.mainDay);
    return this.event(type, modality, this.confidence(0.7, 0.95), date);
  }

  /** Writes "{A}'s decision ..." for the main event, with its agent as TARGET of ev. */
  private mainRef(ev: Ev, ctx: ReactionContext, role: Role | null = 'TARGET'): Span {
    return this.noun(ctx.mainNoun, ctx.agent, ctx.targets, false, (s) => {
      if (role) ev.part(ctx.agent, role, s);
    });
  }

  private speech(
    type: EventType,
    ctx: ReactionContext,
    sp: Speaker,
    body: (ev: Ev) => Span,
  ): { ev: Ev; clause: Span; linkSpan: Span } {
    const ev = this.reactionEvent(type, ctx);
    const start = this.b.pos;
    this.subject(ev, sp, this.datePrefix(ev.date));
    const linkSpan = body(ev);
    const clause = this.b.from(start);
    this.finish(ev, clause);
    this.endSentence();
    return { ev, clause, linkSpan };
  }

  private maybeQuote(ev: Ev, sp: Speaker, p: number): void {
    const list = QUOTES[ev.type];
    if (!this.headlineMode && list && this.rng.chance(p)) this.quote(ev, sp, this.rng.pick(list));
  }

  private criticism(ctx: ReactionContext): void {
    const rng = this.rng;
    const sp = this.speaker(
      this.reactor(ctx, [
        ['CIVIL_SOCIETY', 3],
        ['MEDIA_OUTLET', 2],
        ['GOVERNMENT_BODY', 2],
        ['STATE', 1],
        ['OTHER_ORGANIZATION', 0.5],
      ]),
    );
    const mild = rng.chance(0.25);
    let label: string | undefined;
    const { ev, clause, linkSpan } = this.speech('CRITICISM', ctx, sp, (e) => {
      this.b.add(` ${rng.pick(mild ? MILD_CRITICISM_VERBS : CRITICISM_VERBS)} `);
      const ref = this.mainRef(e, ctx);
      if (!mild && rng.chance(0.6)) {
        label = rng.pick(CRITICISM_LABELS);
        this.b.add(`, calling it ${label}`);
      }
      return ref;
    });
    ev.mild = mild;
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
    if (label !== undefined && !this.headlineMode && rng.chance(0.6)) {
      const text = `${this.expand(linkSpan)} is ${label}`;
      this.claim(ev, sp.agent, text, false, [ctx.agent], clause);
    }
    this.maybeQuote(ev, sp, 0.5);
  }

  private appeal(ctx: ReactionContext): void {
    const rng = this.rng;
    const sp = this.speaker(
      this.reactor(ctx, [
        ['CIVIL_SOCIETY', 3],
        ['STATE', 2],
        ['GOVERNMENT_BODY', 2],
        ['MEDIA_OUTLET', 1],
      ]),
    );
    const [before, after] = rng.pick(APPEAL_FORMS).split('{N}');
    const { ev, linkSpan } = this.speech('APPEAL', ctx, sp, (e) => {
      this.b.add(` ${before ?? ''}`);
      const ref = this.mainRef(e, ctx);
      this.b.add(after ?? '');
      return ref;
    });
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
    const isTarget = ctx.targets.some((t) => t.index === sp.agent || t.index === sp.org);
    if (!this.headlineMode && !isTarget && rng.chance(0.35)) {
      const disputed = ctx.accusation?.claim ?? ctx.explanation?.claim;
      this.mention(this.actor(sp.agent), true);
      this.b.add(' added that ');
      const start = this.b.pos;
      this.names(ctx.targets);
      this.b.add(` ${rng.pick(DEFENCES)}`);
      const span = this.b.from(start);
      this.endSentence();
      this.claim(ev, sp.agent, span.text, true, ctx.targets, span, disputed);
    }
    this.maybeQuote(ev, sp, 0.4);
  }

  private retaliation(ctx: ReactionContext): void {
    const rng = this.rng;
    const target = at(ctx.targets, 0);
    let org: PoolActor;
    if (rng.chance(0.6) && target.state !== ctx.agent.state) {
      const bodies = this.pool.bodiesOf.get(target.state) ?? [];
      org = this.actor(bodies.length > 0 && rng.chance(0.4) ? rng.pick(bodies) : target.state);
    } else {
      org = this.sample(rng.chance(0.5) ? 'STATE' : 'GOVERNMENT_BODY', [ctx.agent.index]);
    }
    const sp = this.speaker(org);
    const [before, after] = rng.pick(RETALIATION_FORMS).split('{N}');
    const { ev, linkSpan } = this.speech('RETALIATION_VOW', ctx, sp, (e) => {
      this.b.add(` ${before ?? ''}`);
      const ref = this.mainRef(e, ctx);
      this.b.add(after ?? '');
      return ref;
    });
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
    this.maybeQuote(ev, sp, 0.4);
  }

  /** A government body of the first target's state (another than the agent), or any one. */
  private bodyOfTargetState(ctx: ReactionContext) {
    const target = at(ctx.targets, 0);
    const bodies = (this.pool.bodiesOf.get(target.state) ?? []).filter(
      (x) => x !== ctx.agent.index,
    );
    return bodies.length > 0
      ? this.actor(this.rng.pick(bodies))
      : this.sample('GOVERNMENT_BODY', [ctx.agent.index]);
  }

  private counterThreat(ctx: ReactionContext): void {
    const rng = this.rng;
    const org = this.bodyOfTargetState(ctx);
    const sp = this.speaker(org, 0.4);
    const verb: Record<ActorKind, string> = {
      PLATFORM: 'block',
      MEDIA_OUTLET: 'expel the correspondents of',
      STATE: 'expel the diplomats of',
      GOVERNMENT_BODY: 'impose sanctions on',
      PERSON: 'impose sanctions on',
      CIVIL_SOCIETY: 'impose sanctions on',
      OTHER_ORGANIZATION: 'impose sanctions on',
    };
    const { ev, linkSpan } = this.speech('THREAT', ctx, sp, (e) => {
      this.b.add(` threatened to ${verb[ctx.agent.kind]} `);
      e.part(ctx.agent, 'TARGET', this.mention(ctx.agent));
      this.b.add(' unless ');
      return this.b.span(rng.pick(['the decision is reversed', 'the measure is lifted']));
    });
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
    this.maybeQuote(ev, sp, 0.4);
  }

  private protest(ctx: ReactionContext): void {
    const rng = this.rng;
    const b = this.b;
    const exclude = [ctx.agent.index, ...ctx.targets.map((t) => t.index)];
    const pledged = rng.chance(0.15);
    const ev = this.reactionEvent('PROTEST_ACTION', ctx, pledged ? 'PLEDGED' : 'ASSERTED');
    const start = b.pos;
    const cap = this.datePrefix(ev.date);
    let linkSpan: Span;
    if (ctx.agent.kind === 'PLATFORM') {
      const who = this.sample(
        rng.weighted<ActorKind>([
          ['PERSON', 3],
          ['CIVIL_SOCIETY', 2],
          ['MEDIA_OUTLET', 2],
        ]),
        exclude,
      );
      ev.part(who, 'AGENT', this.mention(who, cap));
      b.add(pledged ? ' announced plans to delete ' : ' deleted ');
      b.add(who.kind === 'PERSON' ? 'a personal account on ' : 'its account on ');
      ev.part(ctx.agent, 'TARGET', this.mention(ctx.agent));
      b.add(' ');
      const linkStart = b.pos;
      b.add('in solidarity with ');
      this.names(ctx.targets, ev, 'BENEFICIARY');
      linkSpan = b.from(linkStart);
    } else {
      const who = this.sample(
        rng.weighted<ActorKind>([
          ['MEDIA_OUTLET', 2],
          ['CIVIL_SOCIETY', 2],
          ['PERSON', 1],
        ]),
        exclude,
      );
      ev.part(who, 'AGENT', this.mention(who, cap));
      if (who.kind === 'MEDIA_OUTLET') {
        b.add(pledged ? ' announced that it will publish' : ' published');
        b.add(' a blank front page in protest against ');
      } else {
        b.add(pledged ? ' called a rally against ' : ' held a rally against ');
      }
      linkSpan = this.mainRef(ev, ctx);
    }
    this.finish(ev, b.from(start));
    this.endSentence();
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
  }

  private denial(ctx: ReactionContext): void {
    const rng = this.rng;
    const acc = ctx.accusation;
    const expl = ctx.explanation;
    const target = at(acc?.accused ?? ctx.targets, 0);
    const sp = this.speaker(target);
    const to = acc?.ev.id ?? expl?.ev.id ?? ctx.main.id;
    const disputed = acc?.claim ?? expl?.claim;
    const { ev, linkSpan } = this.speech('DENIAL', ctx, sp, (e) => {
      if (acc || expl) {
        const whom = acc ? acc.accuser : ctx.agent;
        this.b.add(
          acc ? ' rejected the accusations made by ' : ' rejected the explanation given by ',
        );
        const s = this.mention(whom);
        e.part(whom, 'TARGET', s);
        return s;
      }
      this.b.add(' denied any wrongdoing after ');
      return this.mainRef(e, ctx);
    });
    this.link(ev, 'RESPONDS_TO', to, linkSpan);
    const q = this.quote(ev, sp, rng.pick(acc ? ACCUSATION_DENIALS : RULE_DENIALS));
    this.claim(ev, sp.agent, q.text, true, [target], q.evidence[0], disputed);
  }

  private statement(ctx: ReactionContext): void {
    const sp = this.speaker(
      this.reactor(ctx, [
        ['GOVERNMENT_BODY', 2],
        ['STATE', 2],
        ['OTHER_ORGANIZATION', 1],
        ['PLATFORM', 1],
      ]),
    );
    const { ev, linkSpan } = this.speech('STATEMENT', ctx, sp, (e) => {
      this.b.add(' said that ');
      const ref = this.mainRef(e, ctx);
      this.b.add(' was being studied closely');
      return ref;
    });
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
    this.maybeQuote(ev, sp, 0.3);
  }

  /** The agent of an ad ban gives away what the banned outlet paid it: part of the decision. */
  private pledgeRevenue(ctx: ReactionContext): void {
    const b = this.b;
    const pledged = this.rng.chance(0.8);
    const ev = this.reactionEvent('DONATION', ctx, pledged ? 'PLEDGED' : 'ASSERTED');
    const start = b.pos;
    this.subject(ev, { agent: ctx.agent.index }, this.datePrefix(ev.date));
    b.add(pledged ? ' said it will donate the ' : ' donated the ');
    ev.amount = this.money();
    b.add(' that ');
    const payer = at(ctx.targets, 0);
    ev.part(payer, 'FUNDS_SOURCE', this.mention(payer));
    b.add(' had paid for advertising to ');
    const to = this.sample(this.rng.chance(0.5) ? 'CIVIL_SOCIETY' : 'OTHER_ORGANIZATION');
    ev.part(to, 'BENEFICIARY', this.mention(to));
    const clause = b.from(start);
    this.finish(ev, clause);
    this.endSentence();
    this.link(ev, 'PART_OF', ctx.main.id, clause);
  }

  private donation(ctx: ReactionContext): void {
    const rng = this.rng;
    const b = this.b;
    const exclude = [ctx.agent.index, ...ctx.targets.map((t) => t.index)];
    const pledged = rng.chance(0.5);
    const ev = this.reactionEvent('DONATION', ctx, pledged ? 'PLEDGED' : 'ASSERTED');
    const start = b.pos;
    const donor = this.sample(
      rng.weighted<ActorKind>([
        ['CIVIL_SOCIETY', 2],
        ['OTHER_ORGANIZATION', 2],
        ['PLATFORM', 1],
      ]),
      exclude,
    );
    const funder = this.sample(rng.chance(0.5) ? 'STATE' : 'OTHER_ORGANIZATION', [
      ...exclude,
      donor.index,
    ]);
    this.subject(ev, { agent: donor.index }, this.datePrefix(ev.date));
    b.add(pledged ? ' pledged ' : ' gave ');
    ev.amount = this.money();
    b.add(' from ');
    ev.part(funder, 'FUNDS_SOURCE', this.mention(funder));
    b.add(' to support ');
    this.names(ctx.targets, ev, 'BENEFICIARY');
    b.add(' after ');
    const linkSpan = this.mainRef(ev, ctx, null);
    const clause = b.from(start);
    this.finish(ev, clause);
    this.endSentence();
    this.link(ev, 'RESPONDS_TO', ctx.main.id, linkSpan);
  }

  /** A further measure: the same agent's (PART_OF the decision) or a peer's following suit. */
  private followUp(ctx: ReactionContext): void {
    const rng = this.rng;
    const target = at(ctx.targets, 0);
    const sameAgent = rng.chance(0.5);
    const types = (Object.keys(MEASURE_ROLES) as EventType[]).filter((t) => {
      const r = MEASURE_ROLES[t];
      return (
        t !== ctx.main.type &&
        r !== undefined &&
        r.agent.some(([k]) => k === ctx.agent.kind) &&
        r.target.some(([k]) => k === target.kind)
      );
    });
    const type = sameAgent && types.length > 0 ? rng.pick(types) : ctx.main.type;
    const variants = MEASURES[type] ?? [];
    const vi = rng.int(variants.length);
    const agent =
      type !== ctx.main.type
        ? ctx.agent
        : this.sample(ctx.agent.kind, [ctx.agent.index, ...ctx.targets.map((t) => t.index)]);
    const ev = this.reactionEvent(type, ctx, this.modalityOf(type));
    const start = this.b.pos;
    const fallback = this.headlineMode
      ? ''
      : agent === ctx.agent
        ? 'As part of the same decision, '
        : 'Separately, ';
    const clause = this.measureClause(
      ev,
      at(variants, vi),
      agent,
      type === 'THREAT' ? [target] : ctx.targets,
      fallback,
    );
    const linkSpan = this.b.from(start);
    this.endSentence();
    this.link(
      ev,
      agent === ctx.agent ? 'PART_OF' : 'IN_CONTEXT_OF',
      ctx.main.id,
      this.headlineMode ? clause : linkSpan,
    );
    this.linkable.push({
      id: ev.id,
      type,
      variant: vi,
      agent: agent.index,
      targets: (type === 'THREAT' ? [target] : ctx.targets).map((t) => t.index),
      pubDay: this.pubDay,
    });
  }

  private counterAccusation(ctx: ReactionContext): void {
    const rng = this.rng;
    const target = at(ctx.targets, 0);
    const org =
      target.state !== ctx.agent.state && target.state !== ctx.agent.index
        ? this.actor(target.state)
        : this.sample('STATE', [ctx.agent.index, ctx.agent.state]);
    const sp = this.speaker(org, 0.5);
    const [ing, past] = rng.pick<readonly [string, string]>([
      ['censorship', 'practised censorship'],
      ['discriminating against foreign media', 'discriminated against foreign media'],
      ['acting on political orders', 'acted on political orders'],
    ]);
    const { ev, clause } = this.speech('ACCUSATION', ctx, sp, (e) => {
      this.b.add(' accused ');
      const s = this.mention(ctx.agent);
      e.part(ctx.agent, 'TARGET', s);
      this.b.add(` of ${ing}`);
      return s;
    });
    this.link(ev, 'RESPONDS_TO', ctx.main.id, clause);
    if (!this.headlineMode)
      this.claim(ev, sp.agent, `${ctx.agent.name} ${past}`, false, [ctx.agent], clause);
  }

  private counterInvestigation(ctx: ReactionContext): void {
    const rng = this.rng;
    const org = this.bodyOfTargetState(ctx);
    const variants = MEASURES.INVESTIGATION ?? [];
    const ev = this.reactionEvent(
      'INVESTIGATION',
      ctx,
      this.headlineMode ? 'ASSERTED' : this.modalityOf('INVESTIGATION'),
    );
    const clause = this.measureClause(ev, rng.pick(variants), org, [ctx.agent]);
    this.endSentence();
    this.link(ev, 'RESPONDS_TO', ctx.main.id, clause);
  }

  // ---- output ----

  private output(
    publisher: PoolActor,
    dateline: string,
    datelineSpan: Span,
    title: string,
  ): GeneratedArticle {
    const id = this.articleId;
    const actors: Actor[] = [];
    for (const [index, spans] of this.spans) {
      const a = this.actor(index);
      const actor: Actor = {
        id: a.id,
        name: a.name,
        kind: a.kind,
        ...(a.aliases.length > 0 ? { aliases: a.aliases } : {}),
        country: a.country,
        evidence: evidence(spans.slice(0, MAX_SPANS), a.id),
        external: { country: COUNTRY_NOTE },
      };
      actors.push(actor);
    }
    const events = this.events.map((ev): Event => {
      const occurredOn = this.occurredOn(ev.date);
      const out: Event = {
        id: ev.id,
        type: ev.type,
        summary: ev.summary,
        ...(occurredOn !== undefined ? { occurredOn } : {}),
        datePrecision: ev.date.precision,
        ...(ev.date.note !== undefined ? { dateNote: ev.date.note } : {}),
        modality: ev.modality,
        confidence: ev.confidence,
        ...(ev.mild !== undefined ? { mild: ev.mild } : {}),
        participants: nonEmpty(
          ev.participants.map((p) => ({
            actorId: p.actorId,
            role: p.role,
            evidence: evidence(
              p.spans.length > 0
                ? p.spans.slice(0, MAX_SPANS)
                : [this.firstSpan(this.actor(p.actor))],
              `${ev.id} ${p.actorId}`,
            ),
          })),
          ev.id,
        ),
        ...(ev.amount ? { amount: ev.amount } : {}),
        evidence: evidence(ev.evidence, ev.id),
      };
      return out;
    });
    const annotation: Annotation = {
      formatVersion: 1,
      article: {
        id,
        textFile: `${id}.txt`,
        title,
        url: `https://${publisher.id}.invalid/${this.pub.year}/${pad2(this.pub.month)}/${id}`,
        publisherId: publisher.id,
        dateline,
        datelineEvidence: [datelineSpan],
        publishedOn: iso(this.pub),
      },
      actors,
      ...(this.positions.length > 0 ? { positions: this.positions } : {}),
      events: nonEmpty(events, id),
      ...(this.links.length > 0 ? { links: this.links } : {}),
      ...(this.quotes.length > 0 ? { quotes: this.quotes } : {}),
      ...(this.claims.length > 0 ? { claims: this.claims } : {}),
    };
    return {
      text: this.b.text,
      annotation,
      actors: [...this.spans.keys()],
      linkable: this.linkable,
    };
  }
}

interface ReactionContext {
  main: Ev;
  mainNoun: string;
  mainDay: number;
  agent: PoolActor;
  targets: PoolActor[];
  accusation?: { ev: Ev; claim: string; accuser: PoolActor; accused: PoolActor[] };
  explanation?: { ev: Ev; claim: string };
}
