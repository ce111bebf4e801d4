// API keys: what a key looks like, how it is hashed, and how a presented key is checked.
// A key is `mg_<id>_<secret>`. The id is public (it names the key in lists and audit records);
// the secret is 256 random bits, so a single SHA-256 is enough to store it: nobody can guess
// their way back from the hash, and a slow password hash would only slow every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['READER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

/** Whether a key of role `has` may do what needs role `needs`. */
export function allows(has: Role, needs: Role): boolean {
  return RANK[has] >= RANK[needs];
}

export function parseRole(s: string): Role | null {
  const upper = s.toUpperCase();
  return (ROLES as readonly string[]).includes(upper) ? (upper as Role) : null;
}

const KEY = /^mg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once to whoever creates it and never stored. */
  token: string;
  hash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newKey(): NewKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `mg_${id}_${secret}`, hash: hashSecret(secret) };
}

/** Whether `id` could be the public id of one of our keys (16 hexadecimal digits). */
export function isKeyId(id: string): boolean {
  return /^[0-9a-f]{16}$/.test(id);
}

/** The id and secret of a presented key, or null when it is not shaped like one of ours. */
export function parseKey(token: string): { id: string; secret: string } | null {
  const m = KEY.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

// Compared against when a key's id is unknown, so an unknown id costs the same work as a wrong
// secret and the answer's timing does not tell which ids exist.
const DUMMY_HASH = hashSecret('no such key');

/** Constant-time comparison of a presented secret with a stored hash (null: no such key). */
export function secretMatches(storedHash: string | null, secret: string): boolean {
  const expected = Buffer.from(storedHash ?? DUMMY_HASH, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return (
    expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== null
  );
}
