// The gazetteer: actors the extractor knows before it reads an article. The entries are data, in
// gazetteer/*.json, so that adding a name is a change to a data file that review can read; this
// module checks them when they are loaded, because a wrong entry would otherwise show up only as
// a wrong actor in some extracted article. See docs/gazetteer.md.
//
// The files are imported rather than read from disk so that tsc copies them into dist/ beside
// this module, and the built CLI needs no path to find them.
import { z } from 'zod';
import { ACTOR_KINDS } from '../ontology';
import type { ActorKind } from '../generated/graphql';
import type { KnownActor } from './types';
import africa from './gazetteer/africa.json';
import americas from './gazetteer/americas.json';
import asiaPacific from './gazetteer/asia-pacific.json';
import baltics from './gazetteer/baltics.json';
import china from './gazetteer/china.json';
import easternEurope from './gazetteer/eastern-europe.json';
import europe from './gazetteer/europe.json';
import europeEu from './gazetteer/europe-eu.json';
import internationalOrganizations from './gazetteer/international-organizations.json';
import mediaInternational from './gazetteer/media-international.json';
import mediaRussia from './gazetteer/media-russia.json';
import middleEast from './gazetteer/middle-east.json';
import ngos from './gazetteer/ngos.json';
import platforms from './gazetteer/platforms.json';
import russia from './gazetteer/russia.json';
import uk from './gazetteer/uk.json';
import ukraine from './gazetteer/ukraine.json';
import unitedStates from './gazetteer/united-states.json';

/** Every data file, by its name in gazetteer/; a new file must be added here too. */
export const GAZETTEER_FILES: readonly { file: string; data: unknown }[] = [
  { file: 'africa.json', data: africa },
  { file: 'americas.json', data: americas },
  { file: 'asia-pacific.json', data: asiaPacific },
  { file: 'baltics.json', data: baltics },
  { file: 'china.json', data: china },
  { file: 'eastern-europe.json', data: easternEurope },
  { file: 'europe.json', data: europe },
  { file: 'europe-eu.json', data: europeEu },
  { file: 'international-organizations.json', data: internationalOrganizations },
  { file: 'media-international.json', data: mediaInternational },
  { file: 'media-russia.json', data: mediaRussia },
  { file: 'middle-east.json', data: middleEast },
  { file: 'ngos.json', data: ngos },
  { file: 'platforms.json', data: platforms },
  { file: 'russia.json', data: russia },
  { file: 'uk.json', data: uk },
  { file: 'ukraine.json', data: ukraine },
  { file: 'united-states.json', data: unitedStates },
];

export interface GazetteerEntry {
  id: string;
  /** The name the graph shows, as news writes it. */
  name: string;
  kind: ActorKind;
  /** ISO 3166-1 alpha-2; absent for actors of no one country (EU and UN bodies, multinationals). */
  country?: string;
  /**
   * Some of its names are also ordinary words or another actor's names ("Signal", "ABC"), so a
   * bare match is not enough to tell that the text means this actor.
   */
  ambiguous: boolean;
  /** The id of the body it belongs to or speaks for: a ministry's government, a spokesman's office. */
  memberOf?: string;
  /** Other proper names and spellings. */
  aliases: readonly string[];
  /** Common nouns that stand for it once an article has named it: "regulator", "broadcaster". */
  descriptions: readonly string[];
  /** Places that stand for it: "Moscow" for the Russian government, "Downing Street". */
  metonyms: readonly string[];
  /** STATE only: adjectives that name its bodies ("Russian" Foreign Ministry). */
  demonyms: readonly string[];
  /** The group of the file it comes from, e.g. "Russia". */
  group: string;
  /** The file it comes from, e.g. "russia.json". */
  file: string;
}

/** One thing wrong in the gazetteer: the file, the actor (its id, else its place) and the field. */
export interface GazetteerIssue {
  file: string;
  /** The actor's id, or `actors[3]` when it has no usable id; empty for the file as a whole. */
  actor: string;
  /** A path inside the actor, e.g. `aliases[2]`; inside the file when `actor` is empty. */
  field: string;
  reason: string;
}

export function formatGazetteerIssue(i: GazetteerIssue): string {
  return [i.file, i.actor, i.field, i.reason].filter((part) => part !== '').join(': ');
}

export class GazetteerError extends Error {
  constructor(readonly issues: readonly GazetteerIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in the gazetteer:\n` +
        issues.map((i) => `  ${formatGazetteerIssue(i)}`).join('\n'),
    );
  }
}

// ISO 3166-1 alpha-2, officially assigned codes only. Intl.DisplayNames would also accept "EU",
// "UN", "UK" and user-assigned codes, which a country field must not hold.
// prettier-ignore
const ISO_COUNTRIES = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR ' +
  'BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ ' +
  'EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW ' +
  'GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY ' +
  'KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV ' +
  'MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
  'QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG ' +
  'TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ' +
  'ZW').split(' '),
);

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const trimmed = z
  .string()
  .min(1, 'is empty')
  .refine((s) => s === s.trim() && !/\s{2}/.test(s), 'has leading, trailing or doubled spaces');

// A description is matched after "the" inside an article, so it is stored without an article and
// in lower case: "regulator", not "The regulator".
const description = trimmed
  .refine((s) => /^\p{Ll}/u.test(s), 'must start with a lower-case letter')
  .refine((s) => !/^(the|a|an) /i.test(s), 'must not start with an article');

const uniqueList = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .default([])
    .superRefine((list: unknown[], ctx) => {
      list.forEach((v, i) => {
        if (list.indexOf(v) < i) {
          ctx.addIssue({ code: 'custom', path: [i], message: `${quote(v)} is listed twice` });
        }
      });
    });

const actorSchema = z
  .object({
    id: z.string().regex(ID, 'must be lower-case letters, digits and single dashes'),
    name: trimmed,
    kind: z.enum(ACTOR_KINDS),
    country: z
      .string()
      .refine((c) => ISO_COUNTRIES.has(c), 'is not an ISO 3166-1 alpha-2 country code')
      .optional(),
    ambiguous: z.boolean().default(false),
    memberOf: z.string().regex(ID, 'must be an actor id').optional(),
    aliases: uniqueList(trimmed),
    descriptions: uniqueList(description),
    metonyms: uniqueList(trimmed),
    demonyms: uniqueList(trimmed),
  })
  .strict();

const fileSchema = z
  .object({ group: trimmed, actors: z.array(z.unknown()).min(1, 'has no actors') })
  .strict();

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function fieldOf(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    '',
  );
}

const TYPE_NAMES: Partial<Record<string, string>> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  boolean: 'true or false',
};

function zodIssues(file: string, actor: string, error: z.ZodError): GazetteerIssue[] {
  return error.issues.flatMap((e): GazetteerIssue[] => {
    const field = fieldOf(e.path);
    switch (e.code) {
      case 'unrecognized_keys':
        return e.keys.map((k) => ({
          file,
          actor,
          field: field ? `${field}.${k}` : k,
          reason: 'is not a known field',
        }));
      case 'invalid_enum_value':
        return [
          {
            file,
            actor,
            field,
            reason: `${quote(e.received)} is not one of ${e.options.join(', ')}`,
          },
        ];
      case 'invalid_type':
        return [
          {
            file,
            actor,
            field,
            reason:
              e.received === 'undefined'
                ? 'is required'
                : `must be ${TYPE_NAMES[e.expected] ?? e.expected}`,
          },
        ];
      default:
        return [{ file, actor, field, reason: e.message }];
    }
  });
}

/**
 * The key under which two names count as the same: case, accents, a leading "the", curly
 * apostrophes and runs of spaces do not tell actors apart in running text.
 */
export function surfaceKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

const NAME_FIELDS = ['name', 'aliases', 'metonyms'] as const;

/**
 * Checks the gazetteer's files, each on its own and then together: ids unique across files,
 * `memberOf` pointing at an actor and never round in a circle, no name shared by two actors
 * unless both are marked ambiguous, demonyms only on states and never on two of them. Pure, so
 * tests can hand it broken data; `entries` holds every actor that passed its own checks.
 */
export function checkGazetteer(files: readonly { file: string; data: unknown }[]): {
  entries: GazetteerEntry[];
  issues: GazetteerIssue[];
} {
  const issues: GazetteerIssue[] = [];
  const entries: GazetteerEntry[] = [];
  const fileNames = new Set<string>();

  for (const { file, data } of files) {
    if (fileNames.has(file)) {
      issues.push({ file, actor: '', field: '', reason: 'is listed twice' });
      continue;
    }
    fileNames.add(file);
    const shape = fileSchema.safeParse(data);
    if (!shape.success) {
      issues.push(...zodIssues(file, '', shape.error));
      continue;
    }
    shape.data.actors.forEach((raw, i) => {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const actor = typeof rawId === 'string' && ID.test(rawId) ? rawId : `actors[${i}]`;
      const parsed = actorSchema.safeParse(raw);
      if (!parsed.success) {
        issues.push(...zodIssues(file, actor, parsed.error));
        return;
      }
      const a = parsed.data;
      const add = (field: string, reason: string) => issues.push({ file, actor, field, reason });
      if (a.kind === 'STATE') {
        if (a.country === undefined) add('country', 'is required for a STATE');
        if (a.demonyms.length === 0) add('demonyms', 'a STATE needs at least one demonym');
      } else if (a.demonyms.length > 0) {
        add('demonyms', `only a STATE has demonyms, and this is a ${a.kind}`);
      }
      if (a.kind === 'PERSON' && a.metonyms.length > 0) {
        add('metonyms', 'a PERSON has no metonyms');
      }
      if (a.memberOf === a.id) add('memberOf', 'is the actor itself');
      entries.push({ ...a, group: shape.data.group, file });
    });
  }

  const byIdMap = new Map<string, GazetteerEntry>();
  const kept: GazetteerEntry[] = [];
  for (const e of entries) {
    const first = byIdMap.get(e.id);
    if (first) {
      issues.push({
        file: e.file,
        actor: e.id,
        field: 'id',
        reason: `is also the id of an actor in ${first.file}`,
      });
      continue;
    }
    byIdMap.set(e.id, e);
    kept.push(e);
  }

  for (const e of kept) {
    if (e.memberOf === undefined || e.memberOf === e.id) continue;
    const parent = byIdMap.get(e.memberOf);
    if (!parent) {
      issues.push({
        file: e.file,
        actor: e.id,
        field: 'memberOf',
        reason: `${quote(e.memberOf)} is no actor's id`,
      });
      continue;
    }
    if (parent.kind === 'PERSON') {
      issues.push({
        file: e.file,
        actor: e.id,
        field: 'memberOf',
        reason: `${quote(e.memberOf)} is a PERSON, and nothing is a member of a person`,
      });
    }
    const chain = [e.id];
    let at: GazetteerEntry | undefined = parent;
    while (at) {
      if (at.id === e.id) {
        issues.push({
          file: e.file,
          actor: e.id,
          field: 'memberOf',
          reason: `goes round in a circle: ${[...chain, e.id].join(' -> ')}`,
        });
        break;
      }
      // A circle further up, which its own members report.
      if (chain.includes(at.id)) break;
      chain.push(at.id);
      at = at.memberOf === undefined ? undefined : byIdMap.get(at.memberOf);
    }
  }

  const owners = new Map<string, { entry: GazetteerEntry; field: string; text: string }>();
  for (const e of kept) {
    const seenHere = new Set<string>();
    for (const field of NAME_FIELDS) {
      const list = field === 'name' ? [e.name] : e[field];
      list.forEach((text, i) => {
        const key = surfaceKey(text);
        if (seenHere.has(key)) return;
        seenHere.add(key);
        const owner = owners.get(key);
        if (!owner) {
          owners.set(key, { entry: e, field: field === 'name' ? 'name' : `${field}[${i}]`, text });
          return;
        }
        if (owner.entry.ambiguous && e.ambiguous) return;
        issues.push({
          file: e.file,
          actor: e.id,
          field: field === 'name' ? 'name' : `${field}[${i}]`,
          reason:
            `${quote(text)} is also ${owner.field === 'name' ? 'the name' : `${owner.field}`} of ` +
            `${owner.entry.id} (${owner.entry.file}); if both really go by it, mark both ambiguous`,
        });
      });
    }
  }

  const demonymOwners = new Map<string, GazetteerEntry>();
  const stateOf = new Map<string, GazetteerEntry>();
  for (const e of kept) {
    if (e.kind !== 'STATE') continue;
    if (e.country !== undefined) {
      const other = stateOf.get(e.country);
      if (other) {
        issues.push({
          file: e.file,
          actor: e.id,
          field: 'country',
          reason: `${e.country} already has the STATE ${other.id} (${other.file})`,
        });
      } else stateOf.set(e.country, e);
    }
    e.demonyms.forEach((d, i) => {
      const key = surfaceKey(d);
      const other = demonymOwners.get(key);
      if (other && other !== e) {
        issues.push({
          file: e.file,
          actor: e.id,
          field: `demonyms[${i}]`,
          reason: `${quote(d)} is also a demonym of ${other.id} (${other.file})`,
        });
      } else demonymOwners.set(key, e);
    });
  }

  return { entries: kept, issues };
}

let cache: readonly GazetteerEntry[] | undefined;
let index: ReadonlyMap<string, GazetteerEntry> | undefined;

/** All actors of the gazetteer, checked once and then kept. Throws GazetteerError on bad data. */
export function loadGazetteer(): readonly GazetteerEntry[] {
  if (!cache) {
    const { entries, issues } = checkGazetteer(GAZETTEER_FILES);
    if (issues.length > 0) throw new GazetteerError(issues);
    // Shared by every caller, so nobody may change it under the others.
    cache = Object.freeze(
      entries.map((e) =>
        Object.freeze({
          ...e,
          aliases: Object.freeze(e.aliases),
          descriptions: Object.freeze(e.descriptions),
          metonyms: Object.freeze(e.metonyms),
          demonyms: Object.freeze(e.demonyms),
        }),
      ),
    );
    index = new Map(cache.map((e) => [e.id, e]));
  }
  return cache;
}

export function byId(id: string): GazetteerEntry | undefined {
  loadGazetteer();
  return index!.get(id);
}

/**
 * The gazetteer as the extractor's known actors. Only proper names go into aliases: metonyms
 * and descriptions stand for an actor only in context, which resolution has to judge.
 */
export function gazetteerAsKnownActors(): KnownActor[] {
  return loadGazetteer().map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    aliases: [...e.aliases],
    country: e.country ?? null,
  }));
}
