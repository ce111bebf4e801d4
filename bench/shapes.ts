// The common result shapes of the benchmark's queries: every system's answer is normalised to
// these, so the harness can check that the systems agree before it times them. Ids are the graph's
// own keys (`twitter`), not our API's global ids (`Actor:twitter`).

/** Q1 and Q2: one event of a page. */
export interface EventSummary {
  id: string;
  type: string;
  summary: string;
  /** YYYY-MM-DD, or null when the date is unknown. */
  occurredOn: string | null;
}

export interface ActorRef {
  id: string;
  name: string;
}

/** Q3. Lists are in a canonical order (see the sort helpers below). */
export interface EventDetail {
  id: string;
  type: string;
  summary: string;
  occurredOn: string | null;
  participants: { role: string; actor: ActorRef }[];
  links: {
    kind: string;
    direction: 'OUTGOING' | 'INCOMING';
    other: { id: string; summary: string };
  }[];
  quotes: { text: string; speaker: { name: string } }[];
  evidence: { start: number; end: number; text: string }[];
}

/** Q4: the actor's first events by date (then id), each with its participants' actors. */
export interface ActorNeighbourhood {
  id: string;
  name: string;
  /** In the order the system returned them. Actors: distinct by id, ordered by id. */
  events: { id: string; occurredOn: string | null; actors: ActorRef[] }[];
}

/** Q5: one hit; kind is the node's main label (Event, Actor, Quote, Claim or Article). */
export interface SearchHit {
  score: number;
  kind: string;
  id: string;
}

/** Q6: hops counts events; nodeIds alternate actor, event, ..., actor. */
export interface ActorPath {
  hops: number;
  nodeIds: string[];
}

/** Q7. */
export interface EventCount {
  count: number;
}

/** Code-point order, as Cypher orders strings. */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares by each key in turn. */
export function byKeys<T>(...keys: ((x: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : cmpStr(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  };
}

export function sortDetail(d: EventDetail): EventDetail {
  return {
    ...d,
    participants: [...d.participants].sort(
      byKeys(
        (p) => p.role,
        (p) => p.actor.id,
      ),
    ),
    links: [...d.links].sort(
      byKeys(
        (l) => l.kind,
        (l) => l.direction,
        (l) => l.other.id,
      ),
    ),
    quotes: [...d.quotes].sort(
      byKeys(
        (q) => q.text,
        (q) => q.speaker.name,
      ),
    ),
    evidence: [...d.evidence].sort(
      byKeys(
        (e) => e.start,
        (e) => e.end,
        (e) => e.text,
      ),
    ),
  };
}

/** Distinct by id, ordered by id. */
export function distinctActors(actors: readonly ActorRef[]): ActorRef[] {
  const byId = new Map(actors.map((a) => [a.id, a]));
  return [...byId.values()].sort(byKeys((a) => a.id));
}

/** Best first; equal scores by kind, then id, so every system lists ties alike. */
export function sortHits(hits: readonly SearchHit[]): SearchHit[] {
  return [...hits].sort(
    byKeys(
      (h) => -h.score,
      (h) => h.kind,
      (h) => h.id,
    ),
  );
}

/** The key of one of our API's global ids (`Actor:twitter` → `twitter`), checking its type. */
export function keyOfGlobalId(id: string, type: string): string {
  if (!id.startsWith(`${type}:`)) throw new Error(`'${id}' is not a global id of type ${type}`);
  return id.slice(type.length + 1);
}
