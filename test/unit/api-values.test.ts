// Ids, cursors, page sizes and search terms: the API's argument handling, without a database.
import { GraphQLError } from 'graphql';
import { checkFirst, toConnection } from '../../src/api/connection';
import { decodeCursor, encodeCursor } from '../../src/api/cursor';
import { toFilterInput } from '../../src/api/event-connections';
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
  test('round trip, including unicode keys', () => {
    const k = { key: 'Russian journalists’ union', id: 'russian-journalists-union' };
    expect(decodeCursor(encodeCursor(k))).toEqual(k);
    expect(decodeCursor(null)).toBeNull();
  });
  test.each([
    'garbage',
    encodeCursor({ key: 'a', id: 'b' }).slice(0, 5),
    Buffer.from('[1,2]').toString('base64url'),
  ])('forged cursor %s is refused', (c) =>
    expect(code(() => decodeCursor(c))).toBe('BAD_USER_INPUT'),
  );
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
    const c = toConnection(rows, 2, false, () => Promise.resolve(42));
    expect(c.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(c.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor({ key: '2017-01-01', id: 'a' }),
      endCursor: encodeCursor({ key: '2017-01-01', id: 'b' }),
    });
    expect(await c.totalCount()).toBe(42);
    expect(toConnection(rows, 3, true, () => Promise.resolve(3)).pageInfo.hasNextPage).toBe(false);
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
