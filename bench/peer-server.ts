// The @neo4j/graphql peer as a process of its own, like our API in the benchmark, so that both
// are measured the same way (own event loop, own memory). Prints its URL once it listens.
//
//   NEO4J_URI=bolt://127.0.0.1:37687 NEO4J_PASSWORD=... PORT=4100 npx tsx bench/peer-server.ts
import neo4j from 'neo4j-driver';
import { openDriver } from '../src/graph/bolt-driver';
import { loadConfig } from '../src/config';
import { startNeo4jGraphqlServer } from './peers/neo4j-graphql';

async function main(): Promise<void> {
  const config = loadConfig();
  const { uri, user, password, database } = config.neo4j;
  // The same Bolt socket setting as our API's driver, so the comparison is like with like.
  const driver = openDriver(uri, neo4j.auth.basic(user, password));
  const server = await startNeo4jGraphqlServer({ driver, database, port: config.http.port });
  process.stdout.write(`listening ${server.url}\n`);
  const stop = () => {
    void server
      .close()
      .then(() => driver.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
