// Events from triggers: a word of the field ("ban", "criticised", "tit-for-tat") in a clause,
// its agent (the clause's subject, or "by X" in the passive), its targets (the objects after it),
// its modality (what the words around it say), and its type where a measure word alone does not
// say it (the object and the kinds of agent and target decide).
import type { EventType, Modality } from '../generated/graphql';
import type { ActorFindings, ArticleActor, Mention } from './actors';
import {
  ACCUSATION_NOUNS,
  ALLEGED_WORDS,
  DEMAND_NOUNS,
  DESIGNATION_WORDS,
  MEASURE_NOUNS,
  NEGATIVE_WORDS,
  OBJECT_CUES,
  PLEDGE_WORDS,
  PROTEST_ACTION_PHRASES,
  RETALIATION_PHRASES,
  SPEECH_VERBS,
  STREET_WORDS,
  TRIGGERS,
  WRONGDOING_WORDS,
  type TriggerClass,
} from './lexicon';
import { findMoney } from './money';
import type { Analysed } from './nlp';

export interface Draft {
  type: EventType;
  modality: Modality;
  confidence: number;
  sentence: number;
  trigger: number;
  agents: Mention[];
  targets: Mention[];
  /** Evidence: [start, end) spans of the text. */
  spans: [number, number][];
  /** Set when the trigger was an undoing or a speech act about an earlier event. */
  refersBack: boolean;
}

const BE = new Set([
  'remain',
  'remains',
  'remained',
  'stay',
  'stays',
  'stayed',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'get',
  'got',
  'gets',
  "'s",
  "'re",
]);
const SKIP_BETWEEN = new Set([
  'also',
  'already',
  'now',
  'not',
  'reportedly',
  'allegedly',
  'temporarily',
  'officially',
  'formally',
  'effectively',
  'finally',
  'recently',
  'later',
  'since',
  'just',
  'partially',
  'partly',
  'fully',
  'permanently',
  'indefinitely',
]);
/** What a court may dismiss or reject: a challenge, which makes the refusal a REJECTION. */
const LEGAL_NOUNS = new Set([
  'appeal',
  'appeals',
  'petition',
  'petitions',
  'lawsuit',
  'suit',
  'complaint',
  'challenge',
  'case',
  'claim',
  'motion',
  'bid',
]);
/** What a court says of a measure it strikes down. */
const UNLAWFUL_WORDS = new Set([
  'unlawful',
  'illegal',
  'unconstitutional',
  'violate',
  'violated',
  'violates',
  'breach',
  'breached',
  'invalid',
  'void',
  'disproportionate',
  'unjustified',
]);

/** Verbs whose object noun is the act: "imposed a ban", "ordered the closure". */
const LIGHT_VERBS = new Set([
  'impose',
  'introduce',
  'announce',
  'order',
  'issue',
  'extend',
  'approve',
  'adopt',
  'enact',
  'apply',
  'slap',
  'place',
  'put',
  'decree',
  'demand',
  'request',
  'seek',
  'launch',
  'open',
  'begin',
  'start',
]);

const CLAUSE_STOPS = new Set([
  ';',
  ':',
  'because',
  'after',
  'before',
  'while',
  'whereas',
  'which',
  'who',
  'when',
  'saying',
  'adding',
  'although',
  'though',
  'but',
  'since',
  'until',
  'amid',
  'citing',
  'over',
  'at',
  'despite',
  'following',
  'during',
  'as',
  'where',
  'unless',
  'if',
  '—',
  '–',
  '(',
  ')',
  '"',
  '“',
  '”',
]);
const OBJECT_PREPS = new Set([
  'by',
  'of',
  'from',
  'on',
  'against',
  'to',
  'with',
  'for',
  'in',
  'at',
  'about',
  'over',
  'into',
  'toward',
  'towards',
  'under',
  'among',
  'including',
  'like',
]);
const SPEECH_ACTS = new Set<EventType>([
  'CRITICISM',
  'ACCUSATION',
  'DENIAL',
  'APPEAL',
  'THREAT',
  'RETALIATION_VOW',
  'REJECTION',
  'STATEMENT',
]);
const MEASURES = new Set<EventType>([
  'AD_BAN',
  'ACCOUNT_RESTRICTION',
  'CONTENT_LABELING',
  'BROADCAST_BAN',
  'PLATFORM_BLOCKING',
  'LEGAL_DESIGNATION',
  'RESTRICTIVE_MEASURE',
]);
export const isMeasure = (t: EventType) => MEASURES.has(t);
export const isSpeechAct = (t: EventType) => SPEECH_ACTS.has(t);
const GOVERNORS = new Set<EventType>(['THREAT', 'APPEAL', 'REJECTION', 'DENIAL']);
const ANAPHORS = new Set(['the', 'this', 'that', 'these', 'those', 'such']);

interface Trigger {
  i: number;
  cls: TriggerClass;
  /** A trigger whose own event is another's content: "threatened to block", "urged X to lift". */
  governedBy?: number;
}

export function findEvents(a: Analysed, f: ActorFindings): Draft[] {
  const drafts: Draft[] = [];
  const byToken = new Map<number, Mention>();
  for (const m of f.mentions) for (let k = m.from; k < m.to; k++) byToken.set(k, m);
  for (const s of a.sentences) {
    const triggers = sentenceTriggers(a, f, s.from, s.to, byToken);
    for (const t of triggers) {
      if (t.governedBy !== undefined) continue;
      const d = draftFor(a, f, t, triggers, byToken, s.from, s.to);
      if (d) drafts.push(d);
    }
  }
  conditionalsAsThreats(a, drafts);
  accusedAsMeasured(drafts);
  fillImplicitTargets(drafts, f);
  fillEllipsis(drafts);
  drafts.push(...groundsAsAccusations(a, drafts));
  drafts.push(...statements(a, f, drafts, byToken));
  return dedupe(drafts, f);
}

const lowerAt = (a: Analysed, k: number) => a.tokens[k]?.lower ?? '';

function sentenceTriggers(
  a: Analysed,
  f: ActorFindings,
  from: number,
  to: number,
  byToken: Map<number, Mention>,
): Trigger[] {
  const out: Trigger[] = [];
  const seen = new Set<number>();
  const add = (i: number, cls: TriggerClass) => {
    if (seen.has(i)) return;
    seen.add(i);
    out.push({ i, cls });
  };
  const sentenceText = a.text
    .slice(a.tokens[from]?.start ?? 0, a.tokens[to - 1]?.end ?? 0)
    .toLowerCase();
  const sentenceStart = a.tokens[from]?.start ?? 0;
  const tokenAtChar = (c: number) => {
    for (let k = from; k < to; k++) if ((a.tokens[k]?.end ?? 0) > c) return k;
    return to - 1;
  };
  for (const re of RETALIATION_PHRASES) {
    const m = re.exec(sentenceText);
    if (m) {
      add(tokenAtChar(sentenceStart + m.index), 'RETALIATION_VOW');
      break;
    }
  }
  for (const re of PROTEST_ACTION_PHRASES) {
    const m = re.exec(sentenceText);
    if (m) {
      add(tokenAtChar(sentenceStart + m.index), 'PROTEST_ACTION');
      break;
    }
  }
  const street = a.tokens.slice(from, to).some((t) => STREET_WORDS.has(t.lower));
  const sentenceEnd = a.tokens[to - 1]?.end ?? 0;
  const moneyAfter = (k: number) =>
    findMoney(
      a.text,
      a.tokens[k]?.start ?? 0,
      Math.min(sentenceEnd, (a.tokens[k]?.start ?? 0) + 120),
    ).length > 0;
  const kindAt = (k: number) => {
    const m = byToken.get(k) ?? byToken.get(k + 1);
    return m ? f.actors.get(m.key)?.kind : undefined;
  };
  for (let k = from; k < to; k++) {
    const t = a.tokens[k];
    if (!t || byToken.has(k)) continue;
    // A capitalised word inside a sentence is a name ("March 3", "Rally Party"), not a verb.
    if (k > from && t.pos === 'PROPN' && /^[A-Z]/.test(t.text)) continue;
    // "the jailed opposition leader", "all detained workers": a participle describing someone.
    if (
      /ed$/.test(t.lower) &&
      ['the', 'a', 'an', 'all', 'of', 'his', 'her', 'its', 'their', 'former'].includes(
        lowerAt(a, k - 1),
      )
    )
      continue;
    const lemma = triggerLemma(t);
    const next = lowerAt(a, k + 1);
    const window = a.tokens.slice(k + 1, Math.min(to, k + 8)).map((x) => x.lower);
    // Words whose class depends on what follows.
    switch (lemma) {
      case 'protest':
        if (street || t.lower === 'protests' || t.lower === 'protesters') add(k, 'DEMONSTRATION');
        else if (t.pos === 'VERB') add(k, 'CRITICISM');
        continue;
      case 'call':
        if (next === 'on' || next === 'upon' || next === 'for') add(k, 'APPEAL');
        // "called the move 'arrogant'": naming something in quotes is judging it.
        else if (
          window.some((w) => NEGATIVE_WORDS.has(w)) ||
          window.slice(1, 7).some((w) => w === '"' || w === '“')
        )
          add(k, 'CRITICISM');
        continue;
      case 'hope':
        if (window.includes('that') || window.includes('will') || window.includes('would'))
          add(k, 'APPEAL');
        continue;
      case 'move':
      case 'measure':
      case 'step':
      case 'action':
        if (t.pos === 'NOUN' && (next === 'against' || (next === 'on' && byToken.has(k + 2))))
          add(k, 'MEASURE');
        continue;
      case 'ask':
        if (window.includes('to') || window.includes('for')) add(k, 'APPEAL');
        continue;
      case 'warn':
      case 'warning':
        if (
          a.tokens
            .slice(k + 1, Math.min(to, k + 14))
            .some((w) => ['would', 'will', 'could', 'unless', 'if'].includes(w.lower))
        )
          add(k, 'THREAT');
        continue;
      case 'deny':
      case 'reject':
      case 'dismiss': {
        const accus = window.some(
          (w) =>
            ACCUSATION_NOUNS.has(w) ||
            w === 'that' ||
            w === 'any' ||
            w.endsWith('ing') ||
            WRONGDOING_WORDS.has(w),
        );
        const demand = window.slice(0, 4).some((w) => DEMAND_NOUNS.has(w) || LEGAL_NOUNS.has(w));
        if (demand) add(k, 'REJECTION');
        else if (
          accus &&
          (lemma !== 'deny' ||
            !window.some((w) =>
              ['access', 'accreditation', 'entry', 'visa', 'visas', 'licence', 'license'].includes(
                w,
              ),
            ))
        )
          add(k, 'DENIAL');
        else if (lemma === 'deny') add(k, 'MEASURE');
        else if (lemma === 'reject') add(k, 'CRITICISM');
        continue;
      }
      case 'refuse':
      case 'decline':
        // "refused to renew the licence", "declined to accredit": a licence withheld.
        if (
          window
            .slice(0, 3)
            .some((w) =>
              ['renew', 'extend', 'grant', 'issue', 'accredit', 'register'].includes(w),
            ) &&
          window.some(
            (w) =>
              [
                'licence',
                'license',
                'accreditation',
                'credentials',
                'visa',
                'visas',
                'registration',
                'journalists',
                'correspondent',
                'correspondents',
              ].includes(w) || w === 'accredit',
          )
        ) {
          add(k, 'LEGAL_DESIGNATION');
          continue;
        }
        break;
      case 'uphold':
        // A court upholding a measure refuses the challenge to it.
        add(k, 'REJECTION');
        continue;
      case 'rule':
      case 'find':
      case 'declare':
        // "The court ruled that the ban violated free speech": a measure struck down.
        if (
          window.includes('that') &&
          a.tokens
            .slice(k + 1, to)
            .some((w) => UNLAWFUL_WORDS.has(w.lower) || UNLAWFUL_WORDS.has(w.lemma))
        ) {
          add(k, 'EASING');
          continue;
        }
        if (lemma === 'declare' && window.some((w) => DESIGNATION_WORDS.includes(w))) {
          add(k, 'LEGAL_DESIGNATION');
        }
        continue;
      case 'appeal':
        // "appeal to a higher court" goes to court; "appeal to the government" asks it.
        if (
          next === 'to' &&
          window
            .slice(0, 7)
            .some((w) => ['court', 'courts', 'bench', 'tribunal', 'judge', 'judges'].includes(w))
        )
          add(k, 'LEGAL_ACTION');
        else if (next === 'to' || next === 'for') add(k, 'APPEAL');
        else if (
          window.some((w) =>
            ['against', 'court', 'ruling', 'decision', 'ban', 'verdict'].includes(w),
          )
        )
          add(k, 'LEGAL_ACTION');
        else add(k, 'APPEAL');
        continue;
      case 'challenge':
        // A challenge of a decision is taken to court: "would challenge the fine".
        if (
          window.some((w) => ['court', 'legal', 'lawsuit'].includes(w)) ||
          lowerAt(a, k - 1) === 'legal' ||
          (t.pos === 'VERB' &&
            window
              .slice(0, 4)
              .some(
                (w) =>
                  MEASURE_NOUNS.has(w) ||
                  ['it', 'them', 'fine', 'fines', 'penalties', 'penalty', 'law'].includes(w),
              ))
        )
          add(k, 'LEGAL_ACTION');
        continue;
      case 'go':
        if (window.slice(0, 2).join(' ') === 'to court') add(k, 'LEGAL_ACTION');
        continue;
      case 'file':
      case 'lodge':
      case 'bring':
        if (
          window
            .slice(0, 4)
            .some((w) =>
              ['lawsuit', 'suit', 'complaint', 'case', 'appeal', 'challenge', 'claim'].includes(w),
            )
        )
          add(k, 'LEGAL_ACTION');
        continue;
      case 'take':
        if (window.slice(0, 6).includes('court')) add(k, 'LEGAL_ACTION');
        else if (next === 'down' || window.slice(0, 4).includes('down')) add(k, 'MEASURE');
        else if (window.slice(0, 3).includes('air') || window.slice(0, 3).includes('off'))
          add(k, 'MEASURE');
        continue;
      case 'charge':
        if (
          next === 'with' ||
          window
            .slice(0, 3)
            .some((w) => ['journalist', 'journalists', 'reporter', 'editor'].includes(w))
        )
          add(k, 'ARREST');
        continue;
      case 'sentence':
        if (t.pos === 'VERB') add(k, 'ARREST');
        continue;
      case 'quit':
      case 'leave':
      case 'abandon':
      case 'boycott':
        // "NPR quits Twitter": leaving a platform is a symbolic act of protest.
        if (kindAt(k + 1) === 'PLATFORM') add(k, 'PROTEST_ACTION');
        else if (lemma === 'boycott') add(k, 'PROTEST_ACTION');
        continue;
      case 'switch':
      case 'shut':
      case 'cut':
        if (window.slice(0, 4).some((w) => w === 'off' || w === 'down')) add(k, 'MEASURE');
        continue;
      case 'stop':
      case 'cease':
      case 'end':
        if (
          window
            .slice(0, 4)
            .some((w) =>
              [
                'selling',
                'accepting',
                'serving',
                'running',
                'carrying',
                'broadcasting',
                'recommending',
                'showing',
                'distributing',
                'airing',
              ].includes(w),
            )
        )
          add(k, 'MEASURE');
        else if (
          window.slice(0, 2).some((w) => ['posting', 'tweeting', 'using', 'publishing'].includes(w))
        )
          add(k, 'PROTEST_ACTION');
        continue;
      case 'recommend':
      case 'amplify':
      case 'promote':
        if (
          a.tokens
            .slice(Math.max(from, k - 3), k)
            .some((x) => x.lower === 'longer' || x.lower === 'not' || x.lower === 'stop')
        )
          add(k, 'MEASURE');
        continue;
      case 'designate':
      case 'brand':
      case 'list':
      case 'add':
      case 'recognise':
      case 'recognize':
      case 'name':
      case 'label':
      case 'register':
        if (window.some((w) => DESIGNATION_WORDS.includes(w))) {
          add(k, 'LEGAL_DESIGNATION');
          continue;
        }
        break;
      case 'give':
      case 'pledge':
      case 'promise':
      case 'allocate':
      case 'spend':
      case 'transfer':
      case 'fund':
      case 'grant':
        // Money given: an amount, or money named as such ("those funds"); not "gives it until
        // January 19", not "grants account for 1%".
        if (
          moneyAfter(k) ||
          window.slice(0, 5).some((w) => ['money', 'funds', 'proceeds', 'revenue'].includes(w))
        ) {
          add(k, 'DONATION');
          continue;
        }
        break;
      case 'contribute':
      case 'contribution':
      case 'donation':
        // "journalists who contribute to RFE/RL", "asked readers for donations": only money
        // that changes hands is a donation.
        if (moneyAfter(k) || lowerAt(a, k - 1) === "'s" || next === 'of' || next === 'from')
          add(k, 'DONATION');
        continue;
      default:
        break;
    }
    // "switched off the stations to stop them broadcasting": a purpose, not a second measure.
    if (lowerAt(a, k - 1) === 'to' && out.some((p) => p.cls === 'MEASURE' && p.i >= k - 12))
      continue;
    const entries = TRIGGERS.get(lemma) ?? TRIGGERS.get(t.lower);
    if (!entries) {
      // "X said the decision was an attack on free speech": a criticism without a criticism verb.
      if (
        SPEECH_VERBS.has(t.lemma) &&
        t.pos === 'VERB' &&
        window.some((w) => NEGATIVE_WORDS.has(w)) &&
        !window.some((w) => TRIGGERS.has(w))
      )
        add(k, 'CRITICISM');
      else if (
        SPEECH_VERBS.has(t.lemma) &&
        t.pos === 'VERB' &&
        window.some((w) => WRONGDOING_WORDS.has(w))
      )
        add(k, 'ACCUSATION');
      continue;
    }
    for (const e of entries) {
      if (e.pos === 'VERB' && t.pos !== 'VERB' && t.pos !== 'ADJ') continue;
      if (e.pos === 'NOUN' && t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
      add(k, e.cls);
      break;
    }
  }
  // "in protest", "in solidarity" with nothing else done in the sentence: the act is symbolic.
  const solidarity = /\bin (?:solidarity|protest)\b/.exec(sentenceText);
  if (solidarity && out.length === 0)
    add(tokenAtChar(sentenceStart + solidarity.index), 'PROTEST_ACTION');
  out.sort((x, y) => x.i - y.i);
  // "threatened to block", "urged X to lift", "refused to remove": the second is the first's content.
  for (const t of out) {
    const prev = out.filter((p) => p.i < t.i && p.i >= t.i - 20 && p.governedBy === undefined);
    const gov = prev.reverse().find((p) => {
      const cls = p.cls === 'MEASURE' ? null : p.cls;
      if (!cls || !GOVERNORS.has(cls)) return false;
      const between = a.tokens.slice(p.i + 1, t.i).map((x) => x.lower);
      return (
        between.includes('to') ||
        between.includes('that') ||
        between.includes('would') ||
        between.at(-1)?.endsWith('ing') === true
      );
    });
    if (gov) t.governedBy = gov.i;
    // "lifts the suspension of X", "lifted Twitter's ban": the measure noun is what is undone.
    const undo = out.find((p) => p.cls === 'EASING' && p.i < t.i && p.i >= t.i - 4);
    if (!gov && undo && t.cls === 'MEASURE' && a.tokens[t.i]?.pos === 'NOUN') t.governedBy = undo.i;
  }
  // "the decision to ban", "plans to fine": one event, the measure's.
  return out;
}

/**
 * The token's lemma, or a form of it the trigger table knows: wink reads "fined" as "fin" and
 * leaves some inflections alone, so a few regular English endings are tried too.
 */
function triggerLemma(t: { lemma: string; lower: string }): string {
  if (TRIGGERS.has(t.lemma) || KNOWN_LEMMAS.has(t.lemma)) return t.lemma;
  const w = t.lower;
  const forms = [
    w,
    w.replace(/d$/, ''),
    w.replace(/ed$/, ''),
    w.replace(/ied$/, 'y'),
    w.replace(/es$/, ''),
    w.replace(/s$/, ''),
    w.replace(/ing$/, ''),
    w.replace(/ing$/, 'e'),
    w.replace(/([^aeiou])\1ed$/, '$1'),
  ];
  return forms.find((f) => TRIGGERS.has(f) || KNOWN_LEMMAS.has(f)) ?? t.lemma;
}

/** Lemmas the switch in sentenceTriggers decides, beside the trigger table's. */
const KNOWN_LEMMAS = new Set([
  'contribute',
  'contribution',
  'donation',
  'go',
  'quit',
  'leave',
  'abandon',
  'boycott',
  'warning',
  'protest',
  'call',
  'hope',
  'move',
  'measure',
  'step',
  'action',
  'ask',
  'warn',
  'reject',
  'dismiss',
  'refuse',
  'uphold',
  'rule',
  'find',
  'declare',
  'challenge',
  'file',
  'lodge',
  'bring',
  'take',
  'charge',
  'sentence',
  'switch',
  'shut',
  'cut',
  'stop',
  'cease',
  'end',
  'recommend',
  'amplify',
  'promote',
  'designate',
  'brand',
  'list',
  'add',
  'recognise',
  'recognize',
  'name',
  'give',
  'pledge',
  'promise',
  'allocate',
  'spend',
  'transfer',
  'fund',
  'grant',
]);

function draftFor(
  a: Analysed,
  f: ActorFindings,
  t: Trigger,
  triggers: Trigger[],
  byToken: Map<number, Mention>,
  from: number,
  to: number,
): Draft | null {
  const tok = a.tokens[t.i];
  if (!tok) return null;
  const isNoun = tok.pos === 'NOUN' || tok.pos === 'PROPN';
  // "the ban", "this decision" with nothing of its own: a reference to an earlier event.
  const prevWord = lowerAt(a, t.i - 1);
  const { left, right } = clauseBounds(a, t.i, from, to, triggers);
  const after = mentionsIn(right.from, right.to, byToken);
  const governed = triggers.filter((x) => x.governedBy === t.i);
  const passive = !isNoun && isPassive(a, t.i);
  // "dismissed a petition", "rejected an appeal": the noun is what the other act is about.
  if (isNoun && t.cls !== 'MEASURE') {
    const verb = triggers.find(
      (x) => x.i < t.i && x.i >= t.i - 4 && a.tokens[x.i]?.pos === 'VERB' && x.cls !== t.cls,
    );
    if (verb && !a.tokens.slice(verb.i + 1, t.i).some((w) => w.pos === 'ADP')) return null;
  }
  // "blasts Twitter's move", "criticised the ban": the measure is what is spoken of, not news.
  if (isNoun && t.cls === 'MEASURE') {
    const speech = triggers.find(
      (x) =>
        x.i < t.i &&
        x.i >= t.i - 5 &&
        x.cls !== 'MEASURE' &&
        SPEECH_ACTS.has(x.cls) &&
        !a.tokens.slice(x.i + 1, t.i).some((w) => w.pos === 'ADP'),
    );
    if (speech) return null;
  }

  let agents: Mention[] = [];
  let targets: Mention[] = [];
  const byIdx = after.findIndex((m) => prepBefore(a, m) === 'by');
  if (passive || isNoun) {
    if (byIdx >= 0) agents = group(a, after, byIdx);
  }
  if (isNoun) {
    const owner = possessorBefore(a, t.i, byToken);
    if (owner) agents = [owner];
    targets = after.filter((m) => !agents.includes(m) && !isPossessorOfMention(a, m, byToken));
    if (ANAPHORS.has(prevWord) && agents.length === 0 && targets.length === 0) return null;
    // "US moves", "EU sanctions": a state or body right before the noun acts.
    const adj = byToken.get(t.i - 1);
    if (
      agents.length === 0 &&
      adj &&
      !adj.possessive &&
      ['STATE', 'GOVERNMENT_BODY', 'PLATFORM'].includes(f.actors.get(adj.key)?.kind ?? '')
    )
      agents = [adj];
    // A measure noun counts only with a participant of its own: "Twitter's ban", "the ban on
    // RT", "sanctions against Sputnik"; a bare "despite sanctions" reports nothing.
    const direct = after.filter(
      (m) =>
        m.from <= t.i + 4 &&
        ['on', 'against', 'of', 'from', 'to', 'by'].includes(lowerAt(a, m.from - 1)),
    );
    const light = a.tokens
      .slice(Math.max(left.from, t.i - 4), t.i)
      .some((w) => w.pos === 'VERB' && LIGHT_VERBS.has(w.lemma));
    if (t.cls === 'MEASURE' && agents.length === 0 && direct.length === 0 && !light) return null;
    // "X imposed a ban on Y", "X vows retaliation": the verb's subject acts.
    if (agents.length === 0) agents = subjectBefore(a, f, t.i, left.from, byToken);
    targets = targets.filter((m) => !agents.some((x) => x.key === m.key));
  }
  if (passive) {
    const subj = subjectBefore(a, f, t.i, left.from, byToken);
    targets = subj;
    if (agents.length === 0) {
      const place = after.find(
        (m) => lowerAt(a, m.from - 1) === 'in' && f.actors.get(m.key)?.kind === 'STATE',
      );
      if (place) agents = [place];
    }
  } else if (!isNoun) {
    // "X regrets Y and hopes Z", "X banned Y, accusing it of Z": the verb shares the clause's
    // subject.
    const shared =
      lowerAt(a, t.i - 1) === 'and' ||
      lowerAt(a, t.i - 1) === 'but' ||
      (lowerAt(a, t.i - 1) === ',' && (a.tokens[t.i]?.lower ?? '').endsWith('ing'));
    agents = shared ? subjectBefore(a, f, firstVerb(a, from, t.i), from, byToken) : [];
    if (agents.length === 0) agents = subjectBefore(a, f, t.i, left.from, byToken);
    targets = after.filter(
      (m) =>
        !isPossessorOfMention(a, m, byToken) &&
        !(
          lowerAt(a, m.from - 1) === 'in' &&
          f.actors.get(m.key)?.kind === 'STATE' &&
          after.length > 1
        ),
    );
  }
  // '"We regret it," Peskov said': a speaker named after what was said. Not for a passive
  // ("was arrested, her lawyer said"), whose agent the speaker is not.
  if (agents.length === 0 && !isNoun && !passive) {
    const speaker = quotedSpeaker(a, t.i, from, to, byToken);
    if (speaker) agents = [speaker];
  }
  if (t.cls !== 'MEASURE' && SPEECH_ACTS.has(t.cls)) {
    const speaker = quotedSpeaker(a, t.i, from, to, byToken);
    if (
      speaker &&
      !agents.some((m) => m.key === speaker.key) &&
      !targets.some((m) => m.key === speaker.key)
    )
      agents = [...agents, speaker];
  }
  let cls = t.cls;
  // The content of a governed trigger gives the governor its targets: "threatened to block X".
  for (const g of governed) {
    const gb = clauseBounds(a, g.i, from, to, triggers);
    const extra = mentionsIn(gb.right.from, gb.right.to, byToken).filter(
      (m) => !isPossessorOfMention(a, m, byToken),
    );
    if (cls === 'APPEAL' || cls === 'REJECTION') continue;
    for (const m of extra) if (!targets.some((x) => x.key === m.key)) targets.push(m);
  }
  targets = targets.filter((m) => !agents.some((x) => x.key === m.key));
  if (cls === 'STATEMENT') targets = [];
  // "appealed to the Court of Justice", "asked the court to annul": a court asked is a lawsuit.
  if (
    cls === 'APPEAL' &&
    targets.length > 0 &&
    targets.every((m) =>
      /\b(?:Court|court|Tribunal|tribunal)\b/.test(f.actors.get(m.key)?.name ?? ''),
    )
  ) {
    cls = 'LEGAL_ACTION';
    targets = [];
  }
  if (cls === 'DEMONSTRATION') {
    // "protests in Iran": the place is what the crowd stands against, not who marches.
    const where = ['in', 'through', 'across', 'outside', 'near', 'at'];
    const place = [...agents, ...after].filter(
      (m) => where.includes(lowerAt(a, m.from - 1)) && f.actors.get(m.key)?.kind === 'STATE',
    );
    agents = agents.filter((m) => !place.includes(m));
    // A city named as where the march went is a place, not the government it may stand for.
    targets = targets.filter((m) => !(m.via === 'metonym' && where.includes(prepBefore(a, m))));
    for (const m of place) if (!targets.includes(m)) targets.push(m);
  }
  if (cls === 'LEGAL_ACTION') {
    // "took the case to the European Court": the court is where, not whom.
    targets = targets.filter(
      (m) =>
        !(
          ['to', 'at', 'before', 'in', 'with'].includes(lowerAt(a, m.from - 1)) &&
          /\b(Court|Tribunal|court|tribunal)\b/.test(f.actors.get(m.key)?.name ?? '')
        ),
    );
  }
  if (cls === 'APPEAL') {
    // The addressee is who is asked: the first object, not what they are asked to act on.
    const to = targets.slice(0, 1);
    const rest = targets
      .slice(1)
      .filter((m) => lowerAt(a, m.from - 1) === 'and' || lowerAt(a, m.from - 1) === ',');
    targets = [...to, ...rest.filter((m) => m.from < (governed[0]?.i ?? Infinity))];
  }
  let type: EventType;
  if (cls === 'MEASURE') {
    const resolved = measureType(a, f, t.i, right.to, agents, targets);
    if (!resolved) return null;
    type = resolved;
  } else {
    type = cls;
  }
  if (type === 'ELECTION') {
    const country = [...mentionsIn(Math.max(from, t.i - 4), t.i, byToken)].filter(
      (m) =>
        f.actors.get(m.key)?.kind === 'STATE' || f.actors.get(m.key)?.kind === 'GOVERNMENT_BODY',
    );
    agents = country.slice(-1);
    targets = [];
    const years = a.tokens
      .slice(Math.max(from, t.i - 5), t.i)
      .some((x) => /^(19|20)\d\d$/.test(x.text));
    if (agents.length === 0 && !years) return null;
  } else if (type === 'DEMONSTRATION') {
    if (agents.length === 0 && targets.length === 0) return null;
  } else if (agents.length === 0 && targets.length === 0) {
    return null;
  } else if (agents.length === 0 && SPEECH_ACTS.has(type)) {
    // A statement with no one to say it is noise: quotes whose speaker the text does not name.
    return null;
  }
  const subjectEnd = agents.filter((m) => m.to <= t.i).reduce((n, m) => Math.max(n, m.to), -1);
  const modality = modalityOf(
    a,
    t.i,
    subjectEnd >= 0 ? subjectEnd : Math.max(left.from, t.i - 8),
    type,
  );
  const start = Math.min(a.tokens[from]?.start ?? 0, ...agents.map((m) => m.start));
  const sEnd = a.tokens[to - 1]?.end ?? 0;
  const confidence =
    Math.round(
      (0.75 -
        (agents.length === 0 ? 0.15 : 0) -
        (cls === 'MEASURE' ? 0.05 : 0) -
        ([...agents, ...targets].some((m) => f.actors.get(m.key)?.origin === 'article')
          ? 0.1
          : 0)) *
        100,
    ) / 100;
  return {
    type,
    modality,
    confidence,
    sentence: tok.sentence,
    trigger: t.i,
    agents: unique(agents),
    targets: unique(targets),
    spans: [[start, sEnd]],
    refersBack: false,
  };
}

function unique(ms: Mention[]): Mention[] {
  const seen = new Set<string>();
  return ms.filter((m) => (seen.has(m.key) ? false : (seen.add(m.key), true)));
}

function clauseBounds(a: Analysed, i: number, from: number, to: number, triggers: Trigger[]) {
  let l = i;
  while (l > from) {
    const w = lowerAt(a, l - 1);
    if (w === ';' || w === '—' || w === '–' || w === '“' || w === '”' || w === '"') break;
    l--;
  }
  let r = i + 1;
  const otherTriggers = new Set(
    triggers.filter((x) => x.i > i && x.governedBy !== i).map((x) => x.i),
  );
  while (r < to) {
    const w = lowerAt(a, r);
    if (CLAUSE_STOPS.has(w) && !(w === 'as' && lowerAt(a, r + 1) !== 'it')) break;
    if (
      w === 'in' &&
      ['response', 'retaliation', 'reply', 'protest', 'solidarity', 'reaction'].includes(
        lowerAt(a, r + 1),
      )
    )
      break;
    if (otherTriggers.has(r)) break;
    if (
      w === 'and' &&
      a.tokens[r + 1] &&
      (a.tokens[r + 1]?.pos === 'VERB' || a.tokens[r + 1]?.pos === 'AUX')
    )
      break;
    if (
      w === ',' &&
      ['and', 'but', 'which', 'who', 'saying', 'adding', 'while', 'although'].includes(
        lowerAt(a, r + 1),
      )
    )
      break;
    const tok = a.tokens[r];
    if (tok && tok.pos === 'VERB' && SPEECH_VERBS.has(tok.lemma) && r > i + 1) break;
    r++;
  }
  return { left: { from: l, to: i }, right: { from: i + 1, to: r } };
}

function mentionsIn(from: number, to: number, byToken: Map<number, Mention>): Mention[] {
  const out: Mention[] = [];
  const seen = new Set<Mention>();
  for (let k = from; k < to; k++) {
    const m = byToken.get(k);
    if (m && !seen.has(m)) {
      seen.add(m);
      out.push(m);
    }
  }
  return out;
}

/** "Russia's RT": Russia modifies the mention after it, it is not a participant of its own. */
function isPossessorOfMention(a: Analysed, m: Mention, byToken: Map<number, Mention>): boolean {
  if (!m.possessive) return false;
  const next = m.to + 1;
  return (
    byToken.has(next) ||
    (byToken.has(next + 1) && /^[A-Za-z]/.test(lowerAt(a, next)) && a.tokens[next]?.pos !== 'NOUN')
  );
}

function possessorBefore(a: Analysed, i: number, byToken: Map<number, Mention>): Mention | null {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const w = a.tokens[k];
    if (!w) break;
    if (w.lower === "'s" || w.lower === '’s' || w.lower === "'" || w.lower === '’') {
      const m = byToken.get(k - 1);
      return m ?? null;
    }
    const m = byToken.get(k);
    if (m && m.possessive) return m;
    if (w.pos !== 'ADJ' && w.pos !== 'NOUN' && w.pos !== 'PROPN') break;
  }
  return null;
}

function isPassive(a: Analysed, i: number): boolean {
  const t = a.tokens[i];
  if (!t || !/(ed|en|wn|ut|ck|id)$/.test(t.lower) || t.lower === t.lemma) {
    // irregular participles the suffix test misses: "shut", "withdrawn" pass; "ban" (present) fails
    if (!t || !['shut', 'cut', 'put', 'set', 'hit'].includes(t.lower)) return false;
  }
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const w = lowerAt(a, k);
    if (BE.has(w)) return true;
    if (!SKIP_BETWEEN.has(w) && a.tokens[k]?.pos !== 'ADV') return false;
  }
  return false;
}

/** The clause's first verb: "X regrets Y and hopes Z" shares X. */
function firstVerb(a: Analysed, from: number, to: number): number {
  for (let k = from; k < to; k++) if (a.tokens[k]?.pos === 'VERB') return k;
  return to;
}

/** The subject: the nearest actor before the trigger that is not the object of a preposition. */
function subjectBefore(
  a: Analysed,
  f: ActorFindings,
  i: number,
  from: number,
  byToken: Map<number, Mention>,
): Mention[] {
  let k = i - 1;
  while (k >= from) {
    const m = byToken.get(k);
    if (m) {
      const prep = lowerAt(a, coordinationStart(a, m, byToken) - 1);
      const objectOfPrep =
        OBJECT_PREPS.has(prep) && !(prep === 'to' && lowerAt(a, m.from - 2) === 'according');
      const possessorOfName = isPossessorOfMention(a, m, byToken);
      if (!objectOfPrep && !possessorOfName) return group(a, mentionsIn(from, m.to, byToken), -1);
      k = m.from - 1;
      continue;
    }
    k--;
  }
  return [];
}

/** The word before a mention, past a determiner: "by the Commission" -> "by". */
function prepBefore(a: Analysed, m: Mention): string {
  const w = lowerAt(a, m.from - 1);
  return ['the', 'a', 'an', 'its', 'their'].includes(w) ? lowerAt(a, m.from - 2) : w;
}

/** Where a coordination "X, Y and Z" that ends in this mention starts. */
function coordinationStart(a: Analysed, m: Mention, byToken: Map<number, Mention>): number {
  let start = m.from;
  for (;;) {
    const w = lowerAt(a, start - 1);
    if (w !== 'and' && w !== ',' && w !== 'or') return start;
    const prev = byToken.get(start - 2);
    if (!prev) return start;
    start = prev.from;
  }
}

/** A mention and the ones coordinated with it: "RT and Sputnik". idx -1: the last. */
function group(a: Analysed, ms: Mention[], idx: number): Mention[] {
  const at = idx < 0 ? ms.length - 1 : idx;
  const head = ms[at];
  if (!head) return [];
  const out = [head];
  if (idx < 0) {
    for (let k = at - 1; k >= 0; k--) {
      const m = ms[k];
      const nextM = out[0];
      if (!m || !nextM) break;
      const between = a.tokens.slice(m.to, nextM.from).map((x) => x.lower);
      if (between.length <= 2 && between.every((w) => w === 'and' || w === ',' || w === 'or'))
        out.unshift(m);
      else break;
    }
  } else {
    for (let k = at + 1; k < ms.length; k++) {
      const m = ms[k];
      const prev = out[out.length - 1];
      if (!m || !prev) break;
      const between = a.tokens.slice(prev.to, m.from).map((x) => x.lower);
      if (between.length <= 2 && between.every((w) => w === 'and' || w === ',' || w === 'or'))
        out.push(m);
      else break;
    }
  }
  return out;
}

/** '"We regret it," Peskov said.' — the speaker named after the quote. */
const INVERTED_REPORTING = new Set([
  'say',
  'add',
  'write',
  'note',
  'explain',
  'conclude',
  'tell',
  'insist',
  'state',
  'comment',
  'reply',
]);

function quotedSpeaker(
  a: Analysed,
  i: number,
  from: number,
  to: number,
  byToken: Map<number, Mention>,
): Mention | null {
  for (let k = i + 1; k < to; k++) {
    const t = a.tokens[k];
    if (!t || t.pos !== 'VERB' || !SPEECH_VERBS.has(t.lemma)) continue;
    for (let j = k - 1; j >= Math.max(from, k - 3); j--) {
      const m = byToken.get(j);
      // "money from Moscow and called it": the object of a preposition does not speak.
      if (m && !OBJECT_PREPS.has(lowerAt(a, m.from - 1))) return m;
      if (m) break;
    }
    // "said Kremlin spokesman Dmitry Peskov": only a verb of reporting is inverted so; "called
    // on the authorities" names whom, not who.
    if (!INVERTED_REPORTING.has(t.lemma)) continue;
    for (let j = k + 1; j < Math.min(to, k + 6); j++) {
      const m = byToken.get(j);
      if (m) return m;
      if (a.tokens[j]?.pos === 'ADP' || a.tokens[j]?.pos === 'VERB') break;
    }
  }
  return null;
}

function measureType(
  a: Analysed,
  f: ActorFindings,
  i: number,
  end: number,
  agents: Mention[],
  targets: Mention[],
): EventType | null {
  const tok = a.tokens[i];
  const lemma = tok ? triggerLemma(tok) : '';
  const win = a.tokens
    .slice(Math.max(0, i - 2), Math.min(a.tokens.length, end + 1))
    .map((x) => x.lower);
  const objectWords = a.tokens.slice(i + 1, Math.min(a.tokens.length, i + 5)).map((x) => x.lower);
  // Undoing a measure: "revoked the ban", "suspended the restrictions", "dropped the case".
  if (
    [
      'revoke',
      'cancel',
      'suspend',
      'withdraw',
      'drop',
      'terminate',
      'remove',
      'end',
      'halt',
      'freeze',
    ].includes(lemma) &&
    objectWords.slice(0, 5).some((w) => MEASURE_NOUNS.has(w) && w !== 'status')
  ) {
    return 'EASING';
  }
  const kindOf = (ms: Mention[]) => ms.map((m) => f.actors.get(m.key)?.kind);
  const agentKinds = kindOf(agents);
  const targetKinds = kindOf(targets);
  const agentIsPlatform = agentKinds.includes('PLATFORM');
  const has = (words: string[]) => win.some((w) => words.includes(w));
  if (
    [
      'fine',
      'penalise',
      'penalize',
      'sanction',
      'penalty',
      'embargo',
      'freeze',
      'move',
      'measure',
      'step',
      'action',
    ].includes(lemma)
  )
    return 'RESTRICTIVE_MEASURE';
  for (const [type, words] of OBJECT_CUES) {
    if (!has(words)) continue;
    if (type === 'BROADCAST_BAN' && agentIsPlatform) continue;
    if (
      type === 'ACCOUNT_RESTRICTION' &&
      !agentIsPlatform &&
      !targetKinds.includes('MEDIA_OUTLET') &&
      !targetKinds.includes('PERSON')
    )
      continue;
    if (
      type === 'ACCOUNT_RESTRICTION' &&
      !agentIsPlatform &&
      agentKinds.some((k) => k === 'GOVERNMENT_BODY' || k === 'STATE')
    ) {
      // A state ordering an outlet's content removed: the state's measure against the outlet.
      return targetKinds.includes('PLATFORM') ? 'PLATFORM_BLOCKING' : 'BROADCAST_BAN';
    }
    if (type === 'PLATFORM_BLOCKING' && !targetKinds.includes('PLATFORM')) continue;
    if (type === 'LEGAL_DESIGNATION' && agentIsPlatform) continue;
    return type;
  }
  if (win.some((w) => DESIGNATION_WORDS.includes(w)) && !agentIsPlatform)
    return 'LEGAL_DESIGNATION';
  if (agentIsPlatform) return 'ACCOUNT_RESTRICTION';
  if (targetKinds.includes('PLATFORM')) return 'PLATFORM_BLOCKING';
  if (targetKinds.includes('MEDIA_OUTLET')) {
    if (
      [
        'close',
        'shut',
        'expel',
        'strip',
        'revoke',
        'withdraw',
        'closure',
        'expulsion',
        'revocation',
        'evict',
      ].includes(lemma)
    )
      return 'LEGAL_DESIGNATION';
    return 'BROADCAST_BAN';
  }
  if (targets.length === 0 && agents.length === 0) return null;
  if (targetKinds.includes('PERSON') && ['ban', 'bar', 'expel', 'deny'].includes(lemma))
    return 'LEGAL_DESIGNATION';
  return targets.length > 0 ? 'RESTRICTIVE_MEASURE' : null;
}

function modalityOf(a: Analysed, i: number, from: number, type: EventType): Modality {
  const before = a.tokens.slice(Math.max(from, i - 30), i).map((x) => x.lower);
  const sentence = a.tokens.filter((t) => t.sentence === a.tokens[i]?.sentence).map((x) => x.lower);
  if (before.some((w) => ALLEGED_WORDS.has(w))) return 'ALLEGED';
  const near = before.slice(-4);
  const negated =
    near.some((w) => w === 'not' || w === "n't" || w === 'never') &&
    !(near.includes('longer') || near.includes('only'));
  if (isSpeechAct(type))
    return negated && type !== 'DENIAL' && type !== 'REJECTION' ? 'DENIED' : 'ASSERTED';
  if (negated) return 'DENIED';
  if (
    before.includes('if') ||
    before.includes('unless') ||
    before.includes('could') ||
    before.includes('might') ||
    (before.includes('may') && !before.includes('in')) ||
    (before.includes('would') && sentence.includes('if'))
  )
    return 'HYPOTHETICAL';
  if (
    before.some(
      (w) =>
        PLEDGE_WORDS.has(w) && w !== 'decided' && w !== 'decide' && w !== 'decides' && w !== 'set',
    )
  )
    return 'PLEDGED';
  if (
    near.includes('to') &&
    before.some((w) => ['set', 'decided', 'decides', 'decide'].includes(w)) &&
    near.includes('set')
  )
    return 'PLEDGED';
  return 'ASSERTED';
}

/**
 * A reaction that names no one it reacts to ("RT criticised the change") is aimed at whoever
 * took the measure it reacts to: the last measure before it, or the article's main measure.
 */
function fillImplicitTargets(drafts: Draft[], f: ActorFindings) {
  for (const d of drafts) {
    // Statements aim at no one; accusations name whom they accuse.
    if (d.type === 'STATEMENT') continue;
    if (!isSpeechAct(d.type) && d.type !== 'PROTEST_ACTION' && d.type !== 'LEGAL_ACTION') continue;
    if (
      d.targets.length > 0 &&
      !d.targets.every(
        (t) =>
          f.actors.get(t.key)?.kind === 'MEDIA_OUTLET' &&
          d.agents.some((x) => f.actors.get(x.key)?.kind === 'MEDIA_OUTLET'),
      )
    )
      continue;
    // A denial answers an accusation, or else whatever charge the article reported before it.
    const accused = drafts.some((x) => x.type === 'ACCUSATION' && x.sentence <= d.sentence);
    const wanted =
      d.type === 'DENIAL'
        ? accused
          ? (x: Draft) => x.type === 'ACCUSATION'
          : (x: Draft) =>
              ['CRITICISM', 'LEGAL_ACTION', 'INVESTIGATION', 'ARREST'].includes(x.type) ||
              isMeasure(x.type)
        : d.type === 'REJECTION'
          ? (x: Draft) => ['APPEAL', 'THREAT', 'LEGAL_ACTION'].includes(x.type)
          : (x: Draft) => isMeasure(x.type) || x.type === 'ARREST';
    const own = new Set(d.agents.map((m) => m.key));
    // Not a measure the speaker took itself: "Twitter said it was concerned by the block" is
    // aimed at whoever blocked Twitter, not at Twitter's own removal of a post.
    const fits = (x: Draft) =>
      x !== d && wanted(x) && x.agents.length > 0 && x.agents.some((m) => !own.has(m.key));
    const earlier = drafts.filter((x) => fits(x) && x.sentence <= d.sentence);
    const src = earlier.at(-1) ?? drafts.find(fits);
    if (!src) continue;
    const t = src.agents.filter((m) => !own.has(m.key));
    if (t.length > 0 && d.targets.length === 0) {
      d.targets = t;
      d.refersBack = true;
    }
  }
}

/**
 * "suspended the licences of six channels, accusing them of ...": an accusation whose object is a
 * pronoun for the measure's targets (which resolution cannot tell from its agent) accuses the
 * targets of the measure its agent took in that sentence.
 */
function accusedAsMeasured(drafts: Draft[]) {
  for (const d of drafts) {
    if (d.type !== 'ACCUSATION' || d.targets.length > 0 || d.agents.length === 0) continue;
    const m = drafts.find(
      (x) =>
        isMeasure(x.type) &&
        x.sentence === d.sentence &&
        x.agents.some((g) => d.agents.some((h) => h.key === g.key)),
    );
    if (m) d.targets = [...m.targets];
  }
}

/**
 * "If the company does not comply, it will be blocked": a measure made to depend on the target's
 * conduct is a THREAT (comply or else), not a hypothetical measure of its own.
 */
function conditionalsAsThreats(a: Analysed, drafts: Draft[]) {
  for (const d of drafts) {
    if (!isMeasure(d.type) || (d.modality !== 'HYPOTHETICAL' && d.modality !== 'PLEDGED')) continue;
    const s = a.sentences[d.sentence];
    if (!s) continue;
    const text = a.text.slice(s.start, s.end).toLowerCase();
    if (!/\bunless\b|\bif\b|\bor (?:face|be|risk)\b/.test(text)) continue;
    if (d.agents.length === 0 && d.targets.length === 0) continue;
    d.type = 'THREAT';
    d.modality = 'ASSERTED';
  }
}

/**
 * "banned the channels for spreading disinformation": the grounds a measure states are its
 * agent's accusation against its targets, unless the sentence already codes one.
 */
function groundsAsAccusations(a: Analysed, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    if (!isMeasure(d.type) || d.agents.length === 0 || d.targets.length === 0) continue;
    if (drafts.some((x) => x.type === 'ACCUSATION' && Math.abs(x.sentence - d.sentence) <= 0))
      continue;
    const s = a.sentences[d.sentence];
    if (!s) continue;
    const words = a.tokens.slice(d.trigger + 1, s.to);
    const cue = words.findIndex((w) =>
      ['for', 'over', 'citing', 'accusing', 'alleging'].includes(w.lower),
    );
    if (cue < 0) continue;
    const rest = words.slice(cue + 1, cue + 12);
    if (!rest.some((w) => WRONGDOING_WORDS.has(w.lower) || WRONGDOING_WORDS.has(w.lemma))) continue;
    out.push({
      ...d,
      type: 'ACCUSATION',
      modality: 'ASSERTED',
      confidence: Math.max(0.3, d.confidence - 0.15),
      agents: [...d.agents],
      targets: [...d.targets],
      spans: [...d.spans],
    });
  }
  return out;
}

const STATEMENT_VERBS = new Set([
  'say',
  'tell',
  'state',
  'announce',
  'explain',
  'add',
  'note',
  'comment',
  'insist',
  'argue',
  'write',
  'stress',
  'confirm',
  'declare',
  'maintain',
  'reply',
  'respond',
]);

/**
 * Anything else a named actor says in public is a STATEMENT: a sentence with a speech verb and
 * no other event, whose speaker is not the agent of an event of the sentence before or after.
 */
function statements(
  a: Analysed,
  f: ActorFindings,
  drafts: Draft[],
  byToken: Map<number, Mention>,
): Draft[] {
  const out: Draft[] = [];
  for (const s of a.sentences) {
    for (let k = s.from; k < s.to; k++) {
      const t = a.tokens[k];
      if (!t || t.pos !== 'VERB' || !STATEMENT_VERBS.has(t.lemma)) continue;
      let speaker: Mention[] = subjectBefore(a, f, k, s.from, byToken).slice(-1);
      if (speaker.length === 0) {
        const q = quotedSpeaker(a, k - 1, s.from, s.to, byToken);
        if (q) speaker = [q];
      }
      const who = speaker[0];
      if (!who) continue;
      const kind = f.actors.get(who.key)?.kind;
      if (kind === 'STATE' && who.via !== 'metonym') continue;
      const busy = [...drafts, ...out].some(
        (d) =>
          d.sentence === s.index ||
          (d.agents.some((m) => m.key === who.key) && Math.abs(d.sentence - s.index) <= 1),
      );
      if (busy) continue;
      out.push({
        type: 'STATEMENT',
        modality: 'ASSERTED',
        confidence: 0.5,
        sentence: s.index,
        trigger: k,
        agents: [who],
        targets: [],
        spans: [[a.tokens[s.from]?.start ?? 0, a.tokens[s.to - 1]?.end ?? 0]],
        refersBack: false,
      });
      break;
    }
  }
  return out;
}

/**
 * "The pages were wiped" after "Facebook stopped ...": a measure that names no agent is the
 * last measure's agent's; "and will stop showing their posts" names no target of
 * its own and takes the last measure's by the same agent.
 */
function fillEllipsis(drafts: Draft[]) {
  drafts.forEach((d, n) => {
    if (!isMeasure(d.type) && d.type !== 'EASING') return;
    const prev = drafts
      .slice(0, n)
      .reverse()
      .find((x) => (isMeasure(x.type) || x.type === 'EASING') && d.sentence - x.sentence <= 2);
    if (!prev) return;
    if (d.agents.length === 0 && prev.agents.length > 0 && d.targets.length > 0) {
      d.agents = [...prev.agents];
      d.confidence = Math.max(0.3, d.confidence - 0.1);
    }
    if (d.targets.length === 0 && d.agents.some((m) => prev.agents.some((x) => x.key === m.key))) {
      d.targets = prev.targets.filter((m) => !d.agents.some((x) => x.key === m.key));
      d.confidence = Math.max(0.3, d.confidence - 0.1);
    }
  });
}

const overlap = (x: Mention[], y: Mention[]) =>
  x.length === 0 || y.length === 0 || x.some((m) => y.some((n) => n.key === m.key));

/** One real-world event once per article: a headline and the body that repeat it make one. */
function dedupe(drafts: Draft[], f: ActorFindings): Draft[] {
  const out: Draft[] = [];
  // A state and its own bodies tell one act apart only by how the text names the actor:
  // "China bans BBC" in the headline, "the regulator banned BBC" in the body.
  const related = (x: Mention, y: Mention) => {
    if (x.key === y.key) return true;
    const ax = f.actors.get(x.key);
    const ay = f.actors.get(y.key);
    if (!ax || !ay || !ax.country || ax.country !== ay.country) return false;
    return (
      (ax.kind === 'STATE') !== (ay.kind === 'STATE') ||
      ax.memberOf === ay.key ||
      ay.memberOf === ax.key
    );
  };
  const sameAgents = (x: Mention[], y: Mention[]) =>
    (x.length === 0 && y.length === 0) || x.some((m) => y.some((n) => related(m, n)));
  for (const d of drafts) {
    const same = out.find(
      (x) =>
        x.type === d.type &&
        x.modality === d.modality &&
        sameAgents(x.agents, d.agents) &&
        overlap(x.targets, d.targets),
    );
    if (!same) {
      out.push(d);
      continue;
    }
    for (const m of d.agents) if (!same.agents.some((x) => x.key === m.key)) same.agents.push(m);
    for (const m of d.targets) if (!same.targets.some((x) => x.key === m.key)) same.targets.push(m);
    for (const s of d.spans)
      if (!same.spans.some(([a0, b0]) => a0 === s[0] && b0 === s[1])) same.spans.push(s);
    same.confidence = Math.min(0.95, Math.max(same.confidence, d.confidence) + 0.05);
  }
  // Whoever is a target stays off the agents' side.
  for (const d of out) d.targets = d.targets.filter((m) => !d.agents.some((x) => x.key === m.key));
  return out;
}

export type { ArticleActor };
