// An annotation's events in the evaluation's format: type, the names of the AGENT and TARGET
// actors, and the modality.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { eventsFormat, namedAsInText } from '../../src/extract/events-format';
import type { Annotation } from '../../src/extract/types';

const span = { start: 0, end: 1, text: 'x' };

function annotation(
  actors: [string, string][],
  events: { type: string; modality?: string; participants: [string, string][] }[],
): Annotation {
  return {
    formatVersion: 1,
    article: {
      id: 'a',
      textFile: 'a.txt',
      publisherId: 'p',
      dateline: 'd',
      publishedOn: '2020-01-01',
    },
    actors: actors.map(([id, name]) => ({
      id,
      name,
      kind: 'OTHER_ORGANIZATION',
      evidence: [span],
    })),
    events: events.map((e, i) => ({
      id: `e${i}`,
      type: e.type,
      summary: 's',
      datePrecision: 'UNKNOWN',
      modality: e.modality ?? 'ASSERTED',
      confidence: 0.5,
      participants: e.participants.map(([actorId, role]) => ({ actorId, role, evidence: [span] })),
      evidence: [span],
    })),
  } as unknown as Annotation;
}

test('agents and targets by name, other roles left out, each name once, in order', () => {
  const a = annotation(
    [
      ['tw', 'Twitter'],
      ['rt', 'RT'],
      ['sp', 'Sputnik'],
      ['us', 'US Intelligence Community'],
    ],
    [
      {
        type: 'AD_BAN',
        participants: [
          ['tw', 'AGENT'],
          ['rt', 'TARGET'],
          ['sp', 'TARGET'],
          ['rt', 'TARGET'],
          ['us', 'ON_BEHALF_OF'],
        ],
      },
      {
        type: 'DONATION',
        modality: 'PLEDGED',
        participants: [
          ['tw', 'AGENT'],
          ['rt', 'FUNDS_SOURCE'],
        ],
      },
    ],
  );
  expect(eventsFormat(a)).toEqual({
    events: [
      { type: 'AD_BAN', agents: ['Twitter'], targets: ['RT', 'Sputnik'], modality: 'ASSERTED' },
      { type: 'DONATION', agents: ['Twitter'], targets: [], modality: 'PLEDGED' },
    ],
  });
});

test('no events, no list entries; an actor missing from the annotation is named by its id', () => {
  expect(eventsFormat(annotation([], []))).toEqual({ events: [] });
  const a = annotation([], [{ type: 'THREAT', participants: [['ghost', 'AGENT']] }]);
  expect(eventsFormat(a).events[0]!.agents).toEqual(['ghost']);
});

test('the seed annotation: every event, with its agents and targets by name', () => {
  const seeds = path.join(PROJECT_ROOT, 'seeds');
  const seed = JSON.parse(
    readFileSync(path.join(seeds, 'tass-2017-10-27-kremlin-regrets-twitter-ad-ban.json'), 'utf8'),
  ) as Annotation;
  const { events } = eventsFormat(seed, 'canonical');
  expect(events).toHaveLength(seed.events.length);
  expect(events[0]).toEqual({
    type: 'AD_BAN',
    agents: ['Twitter'],
    targets: ['RT', 'Sputnik'],
    modality: 'ASSERTED',
  });
  // Only the four keys the scorer reads, and JSON as score.py reads it.
  for (const e of events)
    expect(Object.keys(e).sort()).toEqual(['agents', 'modality', 'targets', 'type']);
  expect(JSON.parse(JSON.stringify({ events }))).toEqual({ events });
});

test('by default an actor is named as the article first names it, past "the" and a possessive', () => {
  const seeds = path.join(PROJECT_ROOT, 'seeds');
  const seed = JSON.parse(
    readFileSync(path.join(seeds, 'tass-2017-10-27-kremlin-regrets-twitter-ad-ban.json'), 'utf8'),
  ) as Annotation;
  const [adBan] = eventsFormat(seed).events;
  // The hand annotation's first span for RT is "the RT television channel".
  expect(adBan?.targets).toEqual(['RT television channel', 'Sputnik']);
  const described = {
    ...seed.actors[0]!,
    evidence: [{ start: 0, end: 11, text: 'the company' }],
  } as Annotation['actors'][number];
  expect(namedAsInText(described)).toBe(seed.actors[0]!.name);
});
