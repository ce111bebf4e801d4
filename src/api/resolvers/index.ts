import type { Resolvers } from '../../generated/graphql';
import { Actor, Article, Claim, Event, Node, Quote } from './nodes';
import { CurationNote } from '../curation';
import {
  JoinedEvent,
  PossibleDuplicate,
  PossibleDuplicatePair,
  PossibleDuplicatePairConnection,
} from '../duplicates';
import { Mutation } from './mutation';
import { Query } from './query';
import {
  ActorConnection,
  ArticleConnection,
  AuditRecordConnection,
  Date,
  JsonScalar,
  EventConnection,
  EventLink,
  Evidence,
  Participant,
  Position,
  SearchSnippet,
} from './values';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Node,
  Article,
  Actor,
  Event,
  Quote,
  Claim,
  Participant,
  Position,
  EventLink,
  Evidence,
  SearchSnippet,
  EventConnection,
  ActorConnection,
  ArticleConnection,
  AuditRecordConnection,
  CurationNote,
  JoinedEvent,
  PossibleDuplicate,
  PossibleDuplicatePair,
  PossibleDuplicatePairConnection,
  Date,
  JSON: JsonScalar,
};
