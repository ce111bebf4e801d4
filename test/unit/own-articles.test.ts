// Our own annotated articles (test/extract/articles), written for teaching and testing the
// extractor: every pair is in the gold format with the ontology's vocabulary, every alias is in
// its text, and the set covers every event type twice, every modality and four tricky negatives.
// The checks are those of test/extract/check-articles.ts; a few broken pairs show they bite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EVENT_TYPES, MODALITIES } from '../../src/ontology';
import {
  ARTICLES_DIR,
  articleNames,
  checkCoverage,
  checkPair,
  readArticle,
  tally,
} from '../extract/check-articles';

const names = articleNames();

describe('own articles', () => {
  test('there are 27 pairs', () => expect(names).toHaveLength(27));

  test.each(names)('%s: text and gold agree with the format and the ontology', (name) =>
    expect(checkPair(ARTICLES_DIR, name)).toEqual([]),
  );

  test('every event type twice, every modality, four articles of tricky negatives', () => {
    const t = tally(names.map((n) => readArticle(ARTICLES_DIR, n)));
    expect(checkCoverage(t)).toEqual([]);
  });
});

describe('the event types the articles are checked against', () => {
  // The articles are checked against src/ontology.ts's EVENT_TYPES, which must be the 23 of v1.1.
  test('are the 23 of ontology v1.1', () => {
    expect(EVENT_TYPES).toHaveLength(23);
    expect(new Set(EVENT_TYPES).size).toBe(23);
  });

  test('the modalities are the five of the ontology', () =>
    expect([...MODALITIES].sort()).toEqual(
      ['ALLEGED', 'ASSERTED', 'DENIED', 'HYPOTHETICAL', 'PLEDGED'].sort(),
    ));
});

describe('checkPair finds what is wrong', () => {
  const TEXT =
    'RIGA, June 6. The Northvale Broadcasting Authority has banned Rossiya 24, the regulator said. ' +
    'It accused the channel of propaganda. '.repeat(15);
  const GOLD = {
    actors: {
      'Northvale Broadcasting Authority': {
        kind: 'GOVERNMENT_BODY',
        aliases: ['the regulator'],
      },
      'Rossiya 24': { kind: 'MEDIA_OUTLET', aliases: ['the channel'] },
    },
    events: [
      {
        type: 'BROADCAST_BAN',
        agents: ['Northvale Broadcasting Authority'],
        targets: ['Rossiya 24'],
        modality: 'ASSERTED',
      },
    ],
  };
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'mediagraph-own-articles-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (gold: unknown, text = TEXT) => {
    writeFileSync(path.join(dir, 'a.txt'), text);
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(gold));
    return checkPair(dir, 'a');
  };
  const withEvent = (change: object) => ({
    ...GOLD,
    events: [{ ...GOLD.events[0], ...change }],
  });

  test('nothing in a right pair', () => expect(check(GOLD)).toEqual([]));

  test.each<[string, unknown, RegExp]>([
    ['an unknown type', withEvent({ type: 'FINE' }), /type FINE is not an event type/],
    ['an unknown modality', withEvent({ modality: 'RUMOURED' }), /modality RUMOURED/],
    ['an agent not among the actors', withEvent({ agents: ['Latvia'] }), /"Latvia" is not among/],
    ['targets not a list', withEvent({ targets: 'Rossiya 24' }), /targets is not a list/],
    ['an unknown event key', withEvent({ summary: 'x' }), /unknown keys summary/],
    ['an empty note', withEvent({ note: ' ' }), /note is not a non-empty string/],
    ['a top-level key too many', { ...GOLD, links: [] }, /unknown top-level keys: links/],
    ['no events', { ...GOLD, events: [] }, /events is not a non-empty list/],
    [
      'an alias not in the text',
      {
        ...GOLD,
        actors: { ...GOLD.actors, 'Rossiya 24': { kind: 'MEDIA_OUTLET', aliases: ['RTR'] } },
      },
      /alias "RTR" is not in the text/,
    ],
    [
      'an unknown actor kind',
      { ...GOLD, actors: { ...GOLD.actors, 'Rossiya 24': { kind: 'CHANNEL', aliases: [] } } },
      /kind CHANNEL is not an ActorKind/,
    ],
    [
      'an actor in no event',
      { ...GOLD, actors: { ...GOLD.actors, Latvia: { kind: 'STATE', aliases: [] } } },
      /actor Latvia: takes part in no event/,
    ],
    [
      'an actor neither named nor aliased in the text',
      {
        ...withEvent({ targets: ['Rossiya 24', 'Estonia'] }),
        actors: { ...GOLD.actors, Estonia: { kind: 'STATE', aliases: [] } },
      },
      /actor Estonia: neither the name nor an alias/,
    ],
  ])('%s', (_, gold, problem) => expect(check(gold).join('\n')).toMatch(problem));

  test('a text too short, too long or without a dateline', () => {
    expect(check(GOLD, TEXT.slice(0, 200)).join('\n')).toMatch(/words, not 90-260/);
    expect(check(GOLD, TEXT.repeat(3)).join('\n')).toMatch(/words, not 90-260/);
    expect(check(GOLD, `Headline\nMore\n${TEXT}`).join('\n')).toMatch(/dateline/);
    expect(check(GOLD, `Regulator bans channel\n${TEXT}`)).toEqual([]);
  });

  test('a missing text and broken JSON', () => {
    expect(checkPair(dir, 'absent')).toEqual(['absent.txt is missing']);
    writeFileSync(path.join(dir, 'b.txt'), TEXT);
    writeFileSync(path.join(dir, 'b.json'), '{"actors": ');
    expect(checkPair(dir, 'b')[0]).toMatch(/^b\.json: /);
  });
});
