// What a cluster relies on (docs/scale.md): reads go as READ transactions, which a reader may
// serve and which refuse to write, and a read after a write waits for it through the bookmark
// that the write left in the driver's executeQuery bookmark manager. Run over neo4j:// too
// (TEST_NEO4J_SCHEME=neo4j), where the driver routes by those modes.
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { testConfig, testGraph } from '../support/test-db';

// A write that changes something, so that its commit has a bookmark of its own (a transaction
// that creates and deletes the same node commits nothing); the probe goes again after the tests.
const probeWrite = defineQuery(
  'testRoutingProbeWrite',
  "MERGE (p:RoutingProbe {id: 'routing-probe'}) SET p.writes = coalesce(p.writes, 0) + 1 RETURN 1 AS one",
  z.object({ one: z.number() }),
);
const dropProbe = defineQuery(
  'testRoutingDropProbe',
  'MATCH (p:RoutingProbe) DELETE p RETURN count(*) AS n',
  z.object({ n: z.number() }),
);

let graph: Graph;

beforeAll(() => {
  graph = testGraph();
});

afterAll(async () => {
  await graph.write(dropProbe);
  await graph.close();
});

test('the driver reaches Neo4j with the scheme the tests were asked for', () => {
  const scheme = process.env.NEO4J_URI ? null : (process.env.TEST_NEO4J_SCHEME ?? 'bolt');
  if (scheme) expect(testConfig().neo4j.uri.startsWith(`${scheme}://`)).toBe(true);
});

test('a write sent as a read is refused: reads run in READ transactions', async () => {
  await expect(graph.read(probeWrite)).rejects.toMatchObject({
    code: 'Neo.ClientError.Statement.AccessMode',
  });
  await expect(graph.write(probeWrite)).resolves.toEqual([{ one: 1 }]);
});

test("a write leaves its bookmark where the reads' executeQuery takes theirs from", async () => {
  const manager = graph.driver.executeQueryBookmarkManager;
  const bookmarks = async () => [...(await manager.getBookmarks())];
  const before = await bookmarks();
  await graph.write(probeWrite);
  const after = await bookmarks();
  expect(after.length).toBeGreaterThan(0);
  expect(after).not.toEqual(before);
  // The same through a transaction function of several statements.
  await graph.writeTx(async (tx) => {
    await tx.run(probeWrite.cypher);
  });
  expect(await bookmarks()).not.toEqual(after);
});
