// Driver errors are mapped here, once, into the few failures callers can act on. Anything else
// stays as it is and is masked by the API.
import { Neo4jError } from 'neo4j-driver';

export type GraphFailure = 'DATABASE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'UNEXPECTED_ROW';

export class GraphError extends Error {
  constructor(
    readonly failure: GraphFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMEOUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

export function mapDriverError(e: unknown): unknown {
  if (!(e instanceof Neo4jError)) return e;
  if (UNAVAILABLE.has(e.code) || e.code === 'Neo.TransientError.General.DatabaseUnavailable') {
    return new GraphError('DATABASE_UNAVAILABLE', 'The graph database cannot be reached.', {
      cause: e,
    });
  }
  if (TIMEOUT.has(e.code)) {
    return new GraphError('QUERY_TIMEOUT', 'The query took longer than the time limit.', {
      cause: e,
    });
  }
  return e;
}

/** A write refused for a reason the caller can fix; nothing was written. */
export class WriteRefused extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT',
    message: string,
    /** The argument at fault, e.g. eventId. */
    readonly argument: string,
    /** Every problem, for an input with several (an annotation). */
    readonly issues?: { field: string; reason: string }[],
  ) {
    super(message);
  }
}
