// What Schemathesis reads, written under var/fuzz/ before each fuzz run:
//
// - the schema, printed from the project's own code: production mode turns introspection off, so
//   Schemathesis cannot ask the API for it, and the SDL files in schema/ are pieces (contract plus
//   extensions) where the printed schema is what the server actually serves;
// - a Schemathesis configuration per run whose dictionaries hold ids of the seed graph, so that
//   fuzzed arguments also name things that exist and the resolvers behind them run, not only
//   the "not found" paths; the editor run's one also sends the key (read from the environment,
//   so that it is in no file and no command line);
// - the seed ids the JSON generator of hooks.py mixes into annotations, so that some ingested
//   articles join or take over actors and events of the seeds.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildSchema } from '../../src/api/schema';
import { annotationFiles, readArticle } from '../../src/ingest/read';
import type { MediagraphArticleAnnotation as Annotation } from '../../src/generated/annotation';

/** The environment variable that carries the editor key to Schemathesis. */
export const KEY_VARIABLE = 'FUZZ_API_KEY';

export interface SeedIds {
  articles: string[];
  actors: string[];
  events: string[];
  quotes: string[];
  claims: string[];
  /** Words of the seed texts and actor names, for search. */
  words: string[];
}

export async function seedIds(seedsDir: string): Promise<SeedIds> {
  const annotations: Annotation[] = [];
  const texts: string[] = [];
  for (const file of await annotationFiles(seedsDir)) {
    const read = readArticle(file);
    if (!read.ok) throw new Error(`the seed ${file} does not load: ${JSON.stringify(read.issues)}`);
    annotations.push(read.article.annotation);
    texts.push(read.article.text);
  }
  const all = <T>(pick: (a: Annotation) => T[]) => [...new Set(annotations.flatMap(pick))];
  const words = [
    ...new Set(texts.flatMap((t) => t.match(/\p{L}{4,}/gu) ?? []).map((w) => w.toLowerCase())),
  ].slice(0, 40);
  return {
    articles: all((a) => [a.article.id]),
    actors: all((a) => a.actors.map((x) => x.id)),
    events: all((a) => a.events.map((x) => x.id)),
    quotes: all((a) => (a.quotes ?? []).map((x) => x.id)),
    claims: all((a) => (a.claims ?? []).map((x) => x.id)),
    words: [...words, ...all((a) => a.actors.map((x) => x.name))],
  };
}

/** The schema the API serves, as SDL; returns the file written. */
export function writeSchema(dir: string): string {
  const file = path.join(dir, 'schema.graphql');
  writeFileSync(file, printSchema(buildSchema()));
  return file;
}

export function writeSeedIds(dir: string, ids: SeedIds): string {
  const file = path.join(dir, 'seed-ids.json');
  writeFileSync(file, JSON.stringify(ids, null, 2) + '\n');
  return file;
}

const toml = (value: string) => JSON.stringify(value);
const list = (values: string[]) => `[${values.map(toml).join(', ')}]`;

/** How often a bound argument takes a dictionary value rather than a generated one. */
const PROBABILITY = 0.5;

/**
 * Which arguments draw from which dictionary: `<Type>.<field>.<argument>`, `*` for any, a dotted
 * tail for a field of an input object.
 */
const BINDINGS: [string, keyof typeof DICTIONARY_OF][] = [
  ['*.*.eventId', 'events'],
  ['Mutation.*.fromId', 'events'],
  ['Mutation.*.toId', 'events'],
  ['Query.actorPath.fromId', 'actors'],
  ['Query.actorPath.toId', 'actors'],
  ['*.*.actorId', 'actors'],
  ['*.*.filter.actorId', 'actors'],
  ['*.*.articleId', 'articles'],
  ['*.*.filter.articleId', 'articles'],
  ['Query.event.id', 'events'],
  ['Query.actor.id', 'actors'],
  ['Query.article.id', 'articles'],
  ['Query.node.id', 'nodes'],
  ['Query.auditRecords.targetId', 'nodes'],
  ['Query.search.query', 'words'],
];

const DICTIONARY_OF = {
  events: (s: SeedIds) => s.events.map((id) => `Event:${id}`),
  actors: (s: SeedIds) => s.actors.map((id) => `Actor:${id}`),
  articles: (s: SeedIds) => s.articles.map((id) => `Article:${id}`),
  nodes: (s: SeedIds) => [
    ...s.articles.map((id) => `Article:${id}`),
    ...s.actors.map((id) => `Actor:${id}`),
    ...s.events.map((id) => `Event:${id}`),
    ...s.quotes.map((id) => `Quote:${id}`),
    ...s.claims.map((id) => `Claim:${id}`),
  ],
  words: (s: SeedIds) => s.words,
};

/** The Schemathesis configuration of one run; returns the file written. */
export function writeConfig(dir: string, run: string, ids: SeedIds, withKey: boolean): string {
  const lines = [
    '# Written by test/fuzz/run.ts for one fuzz run; see test/fuzz/inputs.ts.',
    // The ${...} is Schemathesis' own placeholder for an environment variable.
    ...(withKey ? [`headers = { Authorization = "Bearer \${${KEY_VARIABLE}}" }`] : []),
    '',
    ...Object.entries(DICTIONARY_OF).flatMap(([name, values]) => [
      `[dictionaries.${name}]`,
      `values = ${list(values(ids))}`,
      '',
    ]),
    '[parameters]',
    ...BINDINGS.map(
      ([argument, dictionary]) =>
        `${toml(argument)} = { dictionary = ${toml(dictionary)}, probability = ${PROBABILITY} }`,
    ),
    '',
  ];
  const file = path.join(dir, `${run}.toml`);
  writeFileSync(file, lines.join('\n'));
  return file;
}
