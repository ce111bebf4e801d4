// The evaluation's score, as the shared scorer (eval/score.py beside the repository) defines it,
// so that `npm run eval` and `python3 score.py` give the same figures on the same predictions:
// the same name tokens, the same actor match, the same greedy matching in the same order, the
// same totals and the same printed lines (Python's rounding included). On top of it, what the
// Python scorer does not give: figures per event type and a confusion table.
//
// A predicted event matches a gold event when the types are equal and the agent sets and the
// target sets each overlap after alias resolution (an empty gold set matches anything). Gold
// events are taken in order, each matched with the first predicted event not matched yet.
import type { Annotation } from './types';
import { eventsFormat } from './events-format';

export interface GoldActor {
  kind?: string;
  aliases?: string[];
}

export interface GoldEvent {
  type: string;
  agents: string[];
  targets: string[];
  modality?: string;
  note?: string;
}

/** An article's gold: its events, and its actors by name with their aliases. */
export interface Gold {
  events: GoldEvent[];
  actors: Record<string, GoldActor>;
}

/** A predicted event as the scorer reads it: only type, agents and targets count. */
export interface ScoredPrediction {
  type?: unknown;
  agents?: readonly string[];
  targets?: readonly string[];
}

/** Words left out of names: "the", "of" ... and the "s" of a possessive. */
export const STOP_TOKENS: ReadonlySet<string> = new Set(['the', 'of', 'in', 's', 'and', 'its']);

/**
 * A name as a set of words: lower case, possessive 's dropped, runs of [a-z0-9], stop words left
 * out, and "-ian" cut to "-ia" in words over five letters (russian -> russia).
 */
export function tokens(name: string): Set<string> {
  const out = new Set<string>();
  const lower = String(name).toLowerCase().replaceAll("'s", '').replaceAll('\u2019s', '');
  for (const m of lower.matchAll(/[a-z0-9]+/g)) {
    let t = m[0];
    if (STOP_TOKENS.has(t)) continue;
    if (t.endsWith('ian') && t.length > 5) t = t.slice(0, -1);
    out.add(t);
  }
  return out;
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function aliasesOf(goldName: string, goldActors: Gold['actors']): readonly string[] {
  if (!Object.prototype.hasOwnProperty.call(goldActors, goldName)) return [];
  return goldActors[goldName]?.aliases ?? [];
}

/** Whether a predicted name is the gold actor: its name or one of its aliases, as word sets. */
export function sameActor(pred: string, goldName: string, goldActors: Gold['actors']): boolean {
  const p = tokens(pred);
  if (p.size === 0) return false;
  for (const n of [goldName, ...aliasesOf(goldName, goldActors)]) {
    const g = tokens(n);
    if (g.size === 0) continue;
    if (subset(p, g) || subset(g, p)) return true;
    let common = 0;
    for (const x of p) if (g.has(x)) common++;
    const union = p.size + g.size - common;
    if (common / union >= 0.5) return true;
  }
  return false;
}

/** Whether a predicted name set meets a gold one; an empty gold set meets anything. */
export function overlaps(
  predNames: readonly string[],
  goldNames: readonly string[],
  goldActors: Gold['actors'],
): boolean {
  if (goldNames.length === 0) return true;
  return predNames.some((p) => goldNames.some((g) => sameActor(p, g, goldActors)));
}

function rolesMeet(pe: ScoredPrediction, ge: GoldEvent, gold: Gold): boolean {
  return (
    overlaps(pe.agents ?? [], ge.agents, gold.actors) &&
    overlaps(pe.targets ?? [], ge.targets, gold.actors)
  );
}

export interface ArticleScore {
  matched: number;
  predicted: number;
  gold: number;
  /** For each gold event, the index of the predicted event it matched; -1 for none. */
  matchOf: number[];
}

/** One article: each gold event in order takes the first unmatched prediction that matches it. */
export function scoreArticle(pred: readonly ScoredPrediction[], gold: Gold): ArticleScore {
  const used = new Set<number>();
  const matchOf: number[] = [];
  for (const ge of gold.events) {
    let found = -1;
    for (let i = 0; i < pred.length; i++) {
      const pe = pred[i]!;
      if (used.has(i) || pe.type !== ge.type) continue;
      if (rolesMeet(pe, ge, gold)) {
        found = i;
        break;
      }
    }
    if (found >= 0) used.add(found);
    matchOf.push(found);
  }
  return { matched: used.size, predicted: pred.length, gold: gold.events.length, matchOf };
}

export interface Counts {
  matched: number;
  predicted: number;
  gold: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function prf({ matched: m, predicted: p, gold: g }: Counts): Prf {
  const precision = p ? m / p : 0;
  const recall = g ? m / g : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * x with `digits` decimals as Python's format(x, '.2f') writes it: the double's exact value
 * rounded to nearest, a tie to the even digit (0.125 -> "0.12", where toFixed gives "0.13").
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  const negative = x < 0 || Object.is(x, -0);
  // toFixed(100) writes the exact binary value (every double of the scorer's range has fewer
  // decimals than that), so the digits past the cut say exactly whether this is a tie.
  const exact = Math.abs(x).toFixed(100);
  const [whole = '0', fraction = ''] = exact.split('.');
  const kept = fraction.slice(0, digits);
  const rest = fraction.slice(digits);
  let n = BigInt(whole + kept);
  const first = rest[0] ?? '0';
  const beyond = /[1-9]/.test(rest.slice(1));
  if (first > '5' || (first === '5' && (beyond || n % 2n === 1n))) n += 1n;
  let s = n.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return negative ? `-${s}` : s;
}

/** Python's f"{s:Ns}": padded with spaces to N characters (code points), never cut. */
function padRight(s: string, width: number): string {
  const length = [...s].length;
  return length >= width ? s : s + ' '.repeat(width - length);
}

/** The per-article line of score.py. */
export function articleLine(name: string, s: Counts): string {
  const d2 = (x: number) => String(x).padStart(2, ' ');
  return `${padRight(name, 40)} matched ${d2(s.matched)}  predicted ${d2(s.predicted)}  gold ${d2(s.gold)}`;
}

/** The closing line of score.py. */
export function totalLine(c: Counts): string {
  const { precision, recall, f1 } = prf(c);
  return `all: precision ${pyFixed(precision, 2)}, recall ${pyFixed(recall, 2)}, F1 ${pyFixed(f1, 2)}`;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    matched: a.matched + b.matched,
    predicted: a.predicted + b.predicted,
    gold: a.gold + b.gold,
  };
}

export interface TypeCounts extends Counts {
  /** Unmatched gold events of this type met by a prediction of another type (the confusions). */
  confused: number;
  /** Gold events of this type that no prediction met, not even with another type. */
  missed: number;
  /** Predictions of this type that met no gold event, not even of another type. */
  spurious: number;
}

/** What the score does not say: where the errors are. Sums over articles with addBreakdown. */
export interface Breakdown {
  byType: Record<string, TypeCounts>;
  /**
   * Gold events left unmatched whose agents and targets a left-over prediction of another type
   * met: `confusion[goldType][predictedType]` is how many.
   */
  confusion: Record<string, Record<string, number>>;
}

export function emptyBreakdown(): Breakdown {
  return { byType: {}, confusion: {} };
}

function typeCounts(b: Breakdown, type: string): TypeCounts {
  if (!Object.prototype.hasOwnProperty.call(b.byType, type)) {
    b.byType[type] = { matched: 0, predicted: 0, gold: 0, confused: 0, missed: 0, spurious: 0 };
  }
  return b.byType[type]!;
}

/**
 * One article's breakdown, on its score: counts per type; then each unmatched gold event in order
 * is paired with the first left-over prediction that meets its agents and targets with another
 * type (a confusion); what is left over is missed gold and spurious predictions.
 */
export function articleBreakdown(
  pred: readonly ScoredPrediction[],
  gold: Gold,
  score: ArticleScore,
): Breakdown {
  const b = emptyBreakdown();
  const typeOf = (pe: ScoredPrediction) => String(pe.type);
  for (const pe of pred) typeCounts(b, typeOf(pe)).predicted++;
  const used = new Set(score.matchOf.filter((i) => i >= 0));
  gold.events.forEach((ge, g) => {
    const counts = typeCounts(b, ge.type);
    counts.gold++;
    if (score.matchOf[g]! >= 0) {
      counts.matched++;
      return;
    }
    const i = pred.findIndex(
      (pe, k) => !used.has(k) && pe.type !== ge.type && rolesMeet(pe, ge, gold),
    );
    if (i < 0) {
      counts.missed++;
      return;
    }
    used.add(i);
    counts.confused++;
    const row = (b.confusion[ge.type] ??= {});
    row[typeOf(pred[i]!)] = (row[typeOf(pred[i]!)] ?? 0) + 1;
  });
  pred.forEach((pe, k) => {
    if (!used.has(k)) typeCounts(b, typeOf(pe)).spurious++;
  });
  return b;
}

/** Adds `b` into `into`. */
export function addBreakdown(into: Breakdown, b: Breakdown): Breakdown {
  for (const [type, c] of Object.entries(b.byType)) {
    const t = typeCounts(into, type);
    t.matched += c.matched;
    t.predicted += c.predicted;
    t.gold += c.gold;
    t.confused += c.confused;
    t.missed += c.missed;
    t.spurious += c.spurious;
  }
  for (const [goldType, row] of Object.entries(b.confusion)) {
    const to = (into.confusion[goldType] ??= {});
    for (const [predicted, n] of Object.entries(row)) to[predicted] = (to[predicted] ?? 0) + n;
  }
  return into;
}

/**
 * A hand annotation as gold: its actors by name with their aliases, its events with the names of
 * their agents and targets.
 */
export function goldFromAnnotation(annotation: Annotation): Gold {
  const actors: Gold['actors'] = {};
  for (const a of annotation.actors) {
    actors[a.name] = { kind: a.kind, aliases: [...(a.aliases ?? [])] };
  }
  return { events: eventsFormat(annotation, 'canonical').events, actors };
}

/** Why a parsed gold file is not gold; null when it is. */
export function goldProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not an object';
  const { events, actors } = data as { events?: unknown; actors?: unknown };
  if (!Array.isArray(events)) return 'events: is not a list';
  if (typeof actors !== 'object' || actors === null || Array.isArray(actors)) {
    return 'actors: is not an object of actors by name';
  }
  const names = (x: unknown) => Array.isArray(x) && x.every((n) => typeof n === 'string');
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Partial<GoldEvent> | null;
    if (typeof e !== 'object' || e === null) return `events[${i}]: is not an object`;
    if (typeof e.type !== 'string') return `events[${i}].type: is not a string`;
    if (!names(e.agents)) return `events[${i}].agents: is not a list of names`;
    if (!names(e.targets)) return `events[${i}].targets: is not a list of names`;
  }
  for (const [name, a] of Object.entries(actors)) {
    if (typeof a !== 'object' || a === null)
      return `actors[${JSON.stringify(name)}]: is not an object`;
    const aliases = (a as GoldActor).aliases;
    if (aliases !== undefined && !names(aliases)) {
      return `actors[${JSON.stringify(name)}].aliases: is not a list of names`;
    }
  }
  return null;
}
