// The loader against the real Neo4j: reloads change nothing, concurrent loads make no
// duplicates, and bad input is refused whole, naming file, field and reason.
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { defineQuery, type Graph } from '../../src/graph/driver';
import { InputError } from '../../src/ingest/errors';
import { load } from '../../src/ingest/load';
import { BAD_INPUTS, brokenSeed, editedSeed, followUpArticle } from '../support/bad-input';
import { countGraph, loadSeeds, SEEDS_DIR, snapshot, wipe } from '../support/graph-fixtures';
import { testGraph } from '../support/test-db';

let graph: Graph;

beforeAll(() => {
  graph = testGraph();
});
afterAll(async () => {
  await graph.close();
});
beforeEach(async () => {
  await wipe(graph);
});

test('loading again changes nothing', async () => {
  await loadSeeds(graph);
  const first = await snapshot(graph);
  await loadSeeds(graph);
  await loadSeeds(graph);
  expect(await snapshot(graph)).toEqual(first);
  expect(await countGraph(graph)).toEqual({ nodes: 40, relationships: 120 });
});

test('loads running at the same time create no duplicates', async () => {
  await loadSeeds(graph);
  const single = await snapshot(graph);
  await wipe(graph);
  const graphs = [testGraph(), testGraph(), testGraph(), testGraph()];
  try {
    await Promise.all(graphs.map((g) => load(g, SEEDS_DIR)));
  } finally {
    await Promise.all(graphs.map((g) => g.close()));
  }
  expect(await snapshot(graph)).toEqual(single);
});

test('an article reported again keeps its evidence once per article', async () => {
  await loadSeeds(graph);
  const before = await snapshot(graph);
  // The same annotation, loaded from another folder: same ids, same spans.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-copy-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  await load(graph, dir);
  expect(await snapshot(graph)).toEqual(before);
});

describe('links to events of other articles', () => {
  const respondsTo = async () => {
    const rows = await graph.read(
      defineQuery(
        'testFollowUpLink',
        'MATCH (:Event {id: "zz-follow-up-rt-stays"})-[:RESPONDS_TO]->(e:Event) RETURN e.id AS id',
        z.object({ id: z.string() }),
      ),
    );
    return rows.map((r) => r.id);
  };

  test('resolve to an earlier file of the same load, across write batches', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-links-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    followUpArticle(dir);
    // One article per transaction: the link's target was committed by an earlier one.
    const summary = await load(graph, dir, { batchSize: 1 });
    expect(summary).toMatchObject({ articles: 2, events: 15 });
    expect(await respondsTo()).toEqual(['twitter-ad-ban-rt-sputnik']);
  });

  test('resolve to an event already in the graph', async () => {
    await loadSeeds(graph);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-links-'));
    const file = followUpArticle(dir);
    await load(graph, file);
    expect(await respondsTo()).toEqual(['twitter-ad-ban-rt-sputnik']);
  });

  test('to an event that is nowhere is refused, naming file and field', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mediagraph-links-'));
    const file = followUpArticle(dir, 'zz-follow-up', 'no-such-event');
    const error = (await load(graph, file).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.issues).toEqual([
      {
        file,
        field: 'links[0].to',
        reason:
          "'no-such-event' is not an event of this annotation, of an earlier file of this load, or of the graph",
      },
    ]);
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  });
});

describe('bad input is refused and nothing is written', () => {
  test.each(BAD_INPUTS)('$name', async ({ breakage, field, reason }) => {
    const { file } = brokenSeed(breakage);
    const error = await load(graph, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const issue = (error as InputError).issues.find((i) => i.field === field);
    expect(issue).toBeDefined();
    expect(issue!.file).toBe(file);
    expect(issue!.reason).toMatch(reason);
    expect((error as InputError).message).toContain(file);
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  });

  test('one bad file in a folder stops the whole load', async () => {
    const { dir } = brokenSeed((a) => (a.events[0].type = 'NOPE'), 'z-broken.json');
    cpSync(path.join(SEEDS_DIR), dir, { recursive: true });
    await expect(load(graph, dir)).rejects.toBeInstanceOf(InputError);
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  });

  test('two files with the same article id are refused', async () => {
    const { dir } = brokenSeed(() => {}, 'copy.json');
    cpSync(path.join(SEEDS_DIR), dir, { recursive: true });
    const error = (await load(graph, dir).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.issues[0]!.field).toBe('article.id');
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  });

  test('an article edited after it was annotated is one problem, naming both files and where', async () => {
    // A word changed in the middle, and a good article beside it that must not be written either.
    const { dir, file, textFile } = editedSeed((t) =>
      t.replace('Twitter explained', 'Tweeter explained'),
    );
    followUpArticle(dir);
    const error = (await load(graph, dir).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.issues).toHaveLength(1);
    expect(error.message.split('\n')).toEqual([
      '1 problem in the input; nothing was written:',
      `  ${file}: article.textFile: the article text ${textFile} is not the text this annotation was made for: 4 spans no longer match it`,
      '    first differs at offset 1383 (line 9, column 12)',
      '    after "Tw", the file has "eeter explained that the" where the annotation expects "itter explained that the"',
      '    spans that no longer match: events[3].evidence[0] (1381-1416), events[3].participants[0].evidence[0] (1381-1388), events[4].participants[0].evidence[0] (1381-1388) and 1 more span',
    ]);
    expect(await countGraph(graph)).toEqual({ nodes: 0, relationships: 0 });
  });
});
