// Validation of one article's annotation: first its shape against schema/annotation.schema.json,
// then what a JSON Schema cannot say (references, spans that must match the text, real dates).
import Ajv, { type ErrorObject } from 'ajv';
import annotationSchema from '../../schema/annotation.schema.json';
import { isCalendarDate } from '../calendar';
import type { MediagraphArticleAnnotation as Annotation, Span } from '../generated/annotation';
import { compareText, describe, isWellFormed, type FieldSpan } from './changed-text';
import type { InputIssue } from './errors';
import {
  fieldPathOf,
  findLoneSurrogates,
  LONE_SURROGATE_REASON as HALF,
  loneSurrogateAt,
  splitsSurrogatePair,
} from './text';

// verbose: errors carry the offending value, so messages can quote it.
const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const checkShape = ajv.compile<Annotation>(annotationSchema);

/** `/events/3/type` -> `events[3].type` */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function shapeIssue(file: string, e: ErrorObject): InputIssue {
  let field = fieldPath(e.instancePath);
  let reason = e.message ?? 'is invalid';
  if (e.keyword === 'enum') {
    reason = `${quote(e.data)} is not one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  } else if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    field = field ? `${field}.${extra}` : extra;
    reason = 'is not a known field';
  } else if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    field = field ? `${field}.${missing}` : missing;
    reason = 'is required';
  } else if (e.keyword === 'pattern' && e.instancePath.endsWith('occurredOn')) {
    reason = `${quote(e.data)} is not a date (YYYY-MM-DD)`;
  }
  return { file, field, reason };
}

/**
 * A value as JSON for an error message, cut short: hostile input may be huge, or nested deeper
 * than JSON.stringify can recurse.
 */
export function quote(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    return '(a value nested too deeply to show)';
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Characters of an actor's name and aliases together (see the actor checks below). */
const MAX_NAMES_CHARS = 8000;

/** Link targets that are not events of this annotation: events of earlier articles. */
export function externalLinkTargets(a: Annotation): { id: string; field: string }[] {
  const own = new Set(a.events.map((e) => e.id));
  return (a.links ?? [])
    .map((l, i) => ({ id: l.to, field: `links[${i}].to` }))
    .filter((t) => !own.has(t.id));
}

export interface ValidArticle {
  file: string;
  text: string;
  annotation: Annotation;
}

/**
 * Checks one annotation against its article text. Returns the issues found; an empty list means
 * the article can be written. `textPath` names the article text in messages (the annotation's
 * `textFile` when not given).
 */
export function validateAnnotation(
  file: string,
  data: unknown,
  text: string | null,
  textPath?: string,
): InputIssue[] {
  if (!checkShape(data)) return (checkShape.errors ?? []).map((e) => shapeIssue(file, e));
  const a = data;
  const issues: InputIssue[] = [];
  const add = (field: string, reason: string) => issues.push({ file, field, reason });

  if (text === null) {
    add('article.textFile', `cannot read the article text '${a.article.textFile}'`);
    return issues;
  }

  const textAt = loneSurrogateAt(text);
  if (textAt >= 0) {
    add('article.textFile', `the article text has a lone surrogate at offset ${textAt}: ${HALF}`);
  }
  for (const hit of findLoneSurrogates(data)) {
    const field = fieldPathOf('', hit.path);
    add(
      field,
      `${hit.key === undefined ? '' : `the key ${JSON.stringify(hit.key)} `}has a lone surrogate at offset ${hit.at}: ${HALF}`,
    );
  }

  // Spans whose text has the length their offsets say are compared with the text together, at
  // the end (changed-text.ts): a changed article is one issue, not one per span.
  const textSpans: FieldSpan[] = [];
  const mismatch = (s: FieldSpan) =>
    s.end > text.length
      ? add(
          s.field,
          `end (${s.end}) is past the end of the article text (${text.length} characters)`,
        )
      : add(
          `${s.field}.text`,
          `${JSON.stringify(s.text)} is not the article's text at ${s.start}-${s.end}, which is ${JSON.stringify(text.slice(s.start, s.end))}`,
        );
  const spans = (field: string, list: Span[] | undefined) => {
    list?.forEach((s, i) => {
      const f = `${field}[${i}]`;
      const span = { field: f, start: s.start, end: s.end, text: s.text };
      const splits = (['start', 'end'] as const).filter((k) => splitsSurrogatePair(text, s[k]));
      if (s.end <= s.start) add(f, `end (${s.end}) must be greater than start (${s.start})`);
      else if (splits.length > 0) {
        for (const k of splits) {
          const char = text
            .codePointAt(s[k] - 1)!
            .toString(16)
            .toUpperCase();
          add(
            `${f}.${k}`,
            `${s[k]} falls between the two UTF-16 code units of the character U+${char} at ${s[k] - 1}-${s[k] + 1}; a span must start and end between characters`,
          );
        }
      } else if (isWellFormed(span)) textSpans.push(span);
      else if (s.end > text.length || text.slice(s.start, s.end) !== s.text) mismatch(span);
    });
  };
  const unique = (field: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) add(`${field}[${i}].id`, `'${id}' is used twice`);
      seen.add(id);
    });
  };
  const external = (field: string, obj: object, ext: Record<string, string> | undefined) => {
    for (const key of Object.keys(ext ?? {})) {
      if (key === 'external' || key === 'evidence' || !Object.hasOwn(obj, key)) {
        add(`${field}.external.${key}`, `names no field of this object that has a value`);
      }
    }
  };

  const actorIds = new Set(a.actors.map((x) => x.id));
  const eventIds = new Set(a.events.map((x) => x.id));
  const claimIds = new Set((a.claims ?? []).map((x) => x.id));
  const actorRef = (field: string, id: string) => {
    if (!actorIds.has(id)) add(field, `'${id}' is not an actor of this annotation`);
  };
  const eventRef = (field: string, id: string | undefined) => {
    if (id !== undefined && !eventIds.has(id))
      add(field, `'${id}' is not an event of this annotation`);
  };

  unique(
    'actors',
    a.actors.map((x) => x.id),
  );
  unique(
    'events',
    a.events.map((x) => x.id),
  );
  unique(
    'quotes',
    (a.quotes ?? []).map((x) => x.id),
  );
  unique(
    'claims',
    (a.claims ?? []).map((x) => x.id),
  );

  if (!isCalendarDate(a.article.publishedOn))
    add('article.publishedOn', `'${a.article.publishedOn}' is not a calendar date`);
  actorRef('article.publisherId', a.article.publisherId);
  spans('article.datelineEvidence', a.article.datelineEvidence);
  external('article', a.article, a.article.external);

  a.actors.forEach((x, i) => {
    // Name and aliases go into one text-indexed property, whose keys hold at most about 32 KB.
    const names = x.name.length + (x.aliases ?? []).reduce((n, alias) => n + alias.length + 1, 0);
    if (names > MAX_NAMES_CHARS) {
      add(
        `actors[${i}].aliases`,
        `name and aliases have ${names} characters; at most ${MAX_NAMES_CHARS} are accepted`,
      );
    }
    spans(`actors[${i}].evidence`, x.evidence);
    external(`actors[${i}]`, x, x.external);
  });
  (a.positions ?? []).forEach((p, i) => {
    actorRef(`positions[${i}].personId`, p.personId);
    actorRef(`positions[${i}].organizationId`, p.organizationId);
    spans(`positions[${i}].evidence`, p.evidence);
    external(`positions[${i}]`, p, p.external);
  });
  a.events.forEach((e, i) => {
    const f = `events[${i}]`;
    if (e.occurredOn !== undefined && !isCalendarDate(e.occurredOn)) {
      add(`${f}.occurredOn`, `'${e.occurredOn}' is not a calendar date`);
    }
    if (e.datePrecision === 'UNKNOWN' && e.occurredOn !== undefined) {
      add(`${f}.occurredOn`, 'is given while datePrecision is UNKNOWN');
    }
    if (e.datePrecision !== 'UNKNOWN' && e.occurredOn === undefined) {
      add(`${f}.occurredOn`, `is required when datePrecision is ${e.datePrecision}`);
    }
    if (e.mild !== undefined && e.type !== 'CRITICISM')
      add(`${f}.mild`, 'applies only to CRITICISM events');
    spans(`${f}.evidence`, e.evidence);
    external(f, e, e.external);
    const seen = new Set<string>();
    e.participants.forEach((p, j) => {
      actorRef(`${f}.participants[${j}].actorId`, p.actorId);
      const key = `${p.actorId}/${p.role}`;
      if (seen.has(key))
        add(`${f}.participants[${j}]`, `'${p.actorId}' is already ${p.role} of this event`);
      seen.add(key);
      spans(`${f}.participants[${j}].evidence`, p.evidence);
    });
    if (e.amount) spans(`${f}.amount.evidence`, e.amount.evidence);
  });
  (a.links ?? []).forEach((l, i) => {
    eventRef(`links[${i}].from`, l.from);
    // `to` may name an event of an earlier article: the loader resolves those (externalLinkTargets).
    if (l.from === l.to) add(`links[${i}].to`, 'an event cannot be linked to itself');
    spans(`links[${i}].evidence`, l.evidence);
  });
  (a.quotes ?? []).forEach((q, i) => {
    actorRef(`quotes[${i}].speakerId`, q.speakerId);
    eventRef(`quotes[${i}].eventId`, q.eventId);
    spans(`quotes[${i}].evidence`, q.evidence);
    if (!q.evidence.some((s) => s.text.includes(q.text))) {
      add(
        `quotes[${i}].text`,
        'a quote is verbatim, but this text is in none of its evidence spans',
      );
    }
  });
  (a.claims ?? []).forEach((c, i) => {
    actorRef(`claims[${i}].claimantId`, c.claimantId);
    (c.aboutIds ?? []).forEach((id, j) => actorRef(`claims[${i}].aboutIds[${j}]`, id));
    eventRef(`claims[${i}].eventId`, c.eventId);
    (c.disputes ?? []).forEach((id, j) => {
      if (!claimIds.has(id))
        add(`claims[${i}].disputes[${j}]`, `'${id}' is not a claim of this annotation`);
      if (id === c.id) add(`claims[${i}].disputes[${j}]`, 'a claim cannot dispute itself');
    });
    spans(`claims[${i}].evidence`, c.evidence);
    if (c.verbatim && !c.evidence.some((s) => s.text.includes(c.text))) {
      add(
        `claims[${i}].text`,
        'is marked verbatim, but this text is in none of its evidence spans',
      );
    }
  });
  const changed = compareText(text, textSpans);
  if (changed) {
    changed.contradicted.forEach(mismatch);
    if (changed.changed.length > 0) {
      add('article.textFile', describe(text, textPath ?? `'${a.article.textFile}'`, changed));
    }
  }
  return issues;
}
