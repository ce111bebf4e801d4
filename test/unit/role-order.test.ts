import {
  dateBound,
  isRepeatedRole,
  orderKey,
  roleOrderProperties,
  type SortDirection,
} from '../../src/graph/role-order';

// The page's order, as the query without the index sorted: the sort date (unknown last in both
// directions), then the id ascending, both compared as Cypher compares strings.
function pageOrder(direction: SortDirection) {
  const unknown = direction === 'ASC' ? '9999-12-31' : '0001-01-01';
  const sign = direction === 'ASC' ? 1 : -1;
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a: [string | null, string], b: [string | null, string]) => {
    const [da, db] = [a[0] ?? unknown, b[0] ?? unknown];
    return da === db ? cmp(a[1], b[1]) : sign * cmp(da, db);
  };
}

const EVENTS: [string | null, string][] = [
  ['2017-10-27', 'b'],
  ['2017-10-27', 'a'],
  ['2017-10-27', 'a1'],
  ['2017-10-28', 'a'],
  ['2016-01-01', 'z'],
  [null, 'c'],
  [null, 'b'],
  ['0001-01-01', 'x'],
  ['9999-12-31', 'y'],
  ['2017-10-27', 'événement'],
];

describe('roleOrderProperties', () => {
  test('the values stored for one relationship', () => {
    expect(roleOrderProperties('rt', '2017-10-27', 'e1')).toEqual({
      actorId: 'rt',
      orderAsc: '2017-10-27e1',
      orderDesc: '7982-89-72e1',
      repeatOf: null,
    });
    expect(roleOrderProperties('rt', null, 'e2', true)).toEqual({
      actorId: 'rt',
      orderAsc: '9999-12-31e2',
      orderDesc: '9998-98-98e2',
      repeatOf: 'rt',
    });
  });

  test.each<SortDirection>(['ASC', 'DESC'])(
    'sorting the %s keys as strings is the page order',
    (direction) => {
      const key = (e: [string | null, string]) => {
        const p = roleOrderProperties('rt', e[0], e[1]);
        return direction === 'ASC' ? p.orderAsc : p.orderDesc;
      };
      const byKey = [...EVENTS].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      expect(byKey).toEqual([...EVENTS].sort(pageOrder(direction)));
    },
  );

  test('a key after a cursor is a key greater than the cursor key', () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const order = pageOrder(direction);
      for (const c of EVENTS) {
        const cursor = orderKey(
          direction,
          c[0] ?? (direction === 'ASC' ? '9999-12-31' : '0001-01-01'),
          c[1],
        );
        for (const e of EVENTS) {
          const k =
            direction === 'ASC'
              ? roleOrderProperties('rt', e[0], e[1]).orderAsc
              : roleOrderProperties('rt', e[0], e[1]).orderDesc;
          expect(k > cursor).toBe(order(e, c) > 0);
        }
      }
    }
  });

  test('a date range is a key range', () => {
    const [from, to] = ['2016-06-01', '2017-10-27'];
    const inRange = (d: string | null) => d !== null && d >= from && d <= to;
    for (const direction of ['ASC', 'DESC'] as const) {
      const [low, high] =
        direction === 'ASC'
          ? [orderKey('ASC', from, ''), dateBound('ASC', to)]
          : [orderKey('DESC', to, ''), dateBound('DESC', from)];
      for (const e of EVENTS.filter((x) => x[0] !== null)) {
        const p = roleOrderProperties('rt', e[0], e[1]);
        const k = direction === 'ASC' ? p.orderAsc : p.orderDesc;
        expect(k >= low && k < high).toBe(inRange(e[0]));
      }
    }
  });

  test('a date that is not YYYY-MM-DD is refused', () => {
    expect(() => roleOrderProperties('rt', '2017-10', 'e')).toThrow(/not a YYYY-MM-DD/);
  });
});

describe('isRepeatedRole', () => {
  test('a role repeats the actor when it holds an earlier one in the event', () => {
    expect(isRepeatedRole('AGENT', ['AGENT', 'TARGET'])).toBe(false);
    expect(isRepeatedRole('TARGET', ['AGENT', 'TARGET'])).toBe(true);
    expect(isRepeatedRole('TARGET', ['TARGET', 'BENEFICIARY'])).toBe(false);
    expect(isRepeatedRole('ON_BEHALF_OF', ['FUNDS_SOURCE', 'ON_BEHALF_OF'])).toBe(true);
  });
});
