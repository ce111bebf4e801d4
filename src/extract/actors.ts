// Who the article talks about. Names come from the gazetteer and the graph first, then from
// patterns of the field ("Russia's Foreign Ministry", "a Russian senator"), then from any other
// proper name; descriptions ("the regulator") and pronouns ("it", "he") are resolved to the actor
// they stand for in this article.
import nlpCompromise from 'compromise';
import type { ActorKind } from '../generated/graphql';
import { loadGazetteer, type GazetteerEntry } from './gazetteer';
import { DESCRIPTION_KINDS, NAME_HEADS, NOT_NAMES, OFFICE_WORDS } from './lexicon';
import type { Analysed, Token } from './nlp';
import type { KnownActor } from './types';

export type MentionVia = 'name' | 'metonym' | 'body' | 'office' | 'ner' | 'description' | 'pronoun';

export interface Mention {
  key: string;
  start: number;
  end: number;
  /** Token range [from, to). */
  from: number;
  to: number;
  sentence: number;
  via: MentionVia;
  /** Followed by 's: the mention modifies the noun after it. */
  possessive: boolean;
}

export interface ArticleActor {
  key: string;
  name: string;
  kind: ActorKind;
  country?: string;
  confidence: number;
  /** Where the actor came from: the graph, the gazetteer, or this article alone. */
  origin: 'graph' | 'gazetteer' | 'article';
  memberOf?: string;
  descriptions: string[];
}

export interface ActorFindings {
  actors: Map<string, ArticleActor>;
  /** Every mention, in text order, pronouns and descriptions resolved. */
  mentions: Mention[];
}

interface NameEntry {
  norm: string;
  key: string;
  via: 'name' | 'metonym';
  caseSensitive: boolean;
}

interface Index {
  byFirst: Map<string, NameEntry[]>;
  actors: Map<string, ArticleActor>;
  /** Demonym or country name (lower case) -> the state's entry. */
  states: Map<string, GazetteerEntry>;
  /** Country code -> demonym, to name bodies found by pattern. */
  demonymOf: Map<string, string>;
  entries: Map<string, GazetteerEntry>;
}

const norm = (s: string) => s.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').toLowerCase();
const firstWord = (s: string) => norm(s).split(/[\s']/)[0] ?? '';

let baseIndex: Index | null = null;

function addName(index: Index, name: string, key: string, via: NameEntry['via'], cs: boolean) {
  const n = norm(name.replace(/^the /i, ''));
  if (!n) return;
  const k = firstWord(n);
  const list = index.byFirst.get(k) ?? [];
  if (!list.some((e) => e.norm === n && e.key === key))
    list.push({ norm: n, key, via, caseSensitive: cs });
  list.sort((a, b) => b.norm.length - a.norm.length);
  index.byFirst.set(k, list);
}

function gazetteerIndex(): Index {
  if (baseIndex) return baseIndex;
  const index: Index = {
    byFirst: new Map(),
    actors: new Map(),
    states: new Map(),
    demonymOf: new Map(),
    entries: new Map(),
  };
  for (const e of loadGazetteer()) {
    index.entries.set(e.id, e);
    index.actors.set(e.id, {
      key: e.id,
      name: e.name.replace(/^the /, ''),
      kind: e.kind,
      ...(e.country ? { country: e.country } : {}),
      confidence: 0.9,
      origin: 'gazetteer',
      ...(e.memberOf ? { memberOf: e.memberOf } : {}),
      descriptions: [...(e.descriptions ?? [])],
    });
    const short = (s: string) => s.length <= 3 || e.ambiguous === true;
    addName(index, e.name, e.id, 'name', short(e.name));
    for (const a of e.aliases) addName(index, a, e.id, 'name', short(a));
    for (const m of e.metonyms ?? []) addName(index, m, e.id, 'metonym', true);
    if (e.kind === 'STATE') {
      index.states.set(norm(e.name), e);
      for (const a of e.aliases) index.states.set(norm(a), e);
      for (const d of e.demonyms ?? []) index.states.set(norm(d), e);
      const dem = e.demonyms?.[0];
      if (dem && e.country) index.demonymOf.set(e.country, dem);
    }
  }
  baseIndex = index;
  return index;
}

/** The gazetteer index with the graph's actors added; graph actors win their own names. */
function articleIndex(known: readonly KnownActor[]): Index {
  const base = gazetteerIndex();
  if (known.length === 0) return base;
  const index: Index = {
    byFirst: new Map([...base.byFirst].map(([k, v]) => [k, [...v]])),
    actors: new Map(base.actors),
    states: base.states,
    demonymOf: base.demonymOf,
    entries: base.entries,
  };
  for (const a of known) {
    if (!index.actors.has(a.id)) {
      index.actors.set(a.id, {
        key: a.id,
        name: a.name,
        kind: a.kind,
        ...(a.country ? { country: a.country } : {}),
        confidence: 0.9,
        origin: 'graph',
        descriptions: [],
      });
    }
    for (const n of [a.name, ...a.aliases]) {
      // A graph actor's alias may be a description ("the company"): only proper names index.
      if (!/[A-Z]/.test(n.replace(/^the /i, '')[0] ?? '')) continue;
      const nn = norm(n.replace(/^the /i, ''));
      const list = index.byFirst.get(firstWord(nn)) ?? [];
      const same = list.filter((e) => e.norm === nn);
      if (same.length > 0 && same.every((e) => e.key !== a.id)) {
        // The graph already decided who this name is.
        index.byFirst.set(
          firstWord(nn),
          list.filter((e) => e.norm !== nn),
        );
      }
      addName(index, n, a.id, 'name', n.length <= 3);
    }
  }
  return index;
}

const isCap = (t: Token | undefined) => !!t && /^[A-Z0-9]/.test(t.text) && /[A-Za-z]/.test(t.text);
const isPossessive = (t: Token | undefined) =>
  !!t && (t.lower === "'s" || t.lower === '’s' || t.lower === "'" || t.lower === '’');

function tokenAt(a: Analysed, char: number, fromToken: number): number {
  let k = fromToken;
  while (k < a.tokens.length && (a.tokens[k]?.end ?? 0) <= char) k++;
  return k;
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'actor'
  );
}

const INSTITUTIONS = new Map<string, ActorKind>([
  ['government', 'GOVERNMENT_BODY'],
  ['authorities', 'GOVERNMENT_BODY'],
  ['regulator', 'GOVERNMENT_BODY'],
  ['watchdog', 'GOVERNMENT_BODY'],
  ['parliament', 'GOVERNMENT_BODY'],
  ['lawmakers', 'GOVERNMENT_BODY'],
  ['legislators', 'GOVERNMENT_BODY'],
  ['court', 'GOVERNMENT_BODY'],
  ['courts', 'GOVERNMENT_BODY'],
  ['police', 'GOVERNMENT_BODY'],
  ['prosecutors', 'GOVERNMENT_BODY'],
  ['ministry', 'GOVERNMENT_BODY'],
  ['embassy', 'GOVERNMENT_BODY'],
  ['officials', 'GOVERNMENT_BODY'],
  ['president', 'PERSON'],
  ['presidency', 'GOVERNMENT_BODY'],
  ['cabinet', 'GOVERNMENT_BODY'],
  ['military', 'GOVERNMENT_BODY'],
  ['army', 'GOVERNMENT_BODY'],
  ['intelligence', 'GOVERNMENT_BODY'],
  ['diplomats', 'PERSON'],
  ['journalists', 'CIVIL_SOCIETY'],
  ['media', 'MEDIA_OUTLET'],
  ['state', 'STATE'],
]);

/** Words that may come between a demonym and an institution: "Russian media regulator". */
const BODY_MODIFIERS = new Set([
  'foreign',
  'justice',
  'interior',
  'culture',
  'information',
  'digital',
  'communications',
  'communication',
  'media',
  'broadcasting',
  'telecommunications',
  'telecoms',
  'telecom',
  'supreme',
  'constitutional',
  'administrative',
  'district',
  'federal',
  'national',
  'state',
  'security',
  'defence',
  'defense',
  'internet',
  'press',
  'audiovisual',
  'electoral',
  'election',
  'competition',
  'data',
  'privacy',
  'intelligence',
  'affairs',
  'economy',
  'higher',
  'top',
  'central',
  'regional',
  'city',
  'general',
  "prosecutor's",
  'prosecutor',
  'public',
  'news',
]);
const BODY_HEADS = new Set([
  'government',
  'authorities',
  'regulator',
  'watchdog',
  'parliament',
  'court',
  'police',
  'prosecutors',
  'ministry',
  'embassy',
  'officials',
  'presidency',
  'cabinet',
  'service',
  'agency',
  'commission',
  'council',
  'office',
  'lawmakers',
  'legislators',
  'intelligence',
  'community',
  'department',
  'military',
  'army',
  'journalists',
  'union',
  'media',
  'senate',
]);

/** Capitalised offices before a person's name. */
const TITLE_WORDS = new Set([
  'President',
  'Prime',
  'Minister',
  'Foreign',
  'Interior',
  'Justice',
  'Culture',
  'Digital',
  'Information',
  'Communications',
  'Defence',
  'Defense',
  'Secretary',
  'Treasurer',
  'Chancellor',
  'Senator',
  'Judge',
  'Chairman',
  'Chairwoman',
  'Spokesman',
  'Spokeswoman',
  'Spokesperson',
  'Mr',
  'Mr.',
  'Ms',
  'Ms.',
  'Mrs',
  'Mrs.',
  'Dr',
  'Dr.',
  'General',
  'Deputy',
  'Chief',
  'Executive',
  'Editor',
  'Editor-in-Chief',
  'Director',
  'Governor',
  'Mayor',
  'Ambassador',
  'Commissioner',
  'Press',
  'State',
  'Vice',
  'Premier',
  'King',
  'Queen',
  'Sheikh',
  'Speaker',
  'Representative',
  'Rep.',
  'Sen.',
  'Gov.',
  'Former',
  'former',
  'Opposition',
  'Leader',
  'Attorney',
  'Prosecutor',
  'Presidential',
  'Kremlin',
  'White',
  'House',
]);

const PLACE_PREPS = new Set([
  'in',
  'through',
  'across',
  'outside',
  'near',
  'at',
  'around',
  'throughout',
  'to',
  'into',
  'inside',
  'within',
]);

/** Plural nouns for people the text names only as a group. */
const GROUP_NOUNS = new Set([
  'protesters',
  'protestors',
  'demonstrators',
  'supporters',
  'activists',
  'journalists',
  'reporters',
  'students',
  'residents',
  'readers',
  'listeners',
  'viewers',
  'executives',
  'editors',
  'employees',
  'staff',
  'correspondents',
  'bloggers',
  'users',
  'critics',
  'opponents',
  'workers',
  'crowds',
  'marchers',
  'operators',
  'photographers',
  'cameramen',
  'members',
  'volunteers',
  'contributors',
  'presenters',
  'people',
  'thousands',
  'hundreds',
  'dozens',
  'outlets',
  'newspapers',
  'broadcasters',
  'publishers',
  'advertisers',
]);
const QUANTITY =
  /^(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|tens|several|many|some|few|more|other)$/;

const PRONOUNS: Record<string, 'it' | 'they' | 'person'> = {
  it: 'it',
  its: 'it',
  itself: 'it',
  they: 'they',
  their: 'they',
  them: 'they',
  he: 'person',
  his: 'person',
  him: 'person',
  she: 'person',
  her: 'person',
};

export function findActors(a: Analysed, known: readonly KnownActor[] = []): ActorFindings {
  const index = articleIndex(known);
  const found = new Map<string, ArticleActor>();
  const mentions: Mention[] = [];
  const taken = new Uint8Array(a.tokens.length);
  const { tokens, text } = a;
  const [dlStart, dlEnd] = datelineSpan(a);
  const inDateline = (t: Token) => t.start >= dlStart && t.end <= dlEnd;

  const use = (actor: ArticleActor) => {
    if (!found.has(actor.key)) found.set(actor.key, actor);
    return actor.key;
  };
  const push = (key: string, from: number, to: number, via: MentionVia) => {
    const first = tokens[from];
    const last = tokens[to - 1];
    if (!first || !last) return;
    for (let k = from; k < to; k++) taken[k] = 1;
    mentions.push({
      key,
      start: first.start,
      end: last.end,
      from,
      to,
      sentence: first.sentence,
      via,
      possessive: isPossessive(tokens[to]),
    });
  };

  // 1. Names and aliases from the graph and the gazetteer, longest first.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken[i] || inDateline(t)) continue;
    if (!/[A-Za-z0-9]/.test(t.text[0] ?? '')) continue;
    const list = index.byFirst.get(firstWord(t.text));
    if (!list) continue;
    for (const e of list) {
      const slice = text.slice(t.start, t.start + e.norm.length);
      if (norm(slice) !== e.norm) continue;
      if (e.caseSensitive && !caseMatches(slice, index, e)) continue;
      // An ambiguous name opening a sentence as a modifier ("Independent experts said") is the
      // ordinary word: only there does its capital letter say nothing.
      const nextTok = tokens[tokenAt(a, t.start + e.norm.length, i)];
      if (
        index.entries.get(e.key)?.ambiguous &&
        a.sentences[t.sentence]?.from === i &&
        nextTok &&
        /^[a-z]/.test(nextTok.text) &&
        nextTok.pos === 'NOUN'
      )
        continue;
      if (!/[A-Z0-9]/.test(slice[0] ?? '')) continue;
      const after = text[t.start + e.norm.length] ?? ' ';
      if (/[A-Za-z0-9]/.test(after)) continue;
      const to = tokenAt(a, t.start + e.norm.length, i);
      if (to <= i) continue;
      const actor = index.actors.get(e.key);
      if (!actor) continue;
      push(use(actor), i, to, e.via);
      i = to - 1;
      break;
    }
  }

  // 1a. "police detained ...": the police of the country the article is dated in, named so.
  const datelineCity = text.slice(dlStart, dlEnd).split(',')[0]?.trim() ?? '';
  const cityEntry = lookupMetonym(index, datelineCity);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken[i] || t.text !== 'police') continue;
    if (isCap(tokens[i - 1]) || taken[i - 1]) continue;
    const demonym = cityEntry?.country ? index.demonymOf.get(cityEntry.country) : undefined;
    const name = demonym ? `${demonym} police` : 'police';
    push(
      use({
        key: slug(demonym ? name : `police-${datelineCity || 'unplaced'}`),
        name,
        kind: 'GOVERNMENT_BODY',
        ...(cityEntry?.country ? { country: cityEntry.country } : {}),
        confidence: 0.6,
        origin: 'article',
        descriptions: ['police'],
      }),
      i,
      i + 1,
      'body',
    );
  }

  // 1b. "a Moscow court", "an EU court": a court named by its place.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const c = tokens[i + 1];
    if (
      !t ||
      !c ||
      !isCap(t) ||
      !['court', 'courts', 'judge', 'prosecutors', 'police'].includes(c.text)
    )
      continue;
    if (taken[i + 1]) continue;
    const place = mentions.find((m) => m.from === i && m.to === i + 1);
    const placeActor = place ? found.get(place.key) : undefined;
    if (taken[i] && !place) continue;
    const name = `${t.text} ${c.text}`;
    const kind: ActorKind = c.text === 'judge' ? 'PERSON' : 'GOVERNMENT_BODY';
    if (place) mentions.splice(mentions.indexOf(place), 1);
    push(
      use({
        key: slug(name),
        name,
        kind,
        ...(placeActor?.country ? { country: placeActor.country } : {}),
        confidence: 0.7,
        origin: 'article',
        descriptions: [c.text],
      }),
      i,
      i + 2,
      'body',
    );
    i++;
  }

  // 2. Bodies of a state named by its demonym or name: "Russia's Foreign Ministry",
  //    "the Latvian regulator", "Ukrainian authorities".
  for (let i = 0; i < tokens.length; i++) {
    const body = bodyAt(a, i, index, taken);
    if (!body) continue;
    const { name, kind, country, to } = body;
    const known = body.unnamed
      ? null
      : (lookupName(index, name) ?? describedBody(index, country, name));
    const actor = known ?? {
      key: body.unnamed ? slug(`${name}-${tokens[i]?.start ?? 0}`) : (body.key ?? slug(name)),
      name,
      kind,
      ...(country ? { country } : {}),
      confidence: 0.75,
      origin: 'article' as const,
      descriptions: [],
    };
    // A state mention swallowed by the body is no longer a mention of the state.
    for (let m = mentions.length - 1; m >= 0; m--) {
      const x = mentions[m];
      if (x && x.from >= i && x.to <= to) mentions.splice(m, 1);
    }
    push(use(actor), i, to, 'body');
    i = to - 1;
  }

  // 3. Unnamed office holders: "a Russian senator", "an unnamed deputy minister".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken[i] || !['a', 'an', 'one'].includes(t.lower)) continue;
    let k = i + 1;
    const words: string[] = [];
    while (k < tokens.length && k < i + 6 && !taken[k]) {
      const w = tokens[k];
      if (!w || !/^[A-Za-z-]+$/.test(w.text)) break;
      // Only modifiers of an office: "a senior Russian diplomat", not "a post by President".
      if (w.pos === 'ADP' || w.pos === 'VERB' || w.pos === 'AUX' || w.pos === 'DET') break;
      words.push(w.text);
      if (OFFICE_WORDS.has(w.lower) && !OFFICE_WORDS.has(tokens[k + 1]?.lower ?? '')) break;
      k++;
    }
    const last = tokens[k];
    if (!last || !OFFICE_WORDS.has(last.lower) || words.length === 0) continue;
    if (tokens[k + 1]?.lower === 'of' && isCap(tokens[k + 2])) continue;
    // "a spokesman Dmitry Peskov" is named: the name that follows is the actor.
    if (isCap(tokens[k + 1]) && tokens[k + 1]?.pos === 'PROPN') continue;
    const name = `${t.lower} ${words.join(' ')}`;
    const key = slug(`${words.join(' ')}-${t.start}`);
    push(
      use({ key, name, kind: 'PERSON', confidence: 0.6, origin: 'article', descriptions: [] }),
      i,
      k + 1,
      'office',
    );
    i = k;
  }

  // 3b. Groups of people the text does not name: "thousands of protesters", "two journalists".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken[i] || !GROUP_NOUNS.has(t.lower)) continue;
    // "thousands of protesters": the group is named by its noun, further on.
    if (tokens[i + 1]?.lower === 'of' && GROUP_NOUNS.has(tokens[i + 2]?.lower ?? '')) continue;
    if (
      tokens[i + 1]?.lower === 'of' &&
      tokens[i + 2] &&
      GROUP_NOUNS.has(tokens[i + 3]?.lower ?? '')
    )
      continue;
    // "misleading viewers" is what was done, not who.
    if (tokens[i - 1]?.pos === 'VERB') continue;
    let from = i;
    // Take in the words before that describe the group: numbers, adjectives, demonyms.
    while (from > 0 && !taken[from - 1]) {
      const w = tokens[from - 1];
      if (!w) break;
      if (w.lower === 'of' && QUANTITY.test(tokens[from - 2]?.lower ?? '')) {
        from -= 2;
        continue;
      }
      if (
        w.pos === 'NUM' ||
        QUANTITY.test(w.lower) ||
        w.pos === 'ADJ' ||
        (w.pos === 'PROPN' && !taken[from - 1] && !NOT_NAMES.has(w.text))
      ) {
        from--;
        continue;
      }
      break;
    }
    const first = tokens[from];
    if (!first) continue;
    const name = text.slice(first.start, t.end).replace(/^(?:the|a|an) /i, '');
    const kind: ActorKind = ['outlets', 'newspapers', 'broadcasters', 'publishers'].includes(
      t.lower,
    )
      ? 'MEDIA_OUTLET'
      : ['advertisers'].includes(t.lower)
        ? 'OTHER_ORGANIZATION'
        : [
              'journalists',
              'reporters',
              'executives',
              'editors',
              'employees',
              'staff',
              'correspondents',
            ].includes(t.lower)
          ? 'PERSON'
          : 'CIVIL_SOCIETY';
    push(
      use({
        key: slug(`${name}-${first.start}`),
        name,
        kind,
        confidence: 0.5,
        origin: 'article',
        descriptions: [],
      }),
      from,
      i + 1,
      'office',
    );
  }

  // 4. Any other proper name: named-entity recognition by capitalisation, its kind guessed.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || taken[i] || !isCap(t) || inDateline(t)) continue;
    let k = i;
    while (k < tokens.length && !taken[k]) {
      const w = tokens[k];
      if (!w) break;
      if (isCap(w) && !NOT_NAMES.has(w.text) && w.pos !== 'PUNCT' && w.pos !== 'NUM') {
        k++;
        continue;
      }
      // "Committee to Protect Journalists", "Ministry of Justice"
      if (
        ['of', 'for', 'to', 'and', 'de', 'on'].includes(w.lower) &&
        (w.lower !== 'and' ||
          k - i >= 2 ||
          (endsInHead(tokens, k + 1) && tokens[i - 1]?.lower !== ',')) &&
        k > i &&
        isCap(tokens[k + 1]) &&
        !taken[k + 1] &&
        !NOT_NAMES.has(tokens[k + 1]?.text ?? '')
      ) {
        k++;
        continue;
      }
      break;
    }
    if (k === i) continue;
    // "President Volodymyr Zelensky", "Interior Minister Fred Matiang'i": the office is not
    // the name, but it says the name is a person's.
    let titled = false;
    const hasHead = tokens
      .slice(i, k)
      .some((w) => NAME_HEADS.some(([, heads]) => heads.includes(w.text)));
    while (!hasHead && k - i > 1 && TITLE_WORDS.has(tokens[i]?.text ?? '')) {
      i++;
      titled = true;
    }
    if (titled && k - i === 1 && !isCap(tokens[i])) continue;
    const first = tokens[i];
    const last = tokens[k - 1];
    if (!first || !last) continue;
    // Sentence-initial common words are capitalised too.
    const sentenceStart = a.sentences[first.sentence]?.from === i;
    if (k - i === 1 && sentenceStart && first.pos !== 'PROPN') continue;
    if (k - i === 1 && first.text.length < 2) continue;
    const name = text.slice(first.start, last.end);
    if (index.states.has(norm(name))) continue;
    const kind = titled ? 'PERSON' : guessKind(a, i, k, name);
    if (!kind) {
      i = k - 1;
      continue;
    }
    const known = lookupName(index, name);
    const actor = known ?? {
      key: slug(name),
      name,
      kind,
      confidence: 0.5,
      origin: 'article' as const,
      descriptions: [],
    };
    push(use(actor), i, k, 'ner');
    i = k - 1;
  }

  // "in Moscow", "through central Nairobi": a capital after a preposition of place is where,
  // not who.
  for (let m = mentions.length - 1; m >= 0; m--) {
    const x = mentions[m];
    if (!x || x.via !== 'metonym') continue;
    let k = x.from - 1;
    while (k >= 0 && (tokens[k]?.pos === 'ADJ' || tokens[k]?.lower === 'the')) k--;
    const next = tokens[x.to];
    // "Deutsche Welle's Moscow bureau": a capital naming where something is.
    const modifier = !!next && /^[a-z]/.test(next.text) && next.pos === 'NOUN';
    if (PLACE_PREPS.has(tokens[k]?.lower ?? '') || modifier) mentions.splice(m, 1);
  }

  // A person named in full and later by surname alone is one actor.
  mergeSurnames(found, mentions);
  mergeAppositives(a, found, mentions);

  mentions.sort((x, y) => x.start - y.start);

  // 5. Descriptions and pronouns, resolved against the mentions before them.
  const resolved: Mention[] = [];
  let mi = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (mi < mentions.length && (mentions[mi]?.from ?? Infinity) <= i) {
      const m = mentions[mi];
      if (m) resolved.push(m);
      mi++;
    }
    const t = tokens[i];
    if (!t || taken[i]) continue;
    const pron = PRONOUNS[t.lower];
    if (pron) {
      const key = resolvePronoun(pron, resolved, found, t.sentence);
      if (key) {
        const m: Mention = {
          key,
          start: t.start,
          end: t.end,
          from: i,
          to: i + 1,
          sentence: t.sentence,
          via: 'pronoun',
          possessive: ['its', 'their', 'his', 'her'].includes(t.lower),
        };
        resolved.push(m);
      }
      continue;
    }
    if (t.lower === 'the' || t.lower === 'this' || t.lower === 'that') {
      const d = descriptionAt(a, i, taken);
      if (!d) continue;
      const key = resolveDescription(d.head, d.adjectives, resolved, found, index);
      if (key) {
        const first = tokens[i];
        const last = tokens[d.to - 1];
        if (first && last) {
          resolved.push({
            key,
            start: first.start,
            end: last.end,
            from: i,
            to: d.to,
            sentence: first.sentence,
            via: 'description',
            possessive: isPossessive(tokens[d.to]),
          });
          i = d.to - 1;
        }
      }
    }
  }
  while (mi < mentions.length) {
    const m = mentions[mi++];
    if (m) resolved.push(m);
  }
  resolved.sort((x, y) => x.start - y.start || y.end - x.end);
  resolveMetonyms(resolved, found);
  return { actors: found, mentions: resolved };
}

/** The date line ("MOSCOW, October 27. /TASS/."): its city is a place, not an actor. */
/**
 * "China's broadcasting regulator": the one body of that country the gazetteer describes so.
 * Two or more candidates decide nothing.
 */
function describedBody(
  index: Index,
  country: string | undefined,
  name: string,
): ArticleActor | null {
  if (!country) return null;
  const words = norm(name).split(' ').slice(1).join(' ').replace(/^'s /, '');
  if (!words) return null;
  const hits = [...index.entries.values()].filter(
    (e) =>
      e.country === country &&
      e.kind !== 'STATE' &&
      e.kind !== 'PERSON' &&
      (e.descriptions ?? []).some((d) => d === words),
  );
  if (hits.length !== 1 || !hits[0]) return null;
  return index.actors.get(hits[0].id) ?? null;
}

/** Whether the capitalised words from k on end in an organisation's head word. */
function endsInHead(tokens: Token[], k: number): boolean {
  let j = k;
  while (j < tokens.length && isCap(tokens[j])) j++;
  const last = tokens[j - 1];
  return (
    j > k &&
    !!last &&
    NAME_HEADS.some(([kind, heads]) => kind !== 'PERSON' && heads.includes(last.text))
  );
}

function datelineSpan(a: Analysed): [number, number] {
  const m = /(?:^|\n)\s*([A-Z][A-Z .'-]+,[^.\n]{0,40}\.(?:\s*\/[A-Za-z-]+\/\.?)?)/.exec(
    a.text.slice(0, 600),
  );
  if (!m || m.index === undefined) return [0, 0];
  const start = m.index + m[0].length - (m[1]?.length ?? 0);
  return [start, m.index + m[0].length];
}

function caseMatches(slice: string, index: Index, e: NameEntry): boolean {
  const actor = index.actors.get(e.key);
  const entry = index.entries.get(e.key);
  const names = [
    actor?.name ?? '',
    ...(entry?.aliases ?? []),
    ...(entry?.metonyms ?? []),
    entry?.name ?? '',
  ];
  const s = slice.replace(/[’‘`]/g, "'");
  return names.some((n) => n.replace(/^the /i, '').replace(/[’‘`]/g, "'") === s);
}

/** The actor a capital stands for, from the date line's city: "NAIROBI" -> Kenya's government. */
function lookupMetonym(index: Index, city: string): ArticleActor | null {
  if (!city) return null;
  const n = norm(city);
  const e = (index.byFirst.get(firstWord(n)) ?? []).find(
    (x) => x.norm === n && x.via === 'metonym',
  );
  return e ? (index.actors.get(e.key) ?? null) : null;
}

function lookupName(index: Index, name: string): ArticleActor | null {
  const n = norm(name.replace(/^the /i, ''));
  const list = index.byFirst.get(firstWord(n)) ?? [];
  const e = list.find((x) => x.norm === n && x.via === 'name');
  return e ? (index.actors.get(e.key) ?? null) : null;
}

interface Body {
  key?: string;
  unnamed?: boolean;
  name: string;
  kind: ActorKind;
  country?: string;
  to: number;
}

/** A state's body named by demonym or possessive: "the Russian Foreign Ministry". */
function bodyAt(a: Analysed, i: number, index: Index, taken: Uint8Array): Body | null {
  const t = a.tokens[i];
  if (!t || !isCap(t)) return null;
  // "U.S." or "Russian" or "Russia 's"
  let state = index.states.get(norm(t.text));
  let k = i + 1;
  if (!state) {
    // two-word states: "United States", "South Korea"
    const two = a.tokens[i + 1];
    if (two) {
      state = index.states.get(norm(`${t.text} ${two.text}`));
      if (state) k = i + 2;
    }
  }
  if (!state) return null;
  if (isPossessive(a.tokens[k])) k++;
  const words: string[] = [];
  let head = -1;
  for (let j = k; j < a.tokens.length && j < k + 5; j++) {
    const w = a.tokens[j];
    if (!w) break;
    const l = w.lower;
    if (isPossessive(w) && head === j - 1 && BODY_HEADS.has(a.tokens[j + 1]?.lower ?? '')) {
      words[words.length - 1] += w.text;
      continue;
    }
    if (BODY_HEADS.has(l) || BODY_HEADS.has(w.lemma)) {
      head = j;
      words.push(w.text);
      const nxt = a.tokens[j + 1];
      if (
        !BODY_HEADS.has(nxt?.lower ?? '') &&
        !(isPossessive(nxt) && BODY_HEADS.has(a.tokens[j + 2]?.lower ?? ''))
      )
        break;
      continue;
    }
    if (BODY_MODIFIERS.has(l)) {
      words.push(w.text);
      continue;
    }
    break;
  }
  if (head < 0) {
    // "Russian senator", "Russia deputy minister": an unnamed office holder of that state.
    const office: string[] = [];
    let j = k;
    while (
      j < a.tokens.length &&
      j < k + 3 &&
      /^[a-z-]+$/.test(a.tokens[j]?.text ?? '') &&
      ['deputy', 'foreign', 'vice', 'senior', 'prime', 'top', 'state'].includes(
        a.tokens[j]?.lower ?? '',
      )
    )
      office.push(a.tokens[j++]?.text ?? '');
    const w = a.tokens[j];
    if (
      !w ||
      ![
        'minister',
        'senator',
        'lawmaker',
        'official',
        'diplomat',
        'mp',
        'legislator',
        'deputy',
        'envoy',
        'ambassador',
        'secretary',
        'spokesman',
        'spokeswoman',
        'spokesperson',
        'president',
        'chancellor',
        'premier',
      ].includes(w.lower)
    )
      return null;
    if (isCap(a.tokens[j + 1])) return null;
    const demonymP = index.demonymOf.get(state.country ?? '') ?? state.name;
    return {
      name: `${demonymP} ${[...office, w.text].join(' ')}`,
      kind: 'PERSON',
      ...(state.country ? { country: state.country } : {}),
      to: j + 1,
      unnamed: true,
    };
  }
  for (let j = i; j <= head; j++) if (taken[j] && j >= k) return null;
  const headWord = a.tokens[head]?.lower ?? '';
  if (headWord === 'media' && words.length === 1) return null;
  const demonym = index.demonymOf.get(state.country ?? '') ?? state.name;
  // Named as the text names it; keyed by demonym, so "Russia's Foreign Ministry" and "the
  // Russian Foreign Ministry" are one actor.
  const written = a.text.slice(t.start, a.tokens[head]?.end ?? t.end);
  const key = slug(`${demonym} ${words.join(' ')}`);
  const name = written;
  const kind: ActorKind =
    headWord === 'union' || (headWord === 'journalists' && words.length > 1)
      ? 'CIVIL_SOCIETY'
      : headWord === 'media'
        ? 'MEDIA_OUTLET'
        : (INSTITUTIONS.get(headWord) ?? 'GOVERNMENT_BODY');
  return { key, name, kind, ...(state.country ? { country: state.country } : {}), to: head + 1 };
}

/**
 * compromise's lexicon of first names and places, asked once per name: it is the slowest step
 * of an article, and the same names recur from article to article. The memo is bounded.
 */
const guesses = new Map<string, 'person' | 'place' | 'other'>();
function compromiseGuess(name: string): 'person' | 'place' | 'other' {
  const known = guesses.get(name);
  if (known) return known;
  const doc = nlpCompromise(name);
  const guess = doc.people().found ? 'person' : doc.places().found ? 'place' : 'other';
  if (guesses.size >= 20_000) guesses.clear();
  guesses.set(name, guess);
  return guess;
}

function guessKind(a: Analysed, from: number, to: number, name: string): ActorKind | null {
  const words = name.split(/\s+/);
  // A head word alone opening a sentence is an ordinary word ("Independent experts said").
  const opens = a.sentences[a.tokens[from]?.sentence ?? -1]?.from === from;
  if (words.length === 1 && opens && NAME_HEADS.some(([, heads]) => heads.includes(name)))
    return null;
  for (const [kind, heads] of NAME_HEADS) {
    if (words.some((w) => heads.includes(w))) return kind;
  }
  const before = a.tokens[from - 1];
  const before2 = a.tokens[from - 2];
  if (before && OFFICE_WORDS.has(before.lower)) return 'PERSON';
  if (before2 && OFFICE_WORDS.has(before2.lower) && before?.pos === 'PROPN') return 'PERSON';
  const guess = compromiseGuess(name);
  if (guess === 'person') return 'PERSON';
  if (guess === 'place') return null;
  // A capitalised name followed by a speech verb or an office is a person or an organisation.
  if (to - from >= 2 && a.tokens.slice(from, to).every((t) => t.pos === 'PROPN')) return 'PERSON';
  if (a.tokens.slice(from, to).every((t) => t.pos === 'PROPN') && /^[A-Z0-9]{2,6}$/.test(name))
    return 'OTHER_ORGANIZATION';
  return null;
}

/**
 * "Britain's media regulator Ofcom", "Roskomnadzor, the Russian watchdog,": a body named by
 * pattern right beside a proper name is that name's actor.
 */
function mergeAppositives(a: Analysed, found: Map<string, ArticleActor>, mentions: Mention[]) {
  const sorted = [...mentions].sort((x, y) => x.from - y.from);
  for (let k = 0; k + 1 < sorted.length; k++) {
    const x = sorted[k];
    const y = sorted[k + 1];
    if (!x || !y || x.key === y.key) continue;
    const gap = a.tokens.slice(x.to, y.from).map((t) => t.lower);
    const adjacent =
      gap.length === 0 || (gap.length <= 2 && gap.every((w) => w === ',' || w === 'the'));
    if (!adjacent) continue;
    const [body, named] =
      x.via === 'body' && y.via !== 'body'
        ? [x, y]
        : y.via === 'body' && x.via !== 'body'
          ? [y, x]
          : [null, null];
    if (!body || !named || named.via === 'pronoun') continue;
    const bodyActor = found.get(body.key);
    const namedActor = found.get(named.key);
    if (!bodyActor || !namedActor || namedActor.kind === 'STATE' || bodyActor.kind === 'PERSON')
      continue;
    if (bodyActor.country && namedActor.country && bodyActor.country !== namedActor.country)
      continue;
    const old = body.key;
    for (const m of mentions) if (m.key === old) m.key = named.key;
    found.delete(old);
  }
}

function mergeSurnames(found: Map<string, ArticleActor>, mentions: Mention[]) {
  const people = [...found.values()].filter((x) => x.kind === 'PERSON' && x.name.includes(' '));
  for (const m of mentions) {
    const actor = found.get(m.key);
    if (!actor || actor.origin !== 'article' || actor.name.includes(' ')) continue;
    const owner = people.find(
      (p) => p.key !== actor.key && p.name.split(' ').at(-1) === actor.name,
    );
    if (owner) {
      found.delete(actor.key);
      m.key = owner.key;
    }
  }
}

function subjectOf(
  sentence: number,
  mentions: Mention[],
  found: Map<string, ArticleActor>,
  ok: (x: ArticleActor) => boolean,
): string | null {
  for (const m of mentions) {
    if (m.sentence !== sentence || m.possessive) continue;
    const x = found.get(m.key);
    if (x && ok(x)) return m.key;
  }
  return null;
}

function resolvePronoun(
  kind: 'it' | 'they' | 'person',
  before: Mention[],
  found: Map<string, ArticleActor>,
  sentence: number,
): string | null {
  const ok = (x: ArticleActor) =>
    kind === 'person'
      ? x.kind === 'PERSON'
      : kind === 'it'
        ? x.kind !== 'PERSON' && x.kind !== 'STATE'
        : x.kind !== 'PERSON';
  // The subject of this sentence (when before the pronoun), else of the sentences before.
  for (let s = sentence; s >= Math.max(0, sentence - 3); s--) {
    const inSentence = before.filter((m) => m.sentence === s);
    const subj = subjectOf(s, inSentence, found, ok);
    if (subj) return subj;
  }
  for (let k = before.length - 1; k >= 0; k--) {
    const m = before[k];
    const x = m ? found.get(m.key) : undefined;
    if (m && x && ok(x)) return m.key;
  }
  return null;
}

interface Description {
  head: string;
  adjectives: string[];
  to: number;
}

function descriptionAt(a: Analysed, i: number, taken: Uint8Array): Description | null {
  const adjectives: string[] = [];
  for (let k = i + 1; k < a.tokens.length && k < i + 5; k++) {
    if (taken[k]) return null;
    const w = a.tokens[k];
    if (!w) return null;
    const l = w.lower;
    if (DESCRIPTION_KINDS[l] || DESCRIPTION_KINDS[w.lemma]) {
      // "the company's", "the regulator" but not "the company of": still fine
      const next = a.tokens[k + 1];
      if (next && (DESCRIPTION_KINDS[next.lower] || next.pos === 'NOUN') && !isPossessive(next)) {
        adjectives.push(l);
        continue;
      }
      return { head: DESCRIPTION_KINDS[l] ? l : w.lemma, adjectives, to: k + 1 };
    }
    if (w.pos === 'ADJ' || w.pos === 'PROPN' || w.pos === 'NOUN' || /^[a-z-]+$/.test(l)) {
      adjectives.push(l);
      continue;
    }
    return null;
  }
  return null;
}

function resolveDescription(
  head: string,
  adjectives: string[],
  before: Mention[],
  found: Map<string, ArticleActor>,
  index: Index,
): string | null {
  const kinds = DESCRIPTION_KINDS[head] ?? [];
  const phrase = [...adjectives, head].join(' ');
  const countryAdj = adjectives.map((w) => index.states.get(w)).find((s) => s);
  // The most salient fitting actor: one the gazetteer describes so wins, then the kind's first
  // choice ("the company" is a platform before it is a newspaper), then how often and how
  // recently the article named it.
  const last = before.at(-1)?.sentence ?? 0;
  const score = new Map<string, number>();
  before.forEach((m, n) => {
    const x = found.get(m.key);
    if (!x || m.via === 'pronoun') return;
    const describes = x.descriptions.some(
      (d) => d === phrase || d === head || d.endsWith(` ${head}`),
    );
    const rank = kinds.indexOf(x.kind);
    if (!describes && rank < 0) return;
    // "the American company": the adjective's country must be the actor's.
    if (countryAdj && x.country && countryAdj.country !== x.country) return;
    const recency = m.sentence >= last - 1 ? 1 : 0;
    const subject = n === 0 || before[n - 1]?.sentence !== m.sentence ? 1 : 0;
    const s = (describes ? 4 : 0) + (rank === 0 ? 2 : rank === 1 ? 1 : 0) + recency + subject + 0.5;
    score.set(m.key, (score.get(m.key) ?? 0) + s);
  });
  let best: string | null = null;
  let bestScore = 0;
  for (const [k, s] of score) {
    if (s > bestScore) {
      best = k;
      bestScore = s;
    }
  }
  return best;
}

/**
 * A capital standing for a government ("Moscow") means the body of that country the article
 * has just named, when there is one ("the Foreign Ministry ... Moscow will respond").
 */
function resolveMetonyms(mentions: Mention[], found: Map<string, ArticleActor>) {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k];
    if (!m || m.via !== 'metonym') continue;
    const gov = found.get(m.key);
    if (!gov?.country) continue;
    for (let j = k - 1; j >= 0; j--) {
      const p = mentions[j];
      const x = p ? found.get(p.key) : undefined;
      if (!p || !x || p.sentence < m.sentence - 2) break;
      if (x.country === gov.country && x.kind === 'GOVERNMENT_BODY' && p.key !== m.key) {
        m.key = p.key;
        break;
      }
    }
  }
  for (const key of [...found.keys()]) {
    if (!mentions.some((m) => m.key === key)) found.delete(key);
  }
}
