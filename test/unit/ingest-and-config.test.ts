// What the loader will write, the ontology's codes, the configuration and the local Neo4j's
// settings: all without a database.
import { readFileSync } from 'node:fs';
import {
  ConfigError,
  loadConfig,
  LOCAL_DEFAULT_PASSWORD,
  localMemoryDefaults,
} from '../../src/config';
import { toWriteBatch } from '../../src/ingest/batch';
import { renderNeo4jConf, jvmFlags } from '../../src/local-neo4j/conf';
import { cameoFor, ploverFor } from '../../src/ontology';
import { SEED_JSON, SEED_TXT } from '../support/bad-input';

describe('write batch', () => {
  const batch = toWriteBatch([
    {
      file: SEED_JSON,
      text: readFileSync(SEED_TXT, 'utf8'),
      annotation: JSON.parse(readFileSync(SEED_JSON, 'utf8')),
    },
  ]);

  test('gives every row the label or relationship type it gets', () => {
    const byLabel = (label: string) =>
      batch.actors.filter((a) => a.label === label).map((a) => a.id);
    expect(new Set(batch.actors.map((a) => a.label))).toEqual(
      new Set(['CivilSociety', 'GovernmentBody', 'MediaOutlet', 'Person', 'Platform', 'State']),
    );
    expect(byLabel('MediaOutlet').sort()).toEqual(['rt', 'sputnik', 'tass']);
    expect(
      batch.events
        .filter((e) => e.label === 'Sanction')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['twitter-ad-ban-rt-sputnik', 'us-moves-against-rt-sputnik']);
    expect(batch.participants.filter((p) => p.role === 'FUNDS_SOURCE')).toEqual([
      expect.objectContaining({ eventId: 'twitter-pledges-rt-ad-revenue', actorId: 'rt' }),
    ]);
    expect(
      batch.links
        .filter((l) => l.kind === 'JUSTIFIED_BY')
        .map((l) => l.to)
        .sort(),
    ).toEqual(['twitter-review-of-election-reports', 'us-ic-accuses-rt-sputnik']);
  });

  test('derives the crosswalk codes and keeps outside knowledge apart', () => {
    const donation = batch.events.find((e) => e.type === 'DONATION')!;
    expect([donation.cameoCode, donation.ploverType, donation.amount, donation.currency]).toEqual([
      '0331',
      'AGREE',
      1_900_000,
      'USD',
    ]);
    expect(donation.externalFields).toContain('occurredOn');
    expect(batch.articles[0]!.externalFields).toEqual(['publishedOn']);
  });
});

describe('ontology crosswalk', () => {
  test('a given donation is aid, a pledged one an agreement', () => {
    expect(cameoFor('DONATION', 'PLEDGED', false)?.code).toBe('0331');
    expect(cameoFor('DONATION', 'ASSERTED', false)?.code).toBe('071');
    expect(ploverFor('DONATION', 'ASSERTED')).toEqual({ type: 'AID', mode: null });
  });
  test('mild criticism is 110; elections have no code', () => {
    expect(cameoFor('CRITICISM', 'ASSERTED', true)).toEqual({ code: '110', label: 'Disapprove' });
    expect(cameoFor('ELECTION', 'ASSERTED', false)).toBeNull();
    expect(ploverFor('RETALIATION_VOW', 'ASSERTED')).toEqual({
      type: 'THREATEN',
      mode: 'restrict',
    });
  });
});

describe('configuration', () => {
  test('defaults run a local Neo4j on loopback', () => {
    const c = loadConfig({});
    expect(c.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(c.neo4j.password).toBe(LOCAL_DEFAULT_PASSWORD);
    expect(c.neo4j.local?.httpPort).toBe(7474);
    expect(c.http).toEqual({ host: '127.0.0.1', port: 4000 });
  });
  test('NEO4J_URI means no local Neo4j, and needs a password', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io' })).toThrow(
      /NEO4J_PASSWORD: is required/,
    );
    const c = loadConfig({ NEO4J_URI: 'neo4j://cluster:7687', NEO4J_PASSWORD: 'secret' });
    expect(c.neo4j.local).toBeNull();
    expect(c.neo4j.uri).toBe('neo4j://cluster:7687');
  });
  test('NEO4J_LOCAL_SCHEME=neo4j reaches the local Neo4j through a routing driver', () => {
    const c = loadConfig({ NEO4J_LOCAL_SCHEME: 'neo4j', NEO4J_BOLT_PORT: '17687' });
    expect(c.neo4j.uri).toBe('neo4j://127.0.0.1:17687');
    expect(c.neo4j.local?.boltPort).toBe(17687);
  });
  test("the local Neo4j's memory follows the machine's unless set", () => {
    const GiB = 2 ** 30;
    expect(localMemoryDefaults(24 * GiB)).toEqual({ heap: '3g', pagecache: '6g' });
    expect(localMemoryDefaults(4 * GiB)).toEqual({ heap: '512m', pagecache: '1g' });
    expect(localMemoryDefaults(1 * GiB)).toEqual({ heap: '512m', pagecache: '512m' });
    expect(localMemoryDefaults(256 * GiB)).toEqual({ heap: '8g', pagecache: '16g' });
    expect(localMemoryDefaults(10 * GiB)).toEqual({ heap: '1280m', pagecache: '2560m' });
    const set = loadConfig({ NEO4J_HEAP: '2g', NEO4J_PAGECACHE: '700m' });
    expect(set.neo4j.local).toMatchObject({ heap: '2g', pagecache: '700m' });
    expect(loadConfig({}).neo4j.local).toMatchObject(localMemoryDefaults());
  });
  test('bad values are named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: /);
    expect(() => loadConfig({ NEO4J_URI: 'http://x', NEO4J_PASSWORD: 'secret' })).toThrow(
      /NEO4J_URI: a neo4j:\/\/ or bolt:\/\//,
    );
    expect(() => loadConfig({ NEO4J_PASSWORD: 'short' })).toThrow(/at least 8 characters/);
  });
});

describe('local Neo4j settings', () => {
  const local = {
    home: '/data/mg',
    boltPort: 17687,
    httpPort: 17474,
    heap: '512m',
    pagecache: '128m',
    startTimeoutMs: 1000,
  };
  test('listens on loopback at the configured ports and advertises them', () => {
    const conf = renderNeo4jConf(local, '/lib');
    expect(conf).toContain('server.bolt.listen_address=127.0.0.1:17687');
    expect(conf).toContain('server.bolt.advertised_address=127.0.0.1:17687');
    expect(conf).toContain('server.http.listen_address=127.0.0.1:17474');
    expect(conf).toContain('dbms.security.auth_enabled=true');
    expect(conf).toContain('server.directories.data=/data/mg/data');
  });
  test("passes the JVM flags of Neo4j's own neo4j.conf", () => {
    expect(jvmFlags(local)).toEqual(
      expect.arrayContaining([
        '-Xmx512m',
        '--add-opens=java.base/java.nio=ALL-UNNAMED',
        '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      ]),
    );
  });
});
