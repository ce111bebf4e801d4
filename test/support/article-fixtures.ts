// Small annotated articles written in tests, with their spans found in the text rather than
// counted by hand: each evidence is a phrase of the text (its first occurrence, or the one after
// `@n` occurrences, as in "Twitter@1").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The span of `phrase` in `text`: "word" is its first occurrence, "word@2" its third. */
export function spanOf(text: string, phrase: string): Span {
  const at = /^(.*)@(\d+)$/s.exec(phrase);
  const words = at ? at[1]! : phrase;
  let start = -1;
  for (let i = 0; i <= Number(at?.[2] ?? 0); i++) {
    start = text.indexOf(words, start + 1);
    if (start < 0) throw new Error(`'${phrase}' is not in the text`);
  }
  return { start, end: start + words.length, text: words };
}

export interface ActorSpec {
  id: string;
  name: string;
  kind: string;
  /** The phrase that names it. */
  named: string;
  aliases?: string[];
  country?: string;
}

export interface EventSpec {
  id: string;
  type: string;
  summary?: string;
  occurredOn?: string;
  datePrecision?: 'DAY' | 'MONTH' | 'YEAR' | 'UNKNOWN';
  modality?: string;
  confidence?: number;
  /** The phrase that states the event. */
  stated: string;
  /** [role, actor id, phrase] */
  participants: [string, string, string][];
}

export interface ArticleSpec {
  id: string;
  text: string;
  publisherId: string;
  publishedOn?: string;
  title?: string;
  /** Leave out for a hand-made annotation. */
  extraction?: { method: string; version: string };
  actors: ActorSpec[];
  events: EventSpec[];
  /** [from, kind, to, phrase] */
  links?: [string, string, string, string][];
  /** [id, speaker, event id or null, quoted phrase] */
  quotes?: [string, string, string | null, string][];
}

/** The annotation of `spec`, in the format of schema/annotation.schema.json. */
export function annotationOf(spec: ArticleSpec): Record<string, unknown> {
  const span = (phrase: string) => [spanOf(spec.text, phrase)];
  return {
    formatVersion: 1,
    ...(spec.extraction ? { extraction: spec.extraction } : {}),
    article: {
      id: spec.id,
      textFile: `${spec.id}.txt`,
      ...(spec.title ? { title: spec.title } : {}),
      publisherId: spec.publisherId,
      dateline: spec.publishedOn ?? '2017-10-27',
      publishedOn: spec.publishedOn ?? '2017-10-27',
    },
    actors: spec.actors.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      ...(a.aliases ? { aliases: a.aliases } : {}),
      ...(a.country ? { country: a.country } : {}),
      evidence: span(a.named),
    })),
    events: spec.events.map((e) => ({
      id: e.id,
      type: e.type,
      summary: e.summary ?? `${e.type} (${e.id})`,
      ...(e.occurredOn ? { occurredOn: e.occurredOn } : {}),
      datePrecision: e.datePrecision ?? (e.occurredOn ? 'DAY' : 'UNKNOWN'),
      modality: e.modality ?? 'ASSERTED',
      confidence: e.confidence ?? 0.8,
      participants: e.participants.map(([role, actorId, phrase]) => ({
        actorId,
        role,
        evidence: span(phrase),
      })),
      evidence: span(e.stated),
    })),
    links: (spec.links ?? []).map(([from, kind, to, phrase]) => ({
      from,
      kind,
      to,
      evidence: span(phrase),
    })),
    quotes: (spec.quotes ?? []).map(([id, speakerId, eventId, phrase]) => ({
      id,
      text: phrase,
      speakerId,
      ...(eventId ? { eventId } : {}),
      evidence: span(phrase),
    })),
  };
}

/** A folder of its own holding the articles' texts and annotations, for `load`. */
export function articleDir(...specs: ArticleSpec[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-articles-'));
  for (const spec of specs) {
    writeFileSync(path.join(dir, `${spec.id}.txt`), spec.text);
    writeFileSync(path.join(dir, `${spec.id}.json`), JSON.stringify(annotationOf(spec), null, 2));
  }
  return dir;
}
