// Smoke test of the benchmark's three systems against a running Neo4j with the seed loaded:
// runs Q1..Q7 through our API, the @neo4j/graphql peer and the Cypher floor, and says whether
// they agree. Connects as the rest of mediagraph does (NEO4J_URI, or the local Neo4j's
// NEO4J_BOLT_PORT; NEO4J_PASSWORD; NEO4J_DATABASE). Exits 1 when any query disagrees.
//
//   npx tsx bench/peers-smoke.ts
import neo4j, { type Driver } from 'neo4j-driver';
import { loadConfig, loadDotEnv } from '../src/config';
import { openDriver } from '../src/graph/bolt-driver';
import { Graph } from '../src/graph/driver';
import { startNeo4jGraphqlServer } from './peers/neo4j-graphql';
import {
  QUERY_IDS,
  QUERIES,
  checkAgreement,
  findDeepCursors,
  type ParamsOf,
  type QueryId,
  type Systems,
} from './queries';
import { httpGraphqlClient, startOurApi } from './serve';

/** Parameters that give non-empty answers on the seed (seeds/). */
const EVENTS_BY_ACTOR = {
  actorId: 'twitter',
  types: ['CRITICISM', 'APPEAL', 'RETALIATION_VOW', 'PROTEST_ACTION'],
  from: '2017-01-01',
  to: '2017-12-31',
  // The seed has two such events: pages of one let Q2 start after a real cursor.
  first: 1,
};
const DEEP_PAGES = 1;

async function schemaFingerprint(driver: Driver, database: string): Promise<string> {
  const names: string[] = [];
  for (const cypher of ['SHOW INDEXES YIELD name', 'SHOW CONSTRAINTS YIELD name']) {
    const r = await driver.executeQuery(
      `/* smokeSchema */ ${cypher} RETURN name`,
      {},
      {
        database,
        routing: neo4j.routing.READ,
      },
    );
    names.push(...r.records.map((x) => String(x.get('name'))));
  }
  return names.sort().join(',');
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const { uri, user, password, database } = config.neo4j;
  const graph = new Graph({ uri, user, password, database, timeoutMs: config.queryTimeoutMs });
  // The peer and the floor get a driver as ours is built (Nagle off, src/graph/bolt-driver.ts).
  const driver = openDriver(uri, neo4j.auth.basic(user, password));
  const closers: (() => Promise<void>)[] = [() => driver.close(), () => graph.close()];
  try {
    const before = await schemaFingerprint(driver, database);
    const ours = await startOurApi({ graph, port: 0 });
    closers.unshift(() => ours.close());
    const peer = await startNeo4jGraphqlServer({ driver, database, port: 0 });
    closers.unshift(() => peer.close());
    console.log(`our API: ${ours.url}\n@neo4j/graphql peer: ${peer.url}\n`);

    const systems: Systems = {
      ours: httpGraphqlClient(ours.url),
      peer: httpGraphqlClient(peer.url),
      driver,
      database,
    };
    const after = await findDeepCursors(systems, EVENTS_BY_ACTOR, DEEP_PAGES);
    if (!after) throw new Error('the seed has too few events for a deep page');
    const params: { [K in QueryId]: ParamsOf<K> } = {
      Q1: EVENTS_BY_ACTOR,
      Q2: { ...EVENTS_BY_ACTOR, after },
      Q3: { eventId: 'twitter-ad-ban-rt-sputnik' },
      Q4: { actorId: 'twitter', first: 20 },
      Q5: { text: 'Twitter', first: 20 },
      Q6: { fromId: 'russian-senator', toId: 'us-intelligence-community', maxHops: 4 },
      Q7: { type: 'AD_BAN', from: '2017-01-01', to: '2017-12-31' },
    };

    let allAgree = true;
    for (const id of QUERY_IDS) {
      const q = QUERIES[id];
      try {
        const a = await checkAgreement(systems, id, params[id]);
        allAgree &&= a.agree;
        console.log(
          `${id} ${q.name}: ${a.agree ? 'AGREE' : 'DISAGREE'} — ${describe(a.results['cypher-floor'])}`,
        );
        for (const note of a.notes) console.log(`    ${note}`);
      } catch (e) {
        allAgree = false;
        console.log(`${id} ${q.name}: ERROR ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const unchanged = (await schemaFingerprint(driver, database)) === before;
    console.log(`\nindexes and constraints ${unchanged ? 'unchanged' : 'CHANGED'} by the peers`);
    console.log(allAgree && unchanged ? 'all three agree on Q1..Q7' : 'MISMATCH');
    return allAgree && unchanged ? 0 : 1;
  } finally {
    for (const close of closers) await close();
  }
}

/** A one-line summary of a common-shape answer. */
function describe(result: unknown): string {
  const text = JSON.stringify(result);
  const size = Array.isArray(result) ? `${result.length} rows: ` : '';
  return `${size}${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
