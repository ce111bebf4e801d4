// When an article's text was edited after its annotation was made, every span from the edit on
// stops matching. Reported span by span that is a wall of lines that never says where the texts
// part; this turns it into one issue that does. The annotation keeps no copy, length or hash of
// the text it was made for: all it knows are its spans' offsets and texts, so the text it
// expects is known only where spans cover it, and a change where no span looks cannot be seen.

/** One evidence span and the field that holds it. */
export interface FieldSpan {
  field: string;
  start: number;
  end: number;
  text: string;
}

/** Characters of context either side of the first difference. */
const EXCERPT = 24;
/** How far (in UTF-16 units) a span is looked for around its offsets to measure a shift. */
const SHIFT_WINDOW = 400;
/** Spans named in the issue; the rest are counted. */
const NAMED_SPANS = 3;

/** A span whose text has the length its offsets say: only those say what the text was. */
export function isWellFormed(s: FieldSpan): boolean {
  return s.end > s.start && s.start >= 0 && s.end - s.start === s.text.length;
}

export interface ChangedText {
  /** Spans that no longer match the text, to be reported as one issue (see `describe`). */
  changed: FieldSpan[];
  /** Spans that contradict another span of the annotation: the annotation is wrong there. */
  contradicted: Set<FieldSpan>;
  /** The first offset at which the text is known to differ from what the spans expect. */
  at: number;
  /** The text may already differ from here on: the spans cover nothing between it and `at`. */
  from: number;
  /** Whether spans say what the text is at an offset (and agree about it). */
  covered: (offset: number) => boolean;
}

/**
 * Compares the text with what the well-formed spans expect of it. Returns null when every one of
 * them matches. `spans` are all of the annotation's spans, matching or not: the matching ones
 * show where the text is still as expected.
 */
export function compareText(text: string, spans: FieldSpan[]): ChangedText | null {
  const wellFormed = spans.filter(isWellFormed);
  const mismatched = wellFormed.filter((s) => text.slice(s.start, s.end) !== s.text);
  if (mismatched.length === 0) return null;

  // The expected code unit at each offset inside the text; CONFLICT where spans disagree.
  // Offsets past the end of the text need no map: the file has nothing there at all.
  const CONFLICT = -1;
  const expected = new Int32Array(text.length).fill(-2);
  const NONE = -2;
  for (const s of wellFormed) {
    for (let i = s.start; i < Math.min(s.end, text.length); i++) {
      const unit = s.text.charCodeAt(i - s.start);
      const was = expected[i]!;
      expected[i] = was === NONE || was === unit ? unit : CONFLICT;
    }
  }
  const contradicted = new Set(
    mismatched.filter((s) => {
      for (let i = s.start; i < Math.min(s.end, text.length); i++) {
        if (expected[i] === CONFLICT) return true;
      }
      return false;
    }),
  );
  const changed = mismatched.filter((s) => !contradicted.has(s)).sort((x, y) => x.start - y.start);
  const covered = (offset: number) => offset < text.length && expected[offset]! >= 0;
  if (changed.length === 0) return { changed, contradicted, at: -1, from: -1, covered };

  let at = Infinity;
  for (const s of changed) {
    for (let i = s.start; i < s.end && i < at; i++) {
      if (i >= text.length || text.charCodeAt(i) !== s.text.charCodeAt(i - s.start)) at = i;
    }
  }
  // Back from `at` over offsets the spans cover and the text agrees with: the first difference
  // can be no earlier than the first offset after the nearest one of those.
  let from = Math.min(at, text.length);
  while (from > 0 && expected[from - 1] === NONE) from--;
  return { changed, contradicted, at, from, covered };
}

/** 1-based line and column (in UTF-16 units, as offsets count) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Where a span's text is found nearest its offsets, as a shift; null when it is not near. */
function shiftOf(text: string, s: FieldSpan): number | null {
  const lo = Math.max(0, s.start - SHIFT_WINDOW);
  const window = text.slice(lo, s.end + SHIFT_WINDOW);
  let best: number | null = null;
  for (let i = window.indexOf(s.text); i >= 0; i = window.indexOf(s.text, i + 1)) {
    const shift = lo + i - s.start;
    if (best === null || Math.abs(shift) < Math.abs(best)) best = shift;
  }
  return best;
}

const show = (s: string) => JSON.stringify(s);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The issue's reason: where the text first differs, with what the file has there against what
 * the annotation expects, how far later spans moved, and which spans no longer match. Lines
 * after the first are indented to sit under the issue's first line.
 */
export function describe(text: string, textName: string, found: ChangedText): string {
  const { changed, at, from, covered } = found;
  const lines: string[] = [
    `the article text ${textName} is not the text this annotation was made for: ${plural(changed.length, 'span')} no longer match${changed.length === 1 ? 'es' : ''} it`,
  ];
  const where = (offset: number) => {
    const { line, column } = lineAndColumn(text, offset);
    return `offset ${offset} (line ${line}, column ${column})`;
  };
  // What the annotation expects from `at` on, as far as the span that shows it goes.
  const span = changed.find((s) => s.start <= at && at < s.end)!;
  const expects = span.text.slice(at - span.start, at - span.start + EXCERPT);
  if (at >= text.length) {
    const reach = Math.max(...changed.map((s) => s.end));
    lines.push(
      `the file ends at ${where(text.length)}, but the annotation's spans reach offset ${reach}`,
      `the file ends with ${show(text.slice(Math.max(0, text.length - EXCERPT)))}; ${at === text.length ? `the annotation expects ${show(expects)} to follow` : `the first text the annotation expects past its end is ${show(expects)} at offset ${at}`}`,
    );
    if (from < text.length) {
      lines.push(
        `the spans cover none of the text from ${where(from)} on, so it may already differ there`,
      );
    }
  } else {
    const has = text.slice(at, at + expects.length);
    // Text before `at` that spans cover and the file agrees with, for context.
    let agreedFrom = at;
    while (agreedFrom > Math.max(0, at - EXCERPT) && covered(agreedFrom - 1)) agreedFrom--;
    const agreed = text.slice(agreedFrom, at);
    lines.push(
      from === at
        ? `first differs at ${where(at)}`
        : `first differs somewhere from ${where(from)} to ${where(at)}: the annotation's spans cover none of the text in between, so the change may be anywhere there`,
      `${agreed ? `after ${show(agreed)}, ` : from === at ? '' : `at offset ${at}, `}the file has ${show(has)} where the annotation expects ${show(expects)}`,
    );
  }
  // A consistent shift of the later spans tells an insertion or a deletion from a rewrite.
  const later = changed.filter((s) => s.start >= at);
  const shifts = later.map((s) => shiftOf(text, s));
  const shift = shifts[shifts.length - 1];
  if (
    shift !== null &&
    shift !== undefined &&
    shift !== 0 &&
    shifts.filter((d) => d === shift).length * 2 > shifts.length
  ) {
    lines.push(
      `later spans are found ${plural(Math.abs(shift), 'character')} ${shift > 0 ? 'further on' : 'earlier'}: ${plural(Math.abs(shift), 'character')} seem${Math.abs(shift) === 1 ? 's' : ''} to have been ${shift > 0 ? 'inserted' : 'deleted'} there`,
    );
  }
  const named = changed
    .slice(0, NAMED_SPANS)
    .map((s) => `${s.field} (${s.start}-${s.end})`)
    .join(', ');
  const more = changed.length - NAMED_SPANS;
  lines.push(
    `spans that no longer match: ${named}${more > 0 ? ` and ${more} more span${more === 1 ? '' : 's'}` : ''}`,
  );
  return lines.join('\n    ');
}
