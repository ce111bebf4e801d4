// Helpers for the database tests: a clean database, the seeds loaded, and GraphQL through
// yoga.fetch (the real server, without a socket).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createApi, type Api } from '../../src/api/server';
import { PROJECT_ROOT } from '../../src/config';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { load } from '../../src/ingest/load';
import { newKey, type Role } from '../../src/auth/keys';
import { storeKey } from '../../src/graph/api-keys';
import { testGraph } from './test-db';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');
export const SEED_ARTICLE_ID = 'tass-2017-10-27-kremlin-regrets-twitter-ad-ban';
export const SEED_TEXT = readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`), 'utf8');
/** The seed's annotation as parsed JSON, new on every call so tests may change it. */
export const seedAnnotation = <T = Record<string, unknown>>(): T =>
  JSON.parse(readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.json`), 'utf8')) as T;

/** A folder of its own holding the seed article with its annotation changed by `edit`. */
export function changedSeedDir<T>(edit: (annotation: T) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-seed-'));
  const annotation = seedAnnotation<T>();
  edit(annotation);
  writeFileSync(path.join(dir, `${SEED_ARTICLE_ID}.json`), JSON.stringify(annotation, null, 2));
  copyFileSync(
    path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`),
    path.join(dir, `${SEED_ARTICLE_ID}.txt`),
  );
  return dir;
}

const counts = z.object({ nodes: z.number(), relationships: z.number() });

export async function wipe(graph: Graph): Promise<void> {
  await graph.write(
    defineQuery(
      'testWipe',
      'MATCH (n) DETACH DELETE n RETURN count(*) AS n',
      z.object({ n: z.number() }),
    ),
  );
}

/** Nodes and relationships of the graph's content (not the migrations' SchemaMarker). */
export async function countGraph(graph: Graph): Promise<z.infer<typeof counts>> {
  const [row] = await graph.read(
    defineQuery(
      'testCountGraph',
      'CALL () { MATCH (n) WHERE NOT n:SchemaMarker RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
      counts,
    ),
  );
  return row!;
}

/** Every node and relationship with its labels or type and all its properties, in a stable order. */
export async function snapshot(graph: Graph): Promise<string[]> {
  const item = z.object({ head: z.string(), props: z.record(z.unknown()) });
  const nodes = await graph.read(
    defineQuery(
      'testSnapshotNodes',
      // The migrations' record of what they did (a SchemaMarker) is not the graph's content.
      'MATCH (n) WHERE NOT n:SchemaMarker RETURN reduce(s = "", l IN labels(n) | s + ":" + l) AS head, properties(n) AS props',
      item,
    ),
  );
  const rels = await graph.read(
    defineQuery(
      'testSnapshotRels',
      'MATCH (a)-[r]->(b) RETURN a.id + " -" + type(r) + "-> " + b.id AS head, properties(r) AS props',
      item,
    ),
  );
  const stable = (props: Record<string, unknown>) =>
    JSON.stringify(Object.fromEntries(Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1))));
  return [...nodes, ...rels].map((r) => `${r.head} ${stable(r.props)}`).sort();
}

export async function loadSeeds(graph: Graph): Promise<void> {
  await load(graph, SEEDS_DIR);
}

export interface GqlResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

/** A GraphQL request through yoga.fetch; `key` is sent as the API key. */
export async function gql<T = Record<string, unknown>>(
  api: Api,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<GqlResult<T>> {
  const res = await api.fetch('http://mediagraph.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResult<T>;
}

/** Like gql, but fails the test on any error and returns the data. */
export async function gqlData<T = Record<string, unknown>>(
  api: Api,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<T> {
  const r = await gql<T>(api, query, variables, key);
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** Creates an API key of `role` in the graph and returns the key itself. */
export async function createKey(graph: Graph, role: Role, name = `test ${role}`): Promise<string> {
  const key = newKey();
  await storeKey(graph, key, name, role);
  return key.token;
}

export { createApi };

/**
 * The set-up of a file that reads the seed story: before its tests the database is wiped and the
 * seeds loaded; after them the driver is closed. Call it at the top level of a test file.
 */
export function seededGraph(): { graph: Graph; api: Api } {
  const graph = testGraph();
  const api = createApi(graph);
  beforeAll(async () => {
    await wipe(graph);
    await loadSeeds(graph);
  });
  afterAll(() => graph.close());
  return { graph, api };
}
