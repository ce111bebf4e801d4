// Guarantee 1: with an external Neo4j (NEO4J_URI) that is down, `mediagraph start` serves at
// once and says so, then connects, migrates and loads the seeds by itself once Neo4j is up.
// A wrong password still fails clearly, whether Neo4j is up at start or comes up later.
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { freeLoopbackPort } from '../../src/local-neo4j/server';
import { fingerprint } from '../support/fingerprint';
import { graphql, httpStatus, spawnCli, type CliChild } from './cli';
import type { FaultsNeo4j } from './neo4j';
import { seconds, type Report } from './report';

const CORE_CONSTRAINTS = ['actor_id', 'article_id', 'claim_id', 'event_id', 'quote_id'];
const WRONG_PASSWORD = 'not-the-password';
const SEED_TARGETS =
  '{ events(filter: { types: [AD_BAN] }) { edges { node { participants(role: TARGET) { actor { name } } } } } }';

const constraintNames = defineQuery(
  'faultsConstraints',
  'SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name',
  z.object({ name: z.string() }),
);
const fulltextIndexes = defineQuery(
  'faultsFulltextIndexes',
  "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN name + ':' + state AS index",
  z.object({ index: z.string() }),
);

async function schemaState(graph: Graph) {
  return {
    constraints: (await graph.read(constraintNames)).map((r) => r.name),
    fulltext: (await graph.read(fulltextIndexes)).map((r) => r.index),
  };
}

export interface RunningApi {
  child: CliChild;
  base: string;
}

/** Readiness and the error code of a query: what a client sees of an API without Neo4j. */
export async function checkApiWithoutNeo4j(report: Report, api: RunningApi, when: string) {
  const t0 = Date.now();
  const timed = async <T>(work: Promise<T>) => {
    const value = await work;
    return { value, after: seconds(t0) };
  };
  // Each answer takes a while (the driver retries before giving up), so all are asked at once.
  const [health, ready, answer] = await Promise.all([
    timed(httpStatus(`${api.base}/health`)),
    timed(httpStatus(`${api.base}/ready`)),
    timed(graphql(api.base, '{ articles(first: 1) { totalCount } }')),
  ]);
  report.check(`${when}: /health`, health.value === 200, `${health.value} after ${health.after} s`);
  report.check(`${when}: /ready`, ready.value === 503, `${ready.value} after ${ready.after} s`);
  const code = answer.value.errors?.[0]?.extensions?.code;
  report.check(
    `${when}: a query's error code`,
    code === 'DATABASE_UNAVAILABLE' && !answer.value.data?.articles,
    `${code} after ${answer.after} s`,
  );
}

export async function apiStartsWithoutNeo4j(
  report: Report,
  neo4j: FaultsNeo4j,
): Promise<RunningApi> {
  const graph = neo4j.graph();
  try {
    // A new Neo4j, its password set, then stopped: no schema yet, so migrating is seen.
    await neo4j.start();
    const before = await schemaState(graph);
    report.equal('a new database has no constraints', before.constraints, []);
    await neo4j.stop();

    const port = await freeLoopbackPort();
    const api = {
      child: spawnCli(['start'], neo4j.env({ PORT: String(port) })),
      base: `http://127.0.0.1:${port}`,
    };
    const wrongPort = await freeLoopbackPort();
    const wrong = spawnCli(
      ['serve'],
      neo4j.env({ PORT: String(wrongPort), NEO4J_PASSWORD: WRONG_PASSWORD }),
    );
    await api.child.waitFor(/Press Ctrl-C to stop/, 60_000);
    const out = api.child.output();
    report.check(
      'start serves with Neo4j down and says it waits',
      /cannot be reached .*Waiting for it/.test(out) && out.includes('waiting for Neo4j'),
      out.split('\n').find((l) => l.includes('cannot be reached')) ?? out,
    );
    await checkApiWithoutNeo4j(report, api, 'Neo4j down at start');
    await wrong.waitFor(/Press Ctrl-C to stop/, 60_000);
    report.check('a wrong password cannot be told while Neo4j is down', wrong.running(), 'serving');

    const tStart = Date.now();
    await neo4j.start();
    const tUp = Date.now();
    const connected = /Connected to Neo4j at \S+ after/;
    await api.child.waitFor(connected, 90_000);
    const seedsLine = /Loaded 1 article\(s\), 14 event\(s\)/;
    const tDone = api.child.seenAt(connected) ?? NaN;
    report.check(
      'start connects by itself once Neo4j is up',
      api.child.seenAt(seedsLine) !== null,
      `Neo4j started in ${((tUp - tStart) / 1000).toFixed(1)} s; ${((tDone - tUp) / 1000).toFixed(1)} s ` +
        'later the API had connected, migrated and loaded the seeds',
    );
    report.equal('/ready once connected', await httpStatus(`${api.base}/ready`), 200);
    const answer = await graphql(api.base, SEED_TARGETS);
    const targets = (answer.data?.events?.edges ?? []).flatMap((e: any) =>
      e.node.participants.map((p: any) => p.actor.name),
    );
    report.equal('the seed question is answered', targets.sort(), ['RT', 'Sputnik']);
    const f = await fingerprint(graph);
    const seeded = ['Article', 'Event', 'Actor', 'Quote', 'Claim'].map((l) => f.byLabel[l] ?? 0);
    report.equal(
      'the seeds are loaded once (articles, events, actors, quotes, claims)',
      seeded,
      [1, 14, 12, 5, 8],
    );
    const schema = await schemaState(graph);
    report.equal(
      'migrated once connected: uniqueness constraints',
      CORE_CONSTRAINTS.filter((c) => schema.constraints.includes(c)),
      CORE_CONSTRAINTS,
    );
    report.equal('migrated once connected: full-text index', schema.fulltext, [
      'mediagraph_search:ONLINE',
    ]);

    const wrongCode = await wrong.exitWithin(60_000);
    report.check(
      'a wrong password fails clearly once Neo4j is up',
      wrongCode === 1 && wrong.output().includes('NEO4J_PASSWORD'),
      `exit ${wrongCode}: ${lastLine(wrong.output())}`,
    );
    const early = spawnCli(
      ['serve'],
      neo4j.env({ PORT: String(await freeLoopbackPort()), NEO4J_PASSWORD: WRONG_PASSWORD }),
    );
    const earlyCode = await early.exitWithin(60_000);
    report.check(
      'a wrong password with Neo4j up fails at start',
      earlyCode === 1 &&
        early.output().includes('NEO4J_PASSWORD') &&
        !early.output().includes('Press Ctrl-C'),
      `exit ${earlyCode}: ${lastLine(early.output())}`,
    );
    return api;
  } finally {
    await graph.close();
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
