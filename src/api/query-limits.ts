// Limits on the GraphQL document: its tokens and bracket nesting, counted before it is parsed.
import { GraphQLError, Lexer, parse, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type LimitCode = 'TOO_MANY_TOKENS' | 'TOO_NESTED';

/** Brackets deeper than any real query nests; graphql-js parses them recursively. */
export const MAX_NESTING = 100;

export function limitError(code: LimitCode, message: string): GraphQLError {
  // spec: a request error, which the GraphQL-over-HTTP spec answers with 400 for
  // application/graphql-response+json and 200 for plain application/json; yoga applies it.
  return new GraphQLError(message, {
    extensions: { code, http: { status: 400, spec: true } },
  });
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

export interface DocumentSize {
  tokens: number;
  /** The deepest nesting of { [ ( . */
  nesting: number;
}

/**
 * Counts a document's tokens and bracket nesting as the parser will meet them: with graphql-js's
 * own lexer, one token at a time and without recursion, so comments, strings and block strings
 * are what the parser takes them for. Counting stops past either bound, and where the parser
 * will stop: at a token the lexer refuses or a bracket closed that was never opened.
 */
export function measureDocument(
  source: string | Source,
  bound: DocumentSize = { tokens: Infinity, nesting: Infinity },
): DocumentSize {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let tokens = 0;
  let depth = 0;
  let nesting = 0;
  try {
    for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
      tokens += 1;
      if (OPENING.has(t.kind)) nesting = Math.max(nesting, ++depth);
      else if (CLOSING.has(t.kind) && --depth < 0) break;
      if (tokens > bound.tokens || nesting > bound.nesting) break;
    }
  } catch (e) {
    // The parser reports this syntax error when it gets here, within the bounds counted so far.
    if (!(e instanceof GraphQLError)) throw e;
  }
  return { tokens, nesting };
}

/** Parses only a document within both bounds, so the parser's recursion stays shallow. */
export function useDocumentLimits(maxTokens: number): Plugin {
  const parseWithinLimits: typeof parse = (source, options) => {
    const size = measureDocument(source, { tokens: maxTokens, nesting: MAX_NESTING });
    if (size.nesting > MAX_NESTING) {
      throw limitError(
        'TOO_NESTED',
        `The document nests brackets deeper than ${MAX_NESTING} levels.`,
      );
    }
    if (size.tokens > maxTokens) {
      throw limitError('TOO_MANY_TOKENS', `The document has more than ${maxTokens} tokens.`);
    }
    // The parser counts too, so its work stays bounded should the two counts ever differ.
    return parse(source, { ...options, maxLexicalTokens: maxTokens });
  };
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithinLimits);
    },
  };
}
