// Annotation validation without a database: the seed passes, and each kind of mistake is named
// by file, field and reason.
import { readFileSync } from 'node:fs';
import { isCalendarDate } from '../../src/calendar';
import { fieldPath, validateAnnotation } from '../../src/ingest/validate';
import { readArticle } from '../../src/ingest/read';
import { BAD_INPUTS, brokenSeed, SEED_JSON, SEED_TXT, type Breakage } from '../support/bad-input';

const text = readFileSync(SEED_TXT, 'utf8');
const seed = (): any => JSON.parse(readFileSync(SEED_JSON, 'utf8'));

test('the seed annotation is valid', () => {
  expect(validateAnnotation('seed.json', seed(), text)).toEqual([]);
});

test.each(BAD_INPUTS)('refuses: $name', async ({ breakage, field, reason }) => {
  const { file } = brokenSeed(breakage);
  const result = await readArticle(file);
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
