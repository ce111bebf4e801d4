// `npm run bench -- --plans`: what one page of an actor's events costs Neo4j, for a quiet actor
// (10 events) and a busy one (100,000), in the plans of our API's statements and of the Cypher
// floor's. Database hits are counted by PROFILE, not timed, so the figures are the same on any
// machine; they go to bench/results/plans.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { PROJECT_ROOT, type LocalNeo4jConfig } from '../src/config';
import {
  eventsCountParams,
  eventsCountQuery,
  eventsPageParams,
  eventsPageQuery,
  type EventKeyset,
  type EventPageSpec,
} from '../src/graph/reads/events-page';
import { roleOrderProperties } from '../src/graph/role-order';
import { PARTICIPANT_ROLES } from '../src/ontology';
import { startBenchNeo4j } from './neo4j';
import {
  floorActorNeighbourhoodStatement,
  floorEventsByActorStatement,
  type EventsByActorParams,
} from './peers/cypher-floor';

const PASSWORD = 'mediagraph-bench';
const BOLT_PORT = 36687;
const HTTP_PORT = 36474;
const PAGE = 20;
const BUSY = { id: 'plans-busy', events: 100_000 };
const QUIET = { id: 'plans-quiet', events: 10 };
const TYPES = ['AD_BAN', 'BROADCAST_BAN', 'CRITICISM', 'STATEMENT'];
/** The bench's filter (Q1, Q2): two of the four types, in a range of most of the dates. */
const FILTER_TYPES = ['AD_BAN', 'STATEMENT'];
const FROM = '2015-01-01';
const TO = '2024-12-31';
const OUT = path.join(PROJECT_ROOT, 'bench', 'results', 'plans.md');

const log = (line: string) => process.stdout.write(`${line}\n`);

interface SyntheticEvent {
  id: string;
  type: string;
  occurredOn: string | null;
}

/** Events of actor `actorId`: dates spread over ten years, a few unknown, four types in turn. */
function eventsOf(actorId: string, n: number): SyntheticEvent[] {
  const start = Date.UTC(2015, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    id: `${actorId}-${String(i).padStart(6, '0')}`,
    type: TYPES[i % TYPES.length]!,
    occurredOn:
      i % 97 === 0
        ? null
        : new Date(start + ((i * 7919) % 3650) * 86_400_000).toISOString().slice(0, 10),
  }));
}

/**
 * The role of event i: mostly AGENT, some of each other role, and every 50th event a second role
 * (TARGET) of the same actor, which the page must show once.
 */
const rolesOf = (i: number): string[] => {
  const first = i % 10 < 6 ? 'AGENT' : PARTICIPANT_ROLES[(i % 10) - 5]!;
  return i % 50 === 0 && first === 'AGENT' ? ['AGENT', 'TARGET'] : [first];
};

// The graph is written directly, with the order properties the graph's writers stamp: from
// roleOrderProperties, as the bulk importer writes them. A second actor takes part in every
// event, so each event has two participants as most real ones do.
const writeEvents = `/* plansWriteEvents */
UNWIND $rows AS row
MATCH (a:Actor {id: row.actorId}), (other:Actor {id: 'plans-other'})
CREATE (e:Event {id: row.id, type: row.type, summary: 'synthetic', datePrecision: 'DAY',
  modality: 'ASSERTED', confidence: 0.5})
SET e.occurredOn = date(row.occurredOn)
WITH e, a, row, other
CALL (e, a, row) {
  UNWIND row.roles AS role
  CREATE (e)-[r:$(role.type)]->(a)
  SET r += role.props
}
CREATE (e)-[:TARGET {actorId: 'plans-other', orderAsc: row.otherAsc, orderDesc: row.otherDesc}]->(other)`;

async function build(driver: Driver): Promise<Map<string, SyntheticEvent[]>> {
  await driver.executeQuery(
    `/* plansActors */ UNWIND $ids AS id CREATE (:Actor {id: id, name: id, kind: 'MEDIA_OUTLET'})`,
    { ids: [BUSY.id, QUIET.id, 'plans-other'] },
  );
  const all = new Map<string, SyntheticEvent[]>();
  for (const actor of [BUSY, QUIET]) {
    const events = eventsOf(actor.id, actor.events);
    all.set(actor.id, events);
    for (let from = 0; from < events.length; from += 10_000) {
      const rows = events.slice(from, from + 10_000).map((e, j) => {
        const i = from + j;
        const roles = rolesOf(i);
        const other = roleOrderProperties('plans-other', e.occurredOn, e.id);
        return {
          ...e,
          actorId: actor.id,
          roles: roles.map((type, k) => ({
            type,
            props: roleOrderProperties(actor.id, e.occurredOn, e.id, k > 0),
          })),
          otherAsc: other.orderAsc,
          otherDesc: other.orderDesc,
        };
      });
      await driver.executeQuery(writeEvents, { rows });
    }
    log(`  ${actor.id}: ${events.length} events`);
  }
  return all;
}

/** The page order's cursor of the event `n` places into the filtered walk (Q2's cursor). */
function deepCursor(events: SyntheticEvent[], filtered: boolean, n: number): EventKeyset {
  const walk = events
    .filter(
      (e) =>
        !filtered ||
        (FILTER_TYPES.includes(e.type) &&
          e.occurredOn !== null &&
          e.occurredOn >= FROM &&
          e.occurredOn <= TO),
    )
    .map((e) => ({ date: e.occurredOn ?? '9999-12-31', id: e.id }))
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
  return walk[Math.min(n, walk.length) - 1]!;
}

interface Operator {
  depth: number;
  name: string;
  rows: number;
  dbHits: number;
  details: string;
}

function operators(plan: ProfiledPlan, depth = 0): Operator[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const args = plan.arguments as Record<string, unknown>;
  const details = text(args.Details).replace(/\s+/g, ' ').slice(0, 160);
  const order = text(args.Order) ? ` (order: ${text(args.Order)})` : '';
  return [
    {
      depth,
      name: plan.operatorType.replace(/@.*$/, ''),
      rows: plan.rows,
      dbHits: plan.dbHits,
      details: `${details}${order}`,
    },
    ...plan.children.flatMap((c) => operators(c, depth + 1)),
  ];
}

interface Profiled {
  label: string;
  actor: string;
  ops: Operator[];
  rows: number;
  dbHits: number;
}

async function profile(
  driver: Driver,
  label: string,
  actor: string,
  cypher: string,
  params: Record<string, unknown>,
): Promise<Profiled> {
  const result = await driver.executeQuery(`PROFILE ${cypher}`, params, { database: 'neo4j' });
  const plan = result.summary.profile;
  if (!plan) throw new Error(`no profile for ${label}`);
  const ops = operators(plan);
  return {
    label,
    actor,
    ops,
    rows: result.records.length,
    dbHits: ops.reduce((sum, o) => sum + o.dbHits, 0),
  };
}

// The statement before the role order index, for comparison: every role relationship of the
// actor expanded, each event's date read, then sorted.
const EXPAND_AND_SORT = `/* eventsPage_actor, before the role order index */
UNWIND $scopeIds AS scopeId
CALL (scopeId) {
  MATCH (:Actor {id: scopeId})<-[:${PARTICIPANT_ROLES.join('|')}]-(e:Event)
  WITH DISTINCT e
  WITH e, coalesce(e.occurredOn, date('9999-12-31')) AS k
  RETURN e, k
  ORDER BY k ASC, e.id ASC
  LIMIT toInteger($limit)
}
RETURN scopeId, toString(k) AS sortDate, e.id AS id`;

async function profiles(driver: Driver, all: Map<string, SyntheticEvent[]>): Promise<Profiled[]> {
  const out: Profiled[] = [];
  for (const actor of [QUIET, BUSY]) {
    const events = all.get(actor.id)!;
    const deep = Math.floor(events.length / 2);
    const actorSpec: EventPageSpec = { scope: 'actor', filter: {}, direction: 'ASC' };
    const descSpec: EventPageSpec = { scope: 'actor', filter: {}, direction: 'DESC' };
    const benchSpec: EventPageSpec = {
      scope: 'all',
      filter: { actorId: actor.id, types: FILTER_TYPES, occurredFrom: FROM, occurredTo: TO },
      direction: 'ASC',
    };
    const ours = async (label: string, spec: EventPageSpec, after: EventKeyset | null) => {
      const q = eventsPageQuery(spec, after !== null);
      const scope = spec.scope === 'actor' ? actor.id : 'all';
      out.push(
        await profile(
          driver,
          label,
          actor.id,
          q.cypher,
          eventsPageParams(spec, [scope], PAGE + 1, after),
        ),
      );
    };
    await ours('ours: Actor.events, first page', actorSpec, null);
    await ours('ours: Actor.events, deep page', actorSpec, deepCursor(events, false, deep));
    await ours('ours: Actor.events DESC, first page', descSpec, null);
    await ours('ours: Q1 events(filter), first page', benchSpec, null);
    await ours(
      'ours: Q2 events(filter), deep page',
      benchSpec,
      deepCursor(events, true, Math.floor(deep / 2)),
    );
    const count = eventsCountQuery(actorSpec);
    out.push(
      await profile(
        driver,
        'ours: Actor.events totalCount',
        actor.id,
        count.cypher,
        eventsCountParams(actorSpec, [actor.id]),
      ),
    );
    const p: EventsByActorParams = {
      actorId: actor.id,
      types: FILTER_TYPES,
      from: FROM,
      to: TO,
      first: PAGE,
    };
    const floor = async (label: string, s: { cypher: string; params: Record<string, unknown> }) =>
      out.push(await profile(driver, label, actor.id, s.cypher, s.params));
    await floor('floor: Q1 first page', floorEventsByActorStatement(p, null));
    const after = deepCursor(events, true, Math.floor(deep / 2));
    await floor(
      'floor: Q2 deep page',
      floorEventsByActorStatement(p, { occurredOn: after.date, id: after.id }),
    );
    await floor(
      'floor: Q4 neighbourhood',
      floorActorNeighbourhoodStatement({ actorId: actor.id, first: PAGE }),
    );
    out.push(
      await profile(driver, 'before: expand and sort, first page', actor.id, EXPAND_AND_SORT, {
        scopeIds: [actor.id],
        limit: PAGE + 1,
      }),
    );
  }
  return out;
}

function report(results: Profiled[]): string {
  const labels = [...new Set(results.map((r) => r.label))];
  const of = (label: string, actor: string) =>
    results.find((r) => r.label === label && r.actor === actor)!;
  const lines = [
    "# What a page of an actor's events costs: plans",
    '',
    'Written by `npm run bench -- --plans` (bench/plans.ts): a synthetic graph with one actor in',
    `${QUIET.events} events and one in ${BUSY.events.toLocaleString('en')} (dates over ten years, some unknown; four types;`,
    'every role, and every 50th event with the actor in two roles), each statement run once with',
    'PROFILE. Database hits are counted by Neo4j, not timed. Pages are of ' +
      `${PAGE} events (our API asks for ${PAGE + 1} to know whether there is a next page); the`,
    `filtered pages (Q1, Q2) ask for types ${FILTER_TYPES.join(', ')} from ${FROM} to ${TO}; a deep page is`,
    'the one after a cursor halfway through the walk.',
    '',
    '## Total database hits',
    '',
    `| statement | ${QUIET.events} events: db hits | rows | ${BUSY.events.toLocaleString('en')} events: db hits | rows |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...labels.map((label) => {
      const q = of(label, QUIET.id);
      const b = of(label, BUSY.id);
      return `| ${label} | ${q.dbHits} | ${q.rows} | ${b.dbHits} | ${b.rows} |`;
    }),
    '',
    'The "before" row is the statement our API sent until the role order index (an expand of all of',
    "the actor's role relationships, then a sort), kept for comparison.",
    '',
    '## Rows and db hits per operator',
    '',
  ];
  for (const label of labels) {
    for (const actor of [QUIET.id, BUSY.id]) {
      const r = of(label, actor);
      lines.push(`### ${label}: ${actor}`, '', '| operator | rows | db hits | details |');
      lines.push('| --- | ---: | ---: | --- |');
      for (const o of r.ops) {
        const name = `${'&nbsp;&nbsp;'.repeat(o.depth)}${o.name}`;
        lines.push(`| ${name} | ${o.rows} | ${o.dbHits} | ${o.details.replace(/\|/g, '\\|')} |`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function plansBenchmark(): Promise<void> {
  const local: LocalNeo4jConfig = {
    home: path.join(PROJECT_ROOT, 'var', 'neo4j-bench-plans'),
    boltPort: BOLT_PORT,
    httpPort: HTTP_PORT,
    heap: '1g',
    pagecache: '512m',
    startTimeoutMs: 180_000,
  };
  const { server, uri } = await startBenchNeo4j(local, PASSWORD, log);
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', PASSWORD));
  try {
    log('Writing the synthetic graph ...');
    const all = await build(driver);
    // Fresh statistics, so that the planner sees the graph as it is.
    await driver.executeQuery('/* plansAwaitIndexes */ CALL db.awaitIndexes(300)');
    await driver.executeQuery('/* plansResample */ CALL db.resampleOutdatedIndexes()');
    await driver.executeQuery('/* plansAwaitIndexes */ CALL db.awaitIndexes(300)');
    const results = await profiles(driver, all);
    writeFileSync(OUT, report(results));
    for (const r of results)
      log(`  ${r.actor.padEnd(12)} ${String(r.dbHits).padStart(8)}  ${r.label}`);
    log(`Wrote ${path.relative(PROJECT_ROOT, OUT)}`);
  } finally {
    await driver.close();
    await server.stop();
  }
}
