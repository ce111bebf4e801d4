// Relay connections: page size checks, edges with cursors, and a totalCount computed only when
// the query asks for it.
import type { AuditRow } from '../graph/audit';
import type { DuplicatePairRow } from '../graph/reads/duplicates';
import type { ActorRow, ArticleRow, EventRow } from '../graph/rows';
import { encodeCursor, type CursorConnection, type Keyset } from './cursor';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function checkFirst(first: number | null | undefined, argument = 'first'): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be between 0 and ${MAX_PAGE_SIZE}, got ${n}`, argument);
  }
  return n;
}

export interface ConnectionModel<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Resolved lazily: counting is a query of its own. */
  totalCount: () => Promise<number>;
}

export type EventConnectionModel = ConnectionModel<EventRow>;
export type ActorConnectionModel = ConnectionModel<ActorRow>;
export type ArticleConnectionModel = ConnectionModel<ArticleRow>;
export type AuditConnectionModel = ConnectionModel<AuditRow>;
export type DuplicateConnectionModel = ConnectionModel<DuplicatePairRow>;

/**
 * Builds a connection from up to first + 1 rows: the extra row only says there is a next page.
 * Its cursors page `connection` only.
 */
export function toConnection<Node>(
  connection: CursorConnection,
  rows: { cursor: Keyset; node: Node }[],
  first: number,
  hadCursor: boolean,
  totalCount: () => Promise<number>,
): ConnectionModel<Node> {
  const edges = rows
    .slice(0, first)
    .map((r) => ({ cursor: encodeCursor(connection, r.cursor), node: r.node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      // Forward-only pagination: there is a previous page exactly when we started after a cursor.
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
