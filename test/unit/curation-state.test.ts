// The rules that decide, at every load, whether an analyst's value or the file's stands.
import {
  curationProps,
  decide,
  parseCuration,
  reconcile,
  type CurationEntry,
} from '../../src/graph/curation-state';
import { applyCuration } from '../../src/graph/keep-curation';
import type { EventRow, WriteBatch } from '../../src/ingest/batch';

const who = { at: '2026-11-29T10:00:00Z', by: 'analyst Ana', audit: 'a1' };
const entry = (base: CurationEntry['base']): CurationEntry => ({ base, ...who });

describe('reconcile', () => {
  test('a file that still says the base keeps the analyst', () => {
    expect(reconcile(entry(0.95), 0.11, 0.95, false).outcome.kind).toBe('kept');
  });
  test('a file that agrees with the analyst is no conflict, and settles a pending one', () => {
    const pending = { ...entry(0.95), file: 0.5 };
    expect(reconcile(pending, 0.11, 0.11, false)).toEqual({
      outcome: { kind: 'agrees' },
      entry: entry(0.95),
    });
  });
  test('a new file value is a conflict that keeps the analyst and remembers the file', () => {
    expect(reconcile(entry(0.95), 0.11, 0.5, false)).toEqual({
      outcome: { kind: 'conflict' },
      entry: { ...entry(0.95), file: 0.5 },
    });
  });
  test("with overwrite, a conflict goes to the file, whose value becomes the fact's base", () => {
    expect(reconcile(entry(0.95), 0.11, 0.5, true)).toEqual({
      outcome: { kind: 'overwritten' },
      entry: entry(0.5),
    });
    // Overwrite never touches a fact whose file value did not change.
    expect(reconcile(entry(0.95), 0.11, 0.95, true).outcome.kind).toBe('kept');
  });
});

describe('decide', () => {
  test('the first decision takes the value before as base; later ones keep it', () => {
    const once = decide({}, 'confidence', 0.95, who);
    const twice = decide(once, 'confidence', 0.11, { ...who, audit: 'a2' });
    expect(twice.confidence).toEqual({ base: 0.95, ...who, audit: 'a2' });
  });
  test("a decision over a pending conflict makes the file's value the base", () => {
    const s = decide({ confidence: { ...entry(0.95), file: 0.5 } }, 'confidence', 0.11, who);
    expect(s.confidence).toEqual(entry(0.5));
  });
});

test('the stored form round-trips, keys sorted, and a broken one is an error naming the event', () => {
  const s = decide(decide({}, 'type', 'AD_BAN', who), 'confidence', 0.95, who);
  const props = curationProps(s);
  expect(props.curated).toEqual(['confidence', 'type']);
  expect(parseCuration('e1', props.curation)).toEqual(s);
  expect(curationProps({})).toEqual({ curation: null, curated: [] });
  expect(() => parseCuration('e1', '{"type": 3}')).toThrow("Event 'e1'");
});

describe('applyCuration', () => {
  const event: EventRow = {
    articleId: 'art',
    label: 'Sanction',
    id: 'ban',
    type: 'AD_BAN',
    summary: 's',
    occurredOn: '2017-10-26',
    datePrecision: 'DAY',
    dateNote: null,
    modality: 'ASSERTED',
    confidence: 0.95,
    cameoCode: '163',
    cameoLabel: 'x',
    ploverType: 'SANCTION',
    ploverMode: null,
    amount: null,
    currency: null,
    amountSpans: [],
    spans: [{ start: 0, end: 3, text: 'Ban' }],
    externalFields: [],
    externalNotes: [],
    extractionMethod: null,
    extractionVersion: null,
    joins: false,
  };
  const batch: WriteBatch = {
    articleIds: ['art'],
    actors: [],
    mentions: [],
    articles: [],
    positions: [],
    events: [event],
    participants: [
      { articleId: 'art', role: 'TARGET', eventId: 'ban', actorId: 'rt', spans: [] },
      { articleId: 'art', role: 'TARGET', eventId: 'ban', actorId: 'sputnik', spans: [] },
    ],
    links: [],
    quotes: [],
    claims: [],
  };
  const curated = {
    id: 'ban',
    curation: JSON.stringify({
      confidence: entry(0.95),
      type: entry('AD_BAN'),
      'participant:TARGET:sputnik': entry(true),
    }),
    type: 'BROADCAST_BAN',
    occurredOn: '2017-10-26',
    datePrecision: 'DAY',
    confidence: 0.11,
    cameoCode: '171',
    edges: ['participant:TARGET:rt'],
    evidence: [{ articleId: 'art', start: 0, end: 3, text: 'Ban' }],
  };

  test("the rows carry the analyst's values, with the label of the analyst's type", () => {
    const out = applyCuration(batch, [curated], false);
    expect(out.batch.events[0]).toMatchObject({
      type: 'BROADCAST_BAN',
      label: 'Coercion',
      confidence: 0.11,
    });
    expect(out.batch.participants.map((p) => p.actorId)).toEqual(['rt']);
    expect(out.report.kept.map((n) => n.key).sort()).toEqual([
      'confidence',
      'participant:TARGET:sputnik',
      'type',
    ]);
    expect(out.changed.size).toBe(0);
    expect(out.overwrites).toEqual([]);
  });

  test('events nobody curated pass through untouched', () => {
    const out = applyCuration(batch, [], false);
    expect(out.batch.events[0]).toBe(event);
    expect(out.batch.participants).toHaveLength(2);
  });
});
