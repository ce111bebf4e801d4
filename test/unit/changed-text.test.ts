// An article text edited after its annotation was made: one issue that names the article and
// its annotation and says where the text first differs, however many spans the edit broke.
import { readFileSync } from 'node:fs';
import { formatIssue } from '../../src/ingest/errors';
import { readArticle } from '../../src/ingest/read';
import { compareText, lineAndColumn } from '../../src/ingest/changed-text';
import { editedSeed, SEED_TXT } from '../support/bad-input';

const seedText = readFileSync(SEED_TXT, 'utf8');

/** The one issue reading an edited copy of the seed gives, formatted as the loader prints it. */
function refusal(edit: (text: string) => string) {
  const { file, textFile } = editedSeed(edit);
  const result = readArticle(file);
  if (result.ok) throw new Error('the edited seed was accepted');
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]).toMatchObject({ file, field: 'article.textFile' });
  return {
    file,
    textFile,
    message: formatIssue(result.issues[0]!),
    lines: result.issues[0]!.reason.split('\n'),
  };
}

// "Twitter" at 1381 in "Earlier, Twitter explained that the decision…" (line 9).
const TWITTER = seedText.indexOf('Twitter explained');

test('a word changed in the middle: where, and what the file has against what is expected', () => {
  expect(TWITTER).toBe(1381);
  const { file, textFile, message, lines } = refusal(
    (t) => `${t.slice(0, TWITTER)}Tweeter${t.slice(TWITTER + 7)}`,
  );
  expect(message.startsWith(`${file}: article.textFile: the article text ${textFile} `)).toBe(true);
  expect(lines).toEqual([
    `the article text ${textFile} is not the text this annotation was made for: 4 spans no longer match it`,
    '    first differs at offset 1383 (line 9, column 12)',
    '    after "Tw", the file has "eeter explained that the" where the annotation expects "itter explained that the"',
    '    spans that no longer match: events[3].evidence[0] (1381-1416), events[3].participants[0].evidence[0] (1381-1388), events[4].participants[0].evidence[0] (1381-1388) and 1 more span',
  ]);
});

test('an inserted character: the offset, and later spans found one character on', () => {
  const { lines } = refusal((t) => `${t.slice(0, 900)}x${t.slice(900)}`);
  expect(lines.slice(1)).toEqual([
    '    first differs at offset 900 (line 5, column 67)',
    '    after "r move on RT, Sputnik as", the file has "x crackdown on free spee" where the annotation expects " crackdown on free speec"',
    '    later spans are found 1 character further on: 1 character seems to have been inserted there',
    '    spans that no longer match: events[10].evidence[0] (836-925), claims[7].evidence[0] (870-925), events[0].evidence[1] (928-988) and 63 more spans',
  ]);
  expect(lines[0]).toMatch(/: 66 spans no longer match it$/);
});

test('a deleted character', () => {
  const { lines } = refusal((t) => `${t.slice(0, 900)}${t.slice(901)}`);
  expect(lines.slice(1, 4)).toEqual([
    '    first differs at offset 900 (line 5, column 67)',
    '    after "r move on RT, Sputnik as", the file has "crackdown on free speech" where the annotation expects " crackdown on free speec"',
    '    later spans are found 1 character earlier: 1 character seems to have been deleted there',
  ]);
});

test('a truncated file: where it ends, and what the annotation expects to follow', () => {
  const { lines } = refusal((t) => t.slice(0, 1200));
  expect(lines.slice(1, 3)).toEqual([
    "    the file ends at offset 1200 (line 8, column 145), but the annotation's spans reach offset 2054",
    '    the file ends with "ion that work of indepen"; the annotation expects "dent media, such as RT a" to follow',
  ]);
  expect(lines[0]).toMatch(/: 45 spans no longer match it$/);
});

test('an edit where no span looks: the first difference is known only as a range', () => {
  // Offsets 344-362 (" told reporters.\n\"") are in no span.
  const { lines } = refusal((t) => `${t.slice(0, 350)}xx${t.slice(350)}`);
  expect(lines.slice(1, 4)).toEqual([
    "    first differs somewhere from offset 344 (line 1, column 345) to offset 362 (line 1, column 363): the annotation's spans cover none of the text in between, so the change may be anywhere there",
    '    at offset 362, the file has "\\n\\"We regret it. We regre" where the annotation expects "We regret it. We regret "',
    '    later spans are found 2 characters further on: 2 characters seem to have been inserted there',
  ]);
});

test('a text cut short where no span looks says so', () => {
  const { lines } = refusal((t) => t.slice(0, 350));
  expect(lines.slice(1, 4)).toEqual([
    "    the file ends at offset 350 (line 1, column 351), but the annotation's spans reach offset 2054",
    '    the file ends with "tary Dmitry Peskov told "; the first text the annotation expects past its end is "We regret it. We regret " at offset 362',
    '    the spans cover none of the text from offset 344 (line 1, column 345) on, so it may already differ there',
  ]);
});

describe('compareText', () => {
  const span = (field: string, start: number, text: string) => ({
    field,
    start,
    end: start + text.length,
    text,
  });

  test('is null when every span matches', () => {
    expect(compareText('hello world', [span('a', 0, 'hello'), span('b', 6, 'world')])).toBeNull();
  });

  test('a span that contradicts another over the same text is the annotation’s mistake', () => {
    const wrong = span('b', 0, 'jello');
    const found = compareText('hello world', [span('a', 0, 'hello'), wrong]);
    expect(found?.changed).toEqual([]);
    expect([...found!.contradicted]).toEqual([wrong]);
  });

  test('spans whose text is not as long as their offsets say are left to the per-span check', () => {
    expect(
      compareText('hello world', [{ field: 'a', start: 1, end: 5, text: 'hello' }]),
    ).toBeNull();
  });
});

test('lineAndColumn counts from 1', () => {
  expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
});
