// The graph's schema: uniqueness on every key the loader MERGEs on (event aliases too), indexes for the analysts'
// filters and the full-text index behind `search`; the API keys' ids and the audit log. Every statement is idempotent (IF NOT EXISTS),
// so `mediagraph migrate` can run at every start.
import { z } from 'zod';
import { fillMissingCaptions } from './captions';
import { defineQuery, type Graph } from './driver';
import { storeWholeNumbersAsIntegers } from './integer-properties';
import { PARTICIPANT_ROLES } from '../ontology';
import { ORDER_PROPERTY, roleIndexNames } from './role-order';
import { ensureSearchIndex } from './search-index';
import { stampAllRoles } from './stamp-roles';

export { SEARCH_INDEX } from './search-index';

const none = z.object({}).passthrough();

const STATEMENTS: { name: string; cypher: string }[] = [
  ...(
    ['Article', 'Actor', 'Event', 'Quote', 'Claim', 'ApiKey', 'AuditRecord', 'EventAlias'] as const
  ).map((label) => ({
    name: `constraint${label}Id`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  })),
  {
    name: 'indexEventType',
    cypher: 'CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type)',
  },
  {
    name: 'indexEventOccurredOn',
    cypher: 'CREATE INDEX event_occurred_on IF NOT EXISTS FOR (e:Event) ON (e.occurredOn)',
  },
  {
    name: 'indexEventTypeOccurredOn',
    cypher:
      'CREATE INDEX event_type_occurred_on IF NOT EXISTS FOR (e:Event) ON (e.type, e.occurredOn)',
  },
  {
    name: 'indexActorName',
    cypher: 'CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)',
  },
  {
    // Serves ActorFilter.nameContains: lower-cased name and aliases joined in one string.
    name: 'indexActorNamesText',
    cypher: 'CREATE TEXT INDEX actor_names_lower IF NOT EXISTS FOR (a:Actor) ON (a.namesLower)',
  },
  {
    name: 'indexArticlePublishedOn',
    cypher: 'CREATE INDEX article_published_on IF NOT EXISTS FOR (a:Article) ON (a.publishedOn)',
  },
  {
    // The audit log of one object, newest first, and the whole log in time order.
    name: 'indexAuditTarget',
    cypher: 'CREATE INDEX audit_target IF NOT EXISTS FOR (r:AuditRecord) ON (r.targetId, r.at)',
  },
  {
    name: 'indexAuditAt',
    cypher: 'CREATE INDEX audit_at IF NOT EXISTS FOR (r:AuditRecord) ON (r.at)',
  },
  {
    // The analysts' queue of possible duplicates, the highest score first.
    name: 'indexPossibleDuplicateScore',
    cypher:
      'CREATE INDEX possible_duplicate_score IF NOT EXISTS FOR ()-[d:POSSIBLE_DUPLICATE]-() ON (d.score)',
  },
  // An actor's events by date, in each direction, through the order properties of its role
  // relationships (role-order.ts): a page is a seek that stops after the page. The repeat index
  // finds the few events where the actor holds two roles, which the event count subtracts.
  ...PARTICIPANT_ROLES.flatMap((role) => {
    const names = roleIndexNames(role);
    const on = `FOR ()-[r:${role}]-() ON`;
    return [
      ...(['ASC', 'DESC'] as const).map((d) => ({
        name: `indexRoleOrder${d === 'ASC' ? 'Asc' : 'Desc'}${role}`,
        cypher: `CREATE INDEX ${d === 'ASC' ? names.asc : names.desc} IF NOT EXISTS ${on} (r.actorId, r.${ORDER_PROPERTY[d]})`,
      })),
      {
        name: `indexRoleRepeat${role}`,
        cypher: `CREATE INDEX ${names.repeat} IF NOT EXISTS ${on} (r.repeatOf)`,
      },
    ];
  }),
];

export async function migrate(graph: Graph): Promise<string[]> {
  // Schema changes cannot share a transaction with each other's data, so each runs alone.
  for (const s of STATEMENTS) await graph.write(defineQuery(s.name, s.cypher, none));
  // Not a statement: an index of an older definition is rebuilt (see search-index.ts).
  await ensureSearchIndex(graph);
  await graph.write(defineQuery('awaitIndexes', 'CALL db.awaitIndexes(300)', none));
  // Data, after the schema: offsets an older version stored as FLOAT become INTEGER.
  await storeWholeNumbersAsIntegers(graph);
  // Data written before captions existed (browser/mediagraph.grass draws them); a no-op after.
  await fillMissingCaptions(graph);
  // Role relationships written before their order properties; once, then a marker says so.
  await stampAllRoles(graph);
  return [
    ...STATEMENTS.map((s) => s.name),
    'indexFullText',
    'fillMissingCaptions',
    'stampRoleOrder',
  ];
}
