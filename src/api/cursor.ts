// Opaque cursors: base64url of [connection, sortKey, id], the keyset of the last row seen and the
// connection that gave it. The connection is part of the cursor so that one connection's cursor
// cannot page another, whose sort key means something else.
import { isCalendarDate, isDateTime } from '../calendar';
import { badInput } from './errors';

export interface Keyset {
  key: string;
  id: string;
}

/** The connections that give cursors, each with what its sort key is. */
const SORT_KEY = {
  events: 'date',
  articles: 'date',
  actors: 'text',
  auditRecords: 'datetime',
  possibleDuplicates: 'score',
} as const;

export type CursorConnection = keyof typeof SORT_KEY;

// A forged day such as 2017-02-30 has the right shape but Cypher's date() refuses it: only a
// key that Neo4j would read as the same value may reach it.
const VALID_KEY: Record<(typeof SORT_KEY)[CursorConnection], (key: string) => boolean> = {
  date: isCalendarDate,
  datetime: isDateTime,
  text: () => true,
  // A score as String(number) writes it: from 0 to 1.
  score: (key) => /^[01](\.[0-9]+)?$/.test(key) && Number(key) <= 1,
};

export function encodeCursor(connection: CursorConnection, k: Keyset): string {
  return Buffer.from(JSON.stringify([connection, k.key, k.id]), 'utf8').toString('base64url');
}

function isConnection(s: unknown): s is CursorConnection {
  return typeof s === 'string' && Object.hasOwn(SORT_KEY, s);
}

/** The keyset of a cursor that `connection` gave; null without one. */
export function decodeCursor(
  cursor: string | null | undefined,
  connection: CursorConnection,
  argument = 'after',
): Keyset | null {
  if (cursor === null || cursor === undefined) return null;
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    value.every((x) => typeof x === 'string') &&
    isConnection(value[0])
  ) {
    const [from, key, id] = value as [CursorConnection, string, string];
    if (from !== connection) {
      throw badInput(
        `${argument} is a cursor of the ${from} connection; only a cursor of ${connection} pages ${connection}`,
        argument,
      );
    }
    if (VALID_KEY[SORT_KEY[connection]](key)) return { key, id };
  }
  throw badInput(`${argument} is not a cursor this API returned for ${connection}`, argument);
}
