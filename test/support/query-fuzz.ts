// Requests generated from the schema with fast-check: operations that walk Query and Mutation
// fields with random sub-selections and argument values (right and wrong types, inline and as
// variables), sent with and without API keys, and raw garbage that is not GraphQL at all.
// Everything is drawn from one seed, so a failing request can be generated again.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** What the generator draws valid-looking values from. */
export interface FuzzPools {
  /** Global ids of the graph's nodes, e.g. Event:twitter-ad-ban-rt-sputnik. */
  ids: string[];
  /** Cursors per connection kind, encoded as the API encodes them, some with hostile ids. */
  cursors: Record<CursorKind, string[]>;
  /** Hostile strings. */
  strings: string[];
  /** Valid annotations with their article text, for ingestArticle to break. */
  articles: { text: string; annotation: unknown }[];
}

export type CursorKind = 'events' | 'actors' | 'articles' | 'audit';
export type KeyChoice = 'admin' | 'editor' | 'reader' | 'none' | 'malformed' | 'unknown';

export interface FuzzRequest {
  kind: 'query' | 'mutation' | 'garbage';
  method: 'GET' | 'POST';
  /** The query string of a GET, without the '?'. */
  search?: string;
  body?: string;
  contentType: string;
  key: KeyChoice;
}

/** An enum value: a bare name in a literal, a string in JSON variables. */
class EnumValue {
  constructor(readonly name: string) {}
}

type Value = unknown;

interface ArgChoice {
  name: string;
  type: string;
  value: Value;
  inline: boolean;
}

interface Selection {
  alias: string | null;
  name: string;
  args: ArgChoice[];
  children: (Selection | Fragment)[] | null;
}

interface Fragment {
  on: string;
  children: (Selection | Fragment)[];
}

const MAX_DEPTH = 4;

/** A roll of an n-sided die; fast-check's integers lean towards their bounds, a die must not. */
const die = (sides: number) => fc.noBias(fc.integer({ min: 0, max: sides - 1 }));
const isName = (k: string) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k);

function literal(v: Value): string {
  if (v instanceof EnumValue) return v.name;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object') {
    const fields = Object.entries(v as Record<string, Value>).map(
      // A key that is not a GraphQL name makes a syntax error, which is a fine request too.
      ([k, x]) => `${isName(k) ? k : JSON.stringify(k)}: ${literal(x)}`,
    );
    return `{${fields.join(', ')}}`;
  }
  return 'null';
}

function json(v: Value): unknown {
  if (v instanceof EnumValue) return v.name;
  if (Array.isArray(v)) return v.map(json);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, Value>).map(([k, x]) => [k, json(x)]),
    );
  }
  return v;
}

/** Sets `path` in a deep copy of `value` to `to` (undefined deletes it). */
function withPath(value: unknown, path: (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const next = withPath(copy[head!], rest, to);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = next;
  return copy;
}

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((x, i) => pathsOf(x, [...prefix, i])));
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([k, x]) => pathsOf(x, [...prefix, k])));
  }
  return here;
}

export class QueryFuzzer {
  private readonly selections = new Map<string, fc.Arbitrary<(Selection | Fragment)[]>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: FuzzPools,
  ) {}

  /** `n` requests drawn from `seed`. */
  sample(seed: number, n: number): FuzzRequest[] {
    return fc.sample(this.request(), { seed, numRuns: n });
  }

  request(): fc.Arbitrary<FuzzRequest> {
    const query = this.schema.getQueryType()!;
    const mutation = this.schema.getMutationType()!;
    return fc.oneof(
      { weight: 12, arbitrary: this.operation('query', query) },
      { weight: 5, arbitrary: this.operation('mutation', mutation) },
      { weight: 3, arbitrary: this.garbage() },
    );
  }

  private key(): fc.Arbitrary<KeyChoice> {
    return fc.constantFrom<KeyChoice>(
      'admin',
      'editor',
      'editor',
      'reader',
      'none',
      'none',
      'malformed',
      'unknown',
    );
  }

  private operation(
    kind: 'query' | 'mutation',
    root: GraphQLObjectType,
  ): fc.Arbitrary<FuzzRequest> {
    const names = Object.keys(root.getFields());
    const fields = fc
      .shuffledSubarray(names, { minLength: 1, maxLength: 3 })
      .chain((ns) => fc.tuple(...ns.map((n) => this.field(root, n, MAX_DEPTH))));
    return fc
      .record({
        fields,
        key: this.key(),
        get: fc.boolean().map((b) => b && kind === 'query'),
        name: fc.option(fc.constantFrom('Op', 'op_1'), { nil: null }),
      })
      .map(({ fields: sels, key, get, name }) => {
        const { text, variables } = print(kind, name, sels);
        const search = new URLSearchParams({ query: text, variables: JSON.stringify(variables) });
        // node:http refuses a URL over 16 KB itself, with an empty 431 (known bug).
        if (get && search.toString().length < 8000) {
          return { kind, method: 'GET', search: search.toString(), contentType: '', key };
        }
        return {
          kind,
          method: 'POST',
          body: JSON.stringify({ query: text, variables }),
          contentType: 'application/json',
          key,
        };
      });
  }

  /** One field of `parent` with its arguments and, for objects, a sub-selection. */
  private field(parent: GraphQLObjectType | GraphQLInterfaceType, name: string, depth: number) {
    const field = parent.getFields()[name]!;
    const named = getNamedType(field.type);
    const children: fc.Arbitrary<(Selection | Fragment)[] | null> = isLeafType(named)
      ? fc.constant(null)
      : depth <= 0
        ? fc.constant([leaf('__typename')])
        : fc.constant(null).chain(() => this.selectionOf(named as GraphQLCompositeType, depth - 1));
    return fc
      .record({
        // Few aliases, and from a short list, so that some collide with another field's.
        alias: fc.oneof(
          { weight: 8, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom('a', 'b', 'x_1') },
        ),
        args: this.args(`${parent.name}.${name}`, field.args),
        children,
        typo: die(1000),
      })
      .map(({ alias, args, children: c, typo }): Selection => ({
        alias,
        // Now and then a field or an argument the schema does not have.
        name: typo === 0 ? `${name}X` : name,
        args: typo === 1 ? [...args, { name: 'nope', type: 'Int', value: 1, inline: true }] : args,
        children: c,
      }));
  }

  private selectionOf(
    type: GraphQLCompositeType,
    depth: number,
  ): fc.Arbitrary<(Selection | Fragment)[]> {
    const memo = `${type.name}@${depth}`;
    const known = this.selections.get(memo);
    if (known) return known;
    let arb: fc.Arbitrary<(Selection | Fragment)[]>;
    if (isObjectType(type)) {
      const names = Object.keys(type.getFields());
      arb = fc
        .shuffledSubarray(names, { minLength: 1, maxLength: Math.min(3, names.length) })
        .chain((ns) => fc.tuple(...ns.map((n) => this.field(type, n, depth))));
    } else if (isInterfaceType(type)) {
      const impls = this.schema.getPossibleTypes(type);
      arb = fc
        .record({
          own: fc.subarray(['id', '__typename']),
          on: fc.subarray(
            impls.map((t) => t.name),
            { maxLength: 2 },
          ),
        })
        .chain(({ own, on }) =>
          fc
            .tuple(
              ...on.map((t) =>
                this.selectionOf(this.schema.getType(t) as GraphQLObjectType, depth).map(
                  (children): Fragment => ({ on: t, children }),
                ),
              ),
            )
            .map((frags) => [
              ...own.map(leaf),
              ...frags,
              ...(own.length + frags.length ? [] : [leaf('__typename')]),
            ]),
        );
    } else {
      arb = fc.constant([leaf('__typename')]);
    }
    this.selections.set(memo, arb);
    return arb;
  }

  private args(coordinate: string, args: readonly GraphQLArgument[]): fc.Arbitrary<ArgChoice[]> {
    const each = args.map((a) =>
      fc
        .record({
          // Required arguments are left out now and then; optional ones half the time.
          given: die(20).map((r) => (isNonNullType(a.type) ? r > 0 : r >= 10)),
          value: this.value(`${coordinate}.${a.name}`, a.type),
          inline: die(10).map((r) => r < 3),
        })
        .map(({ given, value, inline }) =>
          given ? { name: a.name, type: String(a.type), value, inline } : null,
        ),
    );
    return fc.tuple(...each).map((xs) => xs.filter((x): x is ArgChoice => x !== null));
  }

  /** A value for an input of `type`: mostly of that type, sometimes of another. */
  private value(coordinate: string, type: GraphQLInputType): fc.Arbitrary<Value> {
    return fc.oneof(
      { weight: 24, arbitrary: this.rightValue(coordinate, type) },
      { weight: 1, arbitrary: wrongValue() },
    );
  }

  private rightValue(coordinate: string, type: GraphQLInputType): fc.Arbitrary<Value> {
    if (isNonNullType(type)) return this.nullable(coordinate, type.ofType);
    const inner = this.nullable(coordinate, type);
    return fc.oneof({ weight: 9, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  }

  private nullable(coordinate: string, type: GraphQLInputType): fc.Arbitrary<Value> {
    if (isNonNullType(type)) return this.nullable(coordinate, type.ofType);
    if (isListType(type)) {
      const item = this.value(coordinate, type.ofType);
      // A single value where a list is expected is coerced to a list of one.
      return fc.oneof(fc.array(item, { maxLength: 3 }), item);
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => new EnumValue(v.name));
      return fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom(...values) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(new EnumValue('NOPE'), 'AGENT', new EnumValue('true')),
        },
      );
    }
    if (isInputObjectType(type)) {
      if (type.name === 'IngestArticleInput') return this.ingestInput();
      const fields = type.getFields();
      const model = Object.fromEntries(
        Object.values(fields).map((f) => [f.name, this.value(`${coordinate}.${f.name}`, f.type)]),
      );
      const required = Object.values(fields)
        .filter((f) => isNonNullType(f.type))
        .map((f) => f.name);
      return fc.record(model, { requiredKeys: required });
    }
    return this.scalar(coordinate, type.name);
  }

  private ingestInput(): fc.Arbitrary<Value> {
    const { articles, strings } = this.pools;
    // A valid article with one value somewhere in its annotation replaced, removed or kept.
    const broken = fc
      .record({
        article: fc.constantFrom(...articles),
        at: fc.noBias(fc.nat()),
        to: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom(...strings),
          fc.jsonValue({ maxDepth: 2 }),
          fc.constant('KEEP'),
        ),
        note: fc.option(fc.constantFrom(...strings), { nil: null }),
      })
      .map(({ article, at, to, note }) => {
        const paths = pathsOf(article.annotation).filter((p) => p.length > 0);
        const path = paths[at % paths.length]!;
        const annotation =
          to === 'KEEP' ? article.annotation : withPath(article.annotation, path, to);
        return { text: article.text, annotation, note };
      });
    const random = fc.record(
      {
        text: fc.oneof(fc.string(), fc.constantFrom(...strings)),
        annotation: fc.jsonValue({ maxDepth: 3 }),
        note: fc.option(fc.string(), { nil: null }),
      },
      { requiredKeys: ['text', 'annotation'] },
    );
    return fc.oneof({ weight: 3, arbitrary: broken }, { weight: 1, arbitrary: random });
  }

  private scalar(coordinate: string, name: string): fc.Arbitrary<Value> {
    const { ids, strings } = this.pools;
    const randomString = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    );
    switch (name) {
      case 'ID':
        return fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...ids) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(
                fc.constantFrom('Event', 'Actor', 'Article', 'Quote', 'Claim', 'Pwned', ''),
                fc.constantFrom(...strings),
              )
              .map(([t, s]) => `${t}:${s}`),
          },
          { weight: 1, arbitrary: fc.constantFrom(...strings) },
          { weight: 1, arbitrary: randomString },
        );
      case 'String': {
        const kind = cursorKind(coordinate);
        const cursors = kind ? this.pools.cursors[kind] : [];
        return fc.oneof(
          { weight: cursors.length ? 6 : 0, arbitrary: fc.constantFrom('', ...cursors) },
          { weight: 3, arbitrary: fc.constantFrom(...strings) },
          { weight: 3, arbitrary: randomString },
          { weight: 1, arbitrary: fc.lorem({ maxCount: 5 }) },
        );
      }
      case 'Int':
        return fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 100 }) },
          { weight: 1, arbitrary: fc.integer({ min: -1000, max: -1 }) },
          { weight: 1, arbitrary: fc.integer({ min: 101, max: 2 ** 31 - 1 }) },
          { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 53, -(2 ** 31) - 1, 1.5, -0) },
        );
      case 'Float':
        return fc.oneof(
          { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
          { weight: 2, arbitrary: fc.double() },
          { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 2) },
        );
      case 'Boolean':
        return fc.boolean();
      case 'Date':
        return fc.oneof(
          {
            weight: 5,
            arbitrary: fc
              .date({
                min: new Date('1000-01-01'),
                max: new Date('9999-12-31'),
                noInvalidDate: true,
              })
              .map((d) => d.toISOString().slice(0, 10)),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom('2017-02-30', '2017-13-01', '17-10-27', '0001-01-01', ''),
          },
          { weight: 1, arbitrary: randomString },
        );
      case 'JSON':
        return fc.jsonValue({ maxDepth: 3 });
      default:
        return randomString;
    }
  }

  /** Bodies that are not a well-formed GraphQL request. */
  private garbage(): fc.Arbitrary<FuzzRequest> {
    const post = (body: string, contentType = 'application/json') => ({
      kind: 'garbage' as const,
      method: 'POST' as const,
      body,
      contentType,
      key: 'none' as const,
    });
    const query = this.schema.getQueryType()!;
    const truncated = this.operation('query', query).chain((r) => {
      const text = (JSON.parse(r.body ?? '{"query":""}') as { query: string }).query;
      return fc
        .nat({ max: Math.max(0, text.length - 1) })
        .map((n) => post(JSON.stringify({ query: text.slice(0, n) })));
    });
    const nested = fc
      .record({
        open: fc.constantFrom('{', '[', '(', '{a:', '"'),
        // Lists nested about 1850 deep or more overflow the parser's stack (known bug); where
        // exactly depends on how far V8 has optimised the parser, so stay well below.
        n: fc.integer({ min: 1, max: 1000 }),
      })
      .map(({ open, n }) =>
        post(JSON.stringify({ query: `{ actors(filter: ${open.repeat(n)}) { totalCount } }` })),
      );
    return fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }).map((q) => post(JSON.stringify({ query: q }))),
      fc.constantFrom(...this.pools.strings).map((q) => post(JSON.stringify({ query: q }))),
      truncated,
      nested,
      fc.json({ maxDepth: 3 }).map((b) => post(b)),
      fc.string({ maxLength: 100 }).map((b) => post(b)),
      fc
        .constantFrom<unknown>(
          { query: 123 },
          { query: null },
          { query: ['{ __typename }'] },
          { query: '{ __typename }', variables: 'x' },
          { query: '{ __typename }', variables: [1] },
          { query: '{ __typename }', operationName: 'Nope' },
          { query: 'query A { __typename } query B { __typename }' },
          { query: 'query A { __typename } query B { __typename }', operationName: 'B' },
          {
            query: '{ __typename }',
            extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
          },
          { query: 'subscription { __typename }' },
          { query: 'fragment F on Query { ...F } { ...F }' },
          { query: '{ __schema { types { name fields { name } } } }' },
          [{ query: '{ __typename }' }],
          {},
        )
        .map((b) => post(JSON.stringify(b))),
      // No type yoga does not read (text/plain, none): it answers 415 with no body (known bug).
      fc
        .constantFrom(
          'application/graphql',
          'multipart/form-data',
          'application/x-www-form-urlencoded',
        )
        .map((ct) => post('{ actors { totalCount } }', ct)),
      // No variables that are not JSON: yoga fails on those with a 500 (known bug).
      fc
        .constantFrom(
          'query=%7B__typename%7D',
          'query=',
          'variables=%5B1%5D',
          'query=mutation%7BsetEventReview%7D',
        )
        .map((search) => ({
          kind: 'garbage' as const,
          method: 'GET' as const,
          search,
          contentType: '',
          key: 'none' as const,
        })),
    );
  }
}

/** Which connection an `after` argument pages through, so it is given that connection's cursors. */
function cursorKind(coordinate: string): CursorKind | null {
  if (!coordinate.endsWith('.after')) return null;
  if (/\.events\.after$/.test(coordinate)) return 'events';
  if (coordinate === 'Query.actors.after') return 'actors';
  if (coordinate === 'Query.articles.after') return 'articles';
  if (coordinate === 'Query.auditRecords.after') return 'audit';
  return null;
}

function leaf(name: string): Selection {
  return { alias: null, name, args: [], children: null };
}

function wrongValue(): fc.Arbitrary<Value> {
  return fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 10 }),
    fc.double(),
    fc.constant({}),
    fc.constant([]),
    fc.constant({ a: 1 }),
    fc.constant(new EnumValue('WRONG')),
  );
}

/** The operation's text and its variables, numbered in order of appearance. */
function print(
  kind: 'query' | 'mutation',
  name: string | null,
  fields: (Selection | Fragment)[],
): { text: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const sel = (s: Selection | Fragment): string => {
    if ('on' in s) return `... on ${s.on} { ${s.children.map(sel).join(' ')} }`;
    const args = s.args.map((a) => {
      if (a.inline) return `${a.name}: ${literal(a.value)}`;
      const v = `v${definitions.length}`;
      definitions.push(`$${v}: ${a.type}`);
      variables[v] = json(a.value);
      return `${a.name}: $${v}`;
    });
    const head = `${s.alias ? `${s.alias}: ` : ''}${s.name}${args.length ? `(${args.join(', ')})` : ''}`;
    return s.children ? `${head} { ${s.children.map(sel).join(' ')} }` : head;
  };
  const body = fields.map(sel).join(' ');
  const header = definitions.length ? `(${definitions.join(', ')})` : '';
  return { text: `${kind}${name ? ` ${name}` : ''}${header} { ${body} }`, variables };
}
