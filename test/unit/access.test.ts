// API keys, the rate limiter, the look-ahead and the access settings: no database needed.
import { parse, type GraphQLResolveInfo, type OperationDefinitionNode, Kind } from 'graphql';
import {
  allows,
  hashSecret,
  newKey,
  parseKey,
  parseRole,
  secretMatches,
} from '../../src/auth/keys';
import { RateLimiter } from '../../src/api/rate-limit';
import { selectsEventDetails } from '../../src/api/lookahead';
import { loadConfig } from '../../src/config';

describe('API keys', () => {
  test('a new key parses back into its id and secret, and only the hash is kept', () => {
    const key = newKey();
    expect(key.token).toMatch(/^mg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseKey(key.token)!;
    expect(parsed.id).toBe(key.id);
    expect(hashSecret(parsed.secret)).toBe(key.hash);
    expect(key.hash).not.toContain(parsed.secret);
    expect(newKey().token).not.toBe(key.token);
  });

  test('only the right secret matches; an unknown key never does', () => {
    const key = newKey();
    const { secret } = parseKey(key.token)!;
    expect(secretMatches(key.hash, secret)).toBe(true);
    expect(
      secretMatches(
        key.hash,
        secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false);
    expect(secretMatches(null, secret)).toBe(false);
    expect(secretMatches(hashSecret('no such key'), 'no such key')).toBe(true);
    expect(secretMatches(null, 'no such key')).toBe(false);
  });

  test.each([
    '',
    'mg_',
    'Bearer x',
    'mg_0123456789abcdeg_' + 'A'.repeat(43),
    'mg_0123456789abcdef_' + 'A'.repeat(42),
  ])('refuses the malformed key %j', (token) => expect(parseKey(token)).toBeNull());

  test('roles rank reader < editor < admin', () => {
    expect(allows('ADMIN', 'EDITOR')).toBe(true);
    expect(allows('EDITOR', 'EDITOR')).toBe(true);
    expect(allows('READER', 'EDITOR')).toBe(false);
    expect(allows('EDITOR', 'ADMIN')).toBe(false);
    expect(parseRole('editor')).toBe('EDITOR');
    expect(parseRole('root')).toBeNull();
  });
});

describe('rate limiter', () => {
  test('allows the rate per minute, refuses the next with a Retry-After, and refills over time', () => {
    const limiter = new RateLimiter(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) limiter.take('a', t0);
    let error: unknown;
    try {
      limiter.take('a', t0);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': '1' } } },
    });
    // Another client is not affected; one second later one more request is allowed.
    expect(() => limiter.take('b', t0)).not.toThrow();
    expect(() => limiter.take('a', t0 + 1000)).not.toThrow();
    expect(() => limiter.take('a', t0 + 1000)).toThrow(/Too many requests/);
  });

  test('a refund gives back one request, never more than the allowance', () => {
    const limiter = new RateLimiter(2);
    const t0 = 1_000_000;
    limiter.take('a', t0);
    limiter.take('a', t0);
    limiter.refund('a');
    expect(() => limiter.take('a', t0)).not.toThrow();
    expect(() => limiter.take('a', t0)).toThrow(/Too many requests/);
    // A full bucket stays full: refunds do not add to the allowance.
    limiter.take('b', t0);
    limiter.refund('b');
    limiter.refund('b');
    limiter.take('b', t0);
    limiter.take('b', t0);
    expect(() => limiter.take('b', t0)).toThrow(/Too many requests/);
  });
});

describe('look-ahead', () => {
  const infoFor = (query: string): GraphQLResolveInfo => {
    const doc = parse(query);
    const op = doc.definitions.find(
      (d) => d.kind === Kind.OPERATION_DEFINITION,
    ) as OperationDefinitionNode;
    const field = op.selectionSet.selections[0]!;
    const fragments = Object.fromEntries(
      doc.definitions
        .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
  };

  test.each([
    ['{ event(id: "x") { summary participants { role } } }', true],
    ['{ event(id: "x") { summary ... on Event { links { kind } } } }', true],
    ['{ event(id: "x") { ...F } } fragment F on Event { evidence { text } }', true],
    ['{ event(id: "x") { summary type articles { id } } }', false],
    ['{ event(id: "x") { ...F } } fragment F on Event { summary }', false],
  ])('%s selects event details: %s', (query, expected) => {
    expect(selectsEventDetails(infoFor(query))).toBe(expected);
  });
});

describe('access settings', () => {
  test('defaults: development, reads open, 600 a minute, armor limits', () => {
    const c = loadConfig({});
    expect(c.production).toBe(false);
    expect(c.access).toEqual({ readsNeedKey: false, keyCacheMs: 5000, ratePerMinute: 600 });
    expect(c.limits).toEqual({
      maxBodyBytes: 2 * 1024 * 1024,
      maxDepth: 10,
      maxCost: 100_000,
      maxAliases: 15,
      maxTokens: 2000,
    });
  });

  test('production mode and required keys are read from the environment', () => {
    const c = loadConfig({ MEDIAGRAPH_MODE: 'production', READS_NEED_KEY: 'true' });
    expect(c.production).toBe(true);
    expect(c.access.readsNeedKey).toBe(true);
  });

  test('a bad setting names the variable', () => {
    expect(() => loadConfig({ READS_NEED_KEY: 'maybe' })).toThrow(/READS_NEED_KEY/);
    expect(() => loadConfig({ MEDIAGRAPH_MODE: 'prod' })).toThrow(/MEDIAGRAPH_MODE/);
    expect(() => loadConfig({ MAX_QUERY_DEPTH: '0' })).toThrow(/MAX_QUERY_DEPTH/);
  });
});
