// Text as UTF-16, which is how JavaScript strings, GraphQL strings and evidence offsets count it:
// a character beyond U+FFFF is a surrogate pair, two code units. Neo4j keeps UTF-8, which cannot
// write half of a pair, so a lone surrogate would be stored as U+FFFD, not as sent; and a span
// that starts or ends between the two halves of a pair would cut a character in two.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a lone surrogate is refused, for messages. */
export const LONE_SURROGATE_REASON =
  'half of a UTF-16 surrogate pair, which is no character and cannot be stored';

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The offset of the first lone (unpaired) surrogate in `s`; -1 when there is none. */
export function loneSurrogateAt(s: string): number {
  return s.search(LONE_SURROGATE);
}

/** Whether `offset` falls between the two code units of one of `text`'s surrogate pairs. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHigh(text.charCodeAt(offset - 1)) &&
    isLow(text.charCodeAt(offset))
  );
}

/** Where a string of a JSON value holds a lone surrogate: a value, or the key of an object. */
export interface LoneSurrogate {
  /** Keys and indexes from the top of the value to the string (to the object, for a key). */
  path: (string | number)[];
  /** Set when the string is a key of the object at `path`. */
  key?: string;
  /** The offset of the lone surrogate in the string. */
  at: number;
}

interface Visit {
  value: unknown;
  parent: Visit | null;
  step: string | number | null;
  /** Set for the visit of an object's key with a lone surrogate at `value`'s offset. */
  key?: string;
}

function pathOf(v: Visit | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = v; at?.parent; at = at.parent) path.push(at.step!);
  return path.reverse();
}

/**
 * The strings of a JSON value (keys included) that hold a lone surrogate, in document order, at
 * most `limit` of them. It walks without recursion: a value may nest deeper than the stack.
 */
export function findLoneSurrogates(value: unknown, limit = Infinity): LoneSurrogate[] {
  const found: LoneSurrogate[] = [];
  const stack: Visit[] = [{ value, parent: null, step: null }];
  while (stack.length > 0 && found.length < limit) {
    const v = stack.pop()!;
    if (v.key !== undefined) {
      found.push({ path: pathOf(v.parent), key: v.key, at: v.value as number });
    } else if (typeof v.value === 'string') {
      const at = loneSurrogateAt(v.value);
      if (at >= 0) found.push({ path: pathOf(v), at });
    } else if (Array.isArray(v.value)) {
      for (let i = v.value.length - 1; i >= 0; i--) {
        stack.push({ value: v.value[i], parent: v, step: i });
      }
    } else if (typeof v.value === 'object' && v.value !== null) {
      const entries: [string, unknown][] = Object.entries(v.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, parent: v, step: key });
        // Pushed after its value, so a bad key is reported before what it names.
        const at = loneSurrogateAt(key);
        if (at >= 0) stack.push({ value: at, parent: v, step: null, key });
      }
    }
  }
  return found;
}

/** `base` and a path into it as one field path: `input.annotation.events[0].summary`. */
export function fieldPathOf(base: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, step) => (typeof step === 'number' ? `${acc}[${step}]` : acc ? `${acc}.${step}` : step),
    base,
  );
}
