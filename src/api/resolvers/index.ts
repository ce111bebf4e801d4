import type { Resolvers } from '../../generated/graphql';
import { Actor, Article, Claim, Event, Node, Quote } from './nodes';
import { Query } from './query';
import {
  ActorConnection,
  ArticleConnection,
  Date,
  EventConnection,
  EventLink,
  Evidence,
  Participant,
  Position,
} from './values';

export const resolvers: Resolvers = {
  Query,
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
  EventConnection,
  ActorConnection,
  ArticleConnection,
  Date,
};
