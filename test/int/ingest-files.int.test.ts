// `mediagraph ingest`'s service: article files extracted and loaded in one step, with the
// loader's guarantees (every file checked before anything is written, whole articles,
// idempotent) and its curation report naming the article files.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { curationReportLines } from '../../src/cli/curation-report';
import type { Graph } from '../../src/graph/driver';
import { InputError } from '../../src/ingest/errors';
import { ingestFiles } from '../../src/ingest/ingest-files';
import {
  createApi,
  createKey,
  gqlData,
  loadSeeds,
  snapshot,
  wipe,
} from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

const AD_BAN_TEXT =
  'MOSCOW, October 27, 2017. /TASS/. Twitter banned advertising from all accounts of RT and Sputnik ' +
  'on Thursday, the company said. Kremlin spokesman Dmitry Peskov criticised the decision.';
const BLOCKING_TEXT =
  'MOSCOW, March 4, 2022. /TASS/. Roskomnadzor blocked access to Facebook in Russia on Friday, the regulator said.';
const NO_EVENT_TEXT =
  'The weather in Moscow was mild this week, and many people walked in the parks.';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-articles-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

let graph: Graph;
let api: ReturnType<typeof createApi>;
let editor: string;

beforeAll(async () => {
  graph = testGraph();
  api = createApi(graph);
  await wipe(graph);
  await loadSeeds(graph);
  editor = await createKey(graph, 'EDITOR', 'analyst Ana');
});

afterAll(async () => {
  await graph.close();
});

const withoutAudit = async () =>
  (await snapshot(graph)).filter((l) => !l.startsWith(':AuditRecord '));

test('extracts and loads a folder of articles, joins what the graph holds, and is idempotent', async () => {
  const dir = folder({
    'ad-ban.txt': AD_BAN_TEXT,
    'blocking.txt': BLOCKING_TEXT,
    'weather.txt': NO_EVENT_TEXT,
  });
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'mediagraph-out-')), 'annotations');
  const summary = await ingestFiles(graph, [dir], { out });
  expect(summary.articles).toBe(2);
  expect(summary.joined).toBeGreaterThanOrEqual(1);
  expect(summary.noEvents).toEqual([path.join(dir, 'weather.txt')]);
  expect([...summary.files.entries()].sort()).toEqual([
    ['ad-ban', path.join(dir, 'ad-ban.txt')],
    ['blocking', path.join(dir, 'blocking.txt')],
  ]);
  expect(readdirSync(out).sort()).toEqual([
    'ad-ban.json',
    'ad-ban.txt',
    'blocking.json',
    'blocking.txt',
  ]);
  // The ad ban is the seed's, now reported by the new article too; the blocking is new, and
  // marked as a machine's.
  const d = await gqlData<{
    seed: { articles: { id: string }[] };
    blocking: { edges: { node: { id: string; type: string; extraction: unknown } }[] };
  }>(
    api,
    `{ seed: event(id: "Event:twitter-ad-ban-rt-sputnik") { articles { id } }
       blocking: events(filter: { articleId: "Article:blocking" }) { edges { node { id type extraction { method } } } } }`,
  );
  expect(d.seed.articles.map((a) => a.id)).toContain('Article:ad-ban');
  expect(d.blocking.edges.map((e) => e.node.type)).toContain('PLATFORM_BLOCKING');
  expect(d.blocking.edges.every((e) => e.node.extraction !== null)).toBe(true);

  // Again: nothing changes but the audit log.
  const once = await withoutAudit();
  const again = await ingestFiles(graph, [dir]);
  expect(again.joined).toBe(0);
  expect(await withoutAudit()).toEqual(once);

  // An analyst's correction is kept, and the report names the article file.
  const blocking = d.blocking.edges.find((e) => e.node.type === 'PLATFORM_BLOCKING')!.node.id;
  await gqlData(
    api,
    `mutation { correctEvent(eventId: "${blocking}", correction: { confidence: 0.12 }) { id } }`,
    {},
    editor,
  );
  const third = await ingestFiles(graph, [path.join(dir, 'blocking.txt')]);
  expect(third.curation.kept.map((n) => n.key)).toEqual(['confidence']);
  expect(curationReportLines(third.curation, third.files).join('\n')).toContain(
    `${path.join(dir, 'blocking.txt')}: ${blocking} confidence: kept 0.12`,
  );
});

test('a file that is no article stops the run before anything is written, naming it', async () => {
  const dir = folder({
    'ad-ban.txt': AD_BAN_TEXT,
    'empty.txt': '',
    'blank.html': '<html><body><p>Too short.</p></body></html>',
  });
  const before = await snapshot(graph);
  const error = await ingestFiles(graph, [dir, path.join(dir, 'missing.txt')]).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const issues = (error as InputError).issues.map((i) => [path.basename(i.file), i.reason]);
  expect(issues).toEqual([
    ['missing.txt', 'no such file or folder'],
    ['blank.html', expect.stringContaining('has no article body')],
    ['empty.txt', 'is empty'],
  ]);
  expect(await snapshot(graph)).toEqual(before);
});
