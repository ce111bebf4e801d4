// The synthetic corpus's fixed pool of actors, derived from the seed: invented states with their
// government bodies, platforms, media outlets, civil society, other organisations and persons who
// hold a position at one of them. Names are made up so that no generated event is mistaken for a
// real one; country codes are ISO 3166 user-assigned codes (XA-XZ, QM-QZ) for the same reason.
import type { Actor } from '../generated/annotation';
import { Rng, Zipf, at, mixSeed } from './rng';

export type ActorKind = Actor['kind'];

export interface PoolActor {
  index: number;
  id: string;
  /** The name as written, without a leading article: "Veloria Communications Commission". */
  name: string;
  kind: ActorKind;
  /** Whether the name is written with "the" before it (outside the evidence span). */
  the: boolean;
  aliases: string[];
  country: string;
  /** The pool index of the actor's state; a state is its own state. */
  state: number;
  /** STATE: the capital, used in date lines. */
  capital: string;
  /** PERSON: surname, title, and the pool index of the organisation where the title is held. */
  surname: string;
  title: string;
  org: number;
}

export interface ActorPool {
  actors: PoolActor[];
  byKind: Record<ActorKind, number[]>;
  /** Persons by the pool index of their organisation. */
  personsAt: Map<number, number[]>;
  /** Government bodies by the pool index of their state. */
  bodiesOf: Map<number, number[]>;
  sample(rng: Rng, kind: ActorKind, exclude?: readonly number[]): number;
}

const COUNTS: Record<ActorKind, number> = {
  STATE: 24,
  GOVERNMENT_BODY: 60,
  PLATFORM: 14,
  MEDIA_OUTLET: 60,
  PERSON: 110,
  CIVIL_SOCIETY: 22,
  OTHER_ORGANIZATION: 10,
};
/** How steeply popularity falls with rank: a few actors get a large share of the mentions. */
const ZIPF_EXPONENT = 1.1;

// prettier-ignore
const SYLLABLES = [
  've', 'lo', 'ri', 'ka', 'sta', 'nor', 'van', 'mi', 'ra', 'tel', 'do', 'bar', 'zen', 'or',
  'ul', 'pa', 'kes', 'tov', 'an', 'il', 'mor', 'sa', 'vek', 'lu', 'dra', 'gor', 'fi', 'ne',
  'thal', 'bre', 'cas', 'del', 'es', 'hov', 'ja', 'kor', 'len', 'mar', 'os', 'pel', 'ros',
  'sel', 'tam', 'var', 'wen', 'zor',
];
const STATE_ENDINGS = ['ia', 'a', 'and', 'ania', 'ora', 'en', 'istan', 'ovia'];
const CITY_ENDINGS = ['ova', 'en', 'grad', 'burg', 'is', 'ar', 'ino', 'ville', 'a'];
// prettier-ignore
const FIRST_NAMES = [
  'Anna', 'Ilva', 'Marek', 'Sofia', 'Tomas', 'Lena', 'Oskar', 'Mira', 'Pavel', 'Nadia', 'Jonas',
  'Elena', 'Viktor', 'Sara', 'Lukas', 'Irina', 'David', 'Katya', 'Emil', 'Rosa', 'Aron', 'Vera',
  'Nikola', 'Petra', 'Samir', 'Leila', 'Hugo', 'Alma', 'Karim', 'Zofia', 'Felix', 'Ines',
];
const BODY_KINDS = [
  'Communications Commission',
  'Media Regulatory Authority',
  'Ministry of Digital Affairs',
  'Ministry of Foreign Affairs',
  'Prosecutor General Office',
  'National Security Council',
  'Parliament',
  'Presidential Office',
  'Election Commission',
];
const PLATFORM_HEADS = ['Chirp', 'Vid', 'Face', 'Snap', 'Link', 'Talk', 'Loop', 'Pix', 'Buzz'];
const PLATFORM_TAILS = ['r', 'ly', 'Hub', 'Net', 'Gram', 'Book', 'Box', 'Tube', 'Space', 'Feed'];
const OUTLET_PATTERNS: readonly [string, boolean][] = [
  ['{S} Today', false],
  ['{C} Herald', false],
  ['Radio {S}', false],
  ['{W} News Agency', false],
  ['{C} Observer', true],
  ['{S} International', false],
  ['{W} Press', false],
  ['{W} TV', false],
  ['{C} Daily', false],
  ['{S} Broadcasting Corporation', true],
];
const CIVIL_PATTERNS: readonly [string, boolean][] = [
  ['{S} Union of Journalists', true],
  ['{W} Press Freedom Committee', true],
  ['Open {W} Foundation', true],
  ['{S} Digital Rights League', true],
  ['{W} Media Watch', false],
  ['{W} Free Speech Coalition', true],
];
const OTHER_PATTERNS: readonly [string, boolean][] = [
  ['{W} Research Institute', true],
  ['{W} Advertising Council', true],
  ['{C} University', false],
  ['{W} Civic Fund', true],
];
const TITLES: Record<ActorKind, readonly string[]> = {
  STATE: ['President', 'Foreign Minister', 'Senator', 'Member of Parliament', 'Deputy Minister'],
  GOVERNMENT_BODY: ['Press Secretary', 'Head', 'Spokesperson', 'Deputy Head', 'Director'],
  PLATFORM: ['Chief Executive', 'Head of Public Policy', 'Spokesperson'],
  MEDIA_OUTLET: ['Editor-in-Chief', 'Director General', 'Chief Correspondent'],
  CIVIL_SOCIETY: ['Chair', 'Director', 'Secretary General'],
  OTHER_ORGANIZATION: ['Director', 'Senior Fellow'],
  PERSON: [],
};
const OUTLET_ALIASES = ['the broadcaster', 'the news agency', 'the outlet', 'the channel'];
const BODY_ALIASES: Record<string, string> = {
  'Communications Commission': 'the commission',
  'Media Regulatory Authority': 'the regulator',
  'Ministry of Digital Affairs': 'the ministry',
  'Ministry of Foreign Affairs': 'the foreign ministry',
  'Prosecutor General Office': 'the prosecutors',
  'National Security Council': 'the council',
  Parliament: 'the parliament',
  'Presidential Office': 'the presidency',
  'Election Commission': 'the election commission',
};

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function buildPool(seed: number): ActorPool {
  const rng = new Rng(mixSeed(seed, 0xac7025));
  const actors: PoolActor[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();

  const word = (min: number, max: number, ending = '') => {
    let w = '';
    const n = rng.range(min, max);
    for (let i = 0; i < n; i++) w += rng.pick(SYLLABLES);
    return capitalise(w + ending);
  };
  const unique = (make: () => string) => {
    for (let i = 0; i < 1000; i++) {
      const name = make();
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
    throw new Error('cannot find a new actor name');
  };
  const add = (a: Omit<PoolActor, 'index' | 'id'>): PoolActor => {
    let id = slug(a.name);
    for (let n = 2; ids.has(id); n++) id = `${slug(a.name)}-${n}`;
    ids.add(id);
    const actor = { ...a, index: actors.length, id };
    actors.push(actor);
    return actor;
  };
  const blank = { surname: '', title: '', org: -1, capital: '' };

  const codes: string[] = [];
  for (let c = 65; c <= 90; c++) codes.push(`X${String.fromCharCode(c)}`);
  for (let c = 77; c <= 90; c++) codes.push(`Q${String.fromCharCode(c)}`);
  rng.shuffle(codes);

  const states: PoolActor[] = [];
  for (let i = 0; i < COUNTS.STATE; i++) {
    const name = unique(() => word(1, 2, rng.pick(STATE_ENDINGS)));
    const capital = unique(() => word(1, 2, rng.pick(CITY_ENDINGS)));
    const s = add({
      ...blank,
      name,
      kind: 'STATE',
      the: false,
      aliases: [capital],
      country: at(codes, i),
      state: actors.length,
      capital,
    });
    states.push(s);
  }
  const stateZipf = new Zipf(states.length, ZIPF_EXPONENT);
  const someState = () => at(states, stateZipf.sample(rng));
  const fill = (pattern: string, s: PoolActor) =>
    pattern
      .replace('{S}', s.name)
      .replace('{C}', s.capital)
      .replace('{W}', () => word(1, 2));

  // Every state gets at least two bodies; the rest go to the more prominent states.
  const bodyKindsOf = new Map<number, Set<string>>();
  for (let i = 0; i < COUNTS.GOVERNMENT_BODY; i++) {
    const s = i < states.length * 2 ? at(states, i % states.length) : someState();
    const taken = bodyKindsOf.get(s.index) ?? new Set<string>();
    bodyKindsOf.set(s.index, taken);
    const free = BODY_KINDS.filter((k) => !taken.has(k));
    if (free.length === 0) continue;
    const kind = rng.pick(free);
    taken.add(kind);
    add({
      ...blank,
      name: unique(() => `${s.name} ${kind}`),
      kind: 'GOVERNMENT_BODY',
      the: true,
      aliases: [BODY_ALIASES[kind] ?? 'the agency'],
      country: s.country,
      state: s.index,
    });
  }
  for (let i = 0; i < COUNTS.PLATFORM; i++) {
    const s = at(states, rng.int(4));
    add({
      ...blank,
      name: unique(() => rng.pick(PLATFORM_HEADS) + rng.pick(PLATFORM_TAILS)),
      kind: 'PLATFORM',
      the: false,
      aliases: ['the company', 'the platform'],
      country: s.country,
      state: s.index,
    });
  }
  const patterned = (
    kind: ActorKind,
    patterns: readonly (readonly [string, boolean])[],
    aliases: () => string[],
  ) => {
    for (let i = 0; i < COUNTS[kind]; i++) {
      let s = someState();
      let the = false;
      const name = unique(() => {
        s = someState();
        const [pattern, withThe] = rng.pick(patterns);
        the = withThe;
        return fill(pattern, s);
      });
      add({
        ...blank,
        name,
        kind,
        the,
        aliases: aliases(),
        country: s.country,
        state: s.index,
      });
    }
  };
  patterned('MEDIA_OUTLET', OUTLET_PATTERNS, () => [rng.pick(OUTLET_ALIASES)]);
  patterned('CIVIL_SOCIETY', CIVIL_PATTERNS, () => ['the group']);
  patterned('OTHER_ORGANIZATION', OTHER_PATTERNS, () => []);

  // Persons hold a position at an organisation; prominent organisations get more of them.
  const orgKinds: readonly [ActorKind, number][] = [
    ['GOVERNMENT_BODY', 35],
    ['STATE', 20],
    ['MEDIA_OUTLET', 18],
    ['PLATFORM', 12],
    ['CIVIL_SOCIETY', 12],
    ['OTHER_ORGANIZATION', 3],
  ];
  const byKindSoFar = (kind: ActorKind) => actors.filter((a) => a.kind === kind);
  const orgLists = new Map(orgKinds.map(([k]) => [k, byKindSoFar(k)]));
  const orgZipf = new Map(orgKinds.map(([k]) => [k, new Zipf(orgLists.get(k)?.length ?? 0, 1)]));
  for (let i = 0; i < COUNTS.PERSON; i++) {
    const kind = rng.weighted(orgKinds);
    const list = orgLists.get(kind) ?? [];
    const org = at(list, orgZipf.get(kind)?.sample(rng) ?? 0);
    const surname = word(2, 2, rng.pick(['', 'in', 'ov', 'ic', 'son', 'er']));
    const name = unique(() => `${rng.pick(FIRST_NAMES)} ${surname}`);
    add({
      name,
      kind: 'PERSON',
      the: false,
      aliases: [surname],
      country: org.country,
      state: org.state,
      capital: '',
      surname,
      title: rng.pick(TITLES[kind]),
      org: org.index,
    });
  }

  const byKind = {} as Record<ActorKind, number[]>;
  for (const k of Object.keys(COUNTS) as ActorKind[]) byKind[k] = [];
  for (const a of actors) byKind[a.kind].push(a.index);
  // Popularity order within a kind is a seeded shuffle of the pool order.
  for (const k of Object.keys(byKind) as ActorKind[]) rng.shuffle(byKind[k]);
  const zipfs = new Map(
    (Object.keys(byKind) as ActorKind[]).map((k) => [k, new Zipf(byKind[k].length, ZIPF_EXPONENT)]),
  );

  const personsAt = new Map<number, number[]>();
  const bodiesOf = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const a of actors) {
    if (a.kind === 'PERSON') push(personsAt, a.org, a.index);
    if (a.kind === 'GOVERNMENT_BODY') push(bodiesOf, a.state, a.index);
  }

  return {
    actors,
    byKind,
    personsAt,
    bodiesOf,
    sample(r, kind, exclude = []) {
      const list = byKind[kind];
      const zipf = zipfs.get(kind);
      for (let tries = 0; tries < 20 && zipf; tries++) {
        const x = at(list, zipf.sample(r));
        if (!exclude.includes(x)) return x;
      }
      const rest = list.filter((x) => !exclude.includes(x));
      return rest.length > 0 ? r.pick(rest) : r.pick(list);
    },
  };
}
