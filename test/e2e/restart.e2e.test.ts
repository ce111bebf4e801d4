// An analyst's corrections through a real restart: `mediagraph start` loads the seeds every time,
// and before curation stuck, each start put the annotation's values back without a word.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { freeLoopbackPort } from '../../src/local-neo4j/server';
import { SEEDS_DIR, SEED_ARTICLE_ID, wipe } from '../support/graph-fixtures';
import { testEnv, testGraph } from '../support/test-db';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');
const AD_BAN = 'Event:twitter-ad-ban-rt-sputnik';

/** Starts `mediagraph start` and resolves once it serves; `stop` is Ctrl-C. */
async function startApi(
  port: number,
): Promise<{ output: () => string; stop: () => Promise<number | null> }> {
  let text = '';
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start'], {
    env: { ...testEnv(), PORT: String(port) },
  });
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('Press Ctrl-C to stop')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`start exited with ${code}:\n${text}`));
    });
  });
  return {
    output: () => text,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', (code) => resolve(code));
        child.kill('SIGINT');
      }),
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
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-restart-'));
  const annotation = JSON.parse(
    readFileSync(path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.json`), 'utf8'),
  ) as {
    events: { id: string; confidence: number }[];
  };
  annotation.events.find((e) => `Event:${e.id}` === AD_BAN)!.confidence = 0.5;
  const file = path.join(dir, `${SEED_ARTICLE_ID}.json`);
  writeFileSync(file, JSON.stringify(annotation));
  copyFileSync(
    path.join(SEEDS_DIR, `${SEED_ARTICLE_ID}.txt`),
    path.join(dir, `${SEED_ARTICLE_ID}.txt`),
  );
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
