// Events that several articles report, as the API shows them: the events an ingest joined, and
// possible duplicates for analysts to settle.
import type {
  JoinedEventResolvers,
  PossibleDuplicatePairConnectionResolvers,
  PossibleDuplicatePairResolvers,
  PossibleDuplicateResolvers,
} from '../generated/graphql';
import type { EventRow } from '../graph/rows';
import type { Loaders } from './loaders';

/** An event the pair names; it exists, since deleting an event (a merge) deletes its pairs. */
async function event(loaders: Loaders, id: string): Promise<EventRow> {
  const row = await loaders.event.load(id);
  if (!row) throw new Error(`Event '${id}' of a possible duplicate or join is not in the graph`);
  return row;
}

export const JoinedEvent: JoinedEventResolvers = {
  annotationEventId: (j) => j.alias,
  event: (j, _, { loaders }) => event(loaders, j.eventId),
};

export const PossibleDuplicatePair: PossibleDuplicatePairResolvers = {
  event: (p, _, { loaders }) => event(loaders, p.eventId),
  other: (p, _, { loaders }) => event(loaders, p.otherId),
  recordedAt: (p) => p.at,
};

export const PossibleDuplicate: PossibleDuplicateResolvers = {
  other: (p, _, { loaders }) => event(loaders, p.otherId),
  recordedAt: (p) => p.at,
};

export const PossibleDuplicatePairConnection: PossibleDuplicatePairConnectionResolvers = {
  totalCount: (c) => c.totalCount(),
};
