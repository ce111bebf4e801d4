// Finding where a search hit matched: the words as the index's english analyzer reads them, the
// field that matched best and the passage around it, with exact offsets.
import { analyse, queryTerms, typeWords, words } from '../../src/search/english';
import { findSnippet, passage, SNIPPET_CHARS, toSearchHit } from '../../src/search/snippets';
import type { ActorRow, ArticleRow, ClaimRow, EventRow, QuoteRow } from '../../src/graph/rows';

const event = (summary: string, type: EventRow['type']): EventRow =>
  ({ __typename: 'Event', id: 'e', type, summary }) as EventRow;
const actor = (name: string, aliases: string[]): ActorRow =>
  ({ __typename: 'Actor', id: 'a', name, aliases }) as ActorRow;

test('words break as the standard tokenizer breaks them in news text', () => {
  expect(
    words('U.S. l’Express 1,000 1.9 x.1 tit-for-tat AD_BAN journalists’ a:b').map((w) => w.word),
  ).toEqual([
    'U.S',
    'l’Express',
    '1,000',
    '1.9',
    'x',
    '1',
    'tit',
    'for',
    'tat',
    'AD_BAN',
    'journalists',
    'a:b',
  ]);
});

test('emoji are words, as Lucene keeps them: joined, with skin tone, and flags', () => {
  expect(words('💣👩‍💻🇷🇺 a👍🏽b x❤️y').map((w) => w.word)).toEqual([
    '💣',
    '👩‍💻',
    '🇷🇺',
    'a',
    '👍🏽',
    'b',
    'x',
    '❤️',
    'y',
  ]);
});

test("a query whose words are none of the hit's gives no snippet", () => {
  const e = { __typename: 'Event', id: 'e', type: 'AD_BAN', summary: 'x '.repeat(300) } as EventRow;
  expect(findSnippet(e, queryTerms('"💣"'))).toBeNull();
  expect(findSnippet(e, new Set())).toBeNull();
});

test('terms drop possessives, case and stop words, and are stemmed', () => {
  expect(analyse("The Kremlin's ban on RT’s ads")).toEqual([
    { term: 'kremlin', start: 4, end: 13 },
    { term: 'ban', start: 14, end: 17 },
    { term: 'rt', start: 21, end: 25 },
    { term: 'ad', start: 26, end: 29 },
  ]);
  expect([...queryTerms('retaliation retaliate retaliated vowed vows')]).toEqual(['retali', 'vow']);
  expect(queryTerms('the AND of')).toEqual(new Set());
});

test('an event type in words', () => {
  expect(typeWords('RETALIATION_VOW')).toBe('retaliation vow');
  expect(typeWords('AD_BAN')).toBe('ad ban');
});

test('a summary matching the stem is the snippet, with the offsets of the word', () => {
  const summary =
    'The Russian government vowed to retaliate for new US measures against RT and Sputnik.';
  const s = findSnippet(event(summary, 'RETALIATION_VOW'), queryTerms('retaliation'));
  expect(s).toEqual({
    field: 'SUMMARY',
    articleId: null,
    text: summary,
    start: 0,
    end: summary.length,
    matches: [{ start: 32, end: 41 }],
  });
  expect(summary.slice(32, 41)).toBe('retaliate');
});

test('an event whose summary lacks the word matches by its type in words', () => {
  const s = findSnippet(
    event('A Russian deputy minister vowed tit-for-tat steps.', 'RETALIATION_VOW'),
    queryTerms('retaliation'),
  );
  expect(s).toEqual({
    field: 'TYPE',
    articleId: null,
    text: 'retaliation vow',
    start: 0,
    end: 15,
    matches: [{ start: 0, end: 11 }],
  });
});

test('the field with most of the query words wins; ties go to the earlier field', () => {
  const e = event('Twitter stopped advertising from RT.', 'AD_BAN');
  expect(findSnippet(e, queryTerms('ad ban'))!.field).toBe('TYPE');
  expect(findSnippet(e, queryTerms('Twitter ban'))!.field).toBe('SUMMARY');
  const a = actor('Dmitry Peskov', ['the Kremlin representative', 'the Kremlin spokesman']);
  expect(findSnippet(a, queryTerms('spokesmen'))).toBeNull();
  expect(findSnippet(a, queryTerms('Kremlin spokesman'))).toEqual({
    field: 'ALIAS',
    articleId: null,
    text: 'the Kremlin spokesman',
    start: 0,
    end: 21,
    matches: [
      { start: 4, end: 11 },
      { start: 12, end: 21 },
    ],
  });
  expect(findSnippet(a, queryTerms("Peskov's"))!.field).toBe('NAME');
});

test("a quote's words are found in its evidence, with offsets into the article", () => {
  const q: QuoteRow = {
    __typename: 'Quote',
    id: 'q',
    text: 'We regret it.',
    speakerId: 's',
    eventId: null,
    evidence: [{ articleId: 'art', start: 362, end: 375, text: 'We regret it.' }],
  };
  expect(toSearchHit({ score: 1, node: q }, queryTerms('regrets'))).toEqual({
    score: 1,
    node: q,
    kind: 'QUOTE',
    snippet: {
      field: 'TEXT',
      articleId: 'art',
      text: 'We regret it.',
      start: 362,
      end: 375,
      matches: [{ start: 365, end: 371 }],
    },
  });
});

test('a paraphrased claim whose words are not in the article counts in its own text', () => {
  const c: ClaimRow = {
    __typename: 'Claim',
    id: 'c',
    text: 'The decision to remove advertising was based on reports.',
    verbatim: false,
    claimantId: 't',
    eventId: null,
    evidence: [{ articleId: 'art', start: 10, end: 40, text: 'to remove advertisements from' }],
  };
  const s = findSnippet(c, queryTerms('decisions'))!;
  expect(s).toMatchObject({
    field: 'TEXT',
    articleId: null,
    start: 0,
    matches: [{ start: 4, end: 12 }],
  });
  // "advertisements" and "advertising" share no Porter stem: only the word itself matches.
  expect(findSnippet(c, queryTerms('advertisements'))).toMatchObject({
    articleId: 'art',
    matches: [{ start: 20, end: 34 }],
  });
});

test("an article's text gives a passage cut between words around the first match", () => {
  const text = `${'Before the news. '.repeat(20)}Moscow vowed retaliation today. ${'After that. '.repeat(30)}`;
  const a = {
    __typename: 'Article',
    id: 'art',
    title: 'Kremlin regrets ad ban',
    text,
  } as ArticleRow;
  const s = findSnippet(a, queryTerms('retaliation'))!;
  const at = text.indexOf('retaliation');
  expect(s.field).toBe('TEXT');
  expect(s.articleId).toBe('art');
  expect(s.text).toBe(text.slice(s.start, s.end));
  expect(s.matches).toEqual([{ start: at, end: at + 'retaliation'.length }]);
  expect(s.end - s.start).toBeLessThanOrEqual(SNIPPET_CHARS);
  expect(s.start).toBeGreaterThanOrEqual(at - 60);
  expect(text[s.start - 1]).toBe(' ');
  expect(text[s.end]).toBe(' ');
  expect(findSnippet(a, queryTerms('regret'))).toMatchObject({ field: 'TITLE', start: 0, end: 22 });
});

test('a passage of a short text is all of it, trimmed', () => {
  expect(passage('  retaliation  ', { start: 2, end: 13 })).toEqual({ start: 2, end: 13 });
  const long = `${'x'.repeat(300)} word`;
  // One long word before the match: the passage starts at the match rather than inside the word.
  expect(passage(long, { start: 301, end: 305 })).toEqual({ start: 301, end: 305 });
});

test('a passage that must end inside a long word ends between characters, not inside one', () => {
  // Mathematical letters take two UTF-16 code units each; the 200th unit is the first half of one.
  const text = `retaliation\u2014\u2014${'\u{1d431}'.repeat(150)}`;
  expect(passage(text, { start: 0, end: 11 })).toEqual({ start: 0, end: SNIPPET_CHARS - 1 });
});
