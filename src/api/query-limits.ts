// Limits on the GraphQL document: its tokens and bracket nesting before it is parsed, then the
// operation's depth, cost, aliases and directives (graphql-armor) as it is validated. Each
// refusal is a typed error, HTTP 400 for a client that accepts application/graphql-response+json.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, parse, Source, TokenKind, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../config';

export type LimitCode =
  | 'TOO_MANY_TOKENS'
  | 'TOO_NESTED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES';

/** Brackets deeper than any real query nests; graphql-js parses them recursively. */
export const MAX_NESTING = 100;
export const MAX_DIRECTIVES = 10;

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

/**
 * graphql-armor throws its refusals as untyped "Syntax Error: ..." errors; reported instead as
 * validation errors with a code, they get yoga's HTTP status for invalid requests too.
 */
function reportAs(code: LimitCode) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = limitError(code, error.message.replace(/^Syntax Error: /, ''));
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  };
}

export function useOperationLimits(
  limits: LimitsConfig,
  production: boolean,
): ReturnType<typeof EnvelopArmorPlugin> {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...reportAs('QUERY_TOO_DEEP') },
    costLimit: {
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      ...reportAs('QUERY_TOO_COMPLEX'),
    },
    // armor leaves aliases of __typename out by default, but each one still adds to the answer.
    maxAliases: { n: limits.maxAliases, allowList: [], ...reportAs('TOO_MANY_ALIASES') },
    maxDirectives: { n: MAX_DIRECTIVES, ...reportAs('TOO_MANY_DIRECTIVES') },
    // Counted by useDocumentLimits, with the lexer, before the parser runs.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
}
