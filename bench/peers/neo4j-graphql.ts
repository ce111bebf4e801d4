// The @neo4j/graphql peer: the same graph served by Neo4j's own GraphQL library, with type
// definitions written the way a user of that library would write them over our labels and
// relationship types. It only reads: mutations are switched off, and it never creates or asserts
// indexes or constraints (our migrations own the schema; assertIndexesAndConstraints is not called).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL, type Neo4jGraphQLContext } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { SEARCH_INDEX } from '../../src/graph/migrations';
import { ACTOR_KINDS, EVENT_TYPES, MODALITIES } from '../../src/ontology';

const enumOf = (name: string, values: readonly string[]) =>
  `enum ${name} {\n  ${values.join('\n  ')}\n}`;

/** One relationship field per participant role, as seen from the event and from the actor. */
export const ROLE_FIELDS = [
  { role: 'AGENT', onEvent: 'agents', onActor: 'agentIn' },
  { role: 'TARGET', onEvent: 'targets', onActor: 'targetIn' },
  { role: 'BENEFICIARY', onEvent: 'beneficiaries', onActor: 'beneficiaryIn' },
  { role: 'FUNDS_SOURCE', onEvent: 'fundsSources', onActor: 'fundsSourceIn' },
  { role: 'ON_BEHALF_OF', onEvent: 'onBehalfOf', onActor: 'onBehalfOfIn' },
] as const;

/** One relationship field per link kind and direction. */
export const LINK_FIELDS = [
  { kind: 'RESPONDS_TO', outgoing: 'respondsTo', incoming: 'responses' },
  { kind: 'JUSTIFIED_BY', outgoing: 'justifiedBy', incoming: 'justifies' },
  { kind: 'PART_OF', outgoing: 'partOf', incoming: 'parts' },
  { kind: 'IN_CONTEXT_OF', outgoing: 'inContextOf', incoming: 'contextFor' },
] as const;

const PARTICIPANT_TYPES = ROLE_FIELDS.map((r) => r.role).join('|');
// A variable-length bound cannot be a parameter: 4 events are 8 participant relationships.
const MAX_PATH_RELS = 8;

const fulltext = (queryName: string, fields: string[]) =>
  `@fulltext(indexes: [{ indexName: "${SEARCH_INDEX}", queryName: "${queryName}", fields: ${JSON.stringify(fields)} }])`;

export const TYPE_DEFS = `
extend schema @mutation(operations: [])

${enumOf('ActorKind', ACTOR_KINDS)}

${enumOf('EventType', EVENT_TYPES)}

${enumOf('Modality', MODALITIES)}

${enumOf('DatePrecision', ['DAY', 'MONTH', 'YEAR', 'UNKNOWN'])}

type Actor @node ${fulltext('actorsFulltext', ['name'])} {
  id: ID!
  name: String!
  kind: ActorKind!
  aliases: [String!]!
  country: String
  wikidataId: String
${ROLE_FIELDS.map((r) => `  ${r.onActor}: [Event!]! @relationship(type: "${r.role}", direction: IN)`).join('\n')}
  quotes: [Quote!]! @relationship(type: "SAID", direction: OUT)
  claims: [Claim!]! @relationship(type: "CLAIMS", direction: OUT)
}

type Event @node ${fulltext('eventsFulltext', ['summary'])} {
  id: ID!
  type: EventType!
  summary: String!
  occurredOn: Date
  datePrecision: DatePrecision!
  dateNote: String
  modality: Modality!
  confidence: Float!
${ROLE_FIELDS.map((r) => `  ${r.onEvent}: [Actor!]! @relationship(type: "${r.role}", direction: OUT)`).join('\n')}
${LINK_FIELDS.map(
  (l) => `  ${l.outgoing}: [Event!]! @relationship(type: "${l.kind}", direction: OUT)
  ${l.incoming}: [Event!]! @relationship(type: "${l.kind}", direction: IN)`,
).join('\n')}
  quotes: [Quote!]! @relationship(type: "MADE_IN", direction: IN)
  claims: [Claim!]! @relationship(type: "MADE_IN", direction: IN)
  reportedIn: [Article!]! @relationship(type: "REPORTS", direction: IN, properties: "Reports")
}

type Reports @relationshipProperties {
  evStart: [Int!]
  evEnd: [Int!]
  evText: [String!]
}

type Article @node ${fulltext('articlesFulltext', ['title', 'text'])} {
  id: ID!
  title: String
  url: String
  dateline: String
  publishedOn: Date
  text: String!
  publishedBy: [Actor!]! @relationship(type: "PUBLISHED_BY", direction: OUT)
  reports: [Event!]! @relationship(type: "REPORTS", direction: OUT, properties: "Reports")
}

type Quote @node ${fulltext('quotesFulltext', ['text'])} {
  id: ID!
  text: String!
  speaker: [Actor!]! @relationship(type: "SAID", direction: IN)
  madeIn: [Event!]! @relationship(type: "MADE_IN", direction: OUT)
}

type Claim @node ${fulltext('claimsFulltext', ['text'])} {
  id: ID!
  text: String!
  verbatim: Boolean
  claimant: [Actor!]! @relationship(type: "CLAIMS", direction: IN)
  about: [Actor!]! @relationship(type: "ABOUT", direction: OUT)
  madeIn: [Event!]! @relationship(type: "MADE_IN", direction: OUT)
}

union PathNode = Actor | Event

type Query {
  "The nodes of the shortest chain of events (at most 4) linking two actors: actor, event, ... actor."
  actorPath(fromId: ID!, toId: ID!): [PathNode!]!
    @cypher(
      statement: """
      MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
      MATCH p = shortestPath((a)-[:${PARTICIPANT_TYPES}*..${MAX_PATH_RELS}]-(b))
      UNWIND nodes(p) AS n
      RETURN n
      """
      columnName: "n"
    )
}
`;

export interface PeerServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the @neo4j/graphql schema and serves it with graphql-yoga on 127.0.0.1:port (0: any). */
export async function startNeo4jGraphqlServer(opts: {
  driver: Driver;
  database: string;
  port: number;
}): Promise<PeerServer> {
  const neoSchema = new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver: opts.driver });
  const schema = await neoSchema.getSchema();
  const yoga = createYoga<Record<string, unknown>, Neo4jGraphQLContext>({
    schema,
    context: (): Neo4jGraphQLContext => ({ sessionConfig: { database: opts.database } }),
    graphiql: false,
    landingPage: false,
    logging: 'warn',
  });
  const server = createServer((req, res) => void yoga(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${yoga.graphqlEndpoint}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
