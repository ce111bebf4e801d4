// The events of an annotation in the evaluation's format, which the scorer compares with gold:
// `{"events": [{"type", "agents", "targets", "modality"}]}`, where agents and targets are the
// names of the actors taking part in the event as AGENT or TARGET. It is what
// `mediagraph extract FILE --format events` prints.
import type { Annotation } from './types';

export interface PredictedEvent {
  type: string;
  agents: string[];
  targets: string[];
  modality: string;
}

export interface EventsDocument {
  events: PredictedEvent[];
}

/**
 * The annotation's events, in its order. A participant's actor is named by its name (by its id if
 * the annotation lacks the actor); each name once per role, in the order of the participants.
 */
export function eventsFormat(annotation: Annotation): EventsDocument {
  const names = new Map(annotation.actors.map((a) => [a.id, a.name]));
  const named = (event: Annotation['events'][number], role: 'AGENT' | 'TARGET') => [
    ...new Set(
      event.participants
        .filter((p) => p.role === role)
        .map((p) => names.get(p.actorId) ?? p.actorId),
    ),
  ];
  return {
    events: annotation.events.map((e) => ({
      type: e.type,
      agents: named(e, 'AGENT'),
      targets: named(e, 'TARGET'),
      modality: e.modality,
    })),
  };
}
