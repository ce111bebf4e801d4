// Opaque cursors: base64url of the keyset [sortKey, id] of the last row seen.
import { badInput } from './errors';

export interface Keyset {
  key: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.key, k.id]), 'utf8').toString('base64url');
}

/** What a connection sorts on: its cursors' keys must have that shape to reach Cypher. */
export type CursorKey = 'date' | 'datetime' | 'text';

const KEY_SHAPE: Record<CursorKey, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  text: /^[\s\S]*$/,
};

export function decodeCursor(
  cursor: string | null | undefined,
  argument = 'after',
  key: CursorKey = 'text',
): Keyset | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((x) => typeof x === 'string') &&
      KEY_SHAPE[key].test(value[0] as string) &&
      // A forged day such as 2017-02-30 has the shape but no date: Cypher's date() refuses it.
      (key !== 'date' || !Number.isNaN(Date.parse(`${value[0] as string}T00:00:00Z`)))
    ) {
      return { key: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(`'${cursor}' is not a cursor returned by this API`, argument);
}
