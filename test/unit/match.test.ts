import type { EventRow, WriteBatch } from '../../src/ingest/batch';
import {
  applyPlan,
  batchEvents,
  compareEvents,
  dateFit,
  planMatches,
  type BatchEvent,
  type MatchableEvent,
} from '../../src/ingest/match';

const ev = (over: Partial<MatchableEvent> = {}): MatchableEvent => ({
  id: 'x',
  type: 'AD_BAN',
  occurredOn: '2017-10-26',
  datePrecision: 'DAY',
  agents: ['twitter'],
  targets: ['rt', 'sputnik'],
  ...over,
});

describe('dateFit', () => {
  const fit = (a: [string | null, string], b: [string | null, string]) =>
    dateFit(
      ev({ occurredOn: a[0], datePrecision: a[1] }),
      ev({ occurredOn: b[0], datePrecision: b[1] }),
    ).fit;
  test('the coarser precision decides', () => {
    expect(fit(['2017-10-26', 'DAY'], ['2017-10-26', 'DAY'])).toBe('compatible');
    expect(fit(['2017-10-26', 'DAY'], ['2017-10-27', 'DAY'])).toBe('close');
    expect(fit(['2017-10-26', 'DAY'], ['2017-11-02', 'DAY'])).toBe('close');
    expect(fit(['2017-10-26', 'DAY'], ['2017-11-03', 'DAY'])).toBe('far');
    expect(fit(['2017-10-26', 'DAY'], ['2017-10-01', 'MONTH'])).toBe('compatible');
    expect(fit(['2017-10-31', 'DAY'], ['2017-11-01', 'MONTH'])).toBe('close');
    expect(fit(['2017-10-26', 'DAY'], ['2017-12-01', 'MONTH'])).toBe('far');
    expect(fit(['2017-10-26', 'MONTH'], ['2017-01-01', 'YEAR'])).toBe('compatible');
    expect(fit(['2017-01-26', 'DAY'], ['2016-01-01', 'YEAR'])).toBe('close');
    expect(fit(['2017-01-26', 'DAY'], ['2015-01-01', 'YEAR'])).toBe('far');
  });
  test('a date that is not known fits anything', () => {
    expect(fit([null, 'UNKNOWN'], ['2017-10-26', 'DAY'])).toBe('unknown');
    expect(fit(['2017-10-26', 'DAY'], [null, 'UNKNOWN'])).toBe('unknown');
    // An analyst may have set the precision to UNKNOWN and left a date.
    expect(fit(['2017-10-26', 'UNKNOWN'], ['2019-10-26', 'DAY'])).toBe('unknown');
  });
});

describe('compareEvents', () => {
  test('same type, overlapping agents and targets, compatible dates: the same event', () => {
    const v = compareEvents(ev({ targets: ['rt'] }), ev({ id: 'old' }));
    expect(v).toEqual({
      kind: 'same',
      score: 0.8,
      reason:
        'same type AD_BAN; agents overlap (twitter); targets overlap (rt); the dates agree: 2017-10-26 (DAY) and 2017-10-26 (DAY)',
    });
    expect(
      compareEvents(ev({ occurredOn: null, datePrecision: 'UNKNOWN' }), ev({ id: 'old' })).kind,
    ).toBe('same');
  });
  test('another type, no shared actor, or dates far apart: different', () => {
    expect(compareEvents(ev({ type: 'BROADCAST_BAN' }), ev()).kind).toBe('different');
    expect(compareEvents(ev({ agents: ['facebook'], targets: ['tass'] }), ev()).kind).toBe(
      'different',
    );
    expect(compareEvents(ev({ occurredOn: '2018-10-26' }), ev()).kind).toBe('different');
  });
  test('one side overlapping, or dates close but not compatible: possibly the same', () => {
    const agentsOnly = compareEvents(ev({ targets: ['tass'] }), ev());
    expect(agentsOnly.kind).toBe('possible');
    expect(agentsOnly.kind !== 'different' && agentsOnly.reason).toContain(
      'targets differ (tass / rt, sputnik)',
    );
    const noTarget = compareEvents(ev({ targets: [] }), ev());
    expect(noTarget.kind !== 'different' && noTarget.reason).toContain(
      'only one of them has targets',
    );
    const targetsOnly = compareEvents(ev({ agents: ['facebook'] }), ev());
    expect(targetsOnly.kind).toBe('possible');
    const close = compareEvents(ev({ occurredOn: '2017-10-29' }), ev());
    expect(close.kind).toBe('possible');
    expect(close.kind !== 'different' && close.reason).toContain('the dates are close but differ');
    // Statements by one speaker with no target are not taken for one.
    expect(compareEvents(ev({ targets: [] }), ev({ targets: [] })).kind).toBe('possible');
  });
  test('an event analysts rejected is never joined automatically', () => {
    const v = compareEvents(ev(), ev({ id: 'old', reviewStatus: 'REJECTED' }));
    expect(v.kind).toBe('possible');
    expect(v.kind !== 'different' && v.reason).toContain('analysts rejected old');
  });
  test('the score weighs agents, targets and dates', () => {
    const score = (a: MatchableEvent, b: MatchableEvent) => {
      const v = compareEvents(a, b);
      return v.kind === 'different' ? 0 : v.score;
    };
    expect(score(ev(), ev())).toBe(1);
    expect(score(ev({ occurredOn: null, datePrecision: 'UNKNOWN' }), ev())).toBe(0.92);
    expect(score(ev({ occurredOn: '2017-10-27' }), ev())).toBe(0.86);
    expect(score(ev({ targets: ['tass'] }), ev())).toBe(0.6);
  });
});

describe('planMatches', () => {
  const at = (articleId: string, e: Partial<MatchableEvent> & { id: string }): BatchEvent => ({
    ...ev(e),
    articleId,
  });
  const base = {
    extracted: new Set(['b', 'c']),
    aliases: new Map<string, string>(),
    existing: new Set<string>(),
    candidates: new Map<string, MatchableEvent[]>(),
  };

  test('a sure match joins the existing event and becomes its alias; an uncertain one is created with a possible duplicate', () => {
    const plan = planMatches({
      ...base,
      events: [
        at('b', { id: 'b-ban', targets: ['rt'] }),
        at('b', { id: 'b-other-ban', agents: ['facebook'], targets: ['rt'] }),
      ],
      candidates: new Map([
        ['b-ban', [ev({ id: 'a-ban' })]],
        ['b-other-ban', [ev({ id: 'a-ban' })]],
      ]),
    });
    expect([...plan.aliases]).toEqual([['b-ban', 'a-ban']]);
    expect(plan.joined).toMatchObject([{ articleId: 'b', alias: 'b-ban', eventId: 'a-ban' }]);
    expect(plan.duplicates).toMatchObject([
      { eventId: 'b-other-ban', otherId: 'a-ban', score: 0.4 },
    ]);
  });

  test('hand-made articles are never matched; aliases apply to every article', () => {
    const plan = planMatches({
      ...base,
      events: [at('a', { id: 'a-ban' }), at('a', { id: 'merged' })],
      aliases: new Map([['merged', 'kept']]),
      candidates: new Map([['a-ban', [ev({ id: 'old-ban' })]]]),
    });
    expect([...plan.aliases]).toEqual([['merged', 'kept']]);
    expect(plan.joined).toEqual([]);
    expect(plan.duplicates).toEqual([]);
  });

  test('an id the graph holds is that event: a reload, not a match', () => {
    const plan = planMatches({
      ...base,
      events: [at('b', { id: 'b-ban' })],
      existing: new Set(['b-ban']),
      candidates: new Map([['b-ban', [ev({ id: 'a-ban' })]]]),
    });
    expect(plan.joined).toEqual([]);
  });

  test("each existing event takes at most one of an article's events, the best first; the article's own events are never taken", () => {
    const plan = planMatches({
      ...base,
      events: [
        at('b', { id: 'b-1', targets: ['rt'] }),
        at('b', { id: 'b-2' }),
        at('b', { id: 'b-3', occurredOn: '2017-10-26', targets: ['sputnik'] }),
        at('b', { id: 'own' }),
      ],
      existing: new Set(['own']),
      candidates: new Map([
        ['b-1', [ev({ id: 'a-ban' }), ev({ id: 'own' })]],
        ['b-2', [ev({ id: 'a-ban' }), ev({ id: 'own' })]],
        ['b-3', [ev({ id: 'a-ban' })]],
      ]),
    });
    // b-2 fits a-ban best (score 1); b-1 and b-3 are left, each a possible duplicate of it,
    // and b-1 of the article's own event too.
    expect(plan.joined.map((j) => [j.alias, j.eventId])).toEqual([['b-2', 'a-ban']]);
    expect(plan.duplicates.map((d) => [d.eventId, d.otherId])).toEqual([
      ['b-1', 'a-ban'],
      ['b-1', 'own'],
      ['b-3', 'a-ban'],
    ]);
    expect(plan.duplicates[0]!.reason).toContain('another event of this article');
  });

  test('a later article of the batch joins an event an earlier one creates', () => {
    const plan = planMatches({
      ...base,
      events: [at('a', { id: 'a-ban' }), at('b', { id: 'b-ban' }), at('c', { id: 'c-ban' })],
    });
    expect(plan.joined.map((j) => [j.alias, j.eventId])).toEqual([
      ['b-ban', 'a-ban'],
      ['c-ban', 'a-ban'],
    ]);
  });

  test('the possible duplicates of one event are the best few', () => {
    const plan = planMatches({
      ...base,
      events: [at('b', { id: 'b-ban', agents: ['facebook'] })],
      candidates: new Map([
        ['b-ban', ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ev({ id, targets: ['rt'] }))],
      ]),
    });
    expect(plan.duplicates.map((d) => d.otherId)).toEqual(['c1', 'c2', 'c3']);
  });
});

describe('applyPlan', () => {
  const row = (over: Partial<EventRow>): EventRow => ({
    articleId: 'b',
    label: 'Sanction',
    id: 'b-ban',
    type: 'AD_BAN',
    summary: 's',
    occurredOn: '2017-10-26',
    datePrecision: 'DAY',
    dateNote: null,
    modality: 'ASSERTED',
    confidence: 0.8,
    cameoCode: null,
    cameoLabel: null,
    ploverType: null,
    ploverMode: null,
    amount: null,
    currency: null,
    amountSpans: [],
    spans: [{ start: 0, end: 3, text: 'Ban' }],
    joins: false,
    externalFields: [],
    externalNotes: [],
    extractionMethod: 'rules',
    extractionVersion: '1',
    ...over,
  });
  const span = (start: number) => [{ start, end: start + 1, text: 'x' }];
  const batch: WriteBatch = {
    articleIds: ['b'],
    actors: [],
    mentions: [],
    articles: [],
    positions: [],
    events: [
      row({}),
      row({ id: 'b-merged', spans: [{ start: 5, end: 8, text: 'ban' }] }),
      row({ id: 'b-reply', type: 'CRITICISM' }),
    ],
    participants: [
      { articleId: 'b', role: 'AGENT', eventId: 'b-ban', actorId: 'twitter', spans: span(0) },
      { articleId: 'b', role: 'AGENT', eventId: 'b-merged', actorId: 'twitter', spans: span(9) },
    ],
    links: [
      { articleId: 'b', kind: 'RESPONDS_TO', from: 'b-reply', to: 'b-ban', spans: span(1) },
      { articleId: 'b', kind: 'PART_OF', from: 'b-merged', to: 'b-ban', spans: span(2) },
    ],
    quotes: [{ articleId: 'b', id: 'q', text: 'x', speakerId: 'p', eventId: 'b-ban', spans: [] }],
    claims: [],
  };

  test('aliased rows join their event, edges follow, rows that fall together are combined', () => {
    const out = applyPlan(
      batch,
      new Map([
        ['b-ban', 'a-ban'],
        ['b-merged', 'a-ban'],
      ]),
    );
    expect(out.events.map((e) => [e.id, e.joins, e.spans.map((s) => s.start)])).toEqual([
      ['a-ban', true, [0, 5]],
      ['b-reply', false, [0]],
    ]);
    expect(out.participants).toEqual([
      {
        articleId: 'b',
        role: 'AGENT',
        eventId: 'a-ban',
        actorId: 'twitter',
        spans: [...span(0), ...span(9)],
      },
    ]);
    // The PART_OF link now starts and ends at a-ban: dropped.
    expect(out.links.map((l) => `${l.from} ${l.kind} ${l.to}`)).toEqual([
      'b-reply RESPONDS_TO a-ban',
    ]);
    expect(out.quotes[0]!.eventId).toBe('a-ban');
  });

  test("an event's own row wins over a joining row of the same article", () => {
    const out = applyPlan(batch, new Map([['b-merged', 'b-ban']]));
    expect(out.events.map((e) => [e.id, e.joins, e.spans.map((s) => s.start)])).toEqual([
      ['b-ban', false, [0, 5]],
      ['b-reply', false, [0]],
    ]);
  });

  test('no aliases: the batch as it was', () => {
    expect(applyPlan(batch, new Map())).toBe(batch);
  });

  test('batchEvents reads agents and targets from the participants', () => {
    expect(batchEvents(batch)[0]).toMatchObject({ id: 'b-ban', agents: ['twitter'], targets: [] });
  });
});
