// The built command, as a user runs it: `mediagraph start` serving GraphQL over HTTP, and
// `mediagraph load` refusing bad input with a message and a non-zero exit code.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { freeLoopbackPort } from '../../src/local-neo4j/server';
import { brokenSeed } from '../support/bad-input';
import { countGraph, SEEDS_DIR, wipe } from '../support/graph-fixtures';
import { testEnv, testGraph } from '../support/test-db';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  output: { text: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      if (pattern.test(output.text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before ${pattern}:\n${output.text}`)),
    );
  });
}

describe('mediagraph start', () => {
  let child: ChildProcess;
  let base: string;
  const output = { text: '' };

  beforeAll(async () => {
    const graph = testGraph();
    await wipe(graph);
    await graph.close();
    const port = await freeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    // Keys are checked afresh on every request, so a revocation from the CLI shows at once.
    child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...testEnv(), PORT: String(port), API_KEY_CACHE_MS: '0' },
    });
    await waitForLine(child, /Press Ctrl-C to stop/, output);
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  test('prints where GraphiQL and Neo4j Browser are', () => {
    expect(output.text).toContain(`GraphQL and GraphiQL: ${base}/graphql`);
    expect(output.text).toMatch(/Neo4j Browser: +http:\/\/127\.0\.0\.1:\d+\/browser\//);
    expect(output.text).toContain('Loaded 1 article(s), 14 event(s)');
  });

  test('keys made with the CLI let an editor write over HTTP until they are revoked', async () => {
    const keys = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'keys', ...args], { env: testEnv(), encoding: 'utf8' });
    const created = keys('create', '--name', 'e2e editor', '--role', 'editor');
    expect(created.status).toBe(0);
    const token = /^mg_[0-9a-f]{16}_\S{43}$/m.exec(created.stdout)?.[0];
    expect(token).toBeDefined();
    const id = token!.split('_')[1]!;
    const review = (key?: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify({
          query:
            'mutation { setEventReview(eventId: "Event:twitter-ad-ban-rt-sputnik", status: VERIFIED) { reviewStatus } }',
        }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    expect((await review()).body).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
    expect((await review(token)).body).toEqual({
      data: { setEventReview: { reviewStatus: 'VERIFIED' } },
    });
    const list = keys('list');
    expect(list.stdout).toMatch(new RegExp(`^${id}  EDITOR +active .* e2e editor$`, 'm'));
    // The list shows ids, never secrets.
    expect(list.stdout).not.toContain(token!.slice(20));
    expect(keys('revoke', id).stdout).toContain(`Revoked API key ${id} 'e2e editor'`);
    expect((await review(token)).status).toBe(401);
    expect(keys('revoke', 'nope').status).toBe(2);
    expect(keys('create', '--name', 'x', '--role', 'root').stderr).toContain(
      '--role, one of reader, editor, admin',
    );
  });

  test('answers GraphQL over HTTP with the seed graph', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ events(filter: { types: [AD_BAN] }) { edges { node { participants(role: TARGET) { actor { name } } } } } }',
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { events: { edges: { node: { participants: { actor: { name: string } }[] } }[] } };
    };
    expect(body.data.events.edges[0]!.node.participants.map((p) => p.actor.name).sort()).toEqual([
      'RT',
      'Sputnik',
    ]);
  });

  test('serves /health, /ready and GraphiQL with the analyst queries', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toContain('mediagraph');
    expect(html).toContain('WhoBannedWhom');
  });

  test('Ctrl-C stops it cleanly', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.text).toContain('Stopped.');
  });
});

describe('mediagraph load', () => {
  test('refuses bad input naming file, field and reason, and writes nothing', async () => {
    const graph = testGraph();
    try {
      await wipe(graph);
      const { file } = brokenSeed((a) => (a.events[3].participants[0].role = 'VICTIM'));
      const r = spawnSync(process.execPath, [BIN, 'load', file], {
        env: testEnv(),
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        `${file}: events[3].participants[0].role: "VICTIM" is not one of AGENT`,
      );
      expect(r.stderr).toContain('nothing was written');
      expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
    } finally {
      await graph.close();
    }
  });

  test('loads a folder and reports what it loaded', () => {
    const r = spawnSync(process.execPath, [BIN, 'load', SEEDS_DIR], {
      env: testEnv(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /Loaded 1 article\(s\), 14 event\(s\) in [\d.]+ s \(\d+ events\/s, peak memory \d+ MB\)/,
    );
    // Not a terminal: progress comes as plain lines, not a redrawn bar.
    expect(r.stderr).toMatch(/^written 100% 1\/1 articles, 14 events/m);
    expect(r.stderr).not.toContain('\r');
  });

  test('a missing path and an unknown command are usage errors', () => {
    const missing = spawnSync(process.execPath, [BIN, 'load', '/nonexistent/annotations'], {
      env: testEnv(),
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('/nonexistent/annotations: no such file or folder');
    const unknown = spawnSync(process.execPath, [BIN, 'frobnicate'], {
      env: testEnv(),
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
