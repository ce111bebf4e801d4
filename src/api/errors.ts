// Expected failures are typed GraphQL errors with extensions.code; database failures arrive as
// GraphErrors and are given their code here; everything else is masked.
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaServerOptions } from 'graphql-yoga';
import { GraphError, WriteRefused } from '../graph/errors';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, argument },
  });
}

function originalOf(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError) e = e.originalError;
  return e;
}

/**
 * The code of a failure the API expects and answers with that code: a refused write, or Neo4j
 * down or too slow. Undefined for anything else, which is a fault.
 */
export function expectedCodeOf(error: unknown): ErrorCode | undefined {
  const original = originalOf(error);
  if (original instanceof GraphError && original.failure !== 'UNEXPECTED_ROW') {
    return original.failure;
  }
  if (original instanceof WriteRefused) return original.code;
  return undefined;
}

export const maskError: NonNullable<
  Extract<YogaServerOptions<object, object>['maskedErrors'], object>['maskError']
> = (error, message, isDev) => {
  const original = originalOf(error);
  if (original instanceof GraphError && original.failure !== 'UNEXPECTED_ROW') {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(original.message, {
      path,
      extensions: { code: original.failure satisfies ErrorCode },
    });
  }
  if (original instanceof WriteRefused) {
    const path = error instanceof GraphQLError ? error.path : undefined;
    return new GraphQLError(original.message, {
      path,
      extensions: {
        code: original.code satisfies ErrorCode,
        argument: original.argument,
        ...(original.issues ? { issues: original.issues } : {}),
      },
    });
  }
  return yogaMaskError(error, message, isDev);
};
