// Measuring a document before it is parsed: the counts must be the parser's own, whatever
// comments, strings and block strings hold.
import { parse } from 'graphql';
import { measureDocument } from '../../src/api/query-limits';

/** The parser's token count: the smallest maxLexicalTokens it parses the document with. */
function parserTokens(document: string): number {
  let n = 0;
  for (;;) {
    try {
      parse(document, { maxLexicalTokens: n });
      return n;
    } catch {
      n += 1;
    }
  }
}

describe('measureDocument', () => {
  test.each([
    ['a plain query', '{ actor(id: "Actor:rt") { name } }', 2],
    ['a quote in a comment', '# a "quote\n{ search(query: [[["x"]]]) { score } }', 5],
    ['brackets in a comment', '# {{{ [[[ (((\n{ __typename }', 1],
    ['brackets and quotes in a string', '{ search(query: "[[[ \\" {{{ ((( ") { score } }', 2],
    [
      'a lone quote in a block string',
      '{ search(query: """ " [[[ """) { a: search(query: [["x"]]) { score } } }',
      5,
    ],
    [
      'an escaped triple quote in a block string',
      '{ search(query: """ \\""" [[[ """) { score } }',
      2,
    ],
    ['a hash in a string', '{ search(query: "# not a comment [[[") { score } }', 2],
    ['a variable list type', 'query ($q: [[String!]!]) { __typename }', 3],
  ])('%s: tokens as the parser counts them, nesting of { [ (', (_, document, nesting) => {
    expect(measureDocument(document)).toEqual({ tokens: parserTokens(document), nesting });
  });

  test('a quote in a comment does not hide the brackets after it', () => {
    const document = `# "\n{ search(query: ${'['.repeat(5000)}"x"${']'.repeat(5000)}) { score } }`;
    expect(measureDocument(document).nesting).toBe(5002);
  });

  test('stops just past a bound, so a long document is not read to its end', () => {
    const deep = `{ search(query: ${'['.repeat(100_000)}`;
    expect(measureDocument(deep, { tokens: Infinity, nesting: 100 })).toEqual({
      tokens: 104,
      nesting: 101,
    });
    const long = `{ ${'a '.repeat(100_000)}}`;
    expect(measureDocument(long, { tokens: 2000, nesting: 100 })).toEqual({
      tokens: 2001,
      nesting: 1,
    });
  });

  test('stops where the parser stops: at a character the lexer refuses, or a stray bracket', () => {
    // The parser reports the error at that point, having gone no deeper than counted.
    expect(measureDocument(`{ a(b: [[ "unterminated ${'['.repeat(500)}`)).toEqual({
      tokens: 7,
      nesting: 4,
    });
    expect(measureDocument(`{ a } } ${'['.repeat(500)}`)).toEqual({ tokens: 4, nesting: 1 });
  });
});
