// Free text that mutations store: notes and article texts. A note is kept twice, on its object
// and in the audit record, so each has a bound, checked before any write starts. Lengths are
// counted as GraphQL and evidence offsets count them: in UTF-16 code units.
import { badInput } from './errors';

/** A note says why a write was made: a few sentences, not a document. */
export const MAX_NOTE_CHARS = 2_000;

/** Far longer than any news article; the request body limit bounds it too. */
export const MAX_ARTICLE_TEXT_CHARS = 500_000;

/**
 * A text ingestText extracts from: the extractor runs inside the request, on the event loop,
 * and takes a second or two for this much. Longer texts go through `mediagraph ingest`.
 */
export const MAX_EXTRACT_TEXT_CHARS = 100_000;

/** `value`, unless it is longer than `max`. */
export function boundedText(value: string, max: number, argument: string): string {
  if (value.length > max) {
    throw badInput(
      `${argument} has ${value.length} characters; at most ${max.toLocaleString('en-US')} are accepted`,
      argument,
    );
  }
  return value;
}

/** A mutation's optional note, checked; null when none was given. */
export function noteOf(note: string | null | undefined, argument = 'note'): string | null {
  return note === null || note === undefined ? null : boundedText(note, MAX_NOTE_CHARS, argument);
}
