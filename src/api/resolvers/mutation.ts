// Mutations: check the caller's role, read the arguments, call the write path. Nothing else.
import type { MutationResolvers } from '../../generated/graphql';
import { changeEdge, changeEvidence, correctEvent, setEventReview } from '../../graph/curation';
import { revokeApiKey } from '../../graph/api-keys';
import { dismissPossibleDuplicate, mergeEvents } from '../../graph/duplicates';
import { WriteRefused } from '../../graph/errors';
import { ingestArticle } from '../../ingest/ingest-article';
import { ingestText } from '../../ingest/ingest-text';
import { isKeyId } from '../../auth/keys';
import { requireRole } from '../access';
import { badInput } from '../errors';
import { boundedText, MAX_ARTICLE_TEXT_CHARS, MAX_EXTRACT_TEXT_CHARS, noteOf } from '../free-text';
import { requireKey } from '../ids';

export const Mutation: MutationResolvers = {
  ingestArticle: (_, { input }, { graph, principal }) =>
    ingestArticle(graph, requireRole(principal, 'EDITOR'), {
      text: boundedText(input.text, MAX_ARTICLE_TEXT_CHARS, 'input.text'),
      annotation: input.annotation,
      note: noteOf(input.note, 'input.note'),
      overwriteCuration: input.overwriteCuration ?? false,
    }),
  ingestText: (_, { input }, { graph, principal }) =>
    ingestText(graph, requireRole(principal, 'EDITOR'), {
      text: boundedText(input.text, MAX_EXTRACT_TEXT_CHARS, 'input.text'),
      title: input.title ?? null,
      source: input.source ?? null,
      url: input.url ?? null,
      publishedOn: input.publishedOn ?? null,
      note: noteOf(input.note, 'input.note'),
      overwriteCuration: input.overwriteCuration ?? false,
    }),
  setEventReview: (_, args, { graph, principal }) =>
    setEventReview(
      graph,
      requireRole(principal, 'EDITOR'),
      requireKey(args.eventId, 'Event', 'eventId'),
      args.status,
      noteOf(args.note),
    ),
  correctEvent: (_, args, { graph, principal }) =>
    correctEvent(
      graph,
      requireRole(principal, 'EDITOR'),
      requireKey(args.eventId, 'Event', 'eventId'),
      args.correction,
      noteOf(args.note),
    ),
  addEventLink: (_, args, { graph, principal }) =>
    changeEdge(graph, requireRole(principal, 'EDITOR'), 'add', link(args), noteOf(args.note)),
  removeEventLink: (_, args, { graph, principal }) =>
    changeEdge(graph, requireRole(principal, 'EDITOR'), 'remove', link(args), noteOf(args.note)),
  addParticipant: (_, args, { graph, principal }) =>
    changeEdge(
      graph,
      requireRole(principal, 'EDITOR'),
      'add',
      participant(args),
      noteOf(args.note),
    ),
  removeParticipant: (_, args, { graph, principal }) =>
    changeEdge(
      graph,
      requireRole(principal, 'EDITOR'),
      'remove',
      participant(args),
      noteOf(args.note),
    ),
  addEvidence: (_, args, { graph, principal }) =>
    changeEvidence(graph, requireRole(principal, 'EDITOR'), 'add', span(args), noteOf(args.note)),
  removeEvidence: (_, args, { graph, principal }) =>
    changeEvidence(
      graph,
      requireRole(principal, 'EDITOR'),
      'remove',
      span(args),
      noteOf(args.note),
    ),
  mergeEvents: (_, args, { graph, principal }) =>
    mergeEvents(
      graph,
      requireRole(principal, 'EDITOR'),
      requireKey(args.keepId, 'Event', 'keepId'),
      requireKey(args.mergeId, 'Event', 'mergeId'),
      noteOf(args.note),
    ),
  dismissPossibleDuplicate: (_, args, { graph, principal }) =>
    dismissPossibleDuplicate(
      graph,
      requireRole(principal, 'EDITOR'),
      requireKey(args.eventId, 'Event', 'eventId'),
      requireKey(args.otherId, 'Event', 'otherId'),
      noteOf(args.note),
    ),
  revokeApiKey: async (_, { id }, { graph, principal, keys }) => {
    const admin = requireRole(principal, 'ADMIN');
    if (!isKeyId(id))
      throw badInput('id must be the id of an API key: 16 hexadecimal digits', 'id');
    const row = await revokeApiKey(graph, id, admin);
    if (!row) throw new WriteRefused('NOT_FOUND', `There is no API key '${id}'.`, 'id');
    keys?.forget(id);
    return row;
  },
};

function link(args: { fromId: string; toId: string; kind: string }) {
  return {
    kind: 'link' as const,
    eventId: requireKey(args.fromId, 'Event', 'fromId'),
    otherId: requireKey(args.toId, 'Event', 'toId'),
    type: args.kind,
  };
}

function participant(args: { eventId: string; actorId: string; role: string }) {
  return {
    kind: 'participant' as const,
    eventId: requireKey(args.eventId, 'Event', 'eventId'),
    otherId: requireKey(args.actorId, 'Actor', 'actorId'),
    type: args.role,
  };
}

function span(args: { eventId: string; articleId: string; start: number; end: number }) {
  return {
    eventId: requireKey(args.eventId, 'Event', 'eventId'),
    articleId: requireKey(args.articleId, 'Article', 'articleId'),
    start: args.start,
    end: args.end,
  };
}
