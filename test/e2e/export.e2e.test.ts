// `mediagraph export` as a user runs it, built: files written where --out says, parsed back, and
// bad arguments refused with a message naming the option and exit code 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../../src/config';
import { loadSeeds, wipe } from '../support/graph-fixtures';
import { testEnv, testGraph } from '../support/test-db';

const BIN = path.join(PROJECT_ROOT, 'bin', 'mediagraph.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'export', ...args], { env: testEnv(), encoding: 'utf8' });

beforeAll(async () => {
  const graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  await graph.close();
});

test('csv into a folder writes nodes.csv and edges.csv, and says what it wrote', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-export-'));
  const r = run('--format', 'csv', '--filter', '{"types": ["AD_BAN"]}', '--out', dir);
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /^Exported 1 event\(s\), \d+ node\(s\) as csv to .*nodes\.csv and .*edges\.csv in/m,
  );
  expect(readdirSync(dir).sort()).toEqual(['edges.csv', 'nodes.csv']);
  const nodes = parseCsv<Record<string, string>>(readFileSync(path.join(dir, 'nodes.csv')), {
    columns: true,
  });
  expect(nodes.filter((n) => n.kind === 'Event').map((n) => n.type)).toEqual(['AD_BAN']);
  // Not a terminal: progress is plain lines on stderr.
  expect(r.stderr).toMatch(/export csv +100% /);
});

test('events-tsv to a prefix-free file, and jsonl to standard output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-export-'));
  const file = path.join(dir, 'events.tsv');
  expect(run('--format=events-tsv', `--out=${file}`).status).toBe(0);
  expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^Event ID\tEvent Date\tSource Name/);
  const r = run('--format', 'jsonl', '--out', '-');
  expect(r.status).toBe(0);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(14);
  expect(r.stderr).toMatch(/Exported 14 event\(s\)/);
});

test.each([
  [
    ['--format', 'xlsx', '--out', 'x'],
    /--format 'xlsx' is not one of graphml, gexf, csv, jsonl, events-tsv/,
  ],
  [['--format', 'gexf'], /export needs --out PATH/],
  [
    ['--format', 'gexf', '--out', 'x', '--filter', '{"types": ["NOPE"]}'],
    /^mediagraph: --filter: filter\.types\[0\]: .*"NOPE"/m,
  ],
  [
    ['--format', 'gexf', '--out', 'x', '--filter', '@no-such.json'],
    /no-such\.json: cannot be read \(ENOENT\)/,
  ],
  [
    ['--format', 'gexf', '--out', 'no-such-folder/x.gexf'],
    /the folder 'no-such-folder' does not exist/,
  ],
])('%j is refused with exit code 2', (args, message) => {
  const r = run(...args);
  expect(r.stderr).toMatch(message);
  expect(r.status).toBe(2);
});
