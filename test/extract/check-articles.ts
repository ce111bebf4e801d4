// Checks our own annotated articles (test/extract/articles): every NAME.txt has its NAME.json in
// the gold format of the evaluation set, with types and modalities from the ontology, participants
// named among the actors and every alias written in the text. Also the coverage the set was
// written for: every event type at least twice, every modality, four articles of tricky negatives.
//
//   node --require tsx/cjs test/extract/check-articles.ts [DIR]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ACTOR_KINDS, EVENT_TYPES, MODALITIES } from '../../src/ontology';

export const ARTICLES_DIR = path.join(__dirname, 'articles');

export const MIN_WORDS = 90;
export const MAX_WORDS = 260;
/** A note that starts so marks an event whose article shows what is not an event. */
export const TRICKY_NEGATIVE = 'Tricky negative:';
/** "RIGA, June 6." or "MOSCOW, October 27. /TASS/." at the start of a line. */
const DATELINE = /^[A-Z][A-Z .'-]*[A-Z], [A-Z][a-z]+ \d{1,2}\.( \/[A-Z]+\/\.)? \S/;

export interface GoldEvent {
  type: string;
  agents: string[];
  targets: string[];
  modality: string;
  note?: string;
}
export interface Gold {
  actors: Record<string, { kind: string; aliases: string[] }>;
  events: GoldEvent[];
}
export interface Article {
  name: string;
  text: string;
  gold: Gold;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');
const keysOutside = (o: Record<string, unknown>, allowed: string[]) =>
  Object.keys(o).filter((k) => !allowed.includes(k));

export const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The article names of a folder: the base names of its .txt and .json files. */
export function articleNames(dir = ARTICLES_DIR): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.json'))
    .map((f) => f.replace(/\.(txt|json)$/, ''));
  return [...new Set(names)].sort();
}

/** What is wrong with the pair NAME.txt and NAME.json: one line per problem, none when right. */
export function checkPair(dir: string, name: string): string[] {
  const problems: string[] = [];
  const txt = path.join(dir, `${name}.txt`);
  const json = path.join(dir, `${name}.json`);
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(txt, 'utf8');
  } catch {
    return [`${name}.txt is missing`];
  }
  try {
    raw = JSON.parse(readFileSync(json, 'utf8'));
  } catch (e) {
    return [`${name}.json: ${e instanceof Error ? e.message : String(e)}`];
  }

  const words = wordCount(text);
  if (words < MIN_WORDS || words > MAX_WORDS)
    problems.push(`text has ${words} words, not ${MIN_WORDS}-${MAX_WORDS}`);
  const lines = text.split('\n');
  if (!lines.slice(0, 2).some((l) => DATELINE.test(l)))
    problems.push('neither the first nor the second line starts with a dateline');

  if (!isObject(raw)) return [...problems, 'the gold is not an object'];
  const extra = keysOutside(raw, ['actors', 'events']);
  if (extra.length) problems.push(`unknown top-level keys: ${extra.join(', ')}`);
  if (!isObject(raw.actors)) return [...problems, 'actors is not an object'];
  if (!Array.isArray(raw.events) || raw.events.length === 0)
    return [...problems, 'events is not a non-empty list'];

  const actors = raw.actors;
  for (const [actor, value] of Object.entries(actors)) {
    if (!isObject(value)) {
      problems.push(`actor ${actor}: not an object`);
      continue;
    }
    const unknown = keysOutside(value, ['kind', 'aliases']);
    if (unknown.length) problems.push(`actor ${actor}: unknown keys ${unknown.join(', ')}`);
    if (!(ACTOR_KINDS as readonly unknown[]).includes(value.kind))
      problems.push(`actor ${actor}: kind ${String(value.kind)} is not an ActorKind`);
    if (!isStringList(value.aliases)) {
      problems.push(`actor ${actor}: aliases is not a list of non-empty strings`);
      continue;
    }
    if (new Set(value.aliases).size !== value.aliases.length)
      problems.push(`actor ${actor}: an alias is listed twice`);
    if (value.aliases.includes(actor)) problems.push(`actor ${actor}: its name is also an alias`);
    for (const alias of value.aliases)
      if (!text.includes(alias))
        problems.push(`actor ${actor}: alias "${alias}" is not in the text`);
    if (!text.includes(actor) && value.aliases.length === 0)
      problems.push(`actor ${actor}: neither the name nor an alias is in the text`);
  }

  const used = new Set<string>();
  raw.events.forEach((event: unknown, i: number) => {
    const at = `events[${i}]`;
    if (!isObject(event)) {
      problems.push(`${at}: not an object`);
      return;
    }
    const unknown = keysOutside(event, ['type', 'agents', 'targets', 'modality', 'note']);
    if (unknown.length) problems.push(`${at}: unknown keys ${unknown.join(', ')}`);
    if (!(EVENT_TYPES as readonly unknown[]).includes(event.type))
      problems.push(`${at}: type ${String(event.type)} is not an event type of ontology v1.1`);
    if (!(MODALITIES as readonly unknown[]).includes(event.modality))
      problems.push(`${at}: modality ${String(event.modality)} is not a Modality`);
    if ('note' in event && (typeof event.note !== 'string' || event.note.trim() === ''))
      problems.push(`${at}: note is not a non-empty string`);
    for (const role of ['agents', 'targets'] as const) {
      const names = event[role];
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
        problems.push(`${at}: ${role} is not a list of names`);
        continue;
      }
      if (new Set(names).size !== names.length) problems.push(`${at}: a name repeats in ${role}`);
      for (const n of names) {
        if (!(n in actors)) problems.push(`${at}: ${role} name "${n}" is not among the actors`);
        used.add(n);
      }
    }
  });
  for (const actor of Object.keys(actors))
    if (!used.has(actor)) problems.push(`actor ${actor}: takes part in no event`);
  return problems;
}

export function readArticle(dir: string, name: string): Article {
  return {
    name,
    text: readFileSync(path.join(dir, `${name}.txt`), 'utf8'),
    gold: JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Gold,
  };
}

export interface Tally {
  articles: number;
  events: number;
  byType: Record<string, number>;
  byModality: Record<string, number>;
  trickyNegativeArticles: string[];
}

export function tally(articles: Article[]): Tally {
  const byType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0]));
  const byModality = Object.fromEntries(MODALITIES.map((m) => [m, 0]));
  for (const { gold } of articles)
    for (const e of gold.events) {
      byType[e.type] = (byType[e.type] ?? 0) + 1;
      byModality[e.modality] = (byModality[e.modality] ?? 0) + 1;
    }
  return {
    articles: articles.length,
    events: articles.reduce((n, a) => n + a.gold.events.length, 0),
    byType,
    byModality,
    trickyNegativeArticles: articles
      .filter((a) => a.gold.events.some((e) => e.note?.startsWith(TRICKY_NEGATIVE)))
      .map((a) => a.name),
  };
}

/** What the set as a whole lacks: a type seen fewer than twice, a modality never seen, etc. */
export function checkCoverage(t: Tally): string[] {
  const problems: string[] = [];
  for (const [type, n] of Object.entries(t.byType))
    if (n < 2) problems.push(`event type ${type} occurs ${n} times, fewer than 2`);
  for (const [modality, n] of Object.entries(t.byModality))
    if (n < 1) problems.push(`modality ${modality} never occurs`);
  if (t.trickyNegativeArticles.length < 4)
    problems.push(
      `${t.trickyNegativeArticles.length} articles have a "${TRICKY_NEGATIVE}" note, fewer than 4`,
    );
  return problems;
}

function main(dir: string): number {
  const names = articleNames(dir);
  let bad = 0;
  for (const name of names) {
    const problems = checkPair(dir, name);
    if (problems.length) bad++;
    for (const p of problems) process.stdout.write(`${name}: ${p}\n`);
  }
  const good = names.filter((n) => checkPair(dir, n).length === 0);
  const t = tally(good.map((n) => readArticle(dir, n)));
  const coverage = checkCoverage(t);
  for (const p of coverage) process.stdout.write(`coverage: ${p}\n`);
  const counts = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  process.stdout.write(
    `${names.length} articles, ${bad} with problems; ${t.events} events\n` +
      `types: ${counts(t.byType)}\nmodalities: ${counts(t.byModality)}\n` +
      `tricky negatives: ${t.trickyNegativeArticles.join(', ')}\n`,
  );
  return bad === 0 && coverage.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(path.resolve(process.argv[2] ?? ARTICLES_DIR));
