// Who is asking: the API key presented in `Authorization: Bearer <key>`, checked against its
// stored hash, and what that key may do. Keys never reach a log or an error message.
import { GraphQLError } from 'graphql';
import type { AccessConfig } from '../config';
import { allows, parseKey, secretMatches, type Role } from '../auth/keys';
import type { Author } from '../graph/audit';
import { findLiveKey } from '../graph/api-keys';
import type { Graph } from '../graph/driver';
import { RateLimiter } from './rate-limit';

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
 * Checks presented keys and charges each request to its client's rate limit. A checked key is
 * remembered for `keyCacheMs` so a busy client costs no extra query per request; that is also
 * how long a revoked key keeps working at most.
 */
export class KeyChecker {
  private readonly cache = new Map<string, { principal: Principal; hash: string; until: number }>();
  private readonly rate: RateLimiter;

  constructor(
    private readonly graph: Graph,
    private readonly config: AccessConfig,
  ) {
    this.rate = new RateLimiter(config.ratePerMinute);
  }

  /** Stops trusting a cached key at once (it was revoked through this server). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /**
   * The principal of an Authorization header (null without one), its request taken from its
   * rate limit: a good key's own, anything else the address's. Throws for a bad key, and
   * RATE_LIMITED when the allowance is spent.
   */
  async admit(authorization: string | null, address: string): Promise<Principal | null> {
    const byAddress = `addr:${address}`;
    if (authorization === null || authorization.trim() === '') {
      this.rate.take(byAddress);
      return null;
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const parsed = m ? parseKey(m[1]!) : null;
    if (!parsed) {
      this.rate.take(byAddress);
      throw unauthenticated('The Authorization header must be "Bearer <API key>".');
    }
    const now = Date.now();
    const cached = this.cache.get(parsed.id);
    const fresh = cached !== undefined && cached.until > now;
    if (fresh && secretMatches(cached.hash, parsed.secret)) {
      this.rate.take(`key:${parsed.id}`);
      return cached.principal;
    }
    // Until a key proves good it is the address's request, taken before the lookup: made-up
    // keys cost the database nothing once the address's allowance is spent.
    this.rate.take(byAddress);
    if (fresh) throw unauthenticated('The API key is not valid (unknown, revoked or mistyped).');
    const stored = await findLiveKey(this.graph, parsed.id);
    if (!secretMatches(stored?.hash ?? null, parsed.secret) || !stored) {
      this.cache.delete(parsed.id);
      throw unauthenticated('The API key is not valid (unknown, revoked or mistyped).');
    }
    this.rate.refund(byAddress);
    this.rate.take(`key:${parsed.id}`);
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
