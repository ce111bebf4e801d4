// `load --bulk` against the real Neo4j: the same generated corpus (and the seed) loaded by the
// online loader into the test database and by Neo4j's importer into a local Neo4j of this test's
// own ends in the same graph, fingerprint for fingerprint; loading it online again on top
// changes nothing; a database that holds anything, and a Neo4j mediagraph does not run, are
// refused before anything is written; bad input gets the online loader's errors.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config';
import { Graph } from '../../src/graph/driver';
import { generateCorpus } from '../../src/generate/corpus';
import { bulkLoad, BulkRefused } from '../../src/ingest/bulk';
import { InputError } from '../../src/ingest/errors';
import { load } from '../../src/ingest/load';
import { ensureLocalCredentials } from '../../src/local-neo4j/credentials';
import { startLocalNeo4j, type RunningNeo4j } from '../../src/local-neo4j/server';
import { BAD_INPUTS, brokenSeed, followUpArticle } from '../support/bad-input';
import { fingerprint, type Fingerprint } from '../support/fingerprint';
import { SEEDS_DIR, wipe } from '../support/graph-fixtures';
import { TEST_NEO4J, testGraph } from '../support/test-db';

const ARTICLES = 120;
const HOME = path.join(PROJECT_ROOT, 'var', 'neo4j-bulk-test');
// Next to the test Neo4j's ports, so that side-by-side checkouts stay apart as theirs do.
const BOLT = Number(process.env.TEST_NEO4J_BULK_BOLT_PORT ?? TEST_NEO4J.boltPort + 2);
const HTTP = Number(process.env.TEST_NEO4J_BULK_HTTP_PORT ?? TEST_NEO4J.httpPort + 2);
const PASSWORD = 'mediagraph-bulk-test';

const bulkEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_HOME: HOME,
    NEO4J_BOLT_PORT: String(BOLT),
    NEO4J_HTTP_PORT: String(HTTP),
    NEO4J_USER: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
    NEO4J_HEAP: '768m',
    NEO4J_PAGECACHE: '128m',
  };
  delete env.NEO4J_URI;
  return env;
};
const bulkConfig = (): Config => loadConfig(bulkEnv());

/** The bulk-loaded database, served for a look. */
async function openBulk(): Promise<{ graph: Graph; server: RunningNeo4j }> {
  const config = bulkConfig();
  const server = await startLocalNeo4j(config.neo4j.local!, PROJECT_ROOT);
  await ensureLocalCredentials(config.neo4j.uri, 'neo4j', PASSWORD);
  const graph = new Graph({ ...config.neo4j, timeoutMs: 120_000 });
  return { graph, server };
}

// The importer writes the store files of a Neo4j it runs itself: not possible with NEO4J_URI.
const describeLocal = process.env.NEO4J_URI ? describe.skip : describe;

let corpus: string;
let graph: Graph;

beforeAll(async () => {
  corpus = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-bulk-corpus-'));
  await generateCorpus({ articles: ARTICLES, seed: 5, out: corpus });
  graph = testGraph();
});
afterAll(async () => {
  await graph.close();
  rmSync(corpus, { recursive: true, force: true });
});

describeLocal('load --bulk', () => {
  let online: Fingerprint;

  beforeAll(async () => {
    rmSync(path.join(HOME, 'data'), { recursive: true, force: true });
    await wipe(graph);
    await load(graph, [corpus, SEEDS_DIR]);
    online = await fingerprint(graph);
  }, 600_000);

  test('ends in the graph the online loader makes', async () => {
    const summary = await bulkLoad(bulkConfig(), [corpus, SEEDS_DIR]);
    expect(summary.articles).toBe(ARTICLES + 1);
    const { graph: bulk, server } = await openBulk();
    try {
      expect(await fingerprint(bulk)).toEqual(online);
      // Reloading online on top of it changes nothing, as reloading always does.
      await load(bulk, [corpus, SEEDS_DIR]);
      expect(await fingerprint(bulk)).toEqual(online);
    } finally {
      await bulk.close();
      await server.stop();
    }
  }, 900_000);

  test('refuses a database that holds anything, and leaves it as it was', async () => {
    const attempt = bulkLoad(bulkConfig(), SEEDS_DIR);
    await expect(attempt).rejects.toThrow(BulkRefused);
    await expect(attempt).rejects.toThrow(
      /holds \d+ node\(s\): load --bulk only fills an empty database/,
    );
    const { graph: bulk, server } = await openBulk();
    try {
      expect(await fingerprint(bulk)).toEqual(online);
    } finally {
      await bulk.close();
      await server.stop();
    }
  }, 600_000);
});

test('refuses a Neo4j that mediagraph does not run, with exit code 1 and what to do', () => {
  const r = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'mediagraph.js'), 'load', '--bulk', SEEDS_DIR],
    { env: { ...bulkEnv(), NEO4J_URI: 'bolt://127.0.0.1:1' }, encoding: 'utf8' },
  );
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(
    /NEO4J_URI points at bolt:\/\/127\.0\.0\.1:1, which mediagraph does not run/,
  );
  expect(r.stderr).toMatch(/Unset NEO4J_URI .* or load without --bulk/);
});

describe('bad input', () => {
  // Into an empty graph, as a bulk load is: no link resolves to an event loaded before.
  beforeEach(async () => {
    await wipe(graph);
  });

  test.each(BAD_INPUTS)("refuses $name with the online loader's errors", async ({ breakage }) => {
    const { dir } = brokenSeed(breakage);
    // No Neo4j is started: validation comes before anything else.
    const bulk = await bulkLoad(bulkConfig(), dir).catch((e: unknown) => e);
    const online = await load(graph, dir).catch((e: unknown) => e);
    expect(bulk).toBeInstanceOf(InputError);
    expect((bulk as InputError).issues).toEqual((online as InputError).issues);
  });

  // The bulk loader checks link targets against the event ids it keeps while validating; the
  // online loader reads earlier files again. A target in a later file is no earlier event.
  test('refuses a link to an event of a later file, as the online loader does', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-bulk-links-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const file = followUpArticle(dir, 'aa-follow-up');
    const bulk = await bulkLoad(bulkConfig(), dir).catch((e: unknown) => e);
    const online = await load(graph, dir).catch((e: unknown) => e);
    rmSync(dir, { recursive: true, force: true });
    expect(bulk).toBeInstanceOf(InputError);
    expect((bulk as InputError).issues).toEqual([
      {
        file,
        field: 'links[0].to',
        reason:
          "'twitter-ad-ban-rt-sputnik' is not an event of this annotation, of an earlier file of this load, or of the graph",
      },
    ]);
    expect((online as InputError).issues).toEqual((bulk as InputError).issues);
  });
});
