// `mediagraph ingest`, as a user runs it: article files extracted and loaded in one step, with
// the loader's report and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { countGraph, loadSeeds, wipe } from '../support/graph-fixtures';
import { testEnv, testGraph } from '../support/test-db';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');
const AD_BAN_TEXT =
  'MOSCOW, October 27, 2017. /TASS/. Twitter banned advertising from all accounts of RT and ' +
  'Sputnik on Thursday, the company said. Kremlin spokesman Dmitry Peskov criticised the decision.';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'ingest', ...args], { env: testEnv(), encoding: 'utf8' });

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-ingest-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

test('extracts and loads a folder, reports it, and joins the event the graph holds', async () => {
  const graph = testGraph();
  try {
    await wipe(graph);
    await loadSeeds(graph);
  } finally {
    await graph.close();
  }
  const r = run(folder({ 'ad-ban.txt': AD_BAN_TEXT }));
  expect(r.stderr).toMatch(/^extracted 100% 1\/1 articles/m);
  expect(r.stdout).toMatch(/Loaded 1 article\(s\), \d+ event\(s\) in [\d.]+ s/);
  // The ad ban at least is the seed's (and Peskov's criticism may be too).
  expect(r.stdout).toMatch(/Joined \d+ extracted events? to events already in the graph/);
  expect(r.status).toBe(0);
});

test('a file that is no article: exit 1, named, nothing written; no path: a usage error', async () => {
  const graph = testGraph();
  try {
    await wipe(graph);
    const dir = folder({ 'ad-ban.txt': AD_BAN_TEXT, 'empty.txt': '' });
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path.join(dir, 'empty.txt')}: is empty`);
    expect(r.stderr).toContain('nothing was written');
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  } finally {
    await graph.close();
  }
  expect(run().status).toBe(2);
  expect(run('--frobnicate', 'x').stderr).toContain("unknown option '--frobnicate'");
});
