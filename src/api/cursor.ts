// Opaque cursors: base64url of the keyset [sortKey, id] of the last row seen.
import { badInput } from './errors';

export interface Keyset {
  key: string;
  id: string;
}

export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.key, k.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, argument = 'after'): Keyset | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'string')) {
      return { key: value[0] as string, id: value[1] as string };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(`'${cursor}' is not a cursor returned by this API`, argument);
}
