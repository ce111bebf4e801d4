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
 * How the article itself names an actor: its first evidence span that is a proper name ("Moscow",
 * "Russia's Foreign Ministry"), without a leading "the" or a trailing possessive; the actor's
 * name when no span is one (a pronoun or a description only). The graph keeps one name per
 * actor across articles; this view shows the words of this article, which is what a reader (and
 * the evaluation, whose gold names come from the text) compares with.
 */
export function namedAsInText(actor: Annotation['actors'][number]): string {
  for (const span of actor.evidence) {
    const text = span.text.replace(/^(?:the|The) /, '').replace(/['’]s$/, '');
    if (/^[A-Z0-9]/.test(text)) return text;
  }
  return actor.name;
}

/**
 * The annotation's events, in its order. A participant's actor is named as the article names it,
 * or by the actor's own name with `canonical` (a hand annotation read as gold); by its id if the
 * annotation lacks the actor; each name once per role, in the order of the participants.
 */
export function eventsFormat(
  annotation: Annotation,
  naming: 'text' | 'canonical' = 'text',
): EventsDocument {
  const names = new Map(
    annotation.actors.map((a) => [a.id, naming === 'text' ? namedAsInText(a) : a.name]),
  );
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
