// The gazetteer's data passes its own checks, covers what the extractor needs, and each kind of
// mistake in a data file is named by file, actor id and field.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ACTOR_KINDS } from '../../src/ontology';
import {
  GAZETTEER_FILES,
  GazetteerError,
  byId,
  checkGazetteer,
  formatGazetteerIssue,
  gazetteerAsKnownActors,
  loadGazetteer,
} from '../../src/extract/gazetteer';
import { SEED_JSON } from '../support/bad-input';

const DATA_DIR = path.join(__dirname, '../../src/extract/gazetteer');

describe('the real gazetteer', () => {
  test('passes every check', () => {
    const { issues } = checkGazetteer(GAZETTEER_FILES);
    expect(issues.map(formatGazetteerIssue)).toEqual([]);
  });

  test('loads every data file in the directory, and only those', () => {
    const onDisk = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json'));
    expect(GAZETTEER_FILES.map((f) => f.file).sort()).toEqual(onDisk.sort());
  });

  test('has at least 400 actors, and every kind', () => {
    const all = loadGazetteer();
    expect(all.length).toBeGreaterThanOrEqual(400);
    const kinds = new Set(all.map((e) => e.kind));
    for (const kind of ACTOR_KINDS) expect(kinds).toContain(kind);
  });

  test('has at least 40 countries with a STATE and a government body that a place stands for', () => {
    const all = loadGazetteer();
    const states = new Set(all.filter((e) => e.kind === 'STATE').map((e) => e.country));
    const withMetonym = new Set(
      all
        .filter((e) => e.kind === 'GOVERNMENT_BODY' && e.metonyms.length > 0 && e.country)
        .map((e) => e.country),
    );
    const both = [...states].filter((c) => withMetonym.has(c));
    expect(both.length).toBeGreaterThanOrEqual(40);
  });

  test('keeps the ids, kinds and countries of the actors of the seed article', () => {
    const seed = JSON.parse(readFileSync(SEED_JSON, 'utf8')) as {
      actors: { id: string; kind: string; country?: string; name: string }[];
    };
    const named = seed.actors.filter((a) => !a.name.startsWith('unnamed'));
    expect(named.length).toBeGreaterThan(5);
    for (const a of named) {
      const entry = byId(a.id);
      expect({ id: a.id, kind: entry?.kind, country: entry?.country }).toEqual({
        id: a.id,
        kind: a.kind,
        country: a.country,
      });
    }
  });

  test('resolves the brief examples: demonyms on states, metonyms on governments', () => {
    expect(byId('russia')?.demonyms).toContain('Russian');
    expect(byId('united-states')?.demonyms).toEqual(expect.arrayContaining(['American', 'US']));
    expect(byId('russia-government')?.metonyms).toContain('Moscow');
    expect(byId('uk-government')?.metonyms).toEqual(
      expect.arrayContaining(['London', 'Downing Street', 'Whitehall']),
    );
    expect(byId('european-commission')?.metonyms).toContain('Brussels');
    expect(byId('russia-foreign-ministry')?.aliases).toEqual(
      expect.arrayContaining([
        "Russia's Foreign Ministry",
        'Foreign Ministry of Russia',
        'Russian Ministry of Foreign Affairs',
      ]),
    );
    expect(byId('roskomnadzor')).toMatchObject({
      kind: 'GOVERNMENT_BODY',
      country: 'RU',
      memberOf: 'russia-government',
    });
    expect(byId('nowhere')).toBeUndefined();
  });

  test('loads once and hands out frozen entries', () => {
    const first = loadGazetteer();
    expect(loadGazetteer()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
  });

  test('gives the extractor known actors with proper names only', () => {
    const known = gazetteerAsKnownActors().find((a) => a.id === 'russia-government');
    expect(known).toEqual({
      id: 'russia-government',
      name: 'Russian government',
      kind: 'GOVERNMENT_BODY',
      aliases: expect.not.arrayContaining(['Moscow']),
      country: 'RU',
    });
  });
});

describe('checkGazetteer refuses a bad file', () => {
  const good = () => ({
    group: 'Test',
    actors: [
      {
        id: 'ruritania',
        name: 'Ruritania',
        kind: 'STATE',
        country: 'RU',
        demonyms: ['Ruritanian'],
      },
      {
        id: 'ruritania-government',
        name: 'Ruritanian government',
        kind: 'GOVERNMENT_BODY',
        country: 'RU',
        metonyms: ['Strelsau'],
      },
      {
        id: 'ruritania-regulator',
        name: 'Ruritanian Media Office',
        kind: 'GOVERNMENT_BODY',
        country: 'RU',
        memberOf: 'ruritania-government',
        aliases: ['RMO'],
        descriptions: ['regulator'],
      },
      { id: 'zenda-news', name: 'Zenda News', kind: 'MEDIA_OUTLET' },
    ],
  });
  type File = ReturnType<typeof good> & { actors: any[] };
  const check = (...files: { file: string; data: unknown }[]) => checkGazetteer(files).issues;

  test('accepts the good file', () => {
    expect(check({ file: 'test.json', data: good() })).toEqual([]);
  });

  test.each<[string, (f: File) => void, { actor: string; field: string; reason: RegExp }]>([
    [
      'an unknown kind',
      (f) => (f.actors[2].kind = 'REGULATOR'),
      { actor: 'ruritania-regulator', field: 'kind', reason: /"REGULATOR" is not one of PERSON/ },
    ],
    [
      'a country that is not an ISO code',
      (f) => (f.actors[2].country = 'EU'),
      { actor: 'ruritania-regulator', field: 'country', reason: /not an ISO 3166-1/ },
    ],
    [
      'the reserved code UK',
      (f) => (f.actors[2].country = 'UK'),
      { actor: 'ruritania-regulator', field: 'country', reason: /not an ISO 3166-1/ },
    ],
    [
      'memberOf pointing nowhere',
      (f) => (f.actors[2].memberOf = 'ruritania-govt'),
      { actor: 'ruritania-regulator', field: 'memberOf', reason: /"ruritania-govt" is no actor/ },
    ],
    [
      'memberOf going round in a circle',
      (f) => (f.actors[1].memberOf = 'ruritania-regulator'),
      { actor: 'ruritania-regulator', field: 'memberOf', reason: /circle/ },
    ],
    [
      'an actor a member of itself',
      (f) => (f.actors[3].memberOf = 'zenda-news'),
      { actor: 'zenda-news', field: 'memberOf', reason: /the actor itself/ },
    ],
    [
      'an alias that is another actor’s name',
      (f) => (f.actors[3].aliases = ['The Ruritanian Media Office']),
      { actor: 'zenda-news', field: 'aliases[0]', reason: /also the name of ruritania-regulator/ },
    ],
    [
      'a metonym that is another actor’s alias',
      (f) => (f.actors[3].metonyms = ['rmo']),
      { actor: 'zenda-news', field: 'metonyms[0]', reason: /also aliases\[0\] of ruritania/ },
    ],
    [
      'an alias listed twice',
      (f) => (f.actors[2].aliases = ['RMO', 'Media Office', 'RMO']),
      { actor: 'ruritania-regulator', field: 'aliases[2]', reason: /"RMO" is listed twice/ },
    ],
    [
      'demonyms on a body',
      (f) => (f.actors[1].demonyms = ['Ruritanian']),
      { actor: 'ruritania-government', field: 'demonyms', reason: /only a STATE/ },
    ],
    [
      'a STATE without demonyms',
      (f) => delete f.actors[0].demonyms,
      { actor: 'ruritania', field: 'demonyms', reason: /at least one demonym/ },
    ],
    [
      'a STATE without a country',
      (f) => delete f.actors[0].country,
      { actor: 'ruritania', field: 'country', reason: /required for a STATE/ },
    ],
    [
      'a description with an article',
      (f) => (f.actors[2].descriptions = ['the regulator']),
      { actor: 'ruritania-regulator', field: 'descriptions[0]', reason: /article/ },
    ],
    [
      'a description in capitals',
      (f) => (f.actors[2].descriptions = ['Regulator']),
      { actor: 'ruritania-regulator', field: 'descriptions[0]', reason: /lower-case/ },
    ],
    [
      'a name with stray spaces',
      (f) => (f.actors[3].name = 'Zenda  News '),
      { actor: 'zenda-news', field: 'name', reason: /spaces/ },
    ],
    [
      'a missing name',
      (f) => delete f.actors[3].name,
      { actor: 'zenda-news', field: 'name', reason: /is required/ },
    ],
    [
      'an unknown field',
      (f) => (f.actors[3].wikidataId = 'Q1'),
      { actor: 'zenda-news', field: 'wikidataId', reason: /not a known field/ },
    ],
    [
      'a bad id, named by its place',
      (f) => (f.actors[3].id = 'Zenda News'),
      { actor: 'actors[3]', field: 'id', reason: /lower-case letters/ },
    ],
    [
      'an actor that is not an object',
      (f) => (f.actors[3] = 'zenda-news'),
      { actor: 'actors[3]', field: '', reason: /must be an object/ },
    ],
    [
      'a metonym on a person',
      (f) =>
        f.actors.push({ id: 'rudolf', name: 'Rudolf', kind: 'PERSON', metonyms: ['Strelsau'] }),
      { actor: 'rudolf', field: 'metonyms', reason: /PERSON has no metonyms/ },
    ],
    [
      'a member of a person',
      (f) =>
        f.actors.push(
          { id: 'rudolf', name: 'Rudolf', kind: 'PERSON' },
          {
            id: 'rudolf-office',
            name: 'Office of Rudolf',
            kind: 'GOVERNMENT_BODY',
            memberOf: 'rudolf',
          },
        ),
      { actor: 'rudolf-office', field: 'memberOf', reason: /is a PERSON/ },
    ],
    [
      'two states of one country',
      (f) =>
        f.actors.push({
          id: 'ruritania-two',
          name: 'Ruritania Two',
          kind: 'STATE',
          country: 'RU',
          demonyms: ['Ruritanian'],
        }),
      { actor: 'ruritania-two', field: 'country', reason: /already has the STATE ruritania/ },
    ],
  ])('%s', (_name, breakage, expected) => {
    const data = good() as File;
    breakage(data);
    const issues = check({ file: 'test.json', data });
    expect(issues).toContainEqual({
      file: 'test.json',
      actor: expected.actor,
      field: expected.field,
      reason: expect.stringMatching(expected.reason),
    });
  });

  test('a message names the file, the actor and the field', () => {
    const data = good() as File;
    data.actors[2].kind = 'REGULATOR';
    const [issue] = check({ file: 'test.json', data });
    expect(formatGazetteerIssue(issue!)).toBe(
      'test.json: ruritania-regulator: kind: "REGULATOR" is not one of PERSON, STATE, ' +
        'GOVERNMENT_BODY, PLATFORM, MEDIA_OUTLET, CIVIL_SOCIETY, OTHER_ORGANIZATION',
    );
    expect(new GazetteerError([issue!]).message).toContain('test.json: ruritania-regulator: kind:');
  });

  test('an id used in two files is named in the second, with the first', () => {
    const other = {
      group: 'Other',
      actors: [{ id: 'zenda-news', name: 'Zenda', kind: 'PLATFORM' }],
    };
    expect(check({ file: 'test.json', data: good() }, { file: 'other.json', data: other })).toEqual(
      [
        {
          file: 'other.json',
          actor: 'zenda-news',
          field: 'id',
          reason: 'is also the id of an actor in test.json',
        },
      ],
    );
  });

  test('a name two actors share passes only when both are marked ambiguous', () => {
    const pair = (ambiguous: [boolean, boolean]) => ({
      group: 'Pair',
      actors: [
        {
          id: 'abc-one',
          name: 'ABC One',
          kind: 'MEDIA_OUTLET',
          aliases: ['ABC'],
          ambiguous: ambiguous[0],
        },
        {
          id: 'abc-two',
          name: 'ABC Two',
          kind: 'MEDIA_OUTLET',
          aliases: ['ABC'],
          ambiguous: ambiguous[1],
        },
      ],
    });
    expect(check({ file: 'pair.json', data: pair([true, true]) })).toEqual([]);
    expect(check({ file: 'pair.json', data: pair([true, false]) })).toEqual([
      expect.objectContaining({ actor: 'abc-two', field: 'aliases[0]' }),
    ]);
  });

  test('a file that is not { group, actors } is named with its field', () => {
    expect(check({ file: 'x.json', data: [] })).toEqual([
      { file: 'x.json', actor: '', field: '', reason: 'must be an object' },
    ]);
    expect(check({ file: 'y.json', data: { group: 'Y', actors: [], extra: 1 } })).toEqual(
      expect.arrayContaining([
        { file: 'y.json', actor: '', field: 'actors', reason: 'has no actors' },
        { file: 'y.json', actor: '', field: 'extra', reason: 'is not a known field' },
      ]),
    );
  });
});
