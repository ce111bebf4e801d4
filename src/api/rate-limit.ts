// A per-client rate limit: a token bucket per API key, or per address for requests without a
// good one.
// In memory, so per API process: behind several processes each allows the configured rate.
import { GraphQLError } from 'graphql';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request from `client`'s bucket; throws RATE_LIMITED when it is empty. */
  take(client: string, now = Date.now()): void {
    let b = this.buckets.get(client);
    if (!b) {
      // Forget idle clients now and then, so the map cannot grow without bound.
      if (this.buckets.size > 50_000) this.prune(now);
      b = { tokens: this.perMinute, at: now };
      this.buckets.set(client, b);
    }
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    if (b.tokens < 1) {
      const retryAfterS = Math.ceil((1 - b.tokens) / this.perMs / 1000);
      throw new GraphQLError(
        `Too many requests: at most ${this.perMinute} a minute; try again in ${retryAfterS} s.`,
        {
          extensions: {
            code: 'RATE_LIMITED',
            http: { status: 429, headers: { 'retry-after': String(retryAfterS) } },
          },
        },
      );
    }
    b.tokens -= 1;
  }

  /** Gives back one request taken from `client` in advance that turned out not to be its own. */
  refund(client: string): void {
    const b = this.buckets.get(client);
    if (b) b.tokens = Math.min(this.perMinute, b.tokens + 1);
  }

  private prune(now: number): void {
    for (const [client, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}
