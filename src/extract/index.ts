// The extractor: an article's text in, an annotation in the project's own format out. Every
// fact carries its evidence span, every span is the article's exact text, and the annotation
// says which machine made it, so the graph never confuses it with an analyst's work.
import type { EventType } from '../generated/graphql';
import { findActors, type ArticleActor, type Mention } from './actors';
import { findDateline, publicationDate, sentenceDate } from './dates';
import { findEvents, isMeasure, isSpeechAct, type Draft } from './events';
import { findMoney } from './money';
import { analyse, type Analysed } from './nlp';
import { analyseWithCompromise } from './nlp-compromise';
import { OFFICE_WORDS } from './lexicon';
import type { Annotation, ArticleInput, ExtractionMark, ExtractOptions } from './types';

export type { Annotation, ArticleInput, ExtractOptions, KnownActor } from './types';

/** Written into every annotation the extractor makes, and onto everything loaded from it. */
export const EXTRACTOR: ExtractionMark = { method: 'mediagraph-rules', version: '1.0.0' };

type Span = { start: number; end: number; text: string };
type AnnEvent = Omit<Annotation['events'][number], 'participants' | 'evidence'> & {
  participants: {
    actorId: string;
    role: Annotation['events'][number]['participants'][number]['role'];
    evidence: Span[];
  }[];
  evidence: Span[];
};

const spanOf = (text: string, start: number, end: number): Span => ({
  start,
  end,
  text: text.slice(start, end),
});

export function slug(s: string, max = 60): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || 'article'
  );
}

const SUMMARY: Record<EventType, string> = {
  AD_BAN: 'stops advertising for',
  ACCOUNT_RESTRICTION: 'restricts accounts or content of',
  CONTENT_LABELING: 'labels',
  BROADCAST_BAN: 'bans the broadcasting of',
  PLATFORM_BLOCKING: 'blocks',
  LEGAL_DESIGNATION: 'takes legal status from or designates',
  RESTRICTIVE_MEASURE: 'takes a measure against',
  INVESTIGATION: 'investigates',
  ACCUSATION: 'accuses',
  CRITICISM: 'criticises',
  DENIAL: 'denies the accusation of',
  APPEAL: 'appeals to',
  THREAT: 'threatens',
  RETALIATION_VOW: 'vows to retaliate against',
  PROTEST_ACTION: 'protests against',
  DONATION: 'donates money',
  STATEMENT: 'makes a statement about',
  ELECTION: 'holds an election',
  REJECTION: 'refuses the demand of',
  EASING: 'eases a restriction on',
  LEGAL_ACTION: 'takes legal action against',
  ARREST: 'arrests or charges',
  DEMONSTRATION: 'demonstrates against',
};

export function extractArticle(input: ArticleInput, options: ExtractOptions = {}): Annotation {
  const text = input.text;
  const a = options.tagger === 'compromise' ? analyseWithCompromise(text) : analyse(text);
  const found = findActors(a, options.knownActors ?? []);
  const drafts = findEvents(a, found);
  const dateline = findDateline(text);
  const published = publicationDate(text, dateline, input.publishedOn);
  const title = input.title ?? firstLine(text, dateline?.end ?? 0);
  const articleId =
    input.id ??
    slug(
      input.textFile ? input.textFile.replace(/\.[a-z]+$/i, '') : `${published.date}-${title}`,
      100,
    );
  const textFile = input.textFile ?? `${articleId}.txt`;

  const used = new Set<string>();
  const events: AnnEvent[] = [];
  const idOf = new Map<Draft, string>();
  const counts = new Map<string, number>();
  for (const d of drafts) {
    const base = `${articleId}-${d.type.toLowerCase().replace(/_/g, '-')}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    const id = `${base}-${n}`.slice(0, 120);
    idOf.set(d, id);
    const event = toEvent(a, found.actors, d, id, published.date);
    // The format wants every event to have a participant: one with none says too little.
    if (event.participants.length === 0) continue;
    for (const p of event.participants) used.add(p.actorId);
    events.push(event);
  }
  attachMoney(a, drafts, events, found, used);

  const publisher = publisherOf(a, found.actors, found.mentions, input.source, dateline);
  used.add(publisher.id);

  const quotes = findQuotes(a, found.mentions, drafts, idOf, used, articleId);
  const claims = findClaims(a, drafts, idOf, used);
  const links = findLinks(a, drafts, idOf);
  const positions = findPositions(a, found.actors, found.mentions, used);

  const actors: Record<string, unknown>[] = [];
  for (const key of used) {
    if (key === publisher.id && publisher.actor) {
      actors.push(publisher.actor);
      continue;
    }
    const x = found.actors.get(key);
    if (!x) continue;
    // Proper names first: the first evidence span is how the article names the actor.
    const rank = (m: Mention) =>
      m.via === 'name' || m.via === 'ner' || m.via === 'metonym' ? 0 : 1;
    const ms = found.mentions
      .filter((m) => m.key === key && m.via !== 'pronoun')
      .sort((x, y) => rank(x) - rank(y) || x.start - y.start);
    const spans = (ms.length ? ms : found.mentions.filter((m) => m.key === key)).map((m) =>
      spanOf(text, m.start, m.end),
    );
    if (spans.length === 0) continue;
    const aliases = [...new Set(ms.map((m) => text.slice(m.start, m.end)))].filter(
      (s) => s !== x.name,
    );
    actors.push({
      id: key,
      name: x.name,
      kind: x.kind,
      ...(aliases.length ? { aliases } : {}),
      ...(x.country ? { country: x.country } : {}),
      evidence: dedupeSpans(spans),
      ...(x.country && x.origin !== 'article'
        ? {
            external: {
              country: `From the ${x.origin === 'graph' ? 'graph' : 'gazetteer'}, not the text.`,
            },
          }
        : {}),
    });
  }

  const article: Annotation['article'] = {
    id: articleId,
    textFile,
    ...(title ? { title } : {}),
    ...(input.url ? { url: input.url } : {}),
    publisherId: publisher.id,
    dateline: dateline?.text ?? (title || text.slice(0, 40)).slice(0, 200),
    ...(dateline
      ? { datelineEvidence: [spanOf(text, dateline.start, dateline.start + dateline.text.length)] }
      : {}),
    publishedOn: published.date,
    ...(published.note ? { external: { publishedOn: published.note } } : {}),
  };
  return {
    formatVersion: 1,
    extraction: { ...EXTRACTOR },
    article,
    actors,
    ...(positions.length ? { positions } : {}),
    events,
    ...(links.length ? { links } : {}),
    ...(quotes.length ? { quotes } : {}),
    ...(claims.length ? { claims } : {}),
  } as unknown as Annotation;
}

function firstLine(text: string, from: number): string {
  const rest = text
    .slice(from)
    .replace(/^[\s./A-Za-z]{0,8}\/[A-Za-z]+\/\.?/, '')
    .trim();
  const line = rest.split(/\n/)[0] ?? '';
  const sentence = line.split(/(?<=[.!?])\s/)[0] ?? line;
  return sentence.slice(0, 160).trim();
}

function dedupeSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) =>
    seen.has(`${s.start}:${s.end}`) ? false : (seen.add(`${s.start}:${s.end}`), true),
  );
}

function names(actors: Map<string, ArticleActor>, ms: Mention[]): string {
  const list = [...new Set(ms.map((m) => actors.get(m.key)?.name ?? m.key))];
  return list.length <= 2
    ? list.join(' and ')
    : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function toEvent(
  a: Analysed,
  actors: Map<string, ArticleActor>,
  d: Draft,
  id: string,
  published: string,
): AnnEvent {
  const text = a.text;
  const sentence = a.sentences[d.sentence];
  const date = sentence
    ? sentenceDate(text.slice(sentence.start, sentence.end), sentence.start, published)
    : { precision: 'UNKNOWN' as const };
  const participants: AnnEvent['participants'] = [];
  const add = (
    m: Mention,
    role: 'AGENT' | 'TARGET' | 'ON_BEHALF_OF' | 'BENEFICIARY' | 'FUNDS_SOURCE',
  ) => {
    const existing = participants.find((p) => p.actorId === m.key && p.role === role);
    const span = spanOf(text, m.start, m.end);
    if (existing) {
      if (!existing.evidence.some((s) => s.start === span.start)) existing.evidence.push(span);
    } else participants.push({ actorId: m.key, role, evidence: [span] });
  };
  for (const m of d.agents) add(m, 'AGENT');
  for (const m of d.targets) add(m, 'TARGET');
  for (const m of d.agents) {
    const boss = actors.get(m.key)?.memberOf;
    if (boss && actors.has(boss)) {
      const bm = { ...m, key: boss };
      add(bm, 'ON_BEHALF_OF');
    }
  }
  const agentName = d.agents.length ? names(actors, d.agents) : 'Unnamed actors';
  const targetName = d.targets.length ? ` ${names(actors, d.targets)}` : '';
  const modal = d.modality === 'ASSERTED' ? '' : ` (${d.modality.toLowerCase()})`;
  const summary = `${agentName} ${SUMMARY[d.type]}${targetName}${modal}`.slice(0, 300);
  return {
    id,
    type: d.type,
    summary,
    ...(date.occurredOn ? { occurredOn: date.occurredOn } : {}),
    datePrecision: date.precision,
    ...(date.note ? { dateNote: date.note } : {}),
    modality: d.modality,
    confidence: d.confidence,
    participants,
    evidence: d.spans.map(([s, e]) => spanOf(text, s, e)),
  };
}

function attachMoney(
  a: Analysed,
  drafts: Draft[],
  events: AnnEvent[],
  found: ReturnType<typeof findActors>,
  used: Set<string>,
) {
  drafts.forEach((d, n) => {
    if (d.type !== 'DONATION' && d.type !== 'RESTRICTIVE_MEASURE') return;
    const s = a.sentences[d.sentence];
    const e = events[n];
    if (!s || !e) return;
    const [m] = findMoney(a.text, s.start, s.end);
    if (!m) return;
    e.amount = {
      amount: m.amount,
      currency: m.currency,
      evidence: [spanOf(a.text, m.start, m.end)],
    };
    if (d.type !== 'DONATION') return;
    // Whose money: a possessor before the amount or the money noun ("RT's payments", "from RT").
    const inSentence = found.mentions.filter((x) => x.sentence === d.sentence);
    const source =
      inSentence.find(
        (x) =>
          x.possessive &&
          x.start < m.end + 60 &&
          x.start > s.start &&
          !d.agents.some((g) => g.key === x.key),
      ) ??
      inSentence.find(
        (x) =>
          /\b(?:from|by)\s*$/.test(a.text.slice(Math.max(s.start, x.start - 6), x.start)) &&
          !d.agents.some((g) => g.key === x.key),
      );
    if (source) {
      e.participants.push({
        actorId: source.key,
        role: 'FUNDS_SOURCE',
        evidence: [spanOf(a.text, source.start, source.end)],
      });
      used.add(source.key);
      e.participants = e.participants.filter(
        (p) => !(p.role === 'TARGET' && p.actorId === source.key),
      );
    }
    const beneficiary = inSentence.find(
      (x) =>
        x.start > m.end &&
        /\b(?:to|for)\s*$/.test(a.text.slice(Math.max(s.start, x.start - 5), x.start)),
    );
    if (beneficiary && beneficiary.key !== source?.key) {
      e.participants.push({
        actorId: beneficiary.key,
        role: 'BENEFICIARY',
        evidence: [spanOf(a.text, beneficiary.start, beneficiary.end)],
      });
      used.add(beneficiary.key);
    }
  });
}

function publisherOf(
  a: Analysed,
  actors: Map<string, ArticleActor>,
  mentions: Mention[],
  source: string | undefined,
  dateline: ReturnType<typeof findDateline>,
): { id: string; actor?: Record<string, unknown> } {
  const text = a.text;
  // "/TASS/" after the date line names the agency that published it.
  const mark = /\/([A-Za-z][A-Za-z -]{1,30})\//.exec(text.slice(0, (dateline?.end ?? 0) + 20));
  const wanted = source ?? mark?.[1];
  if (wanted) {
    const key = [...actors.values()].find(
      (x) => x.name.toLowerCase() === wanted.toLowerCase(),
    )?.key;
    const m = mentions.find((x) => x.key === key);
    if (key && m) return { id: key };
    const at = text.toLowerCase().indexOf(wanted.toLowerCase());
    const id = slug(wanted);
    if (at >= 0)
      return {
        id,
        actor: {
          id,
          name: wanted,
          kind: 'MEDIA_OUTLET',
          evidence: [spanOf(text, at, at + wanted.length)],
        },
      };
    const first = dateline
      ? spanOf(text, dateline.start, dateline.start + dateline.text.length)
      : spanOf(text, 0, Math.min(text.length, Math.max(1, text.search(/\s|$/))));
    return {
      id,
      actor: {
        id,
        name: wanted,
        kind: 'MEDIA_OUTLET',
        evidence: [first],
        external: {
          name: 'The publisher is given with the article, not named in its text; the evidence is where the article starts.',
        },
      },
    };
  }
  const first = dateline
    ? spanOf(text, dateline.start, dateline.start + dateline.text.length)
    : spanOf(text, 0, Math.max(1, Math.min(text.length, 40)));
  return {
    id: 'unknown-publisher',
    actor: {
      id: 'unknown-publisher',
      name: 'Unknown publisher',
      kind: 'MEDIA_OUTLET',
      evidence: [first],
      external: {
        name: 'Neither the text nor the input names the publisher; the evidence is where the article starts.',
      },
    },
  };
}

const QUOTE_RE = /[“"]([^”"\n]{3,600})[”"]/g;

function findQuotes(
  a: Analysed,
  mentions: Mention[],
  drafts: Draft[],
  idOf: Map<Draft, string>,
  used: Set<string>,
  articleId: string,
): NonNullable<Annotation['quotes']> {
  const out: NonNullable<Annotation['quotes']> = [];
  let n = 0;
  for (const q of a.text.matchAll(QUOTE_RE)) {
    if (q.index === undefined) continue;
    const start = q.index + 1;
    const end = start + (q[1]?.length ?? 0);
    const tok = a.tokens.find((t) => t.start >= start);
    if (!tok) continue;
    const s = a.sentences[tok.sentence];
    if (!s) continue;
    // The speaker: an event of this sentence with an agent, else an actor next to a speech verb.
    const d =
      drafts.find(
        (x) => x.sentence === tok.sentence && x.agents.length > 0 && isSpeechAct(x.type),
      ) ?? drafts.find((x) => x.sentence === tok.sentence && x.agents.length > 0);
    const around = a.text.slice(end, Math.min(s.end + 1, end + 80));
    const said =
      /^[”"]?[,.]?\s*(?:said|says|told|added|wrote|stressed|noted)\s/.test(around) ||
      /\b(?:said|says|told|added)\s*[,:]?\s*$/.test(
        a.text.slice(Math.max(s.start, start - 40), start - 1),
      );
    let speaker: string | undefined = d?.agents[0]?.key;
    if (!speaker && said) {
      speaker = mentions.find(
        (m) =>
          m.sentence === tok.sentence && (m.start >= end || m.end <= start) && m.via !== 'pronoun',
      )?.key;
    }
    if (!speaker) continue;
    n++;
    used.add(speaker);
    out.push({
      id: `${articleId}-quote-${n}`.slice(0, 120),
      text: q[1] ?? '',
      speakerId: speaker,
      ...(d ? { eventId: idOf.get(d) ?? '' } : {}),
      evidence: [spanOf(a.text, start, end)],
    });
  }
  return out.filter((q) => q.eventId !== '');
}

function findClaims(
  a: Analysed,
  drafts: Draft[],
  idOf: Map<Draft, string>,
  used: Set<string>,
): NonNullable<Annotation['claims']> {
  const out: NonNullable<Annotation['claims']> = [];
  const claimOf = new Map<Draft, string>();
  for (const d of drafts) {
    if (d.type !== 'ACCUSATION' && d.type !== 'DENIAL') continue;
    const agent = d.agents[0];
    const s = a.sentences[d.sentence];
    const id = idOf.get(d);
    if (!agent || !s || !id) continue;
    const text = a.text.slice(s.start, s.end);
    const claimId = `${id}-claim`.slice(0, 120);
    claimOf.set(d, claimId);
    used.add(agent.key);
    for (const t of d.targets) used.add(t.key);
    out.push({
      id: claimId,
      text,
      verbatim: false,
      claimantId: agent.key,
      ...(d.targets.length ? { aboutIds: [...new Set(d.targets.map((t) => t.key))] } : {}),
      eventId: id,
      evidence: [spanOf(a.text, s.start, s.end)],
    });
  }
  // A denial disputes the accusation it answers: the last one aimed at the denier.
  for (const d of drafts) {
    if (d.type !== 'DENIAL') continue;
    const acc = drafts.filter(
      (x) =>
        x.type === 'ACCUSATION' && x.targets.some((t) => d.agents.some((g) => g.key === t.key)),
    );
    const c = out.find((x) => x.id === claimOf.get(d));
    const disputed = acc.map((x) => claimOf.get(x)).filter((x): x is string => !!x);
    if (c && disputed.length) c.disputes = disputed;
  }
  return out;
}

const RESPONSE_CUES =
  /\b(?:in response to|in retaliation for|responding to|in reply to|reacting to|in reaction to|after|over|following|against)\b/i;
const GROUNDS_CUES =
  /\b(?:citing|based on|because of|because|on the grounds|due to|over|for|after|amid|following|justif\w+|accus\w+|claim\w*)\b/i;

function findLinks(
  a: Analysed,
  drafts: Draft[],
  idOf: Map<Draft, string>,
): NonNullable<Annotation['links']> {
  const out: NonNullable<Annotation['links']> = [];
  const add = (
    from: Draft,
    kind: 'RESPONDS_TO' | 'JUSTIFIED_BY' | 'PART_OF' | 'IN_CONTEXT_OF',
    to: Draft,
    at: Draft,
  ) => {
    const f = idOf.get(from);
    const t = idOf.get(to);
    const s = a.sentences[at.sentence];
    if (!f || !t || f === t || !s || out.some((l) => l.from === f && l.to === t && l.kind === kind))
      return;
    out.push({ from: f, kind, to: t, evidence: [spanOf(a.text, s.start, s.end)] });
  };
  const reactions: EventType[] = [
    'CRITICISM',
    'DENIAL',
    'RETALIATION_VOW',
    'APPEAL',
    'PROTEST_ACTION',
    'DEMONSTRATION',
    'LEGAL_ACTION',
    'REJECTION',
    'THREAT',
  ];
  for (const d of drafts) {
    const sText = a.sentences[d.sentence];
    const sentence = sText ? a.text.slice(sText.start, sText.end) : '';
    if (reactions.includes(d.type)) {
      const target =
        d.type === 'DENIAL'
          ? drafts.find(
              (x) =>
                x.type === 'ACCUSATION' &&
                x.targets.some((t) => d.agents.some((g) => g.key === t.key)),
            )
          : drafts.find(
              (x) =>
                x !== d &&
                (isMeasure(x.type) || x.type === 'ARREST') &&
                (x.agents.some((g) => d.targets.some((t) => t.key === g.key)) ||
                  x.targets.some((t) => d.agents.some((g) => g.key === t.key))),
            );
      if (
        target &&
        (d.refersBack || RESPONSE_CUES.test(sentence) || target.sentence !== d.sentence)
      )
        add(d, 'RESPONDS_TO', target, d);
    }
    if (isMeasure(d.type)) {
      const acc = drafts.find(
        (x) =>
          x.type === 'ACCUSATION' && x.targets.some((t) => d.targets.some((g) => g.key === t.key)),
      );
      if (acc && GROUNDS_CUES.test(sentence)) add(d, 'JUSTIFIED_BY', acc, d);
    }
    if (d.type === 'ACCUSATION') {
      const el = drafts.find(
        (x) => x.type === 'ELECTION' && Math.abs(x.sentence - d.sentence) <= 1,
      );
      if (el) add(d, 'IN_CONTEXT_OF', el, d);
    }
    if (d.type === 'DONATION') {
      const m = drafts.find(
        (x) => isMeasure(x.type) && x.agents.some((g) => d.agents.some((h) => h.key === g.key)),
      );
      if (m) add(d, 'PART_OF', m, d);
    }
  }
  return out;
}

function findPositions(
  a: Analysed,
  actors: Map<string, ArticleActor>,
  mentions: Mention[],
  used: Set<string>,
): NonNullable<Annotation['positions']> {
  const out: NonNullable<Annotation['positions']> = [];
  // "Kremlin spokesman Dmitry Peskov": an organisation, an office, a person, side by side.
  for (let k = 0; k + 1 < mentions.length; k++) {
    const org = mentions[k];
    const person = mentions[k + 1];
    if (!org || !person || org.sentence !== person.sentence) continue;
    const p = actors.get(person.key);
    const o = actors.get(org.key);
    if (!p || !o || p.kind !== 'PERSON' || o.kind === 'PERSON' || !used.has(p.key)) continue;
    const between = a.text.slice(org.end, person.start).trim();
    const words = between
      .replace(/^'s\s*/, '')
      .split(/\s+/)
      .filter(Boolean);
    if (
      words.length === 0 ||
      words.length > 4 ||
      !words.some((w) => OFFICE_WORDS.has(w.toLowerCase()))
    )
      continue;
    if (out.some((x) => x.personId === p.key)) continue;
    used.add(o.key);
    out.push({
      personId: p.key,
      title: words.join(' '),
      organizationId: o.key,
      evidence: [spanOf(a.text, org.start, person.end)],
    });
  }
  return out;
}
