// Annotation validation without a database: the seed passes, and each kind of mistake is named
// by file, field and reason.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCalendarDate } from '../../src/calendar';
import { fieldPath, validateAnnotation } from '../../src/ingest/validate';
import { readArticle } from '../../src/ingest/read';
import { BAD_INPUTS, brokenSeed, SEED_JSON, SEED_TXT, type Breakage } from '../support/bad-input';

const text = readFileSync(SEED_TXT, 'utf8');
const seed = (): any => JSON.parse(readFileSync(SEED_JSON, 'utf8'));

test('the seed annotation is valid', () => {
  expect(validateAnnotation('seed.json', seed(), text)).toEqual([]);
});

test.each(BAD_INPUTS)('refuses: $name', ({ breakage, field, reason }) => {
  const { file } = brokenSeed(breakage);
  const result = readArticle(file);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues).toContainEqual({ file, field, reason: expect.stringMatching(reason) });
});

test.each<[string, Breakage, string, RegExp]>([
  [
    'a quote that is not verbatim',
    (a) => (a.quotes[0].text = 'We love it.'),
    'quotes[0].text',
    /in none of its evidence spans/,
  ],
  [
    'an unknown field',
    (a) => (a.events[0].colour = 'red'),
    'events[0].colour',
    /is not a known field/,
  ],
  [
    'a duplicate event id',
    (a) => (a.events[1].id = a.events[0].id),
    'events[1].id',
    /is used twice/,
  ],
  [
    'a date with UNKNOWN precision',
    (a) => (a.events[4].occurredOn = '2017-10-26'),
    'events[4].occurredOn',
    /while datePrecision is UNKNOWN/,
  ],
  [
    'a DAY precision without a date',
    (a) => delete a.events[0].occurredOn,
    'events[0].occurredOn',
    /is required when datePrecision is DAY/,
  ],
  [
    'an event linked to itself',
    (a) => (a.links[0].to = a.links[0].from),
    'links[0].to',
    /cannot be linked to itself/,
  ],
  [
    'a dispute of an unknown claim',
    (a) => (a.claims[0].disputes = ['nope']),
    'claims[0].disputes[0]',
    /'nope' is not a claim/,
  ],
  [
    'an external note on a missing field',
    (a) => (a.events[4].external = { occurredOn: 'x' }),
    'events[4].external.occurredOn',
    /names no field/,
  ],
  [
    'a confidence above 1',
    (a) => (a.events[0].confidence = 1.5),
    'events[0].confidence',
    /must be <= 1/,
  ],
  [
    'a person holding a position at an unknown organisation',
    (a) => (a.positions[0].organizationId = 'gazprom'),
    'positions[0].organizationId',
    /'gazprom' is not an actor/,
  ],
  [
    'an empty evidence list',
    (a) => (a.events[0].evidence = []),
    'events[0].evidence',
    /must NOT have fewer than 1 items/,
  ],
  [
    'the same participant twice',
    (a) => a.events[0].participants.push(a.events[0].participants[0]),
    'events[0].participants[3]',
    /already AGENT/,
  ],
])('refuses %s', (_name, breakage, field, reason) => {
  const a = seed();
  breakage(a);
  expect(validateAnnotation('f.json', a, text)).toContainEqual({
    file: 'f.json',
    field,
    reason: expect.stringMatching(reason),
  });
});

test('JSON pointers become readable field paths', () => {
  expect(fieldPath('/events/3/participants/0/role')).toBe('events[3].participants[0].role');
  expect(fieldPath('')).toBe('');
  expect(fieldPath('/article/a~1b')).toBe('article.a/b');
});

test('calendar dates', () => {
  expect(isCalendarDate('2016-02-29')).toBe(true);
  expect(isCalendarDate('2000-02-29')).toBe(true);
  // Years below 100 are years below 100, not 1900 to 1999.
  expect(isCalendarDate('0001-01-01')).toBe(true);
  expect(isCalendarDate('0004-02-29')).toBe(true);
  expect(isCalendarDate('1900-02-29')).toBe(false);
  expect(isCalendarDate('2017-02-29')).toBe(false);
  expect(isCalendarDate('2017-13-01')).toBe(false);
  expect(isCalendarDate('2017-00-01')).toBe(false);
  expect(isCalendarDate('2017-04-31')).toBe(false);
  expect(isCalendarDate('2017-1-01')).toBe(false);
});

describe('text as UTF-16: no lone surrogates, no span inside a surrogate pair', () => {
  const BOMB = '\u{1F4A3}';
  // The seed text with a bomb and a word after it: the seed's own offsets stay as they were.
  const tail = ` ${BOMB}boom`;
  const withBomb = text + tail;
  const bombAt = text.length + 1;

  /** The seed, with an evidence span of events[0] on the bomb: `start` and `end` as given. */
  const spanOnBomb = (start: number, end: number) => {
    const a = seed();
    a.events[0].evidence.push({ start, end, text: withBomb.slice(start, end) });
    return { a, i: a.events[0].evidence.length - 1 };
  };

  test('a span around the whole character is valid', () => {
    const { a } = spanOnBomb(bombAt, bombAt + 2);
    expect(validateAnnotation('f.json', a, withBomb)).toEqual([]);
  });

  test.each<[string, number, number, 'start' | 'end']>([
    ['starts', bombAt + 1, bombAt + 6, 'start'],
    ['ends', bombAt - 1, bombAt + 1, 'end'],
  ])('a span that %s inside the pair is refused, naming the offset', (_, start, end, k) => {
    const { a, i } = spanOnBomb(start, end);
    const offsets = validateAnnotation('f.json', a, withBomb).filter((x) =>
      /\.(start|end)$/.test(x.field),
    );
    expect(offsets).toEqual([
      {
        file: 'f.json',
        field: `events[0].evidence[${i}].${k}`,
        reason: expect.stringMatching(
          /falls between the two UTF-16 code units of the character U\+1F4A3/,
        ),
      },
    ]);
  });

  test('a span that both starts and ends inside pairs names both offsets', () => {
    const two = `${withBomb}${BOMB}`;
    const a = seed();
    a.events[0].evidence.push({ start: bombAt + 1, end: two.length - 1, text: 'x' });
    const i = a.events[0].evidence.length - 1;
    expect(
      validateAnnotation('f.json', a, two)
        .filter((x) => /\.(start|end)$/.test(x.field))
        .map((x) => x.field),
    ).toEqual([`events[0].evidence[${i}].start`, `events[0].evidence[${i}].end`]);
  });

  test('the article text must have no lone surrogate', () => {
    expect(validateAnnotation('f.json', seed(), `${text}\ud800`)).toContainEqual({
      file: 'f.json',
      field: 'article.textFile',
      reason: expect.stringMatching(new RegExp(`lone surrogate at offset ${text.length}`)),
    });
  });

  test('no string of the annotation, key or value, may have one', () => {
    const a = seed();
    a.events[1].summary = 'half \udc00';
    a.article.external = { 'ti\ud800tle': 'x' };
    const issues = validateAnnotation('f.json', a, text);
    expect(issues).toContainEqual({
      file: 'f.json',
      field: 'events[1].summary',
      reason: expect.stringMatching(/has a lone surrogate at offset 5/),
    });
    expect(issues).toContainEqual({
      file: 'f.json',
      field: 'article.external',
      reason: expect.stringMatching(/the key "ti\\ud800tle" has a lone surrogate at offset 2/),
    });
  });

  test('the loader refuses a file whose span splits a pair, naming file, field and reason', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-utf16-'));
    const a = seed();
    writeFileSync(path.join(dir, a.article.textFile), withBomb);
    // The span's text is the article's text at its offsets: only the offset is wrong. JSON
    // writes its lone surrogate as an escape, which JSON.parse brings back.
    a.events[0].evidence[1] = {
      start: bombAt + 1,
      end: withBomb.length,
      text: withBomb.slice(bombAt + 1),
    };
    const file = path.join(dir, 'bomb.json');
    writeFileSync(file, JSON.stringify(a));
    const result = readArticle(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({
      file,
      field: 'events[0].evidence[1].start',
      reason: `${bombAt + 1} falls between the two UTF-16 code units of the character U+1F4A3 at ${bombAt}-${bombAt + 2}; a span must start and end between characters`,
    });
    expect(result.issues).toContainEqual({
      file,
      field: 'events[0].evidence[1].text',
      reason: expect.stringMatching(/lone surrogate at offset 0/),
    });
  });
});
