// Ids, cursors, page sizes and search terms: the API's argument handling, without a database.
import { GraphQLError } from 'graphql';
import { checkFirst, toConnection } from '../../src/api/connection';
import { decodeCursor, encodeCursor, type CursorConnection } from '../../src/api/cursor';
import { toFilterInput } from '../../src/api/event-connections';
import {
  boundedText,
  MAX_ARTICLE_TEXT_CHARS,
  MAX_NOTE_CHARS,
  noteOf,
} from '../../src/api/free-text';
import { readTypeDefs } from '../../src/api/schema';
import { keyOf, parseGlobalId, requireKey, toGlobalId } from '../../src/api/ids';
import { toLuceneTerms } from '../../src/graph/reads/search';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof GraphQLError ? e.extensions.code : 'not a GraphQLError';
  }
  return 'no error';
};

describe('global ids', () => {
  test('round trip', () => {
    expect(toGlobalId('Actor', 'twitter')).toBe('Actor:twitter');
    expect(parseGlobalId('Event:us-election-2016')).toEqual({
      type: 'Event',
      key: 'us-election-2016',
    });
  });
  test('an id of another type is no match, or an error in a filter', () => {
    expect(keyOf('Event:x', 'Actor')).toBeNull();
    expect(code(() => requireKey('Event:x', 'Actor', 'filter.actorId'))).toBe('BAD_USER_INPUT');
  });
  test.each(['twitter', ':twitter', 'Actor:', 'Person:peskov'])('%s is refused', (id) => {
    expect(code(() => parseGlobalId(id))).toBe('BAD_USER_INPUT');
  });
});

describe('cursors', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

  test.each<[CursorConnection, string]>([
    ['actors', 'Russian journalists’ union'],
    ['actors', ''],
    ['events', '2017-10-26'],
    ['events', '2016-02-29'],
    // The sort dates of events without one, in either direction.
    ['events', '9999-12-31'],
    ['events', '0001-01-01'],
    ['articles', '2017-10-27'],
    ['auditRecords', '2026-11-29T23:59:10.254633281Z'],
    ['auditRecords', '2024-01-01T10:00:00Z'],
    ['auditRecords', '2024-02-29T23:59:59.5+18:00'],
    ['auditRecords', '2024-01-01T00:00:00-18:00'],
  ])('a cursor of %s on %j round-trips', (connection, key) => {
    const k = { key, id: 'russian-journalists-union' };
    expect(decodeCursor(encodeCursor(connection, k), connection)).toEqual(k);
  });

  test('no cursor is no keyset', () => {
    expect(decodeCursor(null, 'events')).toBeNull();
    expect(decodeCursor(undefined, 'actors')).toBeNull();
  });

  test.each<[CursorConnection, string]>([
    ['events', '2017-02-30'],
    ['events', '2017-02-29'],
    ['events', '1900-02-29'],
    ['events', '2017-13-01'],
    ['events', '2017-00-10'],
    ['events', '2017-1-01'],
    ['articles', '2017-04-31'],
    ['articles', "' OR 1=1 //"],
    ['auditRecords', '2024-13-01T10:00:00Z'],
    ['auditRecords', '2024-01-01T10:00:00+99:99'],
    ['auditRecords', '2024-01-01T10:00:00+18:01'],
    ['auditRecords', '2024-01-01T10:00:00-19:00'],
    ['auditRecords', '2024-01-01T10:60:00Z'],
    ['auditRecords', '2024-01-01T24:00:00Z'],
    ['auditRecords', '2024-01-01T23:59:60Z'],
    ['auditRecords', '2023-02-29T10:00:00Z'],
    ['auditRecords', '2024-01-01T10:00:00.1234567890Z'],
    ['auditRecords', '2024-01-01T10:00:00'],
    ['auditRecords', '2024-01-01'],
  ])('a forged %s cursor on %j is refused', (connection, key) => {
    const forged = encodeCursor(connection, { key, id: 'x' });
    expect(code(() => decodeCursor(forged, connection))).toBe('BAD_USER_INPUT');
  });

  test('a cursor of one connection does not page another; the error names the argument', () => {
    const events = encodeCursor('events', { key: '2017-10-26', id: 'x' });
    for (const other of ['articles', 'actors', 'auditRecords'] as const) {
      let error: unknown;
      try {
        decodeCursor(events, other, 'events.after');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        message: expect.stringMatching(/cursor of the events connection/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'events.after' },
      });
    }
  });

  test.each([
    'garbage',
    encodeCursor('actors', { key: 'a', id: 'b' }).slice(0, 5),
    b64([1, 2]),
    // The keyset alone, as cursors were before they named their connection.
    b64(['2017-10-26', 'x']),
    b64(['events', '2017-10-26']),
    b64(['events', '2017-10-26', 'x', 'y']),
    b64(['toString', 'a', 'b']),
    b64(['__proto__', 'a', 'b']),
    b64({ 0: 'actors', 1: 'a', 2: 'b', length: 3 }),
  ])('forged cursor %s is refused', (c) =>
    expect(code(() => decodeCursor(c, 'actors'))).toBe('BAD_USER_INPUT'),
  );
});

describe('free text', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof GraphQLError ? e.extensions : 'not a GraphQLError';
    }
    return 'no error';
  };

  test('a note of up to MAX_NOTE_CHARS characters is kept; none is null', () => {
    const longest = 'n'.repeat(MAX_NOTE_CHARS);
    expect(noteOf(longest)).toBe(longest);
    expect(noteOf('')).toBe('');
    expect(noteOf(null)).toBeNull();
    expect(noteOf(undefined)).toBeNull();
  });

  test('a longer note or text is refused, naming the argument', () => {
    expect(refusal(() => noteOf('n'.repeat(MAX_NOTE_CHARS + 1)))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'note',
    });
    expect(refusal(() => noteOf('n'.repeat(MAX_NOTE_CHARS + 1), 'input.note'))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.note',
    });
    const text = 't'.repeat(MAX_ARTICLE_TEXT_CHARS + 1);
    expect(refusal(() => boundedText(text, MAX_ARTICLE_TEXT_CHARS, 'input.text'))).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.text',
    });
  });

  test('lengths are counted in UTF-16 code units, as evidence offsets are', () => {
    const emoji = '\u{1F4A3}'.repeat(MAX_NOTE_CHARS / 2);
    expect(noteOf(emoji)).toBe(emoji);
    expect(refusal(() => noteOf(`${emoji}x`))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  test('the schema states the limits the API enforces', () => {
    const sdl = readTypeDefs().join('\n');
    expect(sdl).toContain(`at most ${MAX_NOTE_CHARS.toLocaleString('en-US')} characters`);
    expect(sdl).toContain(`At most ${MAX_ARTICLE_TEXT_CHARS.toLocaleString('en-US')} characters`);
  });
});

describe('page size', () => {
  test('defaults to 20 and allows 0 to 100', () => {
    expect(checkFirst(undefined)).toBe(20);
    expect(checkFirst(0)).toBe(0);
    expect(checkFirst(100)).toBe(100);
  });
  test.each([101, -1, 1000])('%d is refused', (n) =>
    expect(code(() => checkFirst(n))).toBe('BAD_USER_INPUT'),
  );

  test('a connection uses the extra row only to say there is a next page', async () => {
    const rows = ['a', 'b', 'c'].map((id) => ({ cursor: { key: '2017-01-01', id }, node: id }));
    const c = toConnection('events', rows, 2, false, () => Promise.resolve(42));
    expect(c.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(c.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor('events', { key: '2017-01-01', id: 'a' }),
      endCursor: encodeCursor('events', { key: '2017-01-01', id: 'b' }),
    });
    expect(await c.totalCount()).toBe(42);
    expect(
      toConnection('events', rows, 3, true, () => Promise.resolve(3)).pageInfo.hasNextPage,
    ).toBe(false);
  });
});

describe('event filters', () => {
  test('ids become keys and lists are normalised', () => {
    expect(
      toFilterInput({ actorId: 'Actor:rt', role: 'TARGET', types: ['THREAT', 'AD_BAN'] }, 'all'),
    ).toMatchObject({
      actorId: 'rt',
      role: 'TARGET',
      types: ['AD_BAN', 'THREAT'],
    });
  });
  test('a role needs an actor, except under Actor.events', () => {
    expect(code(() => toFilterInput({ role: 'AGENT' }, 'all'))).toBe('BAD_USER_INPUT');
    expect(toFilterInput({ role: 'AGENT' }, 'actor').role).toBe('AGENT');
  });
  test('confidence and date range are checked', () => {
    expect(code(() => toFilterInput({ minConfidence: 2 }, 'all'))).toBe('BAD_USER_INPUT');
    expect(
      code(() => toFilterInput({ occurredFrom: '2018-01-01', occurredTo: '2017-01-01' }, 'all')),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('search terms', () => {
  test('Lucene syntax is escaped, operators become words', () => {
    expect(toLuceneTerms('RT AND (Sputnik')).toBe('RT and \\(Sputnik');
    expect(toLuceneTerms('tit-for-tat*')).toBe('tit\\-for\\-tat\\*');
    expect(toLuceneTerms('  ')).toBeNull();
  });
});
