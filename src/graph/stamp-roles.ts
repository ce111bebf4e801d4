// Keeps the order properties of role relationships (role-order.ts) right. Every writer that
// creates, moves or removes an event's participants or changes its date calls stampRoles with
// those events' ids inside its own transaction (write-articles.ts, curation.ts, duplicates.ts),
// so no reader ever sees an event whose relationships disagree with its date. The values come
// from roleOrderProperties in JavaScript, the one definition the bulk importer shares.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { PARTICIPANT_ROLES } from '../ontology';
import neo4j from 'neo4j-driver';
import { defineQuery, runIn, type Graph } from './driver';
import { isRepeatedRole, roleOrderProperties, type RoleOrderProperties } from './role-order';
import { hasRun, markRun } from './schema-marker';

const ROLES = PARTICIPANT_ROLES.join('|');

const rolesOfEvents = defineQuery(
  'roleOrderOfEvents',
  `UNWIND $ids AS id
   MATCH (e:Event {id: id})
   RETURN e.id AS eventId, toString(e.occurredOn) AS occurredOn,
     [(e)-[r:${ROLES}]->(a:Actor) | {rel: elementId(r), role: type(r), actorId: a.id,
       stamped: {actorId: r.actorId, orderAsc: r.orderAsc, orderDesc: r.orderDesc, repeatOf: r.repeatOf}}] AS roles`,
  z.object({
    eventId: z.string(),
    occurredOn: z.string().nullable(),
    roles: z.array(
      z.object({
        rel: z.string(),
        role: z.string(),
        actorId: z.string(),
        stamped: z.object({
          actorId: z.string().nullable(),
          orderAsc: z.string().nullable(),
          orderDesc: z.string().nullable(),
          repeatOf: z.string().nullable(),
        }),
      }),
    ),
  }),
);

const writeStamps = defineQuery(
  'roleOrderStamp',
  `UNWIND $rows AS row
   MATCH ()-[r]->() WHERE elementId(r) = row.rel
   SET r.actorId = row.actorId, r.orderAsc = row.orderAsc, r.orderDesc = row.orderDesc,
     r.repeatOf = row.repeatOf
   RETURN count(r) AS n`,
  z.object({ n: z.number() }),
);

type Stamp = { [K in keyof RoleOrderProperties]: string | null };
const same = (a: Stamp, b: Stamp) =>
  a.actorId === b.actorId &&
  a.orderAsc === b.orderAsc &&
  a.orderDesc === b.orderDesc &&
  a.repeatOf === b.repeatOf;

/**
 * Stamps the role relationships of the events `eventIds` (unknown ids are skipped) with their order
 * properties; only relationships whose stamp is missing or stale are written. Returns how many were.
 */
export async function stampRoles(
  tx: ManagedTransaction,
  eventIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(eventIds)];
  if (ids.length === 0) return 0;
  const rows: (RoleOrderProperties & { rel: string })[] = [];
  for (const e of await runIn(tx, rolesOfEvents, { ids })) {
    const held = new Map<string, string[]>();
    for (const r of e.roles) held.set(r.actorId, [...(held.get(r.actorId) ?? []), r.role]);
    for (const r of e.roles) {
      const repeated = isRepeatedRole(r.role, held.get(r.actorId) ?? []);
      const props = roleOrderProperties(r.actorId, e.occurredOn, e.eventId, repeated);
      if (!same(props, r.stamped)) rows.push({ rel: r.rel, ...props });
    }
  }
  if (rows.length === 0) return 0;
  const [written] = await runIn(tx, writeStamps, { rows });
  return written?.n ?? 0;
}

// The migration of databases written before the stamps. A marker node records the version of the
// stamps the whole graph has, so that a start after the first finds it and reads nothing else:
// (:SchemaMarker {name: 'roleOrder', version: ROLE_ORDER_VERSION}). A new version of the stamps
// (a change to roleOrderProperties) raises ROLE_ORDER_VERSION, and the next start stamps again.
export const ROLE_ORDER_VERSION = 1;
const ROLE_ORDER_MARKER = 'roleOrder';

const eventIdsAfter = defineQuery(
  'roleOrderEventIds',
  `MATCH (e:Event) WHERE e.id > $after RETURN e.id AS id ORDER BY e.id LIMIT $batch`,
  z.object({ id: z.string() }),
);

/**
 * Stamps every event's role relationships, a batch of events per transaction, unless the marker
 * says this version has done so already. Returns how many relationships were written (0 when the
 * marker was found).
 */
export async function stampAllRoles(graph: Graph, batch = 2000): Promise<number> {
  if (await hasRun(graph, ROLE_ORDER_MARKER, ROLE_ORDER_VERSION)) return 0;
  let written = 0;
  let after = '';
  for (;;) {
    const ids = (await graph.read(eventIdsAfter, { after, batch: neo4j.int(batch) })).map(
      (r) => r.id,
    );
    if (ids.length === 0) break;
    written += await graph.writeTx((tx) => stampRoles(tx, ids));
    after = ids[ids.length - 1]!;
  }
  await markRolesStamped(graph);
  return written;
}

/** Records that every role relationship carries this version's stamps (the bulk loader writes them). */
export async function markRolesStamped(graph: Graph): Promise<void> {
  await markRun(graph, ROLE_ORDER_MARKER, ROLE_ORDER_VERSION);
}
