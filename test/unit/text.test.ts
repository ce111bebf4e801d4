// Text as UTF-16: lone surrogates found wherever they are in a value, and offsets that would cut
// a surrogate pair in two.
import {
  fieldPathOf,
  findLoneSurrogates,
  loneSurrogateAt,
  splitsSurrogatePair,
} from '../../src/ingest/text';

const BOMB = '\u{1F4A3}'; // one character, two code units: \ud83d\udca3

describe('loneSurrogateAt', () => {
  test.each<[string, number]>([
    ['', -1],
    ['plain text', -1],
    [`a ${BOMB} b`, -1],
    ['\u{1F469}\u200d\u{1F4BB}\u{1F1F7}\u{1F1FA}', -1],
    ['\ufffd\uffff\u0000', -1],
    ['\ud800', 0],
    ['ab\udc00', 2],
    ['lone \udc00 low', 5],
    // A pair the wrong way round is two lone halves.
    ['\udca3\ud83d', 0],
    [`${BOMB}\ud83d`, 2],
    [`\ud83d${BOMB}`, 0],
    [BOMB.slice(1), 0],
    [BOMB.slice(0, 1), 0],
  ])('%j: %d', (s, at) => expect(loneSurrogateAt(s)).toBe(at));
});

describe('splitsSurrogatePair', () => {
  const text = `a${BOMB}b`; // a at 0, the bomb at 1-3, b at 3

  test('only the offset between the two halves of a pair splits it', () => {
    expect([0, 1, 2, 3, 4].map((o) => splitsSurrogatePair(text, o))).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  test('offsets outside the text, and lone halves, split nothing', () => {
    expect(splitsSurrogatePair(text, -1)).toBe(false);
    expect(splitsSurrogatePair(text, 99)).toBe(false);
    expect(splitsSurrogatePair('', 0)).toBe(false);
    expect(splitsSurrogatePair('\ud83d\ud83d', 1)).toBe(false);
    expect(splitsSurrogatePair('\udca3\udca3', 1)).toBe(false);
    expect(splitsSurrogatePair(`${BOMB}${BOMB}`, 2)).toBe(false);
    expect(splitsSurrogatePair(`${BOMB}${BOMB}`, 3)).toBe(true);
  });
});

describe('findLoneSurrogates', () => {
  test('finds values and keys at any depth, in document order, with their paths', () => {
    const value = {
      ok: ['fine', BOMB],
      article: { title: 'x\ud800', external: { 'ti\udc00tle': 'note' } },
      events: [{ summary: 'fine' }, { summary: '\udc00', evidence: [{ text: 'a\ud83d' }] }],
    };
    expect(findLoneSurrogates(value)).toEqual([
      { path: ['article', 'title'], at: 1 },
      { path: ['article', 'external'], key: 'ti\udc00tle', at: 2 },
      { path: ['events', 1, 'summary'], at: 0 },
      { path: ['events', 1, 'evidence', 0, 'text'], at: 1 },
    ]);
    expect(findLoneSurrogates(value, 1)).toEqual([{ path: ['article', 'title'], at: 1 }]);
  });

  test('a string alone, and values without strings', () => {
    expect(findLoneSurrogates('\ud800')).toEqual([{ path: [], at: 0 }]);
    expect(findLoneSurrogates({ a: 1, b: [true, null, 2.5], c: BOMB })).toEqual([]);
    expect(findLoneSurrogates(null)).toEqual([]);
  });

  test('walks values nested deeper than the stack would allow', () => {
    let deep: unknown = '\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [hit] = findLoneSurrogates(deep, 1);
    expect(hit?.path).toHaveLength(100_000);
  });
});

test('field paths read like the fields they name', () => {
  expect(fieldPathOf('', ['events', 0, 'evidence', 1, 'start'])).toBe(
    'events[0].evidence[1].start',
  );
  expect(fieldPathOf('input', ['annotation', 'actors', 2])).toBe('input.annotation.actors[2]');
  expect(fieldPathOf('note', [])).toBe('note');
  expect(fieldPathOf('', [])).toBe('');
});
