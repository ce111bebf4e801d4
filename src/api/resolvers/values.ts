// Field resolvers of the value types that hang off nodes, and the Date scalar.
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type {
  EventConnectionResolvers,
  ActorConnectionResolvers,
  ArticleConnectionResolvers,
  AuditRecordConnectionResolvers,
  EventLinkResolvers,
  EvidenceResolvers,
  ParticipantResolvers,
  PositionResolvers,
  SearchSnippetResolvers,
} from '../../generated/graphql';
import { isCalendarDate } from '../../calendar';
import { quote } from '../../ingest/validate';

export const Participant: ParticipantResolvers = {
  actor: async (p, _, { loaders }) => (await loaders.actor.load(p.actorId))!,
};

export const Position: PositionResolvers = {
  organization: async (p, _, { loaders }) => (await loaders.actor.load(p.organizationId))!,
};

export const EventLink: EventLinkResolvers = {
  other: async (l, _, { loaders }) => (await loaders.event.load(l.otherId))!,
};

export const Evidence: EvidenceResolvers = {
  article: async (s, _, { loaders }) => (await loaders.article.load(s.articleId))!,
};

export const SearchSnippet: SearchSnippetResolvers = {
  article: (s, _, { loaders }) => (s.articleId === null ? null : loaders.article.load(s.articleId)),
};

const totalCount = { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() };
export const EventConnection: EventConnectionResolvers = totalCount;
export const ActorConnection: ActorConnectionResolvers = totalCount;
export const ArticleConnection: ArticleConnectionResolvers = totalCount;
export const AuditRecordConnection: AuditRecordConnectionResolvers = totalCount;

/** Any JSON value, passed through as it is. */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

function checkDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date as YYYY-MM-DD, got ${quote(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const Date = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO 8601 calendar date, e.g. 2017-10-27.',
  serialize: (v) => checkDate(v),
  parseValue: (v) => checkDate(v),
  parseLiteral: (ast) => checkDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
