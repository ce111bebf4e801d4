// The TypeScript scorer gives what the shared score.py gives. The expected figures in
// test/extract/score-fixtures were computed once with score.py's own functions (tokens,
// same_actor, score, f1 and its print format) on made-up articles; they are not eval data.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  addBreakdown,
  addCounts,
  articleBreakdown,
  articleLine,
  emptyBreakdown,
  goldFromAnnotation,
  goldProblem,
  prf,
  pyFixed,
  sameActor,
  scoreArticle,
  tokens,
  totalLine,
  type Counts,
  type Gold,
  type ScoredPrediction,
} from '../../src/extract/score';
import type { Annotation } from '../../src/extract/types';
import { PROJECT_ROOT } from '../../src/config';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'extract', 'score-fixtures');
const read = (file: string): any => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));

interface Case {
  name: string;
  gold: Gold;
  predicted: { events: ScoredPrediction[] };
  expected: Counts & { line: string };
}

const cases: Case[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && f !== 'expected.json')
  .sort()
  .map((f) => ({ name: f.slice(0, -5), ...read(f) }));
const expected = read('expected.json');

describe('the same figures as score.py', () => {
  test('there are cases', () => expect(cases.length).toBeGreaterThanOrEqual(5));

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const s = scoreArticle(c.predicted.events, c.gold);
    expect({ matched: s.matched, predicted: s.predicted, gold: s.gold }).toEqual({
      matched: c.expected.matched,
      predicted: c.expected.predicted,
      gold: c.expected.gold,
    });
    expect(articleLine(c.name, s)).toBe(c.expected.line);
  });

  test('totals over the cases, and the closing line', () => {
    const total = cases
      .map((c) => scoreArticle(c.predicted.events, c.gold))
      .reduce<Counts>(addCounts, { matched: 0, predicted: 0, gold: 0 });
    expect(total).toEqual({
      matched: expected.total.matched,
      predicted: expected.total.predicted,
      gold: expected.total.gold,
    });
    expect(prf(total)).toEqual({
      precision: expected.total.precision,
      recall: expected.total.recall,
      f1: expected.total.f1,
    });
    expect(totalLine(total)).toBe(expected.total.line);
  });

  test.each((expected.lines as (Counts & { line: string })[]).map((l) => [l.line, l] as const))(
    '%s',
    (line, counts) => expect(totalLine(counts)).toBe(line),
  );
});

describe('tokens', () => {
  test.each((expected.tokens as { name: string; expected: string[] }[]).map((t) => [t.name, t]))(
    '%j',
    (name, t) => expect([...tokens(name)].sort()).toEqual(t.expected),
  );

  test('the rules one by one', () => {
    // possessives, straight and curly, after lower-casing
    expect([...tokens("RUSSIA'S")]).toEqual(['russia']);
    expect([...tokens('Beijing\u2019s media')].sort()).toEqual(['beijing', 'media']);
    // -ian is cut to -ia in words over five letters only
    expect([...tokens('Russian')]).toEqual(['russia']);
    expect([...tokens('Asian')]).toEqual(['asian']);
    // stop words go
    expect([...tokens('the Office of the President and its staff in Kyiv')].sort()).toEqual([
      'kyiv',
      'office',
      'president',
      'staff',
    ]);
  });
});

describe('sameActor', () => {
  test.each(
    (
      expected.sameActor as {
        pred: string;
        gold: string;
        goldActors: Gold['actors'];
        expected: boolean;
      }[]
    ).map((s) => [s.pred, s.gold, s] as const),
  )('%j as %j', (pred, gold, s) => expect(sameActor(pred, gold, s.goldActors)).toBe(s.expected));
});

describe('pyFixed: Python rounding', () => {
  test.each<[number, string]>([
    [0.125, '0.12'],
    [0.375, '0.38'],
    [0.625, '0.62'],
    [0.875, '0.88'],
    [0.005, '0.01'], // 0.005 is a little above 5/1000 as a double
    [0.015, '0.01'], // and 0.015 a little below
    [2 / 3, '0.67'],
    [0, '0.00'],
    [1, '1.00'],
    [0.995, '0.99'],
    [0.9951, '1.00'],
  ])('%d', (x, s) => expect(pyFixed(x, 2)).toBe(s));
});

describe('breakdown per type, and the confusion table', () => {
  test('a prediction that meets the roles with another type is a confusion', () => {
    const gold: Gold = {
      actors: { Alpha: { aliases: [] }, Beta: { aliases: [] }, Gamma: {} },
      events: [
        { type: 'CRITICISM', agents: ['Alpha'], targets: ['Beta'] },
        { type: 'DENIAL', agents: ['Alpha'], targets: [] },
        { type: 'AD_BAN', agents: ['Beta'], targets: ['Alpha'] },
      ],
    };
    const pred: ScoredPrediction[] = [
      { type: 'STATEMENT', agents: ['Alpha'], targets: ['Beta'] },
      { type: 'DENIAL', agents: ['Gamma'], targets: [] },
      { type: 'AD_BAN', agents: ['Beta'], targets: ['Alpha'] },
    ];
    const s = scoreArticle(pred, gold);
    expect(s.matchOf).toEqual([-1, -1, 2]);
    const b = articleBreakdown(pred, gold, s);
    expect(b.confusion).toEqual({ CRITICISM: { STATEMENT: 1 } });
    expect(b.byType).toEqual({
      STATEMENT: { gold: 0, predicted: 1, matched: 0, confused: 0, missed: 0, spurious: 0 },
      CRITICISM: { gold: 1, predicted: 0, matched: 0, confused: 1, missed: 0, spurious: 0 },
      DENIAL: { gold: 1, predicted: 1, matched: 0, confused: 0, missed: 1, spurious: 1 },
      AD_BAN: { gold: 1, predicted: 1, matched: 1, confused: 0, missed: 0, spurious: 0 },
    });
  });

  test('per type counts add up to the score, over the fixture cases', () => {
    const total = emptyBreakdown();
    let counts: Counts = { matched: 0, predicted: 0, gold: 0 };
    for (const c of cases) {
      const s = scoreArticle(c.predicted.events, c.gold);
      counts = addCounts(counts, s);
      addBreakdown(total, articleBreakdown(c.predicted.events, c.gold, s));
    }
    const types = Object.values(total.byType);
    const sum = (k: 'matched' | 'predicted' | 'gold') => types.reduce((n, t) => n + t[k], 0);
    expect({ matched: sum('matched'), predicted: sum('predicted'), gold: sum('gold') }).toEqual(
      counts,
    );
    // Every gold event is matched, confused or missed.
    for (const t of types) expect(t.matched + t.confused + t.missed).toBe(t.gold);
    const jaccard = cases.find((c) => c.name === 'jaccard-and-types')!;
    const b = articleBreakdown(
      jaccard.predicted.events,
      jaccard.gold,
      scoreArticle(jaccard.predicted.events, jaccard.gold),
    );
    expect(b.byType.PROTEST_ACTION).toEqual({
      gold: 2,
      predicted: 2,
      matched: 1,
      confused: 0,
      missed: 1,
      spurious: 1,
    });
    expect(b.byType.DENIAL).toEqual({
      gold: 0,
      predicted: 1,
      matched: 0,
      confused: 0,
      missed: 0,
      spurious: 1,
    });
  });
});

describe('gold from a hand annotation', () => {
  test('actors by name with aliases, events with agent and target names', () => {
    const span = { start: 0, end: 1, text: 'x' };
    const annotation = {
      formatVersion: 1,
      article: {
        id: 'a',
        textFile: 'a.txt',
        publisherId: 'p',
        dateline: 'd',
        publishedOn: '2020-01-01',
      },
      actors: [
        { id: 'tw', name: 'Twitter', kind: 'PLATFORM', aliases: ['the company'], evidence: [span] },
        { id: 'rt', name: 'RT', kind: 'MEDIA_OUTLET', evidence: [span] },
      ],
      events: [
        {
          id: 'e',
          type: 'AD_BAN',
          summary: 's',
          datePrecision: 'DAY',
          modality: 'ASSERTED',
          confidence: 1,
          participants: [
            { actorId: 'tw', role: 'AGENT', evidence: [span] },
            { actorId: 'rt', role: 'TARGET', evidence: [span] },
            { actorId: 'rt', role: 'BENEFICIARY', evidence: [span] },
          ],
          evidence: [span],
        },
      ],
    } as unknown as Annotation;
    expect(goldFromAnnotation(annotation)).toEqual({
      actors: {
        Twitter: { kind: 'PLATFORM', aliases: ['the company'] },
        RT: { kind: 'MEDIA_OUTLET', aliases: [] },
      },
      events: [{ type: 'AD_BAN', agents: ['Twitter'], targets: ['RT'], modality: 'ASSERTED' }],
    });
  });

  test('the seed annotation is gold its own events match in full', () => {
    const seeds = path.join(PROJECT_ROOT, 'seeds');
    const file = readdirSync(seeds).find((f) => f.endsWith('.json'))!;
    const gold = goldFromAnnotation(JSON.parse(readFileSync(path.join(seeds, file), 'utf8')));
    expect(goldProblem(gold)).toBeNull();
    const s = scoreArticle(gold.events, gold);
    expect(s.matched).toBe(gold.events.length);
  });
});

describe('goldProblem', () => {
  test.each<[unknown, string | null]>([
    [{ events: [], actors: {} }, null],
    [[], 'is not an object'],
    [{ actors: {} }, 'events: is not a list'],
    [{ events: [] }, 'actors: is not an object of actors by name'],
    [
      { events: [{ type: 'X', agents: 'A', targets: [] }], actors: {} },
      'events[0].agents: is not a list of names',
    ],
    [
      { events: [], actors: { A: { aliases: [1] } } },
      'actors["A"].aliases: is not a list of names',
    ],
  ])('%j', (data, problem) => expect(goldProblem(data)).toBe(problem));
});
