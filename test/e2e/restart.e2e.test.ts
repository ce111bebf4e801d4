// An analyst's corrections through a real restart: `mediagraph start` loads the seeds every time,
// and before curation stuck, each start put the annotation's values back without a word.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { spawnUntil, stop } from '../../bench/run';
import { PROJECT_ROOT } from '../../src/config';
import { freeLoopbackPort } from '../../src/local-neo4j/server';
import { changedSeedDir, SEED_ARTICLE_ID, wipe } from '../support/graph-fixtures';
import { testEnv, testGraph } from '../support/test-db';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');
const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';

/** Starts `mediagraph start` and resolves once it serves; `stop` is Ctrl-C. */
async function startApi(port: number) {
  const run = await spawnUntil(
    process.execPath,
    [BIN, 'start'],
    { ...testEnv(), PORT: String(port) },
    /Press Ctrl-C to stop/,
  );
  return {
    output: run.output,
    stop: async () => {
      await stop(run.child);
      return run.child.exitCode;
    },
  };
}

async function gql(port: number, query: string, key?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Record<string, unknown>;
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env: testEnv(), encoding: 'utf8' });

test("an analyst's corrections survive a restart, and loads report what they kept, changed files as conflicts, and overwrites", async () => {
  const graph = testGraph();
  await wipe(graph);
  await graph.close();
  const port = await freeLoopbackPort();

  const first = await startApi(port);
  const token = /^mg_\S+$/m.exec(
    cli('keys', 'create', '--name', 'analyst Ana', '--role', 'editor').stdout,
  )?.[0];
  expect(token).toBeDefined();
  const corrected = await gql(
    port,
    `mutation { correctEvent(eventId: "${AD_BAN}", correction: { confidence: 0.11, type: BROADCAST_BAN }) { confidence } }`,
    token,
  );
  expect(corrected).toEqual({ data: { correctEvent: { confidence: 0.11 } } });
  await gql(
    port,
    `mutation { removeParticipant(eventId: "${AD_BAN}", actorId: "Actor:sputnik", role: TARGET) { id } }`,
    token,
  );
  expect(await first.stop()).toBe(0);

  const second = await startApi(port);
  const state = await gql(
    port,
    `{ event(id: "${AD_BAN}") { type confidence participants(role: TARGET) { actor { name } } } }`,
  );
  expect(state).toEqual({
    data: {
      event: { type: 'BROADCAST_BAN', confidence: 0.11, participants: [{ actor: { name: 'RT' } }] },
    },
  });
  expect(second.output()).toContain("Kept 3 analyst's values over unchanged annotations:");
  expect(second.output()).toMatch(
    /Event:twitter-ad-ban-rt-sputnik confidence: kept 0\.11 \(the file says 0\.95\)/,
  );
  expect(await second.stop()).toBe(0);

  // The annotation file now says something else: the load names it as a conflict and keeps 0.11.
  const dir = changedSeedDir<{ events: { id: string; confidence: number }[] }>((a) => {
    a.events.find((e) => `Event:${e.id}` === AD_BAN)!.confidence = 0.5;
  });
  const file = path.join(dir, `${SEED_ARTICLE_ID}.json`);
  const conflict = cli('load', dir);
  expect(conflict.status).toBe(0);
  expect(conflict.stdout).toContain(
    'Conflicts: 1 curated value changed in the annotations since an analyst decided',
  );
  expect(conflict.stdout).toContain(
    `${file}: Event:twitter-ad-ban-rt-sputnik confidence: analyst 0.11, file now 0.5 (was 0.95)`,
  );
  const overwrite = cli('load', dir, '--overwrite-curation');
  expect(overwrite.stdout).toContain('Overwrote 1 curated value');
  expect(overwrite.stdout).toContain('Event:twitter-ad-ban-rt-sputnik confidence: 0.11 -> 0.5');
  expect(cli('load', dir, '--overwrite').status).toBe(2);
});
