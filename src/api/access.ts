// Who is asking: the API key presented in `Authorization: Bearer <key>`, checked against its
// stored hash, and what that key may do. Keys never reach a log or an error message.
import { GraphQLError } from 'graphql';
import type { AccessConfig } from '../config';
import { allows, parseKey, secretMatches, type Role } from '../auth/keys';
import type { Author } from '../graph/audit';
import { findLiveKey } from '../graph/api-keys';
import type { Graph } from '../graph/driver';

export type Principal = Author;

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** What a mutation without the right role gets: it changes nothing. */
export function forbidden(needs: Role, principal: Principal | null): GraphQLError {
  const who = principal
    ? `the key '${principal.keyName}' has the ${principal.role} role`
    : 'no API key was given';
  return new GraphQLError(`This needs an API key with the ${needs} role; ${who}.`, {
    extensions: { code: 'FORBIDDEN' },
  });
}

export function requireRole(principal: Principal | null, needs: Role): Principal {
  if (!principal || !allows(principal.role, needs)) throw forbidden(needs, principal);
  return principal;
}

/**
 * Checks presented keys. A checked key is remembered for `keyCacheMs` so a busy client costs
 * no extra query per request; that is also how long a revoked key keeps working at most.
 */
export class KeyChecker {
  private readonly cache = new Map<string, { principal: Principal; hash: string; until: number }>();

  constructor(
    private readonly graph: Graph,
    private readonly config: AccessConfig,
  ) {}

  /** Stops trusting a cached key at once (it was revoked through this server). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /** The principal of an Authorization header; null without one; throws for a bad key. */
  async principalOf(authorization: string | null): Promise<Principal | null> {
    if (authorization === null || authorization.trim() === '') return null;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const parsed = m ? parseKey(m[1]!) : null;
    if (!parsed) throw unauthenticated('The Authorization header must be "Bearer <API key>".');
    const now = Date.now();
    const cached = this.cache.get(parsed.id);
    if (cached && cached.until > now) {
      if (secretMatches(cached.hash, parsed.secret)) return cached.principal;
      throw unauthenticated('The API key is not valid (unknown, revoked or mistyped).');
    }
    const stored = await findLiveKey(this.graph, parsed.id);
    if (!secretMatches(stored?.hash ?? null, parsed.secret) || !stored) {
      this.cache.delete(parsed.id);
      throw unauthenticated('The API key is not valid (unknown, revoked or mistyped).');
    }
    const principal: Principal = { keyId: parsed.id, keyName: stored.name, role: stored.role };
    if (this.config.keyCacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(parsed.id, {
        principal,
        hash: stored.hash,
        until: now + this.config.keyCacheMs,
      });
    }
    return principal;
  }
}
