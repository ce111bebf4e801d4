// Strings an attacker, a broken client or an unlucky paste could send: Cypher and Lucene syntax,
// quotes and escapes, awkward unicode, JSON and GraphQL fragments, sizes at and past the limits.
// Each one must reach Neo4j only as a parameter value, so each must come back exactly as sent or
// be refused with a clean error; none may change the graph's shape.

/** Over the API's default body limit (2 MiB), so a request carrying it is refused unread. */
export const OVER_BODY_LIMIT = 'x'.repeat(2 * 1024 * 1024 + 1000);

const CYPHER = [
  "' OR 1=1 //",
  '" OR 1=1 //',
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  '\u0027) RETURN 1 //',
  "x' }) CREATE (:Pwned {by: 'injection'}) //",
  '"}) CREATE (:Pwned)-[:OWNS]->(:Pwned) RETURN 1 //',
  '$(x)',
  '$id',
  '${id}',
  '`a`:`b`',
  ':Event',
  'Event:`x` SET n:Pwned',
  '}]->(x) //',
  '})-[:AGENT]->(n) //',
  'CALL db.labels()',
  'CALL dbms.components() YIELD name RETURN name',
  '/* */',
  '*/ MATCH (n) DETACH DELETE n /*',
  "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
  "'; CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //",
  'WITH 1 AS x UNWIND range(1, 100000000) AS y RETURN count(*)',
  'MATCH (n) SET n.pwned = true',
];

const QUOTES_AND_ESCAPES = [
  "'",
  '"',
  '`',
  "''",
  '""',
  '```',
  '\u2018\u2019\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a',
  '\\',
  '\\\\',
  '\\"',
  "\\'",
  '\\u0000',
  '\\n\\r\\t',
  'a\nb\r\nc\td',
];

const UNICODE = [
  '\u0000',
  'null\u0000byte',
  '\ud800',
  'lone \udc00 low',
  '\u202eevil\u202c',
  'zero\u200bwidth\u200c\u200d\ufeff',
  '\u{1F4A3}\u{1F469}\u200d\u{1F4BB}\u{1F1F7}\u{1F1FA}',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a',
  '\u0130stanbul \u00df \u0131',
  '\u041a\u0440\u0435\u043c\u043b\u044c',
  '\u0627\u0644\u0643\u0631\u0645\u0644\u064a\u0646',
  '\u2028\u2029',
  '\u0085\u00a0\u3000',
  '\ufffd\uffff',
];

const LUCENE = [
  '*',
  '?',
  '~',
  'RT~2',
  'AND OR NOT',
  'AND',
  'name:RT',
  'id:* OR text:*',
  '[a TO z]',
  '{a TO z}',
  '(',
  '"',
  'RT^100',
  '+RT -Sputnik',
  '/reg.*ex/',
  '&& || !',
  'RT AND (Sputnik OR',
];

const JSON_AND_GRAPHQL = [
  '{"__proto__": {"admin": true}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '__typename',
  '{ __schema { types { name } } }',
  'query { actors { edges { node { id } } } }',
  '${7*7}',
  '<script>alert(1)</script>',
];

const EDGES = [
  '',
  ' ',
  '\t\n\r ',
  '0',
  '-1',
  '1e400',
  'NaN',
  '123',
  'true',
  'null',
  'undefined',
  '9999-99-99',
  '2017-02-30',
  'Event:',
  ':',
  'Event:twitter-ad-ban-rt-sputnik\u0000',
  'Actor:rt OR 1=1',
  '../../etc/passwd',
];

const LONG = [
  'a'.repeat(100_000),
  // Many words of Cypher: long enough to be a large text, few enough words for search.
  "' OR 1=1 // ".repeat(80) + 'x'.repeat(99_000),
  'word '.repeat(2_000),
];

/** Every hostile string, in the order the tests number them. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...CYPHER,
  ...QUOTES_AND_ESCAPES,
  ...UNICODE,
  ...LUCENE,
  ...JSON_AND_GRAPHQL,
  ...EDGES,
  ...LONG,
];

/** A short, printable name of a hostile string, for test messages. */
export function nameOf(s: string): string {
  const shown = JSON.stringify(s);
  return shown.length > 40 ? `${shown.slice(0, 30)}… (${s.length} chars)` : shown;
}

/**
 * What the graph would keep of a string: the Bolt protocol carries UTF-8, so a lone surrogate
 * (which UTF-8 cannot encode) would arrive in Neo4j as U+FFFD. The API refuses such strings;
 * everything else is kept exactly.
 */
export function stored(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** Whether a string survives storage unchanged. */
export function wellFormed(s: string): boolean {
  return stored(s) === s;
}

/**
 * Lucene's words in `s`, roughly as the full-text index's analyzer splits them: search turns
 * each into one clause of a boolean query.
 */
export function searchWords(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** The id pattern of schema/annotation.schema.json: a hostile id must match it to be written. */
export const ANNOTATION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
